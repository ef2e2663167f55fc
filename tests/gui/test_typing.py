"""The dialogs at a Spanish freelancer's keyboard: amounts and dates typed the locale's way,
nothing typed lost without a question, Ctrl+S / Ctrl+Return / Enter save, the focus where
typing starts."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from collector_gui.core.model import Client, EventKind, Invoice
from collector_gui.ui import window_language
from collector_gui.ui.dialogs.client import ClientDialog
from collector_gui.ui.dialogs.contact import ContactDialog
from collector_gui.ui.dialogs.invoice import InvoiceDialog
from collector_gui.ui.dialogs.payment import PaymentDialog
from collector_gui.ui.dialogs.settings import FirstRunDialog, SettingsDialog
from tests.helpers.dates import TODAY
from tests.helpers.gui import close_ctx, make_ctx, writable

CTRL = Qt.KeyboardModifier.ControlModifier
# A popup (the calendar, the completer's list) asks the offscreen platform for what it has not.
popups = pytest.mark.qt_log_ignore("does not support grabbing the keyboard",
                                   "does not support raise", "does not support propagateSizeHints")


@pytest.fixture
def es_ctx(qapp, ledger, settings):
    """A Spanish window's context: Spanish words, es_ES numbers and dates."""
    assert window_language.install_translators("es")
    context = make_ctx(ledger, settings, locale="es_ES", language="es")
    yield context
    close_ctx(context)
    window_language.install_translators("en")


@pytest.fixture
def owed(ctx):
    """A client who owes 6,000.00 EUR on one invoice (on the test's own connection)."""
    store = writable(ctx)
    client = store.add_client(Client("Gutiérrez Estudio", currency="EUR", language="es"))
    invoice = store.add_invoice(Invoice("2026-0007", client.id, TODAY, TODAY, "EUR", 600000))
    return client, invoice


def _shown(qtbot, dialog):
    """The dialog as the user meets it: shown and active (shortcuts go to the active window)."""
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def _question(qtbot) -> QMessageBox:
    found: list[QMessageBox] = []

    def seen() -> bool:
        found[:] = [w for w in QApplication.topLevelWidgets()
                    if isinstance(w, QMessageBox) and w.objectName() == "askUser"
                    and w.isVisible()]
        return bool(found)

    qtbot.waitUntil(seen)
    return found[0]


def _answer(qtbot, box: QMessageBox, role: QMessageBox.ButtonRole) -> None:
    (button,) = [b for b in box.buttons() if box.buttonRole(b) == role]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _payments(ctx, invoice_id: int) -> list[int]:
    return [p.amount_minor for p in ctx.store.payments_of(invoice_id)]


# -- amounts and dates in the locale's way --------------------------------------------------

def test_spanish_amount_typed_and_saved_with_ctrl_s(qtbot, es_ctx, owed):
    _client, invoice = owed
    dialog = _shown(qtbot, PaymentDialog(es_ctx, invoice.id))
    assert dialog.amount.text() == "6.000,00"  # the balance, as a Spanish window writes it
    assert QApplication.focusWidget() is dialog.amount  # typing starts at the amount
    dialog.amount.clear()
    qtbot.keyClicks(dialog.amount, "5.000,00")
    dialog.date.edit.clear()
    qtbot.keyClicks(dialog.date.edit, "20/11/26")  # no Tabs between day, month and year
    assert dialog.problems.text() == ""
    with qtbot.waitSignal(dialog.finished) as closed:
        qtbot.keyClick(dialog.amount, Qt.Key.Key_S, CTRL)
    assert closed.args == [QDialog.DialogCode.Accepted.value]
    (payment,) = es_ctx.store.payments_of(invoice.id)
    assert (payment.amount_minor, payment.date) == (500000, dt.date(2026, 11, 20))


@pytest.mark.parametrize("typed,minor", [("1.200", 120000), ("1200,5", 120050),
                                         ("5000", 500000), ("2026-11-20", None)])
def test_spanish_amounts(qtbot, es_ctx, owed, typed, minor):
    dialog = _shown(qtbot, PaymentDialog(es_ctx, owed[1].id))
    dialog.amount.clear()
    qtbot.keyClicks(dialog.amount, typed)
    if minor is None:
        assert "12.345,67" in dialog.problems.text()  # says how a Spanish window writes it
        assert not dialog.save_button.isEnabled()
    else:
        assert dialog.amount.minor() == minor and dialog.save_button.isEnabled()


