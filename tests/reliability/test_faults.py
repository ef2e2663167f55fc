"""Faults of the file itself: disk full, read-only, deleted or replaced while open, corrupt,
not a ledger, from a newer Collector.

Each must end in a LedgerError whose message says what happened and what to do, and nothing
already saved may be lost: when opening fails the file is unchanged byte for byte.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest

from collector_gui import cli, paths
from collector_gui.core.model import Client, ContactEvent, EventKind, Invoice, InvoiceLine, Payment
from collector_gui.ledger import csvio
from collector_gui.ledger.database import (
    Ledger,
    LedgerCorrupt,
    LedgerError,
    LedgerReadOnly,
    LedgerTooNew,
    LedgerWriteFailed,
    NotALedger,
)
from collector_gui.ledger.migrations import SCHEMA_VERSION
from collector_gui.ledger.store import Store

HERE = Path(__file__).resolve().parent
DAY = dt.date(2026, 11, 1)


def _q(path: Path, sql: str, params: tuple = ()) -> list[tuple]:
    """Rows of one query on a file, the connection closed at once (an open one would count as
    "the ledger is open elsewhere")."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def _fill(path: Path, clients: int = 40) -> None:
    """A ledger with some of everything, closed (its WAL folded into the file)."""
    with Ledger.open(path) as ledger:
        store = Store(ledger)
        for i in range(clients):
            c = store.add_client(Client(f"Cliente {i} Ñandú", notes="n" * 300))
            inv = store.add_invoice(Invoice(
                f"2026-{i:04d}", c.id, DAY, DAY + dt.timedelta(days=30), "EUR", 0,
                lines=(InvoiceLine("Diseño", Decimal("2.5"), 4000 + i, Decimal(21)),)))
            store.add_payment(Payment(inv.id, DAY, 1000))
            store.add_event(ContactEvent(c.id, dt.datetime(2026, 11, 2, 10), EventKind.CALL,
                                         "Llamada", invoice_ids=(inv.id,)))


def _rows(path: Path) -> dict[str, list]:
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall()
                for t in ("settings", "clients", "invoices", "invoice_lines", "payments",
                          "contact_events")}
    finally:
        conn.close()


def _folder(path: Path) -> set[str]:
    return {p.name for p in path.parent.iterdir()}


# -- disk full -------------------------------------------------------------------------------

WRITES = ["invoice with lines", "payment+note", "import", "client", "setting"]


@pytest.mark.parametrize("write", WRITES)
def test_disk_full_fails_cleanly_and_keeps_what_was_saved(tmp_path, write, invariants):
    """A database that may not grow (PRAGMA max_page_count) fails writes exactly as a full
    disk does: SQLITE_FULL, "database or disk is full"."""
    path = tmp_path / "ledger.sqlite"
    _fill(path, clients=5)
    before = _rows(path)
    with Ledger.open(path) as ledger:
        store = Store(ledger)
        client = store.find_client("Cliente 0 Ñandú")
        invoice = store.find_invoice("2026-0000")
        pages = ledger.conn.execute("PRAGMA page_count").fetchone()[0]
        ledger.conn.execute(f"PRAGMA max_page_count = {pages + 1}")
        big = "ñ" * 20_000
        with pytest.raises(LedgerWriteFailed) as info:
            if write == "invoice with lines":
                store.add_invoice(Invoice("FULL-1", client.id, DAY, DAY, "EUR", 0, lines=tuple(
                    InvoiceLine(big, Decimal(1), 100) for _ in range(5))))
            elif write == "payment+note":
                with ledger.write():
                    store.add_payment(Payment(invoice.id, DAY, 10))
                    store.add_event(ContactEvent(client.id, dt.datetime(2026, 11, 3), EventKind.NOTE,
                                                 "payment received", big * 3))
            elif write == "import":
                rows = "".join(f"FULL-{i},Nuevo {i},2026-11-01,2026-11-30,EUR,1.00,{'d' * 500}\n"
                               for i in range(500))
                csvio.import_csv(store, "invoices", (
                    "number,client,issue_date,due_date,currency,total,description\n" + rows).encode())
            elif write == "client":
                store.add_client(Client("Lleno", notes=big * 5))
            else:
                store.set_setting("business.address", big * 5)
        message = str(info.value)
        assert "full" in message and "Free some disk space" in message
        assert "Nothing of this change was saved" in message
        assert not ledger.conn.in_transaction
        # Space again: the same window keeps working.
        ledger.conn.execute("PRAGMA max_page_count = 1073741823")
        store.add_client(Client("Después"))
    after = _rows(path)
    for table, rows in before.items():
        expected = rows if table != "clients" else rows + after[table][-1:]
        assert after[table] == expected, table
    assert invariants(path) == []


