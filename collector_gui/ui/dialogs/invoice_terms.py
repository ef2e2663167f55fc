"""The invoice dialog's terms: IRPF withheld (percent, from business.irpf_rate for a new
invoice), the early-payment discount (percent and days, from the business's defaults), and the
VAT rate new lines start with (business.vat_rate). Kept apart from invoice.py, which others
change too; the rule itself is core/terms.py."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QSpinBox, QWidget

from collector_gui.core import settings as S
from collector_gui.core.fields import FieldError
from collector_gui.core.model import Invoice, InvoiceLine
from collector_gui.core.terms import Payable, parse_rate, payable, rate_text
from collector_gui.ui.context import AppContext
from collector_gui.ui.dialogs.common import tr


class InvoiceTerms:
    """The fields, and what they say (the rates, or what is wrong)."""

    def __init__(self, ctx: AppContext, invoice: Invoice | None) -> None:
        cfg = S.Settings(ctx.store.settings("business."))
        self.default_vat = cfg.get(S.BUSINESS_VAT_RATE)
        if invoice is None:
            irpf, percent = cfg.get(S.BUSINESS_IRPF_RATE), cfg.get(S.BUSINESS_DISCOUNT_PERCENT)
            days = cfg.get(S.BUSINESS_DISCOUNT_DAYS)
        else:
            irpf, percent = rate_text(invoice.irpf_rate), rate_text(invoice.discount_percent)
            days = invoice.discount_days
        self.irpf = QLineEdit(irpf)
        self.irpf.setObjectName("irpf")
        self.irpf.setToolTip(tr("IRPF withheld on the base, percent (Spain: 15, or 7 in your "
                                "first years; 0 for none). The client pays base + VAT − IRPF."))
        self.discount = QLineEdit(percent)
        self.discount.setObjectName("discountPercent")
        self.days = QSpinBox()
        self.days.setObjectName("discountDays")
        self.days.setRange(0, 365)
        self.days.setValue(days)
        for edit in (self.irpf, self.discount):
            edit.setFixedWidth(edit.fontMetrics().horizontalAdvance("0") * 6 + 16)
        self.row = QWidget()
        box = QHBoxLayout(self.row)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.discount)
        box.addWidget(QLabel(tr("% if paid within")))
        box.addWidget(self.days)
        box.addWidget(QLabel(tr("days of the issue date")))
        box.addStretch(1)

    def connect(self, slot) -> None:
        self.irpf.textChanged.connect(slot)
        self.discount.textChanged.connect(slot)
        self.days.valueChanged.connect(slot)

    def _rate(self, edit: QLineEdit, what: str) -> Decimal | str:
        try:
            return parse_rate(edit.text(), what)
        except FieldError as exc:
            return str(exc)

    def errors(self) -> list[str]:
        out = [r for r in (self._rate(self.irpf, tr("IRPF")),
                           self._rate(self.discount, tr("The discount"))) if isinstance(r, str)]
        return [p[:1].upper() + p[1:] + "." for p in out]

    def irpf_rate(self) -> Decimal:
        rate = self._rate(self.irpf, "")
        return Decimal(0) if isinstance(rate, str) else rate

    def payable(self, lines: list[InvoiceLine]) -> Payable:
        return payable(lines, self.irpf_rate())

    def values(self) -> dict:
        """The Invoice fields these set."""
        percent = self._rate(self.discount, "")
        return {"irpf_rate": self.irpf_rate(),
                "discount_percent": Decimal(0) if isinstance(percent, str) else percent,
                "discount_days": self.days.value()}
