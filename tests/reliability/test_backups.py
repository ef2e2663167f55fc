"""Backups and restore: daily rotating backups made with SQLite's backup API, and
actions.restore, which verifies a backup before it replaces anything and keeps the replaced
ledger aside.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from collector_gui import cli, paths
from collector_gui.actions.ledger import automatic_backups, daily_backup, open_ledger
from collector_gui.actions.restore import (
    BadBackup,
    RestoreResult,
    list_backups,
    newest_good_backup,
    restore,
    verify_backup,
)
from collector_gui.core.errors import CollectorError
from collector_gui.core.model import Client, Invoice
from collector_gui.ledger.database import Ledger, LedgerBusy, LedgerCorrupt
from collector_gui.ledger.migrations import SCHEMA_VERSION
from collector_gui.ledger.store import Store

HERE = Path(__file__).resolve().parent
DAY0 = dt.date(2026, 3, 1)


def _q(path: Path, sql: str, params: tuple = ()) -> list[tuple]:
    """Rows of one query on a file, the connection closed at once (an open one would count as
    "the ledger is open elsewhere")."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def _names(path: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [r[0] for r in conn.execute("SELECT name FROM clients ORDER BY id")]
    finally:
        conn.close()


def _folder(path: Path) -> set[str]:
    return {p.name for p in path.parent.iterdir()}


# -- daily backups ---------------------------------------------------------------------------

def test_daily_backups_one_per_day_keep_n(tmp_path, invariants):
    path = tmp_path / "ledger.sqlite"
    with Ledger.open(path) as ledger:
        store = Store(ledger)
        assert daily_backup(ledger, today=DAY0, keep=3) is None  # an empty ledger: no backup
        made = {}
        for k in range(8):
            day = DAY0 + dt.timedelta(days=k)
            store.add_client(Client(f"Día {k}"))
            made[day] = daily_backup(ledger, today=day, keep=3)
            assert made[day] is not None, day
            assert day.strftime("%Y%m%d") in made[day].name
            assert daily_backup(ledger, today=day, keep=3) is None  # once a day
        kept = automatic_backups(ledger)
    # the newest three days are kept, oldest first, and each holds that day's ledger
    days = [DAY0 + dt.timedelta(days=k) for k in (5, 6, 7)]
    assert kept == [made[d] for d in days]
    for k, backup in zip((5, 6, 7), kept):
        assert _names(backup) == [f"Día {i}" for i in range(k + 1)]
        info = verify_backup(backup)
        assert info.schema_version == SCHEMA_VERSION and info.counts["clients"] == k + 1
        assert invariants(backup) == []
        # made with the backup API: one self-contained file, no -wal beside it
        assert not Path(f"{backup}-wal").exists()
        assert _q(backup, "PRAGMA journal_mode")[0][0] == "delete"
    assert not any(p.name.endswith(".partial") for p in paths.backups_dir(path).iterdir())


def test_daily_backup_keeps_the_number_the_settings_say(tmp_path):
    path = tmp_path / "ledger.sqlite"
    with Ledger.open(path) as ledger:
        store = Store(ledger)
        store.add_client(Client("Uno"))
        store.set_setting("backup.keep", "2")
        for k in range(5):
            daily_backup(ledger, today=DAY0 + dt.timedelta(days=k))
        assert len(automatic_backups(ledger)) == 2


