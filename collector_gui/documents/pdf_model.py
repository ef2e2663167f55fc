"""What a PDF document is made of: plain frozen data that the actions gather from the
ledger, and the few pure rules the documents need (IBAN check, promise kept or broken).

The renderers read only these objects, so they need no ledger, no SQL and no Qt, and a test
can build one by hand.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from collector_gui.core import settings as S
from collector_gui.core.latefees import LateCharges, LatePolicy
from collector_gui.core.model import Client, ContactEvent, EventKind, EventStatus, Invoice

PAPER_SIZES = ("A4", "Letter")


def paper_size(raw: str) -> str:
    """'A4' or 'Letter' from the setting business.paper (anything unknown is A4)."""
    text = (raw or "").strip().lower().replace("us ", "").replace("-", "")
    return "Letter" if text in ("letter", "usletter") else "A4"


def compact_iban(iban: str) -> str:
    return "".join((iban or "").split()).upper()


def iban_is_valid(iban: str) -> bool:
    """ISO 13616 check: country code, check digits and the mod-97 test."""
    code = compact_iban(iban)
    if not (15 <= len(code) <= 34) or not code.isalnum() or not code.isascii():
        return False
    if not (code[:2].isalpha() and code[2:4].isdigit()):
        return False
    digits = "".join(str(int(ch, 36)) for ch in code[4:] + code[:4])
    return int(digits) % 97 == 1


def grouped_iban(iban: str) -> str:
    """The IBAN in groups of four, as people copy it ("ES91 2100 0418 ...")."""
    code = compact_iban(iban)
    return " ".join(code[i:i + 4] for i in range(0, len(code), 4))


@dataclass(frozen=True, slots=True)
class BusinessProfile:
    """Who the documents come from (the business.* settings)."""

    name: str = ""
    address: str = ""
    email: str = ""
    phone: str = ""
    tax_id: str = ""
    iban: str = ""
    bic: str = ""
    payment_instructions: str = ""
    late_terms: str = ""
    paper: str = "A4"
    logo: str = ""
    pay: tuple[tuple[str, str], ...] = ()  # business.pay.<CODE> values: (code, text)

    @classmethod
    def from_settings(cls, settings: S.Settings) -> BusinessProfile:
        return cls(
            name=settings.get(S.BUSINESS_NAME).strip(),
            address=settings.get(S.BUSINESS_ADDRESS).strip(),
            email=settings.get(S.BUSINESS_EMAIL).strip(),
            phone=settings.get(S.BUSINESS_PHONE).strip(),
            tax_id=settings.get(S.BUSINESS_TAX_ID).strip(),
            iban=compact_iban(settings.get(S.BUSINESS_IBAN)),
            bic="".join(settings.get(S.BUSINESS_BIC).split()).upper(),
            payment_instructions=settings.get(S.BUSINESS_PAYMENT_INSTRUCTIONS).strip(),
            late_terms=settings.get(S.BUSINESS_LATE_TERMS).strip(),
            paper=paper_size(settings.get(S.BUSINESS_PAPER)),
            logo=settings.get(S.BUSINESS_LOGO).strip(),
            pay=tuple(sorted(settings.payment_texts().items())),
        )


@dataclass(frozen=True, slots=True)
class PaymentLine:
    """A payment as a document prints it: with its invoice's number and currency."""

    date: dt.date
    invoice_id: int
    invoice_number: str
    amount_minor: int
    currency: str
    method: str = ""
    reference: str = ""
    kind: str = "payment"  # or "credit" (a credit note's) or "discount" (core.model.PaymentKind)


@dataclass(frozen=True, slots=True)
class InvoiceDoc:
    business: BusinessProfile
    client: Client
    invoice: Invoice  # with its lines (none for an invoice logged with only a total)
    payments: tuple[PaymentLine, ...] = ()
    corrected: Invoice | None = None  # for a credit note: the invoice it corrects


@dataclass(frozen=True, slots=True)
class StatementDoc:
    business: BusinessProfile
    client: Client
    as_of: dt.date
    period_start: dt.date
    open_invoices: tuple[Invoice, ...]  # balances as of `as_of`
    period_payments: tuple[PaymentLine, ...]
    events: tuple[ContactEvent, ...]  # up to `as_of`
    all_payments: tuple[PaymentLine, ...] = ()  # up to `as_of`, to judge promises
    invoice_currencies: Mapping[int, str] = field(default_factory=dict)  # id -> currency
    policy: LatePolicy = field(default_factory=LatePolicy)
    charges: Mapping[int, LateCharges] = field(default_factory=dict)  # invoice id -> charges


@dataclass(frozen=True, slots=True)
class DossierDoc:
    business: BusinessProfile
    client: Client
    as_of: dt.date
    unpaid: tuple[InvoiceDoc, ...]  # each unpaid invoice, with lines and payments
    events: tuple[ContactEvent, ...]
    payments: tuple[PaymentLine, ...]  # every payment of the client, oldest first
    invoice_numbers: Mapping[int, str] = field(default_factory=dict)  # id -> number
    invoice_currencies: Mapping[int, str] = field(default_factory=dict)  # id -> currency
    policy: LatePolicy = field(default_factory=LatePolicy)
    charges: Mapping[int, LateCharges] = field(default_factory=dict)


class PromiseOutcome(StrEnum):
    KEPT = "kept"
    BROKEN = "broken"
    PENDING = "pending"


def promise_outcome(
    event: ContactEvent,
    payments: Iterable[PaymentLine],
    as_of: dt.date,
    currency: str,
) -> PromiseOutcome:
    """Whether a promise to pay was kept, as of *as_of*.

    Kept when the payments dated from the day of the promise to the promised date (that day
    included) on the invoices it concerned (all the client's invoices when it named none)
    reach the promised amount (any payment, when no amount was promised). Otherwise pending
    until the promised date has passed, then broken. Amounts in *currency* only.
    """
    start = event.at.date()
    until = event.promised_date or start
    concerned = set(event.invoice_ids)
    paid = sum(
        p.amount_minor
        for p in payments
        if start <= p.date <= min(until, as_of)
        and p.currency == currency
        and (not concerned or p.invoice_id in concerned)
    )
    target = event.promised_minor
    if (target is None and paid > 0) or (target is not None and paid >= target):
        return PromiseOutcome.KEPT
    return PromiseOutcome.PENDING if as_of <= until else PromiseOutcome.BROKEN


def promise_currency(event: ContactEvent, invoice_currencies: Mapping[int, str],
                     default: str) -> str:
    """The currency a promised amount is in: that of the invoices it concerned."""
    for inv_id in event.invoice_ids:
        if inv_id in invoice_currencies:
            return invoice_currencies[inv_id]
    return default


def counts_as_contact(event: ContactEvent) -> bool:
    """Contact that reached the client (an email that failed or waits in the outbox did not)."""
    return not (event.kind == EventKind.EMAIL and EventStatus(event.status).unfinished)
