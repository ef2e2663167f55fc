"""SQLite errors are told apart by their result code, never by the words of their message.

The table gives each (extended) code the LedgerError it must become; then the same for real
errors made by SQLite itself, among them SQLITE_LOCKED, whose message ("database table is
locked") the old word search took for another program writing.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from collector_gui.core.model import Client
from collector_gui.ledger import failures
from collector_gui.ledger.database import (
    Ledger,
    LedgerBusy,
    LedgerCorrupt,
    LedgerMoved,
    LedgerNotFound,
    LedgerReadOnly,
    LedgerWriteFailed,
    translate,
)
from collector_gui.ledger.store import Store


def _error(code: int, name: str, message: str) -> sqlite3.OperationalError:
    exc = sqlite3.OperationalError(message)
    exc.sqlite_errorcode = code
    exc.sqlite_errorname = name
    return exc


# (code, name, a message that would mislead a word search, the LedgerError or None)
TABLE = [
    (5, "SQLITE_BUSY", "database is locked", LedgerBusy),
    (261, "SQLITE_BUSY_RECOVERY", "database is locked", LedgerBusy),
    (517, "SQLITE_BUSY_SNAPSHOT", "database is locked", LedgerBusy),
    (773, "SQLITE_BUSY_TIMEOUT", "database is locked", LedgerBusy),
    (15, "SQLITE_PROTOCOL", "locking protocol", LedgerBusy),
    (6, "SQLITE_LOCKED", "database table is locked", None),
    (262, "SQLITE_LOCKED_SHAREDCACHE", "database table is locked", None),
    (8, "SQLITE_READONLY", "attempt to write a readonly database", LedgerReadOnly),
    (264, "SQLITE_READONLY_RECOVERY", "attempt to write a readonly database", LedgerReadOnly),
    (520, "SQLITE_READONLY_CANTLOCK", "attempt to write a readonly database", LedgerReadOnly),
    (1288, "SQLITE_READONLY_CANTINIT", "attempt to write a readonly database", LedgerReadOnly),
    (1544, "SQLITE_READONLY_DIRECTORY", "attempt to write a readonly database", LedgerReadOnly),
    (1032, "SQLITE_READONLY_DBMOVED", "attempt to write a readonly database", LedgerMoved),
    (3, "SQLITE_PERM", "access permission denied", LedgerReadOnly),
    (13, "SQLITE_FULL", "database or disk is full", LedgerWriteFailed),
    (10, "SQLITE_IOERR", "disk I/O error", LedgerWriteFailed),
    (778, "SQLITE_IOERR_WRITE", "disk I/O error", LedgerWriteFailed),
    (1034, "SQLITE_IOERR_FSYNC", "disk I/O error", LedgerWriteFailed),
    (522, "SQLITE_IOERR_SHORT_READ", "disk I/O error", LedgerWriteFailed),
    (11, "SQLITE_CORRUPT", "database disk image is malformed", LedgerCorrupt),
    (267, "SQLITE_CORRUPT_VTAB", "database disk image is malformed", LedgerCorrupt),
    (26, "SQLITE_NOTADB", "file is not a database", LedgerCorrupt),
    (14, "SQLITE_CANTOPEN", "unable to open database file", LedgerNotFound),
    (270, "SQLITE_CANTOPEN_ISDIR", "unable to open database file", LedgerNotFound),
    (1, "SQLITE_ERROR", "no such table: busy_readonly_locked", None),
    (19, "SQLITE_CONSTRAINT", "UNIQUE constraint failed: locked.busy", None),
    (2067, "SQLITE_CONSTRAINT_UNIQUE", "UNIQUE constraint failed: disk.full", None),
    (7, "SQLITE_NOMEM", "out of memory", None),
    (9, "SQLITE_INTERRUPT", "interrupted", None),
    (21, "SQLITE_MISUSE", "bad parameter or other API misuse (corrupt?)", None),
]


@pytest.mark.parametrize(("code", "name", "message", "expected"), TABLE,
                         ids=[row[1] for row in TABLE])
def test_each_result_code_becomes_its_ledger_error(tmp_path, code, name, message, expected):
    mapped = translate(_error(code, name, message), tmp_path / "ledger.sqlite")
    if expected is None:
        assert mapped is None  # a bug: it stays an sqlite3 error, with its traceback
    else:
        assert type(mapped) is expected
        assert str(tmp_path / "ledger.sqlite") in str(mapped)


def test_words_alone_decide_nothing(tmp_path):
    """An error without a code (raised by Python's sqlite3 module itself) is not the file's."""
    for text in ("database is locked", "disk I/O error", "database disk image is malformed"):
        assert translate(sqlite3.OperationalError(text), tmp_path / "l.sqlite") is None


def test_an_io_error_with_room_on_the_disk_is_not_called_a_full_disk(tmp_path):
    """The user saw "… disk I/O error … free some disk space" on a disk with 78 GB free."""
    mapped = translate(_error(778, "SQLITE_IOERR_WRITE", "disk I/O error"),
                       tmp_path / "ledger.sqlite")
    assert isinstance(mapped, LedgerWriteFailed)
    assert "Free some disk space" not in str(mapped)
    assert "SQLITE_IOERR_WRITE" in str(mapped) and "disk" in str(mapped)
    full = translate(_error(13, "SQLITE_FULL", "database or disk is full"),
                     tmp_path / "ledger.sqlite")
    assert "Free some disk space" in str(full)


def test_an_io_error_on_a_full_disk_is_a_full_disk(tmp_path, monkeypatch):
    """ENOSPC during an fsync or a -wal/-shm resize comes as SQLITE_IOERR_*: with (almost) no
    room left on the ledger's file system it is told as a full disk."""
    real = os.statvfs

    class Nearly:
        def __init__(self, fs):
            self.f_frsize, self.f_bavail = fs.f_frsize, 3

    monkeypatch.setattr(failures.os, "statvfs", lambda p: Nearly(real(p)))
    mapped = translate(_error(1034, "SQLITE_IOERR_FSYNC", "disk I/O error"),
                       tmp_path / "ledger.sqlite")
    assert "Free some disk space" in str(mapped)


# -- the same with errors SQLite really raises ------------------------------------------------


def _real_locked(path: Path) -> sqlite3.Error:
    """SQLITE_LOCKED: one connection drops a table while its own statement reads it."""
    with Ledger.open(path) as ledger:
        for i in range(3):
            Store(ledger).add_client(Client(f"c{i}"))
        ledger.conn.execute("CREATE TABLE scratch (x)")
        ledger.conn.execute("INSERT INTO scratch VALUES (1), (2)")
        cursor = ledger.conn.execute("SELECT x FROM scratch")
        cursor.fetchone()
        with pytest.raises(sqlite3.OperationalError) as info:
            ledger.conn.execute("DROP TABLE scratch")
        cursor.close()
    return info.value


def _real_busy(path: Path) -> sqlite3.Error:
    Ledger.open(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        with pytest.raises(sqlite3.OperationalError) as info:
            other.execute("BEGIN IMMEDIATE")
    finally:
        other.close()
        holder.close()
    return info.value


def _real_readonly(path: Path) -> sqlite3.Error:
    Ledger.open(path).close()
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        with pytest.raises(sqlite3.OperationalError) as info:
            conn.execute("INSERT INTO settings VALUES ('a', 'b')")
    finally:
        conn.close()
    return info.value


def _real_full(path: Path) -> sqlite3.Error:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TABLE t (x)")
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")
    try:
        with pytest.raises(sqlite3.OperationalError) as info:
            conn.execute("INSERT INTO t VALUES (?)", ("x" * 100_000,))
    finally:
        conn.close()
    return info.value


def _real_notadb(path: Path) -> sqlite3.Error:
    path.write_bytes(b"this is a shopping list, not a database\n" * 50)
    conn = sqlite3.connect(path)
    try:
        with pytest.raises(sqlite3.DatabaseError) as info:
            conn.execute("PRAGMA application_id").fetchone()
    finally:
        conn.close()
    return info.value


def _real_cantopen(path: Path) -> sqlite3.Error:
    with pytest.raises(sqlite3.OperationalError) as info:
        sqlite3.connect(path.parent / "no-such-folder" / "l.sqlite")
    return info.value


REAL = [
    (_real_locked, "SQLITE_LOCKED", None),
    (_real_busy, "SQLITE_BUSY", LedgerBusy),
    (_real_readonly, "SQLITE_READONLY", LedgerReadOnly),
    (_real_full, "SQLITE_FULL", LedgerWriteFailed),
    (_real_notadb, "SQLITE_NOTADB", LedgerCorrupt),
    (_real_cantopen, "SQLITE_CANTOPEN", LedgerNotFound),
]


@pytest.mark.parametrize(("make", "name", "expected"), REAL, ids=[r[1] for r in REAL])
def test_real_sqlite_errors(tmp_path, make, name, expected):
    path = tmp_path / "ledger.sqlite"
    exc = make(path)
    assert exc.sqlite_errorname == name, exc
    mapped = translate(exc, path)
    if expected is None:
        assert mapped is None
    else:
        assert type(mapped) is expected


def test_locked_inside_one_connection_is_not_told_as_another_program_writing(tmp_path):
    """Through Ledger.write(): SQLITE_LOCKED stays a programming error (the window's hook logs
    it with its traceback), never "another Collector window or command is writing"."""
    path = tmp_path / "ledger.sqlite"
    with Ledger.open(path) as ledger:
        ledger.conn.execute("CREATE TABLE scratch (x)")
        ledger.conn.execute("INSERT INTO scratch VALUES (1), (2)")
        cursor = ledger.conn.execute("SELECT x FROM scratch")
        cursor.fetchone()
        with pytest.raises(sqlite3.OperationalError) as info:
            with ledger.write() as db:
                db.execute("DROP TABLE scratch")
        cursor.close()
        assert info.value.sqlite_errorname == "SQLITE_LOCKED"
        assert not ledger.conn.in_transaction
