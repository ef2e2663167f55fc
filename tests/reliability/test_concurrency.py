"""Two writers on one ledger: the window and the command line (or two windows).

Writes from both land; a lock held too long ends in a clear "busy" message after a bounded
wait (never a freeze, never a traceback); opening, backing up and importing stay right when
another process does the same thing at the same moment.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from collector_gui import cli, paths
from collector_gui.actions.ledger import automatic_backups
from collector_gui.actions.restore import verify_backup
from collector_gui.core.errors import CollectorError
from collector_gui.core.model import Client, ContactEvent, EventKind, Invoice, Payment
from collector_gui.ledger import csvio, database
from collector_gui.ledger.database import Ledger, LedgerBusy
from collector_gui.ledger.store import Store
from tests.helpers.dates import TODAY

WORKER = Path(__file__).with_name("_worker.py")


def _start_workers(path: Path, jobs: list[list[str]], env: dict, delay: float = 0.8):
    """Start one worker per job, all released at the same instant."""
    start_at = time.time() + delay
    return [
        subprocess.Popen([sys.executable, str(WORKER), str(path), repr(start_at), *job],
                         env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for job in jobs
    ]


def _finish(procs, timeout: float = 60) -> list[tuple[int, str]]:
    out = []
    for p in procs:
        try:
            text, _ = p.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            p.kill()
            text, _ = p.communicate()
            text += "\n(killed: did not finish in time, a freeze)"
        out.append((p.returncode, text))
    return out


def _invoice_csv(prefix: str, n: int, client: str) -> bytes:
    rows = ["number,client,issue_date,due_date,currency,total,description"]
    rows += [f"{prefix}-{i},{client},2026-03-01,2026-04-01,EUR,{i + 1}.50,CLI {i}" for i in range(n)]
    return ("\n".join(rows) + "\n").encode()


@pytest.mark.slow
def test_window_and_command_line_write_at_once_and_every_write_lands(
        tmp_path, make_child_env, invariants):
    path = tmp_path / "ledger.sqlite"
    with Ledger.open(path) as ledger:
        Store(ledger).add_client(Client("Señora Cliente"))
    env = make_child_env()
    # The "window": a process adding invoices one transaction at a time.
    window = _start_workers(path, [["invoices", "W", "150"]], env, delay=0.2)[0]
    cli_runs = []
    for k in range(3):  # three `collector import` runs while the window writes
        csv_file = tmp_path / f"cli-{k}.csv"
        csv_file.write_bytes(_invoice_csv(f"CLI{k}", 200, f"Import client {k}"))
        cli_runs.append(subprocess.Popen(
            [sys.executable, "-m", "collector_gui", "--ledger", str(path), "import", "invoices",
             str(csv_file)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True))
        time.sleep(0.15)
    results = _finish([window, *cli_runs])
    for rc, text in results:
        assert rc == 0, text
    window_ids = {int(line.split()[1]) for line in results[0][1].splitlines()
                  if line.startswith("invoice ")}
    assert len(window_ids) == 150
    with Ledger.open(path) as ledger:
        store = Store(ledger)
        numbers = {r[0] for r in ledger.conn.execute("SELECT number FROM invoices")}
        ids = {r[0] for r in ledger.conn.execute("SELECT id FROM invoices")}
        assert window_ids <= ids
        assert {f"W-{i}" for i in range(150)} <= numbers
        for k in range(3):
            assert {f"CLI{k}-{i}" for i in range(200)} <= numbers
        assert store.counts()["invoices"] == 150 + 3 * 200
    assert invariants(path) == []


@pytest.fixture
def short_busy_timeout(monkeypatch):
    monkeypatch.setattr(database, "BUSY_TIMEOUT_S", 0.5)
    return 0.5


@contextmanager
def _write_lock_held(path: Path):
    """Another program holds the ledger's write lock (BEGIN IMMEDIATE) until the block ends."""
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO settings (key, value) VALUES ('holder', 'uncommitted')")
    try:
        yield holder
    finally:
        if holder.in_transaction:
            holder.execute("ROLLBACK")
        holder.close()


