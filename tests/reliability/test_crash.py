"""Crash during writes: a child process writes at random through Store and is SIGKILLed at
random moments, many times over, on one ledger. After every kill the ledger must be whole
and hold every write the child reported as committed; nothing may be half-written.

The number of kills is COLLECTOR_RELIABILITY_KILLS (default 60); the figures are printed at
the end (run with -s to see them) and recorded in docs/reliability.md.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from collector_gui.ledger.database import Ledger
from collector_gui.ledger.store import Store

CHILD = Path(__file__).with_name("_crash_child.py")
KILLS = int(os.environ.get("COLLECTOR_RELIABILITY_KILLS", "60"))
SEED = 20261123


@dataclass
class Committed:
    """Everything the children reported as committed, over all runs."""

    clients: set[int] = field(default_factory=set)
    invoices: dict[int, tuple[int, int]] = field(default_factory=dict)  # id -> (lines, total)
    payments: dict[int, tuple[int, str]] = field(default_factory=dict)  # id -> (event, tag)
    events: set[int] = field(default_factory=set)
    imports: dict[str, int] = field(default_factory=dict)
    payimports: dict[str, int] = field(default_factory=dict)
    begun_imports: dict[str, int] = field(default_factory=dict)
    begun_payimports: dict[str, int] = field(default_factory=dict)
    settings: dict[str, int] = field(default_factory=dict)
    writes: int = 0

    def read(self, report: str) -> bool:
        """Take in one child's report; True when it got as far as 'ready'."""
        ready = False
        for line in report.splitlines(keepends=True):
            if not line.endswith("\n"):
                break  # cut off by the kill: ignore the partial line
            word, *rest = line.split()
            if word == "ready":
                ready = True
                continue
            if word.startswith("begin-"):
                target = self.begun_imports if word == "begin-import" else self.begun_payimports
                target[rest[0]] = int(rest[1])
                continue
            self.writes += 1
            if word == "client":
                self.clients.add(int(rest[0]))
            elif word == "invoice":
                self.invoices[int(rest[0])] = (int(rest[1]), int(rest[2]))
            elif word == "payment":
                self.payments[int(rest[0])] = (int(rest[1]), rest[2])
                self.events.add(int(rest[1]))
            elif word == "event":
                self.events.add(int(rest[0]))
            elif word == "import":
                self.imports[rest[0]] = int(rest[1])
            elif word == "payimport":
                self.payimports[rest[0]] = int(rest[1])
            elif word == "setting":
                self.settings[rest[0]] = int(rest[1])
            elif word != "flags":
                raise AssertionError(f"unknown report line {line!r}")
        return ready


def _missing(conn: sqlite3.Connection, table: str, ids) -> list[int]:
    ids = list(ids)
    found: set[int] = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        found.update(r[0] for r in conn.execute(
            f"SELECT id FROM {table} WHERE id IN ({', '.join('?' * len(chunk))})", chunk))
    return sorted(set(ids) - found)


