"""Days overdue, aging buckets and totals per currency.

The ledger sums open balances per (currency, due date) in SQL; the rule that turns a due
date into a bucket lives here, so the command line, the window and the PDFs agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from collector_gui.core.model import Invoice
from collector_gui.core.money import minor_to_string

BUCKETS: tuple[str, ...] = ("current", "1-30", "31-60", "61-90", "90+")


def days_overdue(due_date: dt.date, as_of: dt.date) -> int:
    return max(0, (as_of - due_date).days)


def bucket_for(days: int) -> str:
    """`current` is not yet due or due on the day; then 1-30, 31-60, 61-90 and 90+."""
    if days <= 0:
        return "current"
    if days <= 30:
        return "1-30"
    if days <= 60:
        return "31-60"
    if days <= 90:
        return "61-90"
    return "90+"


@dataclass(frozen=True, slots=True)
class AgingReport:
    as_of: dt.date
    # currency -> bucket -> open balance in minor units (every bucket present)
    buckets: dict[str, dict[str, int]]

    def total(self, currency: str) -> int:
        return sum(self.buckets[currency].values())

    @property
    def currencies(self) -> list[str]:
        return sorted(self.buckets)

    def as_json(self) -> dict:
        """The shape `collector aging --json` prints (amounts as exact decimal strings)."""
        out: dict[str, dict[str, str]] = {}
        for cur in self.currencies:
            row = {b: minor_to_string(self.buckets[cur][b], cur) for b in BUCKETS}
            row["total"] = minor_to_string(self.total(cur), cur)
            out[cur] = row
        return {"as_of": self.as_of.isoformat(), "currencies": out}


def aging_from_groups(
    groups: Iterable[tuple[str, dt.date, int]], as_of: dt.date
) -> AgingReport:
    """Build the report from open balances summed per (currency, due date).

    Currencies whose open balance adds up to zero are left out.
    """
    buckets: dict[str, dict[str, int]] = {}
    for currency, due_date, balance in groups:
        row = buckets.setdefault(currency, dict.fromkeys(BUCKETS, 0))
        row[bucket_for(days_overdue(due_date, as_of))] += balance
    buckets = {cur: row for cur, row in buckets.items() if any(row.values())}
    return AgingReport(as_of, buckets)


def aging(invoices: Iterable[Invoice], as_of: dt.date) -> AgingReport:
    """The aging of a set of invoices: only open ones (not paid, draft or void) count."""
    return aging_from_groups(
        ((inv.currency, inv.due_date, inv.balance_minor) for inv in invoices if inv.is_open()),
        as_of,
    )


# -- dashboard figures (appended for the main window) -----------------------------------------


def overdue_total(report: AgingReport, currency: str) -> int:
    """The part of a currency's open balance that is past due (every bucket but `current`)."""
    return sum(v for b, v in report.buckets[currency].items() if b != "current")


def average_days_to_pay(histogram: Iterable[tuple[int, int]]) -> float | None:
    """Mean days from issue to the last payment, from (days, number of invoices) pairs.

    None when no invoice was paid (there is nothing to average).
    """
    count = total = 0
    for days, n in histogram:
        count += n
        total += max(0, days) * n
    return total / count if count else None


def last_months(as_of: dt.date, months: int = 12) -> list[str]:
    """The *months* calendar months up to *as_of*'s, oldest first, as "YYYY-MM"."""
    year, month = as_of.year, as_of.month
    out = []
    for _ in range(months):
        out.append(f"{year:04d}-{month:02d}")
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return out[::-1]


def collected_per_month(
    rows: Iterable[tuple[str, str, int]], months: list[str]
) -> dict[str, list[int]]:
    """Payments summed per currency and month, from ("YYYY-MM", currency, amount) rows.

    Every currency gets one value per month in *months* (0 where nothing came in); rows
    outside those months are ignored.
    """
    index = {m: i for i, m in enumerate(months)}
    out: dict[str, list[int]] = {}
    for month, currency, amount in rows:
        if month in index:
            out.setdefault(currency, [0] * len(months))[index[month]] += amount
    return dict(sorted(out.items()))
