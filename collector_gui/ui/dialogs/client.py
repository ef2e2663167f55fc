"""New client / edit client, with payment terms, credit limit and hold."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from collector_gui.actions import records
from collector_gui.core import settings as S
from collector_gui.core import validate
from collector_gui.core.model import Client
from collector_gui.core.errors import CollectorError
from collector_gui.core.money import is_currency
from collector_gui.ui import field_check
from collector_gui.ui.context import AppContext
from collector_gui.ui.dialogs.common import (
    RecordDialog,
    amount_edit,
    default_client_language,
    tr,
)

COMMON_CURRENCIES = ("EUR", "USD", "GBP", "JPY", "CHF", "SEK", "DKK", "NOK", "PLN", "MXN",
                     "ARS", "CLP", "COP", "CAD", "AUD")


def currency_combo(current: str, parent: QWidget | None = None) -> QComboBox:
    combo = QComboBox(parent)
    combo.setEditable(True)
    combo.addItems(list(COMMON_CURRENCIES))
    combo.setCurrentText(current)
    return combo


def late_mode_combo(current: str, parent: QWidget | None = None) -> QComboBox:
    """The client's late charges: as the business (late.mode), none, or a rule of its own."""
    combo = QComboBox(parent)
    combo.setObjectName("lateMode")
    for text, mode in ((tr("As the business"), ""), (tr("None (a consumer, or not charged)"), "off"),
                       (tr("Spain: Ley 3/2004 (half-year rates, 40 EUR)"), "es"),
                       (tr("EU directive: ECB rate + 8 points, 40 EUR"), "eu"),
                       (tr("UK: Late Payment Act 1998"), "uk"),
                       (tr("Contractual interest"), "interest"), (tr("Fixed fee"), "fixed"),
                       (tr("Fixed fee and interest"), "fixed+interest")):
        combo.addItem(text, mode)
    if combo.findData(current) < 0:
        combo.addItem(current, current)
    combo.setCurrentIndex(combo.findData(current))
    return combo


def language_combo(current: str, parent: QWidget | None = None) -> QComboBox:
    combo = QComboBox(parent)
    combo.addItem(tr("English"), "en")
    combo.addItem(tr("Spanish"), "es")
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


