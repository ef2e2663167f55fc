"""50,000 lines in one statement: every one matched to its own invoice, recorded once, and
the same file again records nothing (correctness at size; the time is in bench/README.md)."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from tests.helpers.bank_writers import Entry, camt053

from collector_gui.actions import bank

N = 50_000


@pytest.mark.slow
def test_fifty_thousand_lines(store, tmp_path):
    path = store.ledger.path
    conn = sqlite3.connect(path)  # a quick fill; the import itself goes through the store
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO clients (id, name) VALUES (?, ?)",
                     [(c + 1, f"Cliente {c} SL") for c in range(97)])
    conn.executemany(
        "INSERT INTO invoices (number, client_id, issue_date, due_date, currency, total_minor) "
        "VALUES (?, ?, '2026-09-01', '2026-10-01', 'EUR', ?)",
        [(f"2026-{k:06d}", k % 97 + 1, 10000 + k) for k in range(N)])
    conn.execute("COMMIT")
    conn.close()
    day = dt.date(2026, 11, 2)
    rows = [Entry(day + dt.timedelta(days=k % 20), 10000 + k - (k % 3 == 0),
                  f"TRANSFERENCIA DE CLIENTE {k % 97} SL CONCEPTO FRA 2026-{k:06d}",
                  f"R{k:09d}") for k in range(N)]
    statement = tmp_path / "big.xml"
    statement.write_bytes(camt053(rows))
    result = bank.import_statement(store, statement)
    assert result.count("recorded") == N
    partial = [x for x in result.lines if x.reason == "partial"]
    assert len(partial) == len(range(0, N, 3))
    assert store.counts()["payments"] == N
    with store.ledger.read() as db:
        paid, owed = db.execute("SELECT sum(paid_minor), sum(total_minor - paid_minor) "
                                "FROM invoices").fetchone()
    assert paid == sum(r.amount_minor for r in rows) and owed == len(partial)
    again = bank.import_statement(store, statement)
    assert again.count("ignored") == N and store.counts()["payments"] == N
