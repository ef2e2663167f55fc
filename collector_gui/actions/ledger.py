"""Opening the ledger for a user action, and the automatic daily backups."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from collector_gui.core import clock
from collector_gui import paths
from collector_gui.core import settings as S
from collector_gui.core.settings import Settings
from collector_gui.ledger.database import BackupFailed, Ledger
from collector_gui.ledger.store import Store

AUTO = "auto"


def open_ledger(path: Path | str | None = None, *, create: bool = True,
                auto_backup: bool = False,
                backup_failed: Callable[[BackupFailed], None] | None = None) -> Ledger:
    """Open the ledger at *path* (default: the user's); with auto_backup, make today's backup.

    *create* False: a missing file is LedgerNotFound, never a new empty ledger (what every
    command that only reads, exports or reports asks for: a mistyped --ledger must say so).
    When today's backup cannot be written (a full backup disk), *backup_failed* is told and
    the ledger stays open: that backup is a daily convenience, not a condition of writing
    (an import is saved whole or not at all, so the ledger before it stays intact either
    way). Without *backup_failed* the failure is raised.
    """
    ledger = Ledger.open(path if path is not None else paths.default_ledger_path(), create=create)
    _apply_delivery_journal(ledger)
    if auto_backup:
        try:
            daily_backup(ledger)
        except BackupFailed as exc:
            if backup_failed is None:
                ledger.close()
                raise
            backup_failed(exc)
        except BaseException:
            ledger.close()
            raise
    return ledger


def _apply_delivery_journal(ledger: Ledger) -> None:
    """Record as sent the messages a mail server accepted while this ledger was too busy to
    record them (ledger/journal.py); still busy: they wait for the next open."""
    if not paths.delivery_journal_path(ledger.path).exists():
        return  # nothing waits (nearly always): the journal's code and the outbox's not loaded
    from collector_gui.ledger import journal
    from collector_gui.ledger.database import LedgerError

    try:
        journal.apply(Store(ledger))
    except (LedgerError, OSError):
        pass


def automatic_backups(ledger: Ledger) -> list[Path]:
    """The automatic backups of this ledger, oldest first."""
    folder = paths.backups_dir(ledger.path)
    return sorted(folder.glob(f"{ledger.path.stem}-*-{AUTO}.sqlite"))


def daily_backup(ledger: Ledger, *, today: dt.date | None = None,
                 keep: int | None = None) -> Path | None:
    """Back up once a day (made with SQLite's backup API) and keep the newest *keep*.

    An empty ledger is not backed up. Returns the new backup, or None when there was none to make.
    """
    store = Store(ledger)
    if keep is None:
        keep = Settings(store.settings("backup.")).get(S.BACKUP_KEEP)
    today = today or clock.today()
    stamp = today.strftime("%Y%m%d")
    made = None
    # Under the write lock: the window and a command opening the ledger in the same second
    # make one backup between them.
    with ledger.write():
        existing = automatic_backups(ledger)
        if not any(f"-{stamp}-" in p.name for p in existing) and any(store.counts().values()):
            name = f"{ledger.path.stem}-{stamp}-{clock.now():%H%M%S}-{AUTO}.sqlite"
            made = ledger.backup(paths.backups_dir(ledger.path) / name, reason=AUTO)
            existing = sorted([*existing, made])
    for old in existing[: max(0, len(existing) - max(keep, 1))]:
        try:
            old.unlink(missing_ok=True)
        except OSError:  # an old backup that cannot go yet is no reason to fail
            pass
    return made
