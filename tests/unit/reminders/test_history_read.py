"""The reminder policy reads only the history that can change today's decisions
(ledger.outbox.client_files): it decides exactly as it does with every event ever logged."""

from __future__ import annotations

import datetime as dt

import pytest

from collector_gui.actions import demo, remind
from collector_gui.core.dunning import manual_plan, plan_client
from collector_gui.core.model import Client, ContactEvent, EventKind, EventStatus, Invoice, Payment
from collector_gui.ledger import outbox as ob
from collector_gui.ledger.database import Ledger
from collector_gui.ledger.store import Store
from tests.unit.reminders.test_chase_today import build_disagreeing_ledger

AS_OF = dt.date(2026, 11, 23)


def _same_decisions(store: Store, days: list[dt.date]) -> int:
    """Compare plans (and manual plans) from both reads; the number of events left out."""
    policy = remind.dunning_policy(store)
    lean, whole = ob.client_files(store), ob.client_files(store, complete=True)
    assert [f.client for f in lean] == [f.client for f in whole]
    for a, b in zip(lean, whole):
        assert a.invoices == b.invoices
        # payments are read from the oldest promise on: fewer promises, maybe fewer payments
        assert set(a.events) <= set(b.events) and set(a.payments) <= set(b.payments)
        for day in days:
            assert plan_client(a, day, policy) == plan_client(b, day, policy), a.client.name
            assert manual_plan(a, day, policy) == manual_plan(b, day, policy), a.client.name
    return sum(len(b.events) - len(a.events) for a, b in zip(lean, whole))


def test_same_decisions_on_a_sample_ledger(tmp_path):
    with Ledger.open(tmp_path / "demo.sqlite") as ledger:
        demo.generate_demo(ledger, invoices=1500, seed=3, today=AS_OF)
        store = Store(ledger)
        left_out = _same_decisions(store, [AS_OF + dt.timedelta(days=d) for d in (-40, 0, 9, 60)])
        assert left_out > 0  # the history of paid invoices is really left out


def test_same_decisions_in_the_corner_cases(store):
    build_disagreeing_ledger(store)
    who = store.add_client(Client(name="Old Hand Ltd", email="ap@oldhand.test"))

    def invoice(number: str, due: dt.date) -> Invoice:
        return store.add_invoice(Invoice(number, who.id, due - dt.timedelta(days=30), due,
                                         "EUR", 20000))

    def event(days_ago: int, kind=EventKind.EMAIL, stage=None, status=EventStatus.SENT,
              invoices=(), **kw) -> None:
        store.add_event(ContactEvent(client_id=who.id, kind=kind, stage=stage, status=status,
                                     at=dt.datetime.combine(AS_OF - dt.timedelta(days=days_ago),
                                                            dt.time(11)),
                                     invoice_ids=tuple(i.id for i in invoices), **kw))

    paid = invoice("OLD-PAID", AS_OF - dt.timedelta(days=60))
    store.add_payment(Payment(paid.id, AS_OF - dt.timedelta(days=20), 20000))
    open_ = invoice("OLD-OPEN", AS_OF - dt.timedelta(days=25))
    event(50, stage="polite", invoices=[paid])
    event(30, stage="firm", invoices=[paid])
    # the newest reminder is about the paid invoice, its stage written loosely: the gap
    # between reminders still counts from it
    event(3, kind=EventKind.LETTER, stage=" Final ", invoices=[paid])
    # a failed email about the paid invoice (not a reminder: it never reached the client)
    event(1, stage="polite", status=EventStatus.FAILED, invoices=[paid], error="refused")
    # a promise naming no invoice: it covers the open one
    event(10, kind=EventKind.PROMISE, promised_date=AS_OF - dt.timedelta(days=2),
          promised_minor=5000)
    # a promise about the paid invoice only: nothing to do with the open one
    event(40, kind=EventKind.PROMISE, promised_date=AS_OF - dt.timedelta(days=35),
          promised_minor=20000, invoices=[paid])
    # a reminder about both
    event(45, stage="polite", invoices=[paid, open_])
    # a promise about both, kept by the payment of the paid one (read, though it is paid)
    event(22, kind=EventKind.PROMISE, promised_date=AS_OF - dt.timedelta(days=15),
          promised_minor=20000, invoices=[paid, open_])
    left_out = _same_decisions(store, [AS_OF + dt.timedelta(days=d) for d in range(-5, 30, 3)])
    assert left_out >= 2  # the two oldest reminders and the promise about the paid invoice
    (file,) = [f for f in ob.client_files(store) if f.client.id == who.id]
    assert file.last_reminder_date() == AS_OF - dt.timedelta(days=3)
    assert file.pending()  # the failed email waits in the outbox
    assert [p.invoice_id for p in file.payments] == [paid.id]


@pytest.mark.parametrize("complete", [False, True])
def test_a_client_without_history(store, complete):
    who = store.add_client(Client(name="New Ltd", email="ap@new.test"))
    store.add_invoice(Invoice("N-1", who.id, AS_OF, AS_OF + dt.timedelta(days=30), "EUR", 100))
    (file,) = ob.client_files(store, complete=complete)
    assert file.events == () and file.last_reminder_date() is None
