"""The record dialogs validate as the user types, say what is wrong, and write nothing
half-done."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog

from collector_gui.core import settings as S
from collector_gui.core.model import Client, EventKind, Invoice, InvoiceLine
from collector_gui.ui.dialogs.client import ClientDialog
from collector_gui.ui.dialogs.contact import ContactDialog
from collector_gui.ui.dialogs.invoice import InvoiceDialog
from collector_gui.ui.dialogs.payment import PaymentDialog
from collector_gui.ui.dialogs.settings import FirstRunDialog, SettingsDialog
from tests.helpers.gui import writable

from tests.helpers.dates import TODAY


def _open(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


@pytest.fixture
def acme(ctx):
    return writable(ctx).add_client(Client("Acme", currency="EUR", payment_terms_days=30,
                                       credit_limit_minor=50000))


def test_client_name_must_be_new(qtbot, ctx, acme):
    dialog = _open(qtbot, ClientDialog(ctx))
    qtbot.keyClicks(dialog.name, "ACME")
    assert "already a client named Acme" in dialog.problems.text()
    assert not dialog.save_button.isEnabled()
    qtbot.keyClicks(dialog.name, " Two")
    assert dialog.save_button.isEnabled()


@pytest.mark.parametrize("field,text,problem", [
    ("credit_limit", "12.345,00", "credit limit"),  # not how an English window writes it
    ("credit_limit", "-5", "credit limit"),
    ("billing_email", "nobody", "billing email"),
])
def test_client_field_problems(qtbot, ctx, field, text, problem):
    dialog = _open(qtbot, ClientDialog(ctx))
    qtbot.keyClicks(dialog.name, "New one")
    qtbot.keyClicks(getattr(dialog, field), text)
    assert problem in dialog.problems.text()
    assert not dialog.save_button.isEnabled()
    dialog.accept()  # refused, nothing written
    assert ctx.store.find_client("New one") is None


def test_client_currency_is_checked(qtbot, ctx):
    dialog = _open(qtbot, ClientDialog(ctx))
    qtbot.keyClicks(dialog.name, "Yen")
    dialog.currency.setCurrentText("XYZ")
    assert "currency code" in dialog.problems.text()
    dialog.currency.setCurrentText("jpy")
    qtbot.keyClicks(dialog.credit_limit, "1000.5")
    assert "credit limit" in dialog.problems.text()  # yen have no cents
    dialog.credit_limit.setText("1000")
    with qtbot.waitSignal(dialog.finished):
        dialog.accept()
    client = ctx.store.find_client("Yen")
    assert (client.currency, client.credit_limit_minor) == ("JPY", 1000)


def test_client_defaults_come_from_the_profile(qtbot, ctx):
    writable(ctx).set_setting(S.BUSINESS_CURRENCY.key, "GBP")
    writable(ctx).set_setting(S.BUSINESS_PAYMENT_TERMS.key, "14")
    dialog = _open(qtbot, ClientDialog(ctx))
    assert dialog.currency.currentText() == "GBP" and dialog.terms.value() == 14


def test_invoice_defaults_follow_client_and_dates(qtbot, ctx, acme):
    dialog = _open(qtbot, InvoiceDialog(ctx))
    assert "Choose a client" in dialog.problems.text()
    assert "at least one line" in dialog.problems.text()
    dialog.client.setCurrentText("Acme")
    assert dialog.due.date().toPython() == TODAY + dt.timedelta(days=30)
    dialog.issue.setDate(QDate(2027, 1, 10))
    assert dialog.number.text() == "2027-0001"  # the year's own sequence
    assert dialog.due.date().toPython() == dt.date(2027, 2, 9)
    dialog.due.setDate(QDate(2027, 1, 5))
    assert "before the issue date" in dialog.problems.text()
    dialog.issue.setDate(QDate(2026, 12, 1))
    assert dialog.due.date().toPython() == dt.date(2027, 1, 5)  # typed by hand: kept


@pytest.mark.parametrize("qty,price,tax,problem", [
    ("two", "10", "0", "quantity"),
    ("0", "10", "0", "more than zero"),
    ("1", "10.001", "0", "unit price"),
    ("1", "10", "150", "between 0 and 100"),
    ("1", "10", "x", "tax rate"),
])
def test_invoice_line_problems(qtbot, ctx, acme, qty, price, tax, problem):
    dialog = _open(qtbot, InvoiceDialog(ctx, client_id=acme.id))
    qtbot.keyClicks(dialog.line_desc, "Work")
    dialog.line_qty.setText(qty)
    dialog.line_price.setText(price)
    dialog.line_tax.setText(tax)
    assert problem in dialog.problems.text()
    qtbot.keyClick(dialog.line_tax, Qt.Key.Key_Return)
    assert dialog.lines.rowCount() == 0  # a wrong line is not added
    dialog.accept()
    assert ctx.store.counts()["invoices"] == 0


def test_invoice_number_must_be_new_and_warns_over_limit(qtbot, ctx, acme):
    writable(ctx).add_invoice(Invoice("2026-0001", acme.id, TODAY, TODAY, "EUR", 40000))
    dialog = _open(qtbot, InvoiceDialog(ctx, client_id=acme.id))
    assert dialog.number.text() == "2026-0002"
    dialog.number.setText("2026-0001")
    assert "exists already" in dialog.problems.text()
    dialog.number.setText("2026-0002")
    qtbot.keyClicks(dialog.line_desc, "More work")
    qtbot.keyClicks(dialog.line_price, "200")
    assert "over their credit limit of €500.00 by €100.00" in dialog.warning.text()
    dialog.draft.setChecked(True)  # a draft is not owed yet: no warning
    assert not dialog.warning.isVisible()
    with qtbot.waitSignal(dialog.finished):
        dialog.accept()
    saved = ctx.store.find_invoice("2026-0002")
    assert saved.draft and saved.total_minor == 20000


def test_edit_invoice_keeps_lines_and_paid_floor(qtbot, ctx, acme):
    from collector_gui.core.model import Payment

    inv = writable(ctx).add_invoice(Invoice("E-1", acme.id, TODAY, TODAY, "EUR", 0, lines=(
        InvoiceLine("A", Decimal(1), 10000), InvoiceLine("B", Decimal(2), 500))))
    writable(ctx).add_payment(Payment(inv.id, TODAY, 9000))
    dialog = _open(qtbot, InvoiceDialog(ctx, ctx.store.get_invoice(inv.id)))
    assert dialog.lines.rowCount() == 2 and dialog.number.text() == "E-1"
    dialog.lines.setData(dialog.lines.index(0, 2), "50")
    assert "less than what was already paid" in dialog.problems.text()
    dialog.lines.setData(dialog.lines.index(0, 2), "120")
    with qtbot.waitSignal(dialog.finished):
        dialog.accept()
    assert ctx.store.get_invoice(inv.id).total_minor == 13000


@pytest.fixture
def invoices(ctx, acme):
    store = writable(ctx)
    open_ = store.add_invoice(Invoice("O-1", acme.id, TODAY, TODAY, "EUR", 10000))
    draft = store.add_invoice(Invoice("D-1", acme.id, TODAY, TODAY, "EUR", 10000, draft=True))
    void = store.add_invoice(Invoice("X-1", acme.id, TODAY, TODAY, "EUR", 10000, void=True))
    return open_, draft, void


@pytest.mark.parametrize("number,amount,problem", [
    ("", "", "number of the invoice"),
    ("D-1", "10", "is a draft"),
    ("X-1", "10", "is void"),
    ("O-1", "100.01", "more than the €100.00 still owed"),
    ("O-1", "0", "more than zero"),
    ("O-1", "1.000,00", "amount received"),
])
def test_payment_problems(qtbot, ctx, invoices, number, amount, problem):
    dialog = _open(qtbot, PaymentDialog(ctx))
    dialog.number.setText(number)
    dialog.amount.setText(amount)
    assert problem in dialog.problems.text()
    dialog.accept()
    assert ctx.store.counts()["payments"] == 0


def test_payment_then_undo(qtbot, ctx, invoices):
    open_ = invoices[0]
    dialog = _open(qtbot, PaymentDialog(ctx, open_.id))
    assert "Acme — total €100.00, still owed €100.00" == dialog.about.text()
    dialog.amount.setText("40,5")
    with qtbot.waitSignal(dialog.finished):
        dialog.accept()
    assert ctx.store.get_invoice(open_.id).paid_minor == 4050
    ctx.undo.undo()  # an op on the writer thread
    qtbot.waitUntil(lambda: ctx.store.get_invoice(open_.id).paid_minor == 0)
    ctx.undo.redo()
    qtbot.waitUntil(lambda: ctx.store.get_invoice(open_.id).paid_minor == 4050)


def test_contact_promise_fields(qtbot, ctx, invoices):
    dialog = _open(qtbot, ContactDialog(ctx, EventKind.CALL, client_id=invoices[0].client_id))
    assert not dialog.promised_amount.isEnabled()
    assert dialog.invoices.count() == 1  # only the open invoice
    dialog.kind.setCurrentIndex(dialog.kind.findData("promise"))
    assert dialog.promised_amount.isEnabled()
    dialog.promised_date.setDate(QDate(2026, 11, 1))
    assert "in the past" in dialog.problems.text()
    dialog.promised_date.setDate(QDate(2026, 12, 1))
    dialog.promised_amount.setText("abc")
    assert "promised amount" in dialog.problems.text()
    dialog.promised_amount.setText("")  # the whole balance
    assert dialog.save_button.isEnabled()
    with qtbot.waitSignal(dialog.finished):
        dialog.accept()
    (event,) = ctx.store.events_of(invoices[0].client_id)
    assert event.kind == "promise" and event.promised_date == dt.date(2026, 12, 1)
    assert event.promised_minor is None and event.invoice_ids == ()


def test_settings_pattern_and_profile_in_one_go(qtbot, ctx):
    dialog = _open(qtbot, SettingsDialog(ctx))
    dialog.pattern.setText("INV-{year}")
    assert "{seq}" in dialog.problems.text()
    dialog.pattern.setText("INV-{year}-{seq:03d}")
    assert dialog.preview.text() == "INV-2026-001"
    name = dialog.profile.findChild(type(dialog.pattern), S.BUSINESS_NAME.key)
    qtbot.keyClicks(name, "Ana Freelance")
    with qtbot.waitSignal(dialog.finished):
        dialog.accept()
    values = ctx.business()
    assert values.get(S.BUSINESS_NAME) == "Ana Freelance"
    assert values.get(S.INVOICE_NUMBER_PATTERN) == "INV-{year}-{seq:03d}"


def test_first_run_profile_can_be_skipped_or_saved(qtbot):
    dialog = _open(qtbot, FirstRunDialog())
    qtbot.mouseClick(dialog.empty_button, Qt.MouseButton.LeftButton)
    assert dialog.choice == "empty" and dialog.page_index == 1
    name = dialog.profile.findChild(type(dialog.profile.currency.lineEdit()), S.BUSINESS_NAME.key)
    qtbot.keyClicks(name, "Studio")
    with qtbot.waitSignal(dialog.finished):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.profile_values[S.BUSINESS_NAME.key] == "Studio"

    other = _open(qtbot, FirstRunDialog())
    qtbot.mouseClick(other.sample_button, Qt.MouseButton.LeftButton)
    assert other.choice == "sample" and other.profile_values is None
