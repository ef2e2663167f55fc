"""A new or changed invoice that takes the client past their credit limit: a warning in the
dialog, and a question before it is saved."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from collector_gui.core.model import Client, Invoice, InvoiceLine
from collector_gui.ui.dialogs.invoice import InvoiceDialog
from tests.helpers.dates import TODAY
from tests.helpers.gui import writable


@pytest.fixture
def acme(ctx):
    store = writable(ctx)
    client = store.add_client(Client("Acme", currency="EUR", credit_limit_minor=50000))
    store.add_invoice(Invoice("2026-0001", client.id, TODAY, TODAY, "EUR", 40000,
                              lines=(InvoiceLine("Work", Decimal(1), 40000),)))
    return client


def _question(qtbot, dialog) -> QMessageBox:
    """The question *dialog* asks (not a box some other test's dialog left open)."""
    found: list[QMessageBox] = []

    def visible() -> bool:
        found[:] = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)
                    and w.objectName() == "askUser" and w.isVisible()
                    and w.parent() is dialog]
        return bool(found)

    qtbot.waitUntil(visible)
    return found[0]


def _answer(qtbot, box: QMessageBox, role: QMessageBox.ButtonRole) -> None:
    button = next(b for b in box.buttons() if box.buttonRole(b) == role)
    with qtbot.waitSignal(box.finished):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _dialog(qtbot, ctx, **kw) -> InvoiceDialog:
    dialog = InvoiceDialog(ctx, **kw)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_new_invoice_over_the_limit_asks_before_saving(qtbot, ctx, acme):
    dialog = _dialog(qtbot, ctx, client_id=acme.id)
    qtbot.keyClicks(dialog.line_desc, "More work")
    qtbot.keyClicks(dialog.line_price, "200")
    dialog.add_pending_line()
    assert dialog.warning.isVisible()
    assert "over their credit limit of €500.00 by €100.00" in dialog.warning.text()
    dialog.accept()
    box = _question(qtbot, dialog)
    assert "over their credit limit" in box.text()
    _answer(qtbot, box, QMessageBox.ButtonRole.RejectRole)  # Cancel: nothing saved
    assert dialog.isVisible() and ctx.store.find_invoice("2026-0002") is None
    dialog.accept()
    with qtbot.waitSignal(dialog.finished):
        _answer(qtbot, _question(qtbot, dialog), QMessageBox.ButtonRole.AcceptRole)
    assert ctx.store.find_invoice("2026-0002").total_minor == 20000


def test_within_the_limit_saves_without_a_question(qtbot, ctx, acme):
    dialog = _dialog(qtbot, ctx, client_id=acme.id)
    qtbot.keyClicks(dialog.line_desc, "Small")
    qtbot.keyClicks(dialog.line_price, "100")
    dialog.add_pending_line()
    assert not dialog.warning.isVisible()
    with qtbot.waitSignal(dialog.finished):
        dialog.accept()
    assert ctx.store.find_invoice("2026-0002").total_minor == 10000


def test_editing_an_invoice_past_the_limit_asks(qtbot, ctx, acme):
    first = ctx.store.find_invoice("2026-0001")
    dialog = _dialog(qtbot, ctx, invoice=replace(first))
    assert not dialog.warning.isVisible()  # as it is, within the limit
    qtbot.keyClicks(dialog.line_desc, "Extra")
    qtbot.keyClicks(dialog.line_price, "150")
    dialog.add_pending_line()
    # the invoice itself is no longer 400.00 owed on top: 400 + 150 -> 50.00 over
    assert "by €50.00" in dialog.warning.text()
    dialog.accept()
    _answer(qtbot, _question(qtbot, dialog), QMessageBox.ButtonRole.RejectRole)
    assert ctx.store.find_invoice("2026-0001").total_minor == 40000


def test_spanish_warning(qtbot, qapp, store, settings):
    from collector_gui.ui.window_language import install_translators
    from tests.helpers.gui import close_ctx, make_ctx

    client = store.add_client(Client("Acme", currency="EUR", credit_limit_minor=50000))
    store.add_invoice(Invoice("2026-0001", client.id, TODAY, TODAY, "EUR", 40000))
    assert install_translators("es")
    ctx = make_ctx(store.ledger, settings, locale="es_ES", language="es")
    try:
        dialog = _dialog(qtbot, ctx, client_id=client.id)
        qtbot.keyClicks(dialog.line_desc, "Trabajo")
        qtbot.keyClicks(dialog.line_price, "200")
        dialog.add_pending_line()
        assert "límite de crédito" in dialog.warning.text()
        dialog.accept()
        box = _question(qtbot, dialog)
        assert "límite de crédito" in box.text()
        assert any(b.text() == "Guardar igualmente" for b in box.buttons())
        _answer(qtbot, box, QMessageBox.ButtonRole.RejectRole)
        dialog.reject()
    finally:
        install_translators("en")
        close_ctx(ctx)