def test_backup_while_another_process_writes_is_consistent(tmp_path, make_child_env, invariants):
    """The backup API copies one consistent state even while another process commits."""
    path = tmp_path / "ledger.sqlite"
    with Ledger.open(path) as ledger:
        Store(ledger).add_client(Client("Worker client"))
    start_at = time.time() + 0.3
    writer = subprocess.Popen(
        [sys.executable, str(HERE / "_worker.py"), str(path), repr(start_at), "invoices", "W", "400"],
        env=make_child_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    backups = []
    try:
        # backups start once the writer has committed its first invoice (a slow start on a
        # loaded machine once let all fifteen backups pass before it wrote anything)
        first = writer.stdout.readline()
        assert first.startswith("invoice"), first
        with Ledger.open(path) as ledger:
            while writer.poll() is None and len(backups) < 15:
                backups.append(ledger.backup(tmp_path / f"b{len(backups)}.sqlite"))
                time.sleep(0.02)
    finally:
        out, _ = writer.communicate(timeout=60)
    assert writer.returncode == 0, out
    assert len(backups) >= 3
    with Ledger.open(path) as ledger:  # and one when it is done: all 400 are in it
        backups.append(ledger.backup(tmp_path / "b-last.sqlite"))
    counts = []
    for backup in backups:
        assert invariants(backup) == [], backup
        info = verify_backup(backup)
        counts.append(info.counts["invoices"])
        # every invoice in a backup is there with its line: no half-written transaction
        conn = sqlite3.connect(backup)
        assert conn.execute("SELECT count(*) FROM invoices WHERE id NOT IN "
                            "(SELECT invoice_id FROM invoice_lines)").fetchone()[0] == 0
        conn.close()
    assert counts == sorted(counts) and counts[0] >= 1 and counts[-1] == 400 > counts[0]


# -- restore ---------------------------------------------------------------------------------

def _ledger_with_backups(path: Path, days: int = 4) -> list[Path]:
    """A ledger that grew by one client a day, with a daily backup each day."""
    with Ledger.open(path) as ledger:
        store = Store(ledger)
        for k in range(days):
            c = store.add_client(Client(f"Cliente {k}"))
            store.add_invoice(Invoice(f"F-{k}", c.id, DAY0, DAY0, "EUR", 1000 * (k + 1)))
            day = DAY0 + dt.timedelta(days=k)
            # named as the daily backup names them (test_daily_backups_* checks daily_backup)
            ledger.backup(paths.backups_dir(path) / f"{path.stem}-{day:%Y%m%d}-120000-auto.sqlite")
        store.add_client(Client("Not yet backed up"))
        return list(reversed(automatic_backups(ledger)))  # newest first


def _corrupt(path: Path) -> None:
    root = dict(_q(
        path, "SELECT name, rootpage FROM sqlite_master WHERE type = 'table'"))["clients"]
    data = bytearray(path.read_bytes())
    data[(root - 1) * 4096: root * 4096] = os.urandom(4096)
    path.write_bytes(bytes(data))


def test_corrupt_ledger_is_restored_from_the_newest_good_backup(tmp_path, invariants):
    path = tmp_path / "ledger.sqlite"
    backups = _ledger_with_backups(path)
    _corrupt(path)
    damaged = path.read_bytes()
    with pytest.raises(LedgerCorrupt) as info:
        with Ledger.open(path) as ledger:
            Store(ledger).clients()
    assert str(paths.backups_dir(path)) in str(info.value)  # it says where the backups are
    # The newest backup is damaged too (say, the same bad disk): the one before is offered.
    _corrupt(backups[0])
    assert list_backups(path) == backups
    offered = newest_good_backup(path)
    assert offered == backups[1]

    result = restore(path, offered)
    assert isinstance(result, RestoreResult)
    assert result.ledger == path and result.backup == offered
    assert result.info.counts["clients"] == 3 and result.info.schema_version == SCHEMA_VERSION
    assert "Restored" in result.summary() and str(result.replaced) in result.summary()
    # The damaged ledger is kept aside, every page as it was (only the file header records
    # that it left WAL mode): nothing is ever thrown away.
    kept = result.replaced.read_bytes()
    assert len(kept) == len(damaged) and kept[100:] == damaged[100:]
    assert result.replaced.name.startswith("ledger.sqlite.replaced-")
    assert not Path(f"{path}-wal").exists() or Path(f"{path}-wal").stat().st_size == 0
    with Ledger.open(path) as ledger:
        assert [c.name for c in Store(ledger).clients()] == ["Cliente 0", "Cliente 1", "Cliente 2"]
    assert invariants(path) == []
    assert verify_backup(offered).counts["clients"] == 3  # the backup itself is untouched


def test_restore_folds_the_replaced_ledgers_wal_into_the_file_kept_aside(tmp_path,
                                                                           make_child_env):
    """A ledger whose last writes are still in its -wal (the app was killed): the file kept
    aside must hold them on its own, and the restored ledger must not get that -wal."""
    path = tmp_path / "ledger.sqlite"
    backups = _ledger_with_backups(path, days=2)
    code = ("import sys, os, signal; from collector_gui.ledger.database import Ledger; "
            "from collector_gui.ledger.store import Store; from collector_gui.core.model import Client; "
            "L = Ledger.open(sys.argv[1]); Store(L).add_client(Client('Only in the WAL')); "
            "os.kill(os.getpid(), signal.SIGKILL)")
    subprocess.run([sys.executable, "-c", code, str(path)], env=make_child_env(), timeout=60)
    assert Path(f"{path}-wal").stat().st_size > 0
    result = restore(path, backups[0])
    assert not Path(f"{result.replaced}-wal").exists()
    assert "Only in the WAL" in _names(result.replaced)  # read without any -wal beside it
    assert _names(path) == ["Cliente 0", "Cliente 1"]


def test_restore_when_the_ledger_is_missing(tmp_path):
    path = tmp_path / "ledger.sqlite"
    backups = _ledger_with_backups(path, days=2)
    path.unlink()
    result = restore(path, backups[0])
    assert result.replaced is None
    assert _names(path) == ["Cliente 0", "Cliente 1"]


def test_restore_refuses_while_the_ledger_is_open_elsewhere(tmp_path, monkeypatch):
    from collector_gui.actions import restore as restore_module

    monkeypatch.setattr(restore_module, "LOCK_WAIT_S", 0.3)
    path = tmp_path / "ledger.sqlite"
    backups = _ledger_with_backups(path, days=2)
    with Ledger.open(path) as window:
        Store(window).clients()
        before = path.read_bytes()
        files = _folder(path)
        started = time.monotonic()
        with pytest.raises(LedgerBusy) as info:
            restore(path, backups[0])
        assert time.monotonic() - started < 3
        assert "Close it" in str(info.value) and "Nothing was changed" in str(info.value)
        assert path.read_bytes() == before and _folder(path) == files
        assert len(Store(window).clients()) == 3  # the open window is unharmed


def _bad_backup(tmp_path: Path, how: str, path: Path, good: Path) -> Path:
    bad = tmp_path / f"bad-{how}.sqlite"
    if how == "missing":
        return bad
    if how == "folder":
        bad.mkdir()
        return bad
    if how == "ledger itself":
        return path
    if how == "garbage":
        bad.write_bytes(os.urandom(20000))
    elif how == "truncated":
        bad.write_bytes(good.read_bytes()[:5000])
    elif how == "damaged page":
        shutil.copyfile(good, bad)
        _corrupt(bad)
    elif how == "csv":
        bad.write_text("name\nÑandú\n", encoding="utf-8")
    elif how in ("not collector", "newer version", "format 0"):
        shutil.copyfile(good, bad)
        conn = sqlite3.connect(bad)
        if how == "not collector":
            conn.execute("PRAGMA application_id = 0")
        else:
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1 if how == 'newer version' else 0}")
        conn.commit()
        conn.close()
    return bad


