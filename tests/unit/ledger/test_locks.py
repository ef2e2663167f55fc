"""A process keeps its POSIX lock on the ledger whatever else it does with the file.

POSIX locks belong to the process and the file: closing ANY descriptor of the file drops all
of them, SQLite's included. Each step below (a second connection, in this thread or another,
a backup, a rescue copy, checking a backup, reading a file that is not a ledger) used to or
could open the file outside SQLite; after each, /proc/locks must still list this process.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from collector_gui import cli
from collector_gui.actions.ledger import daily_backup
from collector_gui.actions.restore import verify_backup
from collector_gui.core.model import Client
from collector_gui.ledger import database
from collector_gui.ledger.database import Ledger, LedgerCorrupt, LedgerNotFound, NotALedger
from collector_gui.ledger.store import Store


def _holds_lock(path: Path) -> bool:
    st = os.stat(path)
    key = f"{os.major(st.st_dev):02x}:{os.minor(st.st_dev):02x}:{st.st_ino}"
    for line in Path("/proc/locks").read_text().splitlines():
        fields = line.split()
        if "->" not in fields and len(fields) > 5 and fields[5] == key \
                and int(fields[4]) == os.getpid():
            return True
    return False


@pytest.fixture
def held(tmp_path):
    path = tmp_path / "ledger.sqlite"
    ledger = Ledger.open(path)
    Store(ledger).add_client(Client("Ana"))
    assert _holds_lock(path)
    yield ledger
    ledger.close()


def test_a_second_connection_keeps_the_lock(held):
    with Ledger.open(held.path, create=False) as second:
        Store(second).counts()
    assert _holds_lock(held.path)


def test_a_connection_in_another_thread_keeps_the_lock(held):
    """As the window's page reader and background tasks open theirs."""
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            for _ in range(3):
                with Ledger.open(held.path, create=False) as ledger:
                    Store(ledger).counts()
        except BaseException as exc:  # noqa: BLE001 - shown below
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert _holds_lock(held.path)
    Store(held).add_client(Client("Berta"))
    assert _holds_lock(held.path)


def test_backups_rescue_and_checks_keep_the_lock(held, tmp_path, capsys):
    made = held.backup(tmp_path / "copies")
    assert _holds_lock(held.path)
    with held.write():  # the backup from inside a transaction reads through its own connection
        inside = held.backup(tmp_path / "copies", reason="inside")
    assert _holds_lock(held.path)
    assert daily_backup(held) is not None
    assert _holds_lock(held.path)
    held._rescue()
    assert _holds_lock(held.path)
    verify_backup(made)
    verify_backup(inside)
    assert _holds_lock(held.path)
    verify_backup(held.path)  # the ledger itself, open here: read through SQLite only
    assert _holds_lock(held.path)
    assert cli.main(["--ledger", str(held.path), "backup", str(tmp_path / "cli")]) == 0
    assert cli.main(["--ledger", str(held.path), "aging"]) == 0
    capsys.readouterr()
    assert _holds_lock(held.path)


def test_what_a_file_is_is_read_through_sqlite(tmp_path):
    """A file that is not a database is still refused as such, and a damaged first page as
    damaged; nothing of it stays counted as open."""
    text = tmp_path / "notes.sqlite"
    text.write_bytes(b"name,email\nAna,a@b.es\n" * 100)
    with pytest.raises(NotALedger, match="not an SQLite file"):
        Ledger.open(text)
    damaged = tmp_path / "damaged.sqlite"
    with Ledger.open(damaged) as ledger:
        Store(ledger).add_client(Client("Ana"))
    data = bytearray(damaged.read_bytes())
    data[16:18] = b"\x00\x03"  # page size 3: SQLite refuses the file (SQLITE_NOTADB)
    damaged.write_bytes(bytes(data))
    with pytest.raises(LedgerCorrupt):
        Ledger.open(damaged)
    assert not database.held_in_this_process(text)
    assert not database.held_in_this_process(damaged)


def test_a_missing_ledger_is_never_created_when_not_asked(tmp_path):
    path = tmp_path / "typo.sqlite"
    with pytest.raises(LedgerNotFound, match="does not exist"):
        Ledger.open(path, create=False)
    assert not path.exists()
    assert list(tmp_path.iterdir()) == []