def test_english_amount(qtbot, ctx, owed):
    dialog = _shown(qtbot, PaymentDialog(ctx, owed[1].id))
    assert dialog.amount.text() == "6,000.00"
    dialog.amount.clear()
    qtbot.keyClicks(dialog.amount, "5,000.00")
    assert dialog.amount.minor() == 500000
    dialog.amount.clear()
    qtbot.keyClicks(dialog.amount, "5.000,00")
    assert "12,345.67" in dialog.problems.text()


@pytest.mark.parametrize("typed", ["30/11/2026", "30/11/26", "30 nov 2026", "2026-11-30"])
def test_spanish_dates(qtbot, es_ctx, owed, typed):
    dialog = _shown(qtbot, InvoiceDialog(es_ctx, client_id=owed[0].id))
    dialog.due.edit.clear()
    qtbot.keyClicks(dialog.due.edit, typed)
    assert dialog.due.date().toPython() == dt.date(2026, 11, 30)
    dialog.due.edit.editingFinished.emit()
    assert dialog.due.text() == "30 nov 2026"  # shown as the tables show it


def test_a_wrong_date_is_named_and_blocks_saving(qtbot, es_ctx, owed):
    dialog = _shown(qtbot, ContactDialog(es_ctx, EventKind.PROMISE, client_id=owed[0].id))
    assert dialog.at.text().startswith("23/11/2026 ")  # when: the Spanish short date
    assert QApplication.focusWidget() is dialog.promised_amount  # a promise starts there
    dialog.promised_date.edit.clear()
    qtbot.keyClicks(dialog.promised_date.edit, "31/11/2026")
    assert "31/11/2026" in dialog.problems.text() and "23/11/26" in dialog.problems.text()
    assert not dialog.save_button.isEnabled()
    dialog.promised_date.edit.clear()
    qtbot.keyClicks(dialog.promised_date.edit, "1/12")
    assert dialog.save_button.isEnabled()
    qtbot.keyClicks(dialog.promised_amount, "1.500")
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(dialog.subject, Qt.Key.Key_Return, CTRL)
    (event,) = es_ctx.store.events_of(owed[0].id)
    assert (event.promised_date, event.promised_minor) == (dt.date(2026, 12, 1), 150000)


