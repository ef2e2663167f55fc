"""The payment-behaviour rules: days late, share late, promises, the suggested limit."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from collector_gui.core import behaviour as B

D = dt.date


def _paid(total, due, cleared, currency="EUR"):
    return B.PaidInvoice(currency, total, due, cleared)


def test_days_late_never_negative():
    assert B.days_late(D(2026, 3, 1), D(2026, 2, 20)) == 0
    assert B.days_late(D(2026, 3, 1), D(2026, 3, 1)) == 0
    assert B.days_late(D(2026, 2, 28), D(2026, 3, 1)) == 1
    assert B.days_late(D(2024, 2, 28), D(2024, 3, 1)) == 2  # leap year


def test_average_is_weighted_by_amount_and_early_does_not_offset():
    # 1,000 paid 30 days late, 9,000 on time, 10,000 paid 10 days early (counts as 0)
    s = B.summarise([_paid(100000, D(2026, 1, 31), D(2026, 3, 2)),
                     _paid(900000, D(2026, 2, 28), D(2026, 2, 28)),
                     _paid(1000000, D(2026, 3, 31), D(2026, 3, 21))])["EUR"]
    assert (s.paid, s.late) == (3, 1)
    assert s.average_days_late == 30 * 100000 / 2000000  # 1.5 days, not 10
    assert s.share_late == 1 / 3


def test_currencies_combine_by_invoice_count_never_by_amount():
    eur = B.summarise([_paid(1000, D(2026, 1, 1), D(2026, 1, 11))])["EUR"]  # 10 days
    jpy = B.summarise([_paid(5_000_000, D(2026, 1, 1), D(2026, 1, 1), "JPY"),
                       _paid(5_000_000, D(2026, 1, 1), D(2026, 1, 1), "JPY"),
                       _paid(5_000_000, D(2026, 1, 1), D(2026, 1, 1), "JPY")])["JPY"]
    assert B.average_days_late([eur, jpy]) == 10 / 4
    assert B.share_late([eur, jpy]) == 1 / 4
    assert B.average_days_late([]) is None and B.share_late([]) is None


def test_promises_kept_broken_pending():
    today = D(2026, 11, 23)
    base = dict(promised_on=D(2026, 11, 1), currency="EUR")
    kept = B.PromiseFacts(promised_date=D(2026, 11, 10), promised_minor=50000,
                          paid_in_time_minor=50000, left_at_date_minor=None, **base)
    short = B.PromiseFacts(promised_date=D(2026, 11, 10), promised_minor=50000,
                           paid_in_time_minor=49999, left_at_date_minor=None, **base)
    waiting = B.PromiseFacts(promised_date=D(2026, 11, 23), promised_minor=50000,
                             paid_in_time_minor=0, left_at_date_minor=None, **base)
    cleared = B.PromiseFacts(promised_date=D(2026, 11, 10), promised_minor=None,
                             paid_in_time_minor=10, left_at_date_minor=0, **base)
    owed = B.PromiseFacts(promised_date=D(2026, 11, 10), promised_minor=None,
                          paid_in_time_minor=10, left_at_date_minor=5, **base)
    assert [B.promise_outcome(p, today) for p in (kept, short, waiting, cleared, owed)] == [
        "kept", "broken", "pending", "kept", "broken"]
    assert B.count_promises([kept, short, waiting, cleared, owed], today) == B.Promises(2, 2, 1)


def test_nice_floor():
    assert B.nice_floor(1234567, "EUR") == 1200000  # 12,345.67 -> 12,000
    assert B.nice_floor(310000, "EUR") == 310000  # 3,100 stays
    assert B.nice_floor(99140, "EUR") == 99000  # 991.40 -> 990, not 500
    assert B.nice_floor(199, "EUR") == 100
    assert B.nice_floor(99, "EUR") == 0
    assert B.nice_floor(735000, "JPY") == 730000  # no minor digits
    assert B.nice_floor(2000, "KWD") == 2000  # 3 digits: 2.000 KWD


def _summary(paid=6, late=0, days=0.0):
    return B.PaidSummary("EUR", paid, late, 1_000_000, int(days * 1_000_000))


def test_suggested_limit_worked_example():
    # 60,000 invoiced in 12 months -> 5,000 a month -> 10,000 for two months
    assert B.suggested_limit("EUR", 6_000_000, 12, _summary()) == 1_000_000
    # 30 days late on average: two thirds -> 6,666 -> 6,600
    assert B.suggested_limit("EUR", 6_000_000, 12, _summary(6, 4, 30.0)) == 660_000
    # and half their settled promises broken: x 0.75 -> 5,000
    assert B.suggested_limit("EUR", 6_000_000, 12, _summary(6, 4, 30.0),
                             B.Promises(kept=1, broken=1)) == 500_000
    # every promise broken: x 0.5 -> 3,333 -> 3,300
    assert B.suggested_limit("EUR", 6_000_000, 12, _summary(6, 4, 30.0),
                             B.Promises(broken=2)) == 330_000
    # very late: never below a quarter -> 2,500
    assert B.suggested_limit("EUR", 6_000_000, 12, _summary(6, 6, 400.0)) == 250_000


def test_no_suggestion_with_too_little_history():
    assert B.suggested_limit("EUR", 6_000_000, 2, _summary()) is None
    assert B.suggested_limit("EUR", 6_000_000, 12, _summary(paid=2)) is None
    assert B.suggested_limit("EUR", 6_000_000, 12, None) is None
    assert B.suggested_limit("EUR", 0, 12, _summary()) is None


def test_behaviour_keeps_currencies_apart():
    paid = {"EUR": _summary(), "USD": B.PaidSummary("USD", 1, 1, 500, 5000)}
    b = B.behaviour(paid, {"EUR": 1000, "USD": 70}, {"EUR": (6_000_000, 12), "USD": (500, 1)},
                    B.Promises())
    assert b.suggested_limit("EUR") == 1_000_000
    assert b.suggested_limit("USD") is None  # one USD invoice: too little
    assert b.currencies["USD"].open_minor == 70
    assert b.suggested_limit("GBP") is None
    assert b.paid == 7 and b.share_late == 1 / 7


invoices = st.lists(st.builds(
    _paid, st.integers(0, 10**9), st.dates(D(2020, 1, 1), D(2027, 1, 1)),
    st.dates(D(2020, 1, 1), D(2027, 1, 1)), st.sampled_from(["EUR", "USD", "JPY"])),
    max_size=30)


@given(invoices, st.integers(0, 5), st.integers(0, 5))
def test_invariants(items, kept, broken):
    sums = B.summarise(items)
    share = B.share_late(list(sums.values()))
    avg = B.average_days_late(list(sums.values()))
    if items:
        assert 0 <= share <= 1
        assert 0 <= avg <= max(i.days_late for i in items)
    invoiced = {c: (sum(i.total_minor for i in items if i.currency == c),
                    sum(1 for i in items if i.currency == c)) for c in sums}
    b = B.behaviour(sums, {}, invoiced, B.Promises(kept, broken))
    for code, cb in b.currencies.items():
        limit = cb.suggested_limit_minor
        if limit is not None:
            # a clean figure, in its own currency, never above two months' invoicing
            assert 0 < limit <= invoiced[code][0] * 2 / 12
            assert B.nice_floor(limit, code) == limit
