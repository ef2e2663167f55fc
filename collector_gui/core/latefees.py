"""Late fees and interest owed on an invoice as of a date, from the `late.*` settings.

Modes (setting `late.mode`):

- ``off``: nothing is owed.
- ``fixed``: `late.fixed` once per overdue invoice, in the invoice's currency.
- ``interest``: simple yearly interest at `late.annual_rate` percent on the overdue balance.
- ``fixed+interest``: both.
- ``eu``: the EU late-payment rule (Directive 2011/7/EU): simple interest at the reference
  rate (`late.reference_rate`) plus 8 points a year, and a fixed compensation of 40 EUR per
  invoice. An invoice in another currency gets only the interest (the 40 is in euros, and
  money is never converted silently).

Interest is simple (never compounded) and counted per day, actual/365: each day after the
due date, the balance still unpaid at the end of that day earns rate / 365. Payments made
after the due date lower the balance from their date on. The interest is summed exactly
and rounded once, half up, to the currency's minor unit; so is the fixed fee.

Nothing is owed on an invoice that is a draft, void, not yet overdue, or paid in full by the
date asked about. Pure: no I/O, no SQL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from collector_gui.core import settings as S
from collector_gui.core.errors import CollectorError
from collector_gui.core.i18n import _
from collector_gui.core.model import Invoice, Payment, round_half_up
from collector_gui.core.money import Money, minor_digits

MODES: tuple[str, ...] = ("off", "fixed", "interest", "fixed+interest", "eu")
EU_EXTRA_POINTS = Decimal(8)
EU_COMPENSATION_EUR_MINOR = 4000  # 40 EUR
DAYS_PER_YEAR = 365


class LateFeeError(CollectorError, ValueError):
    """The late.* settings cannot be understood; the message names the setting."""


def _decimal_setting(raw: str, key: str) -> Decimal:
    text = (raw or "").strip().replace(",", ".") or "0"
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise LateFeeError(
            _("The setting {key} is {value}, which is not a number.").format(
                key=key, value=repr(raw))
        ) from None
    if not value.is_finite() or value < 0:
        raise LateFeeError(
            _("The setting {key} is {value}; it must be zero or more.").format(
                key=key, value=repr(raw))
        )
    return value


@dataclass(frozen=True, slots=True)
class LatePolicy:
    """The late.* settings, parsed and checked."""

    mode: str = "off"
    fixed: Decimal = Decimal(0)  # in the invoice's currency (major units, e.g. 15.50)
    annual_rate: Decimal = Decimal(0)  # percent a year
    reference_rate: Decimal = Decimal("2.15")  # percent a year, for the EU rule

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise LateFeeError(
                _("The late-fee mode {mode} is unknown; use one of {modes}.").format(
                    mode=repr(self.mode), modes=", ".join(MODES))
            )

    @classmethod
    def from_settings(cls, settings: S.Settings) -> LatePolicy:
        mode = (settings.get(S.LATE_FEE_MODE) or "off").strip().lower()
        return cls(
            mode=mode,
            fixed=_decimal_setting(settings.get(S.LATE_FEE_FIXED), S.LATE_FEE_FIXED.key),
            annual_rate=_decimal_setting(
                settings.get(S.LATE_FEE_ANNUAL_RATE), S.LATE_FEE_ANNUAL_RATE.key
            ),
            reference_rate=_decimal_setting(
                settings.get(S.LATE_FEE_REFERENCE_RATE), S.LATE_FEE_REFERENCE_RATE.key
            ),
        )

    @property
    def active(self) -> bool:
        return self.mode != "off"

    @property
    def yearly_rate(self) -> Decimal:
        """The yearly interest rate in percent that applies (0 when no interest is charged)."""
        if self.mode in ("interest", "fixed+interest"):
            return self.annual_rate
        if self.mode == "eu":
            return self.reference_rate + EU_EXTRA_POINTS
        return Decimal(0)

    def fixed_fee_minor(self, currency: str) -> int:
        """The fixed fee per overdue invoice, in minor units of *currency*."""
        if self.mode in ("fixed", "fixed+interest"):
            return round_half_up(self.fixed.scaleb(minor_digits(currency)))
        if self.mode == "eu" and currency == "EUR":
            return EU_COMPENSATION_EUR_MINOR
        return 0


@dataclass(frozen=True, slots=True)
class LateCharges:
    """What is owed on one invoice on top of its balance, as of a date."""

    currency: str
    days_overdue: int
    fee_minor: int = 0
    interest_minor: int = 0
    yearly_rate: Decimal = Decimal(0)

    @property
    def total_minor(self) -> int:
        return self.fee_minor + self.interest_minor

    @property
    def fee(self) -> Money:
        return Money(self.fee_minor, self.currency)

    @property
    def interest(self) -> Money:
        return Money(self.interest_minor, self.currency)

    @property
    def total(self) -> Money:
        return Money(self.total_minor, self.currency)


def late_charges(
    invoice: Invoice,
    as_of: dt.date,
    policy: LatePolicy,
    payments: Iterable[Payment] | None = None,
) -> LateCharges:
    """Late fee and interest owed on *invoice* on *as_of*.

    *payments* are the invoice's payments; with them the balance is rebuilt day by day
    (payments dated after *as_of* are ignored, so a statement "as of" a past date is right).
    Without them, the invoice's current balance is taken as unpaid since the due date.
    """
    days = max(0, (as_of - invoice.due_date).days)
    nothing = LateCharges(invoice.currency, days)
    if not policy.active or not invoice.counts or days == 0:
        return nothing

    if payments is None:
        balance_at_end = invoice.balance_minor
        # (day on which the balance changes, amount paid) after the due date: none known
        changes: list[tuple[dt.date, int]] = []
        balance_at_due = balance_at_end
    else:
        relevant = [p for p in payments if p.date <= as_of]
        paid_by_due = sum(p.amount_minor for p in relevant if p.date <= invoice.due_date)
        balance_at_due = invoice.total_minor - paid_by_due
        paid_on: dict[dt.date, int] = {}
        for p in relevant:
            if p.date > invoice.due_date:
                paid_on[p.date] = paid_on.get(p.date, 0) + p.amount_minor
        changes = sorted(paid_on.items())  # one entry per day, days strictly increasing
        balance_at_end = balance_at_due - sum(amount for _, amount in changes)

    if balance_at_end <= 0:
        return nothing

    rate = policy.yearly_rate
    interest = 0
    if rate > 0:
        # Sum of (balance x days it stayed unpaid). Day d (due < d <= as_of) earns interest
        # on the balance unpaid at its end, so a payment stops interest on its amount from
        # its own date on.
        balance_days = 0
        balance = balance_at_due
        last_counted = invoice.due_date  # the last day whose balance is already counted
        for day, amount in changes:
            balance_days += balance * (day - last_counted).days - balance  # up to day - 1
            balance -= amount
            balance_days += balance  # the day of payment, at the new balance
            last_counted = day
        balance_days += balance * (as_of - last_counted).days
        interest = round_half_up(Decimal(balance_days) * rate / (100 * DAYS_PER_YEAR))
    return LateCharges(
        currency=invoice.currency,
        days_overdue=days,
        fee_minor=policy.fixed_fee_minor(invoice.currency),
        interest_minor=interest,
        yearly_rate=rate,
    )


def total_by_currency(charges: Iterable[LateCharges]) -> dict[str, tuple[int, int]]:
    """(fees, interest) in minor units per currency, for the summaries of a document."""
    out: dict[str, tuple[int, int]] = {}
    for c in charges:
        fee, interest = out.get(c.currency, (0, 0))
        out[c.currency] = (fee + c.fee_minor, interest + c.interest_minor)
    return out