@popups
def test_calendar_popup_picks_a_date(qtbot, es_ctx, owed):
    dialog = _shown(qtbot, InvoiceDialog(es_ctx, client_id=owed[0].id))
    dialog.issue.edit.setFocus()
    qtbot.keyClick(dialog.issue.edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    popup = dialog.issue._popup
    assert popup is not None and popup.isVisible()
    popup.calendar.setSelectedDate(popup.calendar.selectedDate().addDays(3))
    assert popup.calendar.isAncestorOf(QApplication.focusWidget())  # the keys go to the grid
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert not popup.isVisible()
    assert dialog.issue.date().toPython() == TODAY + dt.timedelta(days=3)


def test_credit_limit_in_spanish(qtbot, es_ctx):
    dialog = _shown(qtbot, ClientDialog(es_ctx))
    qtbot.keyClicks(dialog.name, "Nuevo")
    qtbot.keyClicks(dialog.credit_limit, "12.000")
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(dialog.name, Qt.Key.Key_S, CTRL)
    client = es_ctx.store.find_client("Nuevo")
    assert client.credit_limit_minor == 1200000


# -- a new client in a Spanish window -------------------------------------------------------

def test_new_client_speaks_the_windows_language(qtbot, es_ctx, ctx):
    dialog = _shown(qtbot, ClientDialog(es_ctx))
    assert dialog.language.currentData() == "es"
    assert dialog.currency.currentText() == "EUR"  # the business default
    english = _shown(qtbot, ClientDialog(ctx))
    assert english.language.currentData() == "en"
    # a default language the business set wins over the window's
    store = writable(es_ctx)
    store.set_setting("business.language", "en")
    store.set_setting("business.currency", "GBP")
    dialog = _shown(qtbot, ClientDialog(es_ctx))
    assert (dialog.language.currentData(), dialog.currency.currentText()) == ("en", "GBP")


def test_the_first_run_profile_of_a_spanish_window_keeps_clients_spanish(qtbot, es_ctx):
    """Saved as it stood, the first start's profile once stored "English" as every new
    client's language, in a Spanish window (the form showed the setting's default)."""
    dialog = FirstRunDialog()
    qtbot.addWidget(dialog)
    combo = dialog.profile.language
    assert combo.currentData() == "es" and combo.currentText() == "Español"
    assert dialog.profile.values()["business.language"] == "es"
    english = FirstRunDialog(window_language="en")
    qtbot.addWidget(english)
    assert english.profile.language.currentData() == "en"
    # the settings dialog shows the same default, and a language the business set wins
    settings = SettingsDialog(es_ctx)
    qtbot.addWidget(settings)
    assert settings.profile.language.currentData() == "es"
    writable(es_ctx).set_setting("business.language", "en")
    again = SettingsDialog(es_ctx)
    qtbot.addWidget(again)
    assert again.profile.language.currentData() == "en"


# -- nothing typed is lost without a question --------------------------------------------------

def test_esc_asks_only_when_something_was_typed(qtbot, ctx, owed):
    untouched = _shown(qtbot, InvoiceDialog(ctx))
    with qtbot.waitSignal(untouched.finished) as closed:
        qtbot.keyClick(untouched.client, Qt.Key.Key_Escape)  # nothing typed: closed at once
    assert closed.args == [QDialog.DialogCode.Rejected.value]
    dialog = _shown(qtbot, InvoiceDialog(ctx, client_id=owed[0].id))
    for text in ("Design", "Hosting", "Support"):
        qtbot.keyClicks(dialog.line_desc, text)
        qtbot.keyClicks(dialog.line_price, "100")
        qtbot.keyClick(dialog.line_price, Qt.Key.Key_Return)
    assert dialog.lines.rowCount() == 3
    qtbot.keyClick(dialog.line_desc, Qt.Key.Key_Escape)
    box = _question(qtbot)
    assert box.text() == "Discard changes?"
    assert box.buttonRole(box.defaultButton()) == QMessageBox.ButtonRole.RejectRole
    assert box.defaultButton().text().replace("&", "") == "Keep editing"
    _answer(qtbot, box, QMessageBox.ButtonRole.RejectRole)
    qtbot.waitUntil(lambda: not box.isVisible())
    assert dialog.isVisible() and dialog.lines.rowCount() == 3
    # the window's close button asks the same
    dialog.close()
    box = _question(qtbot)
    with qtbot.waitSignal(dialog.finished) as closed:
        _answer(qtbot, box, QMessageBox.ButtonRole.AcceptRole)  # Discard
    assert closed.args == [QDialog.DialogCode.Rejected.value]
    assert ctx.store.find_invoice("2026-0001") is None


def test_a_change_undone_by_hand_is_no_change(qtbot, ctx, owed):
    dialog = _shown(qtbot, PaymentDialog(ctx, owed[1].id))
    qtbot.keyClicks(dialog.reference, "TRF")
    assert dialog.has_changes()
    dialog.reference.clear()
    assert not dialog.has_changes()
    dialog.method.setCurrentIndex(dialog.method.currentIndex() + 1)
    assert dialog.has_changes()


# -- the keyboard saves ----------------------------------------------------------------------

def test_spanish_quantities_and_rates_typed_and_shown_back(qtbot, es_ctx, owed):
    """A quantity of "1,5" (and "1.000") and a VAT rate of "10,5" are read the Spanish way, and
    an invoice opened again shows them as they were typed."""
    dialog = _shown(qtbot, InvoiceDialog(es_ctx, client_id=owed[0].id))
    for desc, qty, price in (("Horas", "1,5", "1.000"), ("Copias", "1.000", "0,10")):
        qtbot.keyClicks(dialog.line_desc, desc)
        dialog.line_qty.setText(qty)
        qtbot.keyClicks(dialog.line_price, price)
        dialog.line_tax.setText("10,5")
        qtbot.keyClick(dialog.line_price, Qt.Key.Key_Return)
    assert dialog.lines.rowCount() == 2, dialog.lines.rows
    number = dialog.number.text()
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(dialog, Qt.Key.Key_S, CTRL)
    invoice = es_ctx.store.find_invoice(number)
    assert [(str(line.quantity), line.unit_price_minor, str(line.tax_rate))
            for line in invoice.lines] == [("1.5", 100000, "10.5"), ("1000", 10, "10.5")]
    # 1.500 + 100 = 1.600,00 base, 10,5 % VAT 168,00: 1.768,00
    assert invoice.total_minor == 176800
    again = _shown(qtbot, InvoiceDialog(es_ctx, invoice))
    assert [row[1] for row in again.lines.rows] == ["1,5", "1.000"]
    assert [row[3] for row in again.lines.rows] == ["10,5", "10,5"]
    again.reject()


def test_enter_on_an_empty_line_saves_the_invoice(qtbot, ctx, owed):
    dialog = _shown(qtbot, InvoiceDialog(ctx, client_id=owed[0].id))
    assert QApplication.focusWidget() is dialog.line_desc  # the client is known: the lines
    qtbot.keyClicks(dialog.line_desc, "Logo")
    qtbot.keyClicks(dialog.line_price, "300")
    qtbot.keyClick(dialog.line_price, Qt.Key.Key_Return)  # the line goes in, not the invoice
    assert dialog.isVisible() and dialog.lines.rowCount() == 1
    assert QApplication.focusWidget() is dialog.line_desc
    number = dialog.number.text()
    with qtbot.waitSignal(dialog.finished) as closed:
        qtbot.keyClick(dialog.line_desc, Qt.Key.Key_Return)  # an empty line: save
    assert closed.args == [QDialog.DialogCode.Accepted.value]
    assert ctx.store.find_invoice(number).total_minor == 30000


@popups
def test_enter_takes_the_only_client_suggestion(qtbot, ctx, owed):
    writable(ctx).add_client(Client("Acme", currency="EUR"))
    dialog = _shown(qtbot, InvoiceDialog(ctx))
    assert QApplication.focusWidget() in (dialog.client, dialog.client.lineEdit())
    qtbot.keyClicks(dialog.client.lineEdit(), "rrez")
    qtbot.keyClick(dialog.client.lineEdit(), Qt.Key.Key_Return)
    assert dialog.client.currentText() == "Gutiérrez Estudio"
    assert dialog.client_id() == owed[0].id
    assert dialog.isVisible()


@popups
def test_new_payment_starts_at_the_invoice_and_ctrl_return_saves(qtbot, ctx, owed):
    dialog = _shown(qtbot, PaymentDialog(ctx))
    assert QApplication.focusWidget() is dialog.number
    qtbot.keyClicks(dialog.number, "2026-0007")
    qtbot.keyClick(dialog.number, Qt.Key.Key_Tab)  # past the invoice's summary to the date
    assert QApplication.focusWidget() is dialog.date.edit
    qtbot.keyClick(dialog.date.edit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.amount
    dialog.amount.clear()
    qtbot.keyClicks(dialog.amount, "250")
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(dialog.amount, Qt.Key.Key_Return, CTRL)
    assert _payments(ctx, owed[1].id) == [25000]


def test_first_run_profile_starts_at_the_name(qtbot):
    dialog = FirstRunDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.mouseClick(dialog.empty_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    assert QApplication.focusWidget() is dialog.profile.fields()["business.name"]


def test_settings_ask_before_losing_changes_and_save_with_ctrl_s(qtbot, es_ctx):
    dialog = _shown(qtbot, SettingsDialog(es_ctx))
    fixed = dialog.fields()["late.fixed"]
    fixed.setText("1.000")  # a thousand, as a Spanish window writes it
    dialog.reject()  # Esc
    box = _question(qtbot)
    _answer(qtbot, box, QMessageBox.ButtonRole.RejectRole)  # Keep editing
    qtbot.waitUntil(lambda: not box.isVisible())
    assert dialog.isVisible()
    with qtbot.waitSignal(dialog.finished) as closed:
        qtbot.keyClick(fixed, Qt.Key.Key_S, CTRL)
    assert closed.args == [QDialog.DialogCode.Accepted.value]
    assert es_ctx.store.get_setting("late.fixed") == "1000"
