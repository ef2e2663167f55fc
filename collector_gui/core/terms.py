"""What an invoice really asks to be paid: base + VAT − IRPF, and its early-payment discount.

A Spanish professional invoicing a business withholds IRPF on the base (15 %, 7 % in the
first years): the client pays base + VAT − IRPF and pays the IRPF to the tax office itself.
The ledger's `invoices.total_minor` is that amount payable, so every balance, aging bucket,
statement and reminder built on it is right without knowing about IRPF.

Money stays in integer minor units: VAT is rounded half up once per rate (as the invoice
prints it, `model.invoice_totals`), IRPF once on the whole base, a discount once on the
amount payable. Pure: no I/O.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from collector_gui.core.fields import FieldError
from collector_gui.core.i18n import _
from collector_gui.core.model import Invoice, InvoiceLine, invoice_totals, round_half_up

MAX_RATE = Decimal(100)


@dataclass(frozen=True, slots=True)
class Payable:
    """An invoice's figures as it prints them, down to the amount payable."""

    net_minor: int
    tax_by_rate: tuple[tuple[Decimal, int, int], ...]  # (VAT rate, net, VAT) per rate
    vat_minor: int
    irpf_rate: Decimal
    irpf_minor: int
    total_minor: int  # net + VAT − IRPF: what the client pays

    @property
    def gross_minor(self) -> int:
        """Base plus VAT, before the withholding."""
        return self.net_minor + self.vat_minor


def irpf_of(net_minor: int, rate: Decimal) -> int:
    """The IRPF withheld on a base: rounded half up once (away from zero for a credit)."""
    return round_half_up(Decimal(net_minor) * rate / 100)


def payable(lines: Iterable[InvoiceLine], irpf_rate: Decimal = Decimal(0)) -> Payable:
    """Base, VAT per rate, IRPF and the amount payable of these lines."""
    totals = invoice_totals(list(lines))
    vat = sum(tax for _rate, _net, tax in totals.tax_by_rate)
    irpf = irpf_of(totals.net_minor, irpf_rate)
    return Payable(totals.net_minor, totals.tax_by_rate, vat, irpf_rate, irpf,
                   totals.net_minor + vat - irpf)


def invoice_payable(invoice: Invoice) -> Payable:
    """The figures of a stored invoice. One logged with only a total (imported) has no
    breakdown: its total is what is payable."""
    if invoice.lines:
        return payable(invoice.lines, invoice.irpf_rate)
    total = invoice.total_minor
    return Payable(total, ((Decimal(0), total, 0),), 0, Decimal(0), 0, total)


def parse_rate(text: str, what: str) -> Decimal:
    """A percentage from 0 to 100 with at most two decimals ("15", "7", "2.5", "21,0")."""
    raw = (text or "").strip().rstrip("%").strip().replace(",", ".") or "0"
    try:
        rate = Decimal(raw)
    except InvalidOperation:
        rate = Decimal(-1)
    if not rate.is_finite() or rate < 0 or rate > MAX_RATE or rate != rate.quantize(
            Decimal("0.01")):
        raise FieldError(_("{what} must be a percentage from 0 to 100, such as 15 or 2.5, "
                           "not {value}").format(what=what, value=repr(text)))
    return rate.normalize() if rate != 0 else Decimal(0)


def rate_text(rate: Decimal) -> str:
    """A rate as stored and exported ("15", "2.5"), never in exponent form."""
    return format(rate.normalize(), "f") if rate else "0"


# -- early-payment discount ------------------------------------------------------------------

def discount_deadline(invoice: Invoice) -> dt.date | None:
    """The last day a payment earns the discount, or None when the invoice offers none."""
    if invoice.discount_percent <= 0 or invoice.discount_days <= 0 or invoice.is_credit_note:
        return None
    return invoice.issue_date + dt.timedelta(days=invoice.discount_days)


def discount_minor(invoice: Invoice) -> int:
    """The discount on the amount payable (0 when there are no terms)."""
    if discount_deadline(invoice) is None:
        return 0
    return round_half_up(Decimal(invoice.total_minor) * invoice.discount_percent / 100)


def discounted_total(invoice: Invoice) -> int:
    """What settles the invoice when paid by the deadline."""
    return invoice.total_minor - discount_minor(invoice)


def discount_earned(invoice: Invoice, paid_minor: int, on: dt.date) -> int:
    """The discount to record when the invoice's payments reach *paid_minor* with one made
    on *on*: the whole discount when that is exactly the discounted amount and the day is
    within the window, otherwise 0 (after the window the full amount is owed)."""
    deadline = discount_deadline(invoice)
    if deadline is None or on > deadline or on < invoice.issue_date:
        return 0
    discount = discount_minor(invoice)
    return discount if discount > 0 and paid_minor == invoice.total_minor - discount else 0


# -- credit notes ----------------------------------------------------------------------------

def credit_lines(original: Invoice, amount_minor: int | None, reason: str) -> tuple[InvoiceLine, ...]:
    """The lines of a credit note: the original's lines negated (a full credit), or one line
    of minus *amount_minor* of base at the original's VAT rate. An invoice logged with only a
    total is credited by its total, as one line without VAT."""
    if amount_minor is None:
        if original.lines:
            return tuple(InvoiceLine(line.description, line.quantity, -line.unit_price_minor,
                                     line.tax_rate) for line in original.lines)
        return (InvoiceLine(reason or original.description or original.number, Decimal(1),
                            -original.total_minor, Decimal(0)),)
    rates = {line.tax_rate for line in original.lines}
    if len(rates) > 1:
        raise FieldError(_("invoice {number} has lines at several VAT rates: credit it "
                           "in full").format(
            number=original.number))
    rate = rates.pop() if rates else Decimal(0)
    return (InvoiceLine(reason or original.number, Decimal(1), -amount_minor, rate),)


def credit_of(lines: Iterable[InvoiceLine], irpf_rate: Decimal) -> int:
    """How much a credit note takes off the invoice it corrects (a positive amount)."""
    return -payable(lines, irpf_rate).total_minor
