"""The official late-payment rates, one per half-year and rule (`es`, `eu`, `uk`).

The laws fix the rate per half-year, not per day: Spain's Ley 3/2004 (art. 7.2) takes the
ECB's last main refinancing rate before 1 January / 1 July plus 8 points, as the BOE
publishes it; the EU directive the ECB rate in force on 1 January / 1 July plus 8 points;
the UK's 1998 Act the Bank of England base rate on 31 December / 30 June plus 8 points.

A `RateTable` holds the shipped rows (resources/rates/reference_rates.json, read by
actions/charges.py: this module does no I/O) with the user's own rows on top. A half-year
the table lacks is None here, never the previous half-year's rate: the caller warns.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from collector_gui.core.errors import CollectorError
from collector_gui.core.i18n import _

RULES: tuple[str, ...] = ("es", "eu", "uk")
# Points the law adds to the stored rate: es rows are the BOE's legal rate (8 included); eu
# and uk rows are the central bank's reference rate.
POINTS: dict[str, Decimal] = {"es": Decimal(0), "eu": Decimal(8), "uk": Decimal(8)}
# Highest rate accepted in a row, percent: far above any real one, it stops typing slips.
MAX_RATE = Decimal(100)

_PERIOD_RE = re.compile(r"(\d{4})\s*-?\s*[Hh]([12])")


class RateError(CollectorError, ValueError):
    """A rate, rule or half-year that cannot be understood; the message says which."""


@dataclass(frozen=True, slots=True, order=True)
class HalfYear:
    """January to June (half 1) or July to December (half 2) of a year."""

    year: int
    half: int

    @classmethod
    def of(cls, day: dt.date) -> HalfYear:
        return cls(day.year, 1 if day.month <= 6 else 2)

    @classmethod
    def parse(cls, text: str) -> HalfYear:
        """'2023-H1' (also '2023H1', '2023-h2')."""
        match = _PERIOD_RE.fullmatch((text or "").strip())
        if not match or not 1900 <= int(match.group(1)) <= 2999:
            raise RateError(_("{value} is not a half-year; write it as 2026-H1 (January to "
                              "June) or 2026-H2 (July to December).").format(value=repr(text)))
        return cls(int(match.group(1)), int(match.group(2)))

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 1 if self.half == 1 else 7, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.year, 6, 30) if self.half == 1 else dt.date(self.year, 12, 31)

    def next(self) -> HalfYear:
        return HalfYear(self.year, 2) if self.half == 1 else HalfYear(self.year + 1, 1)

    def __str__(self) -> str:
        return f"{self.year}-H{self.half}"


def check_rule(rule: str) -> str:
    norm = (rule or "").strip().lower()
    if norm not in RULES:
        raise RateError(_("The rule {rule} has no official rates; use one of {rules}.").format(
            rule=repr(rule), rules=", ".join(RULES)))
    return norm


def parse_rate(text: str | Decimal, what: str | None = None) -> Decimal:
    """A percentage from 0 to MAX_RATE ('10.15'; a decimal comma is accepted); *what* names
    it in the error (a setting's key)."""
    try:
        value = Decimal(str(text).strip().replace(",", "."))
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite() or not 0 <= value <= MAX_RATE:
        raise RateError(_("{what} must be a percentage from 0 to {top}, not {value}.").format(
            what=what or _("The rate"), value=repr(str(text)), top=MAX_RATE))
    return value


@dataclass(frozen=True, slots=True)
class RateRow:
    """One half-year's rate for one rule, with where it comes from."""

    rule: str
    period: HalfYear
    rate: Decimal  # as the source publishes it (see POINTS)
    source: str
    note: str = ""
    user: bool = False  # added by the user (kept in the ledger)

    @property
    def yearly_rate(self) -> Decimal:
        """The yearly interest rate the law charges in this half-year, percent."""
        return self.rate + POINTS[self.rule]

    def as_json(self) -> dict:
        return {"rule": self.rule, "period": str(self.period), "rate": str(self.rate),
                "yearly_rate": str(self.yearly_rate), "source": self.source,
                "note": self.note, "added_by_user": self.user}


class RateTable:
    """Rates by (rule, half-year); later rows given replace earlier ones."""

    def __init__(self, rows: Iterable[RateRow] = ()) -> None:
        self._rows: dict[tuple[str, HalfYear], RateRow] = {}
        for row in rows:
            self._rows[(row.rule, row.period)] = row

    @classmethod
    def from_data(cls, data: Mapping, *, user: bool = False) -> RateTable:
        """From the shipped file's structure: {"half_years": {rule: [{"period", "rate",
        "source", "note"?}, …]}}."""
        rows = []
        try:
            for rule, items in data["half_years"].items():
                for item in items:
                    rows.append(RateRow(check_rule(rule), HalfYear.parse(item["period"]),
                                        parse_rate(item["rate"]), str(item["source"]),
                                        str(item.get("note", "")), user))
        except (KeyError, TypeError, AttributeError) as exc:
            raise RateError(_("The rates file is not as expected ({error}).").format(
                error=exc)) from None
        return cls(rows)

    def merged(self, rows: Iterable[RateRow]) -> RateTable:
        """This table with *rows* on top (the user's rows win)."""
        return RateTable([*self._rows.values(), *rows])

    def get(self, rule: str, period: HalfYear) -> RateRow | None:
        return self._rows.get((rule, period))

    def yearly_rate(self, rule: str, day: dt.date) -> Decimal | None:
        """The law's yearly rate on *day*, or None when the table lacks that half-year."""
        row = self._rows.get((rule, HalfYear.of(day)))
        return row.yearly_rate if row is not None else None

    def rows(self, rule: str | None = None) -> list[RateRow]:
        return sorted((r for r in self._rows.values() if rule is None or r.rule == rule),
                      key=lambda r: (RULES.index(r.rule), r.period))

    def __len__(self) -> int:
        return len(self._rows)
