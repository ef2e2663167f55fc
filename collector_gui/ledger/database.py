"""Opening the ledger file: pragmas, migrations (with a backup first), backups, and errors.

Every failure of the file itself (missing folder, not a ledger, corrupt, from a newer
Collector, locked by another program, read-only, disk full) becomes a LedgerError whose
message says what happened and what to do; nothing is changed in the file when opening fails.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from collector_gui import paths
from collector_gui.core.errors import CollectorError
from collector_gui.ledger.migrations import APPLICATION_ID, SCHEMA_VERSION, migrations

# How long a write waits for another program's write to finish before "busy".
BUSY_TIMEOUT_S = 5.0
_SQLITE_HEADER = b"SQLite format 3\x00"


class LedgerError(CollectorError):
    """The ledger file cannot be used as asked; the message says why and what to do."""


class LedgerNotFound(LedgerError):
    pass


class NotALedger(LedgerError):
    pass


class LedgerCorrupt(LedgerError):
    pass


class LedgerTooNew(LedgerError):
    pass


class LedgerBusy(LedgerError):
    pass


class LedgerReadOnly(LedgerError):
    pass


class LedgerWriteFailed(LedgerError):
    pass


def translate(exc: sqlite3.Error, path: Path) -> LedgerError | None:
    """The LedgerError a low-level SQLite error stands for, or None for a programming error."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return LedgerBusy(
            f"The ledger {path} is busy: another Collector window or command is writing to it. "
            "Wait a moment and try again."
        )
    if "readonly" in text or "read-only" in text:
        return LedgerReadOnly(
            f"The ledger {path} cannot be written (the file or its folder is read-only). "
            "Nothing was changed. Check the file's permissions, or copy it somewhere writable."
        )
    if "disk is full" in text or "disk i/o" in text:
        return LedgerWriteFailed(
            f"Writing to the ledger {path} failed ({exc}). Nothing of this change was saved; "
            "what was saved before is intact. Free some disk space and try again."
        )
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return LedgerCorrupt(
            f"The ledger {path} is damaged ({exc}). Restore the newest backup from "
            f"{paths.backups_dir(path)} (`collector restore FILE`)."
        )
    if "unable to open" in text:
        return LedgerNotFound(
            f"The ledger {path} cannot be opened ({exc}). Check that its folder exists and is yours."
        )
    return None


@contextmanager
def errors_as_ledger_errors(path: Path) -> Iterator[None]:
    try:
        yield
    except sqlite3.Error as exc:
        mapped = translate(exc, path)
        if mapped is None:
            raise
        raise mapped from exc


class Ledger:
    """An open ledger file. Belongs to the thread that opened it (as its connection does)."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self.conn = conn
        self.db = Database(conn)

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str, *, create: bool = True) -> Ledger:
        """Open (and if needed create and migrate) the ledger at *path*."""
        path = Path(path).expanduser()
        if path.is_dir():
            raise NotALedger(f"{path} is a folder, not a ledger file.")
        exists = path.exists() and path.stat().st_size > 0
        if not exists:
            if not create:
                raise LedgerNotFound(f"There is no ledger at {path}.")
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise LedgerNotFound(f"Cannot create the folder for the ledger {path}: {exc.strerror}.") from exc
        else:
            _check_header(path)
        with errors_as_ledger_errors(path):
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        ledger = cls(path, conn)
        try:
            with errors_as_ledger_errors(path):
                ledger._prepare(existing=exists)
        except BaseException:
            conn.close()
            raise
        return ledger

    def _prepare(self, *, existing: bool) -> None:
        conn = self.conn
        conn.execute("PRAGMA foreign_keys = ON")
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        has_tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
        if has_tables and app_id != APPLICATION_ID:
            raise NotALedger(
                f"{self.path} is an SQLite database, but not a Collector ledger. "
                "Choose another file; this one was not changed."
            )
        if version > SCHEMA_VERSION:
            raise LedgerTooNew(
                f"The ledger {self.path} was written by a newer version of Collector "
                f"(ledger format {version}; this version knows up to {SCHEMA_VERSION}). "
                "Install the newer Collector to open it; the file was not changed."
            )
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode.lower() != "wal":
            raise LedgerReadOnly(
                f"The ledger {self.path} cannot be opened for writing (journal mode {mode})."
            )
        # FULL: a commit is on disk before the call returns, even with a power cut.
        conn.execute("PRAGMA synchronous = FULL")
        if migrations.pending(self.db):
            if existing and has_tables:
                self.backup(reason=f"before-migration-to-v{SCHEMA_VERSION}")
            migrations.apply(self.db)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- transactions ----------------------------------------------------------------------

    @contextmanager
    def write(self) -> Iterator[Database]:
        """One transaction for one change: all of it is saved, or none of it.

        The outermost level starts with BEGIN IMMEDIATE (sqlite-utils' atomic() uses a plain
        BEGIN, which can fail half-way with "database is locked" when another program writes
        at the same time); inner levels are savepoints through db.atomic().
        """
        if self.conn.in_transaction:
            with errors_as_ledger_errors(self.path), self.db.atomic():
                yield self.db
            return
        with errors_as_ledger_errors(self.path):
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.db
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
            try:
                self.conn.execute("COMMIT")
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise

    @contextmanager
    def read(self) -> Iterator[Database]:
        """Reads that must see one consistent state (several queries) share a snapshot."""
        with errors_as_ledger_errors(self.path):
            if self.conn.in_transaction:
                yield self.db
                return
            self.conn.execute("BEGIN")
            try:
                yield self.db
            finally:
                if self.conn.in_transaction:
                    self.conn.execute("COMMIT")

    @property
    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    # -- backups ---------------------------------------------------------------------------

    def backup(self, dest: Path | str | None = None, *, reason: str = "manual") -> Path:
        """A consistent copy made with SQLite's backup API (never a file copy of a live file).

        *dest* may be a folder or a file name; by default the ledger's backups/ folder.
        """
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        name = f"{self.path.stem}-{stamp}-{reason}.sqlite"
        if dest is None:
            target = paths.backups_dir(self.path) / name
        else:
            dest = Path(dest).expanduser()
            target = dest / name if dest.is_dir() or not dest.suffix else dest
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            raise LedgerError(f"{target} exists already; choose another name.")
        partial = target.with_name(target.name + ".partial")
        with errors_as_ledger_errors(self.path):
            out = sqlite3.connect(partial)
            try:
                self.conn.backup(out)
                out.execute("PRAGMA journal_mode = DELETE")
                ok = out.execute("PRAGMA integrity_check").fetchone()[0]
            finally:
                out.close()
        if ok != "ok":
            partial.unlink(missing_ok=True)
            raise LedgerCorrupt(f"The backup of {self.path} failed its integrity check: {ok}")
        partial.replace(target)
        return target


def _check_header(path: Path) -> None:
    try:
        with path.open("rb") as fh:
            head = fh.read(len(_SQLITE_HEADER))
    except PermissionError as exc:
        raise LedgerReadOnly(f"The ledger {path} cannot be read: permission denied.") from exc
    if head != _SQLITE_HEADER:
        raise NotALedger(
            f"{path} is not a Collector ledger (not an SQLite file). Choose another file, "
            f"or restore a backup from {paths.backups_dir(path)}; this file was not changed."
        )
