"""How a client pays: days late, share paid late, promises kept, a suggested credit limit.

Pure rules over figures the ledger sums (ledger/behaviour.py). Every figure is per currency
and never converted; where one figure stands for the client (the list's columns), the
currencies are combined by how many invoices each has, never by their amounts.

Rules:
- An invoice counts once it is paid in full; the day it was *cleared* is the day of the
  payment that completed it (with partial payments, the last one). Paid on or before its
  due date it is 0 days late (paying early does not make up for paying late elsewhere).
- Average days late, per currency, is weighted by the invoice's amount: a large invoice
  paid 60 days late says more than a small one paid 2 days late.
- A promise to pay (a contact event of kind promise, with a promised date) is *kept* when
  by that date the client paid at least the promised amount after promising it (on the
  invoices it names, else on any of their invoices in its currency); with no amount, when
  the invoices it names were cleared by then (or, naming none, any payment came). Not kept
  and the date passed: *broken*; otherwise still *pending*.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal
from enum import StrEnum

from collector_gui.core.money import minor_digits

# Too little history to suggest a limit: fewer invoices than this in the last 12 months,
# or fewer paid invoices than this ever, in that currency.
MIN_RECENT_INVOICES = 3
MIN_PAID_INVOICES = 3
# The base limit covers this many months of the client's usual invoicing.
LIMIT_MONTHS = 2
# Lateness: each day of average lateness takes 1/LATE_DAYS_SPAN off the limit, down to
# LATE_FLOOR of it; every promise broken (as a share of promises settled) takes up to half.
LATE_DAYS_SPAN = 90
LATE_FLOOR = Decimal("0.25")
BROKEN_WEIGHT = Decimal("0.5")


def days_late(due: dt.date, cleared: dt.date) -> int:
    """Days an invoice was paid after its due date; 0 when paid on time or early."""
    return max(0, (cleared - due).days)


@dataclass(frozen=True, slots=True)
class PaidInvoice:
    """One invoice paid in full: its amount, due date and the day it was cleared."""

    currency: str
    total_minor: int
    due: dt.date
    cleared: dt.date

    @property
    def days_late(self) -> int:
        return days_late(self.due, self.cleared)


@dataclass(frozen=True, slots=True)
class PaidSummary:
    """A client's paid invoices in one currency, summed (what one SQL GROUP BY gives)."""

    currency: str
    paid: int = 0  # invoices paid in full
    late: int = 0  # of which paid after their due date
    amount_minor: int = 0  # their totals
    late_amount_days: int = 0  # sum of total x days late

    @property
    def average_days_late(self) -> float | None:
        """Days late weighted by amount; None with nothing paid (or only zero totals)."""
        if self.paid == 0:
            return None
        if self.amount_minor <= 0:
            return 0.0
        return self.late_amount_days / self.amount_minor

    @property
    def share_late(self) -> float | None:
        return self.late / self.paid if self.paid else None


def summarise(invoices: list[PaidInvoice]) -> dict[str, PaidSummary]:
    """Paid invoices summed per currency (the rule the ledger's query follows in SQL)."""
    out: dict[str, PaidSummary] = {}
    for inv in invoices:
        s = out.get(inv.currency, PaidSummary(inv.currency))
        late = inv.days_late
        out[inv.currency] = PaidSummary(
            inv.currency, s.paid + 1, s.late + (late > 0), s.amount_minor + inv.total_minor,
            s.late_amount_days + inv.total_minor * late)
    return out


def average_days_late(summaries: list[PaidSummary] | tuple[PaidSummary, ...]) -> float | None:
    """One figure for the client: each currency's amount-weighted average, combined by
    how many invoices were paid in it (amounts in different currencies never add)."""
    paid = sum(s.paid for s in summaries)
    if not paid:
        return None
    return sum(s.paid * (s.average_days_late or 0.0) for s in summaries) / paid


def share_late(summaries: list[PaidSummary] | tuple[PaidSummary, ...]) -> float | None:
    """The share of paid invoices (all currencies) that were paid after their due date."""
    paid = sum(s.paid for s in summaries)
    return sum(s.late for s in summaries) / paid if paid else None


class PromiseOutcome(StrEnum):
    KEPT = "kept"
    BROKEN = "broken"
    PENDING = "pending"


@dataclass(frozen=True, slots=True)
class PromiseFacts:
    """What the ledger knows about one promise to pay."""

    promised_on: dt.date
    promised_date: dt.date
    promised_minor: int | None
    currency: str
    paid_in_time_minor: int  # paid from promised_on to promised_date (inclusive)
    left_at_date_minor: int | None  # the named invoices' balance at the date; None: none named


