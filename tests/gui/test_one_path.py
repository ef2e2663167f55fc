"""One path from the window to the ledger: every write is an actions operation run on the
writer thread; the window's own (UI-thread) connection never writes; after a write the rows
already loaded are read again in place."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from collector_gui.core.errors import CollectorError
from collector_gui.core.model import Client, Invoice
from collector_gui.ui.models import InvoicesModel

from tests.helpers.dates import TODAY
from tests.helpers.gui import open_window, wait_loaded, wait_written, writable

def _many_invoices(ctx, n: int) -> None:
    store = writable(ctx)
    with store.ledger.write():
        client = store.add_client(Client("Bulk Buyer SL"))
        for i in range(n):
            store.add_invoice(Invoice(f"B-{i:04d}", client.id, TODAY - dt.timedelta(days=40),
                                      TODAY - dt.timedelta(days=10), "EUR", 1000 + i))


def test_a_write_keeps_rows_selection_and_scroll(qtbot, qtmodeltester, ctx):
    """600 rows loaded, row 450 selected, Mark disputed: still 600 rows, row 450 selected,
    the same scroll position, and the row repainted."""
    # exactly 600: with more, the view itself may fetch the next page at any moment
    # (QAbstractItemView's fetchMore timer); test_a_reload_reads_only_the_rows_loaded covers
    # a ledger with more rows than are loaded
    _many_invoices(ctx, 600)
    window = open_window(qtbot, ctx)
    window.show_page(2)
    page = window.invoices
    model = page.model
    qtmodeltester.check(model)  # watching before the write
    wait_loaded(qtbot, model)
    while model.rowCount() < 600:
        with qtbot.waitSignal(model.rowsInserted):
            model.fetchMore(QModelIndex())
        wait_loaded(qtbot, model)
    assert model.rowCount() == 600
    page.table.selectRow(450)
    page.table.scrollTo(model.index(450, 0))
    selected = page.current_invoice_id()
    bar = page.table.verticalScrollBar()
    scroll = bar.value()
    assert scroll > 0
    with qtbot.assertNotEmitted(model.modelReset):
        window.act_disputed.trigger()
        wait_written(qtbot, window.records.command.task)
        wait_loaded(qtbot, model)
    assert ctx.store.get_invoice(selected).disputed
    assert model.rowCount() == 600
    assert page.table.currentIndex().row() == 450
    assert [i.row() for i in page.table.selectionModel().selectedRows()] == [450]
    assert page.current_invoice_id() == selected
    assert bar.value() == scroll
    status = model.index(450, InvoicesModel.Col.STATUS).data()
    assert "Disputed" in status
    window.close()


def test_a_reload_reads_only_the_rows_loaded(qtbot, qtmodeltester, ctx):
    """700 invoices, 600 loaded: a write elsewhere, a reload: the same 600 rows, in place."""
    _many_invoices(ctx, 700)
    model = InvoicesModel(ctx)
    qtmodeltester.check(model)
    model.refresh()
    wait_loaded(qtbot, model)
    while model.rowCount() < 600:
        model.fetchMore(QModelIndex())
        wait_loaded(qtbot, model)
    ids = model.ids()
    changed = ids[450]
    writable(ctx).set_invoice_flags(changed, disputed=True)
    with qtbot.assertNotEmitted(model.modelReset), \
            qtbot.waitSignal(model.dataChanged) as repainted:
        model.reload()
    wait_loaded(qtbot, model)
    assert model.ids() == ids
    assert repainted.args[0].row() == 0 and repainted.args[1].row() == 599
    assert model.row_at(450).disputed


def test_no_write_goes_through_the_ui_thread(qtbot, ctx):
    """A day's work in the window: flags, undo/redo, a payment, a new client, the settings,
    deleting a draft. The UI-thread connection writes no row."""
    store = writable(ctx)
    client = store.add_client(Client("Acme", email="ap@acme.test"))
    invoice = store.add_invoice(Invoice("A-1", client.id, TODAY, TODAY, "EUR", 10000))
    store.add_invoice(Invoice("D-1", client.id, TODAY, TODAY, "EUR", 500, draft=True))
    before = ctx.ledger.conn.total_changes  # rows this connection ever wrote
    window = open_window(qtbot, ctx)
    window.show_page(2)
    page = window.invoices
    wait_loaded(qtbot, page.model)
    page.table.selectRow(page.model.row_of_id(invoice.id))

    window.act_disputed.trigger()
    wait_written(qtbot, window.records.command.task)
    ctx.undo.undo()
    wait_written(qtbot, window.records.command.task)
    ctx.undo.redo()
    wait_written(qtbot, window.records.command.task)
    assert ctx.store.get_invoice(invoice.id).disputed

    dialog = window.records.record_payment()
    dialog.amount.setText("25")
    with qtbot.waitSignal(dialog.finished) as closed:
        dialog.accept()
    assert closed.args == [QDialog.DialogCode.Accepted.value]
    assert ctx.store.get_invoice(invoice.id).paid_minor == 2500

    dialog = window.records.new_client()
    dialog.name.setText("Beta")
    with qtbot.waitSignal(dialog.finished):
        dialog.accept()
    assert ctx.store.find_client("Beta") is not None

    window.open_settings()
    settings = window.dialog
    settings.profile.fields()["business.name"].setText("Sam")
    with qtbot.waitSignal(settings.finished):
        settings.accept()
    assert ctx.store.get_setting("business.name") == "Sam"

    wait_loaded(qtbot, page.model)
    page.table.selectRow(page.model.row_of_id(ctx.store.find_invoice("D-1").id))
    box = window.records.delete_draft()
    yes = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
    with qtbot.waitSignal(box.finished):
        qtbot.mouseClick(yes, Qt.MouseButton.LeftButton)
    wait_written(qtbot, window.records.task)
    assert ctx.store.find_invoice("D-1") is None

    # every one of those writes ran on the writer thread's connection
    assert ctx.ledger.conn.total_changes == before
    window.close()


def test_the_ui_connection_refuses_writes(ctx):
    """A write through the window's own store fails at once, and writes nothing."""
    with pytest.raises((sqlite3.Error, CollectorError)):
        ctx.store.set_setting("business.name", "Written on the UI thread")
    assert ctx.ledger.conn.total_changes == 0
    assert ctx.store.get_setting("business.name") in (None, "")