def _tmpfs_usable(folder: Path) -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        ["unshare", "-m", "--propagation", "private", "sh", "-c",
         f"mount -t tmpfs -o size=64k tmpfs '{folder}' && umount '{folder}'"],
        capture_output=True)
    return probe.returncode == 0


@pytest.mark.parametrize("mode", ["tmpfs", "fsize"])
def test_a_really_full_disk(tmp_path, mode, make_child_env):
    """The real thing, in a child process: a 2 MB tmpfs of its own (a private mount namespace,
    so nothing stays mounted), or a file-size limit (RLIMIT_FSIZE) where mounting is not
    allowed. Writes go on until one fails; everything committed before must be there."""
    folder = tmp_path / "small-disk"
    folder.mkdir()
    child = [sys.executable, str(HERE / "_diskfull_child.py"), str(folder)]
    if mode == "tmpfs" and _tmpfs_usable(folder):
        cmd = ["unshare", "-m", "--propagation", "private", "sh", "-c",
               f"mount -t tmpfs -o size=2m tmpfs '{folder}' && exec \"$0\" \"$@\" tmpfs",
               *child]
    else:
        cmd = [*child, "fsize"]  # mounting is not allowed here: the file-size limit instead
    proc = subprocess.run(cmd, env=make_child_env(), capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    if result["mode"] == "tmpfs":
        assert result["fs_bytes"] <= 2 * 1024 * 1024  # really the small disk
    kind, message = result["error"]
    assert kind == "LedgerWriteFailed", result["error"]
    assert "Free some disk space" in message
    committed, found = result["committed"], result["found"]
    assert committed["invoices"] + committed["imports"] > 0
    assert result["integrity"] == "ok" and result["fk"] == []
    assert not result["in_transaction"]
    assert found["invoices"] == committed["invoices"]
    assert found["payments"] == found["notes"] == committed["payments"]
    assert found["imported"] == 40 * committed["imports"]
    assert found["bare"] == 0
    assert result["writes_again"]


# -- read-only -------------------------------------------------------------------------------

def test_read_only_connection_refuses_writes_with_a_clear_message(tmp_path):
    """SQLite's own read-only refusal (a file:...?mode=ro connection, as SQLite falls back to
    when it may not write the file) becomes LedgerReadOnly, and nothing changes."""
    path = tmp_path / "ledger.sqlite"
    _fill(path, clients=3)
    before = _rows(path)
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
    ledger = Ledger(path, conn)
    try:
        store = Store(ledger)
        assert len(store.clients()) == 3  # reading works
        for write in (lambda: store.add_client(Client("Nuevo")),
                      lambda: store.set_setting("business.name", "X"),
                      lambda: csvio.import_csv(store, "clients", b"name\nNuevo\n")):
            with pytest.raises(LedgerReadOnly) as info:
                write()
            assert "read-only" in str(info.value) and "Nothing was changed" in str(info.value)
    finally:
        ledger.close()
    assert _rows(path) == before


def test_query_only_connection_refuses_writes(tmp_path):
    path = tmp_path / "ledger.sqlite"
    _fill(path, clients=2)
    with Ledger.open(path) as ledger:
        ledger.conn.execute("PRAGMA query_only = 1")
        with pytest.raises(LedgerReadOnly):
            Store(ledger).add_client(Client("Nuevo"))
        assert not ledger.conn.in_transaction


_READONLY_CHILD = """
import json, os, sys
from collector_gui.actions.ledger import daily_backup
from collector_gui.ledger.database import Ledger, LedgerError
from collector_gui.ledger.store import Store
from collector_gui.core.model import Client
out = {}
try:
    with Ledger.open(sys.argv[1]) as ledger:
        out["read"] = len(Store(ledger).clients())
        try:  # a ledger one may only read can still be backed up (reading is enough)
            out["backup"] = str(daily_backup(ledger))
        except LedgerError as exc:
            out["backup"] = [type(exc).__name__, str(exc)]
        try:
            Store(ledger).add_client(Client("Nuevo"))
            out["write"] = "written"
        except LedgerError as exc:
            out["write"] = [type(exc).__name__, str(exc)]
except LedgerError as exc:
    out["open"] = [type(exc).__name__, str(exc)]
print(json.dumps(out))
"""


@pytest.mark.parametrize("where", ["file", "file-and-folder"])
def test_read_only_file_for_a_real_user(tmp_path, where, make_child_env):
    """chmod 0444 (and the folder 0555). Root ignores permissions, so when the tests run as
    root the Collector process is started as user `nobody`, for whom they hold."""
    base = Path(tempfile.mkdtemp(prefix="collector-ro-"))  # outside root's private tmp
    try:
        os.chmod(base, 0o755)
        folder = base / "ledger-folder"
        folder.mkdir()
        path = folder / "ledger.sqlite"
        _fill(path, clients=3)
        before, files_before = path.read_bytes(), _folder(path)
        os.chmod(path, 0o444)
        home = base / "home"
        home.mkdir()
        run_as: list[str] = []
        if os.geteuid() == 0:
            # util-linux setpriv: drops root (and every capability) before Python starts
            run_as = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
            os.chown(home, 65534, 65534)
            os.chown(folder, 65534, 65534)  # the folder is the user's, only the file is not
        if where == "file-and-folder":
            os.chmod(folder, 0o555)
        proc = subprocess.run([*run_as, sys.executable, "-c", _READONLY_CHILD, str(path)],
                              env=make_child_env(COLLECTOR_HOME=str(home)), capture_output=True,
                              text=True, timeout=60, cwd=base)
        assert proc.returncode == 0, proc.stderr
        result = json.loads(proc.stdout)
        if where == "file":
            # it opens for reading; a write is refused with the reason and what to do
            assert result["read"] == 3
            assert isinstance(result["backup"], str) and result["backup"].endswith("-auto.sqlite"), result
            kind, message = result["write"]
        else:
            kind, message = result["open"]
        assert kind == "LedgerReadOnly", result
        assert "read-only" in message and "permissions" in message
        assert path.read_bytes() == before
        # (SQLite may leave empty -wal/-shm files where the folder is writable: not data)
        assert {n for n in _folder(path) - files_before
                if not n.endswith(("-wal", "-shm")) and n != "backups"} == set()
    finally:
        for p in [base, *base.rglob("*")]:
            if p.is_dir():
                os.chmod(p, 0o755)
        shutil.rmtree(base, ignore_errors=True)


# -- deleted or replaced while open ----------------------------------------------------------

def _rescue_copy(message: str, path: Path) -> Path:
    """The file the message points to that holds what was saved before (it must name one)."""
    candidates = [p for p in paths.backups_dir(path).glob("*") if str(p) in message]
    candidates += [p for p in path.parent.glob("*") if p != path and str(p) in message]
    assert candidates, f"the message names no file that keeps the saved data: {message}"
    return candidates[0]


def test_ledger_deleted_while_open(tmp_path):
    """Another program (or the user) deletes the ledger while Collector has it open. SQLite
    would go on writing into the deleted file, and every later write would vanish with it:
    the write must be refused, and what was saved before kept somewhere the message names."""
    path = tmp_path / "ledger.sqlite"
    with Ledger.open(path) as ledger:
        store = Store(ledger)
        store.add_client(Client("Guardado 1"))
        store.add_client(Client("Guardado 2"))
        path.unlink()
        with pytest.raises(LedgerError) as info:
            store.add_client(Client("Después de borrar"))
        message = str(info.value)
        assert "deleted" in message or "moved" in message
    rescued = _rescue_copy(message, path)
    names = {r[0] for r in _q(rescued, "SELECT name FROM clients")}
    assert names == {"Guardado 1", "Guardado 2"}


def _other_ledger(path: Path) -> None:
    with Ledger.open(path) as other:
        for i in range(50):
            Store(other).add_client(Client(f"Otro {i}", notes="o" * 500))


def test_ledger_replaced_while_open_refuses_writes(tmp_path):
    """A sync tool or the user puts another file where the ledger was, while it is open.
    Writing on would go into the old file and leave a write-ahead log that SQLite would later
    play into the new one: the write must be refused, and neither file damaged."""
    path = tmp_path / "ledger.sqlite"
    replacement = tmp_path / "incoming.sqlite"
    _other_ledger(replacement)
    ledger = Ledger.open(path)
    store = Store(ledger)
    store.add_client(Client("Guardado"))
    os.replace(replacement, path)
    try:
        with pytest.raises(LedgerError) as info:
            store.add_client(Client("Después de reemplazar"))
        message = str(info.value)
        assert "replaced" in message
    finally:
        ledger.close()
    names = [r[0] for r in _q(path, "SELECT name FROM clients ORDER BY id")]
    assert names == [f"Otro {i}" for i in range(50)]  # the file put there is intact
    rescued = _rescue_copy(message, path)
    assert {r[0] for r in _q(rescued, "SELECT name FROM clients")} == {"Guardado"}


def test_ledger_replaced_while_open_and_closed_leaves_the_new_file_alone(tmp_path):
    """Even with no write after the replacement: closing must not leave the old ledger's
    write-ahead log beside the new file (SQLite would play it into it on the next open)."""
    path = tmp_path / "ledger.sqlite"
    replacement = tmp_path / "incoming.sqlite"
    _other_ledger(replacement)
    expected = _rows(replacement)
    ledger = Ledger.open(path)
    Store(ledger).add_client(Client("Guardado"))  # in the WAL, not yet in the file
    os.replace(replacement, path)
    ledger.close()
    assert _rows(path) == expected
    with Ledger.open(path) as reopened:
        assert len(Store(reopened).clients()) == 50


# -- corrupt, not a ledger, too new ----------------------------------------------------------

def _damage(path: Path, how: str) -> None:
    data = bytearray(path.read_bytes())
    page = 4096
    if how == "garbage":
        data = bytearray(os.urandom(len(data)))
    elif how == "zeros":
        data = bytearray(len(data))
    elif how == "truncated-half":
        data = data[: len(data) // 2]
    elif how == "truncated-1000":
        data = data[:1000]
    elif how == "truncated-50":
        data = data[:50]
    elif how == "page-1":
        data[100:page] = b"\xa5" * (page - 100)
    elif how == "middle-page":
        root = dict(_q(
            path, "SELECT name, rootpage FROM sqlite_master WHERE type = 'table'"))["clients"]
        data[(root - 1) * page: root * page] = b"\x5a" * page
    elif how == "text":
        data = bytearray("name,email\nÑandú,a@b.es\n".encode())
    elif how == "pdf":
        data = bytearray(b"%PDF-1.7\n" + os.urandom(3000))
    else:
        raise AssertionError(how)
    path.write_bytes(bytes(data))


CORRUPTIONS = ["garbage", "zeros", "truncated-half", "truncated-1000", "truncated-50", "page-1",
               "middle-page"]


@pytest.mark.parametrize("how", CORRUPTIONS + ["text", "pdf"])
def test_damaged_or_foreign_file_gives_a_clear_error_and_stays_unchanged(tmp_path, how, capsys):
    path = tmp_path / "ledger.sqlite"
    _fill(path)
    _damage(path, how)
    before, files = path.read_bytes(), _folder(path)
    with pytest.raises((LedgerCorrupt, NotALedger)) as info:
        with Ledger.open(path) as ledger:  # a damaged page further in shows when it is read
            store = Store(ledger)
            store.clients()
            store.counts()
            for kind in csvio.EXPORT_KINDS:
                csvio.export_csv(store, kind, io.StringIO())
    message = str(info.value)
    assert str(path) in message
    assert "backup" in message  # what to do: restore a backup (or choose another file)
    if how in ("text", "pdf"):
        assert isinstance(info.value, NotALedger) and "Choose another file" in message
    assert path.read_bytes() == before
    assert _folder(path) == files  # no -wal/-shm/backups left behind
    # The command line says the same, with exit status 1 and no traceback.
    # (aging reads only invoices and payments: a damaged clients page does not stop it)
    commands = [["export", "clients", "-"], ["import", "clients", "-"]]
    if how != "middle-page":
        commands.append(["aging"])
    for args in commands:
        rc = cli.main(["--ledger", str(path), *args]) if args[0] != "import" else _cli_stdin(
            path, args, b"name\nNuevo\n")
        err = capsys.readouterr().err
        assert rc == 1, (args, err)
        assert "Traceback" not in err and "backup" in err
    assert path.read_bytes() == before


def _cli_stdin(path: Path, args: list[str], data: bytes) -> int:
    real = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(data))
    try:
        return cli.main(["--ledger", str(path), *args])
    finally:
        sys.stdin = real


def test_damaged_payments_pages_give_corrupt_not_a_traceback(tmp_path, capsys):
    """Every read path goes through the error translation: Store.counts() (which the daily
    backup calls before every `collector import`) too."""
    path = tmp_path / "ledger.sqlite"
    _fill(path, clients=60)
    roots = dict(_q(path, "SELECT name, rootpage FROM sqlite_master"))
    data = bytearray(path.read_bytes())
    for name, root in roots.items():
        if name.startswith("payments") and root:
            data[(root - 1) * 4096: root * 4096] = b"\xff" * 4096
    path.write_bytes(bytes(data))
    before = path.read_bytes()
    with Ledger.open(path) as ledger:
        with pytest.raises(LedgerCorrupt):
            Store(ledger).counts()
    rc = _cli_stdin(path, ["import", "clients", "-"], b"name\nNuevo\n")
    err = capsys.readouterr().err
    assert rc == 1 and "Traceback" not in err and "damaged" in err, err
    assert path.read_bytes() == before


def test_sqlite_file_that_is_not_a_ledger(tmp_path):
    path = tmp_path / "photos.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO photos (name) VALUES ('beach.jpg')")
    conn.commit()
    conn.close()
    before, files = path.read_bytes(), _folder(path)
    with pytest.raises(NotALedger) as info:
        Ledger.open(path)
    assert "not a Collector ledger" in str(info.value) and "Choose another file" in str(info.value)
    assert path.read_bytes() == before and _folder(path) == files


def test_ledger_from_a_newer_collector(tmp_path, capsys):
    path = tmp_path / "ledger.sqlite"
    _fill(path, clients=3)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.execute("CREATE TABLE future_feature (x)")
    conn.commit()
    conn.close()
    before, files = path.read_bytes(), _folder(path)
    with pytest.raises(LedgerTooNew) as info:
        Ledger.open(path)
    message = str(info.value)
    assert "newer version" in message and "Install the newer Collector" in message
    assert path.read_bytes() == before and _folder(path) == files
    assert cli.main(["--ledger", str(path), "aging"]) == 1
    assert "newer version" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_ledger_path_is_a_folder_or_missing(tmp_path):
    with pytest.raises(NotALedger):
        Ledger.open(tmp_path)
    with pytest.raises(LedgerError) as info:
        Ledger.open(tmp_path / "nowhere.sqlite", create=False)
    assert "no ledger" in str(info.value)
    blocked = tmp_path / "a-file"
    blocked.write_text("x")
    with pytest.raises(LedgerError):
        Ledger.open(blocked / "ledger.sqlite")  # its "folder" is a file
    assert stat.S_ISREG(blocked.stat().st_mode)
