"""The ledger keeps what is really payable: IRPF in the stored total, credit notes taking
their credit off the invoice they correct, an early-payment discount recorded as its own row;
balances, aging and the overdue list follow."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from collector_gui.actions.credit_notes import issue_credit_note
from collector_gui.core.errors import CollectorError
from collector_gui.core.model import Client, Invoice, InvoiceLine, Payment, PaymentKind, Status
from collector_gui.core.dunning import DunningPolicy, plan_client
from collector_gui.ledger.outbox import client_files
from tests.helpers.dates import TODAY

ISSUED = TODAY - dt.timedelta(days=60)  # long overdue on TODAY


@pytest.fixture
def client_id(store):
    return store.add_client(Client("Estudio Ñ")).id


def _invoice(store, client_id, number="F-1", irpf=Decimal(15), **kw):
    return store.add_invoice(Invoice(
        number, client_id, kw.pop("issue", ISSUED), kw.pop("due", ISSUED + dt.timedelta(30)),
        "EUR", 0, lines=(InvoiceLine("Design", Decimal(1), 100000, Decimal(21)),),
        irpf_rate=irpf, **kw))


def test_irpf_is_withheld_from_the_stored_total_and_read_back(store, client_id):
    inv = _invoice(store, client_id)
    again = store.get_invoice(inv.id)
    assert again.total_minor == 106000  # 1,000 + 210 − 150
    assert again.irpf_rate == Decimal(15)
    assert store.aging(TODAY).total("EUR") == 106000
    assert [r.balance_minor for r in store.overdue(TODAY)] == [106000]


def test_partial_credit_note_lowers_the_balance(store, client_id):
    inv = _invoice(store, client_id)
    result = issue_credit_note(store, "F-1", amount_minor=10000, reason="Fewer hours").value
    assert result.credit_note.number == f"R-{TODAY.year}-0001"
    assert result.credit_minor == 10600  # 100 + 21 − 15
    assert store.get_invoice(inv.id).balance_minor == 106000 - 10600
    note = store.get_invoice(result.credit_note.id)
    assert note.is_credit_note and note.corrects_id == inv.id and note.reason == "Fewer hours"
    assert note.total_minor == 0 and note.lines[0].unit_price_minor == -10000
    [credit] = store.payments_of(inv.id)
    assert credit.kind == PaymentKind.CREDIT and credit.credit_note_id == note.id
    assert [r.balance_minor for r in store.overdue(TODAY)] == [95400]
    # the series goes on
    second = issue_credit_note(store, "F-1", amount_minor=100, reason="again").value
    assert second.credit_note.number == f"R-{TODAY.year}-0002"


def test_full_credit_note_settles_the_invoice_and_stops_reminders(store, client_id):
    inv = _invoice(store, client_id)
    issue_credit_note(store, "F-1", amount_minor=None, reason="Cancelled order")
    settled = store.get_invoice(inv.id)
    assert settled.balance_minor == 0 and settled.status(TODAY) == Status.PAID
    assert store.overdue(TODAY) == [] and store.aging(TODAY).currencies == []
    files = client_files(store)  # what the reminder plan reads: nothing left to chase
    assert all(not plan_client(f, TODAY, DunningPolicy()).due for f in files)
    assert all(settled.id not in {i.id for i in f.invoices} for f in files)


def test_credit_note_refusals(store, client_id):
    _invoice(store, client_id)
    with pytest.raises(CollectorError, match="reason"):
        issue_credit_note(store, "F-1", amount_minor=None, reason="  ")
    with pytest.raises(CollectorError, match="more than that"):
        issue_credit_note(store, "F-1", amount_minor=200000, reason="too much")
    with pytest.raises(CollectorError, match="no invoice"):
        issue_credit_note(store, "NOPE", amount_minor=None, reason="x")
    note = issue_credit_note(store, "F-1", amount_minor=100, reason="x").value.credit_note
    with pytest.raises(CollectorError, match="credit note itself"):
        issue_credit_note(store, note.number, amount_minor=None, reason="x")
    assert store.counts()["invoices"] == 2  # nothing half-written by the refusals


def test_discounted_payment_in_time_settles_with_the_discount_recorded(store, client_id):
    issue = TODAY - dt.timedelta(days=5)
    inv = _invoice(store, client_id, irpf=Decimal(0), issue=issue, due=issue + dt.timedelta(30),
                   discount_percent=Decimal(2), discount_days=10)
    assert inv.total_minor == 121000
    store.add_payment(Payment(inv.id, TODAY, 118580))  # 121,000 − 2 % (2,420)
    paid = store.get_invoice(inv.id)
    assert paid.balance_minor == 0
    kinds = [(p.kind, p.amount_minor) for p in store.payments_of(inv.id)]
    assert kinds == [(PaymentKind.PAYMENT, 118580), (PaymentKind.DISCOUNT, 2420)]
    # taking the payment back takes its discount with it
    store.delete_payment(store.payments_of(inv.id)[0].id)
    assert store.get_invoice(inv.id).balance_minor == 121000
    assert store.payments_of(inv.id) == []


def test_after_the_window_the_full_amount_is_owed(store, client_id):
    issue = TODAY - dt.timedelta(days=11)
    inv = _invoice(store, client_id, irpf=Decimal(0), issue=issue, due=issue + dt.timedelta(30),
                   discount_percent=Decimal(2), discount_days=10)
    store.add_payment(Payment(inv.id, TODAY, 118580))
    assert store.get_invoice(inv.id).balance_minor == 2420
    assert [p.kind for p in store.payments_of(inv.id)] == [PaymentKind.PAYMENT]
