"""core.latefees under the late-payment laws: each day at its half-year's official rate.

Figures are worked by hand from the published rates (resources/rates/reference_rates.json);
interest is balance x days x rate / 36,500 summed over the runs of days, rounded once.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest

from collector_gui.core.latefees import LateFeeError, LatePolicy, late_charges
from collector_gui.core.model import Invoice, Payment
from collector_gui.core.rates import HalfYear, RateRow, RateTable
from collector_gui.core.settings import Settings

D = dt.date
ROOT = Path(__file__).resolve().parents[3]
TABLE = RateTable.from_data(json.loads(
    (ROOT / "resources" / "rates" / "reference_rates.json").read_text("utf-8")))


def inv(total: int, due: dt.date, currency: str = "EUR", paid: int = 0) -> Invoice:
    return Invoice("L-1", 1, due - dt.timedelta(days=30), due, currency, total,
                   paid_minor=paid, id=1)


def law(mode: str, table: RateTable = TABLE, **settings: str) -> LatePolicy:
    raw = {"late.mode": mode, **{f"late.{k}": v for k, v in settings.items()}}
    return LatePolicy.from_settings(Settings(raw), table)


def test_spain_across_the_july_2023_boundary():
    """10,000.00 EUR due 15 June 2023, asked on 15 July 2023.

    16-30 June: 15 days at 10.50 % (2023-H1); 1-15 July: 15 days at 12.00 % (2023-H2).
    1,000,000 c x (15 x 10.50 + 15 x 12.00) / 36,500 = 1,000,000 x 337.5 / 36,500
    = 9,246.58 c -> 92.47 EUR; plus 40 EUR (art. 8). One rate for the whole period (the
    old `late.reference_rate` 2.15 + 8 = 10.15 %) gave 83.42 EUR.
    """
    c = late_charges(inv(1000000, D(2023, 6, 15)), D(2023, 7, 15), law("es"))
    assert (c.interest_minor, c.fee_minor, c.rule) == (9247, 4000, "es")
    assert c.yearly_rate == Decimal("12.00") and c.missing == ()
    flat = late_charges(inv(1000000, D(2023, 6, 15)), D(2023, 7, 15),
                        law("es", reference_rate="2.15"))
    assert flat.interest_minor == 8342


def test_an_invoice_late_since_early_2023_owes_about_12_percent_more_than_one_rate_gives():
    invoice = inv(1000000, D(2023, 1, 31))
    halves = late_charges(invoice, D(2025, 10, 31), law("es")).interest_minor
    one_rate = late_charges(invoice, D(2025, 10, 31), law("es", reference_rate="2.15"))
    assert 1.10 < halves / one_rate.interest_minor < 1.14


def test_uk_across_new_year_2023_and_the_fixed_sum_by_size_of_debt():
    """GBP 5,000.00 due 20 December 2022, asked on 9 January 2023.

    21-31 Dec: 11 days at 1.25 + 8 = 9.25 % (Bank Rate on 30 June 2022); 1-9 Jan: 9 days at
    3.50 + 8 = 11.50 % (Bank Rate on 31 December 2022).
    500,000 p x (11 x 9.25 + 9 x 11.50) / 36,500 = 500,000 x 205.25 / 36,500 = 2,811.64 p
    -> GBP 28.12; the debt is from 1,000 to 9,999.99: GBP 70.
    """
    c = late_charges(inv(500000, D(2022, 12, 20), "GBP"), D(2023, 1, 9), law("uk"))
    assert (c.interest_minor, c.fee_minor) == (2812, 7000)
    assert c.yearly_rate == Decimal("11.50")


@pytest.mark.parametrize("debt, fee", [(99999, 4000), (100000, 7000), (999999, 7000),
                                       (1000000, 10000), (5000000, 10000)])
def test_uk_fixed_sums_40_70_100(debt, fee):
    c = late_charges(inv(debt, D(2024, 3, 1), "GBP"), D(2024, 4, 1), law("uk"))
    assert c.fee_minor == fee


def test_uk_sum_follows_the_debt_on_the_due_date_not_what_is_left():
    invoice = inv(1200000, D(2024, 3, 1), "GBP", paid=1150000)
    pays = [Payment(1, D(2024, 3, 20), 1150000)]
    assert late_charges(invoice, D(2024, 4, 1), law("uk"), pays).fee_minor == 10000


def test_partial_payment_during_the_period_across_new_year_2024():
    """1,000.00 EUR due 1 December 2023, 400.00 paid on 10 January 2024, asked on 31 January.

    2-31 Dec: 30 days of 1,000.00 at 12.00 %; 1-9 Jan: 9 days of 1,000.00 at 12.50 %;
    10-31 Jan: 22 days of 600.00 at 12.50 % (the day of the payment counts at the new balance).
    (100,000 x 30 x 12 + 100,000 x 9 x 12.5 + 60,000 x 22 x 12.5) / 36,500
    = 63,750,000 / 36,500 = 1,746.58 c -> 17.47 EUR.
    """
    invoice = inv(100000, D(2023, 12, 1), paid=40000)
    c = late_charges(invoice, D(2024, 1, 31), law("es"), [Payment(1, D(2024, 1, 10), 40000)])
    assert c.interest_minor == 1747


def test_a_payment_on_the_first_day_of_a_half_year():
    # 2-30 June 2023 unpaid 1,000.00 at 10.50 %; from 1 July (paid 1,000.00 of 2,000.00 that
    # day) 1,000.00 at 12.00 % to 10 July: (200,000 x 29 x 10.5 + 100,000 x 10 x 12) / 36,500
    invoice = inv(200000, D(2023, 6, 1), paid=100000)
    c = late_charges(invoice, D(2023, 7, 10), law("es"), [Payment(1, D(2023, 7, 1), 100000)])
    assert c.interest_minor == round((200000 * 29 * 10.5 + 100000 * 10 * 12) / 36500)


def test_a_leap_year_is_still_counted_in_365ths():
    """36,500.00 EUR unpaid through all of 2024 (366 days), es rates.

    1 Jan-30 Jun: 182 days at 12.50 %; 1 Jul-31 Dec: 184 days at 12.25 %.
    3,650,000 c x (182 x 12.5 + 184 x 12.25) / 36,500 = 100 x (2,275 + 2,254) = 452,900 c:
    4,529.00 EUR, more than a year's 12.5/12.25 % because the year has 366 days.
    """
    c = late_charges(inv(3650000, D(2023, 12, 31)), D(2024, 12, 31), law("es"))
    assert c.interest_minor == 452900
    leap_day = late_charges(inv(365000, D(2024, 2, 27)), D(2024, 3, 1), law("es"))
    assert leap_day.interest_minor == 375  # 28 Feb, 29 Feb, 1 Mar: 365,000 x 3 x 12.5 / 36,500


def test_currency_digits_jpy_and_kwd():
    # JPY, eu: 1 July-30 July 2023 at 4.00 + 8 %: 1,000,000 x 30 x 12 / 36,500 = 9,863.01 yen
    jpy = late_charges(inv(1000000, D(2023, 6, 30), "JPY"), D(2023, 7, 30), law("eu"))
    assert (jpy.interest_minor, jpy.fee_minor) == (9863, 0)  # 40 EUR is not converted
    named = late_charges(inv(1000000, D(2023, 6, 30), "JPY"), D(2023, 7, 30),
                         law("eu", compensation="40 EUR; 6000 JPY"))
    assert named.fee_minor == 6000
    # KWD has 3 digits: 1,000.000 KWD, es, 1 Feb-2 Mar 2025 (30 days) at 11.15 %:
    # 1,000,000 fils x 30 x 11.15 / 36,500 = 9,164.38 fils; no 40 EUR outside the euro
    kwd = late_charges(inv(1000000, D(2025, 1, 31), "KWD"), D(2025, 3, 2), law("es"))
    assert (kwd.interest_minor, kwd.fee_minor) == (9164, 0)


def test_a_missing_half_year_earns_nothing_and_is_named():
    """Shipped rates end with 2026-H1: the days from 1 July 2026 are not charged at the old
    rate; once the user adds 2026-H2 they are."""
    invoice = inv(365000, D(2026, 6, 20))
    c = late_charges(invoice, D(2026, 7, 10), law("es"))
    assert c.missing == (HalfYear(2026, 2),)
    assert c.interest_minor == 1015  # 21-30 June only: 365,000 x 10 x 10.15 / 36,500
    assert c.yearly_rate == 0
    added = TABLE.merged([RateRow("es", HalfYear(2026, 2), Decimal("10.40"), "test", user=True)])
    full = late_charges(invoice, D(2026, 7, 10), law("es", added))
    assert full.missing == () and full.interest_minor == 1015 + 1040


def test_the_users_rate_wins_over_the_shipped_one():
    mine = TABLE.merged([RateRow("eu", HalfYear(2025, 2), Decimal("3.00"), "mine", user=True)])
    c = late_charges(inv(365000, D(2025, 7, 1)), D(2025, 7, 11), law("eu", mine))
    assert c.interest_minor == 1100  # 10 days at 3 + 8 = 11 %


def test_per_client_override():
    business = law("es")
    invoice = inv(500000, D(2022, 12, 20), "GBP")
    as_of = D(2023, 1, 9)
    assert late_charges(invoice, as_of, business.for_client("")).rule == "es"
    consumer = late_charges(invoice, as_of, business.for_client("off"))
    assert (consumer.total_minor, consumer.rule) == (0, "off")
    assert late_charges(invoice, as_of, business.for_client("none")).total_minor == 0
    uk = late_charges(invoice, as_of, business.for_client("uk"))
    assert (uk.interest_minor, uk.fee_minor, uk.rule) == (2812, 7000, "uk")
    with pytest.raises(LateFeeError, match="unknown"):
        business.for_client("monthly")


def test_contractual_modes_keep_one_rate_whatever_the_half_year():
    p = law("fixed+interest", fixed="25", annual_rate="36.5")
    c = late_charges(inv(100000, D(2023, 6, 25)), D(2023, 7, 5), p)
    assert (c.fee_minor, c.interest_minor, c.rule) == (2500, 1000, "fixed+interest")


def test_the_older_api_without_a_table_keeps_one_reference_rate():
    c = late_charges(inv(10000000, D(2025, 1, 31)), D(2025, 4, 14), LatePolicy(mode="eu"))
    assert (c.interest_minor, c.fee_minor) == (203000, 4000)  # 10.15 % for 73 days


@pytest.mark.parametrize("raw", ["40", "EUR", "forty EUR", "40 EUR 5", "-40 EUR"])
def test_a_bad_compensation_setting_is_refused(raw):
    with pytest.raises(LateFeeError, match="late.compensation"):
        law("eu", compensation=raw)