@pytest.mark.parametrize("how", ["missing", "folder", "ledger itself", "garbage", "truncated",
                                 "damaged page", "csv", "not collector", "newer version",
                                 "format 0"])
def test_a_bad_backup_is_refused_and_nothing_changes(tmp_path, how):
    path = tmp_path / "live" / "ledger.sqlite"
    backups = _ledger_with_backups(path, days=2)
    bad = _bad_backup(tmp_path, how, path, backups[0])
    before = path.read_bytes()
    files = _folder(path)
    bad_before = bad.read_bytes() if bad.is_file() else None
    with pytest.raises(BadBackup) as info:
        restore(path, bad)
    assert isinstance(info.value, CollectorError)
    assert "Nothing was changed" in str(info.value)
    assert path.read_bytes() == before and _folder(path) == files
    if bad_before is not None:
        assert bad.read_bytes() == bad_before


def test_newest_good_backup_when_there_is_none(tmp_path):
    path = tmp_path / "ledger.sqlite"
    assert newest_good_backup(path) is None
    backups = _ledger_with_backups(path, days=2)
    for b in backups:
        _corrupt(b)
    assert newest_good_backup(path) is None
    # another ledger's backups in the same folder are never offered
    other = tmp_path / "ledger-2.sqlite"
    _ledger_with_backups(other, days=1)
    assert newest_good_backup(path) is None
    assert newest_good_backup(other) is not None


def test_restored_ledger_opens_and_takes_new_writes(tmp_path, invariants):
    path = tmp_path / "ledger.sqlite"
    backups = _ledger_with_backups(path, days=3)
    restore(path, backups[-1])  # the oldest
    with open_ledger(path, auto_backup=True) as ledger:
        store = Store(ledger)
        assert [c.name for c in store.clients()] == ["Cliente 0"]
        store.add_client(Client("Después de restaurar"))
    assert invariants(path) == []


_RESTORE_LOOP = """
import sys
from collector_gui.actions.restore import restore
path, a, b = sys.argv[1:4]
print("ready", flush=True)
while True:
    restore(path, a)
    restore(path, b)
"""


@pytest.mark.slow
def test_restore_killed_at_random_moments_never_leaves_a_broken_ledger(tmp_path, make_child_env):
    """SIGKILL a process that restores over and over: the ledger path always holds a whole
    ledger (the old one or a restored one), never a half-copied file."""
    path = tmp_path / "ledger.sqlite"
    backups = _ledger_with_backups(path, days=3)
    a, b = backups[0], backups[-1]
    allowed = [_names(path), _names(a), _names(b)]
    rnd = random.Random(7)
    env = make_child_env()
    for run in range(20):
        proc = subprocess.Popen([sys.executable, "-c", _RESTORE_LOOP, str(path), str(a), str(b)],
                                env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            assert proc.stdout.readline() == b"ready\n", proc.stderr.read()
            time.sleep(rnd.uniform(0.0, 0.15))
            assert proc.poll() is None, proc.stderr.read()
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            proc.stdout.close()
            proc.stderr.close()
        conn = sqlite3.connect(path)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            conn.close()
        assert _names(path) in allowed, run
    asides = list(tmp_path.glob("ledger.sqlite.replaced-*"))
    assert asides  # every replaced ledger was kept
    with Ledger.open(path) as ledger:
        assert Store(ledger).clients()


# -- the command line ------------------------------------------------------------------------

def test_collector_restore_command(tmp_path, capsys):
    """`collector restore FILE` (cli.py calls actions.restore.restore and prints the summary).
    It must work on a damaged ledger, so it may not open the ledger first."""
    path = tmp_path / "ledger.sqlite"
    backups = _ledger_with_backups(path, days=2)
    _corrupt(path)
    assert cli.main(["--ledger", str(path), "restore", str(backups[0])]) == 0
    out = capsys.readouterr().out
    assert "Restored" in out and "replaced" in out
    assert _names(path) == ["Cliente 0", "Cliente 1"]
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"not a backup")
    assert cli.main(["--ledger", str(path), "restore", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "not an SQLite file" in err and "Traceback" not in err