class ClientDialog(RecordDialog):
    GEOMETRY_KEY = "client"

    def __init__(self, ctx: AppContext, client: Client | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, tr("Edit client") if client else tr("New client"), parent)
        self.setObjectName("clientDialog")
        biz = ctx.business()
        self.client = client or Client(
            name="", currency=biz.get(S.BUSINESS_CURRENCY),
            language=default_client_language(biz, ctx.language),
            payment_terms_days=biz.get(S.BUSINESS_PAYMENT_TERMS))
        c = self.client
        self.name = QLineEdit(c.name)
        self.name.setObjectName("name")
        self.email = QLineEdit(c.email)
        self.email.setObjectName("email")
        self.phone = QLineEdit(c.phone)
        self.address = QPlainTextEdit(c.address)
        self.address.setFixedHeight(self.fontMetrics().height() * 4)
        self.address.setTabChangesFocus(True)
        self.tax_id = QLineEdit(c.tax_id)
        self.language = language_combo(c.language)
        self.currency = currency_combo(c.currency)
        self.currency.setObjectName("currency")
        self.terms = QSpinBox()
        self.terms.setObjectName("terms")
        self.terms.setRange(0, 365)
        self.terms.setValue(c.payment_terms_days)
        self.terms.setSuffix(tr(" days"))
        self.credit_limit = amount_edit(ctx, c.currency)
        self.credit_limit.set_minor(c.credit_limit_minor)
        self.credit_limit.setObjectName("creditLimit")
        self.credit_limit.setPlaceholderText(tr("no limit"))
        self.billing_name = QLineEdit(c.billing_name)
        self.billing_email = QLineEdit(c.billing_email)
        self.notes = QPlainTextEdit(c.notes)
        self.notes.setFixedHeight(self.fontMetrics().height() * 3)
        self.notes.setTabChangesFocus(True)
        self.on_hold = QCheckBox(tr("On hold: stop work until they pay"))
        self.on_hold.setObjectName("onHold")
        self.on_hold.setChecked(c.on_hold)
        self.paused = QCheckBox(tr("Pause reminders for this client"))
        self.paused.setChecked(c.reminders_paused)
        self.late_mode = late_mode_combo(c.late_mode)
        f = self.form
        f.addRow(tr("&Name"), self.name)
        f.addRow(tr("&Email"), self.email)
        f.addRow(tr("&Phone"), self.phone)
        f.addRow(tr("&Address"), self.address)
        f.addRow(tr("&Tax id"), self.tax_id)
        f.addRow(tr("&Language"), self.language)
        f.addRow(tr("&Currency"), self.currency)
        f.addRow(tr("Payment &terms"), self.terms)
        f.addRow(tr("C&redit limit"), self.credit_limit)
        f.addRow(tr("Late c&harges"), self.late_mode)
        f.addRow(tr("&Billing contact"), self.billing_name)
        f.addRow(tr("Billing e&mail"), self.billing_email)
        f.addRow(tr("N&otes"), self.notes)
        f.addRow("", self.on_hold)
        f.addRow("", self.paused)
        self.tax_id.setObjectName("taxId")
        self.billing_email.setObjectName("billingEmail")
        self.field_warnings = [field_check.attach(f, edit, check) for edit, check in (
            (self.email, validate.email), (self.tax_id, validate.tax_id),
            (self.billing_email, validate.email))]  # a tax id warns; an email blocks saving
        for edit in (self.name, self.email, self.credit_limit, self.billing_email):
            edit.textChanged.connect(self.revalidate)
        self.currency.currentTextChanged.connect(self.revalidate)
        self.finish_layout()

    def _currency(self) -> str:
        return self.currency.currentText().strip().upper()

    def _limit(self) -> int | None:
        self.credit_limit.set_currency(self._currency())
        return self.credit_limit.minor()

    def errors(self) -> list[str]:
        out = []
        name = self.name.text().strip()
        if not name:
            out.append(tr("Enter the client's name."))
        else:
            other = self.ctx.store.find_client(name)
            if other is not None and other.id != self.client.id:
                out.append(tr("There is already a client named {name}.").format(name=other.name))
        for edit, label in ((self.email, tr("email")), (self.billing_email, tr("billing email"))):
            text = edit.text().strip()
            if text and validate.email(text):
                out.append(tr("The {field} does not look like an address (name@example.com).")
                           .format(field=label))
        currency = self._currency()
        if not is_currency(currency):
            out.append(tr("Choose a currency code such as EUR, USD or GBP."))
        elif self.credit_limit.text().strip():
            try:
                self._limit()
            except CollectorError as exc:
                out.append(tr("The credit limit: {reason}.").format(reason=exc))
        if self.client.id is not None and currency != self.client.currency:
            if self.ctx.store.invoices_of(self.client.id):
                out.append(tr("This client has invoices in {currency}; its currency cannot "
                              "change.").format(currency=self.client.currency))
        return out

    def op(self):
        client = replace(
            self.client,
            name=self.name.text().strip(), email=self.email.text().strip(),
            phone=self.phone.text().strip(), address=self.address.toPlainText().strip(),
            tax_id=self.tax_id.text().strip(), language=self.language.currentData(),
            currency=self._currency(), payment_terms_days=self.terms.value(),
            credit_limit_minor=self._limit(), billing_name=self.billing_name.text().strip(),
            billing_email=self.billing_email.text().strip(),
            notes=self.notes.toPlainText().strip(), on_hold=self.on_hold.isChecked(),
            reminders_paused=self.paused.isChecked(), late_mode=self.late_mode.currentData(),
        )
        return lambda store: records.save_client(store, client)
