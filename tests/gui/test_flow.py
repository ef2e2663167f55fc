"""A freelancer's day, by hand with the real dialogs: a client, an invoice with two lines and
tax, a partial payment, a promise to pay; then the tables and the dashboard show what
`collector aging --json` prints for the same ledger."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox

from collector_gui.core.aging import BUCKETS
from collector_gui.core.money import format_minor, parse_minor
from collector_gui.ui.models import InvoicesModel, OverdueModel, SortRole

from tests.helpers.dates import TODAY
from tests.helpers.gui import answer, question, wait_loaded, writable


def _save(qtbot, dialog):
    assert dialog.save_button.isEnabled(), dialog.problems.text()
    # the save runs on the writer thread; the dialog may be deleted once it closes
    with qtbot.waitSignal(dialog.finished) as closed:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert closed.args == [QDialog.DialogCode.Accepted.value]


def press(qtbot, window, key, modifiers=Qt.KeyboardModifier.ControlModifier):
    """A shortcut as the user types it (shortcuts go to the active window)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, key, modifiers)


def test_a_day_by_hand(qtbot, window, ctx, capsys):
    store = writable(ctx)

    # -- New client (Ctrl+Shift+N) ---------------------------------------------------------
    press(qtbot, window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier
          | Qt.KeyboardModifier.ShiftModifier)
    dialog = window.records.dialog
    assert dialog is not None and dialog.objectName() == "clientDialog"
    assert not dialog.save_button.isEnabled()  # no name yet
    assert "name" in dialog.problems.text()
    qtbot.keyClicks(dialog.name, "Acme Studio SL")
    qtbot.keyClicks(dialog.email, "pay@acme")
    assert "does not look like an address" in dialog.problems.text()
    qtbot.keyClicks(dialog.email, ".example")
    dialog.terms.setValue(15)
    qtbot.keyClicks(dialog.credit_limit, "1000")
    _save(qtbot, dialog)
    client = store.find_client("Acme Studio SL")
    assert client.payment_terms_days == 15 and client.credit_limit_minor == 100000

    # -- New invoice (Ctrl+N) with two lines and tax ---------------------------------------
    press(qtbot, window, Qt.Key.Key_N)
    dialog = window.records.dialog
    assert dialog.objectName() == "invoiceDialog"
    assert dialog.number.text() == "2026-0001"  # proposed from {year}-{seq:04d}
    dialog.client.setCurrentText("Acme Studio SL")
    assert dialog.due.date().toPython().isoformat() == "2026-12-08"  # 15 days' terms
    qtbot.keyClicks(dialog.line_desc, "Logo design")
    dialog.line_qty.clear()
    qtbot.keyClicks(dialog.line_qty, "2")
    qtbot.keyClicks(dialog.line_price, "300")
    dialog.line_tax.clear()
    qtbot.keyClicks(dialog.line_tax, "21")
    qtbot.keyClick(dialog.line_tax, Qt.Key.Key_Return)
    assert dialog.lines.rowCount() == 1
    qtbot.keyClicks(dialog.line_desc, "Hosting")
    qtbot.keyClicks(dialog.line_price, "50,5")  # a Spanish decimal comma
    dialog.line_tax.clear()
    qtbot.keyClicks(dialog.line_tax, "10")
    qtbot.mouseClick(dialog.add_line, Qt.MouseButton.LeftButton)
    assert dialog.lines.rowCount() == 2
    # 600.00 + 21% = 726.00; 50.50 + 10% = 55.55: 781.55, under the 1000.00 credit limit
    assert "Total €781.55" in dialog.totals.text()
    assert not dialog.warning.isVisible()
    _save(qtbot, dialog)
    invoice = store.find_invoice("2026-0001")
    assert invoice.total_minor == 78155 and len(invoice.lines) == 2
    assert invoice.due_date.isoformat() == "2026-12-08"

    # A second invoice, issued long ago, that is overdue; and over the credit limit.
    press(qtbot, window, Qt.Key.Key_N)
    dialog = window.records.dialog
    dialog.client.setCurrentText("Acme Studio SL")
    dialog.issue.setDate(TODAY.replace(month=8, day=1))
    assert dialog.number.text() == "2026-0002"
    qtbot.keyClicks(dialog.line_desc, "Website")
    qtbot.keyClicks(dialog.line_price, "400")
    qtbot.keyClick(dialog.line_price, Qt.Key.Key_Return)
    assert dialog.warning.isVisible()
    assert "credit limit" in dialog.warning.text()
    # saving past the limit asks first; the user saves anyway
    assert dialog.save_button.isEnabled(), dialog.problems.text()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    box = question(qtbot, parent=dialog)
    assert "credit limit" in box.text()
    with qtbot.waitSignal(dialog.finished) as closed:
        answer(qtbot, box, QMessageBox.ButtonRole.AcceptRole)
    assert closed.args == [QDialog.DialogCode.Accepted.value]

    # -- Partial payment (Ctrl+P) on the selected invoice ---------------------------------
    window.show_page(2)
    page = window.invoices
    wait_loaded(qtbot, page.model)
    assert page.model.rowCount() == 2
    row = page.model.row_of_id(invoice.id)
    page.table.selectRow(row)
    assert page.current_invoice_id() == invoice.id
    press(qtbot, window, Qt.Key.Key_P)
    dialog = window.records.dialog
    assert dialog.objectName() == "paymentDialog"
    assert dialog.number.text() == "2026-0001"
    assert dialog.amount.text() == "781.55"  # the balance, proposed
    dialog.amount.clear()
    qtbot.keyClicks(dialog.amount, "900")
    assert "more than" in dialog.problems.text()
    dialog.amount.clear()
    qtbot.keyClicks(dialog.amount, "281.55")
    qtbot.keyClicks(dialog.reference, "TRF-1")
    _save(qtbot, dialog)
    assert store.get_invoice(invoice.id).paid_minor == 28155

    wait_loaded(qtbot, page.model)
    index = page.model.index(page.model.row_of_id(invoice.id), InvoicesModel.Col.BALANCE)
    assert index.data() == "€500.00"
    assert index.data(SortRole) == 50000
    status = page.model.index(index.row(), InvoicesModel.Col.STATUS).data()
    assert status == "Partially paid"

    # -- A promise to pay (Ctrl+Shift+P) for the overdue invoice --------------------------
    window.show_page(3)
    overdue = window.overdue
    wait_loaded(qtbot, overdue.model)
    assert overdue.model.rowCount() == 1
    overdue.table.selectRow(0)
    press(qtbot, window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier
          | Qt.KeyboardModifier.ShiftModifier)
    dialog = window.records.dialog
    assert dialog.objectName() == "contactDialog"
    assert dialog.kind_value() == "promise"
    assert [i for i, _ in dialog.checked_invoices()] == [store.find_invoice("2026-0002").id]
    qtbot.keyClicks(dialog.promised_amount, "200")
    qtbot.keyClicks(dialog.subject, "Called, will pay half on Friday")
    _save(qtbot, dialog)
    events = store.events_of(client.id)
    assert len(events) == 1 and events[0].promised_minor == 20000

    wait_loaded(qtbot, overdue.model)
    last = overdue.model.index(0, OverdueModel.Col.LAST_CONTACT).data()
    assert last == "Nov 23, 2026"
    window.show_page(4)
    wait_loaded(qtbot, window.activity.model)
    assert window.activity.model.rowCount() == 1

    # -- The dashboard agrees with `collector aging --json` -------------------------------
    window.show_page(0)
    qtbot.waitUntil(lambda: not window.dashboard.loading)
    expected = store.aging(TODAY).as_json()
    assert expected["currencies"]["EUR"]["total"] == "900.00"
    assert expected["currencies"]["EUR"]["1-30"] == "0.00"
    for cur, row in expected["currencies"].items():
        for key in (*BUCKETS, "total"):
            label = window.dashboard.findChild(QLabel, f"{key}_{cur}")
            assert label.text() == format_minor(parse_minor(row[key], cur), cur, "en_US")
    overdue_label = window.dashboard.findChild(QLabel, "overdue_EUR")
    assert overdue_label.text() == "€400.00"  # 2026-0002, due in August

    from collector_gui.cli import main

    capsys.readouterr()
    assert main(["--ledger", str(ctx.path), "aging", "--json", "--as-of",
                 TODAY.isoformat()]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == expected
