"""The rules the dialogs follow (actions/entry.py) and the dashboard's helpers in core."""

from __future__ import annotations

import datetime as dt

import pytest

from collector_gui.actions import entry
from collector_gui.core import aging
from collector_gui.core.errors import CollectorError
from collector_gui.core.model import Client, EventKind, Invoice
from collector_gui.core.money import MoneyError

from tests.helpers.dates import TODAY


@pytest.mark.parametrize("pattern,existing,expected", [
    ("{year}-{seq:04d}", [], "2026-0001"),
    ("{year}-{seq:04d}", ["2026-0009", "2025-0100", "2026-x", "2026-0010b"], "2026-0010"),
    ("INV{seq}", ["inv7", "INV12"], "INV13"),  # case does not matter, as in the ledger
    ("{year}/{month:02d}/{seq:03d}", ["2026/11/004", "2026/10/099"], "2026/11/005"),
])
def test_propose_number(pattern, existing, expected):
    assert entry.propose_number(pattern, TODAY, existing) == expected


@pytest.mark.parametrize("pattern", ["{year}", "{year}-{seq}-{client}", "{seq:Q}"])
def test_bad_patterns(pattern):
    with pytest.raises(CollectorError):
        entry.propose_number(pattern, TODAY, [])


def test_next_number_reads_the_ledger(store):
    client = store.add_client(Client("A"))
    store.add_invoice(Invoice("2026-0041", client.id, TODAY, TODAY, "EUR", 1))
    store.add_invoice(Invoice("2025-0100", client.id, TODAY, TODAY, "EUR", 1))
    assert entry.next_invoice_number(store.ledger, TODAY) == "2026-0042"
    store.set_setting("invoice.number_pattern", "F-{seq:05d}")
    assert entry.next_invoice_number(store.ledger, TODAY) == "F-00001"


@pytest.mark.parametrize("text,currency,minor", [
    ("1250.50", "EUR", 125050), ("1250,5", "EUR", 125050), (" 12 ", "JPY", 12),
    ("0.125", "KWD", 125),
])
def test_parse_amount(text, currency, minor):
    assert entry.parse_amount(text, currency) == minor


@pytest.mark.parametrize("text", ["1.250,50", "1,250.50", "12,5", "-3", "abc", ""])
def test_parse_amount_refuses(text):
    with pytest.raises(MoneyError):
        entry.parse_amount(text, "JPY" if text == "12,5" else "EUR")


def test_credit_check(store):
    client = store.add_client(Client("Limited", credit_limit_minor=1000))
    store.add_invoice(Invoice("L-1", client.id, TODAY, TODAY, "EUR", 800))
    check = entry.credit_check(store.ledger, client, "EUR", 300)
    assert (check.owed_minor, check.excess_minor, check.exceeded) == (800, 100, True)
    assert not entry.credit_check(store.ledger, client, "EUR", 200).exceeded
    assert entry.credit_check(store.ledger, client, "USD", 5000) is None
    assert entry.credit_check(store.ledger, store.add_client(Client("Free")), "EUR", 9) is None


def test_contact_event_rules():
    at = dt.datetime(2026, 11, 23, 10)
    with pytest.raises(CollectorError):
        entry.contact_event(1, EventKind.EMAIL, at)
    with pytest.raises(CollectorError):
        entry.contact_event(1, EventKind.PROMISE, at)
    call = entry.contact_event(1, EventKind.CALL, at, subject=" hi ", promised_minor=5)
    assert call.subject == "hi" and call.promised_minor is None


def test_due_date_for():
    assert entry.due_date_for(Client("x", payment_terms_days=45), TODAY) == dt.date(2027, 1, 7)


def test_dashboard_helpers():
    assert aging.average_days_to_pay([]) is None
    assert aging.average_days_to_pay([(10, 1), (40, 3)]) == 32.5
    months = aging.last_months(dt.date(2026, 2, 10), 3)
    assert months == ["2025-12", "2026-01", "2026-02"]
    got = aging.collected_per_month(
        [("2026-01", "EUR", 5), ("2026-01", "EUR", 7), ("2024-01", "EUR", 1), ("2026-02", "JPY", 3)],
        months)
    assert got == {"EUR": [0, 12, 0], "JPY": [0, 0, 3]}
