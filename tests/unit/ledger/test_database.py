from __future__ import annotations

import sqlite3

import pytest

from collector_gui.ledger import migrations
from collector_gui.ledger.database import (
    Ledger,
    LedgerBusy,
    LedgerCorrupt,
    LedgerTooNew,
    NotALedger,
)
from collector_gui.paths import backups_dir


def test_new_ledger_is_migrated_with_wal_and_foreign_keys(tmp_path):
    with Ledger.open(tmp_path / "sub" / "new.sqlite") as ledger:
        conn = ledger.conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA application_id").fetchone()[0] == migrations.APPLICATION_ID
        assert ledger.schema_version == migrations.SCHEMA_VERSION
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"clients", "invoices", "invoice_lines", "payments", "contact_events",
                "contact_event_invoices", "settings"} <= tables


def test_schema_version_matches_the_registered_steps():
    assert migrations.SCHEMA_VERSION == len(migrations.migrations._migrations)


def test_write_is_all_or_nothing(ledger):
    with pytest.raises(RuntimeError):
        with ledger.write() as db:
            db.execute("INSERT INTO settings VALUES ('a', '1')")
            with ledger.write() as inner:
                inner.execute("INSERT INTO settings VALUES ('b', '2')")
            raise RuntimeError("boom")
    assert ledger.conn.execute("SELECT count(*) FROM settings").fetchone()[0] == 0
    assert not ledger.conn.in_transaction


def test_inner_failure_rolls_back_only_the_savepoint(ledger):
    with ledger.write() as db:
        db.execute("INSERT INTO settings VALUES ('a', '1')")
        with pytest.raises(sqlite3.IntegrityError):
            with ledger.write() as inner:
                inner.execute("INSERT INTO settings VALUES ('b', '2')")
                inner.execute("INSERT INTO settings VALUES ('a', 'dup')")
    assert ledger.conn.execute("SELECT key FROM settings").fetchall() == [("a",)]


def test_not_an_sqlite_file_is_left_untouched(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_bytes(b"hello, this is a shopping list\n" * 10)
    before = path.read_bytes()
    with pytest.raises(NotALedger, match="not a Collector ledger"):
        Ledger.open(path)
    assert path.read_bytes() == before


def test_other_sqlite_database_is_refused(tmp_path):
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id INTEGER)")
    conn.commit()
    conn.close()
    with pytest.raises(NotALedger, match="not a Collector ledger"):
        Ledger.open(path)


def test_newer_ledger_is_refused_and_unchanged(tmp_path):
    path = tmp_path / "l.sqlite"
    Ledger.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {migrations.SCHEMA_VERSION + 1}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(LedgerTooNew, match="newer version of Collector"):
        Ledger.open(path)
    assert path.read_bytes() == before


def test_corrupt_ledger_says_restore(tmp_path):
    path = tmp_path / "l.sqlite"
    with Ledger.open(path) as ledger:
        for i in range(200):
            ledger.conn.execute("INSERT INTO settings VALUES (?, ?)", (f"k{i}", "x" * 500))
    data = bytearray(path.read_bytes())
    data[4096:3 * 4096] = b"\xff" * (2 * 4096)  # wreck the pages after the first
    path.write_bytes(bytes(data))
    with pytest.raises(LedgerCorrupt, match="restore"):
        with Ledger.open(path) as ledger:
            ledger.conn.execute("SELECT count(*) FROM settings WHERE value != ''").fetchone()


def test_busy_ledger_gives_a_clear_error(tmp_path, monkeypatch):
    import collector_gui.ledger.database as database

    monkeypatch.setattr(database, "BUSY_TIMEOUT_S", 0.2)
    path = tmp_path / "l.sqlite"
    with Ledger.open(path) as first, Ledger.open(path) as second:
        first.conn.execute("BEGIN IMMEDIATE")
        with pytest.raises(LedgerBusy, match="busy"):
            with second.write() as db:
                db.execute("INSERT INTO settings VALUES ('a', '1')")
        first.conn.execute("ROLLBACK")


def test_backup_is_a_checked_copy(ledger, tmp_path):
    with ledger.write() as db:
        db.execute("INSERT INTO settings VALUES ('business.name', 'Ana')")
    made = ledger.backup()
    assert made.parent == backups_dir(ledger.path)
    copy = sqlite3.connect(made)
    assert copy.execute("SELECT value FROM settings").fetchall() == [("Ana",)]
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert not list(made.parent.glob("*.partial"))
    named = ledger.backup(tmp_path / "exact.sqlite")
    assert named == tmp_path / "exact.sqlite" and named.exists()


def test_a_ledger_created_between_the_checks_is_not_taken_for_another_database(
        tmp_path, monkeypatch):
    """Another program creates the same new ledger while this one checks what the file is:
    the checks share one snapshot, so they never see its tables without its application id."""
    path = tmp_path / "new.sqlite"
    empty = sqlite3.connect(path)  # a new, empty file, already in WAL (as the other left it)
    empty.execute("PRAGMA journal_mode = WAL")
    empty.close()
    created = []

    class Racing(sqlite3.Connection):
        def execute(self, sql, *args):
            cursor = super().execute(sql, *args)
            if sql == "PRAGMA application_id" and not created:
                created.append(True)
                Ledger.open(path).close()  # the other program, in between
            return cursor

    real_connect = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect",
                        lambda *a, **kw: real_connect(*a, factory=Racing, **kw))
    with Ledger.open(path) as ledger:
        assert created and ledger.schema_version == migrations.SCHEMA_VERSION