def promise_outcome(p: PromiseFacts, today: dt.date) -> PromiseOutcome:
    if p.promised_minor is not None:
        kept = p.paid_in_time_minor >= p.promised_minor
    elif p.left_at_date_minor is not None:
        kept = p.left_at_date_minor <= 0
    else:
        kept = p.paid_in_time_minor > 0
    if kept:
        return PromiseOutcome.KEPT
    return PromiseOutcome.BROKEN if today > p.promised_date else PromiseOutcome.PENDING


@dataclass(frozen=True, slots=True)
class Promises:
    kept: int = 0
    broken: int = 0
    pending: int = 0

    @property
    def broken_share(self) -> Decimal:
        settled = self.kept + self.broken
        return Decimal(self.broken) / settled if settled else Decimal(0)


def count_promises(facts: list[PromiseFacts], today: dt.date) -> Promises:
    outcomes = [promise_outcome(p, today) for p in facts]
    return Promises(outcomes.count(PromiseOutcome.KEPT), outcomes.count(PromiseOutcome.BROKEN),
                    outcomes.count(PromiseOutcome.PENDING))


def nice_floor(minor: int, currency: str) -> int:
    """*minor* rounded down to a clean figure in the currency's major units: its first two
    digits, then zeros (12,345.67 -> 12,000; 991.40 -> 990; 3,100 -> 3,100). Below one unit: 0.
    It loses under a tenth. Rounding down to 1, 2, 2.5 or 5 times a power of ten lost up to
    half of what the rule worked out (991 -> 500), and often the broken promises' share."""
    scale = 10 ** minor_digits(currency)
    major = minor // scale
    if major < 1:
        return 0
    unit = 10 ** max(0, len(str(major)) - 2)
    return (major // unit) * unit * scale


def suggested_limit(currency: str, invoiced_12m_minor: int, invoices_12m: int,
                    paid: PaidSummary | None, promises: Promises = Promises()) -> int | None:
    """A credit limit to suggest in *currency*, in minor units; None with too little history.

    The base is LIMIT_MONTHS (2) months of what the client was invoiced on average over the
    last 12 months (their total / 12 x 2): with usual 30-day terms, one month open and the
    next being invoiced. It is scaled down by lateness, 1 - average days late / 90 but never
    below a quarter (30 days late on average: two thirds), and by broken promises,
    1 - half the share of settled promises that were broken. The result is rounded down to a
    clean figure (`nice_floor`). None when fewer than 3 invoices were issued in the last 12
    months or fewer than 3 were ever paid in this currency: how they pay is not known yet.
    """
    if invoices_12m < MIN_RECENT_INVOICES or paid is None or paid.paid < MIN_PAID_INVOICES:
        return None
    if invoiced_12m_minor <= 0:
        return None
    base = Decimal(invoiced_12m_minor) * LIMIT_MONTHS / 12
    late = Decimal(str(round(paid.average_days_late or 0.0, 6)))
    lateness = max(LATE_FLOOR, 1 - late / LATE_DAYS_SPAN)
    promised = 1 - BROKEN_WEIGHT * promises.broken_share
    value = (base * lateness * promised).to_integral_value(rounding=ROUND_FLOOR)
    limit = nice_floor(int(value), currency)
    return limit or None


@dataclass(frozen=True, slots=True)
class CurrencyBehaviour:
    """One currency of a client's behaviour."""

    currency: str
    paid: PaidSummary
    open_minor: int = 0
    invoiced_12m_minor: int = 0
    invoices_12m: int = 0
    suggested_limit_minor: int | None = None


@dataclass(frozen=True, slots=True)
class Behaviour:
    """How a client pays, per currency, with the figures that stand for the whole client."""

    currencies: dict[str, CurrencyBehaviour] = field(default_factory=dict)
    promises: Promises = Promises()
    average_days_late: float | None = None
    share_late: float | None = None
    paid: int = 0

    def suggested_limit(self, currency: str) -> int | None:
        cb = self.currencies.get(currency)
        return cb.suggested_limit_minor if cb else None


def behaviour(paid: dict[str, PaidSummary], open_minor: dict[str, int],
              invoiced_12m: dict[str, tuple[int, int]], promises: Promises) -> Behaviour:
    """Put the ledger's sums together: *invoiced_12m* is currency -> (amount, count)."""
    codes = sorted(set(paid) | set(open_minor) | set(invoiced_12m))
    currencies = {}
    for code in codes:
        summary = paid.get(code, PaidSummary(code))
        amount, count = invoiced_12m.get(code, (0, 0))
        currencies[code] = CurrencyBehaviour(
            code, summary, open_minor.get(code, 0), amount, count,
            suggested_limit(code, amount, count, summary if summary.paid else None, promises))
    sums = list(paid.values())
    return Behaviour(currencies, promises, average_days_late(sums), share_late(sums),
                     sum(s.paid for s in sums))
