"""Late fees and interest owed on an invoice as of a date, from the `late.*` settings.

Modes (setting `late.mode`; a client may override it, `Client.late_mode`):

- ``off``: nothing is owed.
- ``fixed``: `late.fixed` once per overdue invoice, in the invoice's currency.
- ``interest``: simple yearly interest at `late.annual_rate` percent on the overdue balance.
- ``fixed+interest``: both.
- ``es``: Spain, Ley 3/2004: interest at the legal rate the BOE publishes for each
  half-year (art. 7: the ECB's last main refinancing rate before 1 January / 1 July plus 8
  points), and 40 EUR per invoice (art. 8, costs of recovery; euro invoices only).
- ``eu``: Directive 2011/7/EU: the ECB main refinancing rate in force on 1 January / 1 July
  plus 8 points, and a fixed compensation per invoice (`late.compensation`, 40 EUR or the
  equivalents the user sets per currency; none in a currency it does not name).
- ``uk``: Late Payment of Commercial Debts (Interest) Act 1998: the Bank of England base
  rate in force on 31 December / 30 June plus 8 points, and a fixed sum by the size of the
  debt (the balance unpaid on the due date): GBP 40 under 1,000, 70 under 10,000, 100 from
  10,000 on (GBP invoices only: money is never converted silently).

For es, eu and uk each day's rate comes from the half-year the day falls in (`core.rates`).
A half-year the table lacks earns nothing and is named in `LateCharges.missing`, for the
caller to warn about: an old rate is never reused silently. A policy made without a table
(the older API, or `late.reference_rate` set by the user) uses one reference rate for every
half-year: `reference_rate` + 8 points.

Interest is simple (never compounded) and counted per day, actual/365: each day after the
due date, the balance still unpaid at the end of that day earns rate / 365, also in a leap
year (the UK's statutory guidance divides by 365; Ley 3/2004 and the directive fix no day
count, and one convention keeps the three rules comparable). Payments made after the due
date lower the balance from their date on. The interest is summed exactly and rounded
once, half up, to the currency's minor unit; so is the fixed fee.

Nothing is owed on an invoice that is a draft, void, not yet overdue, or paid in full by the
date asked about. Pure: no I/O, no SQL.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation

from collector_gui.core import clock
from collector_gui.core import settings as S
from collector_gui.core.errors import CollectorError
from collector_gui.core.i18n import _
from collector_gui.core.model import Invoice, Payment, round_half_up
from collector_gui.core.money import Money, MoneyError, check_currency, minor_digits, parse_minor
from collector_gui.core.rates import RULES, HalfYear, RateTable

MODES: tuple[str, ...] = ("off", "fixed", "interest", "fixed+interest", "es", "eu", "uk")
# What a client's `late_mode` may be: "" follows the business, "off" charges nothing.
CLIENT_MODES: tuple[str, ...] = ("", *MODES)
EU_EXTRA_POINTS = Decimal(8)
EU_COMPENSATION_EUR_MINOR = 4000  # 40 EUR
ES_COMPENSATION_EUR_MINOR = 4000  # 40 EUR, Ley 3/2004 art. 8
# The UK's fixed sums (section 5A of the 1998 Act), in pence, by the debt in pence: below
# the bound, that sum.
UK_COMPENSATION_GBP_MINOR: tuple[tuple[int | None, int], ...] = (
    (100000, 4000), (1000000, 7000), (None, 10000))
DEFAULT_REFERENCE_RATE = Decimal("2.15")  # for a policy made without a rate table
DEFAULT_COMPENSATION = "40 EUR"
DAYS_PER_YEAR = 365

_INTEREST_MODES = ("interest", "fixed+interest", *RULES)


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


def check_mode(raw: str, *, client: bool = False) -> str:
    """A late-charges mode in its stored form; *client* also allows "" (as the business)."""
    mode = (raw or "").strip().lower()
    if mode == "none":
        mode = "off"
    allowed = CLIENT_MODES if client else MODES
    if mode not in allowed:
        raise LateFeeError(
            _("The late-fee mode {mode} is unknown; use one of {modes}.").format(
                mode=repr(raw), modes=", ".join(MODES))
        )
    return mode


def parse_compensation(raw: str) -> tuple[tuple[str, int], ...]:
    """`late.compensation`: "40 EUR", or several as "40 EUR; 450 SEK" (amount and currency in
    either order), as (currency, minor units) pairs."""
    out: dict[str, int] = {}
    for part in re.split(r"[;,\n]", raw or ""):
        words = part.split()
        if not words:
            continue
        try:
            if len(words) != 2:
                raise MoneyError(part)
            amount, code = words if words[0][:1].isdigit() else reversed(words)
            currency = check_currency(code)
            out[currency] = parse_minor(amount, currency)
        except MoneyError:
            raise LateFeeError(_("The setting {key} is {value}; write an amount and its "
                                 "currency, such as 40 EUR (several: 40 EUR; 450 SEK).").format(
                key=S.LATE_FEE_COMPENSATION.key, value=repr(raw))) from None
    return tuple(sorted(out.items()))


@dataclass(frozen=True, slots=True)
class LatePolicy:
    """The late.* settings, parsed and checked, with the official rates when known."""

    mode: str = "off"
    fixed: Decimal = Decimal(0)  # in the invoice's currency (major units, e.g. 15.50)
    annual_rate: Decimal = Decimal(0)  # percent a year
    # The one reference rate used for every half-year when there is no table (or the user
    # set late.reference_rate), percent a year.
    reference_rate: Decimal = DEFAULT_REFERENCE_RATE
    # The official rates per half-year; None: `reference_rate` for every half-year.
    rates: RateTable | None = field(default=None, compare=False)
    # The eu rule's compensation per currency, minor units.
    compensation: tuple[tuple[str, int], ...] = (("EUR", EU_COMPENSATION_EUR_MINOR),)
    # True when the user fixed late.reference_rate (so the table is not used).
    reference_set: bool = False

    def __post_init__(self) -> None:
        check_mode(self.mode)

    @classmethod
    def from_settings(cls, settings: S.Settings, rates: RateTable | None = None) -> LatePolicy:
        """The business's policy; with *rates*, es/eu/uk take each half-year's rate from it,
        unless the user set `late.reference_rate` (one rate for every half-year)."""
        mode = check_mode(settings.get(S.LATE_FEE_MODE) or "off")
        ref_raw = (settings.get(S.LATE_FEE_REFERENCE_RATE) or "").strip()
        reference_set = bool(ref_raw)
        reference = (_decimal_setting(ref_raw, S.LATE_FEE_REFERENCE_RATE.key) if reference_set
                     else DEFAULT_REFERENCE_RATE)
        return cls(
            mode=mode,
            fixed=_decimal_setting(settings.get(S.LATE_FEE_FIXED), S.LATE_FEE_FIXED.key),
            annual_rate=_decimal_setting(
                settings.get(S.LATE_FEE_ANNUAL_RATE), S.LATE_FEE_ANNUAL_RATE.key
            ),
            reference_rate=reference,
            rates=None if reference_set else rates,
            compensation=parse_compensation(
                settings.get(S.LATE_FEE_COMPENSATION) or DEFAULT_COMPENSATION),
            reference_set=reference_set,
        )

    def for_client(self, client_mode: str | None) -> LatePolicy:
        """This policy as it applies to a client whose `late_mode` is *client_mode*."""
        mode = check_mode(client_mode or "", client=True)
        return self if not mode or mode == self.mode else replace(self, mode=mode)

    @property
    def active(self) -> bool:
        return self.mode != "off"

    @property
    def uses_table(self) -> bool:
        """Whether each half-year's official rate is used (es, eu, uk with a table)."""
        return self.mode in RULES and self.rates is not None

    def rate_on(self, day: dt.date) -> Decimal | None:
        """The yearly interest rate in percent on *day*; None when the rule's table lacks
        the half-year *day* falls in."""
        if self.mode in ("interest", "fixed+interest"):
            return self.annual_rate
        if self.mode in RULES:
            if self.rates is None:
                return self.reference_rate + EU_EXTRA_POINTS
            return self.rates.yearly_rate(self.mode, day)
        return Decimal(0)

    @property
    def yearly_rate(self) -> Decimal:
        """The yearly interest rate in percent that applies today (0 when no interest is
        charged, or when today's half-year has no official rate yet)."""
        return self.rate_on(clock.today()) or Decimal(0)

    def fixed_fee_minor(self, currency: str, debt_minor: int | None = None) -> int:
        """The fixed fee per overdue invoice, in minor units of *currency*; for uk it
        depends on the debt (without it, the smallest sum)."""
        if self.mode in ("fixed", "fixed+interest"):
            return round_half_up(self.fixed.scaleb(minor_digits(currency)))
        if self.mode == "eu":
            return dict(self.compensation).get(currency, 0)
        if self.mode == "es":
            return ES_COMPENSATION_EUR_MINOR if currency == "EUR" else 0
        if self.mode == "uk" and currency == "GBP":
            debt = debt_minor or 0
            for bound, fee in UK_COMPENSATION_GBP_MINOR:
                if bound is None or debt < bound:
                    return fee
        return 0


