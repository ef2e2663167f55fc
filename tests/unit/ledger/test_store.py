from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from collector_gui.core.model import (
    Client,
    ContactEvent,
    EventKind,
    EventStatus,
    Invoice,
    InvoiceLine,
    Payment,
)
from collector_gui.ledger.store import StoreError

D = dt.date


def _invoice(store, number, client, total=10000, issue=D(2026, 8, 1), due=D(2026, 9, 1),
             currency="EUR", **kw):
    return store.add_invoice(Invoice(number, client.id, issue, due, currency, total, **kw))


def test_client_round_trip_and_unique_names(store):
    c = store.add_client(Client("José Núñez", email="jose@example.es", language="es",
                                credit_limit_minor=500000, billing_email="pagos@example.es"))
    assert store.get_client(c.id) == c
    assert store.find_client(" josé NúñEZ ") == c  # case of ASCII letters, as SQLite's NOCASE
    assert c.reminder_email == "pagos@example.es"
    with pytest.raises(StoreError, match="already exists"):
        store.add_client(Client("JOSé núñez"))


def test_invoice_with_lines_takes_their_total(store):
    c = store.add_client(Client("Acme"))
    lines = (InvoiceLine("Design", Decimal("2"), 5000, Decimal("21")),
             InvoiceLine("Printing", Decimal("1"), 1000, Decimal("0")))
    inv = _invoice(store, "2026-0001", c, total=1, lines=lines)
    assert inv.total_minor == 10000 + 2100 + 1000
    again = store.find_invoice("2026-0001")
    assert again.lines == lines and again.total_minor == inv.total_minor
    with pytest.raises(StoreError, match="already exists"):
        _invoice(store, "2026-0001", c)


def test_payments_keep_paid_in_step_and_never_exceed_the_balance(store):
    c = store.add_client(Client("Acme"))
    inv = _invoice(store, "A-1", c, total=10000)
    store.add_payment(Payment(inv.id, D(2026, 9, 10), 2500))
    store.add_payment(Payment(inv.id, D(2026, 9, 20), 2500))
    assert store.get_invoice(inv.id).paid_minor == 5000
    with pytest.raises(StoreError, match="more than the balance"):
        store.add_payment(Payment(inv.id, D(2026, 9, 21), 5001))
    assert store.get_invoice(inv.id).paid_minor == 5000
    assert [p.amount_minor for p in store.payments_of(inv.id)] == [2500, 2500]
    store.set_invoice_flags(inv.id, void=True)
    with pytest.raises(StoreError, match="void"):
        store.add_payment(Payment(inv.id, D(2026, 9, 22), 1))


def test_events_keep_their_invoices(store):
    c = store.add_client(Client("Acme"))
    a, b = _invoice(store, "A-1", c), _invoice(store, "A-2", c)
    ev = store.add_event(ContactEvent(c.id, dt.datetime(2026, 10, 1, 9, 30), EventKind.PROMISE,
                                      subject="Will pay Friday", invoice_ids=(b.id, a.id),
                                      promised_date=D(2026, 10, 3), promised_minor=20000))
    store.set_event_status(ev.id, EventStatus.SENT, message_id="<x@y>")
    (got,) = store.events_of(c.id)
    assert got.invoice_ids == (a.id, b.id)
    assert got.status is EventStatus.SENT and got.message_id == "<x@y>"
    assert got.promised_date == D(2026, 10, 3)


def _aging_fixture(store):
    c = store.add_client(Client("Acme"))
    _invoice(store, "CUR", c, 1000, due=D(2026, 11, 23))  # due today: current
    _invoice(store, "D1", c, 2000, due=D(2026, 11, 22))  # 1 day
    _invoice(store, "D31", c, 3000, due=D(2026, 10, 23))  # 31 days
    _invoice(store, "D61", c, 4000, due=D(2026, 9, 23))  # 61 days
    big = _invoice(store, "D91", c, 5000, due=D(2026, 8, 24))  # 91 days
    _invoice(store, "YEN", c, 700, currency="JPY", due=D(2026, 11, 1))
    _invoice(store, "DRAFT", c, 999, draft=True)
    _invoice(store, "VOID", c, 999, void=True)
    paid = _invoice(store, "PAID", c, 800)
    store.add_payment(Payment(paid.id, D(2026, 9, 5), 800))
    store.add_payment(Payment(big.id, D(2026, 11, 20), 1000))
    return big


def test_aging_buckets(store):
    _aging_fixture(store)
    report = store.aging(D(2026, 11, 23))
    assert report.as_json() == {
        "as_of": "2026-11-23",
        "currencies": {
            "EUR": {"current": "10.00", "1-30": "20.00", "31-60": "30.00", "61-90": "40.00",
                    "90+": "40.00", "total": "140.00"},
            "JPY": {"current": "0", "1-30": "700", "31-60": "0", "61-90": "0", "90+": "0",
                    "total": "700"},
        },
    }


def test_aging_as_of_a_past_date_counts_only_what_was_known_then(store):
    _aging_fixture(store)
    # On 2026-09-01 the PAID invoice was still open, D91's payment had not come, and
    # the invoices issued later did not exist yet (all were issued 2026-08-01 here).
    report = store.aging(D(2026, 9, 1))
    eur = report.buckets["EUR"]
    assert eur["1-30"] == 5000  # D91 was due 2026-08-24: 8 days late, full amount
    assert report.total("EUR") == 1000 + 2000 + 3000 + 4000 + 5000 + 800
    assert store.aging(D(2026, 7, 1)).currencies == []  # nothing issued yet


def test_overdue_most_days_first(store):
    _aging_fixture(store)
    rows = store.overdue(D(2026, 11, 23))
    assert [r.number for r in rows] == ["D91", "D61", "D31", "YEN", "D1"]
    assert rows[0].days_overdue == 91 and rows[0].balance_minor == 4000
    assert all(r.days_overdue > 0 for r in rows)
