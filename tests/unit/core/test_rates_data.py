"""resources/rates/reference_rates.json: the official rates, checked against what was
published and derived again from the central banks' decisions the file lists."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest

from collector_gui.core.rates import RULES, HalfYear, RateError, RateTable

ROOT = Path(__file__).resolve().parents[3]
DATA = json.loads((ROOT / "resources" / "rates" / "reference_rates.json").read_text("utf-8"))
TABLE = RateTable.from_data(DATA)

# The BOE's "tipo legal de interés de demora en operaciones comerciales", as published.
BOE_PUBLISHED = {
    "2019-H1": "8.00", "2019-H2": "8.00", "2020-H1": "8.00", "2020-H2": "8.00",
    "2021-H1": "8.00", "2021-H2": "8.00", "2022-H1": "8.00", "2022-H2": "8.00",
    "2023-H1": "10.50", "2023-H2": "12.00", "2024-H1": "12.50", "2024-H2": "12.25",
    "2025-H1": "11.15", "2025-H2": "10.15",
}
# Bank of England base rate on 31 December / 30 June before each half-year.
BOE_UK_REFERENCE = {
    "2019-H1": "0.75", "2019-H2": "0.75", "2020-H1": "0.75", "2020-H2": "0.10",
    "2021-H1": "0.10", "2021-H2": "0.10", "2022-H1": "0.25", "2022-H2": "1.25",
    "2023-H1": "3.50", "2023-H2": "5.00", "2024-H1": "5.25", "2024-H2": "5.25",
    "2025-H1": "4.75", "2025-H2": "4.25",
}


def _in_force(decisions: list[dict], day: dt.date) -> Decimal:
    """The rate of the last decision effective on or before *day*."""
    dated = sorted((dt.date.fromisoformat(d["effective"]), Decimal(d["rate"])) for d in decisions)
    assert dated[0][0] <= day, f"no decision known for {day}"
    return [rate for effective, rate in dated if effective <= day][-1]


def _half_years() -> list[HalfYear]:
    out, p = [], HalfYear(2019, 1)
    while p <= HalfYear(2026, 1):
        out.append(p)
        p = p.next()
    return out


@pytest.mark.parametrize("rule", RULES)
def test_every_half_year_from_2019_to_2026_h1_is_there_with_its_source(rule):
    for period in _half_years():
        row = TABLE.get(rule, period)
        assert row is not None, f"{rule} {period} is missing"
        assert len(row.source) > 20, f"{rule} {period} has no real source"


def test_spain_matches_the_boe_figures_as_published():
    for period, rate in BOE_PUBLISHED.items():
        assert TABLE.get("es", HalfYear.parse(period)).rate == Decimal(rate), period


def test_spain_is_the_last_ecb_rate_before_the_semester_plus_8():
    """Ley 3/2004 art. 7.2: the rate of the ECB's most recent main refinancing operation
    before 1 January / 1 July, plus 8 points."""
    for period in _half_years():
        before = period.start - dt.timedelta(days=1)
        assert TABLE.get("es", period).rate == _in_force(DATA["ecb_decisions"], before) + 8, \
            period


def test_eu_is_the_ecb_rate_in_force_on_1_january_or_1_july():
    for period in _half_years():
        assert TABLE.get("eu", period).rate == _in_force(DATA["ecb_decisions"], period.start), \
            period


def test_uk_is_the_bank_rate_on_31_december_or_30_june():
    for period in _half_years():
        reference_day = period.start - dt.timedelta(days=1)  # 31 Dec / 30 Jun
        assert TABLE.get("uk", period).rate == _in_force(DATA["boe_decisions"], reference_day), \
            period
    for period, rate in BOE_UK_REFERENCE.items():
        assert TABLE.get("uk", HalfYear.parse(period)).rate == Decimal(rate), period


def test_the_law_adds_8_points_to_eu_and_uk_but_not_to_the_boe_rate():
    p = HalfYear(2023, 2)
    assert TABLE.get("es", p).yearly_rate == Decimal("12.00")
    assert TABLE.get("eu", p).yearly_rate == Decimal("12.00")  # ECB 4.00 on 1 July 2023
    assert TABLE.get("uk", p).yearly_rate == Decimal("13.00")  # Bank Rate 5.00 on 30 June


def test_the_ecb_and_bank_of_england_histories_hold_the_published_changes():
    ecb = {d["effective"]: d["rate"] for d in DATA["ecb_decisions"]}
    assert ecb["2022-07-27"] == "0.50" and ecb["2023-09-20"] == "4.50"
    assert ecb["2024-09-18"] == "3.65" and ecb["2025-06-11"] == "2.15"
    boe = {d["effective"]: d["rate"] for d in DATA["boe_decisions"]}
    assert boe["2020-03-19"] == "0.10" and boe["2023-08-03"] == "5.25"
    assert boe["2024-08-01"] == "5.00" and boe["2025-08-07"] == "4.00"


def test_uncertain_rows_say_so_in_their_note():
    for rule in RULES:
        assert "check" in TABLE.get(rule, HalfYear(2026, 1)).note.lower()
    assert TABLE.get("es", HalfYear(2026, 2)) is None  # not known: never invented


def test_half_year_parsing_and_bounds():
    assert HalfYear.parse("2024-h2") == HalfYear(2024, 2) == HalfYear.parse("2024H2")
    assert HalfYear.of(dt.date(2024, 6, 30)) == HalfYear(2024, 1)
    assert HalfYear.of(dt.date(2024, 7, 1)) == HalfYear(2024, 2)
    assert HalfYear(2024, 2).next() == HalfYear(2025, 1)
    assert (HalfYear(2024, 1).start, HalfYear(2024, 1).end) == (dt.date(2024, 1, 1),
                                                                dt.date(2024, 6, 30))
    for bad in ("2024", "2024-H3", "H1-2024", ""):
        with pytest.raises(RateError, match="half-year"):
            HalfYear.parse(bad)
