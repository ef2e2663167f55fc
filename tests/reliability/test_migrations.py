"""Migrations: a fixture ledger of every released schema version is upgraded by today's code
and every row survives exactly; a migration always takes a backup first, and a failed one
leaves the ledger as it was.

The fixtures live in tests/fixtures/ledgers/ (made once, then frozen, by
tests/fixtures/make_fixture_ledgers.py); each vN.sqlite has a vN.expected.json with its rows.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from sqlite_utils.migrations import Migrations

from collector_gui import paths
from collector_gui.ledger import database
from collector_gui.ledger import migrations as ledger_migrations
from collector_gui.ledger.database import Ledger, LedgerError
from collector_gui.ledger.migrations import APPLICATION_ID, SCHEMA_VERSION
from collector_gui.ledger.store import Store

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ledgers"
RELEASED = list(range(1, SCHEMA_VERSION + 1))


def _expected(version: int) -> dict:
    return json.loads((FIXTURES / f"v{version}.expected.json").read_text(encoding="utf-8"))


def _rows(path: Path, table: str, columns: list[str]) -> list[list]:
    conn = sqlite3.connect(path)
    try:
        cols = ", ".join(f"[{c}]" for c in columns)
        order = ", ".join(str(i) for i in range(1, len(columns) + 1))
        return [list(r) for r in conn.execute(f"SELECT {cols} FROM [{table}] ORDER BY {order}")]
    finally:
        conn.close()


def _copy(version: int, tmp_path: Path) -> Path:
    target = tmp_path / "ledger.sqlite"
    shutil.copyfile(FIXTURES / f"v{version}.sqlite", target)
    return target


def test_every_released_schema_version_has_a_fixture_ledger():
    for version in RELEASED:
        fixture = FIXTURES / f"v{version}.sqlite"
        assert fixture.is_file(), f"no fixture ledger for schema version {version}: run " \
                                  f"tests/fixtures/make_fixture_ledgers.py --version {version}"
        conn = sqlite3.connect(f"file:{fixture}?mode=ro", uri=True)
        try:
            assert conn.execute("PRAGMA user_version").fetchone()[0] == version
            assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            conn.close()
        assert _expected(version)["user_version"] == version


@pytest.mark.parametrize("version", RELEASED)
def test_fixture_ledger_is_upgraded_and_every_row_survives_exactly(version, tmp_path, digest,
                                                                    invariants):
    fixture = FIXTURES / f"v{version}.sqlite"
    fixture_digest = digest(fixture)
    path = _copy(version, tmp_path)
    expected = _expected(version)
    with Ledger.open(path) as ledger:
        assert ledger.schema_version == SCHEMA_VERSION
        store = Store(ledger)
        # Through the app's own reading code, the values with accents and decimals intact.
        cafe = store.find_client("Café Ñandú S.L.")
        assert cafe is not None and cafe.name == "Café Ñandú S.L."
        assert cafe.notes == "Prefiere transferencia.\nLlamar por la mañana."
        assert cafe.credit_limit_minor == 500000 and cafe.language == "es"
        inv = store.find_invoice("2025-0001")
        assert [line.quantity for line in inv.lines] == [Decimal(1), Decimal("2.5"), Decimal(500)]
        assert inv.total_minor == 173250 and inv.paid_minor == 167500
        assert [p.reference for p in store.payments_of(inv.id)] == ["TRF-001 Ñandú", "TRF-014"]
        events = store.events_of(cafe.id)
        assert [e.kind for e in events] == ["email", "promise"]
        assert events[1].promised_date == dt.date(2025, 2, 20)
        assert store.get_setting("business.name") == "Ñandú Diseño Gráfico — Begoña Martínez"
        assert store.find_client("Émile Dupré").notes == "'); DROP TABLE clients;--"
    # Every row of every table of that version, column by column (a later version may add
    # columns and tables, and records its own steps after the released ones).
    _assert_rows_survive(path, expected)
    assert invariants(path) == []
    assert digest(fixture) == fixture_digest  # the fixture itself is never touched


def _schema(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master "
            "WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").fetchall()
    finally:
        conn.close()


@pytest.mark.parametrize("version", RELEASED)
def test_upgraded_fixture_has_the_schema_of_a_new_ledger(version, tmp_path):
    """An upgraded old ledger and a ledger made today must have the same tables, indexes and
    triggers. If they differ, a released step was edited after its release (the users who
    have that version never get the change): add a new step instead."""
    old = _copy(version, tmp_path)
    with Ledger.open(old):
        pass
    with Ledger.open(tmp_path / "new.sqlite"):
        pass
    upgraded, fresh = _schema(old), _schema(tmp_path / "new.sqlite")
    assert [row for row in upgraded if row not in fresh] == [] and \
        [row for row in fresh if row not in upgraded] == []


def _assert_rows_survive(path: Path, expected: dict) -> None:
    for table, content in expected["tables"].items():
        rows = _rows(path, table, content["columns"])
        if table == "_sqlite_migrations":
            rows = rows[: len(content["rows"])]
        assert rows == content["rows"], table


def _fake_next_version(monkeypatch, step) -> Migrations:
    """The released steps plus one more (version SCHEMA_VERSION + 1), as a later Collector has."""
    fake = Migrations("collector")
    for released in ledger_migrations.migrations._migrations:
        fake(name=released.name)(released.fn)
    fake(name=f"m{SCHEMA_VERSION + 1:03d}_test_step")(step)
    monkeypatch.setattr(database, "migrations", fake)
    monkeypatch.setattr(database, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    return fake


def test_a_migration_backs_up_first(tmp_path, monkeypatch, invariants):
    path = _copy(SCHEMA_VERSION, tmp_path)
    expected = _expected(SCHEMA_VERSION)
    seen: dict = {}

    def step(db):
        # What is in the backups folder at the moment the new step runs?
        seen["backups"] = sorted(paths.backups_dir(path).glob("*.sqlite"))
        db.execute("ALTER TABLE clients ADD COLUMN website TEXT NOT NULL DEFAULT ''")
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")

    _fake_next_version(monkeypatch, step)
    with Ledger.open(path) as ledger:
        assert ledger.schema_version == SCHEMA_VERSION + 1
    assert len(seen["backups"]) == 1, "the migration ran before a backup was made"
    backup = seen["backups"][0]
    assert f"before-migration-to-v{SCHEMA_VERSION + 1}" in backup.name
    conn = sqlite3.connect(backup)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    for table, content in expected["tables"].items():
        assert _rows(backup, table, content["columns"]) == content["rows"], table
    _assert_rows_survive(path, expected)
    assert invariants(path) == []
    # Opened again: nothing pending, no second backup.
    with Ledger.open(path):
        pass
    assert sorted(paths.backups_dir(path).glob("*.sqlite")) == seen["backups"]


def test_a_failed_migration_leaves_the_ledger_as_it_was(tmp_path, monkeypatch):
    path = _copy(SCHEMA_VERSION, tmp_path)
    expected = _expected(SCHEMA_VERSION)

    def step(db):
        db.execute("CREATE TABLE half_done (x)")
        db.execute("INSERT INTO half_done VALUES (1)")
        # A real SQLITE_FULL, as on a full disk (errors are told apart by their code).
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {pages}")
        db.execute("INSERT INTO half_done VALUES (?)", ["x" * 100_000])

    _fake_next_version(monkeypatch, step)
    with pytest.raises(LedgerError) as info:
        Ledger.open(path)
    assert "Free some disk space" in str(info.value)
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'"
                            ).fetchone()[0] == 0
    finally:
        conn.close()
    for table, content in expected["tables"].items():
        assert _rows(path, table, content["columns"]) == content["rows"], table
    assert len(list(paths.backups_dir(path).glob("*before-migration*.sqlite"))) == 1
