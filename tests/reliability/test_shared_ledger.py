"""One ledger in many hands: the real window, a window-like writer and commands, all at once.

The bug this guards: opening a second connection read the file's header with open() and
closed it, and closing ANY descriptor of a file drops every POSIX lock the process holds on
it (sqlite.org, "How To Corrupt An SQLite Database File", 2.2). The window opens a second
connection for its page reader and one per background task, so from then on it held no lock;
the next `collector` command to exit thought it was the last user, checkpointed, and deleted
the -wal and -shm under the window's live connection. The window then wrote into a deleted
file (lost when it closed), and the command's writes could be overwritten by the window's
stale pages.

Here the real window process (`python -m collector_gui --ledger X`, offscreen, with its page
reader, dashboard tasks and daily backup) and a window-like writer (tests/reliability/
_window_like.py: the same connections, and it writes) stay open while `collector import`
brings clients, invoices and payments, `collector aging` reads and `collector backup` copies.
Then: no descriptor of either process points at a deleted ledger file, both still hold their
lock on the ledger (/proc/locks), the backup made meanwhile holds every write reported before
it, and after everybody has exited every write of each is in the ledger, which passes
`integrity_check` and the invariants.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from collector_gui import paths
from collector_gui.core.model import Client, Invoice
from collector_gui.ledger.database import Ledger
from collector_gui.ledger.store import Store

HERE = Path(__file__).resolve().parent
ROUNDS = 4  # each: one import of clients, one of invoices, one of payments
PER_ROUND = 8
SEED_INVOICES = 5


def _ledger_fds(pid: int, path: Path) -> list[str]:
    """Where the process's descriptors of the ledger and its -wal/-shm point."""
    found = []
    fd_dir = Path(f"/proc/{pid}/fd")
    for fd in fd_dir.iterdir():
        try:
            target = os.readlink(fd)
        except OSError:  # closed meanwhile
            continue
        if target.startswith(str(path)):
            found.append(target)
    return found


def _lock_holders(path: Path) -> set[int]:
    """The processes holding a POSIX lock on the ledger file (its device and inode)."""
    st = os.stat(path)
    key = f"{os.major(st.st_dev):02x}:{os.minor(st.st_dev):02x}:{st.st_ino}"
    holders = set()
    for line in Path("/proc/locks").read_text().splitlines():
        fields = line.split()
        if "->" in fields:  # a process waiting for a lock, not holding one
            continue
        if len(fields) > 5 and fields[1] == "POSIX" and fields[5] == key:
            holders.add(int(fields[4]))
    return holders


