"""The one clock: pinned in every test, ticking, and the only source of the ledger's stamps."""

from __future__ import annotations

import datetime as dt
import re
import time
from pathlib import Path

import pytest

from collector_gui.core import clock
from collector_gui.core.model import Client, Invoice, Payment
from collector_gui.ledger.csvio import import_csv

ROOT = Path(__file__).resolve().parents[2]
PINNED = dt.datetime(2026, 11, 23, 9, 0)  # tests/conftest.py pins every test to this


def test_every_test_runs_on_the_pinned_day():
    assert clock.today() == PINNED.date()
    assert PINNED <= clock.now() < PINNED + dt.timedelta(minutes=5)


def test_the_pinned_clock_ticks():
    first = clock.now_precise()
    time.sleep(0.02)
    assert clock.now_precise() > first


def test_a_test_can_pin_its_own_moment():
    with clock.pinned(dt.datetime(2028, 2, 29, 23, 59, 59), ticking=False):
        assert clock.today() == dt.date(2028, 2, 29)
        assert clock.now() == dt.datetime(2028, 2, 29, 23, 59, 59)
        assert clock.aware_now().tzinfo is not None
    assert clock.today() == PINNED.date()


def test_nothing_in_the_program_reads_the_wall_clock_but_the_clock():
    wall = re.compile(r"\b(date\.today|datetime\.now|datetime\.utcnow|datetime\.today|"
                      r"time\.time|time\.localtime|QDate\.currentDate|QDateTime\.currentDateTime)\(")
    found = [f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
             for path in sorted((ROOT / "collector_gui").rglob("*.py"))
             if path.name != "clock.py"
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if wall.search(line)]
    assert found == []


@pytest.mark.parametrize("kind", ["clients", "invoices", "payments"])
def test_rows_are_stamped_by_the_clock(store, kind):
    moment = dt.datetime(2027, 3, 1, 8, 30, 15)
    expected = moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
    with clock.pinned(moment, ticking=False):
        client = store.add_client(Client("Acme"))
        invoice = store.add_invoice(Invoice("A-1", client.id, moment.date(), moment.date(),
                                            "EUR", 10_000))
        store.add_payment(Payment(invoice.id, moment.date(), 100))
        csv = {"clients": "name\nBeta\n",
               "invoices": "number,client,issue_date,due_date,currency,total\n"
                           "B-1,Gamma,2027-02-01,2027-03-01,EUR,10\n",
               "payments": "invoice,date,amount\nA-1,2027-03-01,1\n"}[kind]
        report = import_csv(store, kind, csv.encode(), today=moment.date())
        assert report.written, report
    with store.ledger.read() as db:
        stamps = {row[0] for table in ("clients", "invoices", "payments")
                  for row in db.execute(f"SELECT created_at FROM {table}")}
    assert stamps == {expected}
