"""The records Collector keeps: small frozen dataclasses, money as integer minor units.

What can be derived (an invoice's balance and status, its totals from its lines) is
derived here, never stored twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from collector_gui.core.money import Money

LANGUAGES = ("en", "es")


class Status(StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    PARTIALLY_PAID = "partially paid"
    OVERDUE = "overdue"
    PAID = "paid"
    VOID = "void"


class InvoiceKind(StrEnum):
    """An invoice, or a credit note (Spain: factura rectificativa) correcting one."""

    INVOICE = "invoice"
    CREDIT_NOTE = "credit_note"


class PaymentKind(StrEnum):
    """What took an amount off an invoice's balance: money received, a credit note's credit,
    or the early-payment discount earned by paying in time (recorded, never silent)."""

    PAYMENT = "payment"
    CREDIT = "credit"
    DISCOUNT = "discount"


class EventKind(StrEnum):
    EMAIL = "email"
    LETTER = "letter"
    CALL = "call"
    NOTE = "note"
    PROMISE = "promise"


class EventStatus(StrEnum):
    """Where a contact event stands. Emails go queued -> sent | failed | unknown, or saved
    (.eml). Failed: refused before the server took the whole message (safe to send again).
    Unknown: the server took the whole message but its answer never came (or the program
    stopped mid-send): it may have arrived, so only the user decides what happens to it."""

    LOGGED = "logged"
    QUEUED = "queued"
    SENT = "sent"
    FAILED = "failed"
    SAVED = "saved"
    UNKNOWN = "unknown"

    @property
    def unfinished(self) -> bool:
        """An email still in the outbox (not confirmed sent): it holds its client back."""
        return self in (EventStatus.QUEUED, EventStatus.FAILED, EventStatus.UNKNOWN)


def round_half_up(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True, slots=True)
class Client:
    name: str
    email: str = ""
    language: str = "en"
    phone: str = ""
    address: str = ""
    tax_id: str = ""
    currency: str = "EUR"
    payment_terms_days: int = 30
    credit_limit_minor: int | None = None
    # The person who pays may not be the person who ordered.
    billing_name: str = ""
    billing_email: str = ""
    notes: str = ""
    on_hold: bool = False
    reminders_paused: bool = False
    # Late charges for this client: "" as the business (late.mode), "off" none, or a mode.
    late_mode: str = ""
    id: int | None = None

    @property
    def credit_limit(self) -> Money | None:
        if self.credit_limit_minor is None:
            return None
        return Money(self.credit_limit_minor, self.currency)

    @property
    def reminder_email(self) -> str:
        """Where reminders go: the billing contact when there is one."""
        return self.billing_email or self.email


@dataclass(frozen=True, slots=True)
class InvoiceLine:
    description: str
    quantity: Decimal
    unit_price_minor: int
    tax_rate: Decimal = Decimal(0)  # percent, e.g. Decimal("21")

    @property
    def net_minor(self) -> int:
        return round_half_up(self.quantity * self.unit_price_minor)


@dataclass(frozen=True, slots=True)
class InvoiceTotals:
    net_minor: int
    tax_by_rate: tuple[tuple[Decimal, int, int], ...]  # (rate, net, tax) per tax rate
    total_minor: int


def invoice_totals(lines: tuple[InvoiceLine, ...] | list[InvoiceLine]) -> InvoiceTotals:
    """Subtotals per tax rate, rounded once per rate (as invoices print them)."""
    nets: dict[Decimal, int] = {}
    for line in lines:
        nets[line.tax_rate] = nets.get(line.tax_rate, 0) + line.net_minor
    by_rate = tuple(
        (rate, net, round_half_up(Decimal(net) * rate / 100)) for rate, net in sorted(nets.items())
    )
    net_total = sum(net for _, net, _ in by_rate)
    return InvoiceTotals(net_total, by_rate, net_total + sum(tax for _, _, tax in by_rate))


@dataclass(frozen=True, slots=True)
class Invoice:
    number: str
    client_id: int
    issue_date: dt.date
    due_date: dt.date
    currency: str
    total_minor: int
    paid_minor: int = 0
    description: str = ""
    draft: bool = False
    void: bool = False
    disputed: bool = False
    reminders_paused: bool = False
    lines: tuple[InvoiceLine, ...] = field(default=())
    id: int | None = None
    # Terms (core/terms.py): IRPF withheld on the base, percent; early-payment discount.
    irpf_rate: Decimal = Decimal(0)
    discount_percent: Decimal = Decimal(0)
    discount_days: int = 0
    # A credit note corrects the invoice corrects_id, for the reason given; its own total
    # stays 0 (its lines are negative) and its credit is a PaymentKind.CREDIT on that invoice.
    kind: InvoiceKind = InvoiceKind.INVOICE
    corrects_id: int | None = None
    reason: str = ""

    @property
    def is_credit_note(self) -> bool:
        return self.kind == InvoiceKind.CREDIT_NOTE

    @property
    def total(self) -> Money:
        return Money(self.total_minor, self.currency)

    @property
    def balance_minor(self) -> int:
        return self.total_minor - self.paid_minor

    @property
    def balance(self) -> Money:
        return Money(self.balance_minor, self.currency)

    @property
    def counts(self) -> bool:
        """Whether the invoice is owed at all: drafts and void invoices never count."""
        return not (self.draft or self.void)

    def is_open(self) -> bool:
        return self.counts and self.balance_minor > 0

    def days_overdue(self, as_of: dt.date) -> int:
        """Days past the due date on *as_of*; 0 when not yet due or due that very day."""
        return max(0, (as_of - self.due_date).days)

    def status(self, as_of: dt.date) -> Status:
        if self.void:
            return Status.VOID
        if self.draft:
            return Status.DRAFT
        if self.balance_minor <= 0:
            return Status.PAID
        if as_of > self.due_date:
            return Status.OVERDUE
        if self.paid_minor > 0:
            return Status.PARTIALLY_PAID
        return Status.OPEN


@dataclass(frozen=True, slots=True)
class Payment:
    invoice_id: int
    date: dt.date
    amount_minor: int
    method: str = ""
    reference: str = ""
    id: int | None = None
    kind: PaymentKind = PaymentKind.PAYMENT
    credit_note_id: int | None = None  # the credit note a PaymentKind.CREDIT comes from


@dataclass(frozen=True, slots=True)
class ContactEvent:
    """An email, letter, call, note or promise to pay, and the invoices it concerned."""

    client_id: int
    at: dt.datetime
    kind: EventKind
    subject: str = ""
    body: str = ""
    invoice_ids: tuple[int, ...] = ()
    stage: str | None = None
    status: EventStatus = EventStatus.LOGGED
    message_id: str = ""
    error: str = ""
    promised_date: dt.date | None = None
    promised_minor: int | None = None
    id: int | None = None
