"""Invoice ▸ Issue credit note…: the window corrects an issued invoice with a credit note
(the same action as `collector credit-note`); the invoice's balance drops, a full credit
settles it, and the action is offered only for an invoice still owed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import QPoint, Qt

from collector_gui.core.model import Client, Invoice, InvoiceLine

from tests.helpers.dates import TODAY
from tests.helpers.gui import wait_loaded, writable
from .test_window import _select_invoice


def _invoices(ctx):
    store = writable(ctx)
    client = store.add_client(Client("Cerámica Ñ", language="es"))
    issued = TODAY - dt.timedelta(days=40)
    for number in ("F-1", "F-2"):
        store.add_invoice(Invoice(
            number, client.id, issued, issued + dt.timedelta(days=30), "EUR", 0,
            lines=(InvoiceLine("Diseño", Decimal(1), 100000, Decimal(21)),),
            irpf_rate=Decimal(15)))
    store.add_invoice(Invoice("D-1", client.id, TODAY, TODAY, "EUR", 100, draft=True))


def test_partial_credit_note_from_the_window(qtbot, window, ctx):
    _invoices(ctx)
    _select_invoice(qtbot, window, "F-1")
    assert window.act_credit_note.isEnabled()
    window.act_credit_note.trigger()
    dialog = window.records.dialog
    assert dialog.objectName() == "creditNoteDialog"
    assert not dialog.save_button.isEnabled()  # no reason yet
    qtbot.mouseClick(dialog.full, Qt.MouseButton.LeftButton,
                     pos=QPoint(8, dialog.full.height() // 2))
    assert not dialog.full.isChecked() and dialog.amount.isEnabled()
    qtbot.keyClicks(dialog.amount, "100")
    qtbot.keyClicks(dialog.reason, "Two hours less")
    assert dialog.save_button.isEnabled()
    assert "Credit €106.00; invoice F-1 will owe €954.00." in dialog.preview.text()
    with qtbot.waitSignal(dialog.finished):
        dialog.accept()
    inv = ctx.store.find_invoice("F-1")
    assert inv.balance_minor == 106000 - 10600
    note = ctx.store.find_invoice(f"R-{TODAY.year}-0001")
    assert note.is_credit_note and note.corrects_id == inv.id and note.reason == "Two hours less"


def test_full_credit_settles_and_the_action_is_offered_only_when_owed(qtbot, window, ctx):
    _invoices(ctx)
    _select_invoice(qtbot, window, "D-1")
    assert not window.act_credit_note.isEnabled()  # a draft is deleted or issued, not credited
    _select_invoice(qtbot, window, "F-2")
    window.act_credit_note.trigger()
    dialog = window.records.dialog
    assert dialog.full.isChecked()
    qtbot.keyClicks(dialog.reason, "Order cancelled")
    assert "Credit €1,060.00; invoice F-2 will owe €0.00." in dialog.preview.text()
    with qtbot.waitSignal(dialog.finished):
        dialog.accept()
    assert ctx.store.find_invoice("F-2").balance_minor == 0
    wait_loaded(qtbot, window.invoices.model)
    _select_invoice(qtbot, window, "F-2")
    assert not window.act_credit_note.isEnabled()  # settled: nothing left to credit
    assert "credit note" in window.act_void.statusTip()
