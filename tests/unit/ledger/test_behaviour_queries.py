"""The behaviour sums read from a real ledger, and what the actions make of them."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from collector_gui.actions import behaviour as act
from collector_gui.core import behaviour as B
from collector_gui.core.errors import CollectorError
from collector_gui.core.model import Client, ContactEvent, EventKind, Invoice, Payment
from collector_gui.ledger import behaviour as Q
from collector_gui.ledger import browse

D = dt.date
TODAY = D(2026, 11, 23)


def _inv(store, number, client, total, issue, due, currency="EUR", **kw):
    return store.add_invoice(Invoice(number, client.id, issue, due, currency, total, **kw))


def _pay(store, inv, day, amount):
    store.add_payment(Payment(inv.id, day, amount))


@pytest.fixture
def acme(store):
    c = store.add_client(Client("Acme", credit_limit_minor=100000))
    # cleared 20 days late by two partial payments (the later one counts)
    a = _inv(store, "A1", c, 30000, D(2026, 5, 1), D(2026, 6, 1))
    _pay(store, a, D(2026, 5, 20), 10000)
    _pay(store, a, D(2026, 6, 21), 20000)
    # paid early, and on the day
    b = _inv(store, "A2", c, 10000, D(2026, 6, 1), D(2026, 7, 1))
    _pay(store, b, D(2026, 6, 15), 10000)
    e = _inv(store, "A3", c, 60000, D(2026, 7, 1), D(2026, 8, 1))
    _pay(store, e, D(2026, 8, 1), 60000)
    # partly paid: not counted as paid; void and draft never count
    p = _inv(store, "A4", c, 50000, D(2026, 9, 1), D(2026, 10, 1))
    _pay(store, p, D(2026, 10, 20), 5000)
    _inv(store, "A5", c, 99999, D(2026, 9, 1), D(2026, 10, 1), void=True)
    _inv(store, "A6", c, 99999, D(2026, 9, 1), D(2026, 10, 1), draft=True)
    # another currency, 10 days late
    u = _inv(store, "U1", c, 700, D(2026, 1, 1), D(2026, 2, 1), "USD")
    _pay(store, u, D(2026, 2, 11), 700)
    return c


def test_paid_sums_per_currency(store, acme):
    sums = Q.paid_summaries(store.ledger, acme.id)[acme.id]
    assert sums["EUR"] == B.PaidSummary("EUR", 3, 1, 100000, 30000 * 20)
    assert sums["USD"] == B.PaidSummary("USD", 1, 1, 700, 7000)
    assert Q.paid_summaries(store.ledger) == {acme.id: sums}


def test_sql_figures_agree_with_core(store, acme):
    rng = random.Random(7)
    for n in range(40):
        c = store.add_client(Client(f"C{n}"))
        for k in range(rng.randint(0, 5)):
            due = D(2026, 1, 1) + dt.timedelta(days=rng.randint(0, 200))
            inv = _inv(store, f"R{n}-{k}", c, rng.randint(0, 90000), due - dt.timedelta(30), due,
                       rng.choice(["EUR", "JPY"]))
            if inv.total_minor and rng.random() < 0.8:
                _pay(store, inv, due + dt.timedelta(days=rng.randint(-20, 60)), inv.total_minor)
    figures = Q.client_figures(store.ledger)
    for cid, sums in Q.paid_summaries(store.ledger).items():
        avg, share = figures[cid]
        assert avg == pytest.approx(B.average_days_late(list(sums.values())))
        assert share == pytest.approx(B.share_late(list(sums.values())))


def test_promises_against_payments(store, acme):
    p = store.find_invoice("A4")
    at = dt.datetime(2026, 10, 10, 12)
    store.add_event(ContactEvent(acme.id, at, EventKind.PROMISE, invoice_ids=(p.id,),
                                 promised_date=D(2026, 10, 31), promised_minor=5000))  # kept
    store.add_event(ContactEvent(acme.id, at, EventKind.PROMISE, invoice_ids=(p.id,),
                                 promised_date=D(2026, 11, 5)))  # not cleared: broken
    store.add_event(ContactEvent(acme.id, at, EventKind.PROMISE,
                                 promised_date=D(2026, 11, 30), promised_minor=9000))  # pending
    store.add_event(ContactEvent(acme.id, at, EventKind.CALL))  # not a promise
    facts = Q.promises(store.ledger, acme.id)
    assert [(f.paid_in_time_minor, f.left_at_date_minor) for f in facts] == [
        (5000, 45000), (5000, 45000), (5000, None)]
    assert B.count_promises(facts, TODAY) == B.Promises(kept=1, broken=1, pending=1)


def test_client_behaviour_and_suggested_limit(store, acme):
    b = act.client_behaviour(store.ledger, acme.id, TODAY)
    assert b.currencies["EUR"].open_minor == 45000
    # EUR invoiced since 2025-11-23: 30000 + 10000 + 60000 + 50000 = 150000, 4 invoices
    assert (b.currencies["EUR"].invoiced_12m_minor, b.currencies["EUR"].invoices_12m) == (
        150000, 4)
    # 150000 / 12 * 2 = 25000, x (1 - 6/90) = 23333 -> 230.00
    assert b.suggested_limit("EUR") == 23000
    assert b.suggested_limit("USD") is None
    result = act.use_suggested_limit(store, acme.id, TODAY)
    assert result.value == (100000, 23000)
    assert store.get_client(acme.id).credit_limit_minor == 23000
    assert act.set_credit_limit(store, acme.id, 100000).value == 23000


def test_no_suggestion_is_refused(store):
    c = store.add_client(Client("New"))
    with pytest.raises(CollectorError, match="too little history"):
        act.use_suggested_limit(store, c.id, TODAY)
    assert store.get_client(c.id).credit_limit_minor is None


def test_overruns(store, acme):
    assert act.overruns(store.ledger) == {}
    before = act.overruns(store.ledger)
    _inv(store, "A7", acme, 60000, TODAY, TODAY)
    after = act.overruns(store.ledger)
    assert [(o.name, o.owed_minor, o.excess_minor) for o in act.new_overruns(before, after)] == [
        ("Acme", 105000, 5000)]
    assert "over their credit limit of €1,000.00 by €50.00 (they owe €1,050.00)" in after[acme.id].message()
    assert act.new_overruns(after, after) == []


def test_list_pager_sorts_by_raw_figures(store, acme):
    slow = store.add_client(Client("Slow"))
    inv = _inv(store, "S1", slow, 1000, D(2026, 1, 1), D(2026, 1, 1))
    _pay(store, inv, D(2026, 3, 2), 1000)
    store.add_client(Client("Never"))
    rows = Q.client_pager(store.ledger, browse.ClientFilter(), browse.Sort("avg_late", True),
                          TODAY).next_page()
    assert [(r.name, r.avg_days_late) for r in rows] == [
        ("Slow", 60.0), ("Acme", pytest.approx((3 * 6 + 10) / 4)), ("Never", None)]
    rows = Q.client_pager(store.ledger, browse.ClientFilter(), browse.Sort("share_late"),
                          TODAY).next_page()
    assert [r.name for r in rows] == ["Never", "Acme", "Slow"]
    assert rows[1].share_late == 0.5
