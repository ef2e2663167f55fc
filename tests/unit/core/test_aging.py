from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from collector_gui.core.aging import BUCKETS, aging, bucket_for, days_overdue
from collector_gui.core.model import Invoice, InvoiceLine, Status, invoice_totals
from decimal import Decimal

AS_OF = dt.date(2026, 11, 23)


@pytest.mark.parametrize(
    ("days", "bucket"),
    [(-10, "current"), (0, "current"), (1, "1-30"), (30, "1-30"), (31, "31-60"), (60, "31-60"),
     (61, "61-90"), (90, "61-90"), (91, "90+"), (4000, "90+")],
)
def test_bucket_edges(days, bucket):
    assert bucket_for(days) == bucket


def test_due_today_is_current_not_overdue():
    assert days_overdue(AS_OF, AS_OF) == 0
    inv = Invoice("A", 1, AS_OF - dt.timedelta(days=30), AS_OF, "EUR", 100)
    assert inv.status(AS_OF) is Status.OPEN
    assert inv.status(AS_OF + dt.timedelta(days=1)) is Status.OVERDUE


@pytest.mark.parametrize(
    ("kwargs", "status"),
    [
        ({}, Status.OPEN),
        ({"paid_minor": 40}, Status.PARTIALLY_PAID),
        ({"paid_minor": 100}, Status.PAID),
        ({"void": True}, Status.VOID),
        ({"draft": True}, Status.DRAFT),
        ({"due_date": AS_OF - dt.timedelta(days=1)}, Status.OVERDUE),
        ({"due_date": AS_OF - dt.timedelta(days=1), "paid_minor": 100}, Status.PAID),
    ],
)
def test_status_is_derived(kwargs, status):
    base = {"number": "A", "client_id": 1, "issue_date": AS_OF - dt.timedelta(days=40),
            "due_date": AS_OF + dt.timedelta(days=5), "currency": "EUR", "total_minor": 100}
    assert Invoice(**{**base, **kwargs}).status(AS_OF) is status


def test_invoice_totals_round_per_tax_rate():
    lines = [
        InvoiceLine("Design", Decimal("1.5"), 3333, Decimal("21")),  # 4999.5 -> 5000
        InvoiceLine("Hosting", Decimal("1"), 1000, Decimal("21")),
        InvoiceLine("Books", Decimal("2"), 1250, Decimal("4")),
    ]
    totals = invoice_totals(lines)
    assert totals.net_minor == 5000 + 1000 + 2500
    assert totals.tax_by_rate == ((Decimal("4"), 2500, 100), (Decimal("21"), 6000, 1260))
    assert totals.total_minor == 8500 + 1360


invoices = st.builds(
    Invoice,
    number=st.text(min_size=1, max_size=5),
    client_id=st.just(1),
    issue_date=st.dates(dt.date(2020, 1, 1), dt.date(2026, 11, 1)),
    due_date=st.dates(dt.date(2020, 1, 1), dt.date(2027, 6, 1)),
    currency=st.sampled_from(["EUR", "USD", "JPY"]),
    total_minor=st.integers(0, 10**9),
    paid_minor=st.integers(0, 10**9),
    draft=st.booleans(),
    void=st.booleans(),
).filter(lambda inv: inv.paid_minor <= inv.total_minor)


@given(st.lists(invoices, max_size=40), st.dates(dt.date(2019, 1, 1), dt.date(2028, 1, 1)))
def test_buckets_add_up_and_only_open_invoices_count(batch, as_of):
    report = aging(batch, as_of)
    for cur in report.currencies:
        assert set(report.buckets[cur]) == set(BUCKETS)
        expected = sum(i.balance_minor for i in batch if i.currency == cur and i.is_open())
        assert report.total(cur) == expected
        assert all(v >= 0 for v in report.buckets[cur].values())
    owing = {i.currency for i in batch if i.is_open()}
    assert set(report.currencies) == owing
    # a paid, draft or void invoice never moves a number
    extra = [i for i in batch if not i.is_open()]
    assert aging([*batch, *extra], as_of) == report
