"""The Store writes the window added (the `# -- window support` section): one transaction
each, refusing what would leave the ledger inconsistent."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest

from collector_gui.core.model import Client, ContactEvent, EventKind, Invoice, InvoiceLine, Payment
from collector_gui.ledger.store import StoreError

from tests.helpers.dates import TODAY


@pytest.fixture
def client(store):
    return store.add_client(Client("Client", credit_limit_minor=100))


def test_delete_draft_only(store, client):
    draft = store.add_invoice(Invoice("D", client.id, TODAY, TODAY, "EUR", 0, draft=True,
                                      lines=(InvoiceLine("x", Decimal(1), 100),)))
    issued = store.add_invoice(Invoice("I", client.id, TODAY, TODAY, "EUR", 100))
    with pytest.raises(StoreError, match="not a draft"):
        store.delete_draft_invoice(issued.id)
    gone = store.delete_draft_invoice(draft.id)
    assert gone.number == "D" and store.find_invoice("D") is None
    with store.ledger.read() as db:
        assert db.execute("SELECT count(*) FROM invoice_lines").fetchone()[0] == 0


def test_delete_draft_with_history_refused(store, client):
    draft = store.add_invoice(Invoice("D", client.id, TODAY, TODAY, "EUR", 100, draft=True))
    store.add_event(ContactEvent(client.id, dt.datetime(2026, 1, 1), EventKind.NOTE,
                                 invoice_ids=(draft.id,)))
    with pytest.raises(StoreError, match="history"):
        store.delete_draft_invoice(draft.id)


def test_delete_and_restore_client(store, client):
    store.add_event(ContactEvent(client.id, dt.datetime(2026, 1, 1), EventKind.NOTE))
    gone = store.delete_client(client.id)
    assert store.find_client("Client") is None and store.counts()["contact_events"] == 0
    store.restore_client(gone)
    assert store.get_client(client.id) == client


def test_client_with_invoices_stays(store, client):
    store.add_invoice(Invoice("I", client.id, TODAY, TODAY, "EUR", 100))
    with pytest.raises(StoreError, match="1 invoice"):
        store.delete_client(client.id)
    assert store.get_client(client.id) == client


def test_client_flags_and_limit(store, client):
    store.set_client_flags(client.id, on_hold=True, reminders_paused=True)
    store.set_credit_limit(client.id, None)
    got = store.get_client(client.id)
    assert got.on_hold and got.reminders_paused and got.credit_limit_minor is None
    with pytest.raises(ValueError):
        store.set_client_flags(client.id, name=True)
    with pytest.raises(StoreError):
        store.set_credit_limit(client.id, -1)
    with pytest.raises(StoreError):
        store.set_client_flags(999, on_hold=True)


def test_update_invoice(store, client):
    inv = store.add_invoice(Invoice("U", client.id, TODAY, TODAY, "EUR", 0,
                                    lines=(InvoiceLine("a", Decimal(2), 500, Decimal(21)),)))
    assert inv.total_minor == 1210
    store.add_payment(Payment(inv.id, TODAY, 1000))
    with pytest.raises(StoreError, match="less than"):
        store.update_invoice(replace(inv, lines=(InvoiceLine("a", Decimal(1), 500),)))
    with pytest.raises(StoreError, match="draft"):
        store.update_invoice(replace(inv, draft=True))
    new = store.update_invoice(replace(inv, number="U2", due_date=TODAY + dt.timedelta(days=9),
                                       lines=(InvoiceLine("b", Decimal(3), 500),)))
    assert (new.number, new.total_minor, new.paid_minor, len(new.lines)) == ("U2", 1500, 1000, 1)
    other = store.add_invoice(Invoice("O", client.id, TODAY, TODAY, "EUR", 1))
    with pytest.raises(StoreError, match="already exists"):
        store.update_invoice(replace(other, number="u2"))


def test_delete_payment_and_event(store, client):
    inv = store.add_invoice(Invoice("P", client.id, TODAY, TODAY, "EUR", 500))
    pay = store.add_payment(Payment(inv.id, TODAY, 200))
    assert store.delete_payment(pay.id) == pay
    assert store.get_invoice(inv.id).paid_minor == 0
    event = store.add_event(ContactEvent(client.id, dt.datetime(2026, 1, 1), EventKind.CALL,
                                         invoice_ids=(inv.id,)))
    store.delete_event(event.id)
    assert store.events_of(client.id) == []