def check_after_kill(path: Path, done: Committed, invariants) -> list[str]:
    problems = invariants(path)
    if problems:
        return problems
    conn = sqlite3.connect(path)
    try:
        for table, ids in (("clients", done.clients), ("invoices", done.invoices),
                           ("payments", done.payments), ("contact_events", done.events)):
            lost = _missing(conn, table, ids)
            if lost:
                problems.append(f"committed {table} lost: {lost[:10]}")
        lines = dict(conn.execute("SELECT invoice_id, count(*) FROM invoice_lines GROUP BY invoice_id"))
        totals = dict(conn.execute("SELECT id, total_minor FROM invoices"))
        for inv, (nlines, total) in done.invoices.items():
            if lines.get(inv, 0) != nlines or totals.get(inv) != total:
                problems.append(f"invoice {inv}: {lines.get(inv, 0)} lines, total "
                                f"{totals.get(inv)}; committed {nlines} lines, total {total}")
        # an invoice written with lines has them, committed or not
        bare = conn.execute(
            "SELECT number FROM invoices WHERE number LIKE 'C-%' AND id NOT IN "
            "(SELECT invoice_id FROM invoice_lines)").fetchall()
        if bare:
            problems.append(f"invoices without their lines: {bare[:10]}")
        # a payment recorded with its note: both or neither, for committed or not
        pays = dict(conn.execute("SELECT reference, count(*) FROM payments "
                                 "WHERE reference LIKE 'pay-%' GROUP BY reference"))
        notes = dict(conn.execute(
            "SELECT body, count(*) FROM contact_events WHERE kind = 'note' "
            "AND subject = 'payment received' AND body LIKE 'pay-%' GROUP BY body"))
        if pays != notes or any(v != 1 for v in pays.values()):
            orphans = set(pays).symmetric_difference(notes)
            problems.append(f"payment without its note or note without its payment: {sorted(orphans)[:10]}")
        for pid, (eid, tag) in done.payments.items():
            row = conn.execute("SELECT reference FROM payments WHERE id = ?", (pid,)).fetchone()
            ev = conn.execute("SELECT body FROM contact_events WHERE id = ?", (eid,)).fetchone()
            if row != (f"pay-{tag}",) or ev != (f"pay-{tag}",):
                problems.append(f"payment {pid}/note {eid} of {tag}: {row}, {ev}")
        for tag, k in done.begun_imports.items():
            n = conn.execute("SELECT count(*) FROM invoices WHERE number LIKE ?",
                             (f"M-{tag}-%",)).fetchone()[0]
            if n not in ((k,) if tag in done.imports else (0, k)):
                problems.append(f"import {tag}: {n} of {k} invoices (partial import)")
        for tag, k in done.begun_payimports.items():
            n = conn.execute("SELECT count(*) FROM payments WHERE reference = ?",
                             (f"imp-{tag}",)).fetchone()[0]
            if n not in ((k,) if tag in done.payimports else (0, k)):
                problems.append(f"payment import {tag}: {n} of {k} payments (partial import)")
        for key, value in done.settings.items():
            row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
            if row is None or int(row[0]) < value:
                problems.append(f"setting {key} is {row}, but {value} was committed")
    finally:
        conn.close()
    return problems


@pytest.mark.slow
def test_sigkill_during_random_writes_never_loses_or_half_writes(
        tmp_path, invariants, make_child_env):
    path = tmp_path / "ledger.sqlite"
    rnd = random.Random(SEED)
    done = Committed()
    env = make_child_env()
    kills = early_kills = 0
    started = time.monotonic()
    for run in range(KILLS):
        report = tmp_path / f"run-{run}.txt"
        err = tmp_path / f"run-{run}.err"
        with err.open("wb") as err_fh:
            proc = subprocess.Popen(
                [sys.executable, str(CHILD), str(path), str(SEED * 1000 + run),
                 str(report)],
                env=env, stdout=subprocess.DEVNULL, stderr=err_fh)
        try:
            if rnd.random() < 0.15:
                # during start-up: opening, WAL recovery of the previous kill, first writes
                time.sleep(rnd.uniform(0.0, 0.2))
                early_kills += 1
            else:
                deadline = time.monotonic() + 30
                while not (report.exists() and report.read_text().startswith("ready")):
                    if proc.poll() is not None or time.monotonic() > deadline:
                        break
                    time.sleep(0.005)
                time.sleep(rnd.uniform(0.05, 0.3))
            alive = proc.poll() is None
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        assert alive, (f"run {run}: the child stopped by itself (exit {proc.returncode}): "
                       f"{err.read_text()[-3000:]}")
        kills += 1
        done.read(report.read_text() if report.exists() else "")
        problems = check_after_kill(path, done, invariants)
        assert not problems, f"after kill {kills}: {problems}"
    # The app itself opens what is left and reads every record.
    with Ledger.open(path) as ledger:
        store = Store(ledger)
        counts = store.counts()
        store.aging(dt.date(2026, 11, 23))
    assert invariants(path) == []
    assert done.writes > 1000, f"only {done.writes} writes were committed: the test is too weak"
    assert len(done.imports) > 3 and len(done.payments) > 100
    print(f"\nCRASH FIGURES: {kills} SIGKILLs survived ({early_kills} during start-up), "
          f"{done.writes} committed writes verified ({len(done.invoices)} invoices, "
          f"{len(done.payments)} payment+note pairs, {len(done.imports)} CSV imports), "
          f"ledger {counts}, {time.monotonic() - started:.1f}s")