def _seeded(path: Path) -> tuple[int, int]:
    with Ledger.open(path) as ledger:
        store = Store(ledger)
        c = store.add_client(Client("Before"))
        inv = store.add_invoice(Invoice("B-1", c.id, TODAY, TODAY, "EUR", 10000))
    return c.id, inv.id


@pytest.mark.parametrize("write", ["client", "payment+note", "import", "setting"])
def test_a_lock_held_too_long_gives_busy_after_a_bounded_wait(
        tmp_path, short_busy_timeout, write, invariants):
    path = tmp_path / "ledger.sqlite"
    client_id, invoice_id = _seeded(path)
    with Ledger.open(path) as ledger, _write_lock_held(path):
        store = Store(ledger)
        # Reading is never blocked by a writer: the window stays usable.
        assert [c.name for c in store.clients()] == ["Before"]
        started = time.monotonic()
        with pytest.raises(LedgerBusy) as info:
            if write == "client":
                store.add_client(Client("Blocked"))
            elif write == "payment+note":
                with ledger.write():
                    store.add_payment(Payment(invoice_id, TODAY, 500))
                    store.add_event(ContactEvent(client_id, dt.datetime(2026, 11, 23, 12),
                                                 EventKind.NOTE, "payment received"))
            elif write == "import":
                csvio.import_csv(store, "clients", b"name\nBlocked\n", file="c.csv")
            else:
                store.set_setting("business.name", "Blocked")
        waited = time.monotonic() - started
        assert short_busy_timeout * 0.8 <= waited < short_busy_timeout + 2.5
        message = str(info.value)
        assert "busy" in message.lower() and "try again" in message.lower()
        assert str(path) in message
        assert not ledger.conn.in_transaction
    # Once the other program lets go, the same connection writes again, and nothing of the
    # refused write was kept.
    with Ledger.open(path) as ledger:
        store = Store(ledger)
        assert store.counts() == {"clients": 1, "invoices": 1, "payments": 0, "contact_events": 0}
        assert store.get_setting("holder") is None
        store.add_client(Client("After"))
    assert invariants(path) == []


def test_command_line_busy_exits_1_with_the_message_not_a_traceback(
        tmp_path, short_busy_timeout, capsys):
    path = tmp_path / "ledger.sqlite"
    _seeded(path)
    csv_file = tmp_path / "c.csv"
    csv_file.write_text("name\nBlocked\n", encoding="utf-8")
    with _write_lock_held(path):
        started = time.monotonic()
        rc = cli.main(["--ledger", str(path), "import", "clients", str(csv_file)])
        waited = time.monotonic() - started
    err = capsys.readouterr().err
    assert rc == 1
    assert "is busy" in err and "Traceback" not in err
    assert waited < short_busy_timeout + 3


@pytest.mark.slow
def test_command_line_process_busy_with_the_real_timeout(tmp_path, make_child_env):
    """The real `collector` process, the real BUSY_TIMEOUT_S: exit 1 and a message, in time."""
    path = tmp_path / "ledger.sqlite"
    _seeded(path)
    csv_file = tmp_path / "c.csv"
    csv_file.write_text("name\nBlocked\n", encoding="utf-8")
    with _write_lock_held(path):
        started = time.monotonic()
        proc = subprocess.run(
            [sys.executable, "-m", "collector_gui", "--ledger", str(path), "import", "clients",
             str(csv_file)],
            env=make_child_env(), capture_output=True, text=True, timeout=60)
        waited = time.monotonic() - started
    assert proc.returncode == 1, proc.stderr
    assert "is busy" in proc.stderr and "Traceback" not in proc.stderr
    assert database.BUSY_TIMEOUT_S * 0.8 <= waited < database.BUSY_TIMEOUT_S + 15