def _wait_until(condition, what: str, proc: subprocess.Popen, log: Path,
                timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if proc.poll() is not None:
            pytest.fail(f"{what}: the process ended ({proc.returncode}): {log.read_text()}")
        if time.monotonic() > deadline:
            pytest.fail(f"{what}: not within {timeout} s: {log.read_text()}")
        time.sleep(0.05)


def _collector(path: Path, env: dict, *args: str) -> str:
    run = subprocess.run([sys.executable, "-m", "collector_gui", "--ledger", str(path), *args],
                         env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, (args, run.stdout, run.stderr)
    return run.stdout + run.stderr


def _write_round_files(folder: Path, r: int) -> list[tuple[str, Path]]:
    names = [f"CLI {r}-{i}" for i in range(PER_ROUND)]
    files = {
        "clients": "name,email\n" + "".join(f"{n},cli{r}{i}@example.org\n"
                                            for i, n in enumerate(names)),
        "invoices": "number,client,issue_date,due_date,currency,total\n" + "".join(
            f"CLI-{r}-{i},{n},2026-10-01,2026-10-31,EUR,10.00\n" for i, n in enumerate(names)),
        "payments": "invoice,date,amount\n" + "".join(
            f"CLI-{r}-{i},2026-11-02,1.25\n" for i in range(PER_ROUND)),
    }
    out = []
    for kind, text in files.items():
        file = folder / f"{kind}-{r}.csv"
        file.write_text(text, encoding="utf-8")
        out.append((kind, file))
    return out


def _seed(path: Path) -> None:
    with Ledger.open(path) as ledger:
        store = Store(ledger)
        client = store.add_client(Client("Seed client"))
        for i in range(SEED_INVOICES):
            store.add_invoice(Invoice(f"SEED-{i}", client.id, dt.date(2026, 9, 1),
                                      dt.date(2026, 10, 1), "EUR", 100_000))


def _reported(lines: list[str], kind: str) -> set[int]:
    return {int(line.split()[1]) for line in lines if line.startswith(kind + " ")}


def _missing(db_path: Path, clients: set[int], payments: set[int], rounds: int) -> list[str]:
    """What the ledger (or a backup) at *db_path* lacks of the writes reported so far."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        have_clients = {r[0] for r in conn.execute(
            "SELECT id FROM clients WHERE name LIKE 'Window client %'")}
        have_payments = {r[0] for r in conn.execute("SELECT id FROM payments")}
        cli_invoices = dict(conn.execute(
            "SELECT number, paid_minor FROM invoices WHERE number LIKE 'CLI-%'"))
        cli_clients = {r[0] for r in conn.execute("SELECT name FROM clients WHERE name LIKE 'CLI %'")}
    finally:
        conn.close()
    problems = []
    if clients - have_clients:
        problems.append(f"window clients lost: {sorted(clients - have_clients)[:10]}")
    if payments - have_payments:
        problems.append(f"window payments lost: {sorted(payments - have_payments)[:10]}")
    want = {f"CLI-{r}-{i}" for r in range(rounds) for i in range(PER_ROUND)}
    if want - set(cli_invoices):
        problems.append(f"imported invoices lost: {sorted(want - set(cli_invoices))[:10]}")
    unpaid = sorted(n for n in want & set(cli_invoices) if cli_invoices[n] != 125)
    if unpaid:
        problems.append(f"imported payments lost: {unpaid[:10]}")
    names = {f"CLI {r}-{i}" for r in range(rounds) for i in range(PER_ROUND)}
    if names - cli_clients:
        problems.append(f"imported clients lost: {sorted(names - cli_clients)[:10]}")
    return problems


@pytest.mark.slow
def test_window_and_commands_on_one_ledger_keep_every_write(tmp_path, make_child_env,
                                                            invariants):
    path = tmp_path / "ledger.sqlite"
    _seed(path)
    env = make_child_env(QT_QPA_PLATFORM="offscreen", COLLECTOR_HOME=str(tmp_path / "home"))
    window_log = tmp_path / "window.log"
    writer_log = tmp_path / "writer.log"
    with window_log.open("w") as wlog, writer_log.open("w") as plog:
        window = subprocess.Popen([sys.executable, "-m", "collector_gui", "--ledger", str(path)],
                                  env=env, stdout=wlog, stderr=subprocess.STDOUT)
        writer = None
        try:
            # The window is up when its daily backup (a background task: a connection of its
            # own, opened and closed) is made and a second connection (its page reader) is open.
            backups = paths.backups_dir(path)
            _wait_until(lambda: any(backups.glob("*-auto.sqlite"))
                        and sum(t == str(path) for t in _ledger_fds(window.pid, path)) >= 2,
                        "the window's daily backup and page reader", window, window_log)
            writer = subprocess.Popen([sys.executable, str(HERE / "_window_like.py"), str(path)],
                                      env=env, stdin=subprocess.PIPE, stdout=plog,
                                      stderr=subprocess.STDOUT, text=True)
            _wait_until(lambda: "ready" in writer_log.read_text(), "the window-like writer",
                        writer, writer_log)
            runs = 0
            for r in range(ROUNDS):
                for kind, file in _write_round_files(tmp_path, r):
                    _collector(path, env, "import", kind, str(file))
                    runs += 1
                if r % 2:
                    _collector(path, env, "aging")
                    runs += 1
            writer.stdin.write("stop\n")
            writer.stdin.flush()
            _wait_until(lambda: "stopped" in writer_log.read_text(), "the writer stopping",
                        writer, writer_log)
            lines = writer_log.read_text().splitlines()
            assert not [ln for ln in lines if ln.startswith("ERROR")], lines
            clients, payments = _reported(lines, "client"), _reported(lines, "payment")
            assert len(clients) >= 5 and len(payments) >= 5, lines  # it wrote all along

            # Both processes still have their connections open: a backup now holds everything.
            _collector(path, env, "backup", str(tmp_path / "copies"))
            runs += 1
            copy = next((tmp_path / "copies").glob("*.sqlite"))
            assert _missing(copy, clients, payments, ROUNDS) == []

            for name, proc in (("window", window), ("writer", writer)):
                deleted = [t for t in _ledger_fds(proc.pid, path) if t.endswith("(deleted)")]
                assert deleted == [], f"{name} writes into deleted files: {deleted}"
            holders = _lock_holders(path)
            assert window.pid in holders, f"the window lost its lock on the ledger: {holders}"
            assert writer.pid in holders, f"the writer lost its lock on the ledger: {holders}"

            writer.stdin.write("exit\n")
            writer.stdin.flush()
            assert writer.wait(timeout=60) == 0, writer_log.read_text()
            # One more command after the writer's exit, with the window still open.
            _collector(path, env, "aging")
            runs += 1
        finally:
            for proc in (writer, window):
                if proc is not None and proc.poll() is None:
                    proc.terminate()
                    proc.wait(timeout=30)
            if writer is not None and writer.stdin is not None:
                writer.stdin.close()
    assert _missing(path, clients, payments, ROUNDS) == []
    assert invariants(path) == []
    print(f"\nSHARED LEDGER FIGURES: {runs} commands beside the window, "
          f"{len(clients) + len(payments)} window-side writes ({len(clients)} clients, "
          f"{len(payments)} payments with notes), {3 * ROUNDS * PER_ROUND} imported rows")
