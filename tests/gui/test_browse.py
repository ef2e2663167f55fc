"""The paged queries the tables read (ledger/browse.py): they agree with core and the store."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from collector_gui.core.model import Client, ContactEvent, EventKind, Invoice, Payment
from collector_gui.ledger import browse
from collector_gui.ledger.browse import Sort
from collector_gui.ledger.store import Store

from tests.helpers.dates import TODAY


def _all(pager) -> list:
    rows = []
    while not pager.exhausted:
        rows += pager.next_page()
    return rows


@pytest.fixture
def varied(store):
    """Invoices in every state: each combination of flags, payments and dates."""
    client = store.add_client(Client("Varied", currency="EUR"))
    n = 0
    for draft, void, disputed, paid, due_offset in itertools.product(
            (False, True), (False, True), (False, True), (0, 50, 100), (-40, 0, 10)):
        n += 1
        issue = TODAY - dt.timedelta(days=60)
        inv = store.add_invoice(Invoice(
            number=f"V-{n:03d}", client_id=client.id, issue_date=issue,
            due_date=TODAY + dt.timedelta(days=due_offset), currency="EUR", total_minor=100,
            draft=False, disputed=disputed))
        if paid:
            store.add_payment(Payment(inv.id, issue, paid))
        store.set_invoice_flags(inv.id, draft=draft, void=void)
    return store


def test_status_sql_is_core_status(varied):
    store = varied
    for inv in store.invoices_of(store.find_client("Varied").id):
        assert browse.invoice_status_sql(store.ledger, inv.id, TODAY) == str(inv.status(TODAY))


@pytest.mark.parametrize("key", list(browse.STATUS_FILTERS))
def test_status_filters(varied, key):
    store = varied
    invoices = store.invoices_of(store.find_client("Varied").id)
    expected = {
        "open": lambda i: i.is_open(),
        "overdue": lambda i: i.is_open() and i.due_date < TODAY,
        "partially paid": lambda i: i.is_open() and i.paid_minor > 0,
        "paid": lambda i: i.counts and i.balance_minor <= 0,
        "draft": lambda i: i.draft and not i.void,
        "void": lambda i: i.void,
        "disputed": lambda i: i.disputed and not i.void,
    }[key]
    pager = browse.invoice_pager(store.ledger, browse.InvoiceFilter(status=key), Sort("number"),
                                 TODAY, page_size=7)
    got = [r.number for r in _all(pager)]
    assert got == sorted(i.number for i in invoices if expected(i))
    assert pager.count() == len(got)


@pytest.mark.parametrize("key", list(browse.INVOICE_SORTS))
@pytest.mark.parametrize("descending", [False, True])
def test_invoice_pages_follow_on(demo_ledger, key, descending):
    """Reading page after page gives exactly the rows of one full ORDER BY, in order."""
    paged = _all(browse.invoice_pager(demo_ledger, browse.InvoiceFilter(), Sort(key, descending),
                                      TODAY, page_size=37))
    whole = browse.invoice_pager(demo_ledger, browse.InvoiceFilter(), Sort(key, descending),
                                 TODAY, page_size=100000).next_page()
    assert [r.id for r in paged] == [r.id for r in whole]
    assert len({r.id for r in paged}) == Store(demo_ledger).counts()["invoices"]


@pytest.mark.parametrize("key", list(browse.CLIENT_SORTS))
def test_client_pages_follow_on(demo_ledger, key):
    paged = _all(browse.client_pager(demo_ledger, browse.ClientFilter(), Sort(key), TODAY,
                                     page_size=9))
    assert len(paged) == len({r.id for r in paged}) == Store(demo_ledger).counts()["clients"]


def test_client_balances_are_the_aging_totals(demo_ledger):
    store = Store(demo_ledger)
    rows = _all(browse.client_pager(demo_ledger, browse.ClientFilter(owing=True),
                                    Sort("balance", True), TODAY))
    assert rows and [r.balance_minor for r in rows] == sorted(
        (r.balance_minor for r in rows), reverse=True)
    totals: dict[str, int] = {}
    for r in rows:
        totals[r.currency] = totals.get(r.currency, 0) + r.balance_minor
        for item in filter(None, r.other_balances.split(";")):
            cur, minor = item.split(" ")
            totals[cur] = totals.get(cur, 0) + int(minor)
    report = store.aging(TODAY)
    assert totals == {c: report.total(c) for c in report.currencies}


def test_overdue_is_the_stores_overdue(demo_ledger):
    store = Store(demo_ledger)
    rows = _all(browse.overdue_pager(demo_ledger, TODAY, page_size=11))
    expected = store.overdue(TODAY)
    assert [(r.number, r.balance_minor) for r in rows] == [
        (o.number, o.balance_minor) for o in expected]


def test_events_newest_first_and_filtered(demo_ledger):
    rows = _all(browse.event_pager(demo_ledger, browse.EventFilter(), page_size=50))
    assert [r.at for r in rows] == sorted((r.at for r in rows), reverse=True)
    calls = _all(browse.event_pager(demo_ledger, browse.EventFilter(kind="call")))
    assert calls and all(r.kind == "call" for r in calls)


def test_search_takes_like_wildcards_literally(store):
    client = store.add_client(Client("100% Design"))
    store.add_client(Client("Other"))
    rows = _all(browse.client_pager(store.ledger, browse.ClientFilter(text="100%"), Sort("name"),
                                    TODAY))
    assert [r.id for r in rows] == [client.id]
    assert _all(browse.client_pager(store.ledger, browse.ClientFilter(text="_"), Sort("name"),
                                    TODAY)) == []


def test_dashboard_figures(demo_ledger):
    data = browse.dashboard(demo_ledger, TODAY)
    store = Store(demo_ledger)
    assert data.aging == store.aging(TODAY)
    assert len(data.months) == 12 and data.months[-1] == "2026-11"
    assert data.average_days_to_pay is not None and 0 < data.average_days_to_pay < 200
    # Collected this month = the payments dated this month, per currency.
    with demo_ledger.read() as db:
        rows = db.execute(
            "SELECT i.currency, SUM(p.amount_minor) FROM payments p JOIN invoices i "
            "ON i.id = p.invoice_id WHERE p.date BETWEEN '2026-11-01' AND ? GROUP BY 1",
            (TODAY.isoformat(),)).fetchall()
    assert {c: v[-1] for c, v in data.collected.items() if v[-1]} == dict(rows)


def test_promise_event_row(store):
    client = store.add_client(Client("Promiser", currency="GBP"))
    inv = store.add_invoice(Invoice("P-1", client.id, TODAY, TODAY, "GBP", 1000))
    store.add_event(ContactEvent(client.id, dt.datetime(2026, 11, 20, 10), EventKind.PROMISE,
                                 invoice_ids=(inv.id,), promised_date=TODAY,
                                 promised_minor=500))
    (row,) = _all(browse.event_pager(store.ledger, browse.EventFilter(client_id=client.id)))
    assert (row.currency, row.invoices, row.promised_minor) == ("GBP", "P-1", 500)
