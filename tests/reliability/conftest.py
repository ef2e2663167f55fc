"""Shared checks for the fault tests: what must hold in a ledger after anything went wrong.

`ledger_problems(path)` opens the file with a plain SQLite connection (so the app's own code
cannot hide anything) and lists every broken rule: integrity, foreign keys, paid amounts equal
to the payments, invoice totals equal to their lines. The `invariants` fixture hands it to the
tests (conftest functions are not importable under --import-mode=importlib).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from collector_gui.core.model import InvoiceLine
from collector_gui.core.terms import payable

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
PYTHON = sys.executable


def ledger_problems(path: Path | str) -> list[str]:
    """Every broken invariant of the ledger at *path* (an empty list when it is whole)."""
    conn = sqlite3.connect(path, timeout=30)
    try:
        problems: list[str] = []
        integrity = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        if integrity != ["ok"]:
            return [f"integrity_check: {integrity[:5]}"]
        fk = conn.execute("PRAGMA foreign_key_check").fetchall()
        if fk:
            problems.append(f"foreign_key_check: {fk[:5]}")
        paid = conn.execute(
            "SELECT i.number, i.paid_minor, coalesce(SUM(p.amount_minor), 0) AS s "
            "FROM invoices i LEFT JOIN payments p ON p.invoice_id = i.id "
            "GROUP BY i.id HAVING i.paid_minor != s"
        ).fetchall()
        if paid:
            problems.append(f"paid_minor differs from the sum of payments: {paid[:5]}")
        lines: dict[int, list[InvoiceLine]] = {}
        for inv, desc, qty, unit, rate in conn.execute(
            "SELECT invoice_id, description, quantity, unit_price_minor, tax_rate "
            "FROM invoice_lines ORDER BY invoice_id, position"
        ):
            lines.setdefault(inv, []).append(InvoiceLine(desc, Decimal(qty), unit, Decimal(rate)))
        # From schema 6 the total is base + VAT − IRPF (core/terms.py); a credit note's is 0.
        columns = {r[1] for r in conn.execute("PRAGMA table_info(invoices)")}
        terms = ("irpf_rate, kind = 'credit_note'" if "irpf_rate" in columns else "'0', 0")
        rows = conn.execute(f"SELECT id, total_minor, {terms} FROM invoices").fetchall()
        totals = {i: t for i, t, _r, _c in rows}
        rules = {i: (Decimal(r), bool(c)) for i, _t, r, c in rows}
        should = {inv: 0 if rules[inv][1] else payable(ls, rules[inv][0]).total_minor
                  for inv, ls in lines.items() if inv in rules}
        wrong = [(inv, totals[inv], want) for inv, want in should.items() if totals[inv] != want]
        if wrong:
            problems.append(f"invoice total differs from its lines: {wrong[:5]}")
        return problems
    finally:
        conn.close()


def sha256(path: Path | str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def child_env(**extra: str) -> dict[str, str]:
    """The environment for a child Collector process: this repository first on the path."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    env.pop("COLLECTOR_LEDGER", None)
    env.update(extra)
    return env


@pytest.fixture
def invariants() -> Callable[[Path | str], list[str]]:
    return ledger_problems


@pytest.fixture
def digest() -> Callable[[Path | str], str]:
    return sha256


@pytest.fixture
def make_child_env() -> Callable[..., dict[str, str]]:
    return child_env