@dataclass(frozen=True, slots=True)
class LateCharges:
    """What is owed on one invoice on top of its balance, as of a date."""

    currency: str
    days_overdue: int
    fee_minor: int = 0
    interest_minor: int = 0
    yearly_rate: Decimal = Decimal(0)  # the rate on the date asked about
    rule: str = "off"  # the mode the charges were worked out by
    # Half-years without an official rate (their days earned nothing), oldest first.
    missing: tuple[HalfYear, ...] = ()

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


def _cuts(policy: LatePolicy, first: dt.date, last: dt.date) -> list[dt.date]:
    """The first days of the half-years that begin within (first, last]: the rate may change
    there."""
    if not policy.uses_table:
        return []
    out = []
    period = HalfYear.of(first).next()
    while period.start <= last:
        out.append(period.start)
        period = period.next()
    return out


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
    nothing = LateCharges(invoice.currency, days, rule=policy.mode)
    if not policy.active or not invoice.counts or days == 0:
        return nothing

    paid_on: dict[dt.date, int] = {}
    if payments is None:
        balance_at_due = invoice.balance_minor
    else:
        relevant = [p for p in payments if p.date <= as_of]
        paid_by_due = sum(p.amount_minor for p in relevant if p.date <= invoice.due_date)
        balance_at_due = invoice.total_minor - paid_by_due
        for p in relevant:
            if p.date > invoice.due_date:
                paid_on[p.date] = paid_on.get(p.date, 0) + p.amount_minor
    if balance_at_due - sum(paid_on.values()) <= 0:
        return nothing

    interest = 0
    missing: list[HalfYear] = []
    if policy.mode in _INTEREST_MODES:
        # Sum of (balance x rate) over the days after the due date up to as_of. Day d earns
        # interest on the balance unpaid at its end (so a payment stops interest on its
        # amount from its own date on), at the rate of d's half-year. The days are taken in
        # runs over which neither the balance nor the rate changes.
        first = invoice.due_date + dt.timedelta(days=1)
        cuts = sorted({*paid_on, *_cuts(policy, first, as_of)} - {first})
        total = Decimal(0)
        balance = balance_at_due
        start = first
        for end in [*cuts, as_of + dt.timedelta(days=1)]:
            balance -= paid_on.get(start, 0)
            rate = policy.rate_on(start)
            if rate is None:
                period = HalfYear.of(start)
                if period not in missing:
                    missing.append(period)
            elif rate and balance > 0:
                total += Decimal(balance * (end - start).days) * rate
            start = end
        interest = round_half_up(total / (100 * DAYS_PER_YEAR))
    return LateCharges(
        currency=invoice.currency,
        days_overdue=days,
        fee_minor=policy.fixed_fee_minor(invoice.currency, balance_at_due),
        interest_minor=interest,
        yearly_rate=(policy.rate_on(as_of) or Decimal(0)) if policy.mode in _INTEREST_MODES
        else Decimal(0),
        rule=policy.mode,
        missing=tuple(missing),
    )


def total_by_currency(charges: Iterable[LateCharges]) -> dict[str, tuple[int, int]]:
    """(fees, interest) in minor units per currency, for the summaries of a document."""
    out: dict[str, tuple[int, int]] = {}
    for c in charges:
        fee, interest = out.get(c.currency, (0, 0))
        out[c.currency] = (fee + c.fee_minor, interest + c.interest_minor)
    return out
