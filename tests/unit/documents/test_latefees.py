"""core.latefees: fees and interest per invoice, in integer minor units, rounded half up."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from collector_gui.core.errors import CollectorError
from collector_gui.core.latefees import LateFeeError, LatePolicy, late_charges, total_by_currency
from collector_gui.core.model import Invoice, Payment
from collector_gui.core.settings import Settings

D = dt.date
DUE = D(2025, 1, 31)


def inv(total=100000, paid=0, currency="EUR", due=DUE, **kw) -> Invoice:
    return Invoice("X-1", 1, D(2025, 1, 1), due, currency, total, paid_minor=paid, id=1, **kw)


def policy(mode, fixed="0", rate="0", ref="2.15") -> LatePolicy:
    return LatePolicy.from_settings(Settings({
        "late.mode": mode, "late.fixed": fixed, "late.annual_rate": rate,
        "late.reference_rate": ref,
    }))


def test_off_by_default_and_nothing_is_owed():
    p = LatePolicy.from_settings(Settings({}))
    assert p.mode == "off" and not p.active
    c = late_charges(inv(), D(2025, 12, 31), p)
    assert (c.fee_minor, c.interest_minor, c.days_overdue) == (0, 0, 334)


@pytest.mark.parametrize("currency, fixed, expected", [
    ("EUR", "15.5", 1550),
    ("JPY", "500", 500),
    ("KWD", "1.2345", 1235),  # 1234.5 fils, half up
    ("EUR", "0.005", 1),  # 0.5 cent, half up (banker's rounding would give 0)
    ("EUR", "12,50", 1250),  # a decimal comma typed in the settings dialog
])
def test_fixed_fee_in_the_invoices_currency(currency, fixed, expected):
    c = late_charges(inv(currency=currency), D(2025, 2, 1), policy("fixed", fixed=fixed))
    assert c.fee_minor == expected and c.interest_minor == 0
    assert c.total.currency == currency


def test_simple_interest_per_day_actual_365():
    # 1,000.00 at 36.5 % a year is 1.00 a day (0.1 % of 1,000.00)
    c = late_charges(inv(total=100000), DUE + dt.timedelta(days=30), policy("interest", rate="36.5"))
    assert c.interest_minor == 3000 and c.fee_minor == 0 and c.days_overdue == 30
    # a whole year at 10 % is 10 %
    c = late_charges(inv(total=10000), DUE + dt.timedelta(days=365), policy("interest", rate="10"))
    assert c.interest_minor == 1000


def test_interest_is_rounded_once_half_up():
    # 365 minor units x 1 day x 50 % / 365 = exactly 0.5 -> 1 (half up, not to even)
    c = late_charges(inv(total=365), DUE + dt.timedelta(days=1), policy("interest", rate="50"))
    assert c.interest_minor == 1
    # 0.49... -> 0
    c = late_charges(inv(total=364), DUE + dt.timedelta(days=1), policy("interest", rate="50"))
    assert c.interest_minor == 0


def test_fixed_plus_interest():
    c = late_charges(inv(total=100000), DUE + dt.timedelta(days=10),
                     policy("fixed+interest", fixed="25", rate="36.5"))
    assert (c.fee_minor, c.interest_minor, c.total_minor) == (2500, 1000, 3500)


def test_eu_rule_reference_plus_eight_points_and_40_eur():
    # reference 2.15 + 8 = 10.15 % a year; 100,000.00 EUR for 73 days
    c = late_charges(inv(total=10000000), DUE + dt.timedelta(days=73), policy("eu", ref="2.15"))
    assert c.yearly_rate == Decimal("10.15")
    assert c.fee_minor == 4000
    assert c.interest_minor == 203000  # 10,000,000 x 73 x 10.15 / 36,500 = 203,000 exactly


def test_eu_rule_outside_the_euro_charges_only_interest():
    c = late_charges(inv(total=10000000, currency="GBP"), DUE + dt.timedelta(days=73),
                     policy("eu", ref="2.15"))
    assert c.fee_minor == 0 and c.interest_minor == 203000
    jpy = late_charges(inv(total=1000000, currency="JPY"), DUE + dt.timedelta(days=365),
                       policy("eu", ref="2"))
    assert jpy.fee_minor == 0 and jpy.interest_minor == 100000  # 10 % of ¥1,000,000


@pytest.mark.parametrize("invoice, as_of", [
    (inv(), DUE),  # due today: not late yet
    (inv(), DUE - dt.timedelta(days=3)),
    (inv(draft=True), D(2025, 6, 1)),
    (inv(void=True), D(2025, 6, 1)),
    (inv(paid=100000), D(2025, 6, 1)),  # paid in full
])
def test_nothing_owed_unless_open_and_overdue(invoice, as_of):
    c = late_charges(invoice, as_of, policy("fixed+interest", fixed="10", rate="8"))
    assert c.total_minor == 0


def test_payments_after_the_due_date_stop_interest_from_their_date():
    # 1,000.00 due Jan 31; 500.00 paid Feb 10; as of Mar 2 (30 days late):
    # Feb 1-9 at 1,000.00 (9 days) + Feb 10-Mar 2 at 500.00 (21 days), 0.1 % a day
    pays = [Payment(1, D(2025, 2, 10), 50000)]
    c = late_charges(inv(total=100000, paid=50000), D(2025, 3, 2), policy("interest", rate="36.5"),
                     pays)
    assert c.interest_minor == 900 + 1050


def test_payments_before_the_due_date_lower_the_base():
    pays = [Payment(1, D(2025, 1, 20), 30000)]
    c = late_charges(inv(total=100000, paid=30000), DUE + dt.timedelta(days=30),
                     policy("interest", rate="36.5"), pays)
    assert c.interest_minor == 2100


def test_payments_after_as_of_are_ignored_and_same_day_payments_add_up():
    pays = [Payment(1, D(2025, 2, 10), 20000), Payment(1, D(2025, 2, 10), 30000),
            Payment(1, D(2025, 4, 1), 50000)]  # the last one is after as_of
    c = late_charges(inv(total=100000, paid=100000), D(2025, 3, 2), policy("interest", rate="36.5"),
                     pays)
    assert c.interest_minor == 900 + 1050  # as if only the 500.00 of Feb 10 was paid
    assert c.fee_minor == 0


def test_paid_in_full_by_as_of_owes_nothing_even_if_paid_late():
    pays = [Payment(1, D(2025, 2, 10), 100000)]
    c = late_charges(inv(total=100000, paid=100000), D(2025, 3, 2), policy("eu"), pays)
    assert c.total_minor == 0


@pytest.mark.parametrize("settings, key", [
    ({"late.mode": "fixed", "late.fixed": "ten"}, "late.fixed"),
    ({"late.mode": "interest", "late.annual_rate": "-3"}, "late.annual_rate"),
    ({"late.mode": "eu", "late.reference_rate": "NaN"}, "late.reference_rate"),
])
def test_bad_settings_are_clear_errors(settings, key):
    with pytest.raises(LateFeeError, match=key) as info:
        LatePolicy.from_settings(Settings(settings))
    assert isinstance(info.value, CollectorError)


def test_unknown_mode_is_an_error():
    with pytest.raises(LateFeeError, match="weekly"):
        LatePolicy.from_settings(Settings({"late.mode": "weekly"}))


def test_totals_per_currency():
    p = policy("fixed+interest", fixed="10", rate="36.5")
    charges = [late_charges(inv(total=100000), DUE + dt.timedelta(days=10), p),
               late_charges(inv(total=100000), DUE + dt.timedelta(days=20), p),
               late_charges(inv(total=1000, currency="JPY"), DUE + dt.timedelta(days=1000), p)]
    assert total_by_currency(charges) == {"EUR": (2000, 3000), "JPY": (10, 1000)}


@given(total=st.integers(1, 10**12), days=st.integers(1, 3000),
       rate=st.decimals(min_value=0, max_value=40, places=2))
def test_interest_never_falls_as_time_passes(total, days, rate):
    p = LatePolicy(mode="interest", annual_rate=rate)
    a = late_charges(inv(total=total), DUE + dt.timedelta(days=days), p)
    b = late_charges(inv(total=total), DUE + dt.timedelta(days=days + 1), p)
    assert 0 <= a.interest_minor <= b.interest_minor


@given(total=st.integers(2, 10**9), paid_share=st.floats(0.01, 0.99), days=st.integers(1, 900))
def test_payments_before_due_equal_the_current_balance_alone(total, paid_share, days):
    """Rebuilding from payments (all before the due date) gives what the balance gives."""
    paid = max(1, min(total - 1, int(total * paid_share)))
    p = LatePolicy(mode="interest", annual_rate=Decimal("9.5"))
    invoice = inv(total=total, paid=paid)
    as_of = DUE + dt.timedelta(days=days)
    with_payments = late_charges(invoice, as_of, p, [Payment(1, DUE, paid)])
    assert with_payments == late_charges(invoice, as_of, p)