@pytest.mark.slow
def test_a_new_ledger_opened_by_several_processes_at_once(tmp_path, make_child_env, invariants):
    """First start: the window and a `collector import` create the same ledger together.

    Each must either get the ledger (and its write must land) - none may be told the file is
    "not a Collector ledger", fail on half-made tables, or crash.
    """
    env = make_child_env()
    for round_ in range(3):
        path = tmp_path / f"new-{round_}.sqlite"
        procs = _start_workers(path, [["add-client", f"P{k}"] for k in range(4)], env)
        results = _finish(procs)
        assert [rc for rc, _ in results] == [0] * 4, results
        with Ledger.open(path) as ledger:
            names = sorted(c.name for c in Store(ledger).clients())
            assert ledger.schema_version == database.SCHEMA_VERSION
        assert names == [f"P{k}" for k in range(4)]
        assert invariants(path) == []


@pytest.mark.slow
def test_first_open_of_the_day_by_several_processes_makes_one_good_backup(
        tmp_path, make_child_env, invariants):
    """The window and commands open the ledger at the same second: each takes the daily
    backup if none exists yet. All must succeed, and the day gets one good backup."""
    env = make_child_env()
    for round_ in range(3):
        path = tmp_path / f"r{round_}" / "ledger.sqlite"
        with Ledger.open(path) as ledger:
            Store(ledger).add_client(Client("Existing"))
        procs = _start_workers(path, [["add-client", f"P{k}"] for k in range(4)], env)
        results = _finish(procs)
        assert [rc for rc, _ in results] == [0] * 4, results
        with Ledger.open(path) as ledger:
            assert len(Store(ledger).clients()) == 5
            backups = automatic_backups(ledger)
        assert len(backups) == 1, backups
        assert verify_backup(backups[0]).counts["clients"] >= 1
        leftovers = [p.name for p in paths.backups_dir(path).iterdir() if p not in backups]
        assert leftovers == []
        assert invariants(path) == []


@pytest.mark.parametrize("kind", ["invoices", "payments"])
def test_import_when_another_program_writes_between_its_check_and_its_write(
        tmp_path, monkeypatch, kind, invariants):
    """The window adds an invoice (or a payment) while `collector import` is checking a file
    that holds the same number (or pays the same invoice). The import must refuse with a
    report or a clear CollectorError, never crash, and write nothing."""
    path = tmp_path / "ledger.sqlite"
    ledger = Ledger.open(path)
    other = Ledger.open(path)
    try:
        store = Store(ledger)
        c = store.add_client(Client("Acme"))
        inv = store.add_invoice(Invoice("A-1", c.id, TODAY, TODAY, "EUR", 10000))
        fired = []
        real_write = ledger.write

        @contextmanager
        def write_after_other_program():
            if not fired:  # the other program's write lands just before the import's
                fired.append(True)
                if kind == "invoices":
                    Store(other).add_invoice(Invoice("B-2", c.id, TODAY, TODAY, "EUR", 500))
                else:
                    Store(other).add_payment(Payment(inv.id, TODAY, 8000))
            with real_write() as db:
                yield db

        monkeypatch.setattr(ledger, "write", write_after_other_program)
        if kind == "invoices":
            data = (b"number,client,issue_date,due_date,currency,total\n"
                    b"B-1,Acme,2026-11-01,2026-11-30,EUR,1.00\n"
                    b"B-2,Acme,2026-11-01,2026-11-30,EUR,2.00\n")
        else:
            data = b"invoice,date,amount\nA-1,2026-11-23,50.00\n"
        before = Store(other).counts()
        try:
            report = csvio.import_csv(store, kind, data, file="f.csv", today=TODAY)
        except CollectorError as exc:
            assert "nothing" in str(exc).lower() or "again" in str(exc).lower(), str(exc)
        else:
            assert not report.written and report.errors, report
            assert report.errors[0].line == (3 if kind == "invoices" else 2)
        assert fired
        after = Store(other).counts()
        assert after == before | {kind: before[kind] + 1}  # only the other program's write
    finally:
        ledger.close()
        other.close()
    assert invariants(path) == []
