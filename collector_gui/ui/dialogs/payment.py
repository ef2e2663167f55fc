"""Record a payment against an invoice: partial payments allowed, never more than owed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QLabel, QLineEdit, QWidget

from collector_gui.actions import records
from collector_gui.core.errors import CollectorError
from collector_gui.core.model import Invoice, Payment
from collector_gui.ledger import browse
from collector_gui.ui import display_names, undo
from collector_gui.ui.context import AppContext
from collector_gui.ui.dialogs.common import RecordDialog, amount_edit, date_edit, from_qdate, tr


class PaymentDialog(RecordDialog):
    GEOMETRY_KEY = "payment"

    def __init__(self, ctx: AppContext, invoice_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, tr("Record payment"), parent)
        self.setObjectName("paymentDialog")
        self._invoice: Invoice | None = None
        self.number = QLineEdit()
        self.number.setObjectName("invoice")
        self.number.setPlaceholderText(tr("Invoice number"))
        choices = browse.open_invoice_choices(ctx.ledger, limit=500)
        completer = QCompleter([c[1] for c in choices], self.number)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.number.setCompleter(completer)
        self.about = QLabel()
        self.about.setObjectName("about")
        self.date = date_edit(ctx.today())
        self.date.setObjectName("date")
        self.amount = amount_edit(ctx)
        self.amount.setObjectName("amount")
        self.method = QComboBox()
        self.method.setObjectName("method")
        self.method.setEditable(True)
        self.method.addItems(display_names.payment_methods())
        self.reference = QLineEdit()
        self.reference.setObjectName("reference")
        self.reference.setPlaceholderText(tr("bank reference, cheque number…"))
        f = self.form
        f.addRow(tr("&Invoice"), self.number)
        f.addRow("", self.about)
        f.addRow(tr("&Date received"), self.date)
        f.addRow(tr("&Amount"), self.amount)
        f.addRow(tr("&Method"), self.method)
        f.addRow(tr("&Reference"), self.reference)
        self.number.textChanged.connect(self._invoice_changed)
        self.amount.textChanged.connect(self.revalidate)
        self.date.dateChanged.connect(self.revalidate)
        self.first_field = self.number
        if invoice_id is not None:
            self.number.setText(ctx.store.get_invoice(invoice_id).number)
            self.first_field = self.amount
            self.amount.selectAll()  # the balance is proposed: typing replaces it
        self.finish_layout()

    def _invoice_changed(self, text: str) -> None:
        self._invoice = self.ctx.store.find_invoice(text) if text.strip() else None
        inv = self._invoice
        if inv is None:
            self.about.setText("")
        else:
            client = self.ctx.store.get_client(inv.client_id)
            fmt = self.ctx.fmt
            self.about.setText(tr("{client} — total {total}, still owed {balance}").format(
                client=client.name, total=fmt.money(inv.total_minor, inv.currency),
                balance=fmt.money(inv.balance_minor, inv.currency)))
            self.amount.set_currency(inv.currency)
            if inv.balance_minor > 0:
                self.amount.set_minor(inv.balance_minor)
        self.revalidate()

    def _amount(self) -> int:
        return self.amount.minor() or 0

    def errors(self) -> list[str]:
        inv = self._invoice
        if inv is None:
            return [tr("Enter the number of the invoice that was paid.")]
        if inv.void:
            return [tr("Invoice {number} is void; it takes no payments.").format(number=inv.number)]
        if inv.draft:
            return [tr("Invoice {number} is a draft; issue it before recording a payment.")
                    .format(number=inv.number)]
        if inv.balance_minor <= 0:
            return [tr("Invoice {number} is paid in full.").format(number=inv.number)]
        try:
            amount = self._amount()
        except CollectorError as exc:
            return [tr("Enter the amount received: {reason}.").format(reason=exc)]
        if amount <= 0:
            return [tr("The amount must be more than zero.")]
        if amount > inv.balance_minor:
            return [tr("That is more than the {balance} still owed on {number}.").format(
                balance=self.ctx.fmt.money(inv.balance_minor, inv.currency), number=inv.number)]
        return []

    def warnings(self) -> list[str]:
        if self._invoice and from_qdate(self.date.date()) > self.ctx.today():
            return [tr("The date is in the future.")]
        return []

    def op(self):
        payment = Payment(
            invoice_id=self._invoice.id, date=from_qdate(self.date.date()),
            amount_minor=self._amount(), method=self.method.currentText().strip(),
            reference=self.reference.text().strip())
        return lambda store: records.add_payment(store, payment)

    def saved(self, value: Payment) -> None:
        undo.record_payment(self.ctx, value)
