"""Issue credit note…: correct an issued invoice with a credit note (Spain: factura
rectificativa), in full or by a base amount, with its reason. The figures shown come from
core/terms.py and the save is actions/credit_notes.issue_credit_note, as `collector
credit-note` does."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QWidget

from collector_gui.actions import credit_notes
from collector_gui.core.errors import CollectorError
from collector_gui.core.fields import FieldError
from collector_gui.core.model import Invoice
from collector_gui.core.money import parse_local_minor
from collector_gui.core.terms import credit_lines, credit_of
from collector_gui.ui.context import AppContext
from collector_gui.ui.dialogs.common import RecordDialog, tr


class CreditNoteDialog(RecordDialog):
    GEOMETRY_KEY = "creditNote"

    def __init__(self, ctx: AppContext, invoice: Invoice, parent: QWidget | None = None) -> None:
        super().__init__(ctx, tr("Credit note for invoice {number}").format(
            number=invoice.number), parent)
        self.setObjectName("creditNoteDialog")
        self.invoice = invoice
        explain = QLabel(tr(
            "An issued invoice is corrected with a credit note: a document of its own, in the "
            "credit note number series, that names the invoice and the reason. The invoice's "
            "balance drops by the credit; a full credit settles it. Void is only for an "
            "invoice issued by mistake that the client never received."))
        explain.setWordWrap(True)
        self.main_layout.insertWidget(0, explain)
        self.full = QCheckBox(tr("Credit the whole invoice"))
        self.full.setObjectName("full")
        self.amount = QLineEdit()
        self.amount.setObjectName("amount")
        self.amount.setPlaceholderText(tr("base, before VAT and IRPF"))
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.preview = QLabel()
        self.preview.setObjectName("preview")
        self.form.addRow("", self.full)
        self.form.addRow(tr("&Amount"), self.amount)
        self.form.addRow(tr("&Reason"), self.reason)
        self.form.addRow("", self.preview)
        self.save_button.setText(tr("&Issue credit note"))
        self.full.setChecked(True)  # a full credit unless told otherwise
        self.amount.setEnabled(False)
        self.full.toggled.connect(lambda on: self.amount.setEnabled(not on) or self.revalidate())
        self.amount.textChanged.connect(self.revalidate)
        self.reason.textChanged.connect(self.revalidate)
        self.first_field = self.reason
        self.finish_layout()

    def _amount(self) -> int | None | str:
        """The base to credit (None: all of it), or what is wrong with the amount."""
        if self.full.isChecked():
            return None
        try:
            minor = parse_local_minor(self.amount.text(), self.invoice.currency,
                                      self.ctx.fmt.locale)
        except CollectorError as exc:
            return tr("Amount: {error}").format(error=exc)
        return minor if minor > 0 else tr("Enter the amount to credit, more than zero.")

    def credit(self) -> int | str:
        """What the credit note takes off the invoice, or what is wrong."""
        amount = self._amount()
        if isinstance(amount, str):
            return amount
        try:
            return credit_of(credit_lines(self.invoice, amount, ""), self.invoice.irpf_rate)
        except FieldError as exc:
            return str(exc)

    def errors(self) -> list[str]:
        out = []
        credit = self.credit()
        if isinstance(credit, str):
            out.append(credit)
        elif credit > self.invoice.balance_minor:
            out.append(tr("The credit is more than the {balance} the invoice still owes.")
                       .format(balance=self.ctx.fmt.money(self.invoice.balance_minor,
                                                          self.invoice.currency)))
        if not self.reason.text().strip():
            out.append(tr("Enter the reason (it is printed on the credit note)."))
        fmt, cur = self.ctx.fmt, self.invoice.currency
        self.preview.setText("" if isinstance(credit, str) else tr(
            "Credit {credit}; invoice {number} will owe {balance}.").format(
            credit=fmt.money(credit, cur), number=self.invoice.number,
            balance=fmt.money(max(0, self.invoice.balance_minor - credit), cur)))
        return out

    def op(self):
        amount = self._amount()
        number, reason = self.invoice.number, self.reason.text().strip()
        return lambda store: credit_notes.issue_credit_note(
            store, number, amount_minor=None if isinstance(amount, str) else amount,
            reason=reason)
