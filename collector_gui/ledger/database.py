"""Opening the ledger file: pragmas, migrations (with a backup first), backups, and errors.

Every failure of the file itself (missing folder, not a ledger, corrupt, from a newer
Collector, locked by another program, read-only, disk full) becomes a LedgerError whose
message says what happened and what to do; nothing is changed in the file when opening fails.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from collector_gui.core import clock
from collector_gui import paths
from collector_gui.core.errors import CollectorError
from collector_gui.core.i18n import _
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


class LedgerMoved(LedgerError):
    """The file was deleted, moved or replaced by another program while it was open."""


def _file_id(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def translate(exc: sqlite3.Error, path: Path) -> LedgerError | None:
    """The LedgerError a low-level SQLite error stands for, or None for a programming error."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return LedgerBusy(
            _("The ledger {path} is busy: another Collector window or command is writing to it. "
              "Wait a moment and try again.").format(path=path)
        )
    if "readonly" in text or "read-only" in text:
        return LedgerReadOnly(
            _("The ledger {path} cannot be written (the file or its folder is read-only). "
              "Nothing was changed. Check the file's permissions, or copy it somewhere "
              "writable.").format(path=path)
        )
    if "disk is full" in text or "disk i/o" in text:
        return LedgerWriteFailed(
            _("Writing to the ledger {path} failed ({error}). Nothing of this change was saved; "
              "what was saved before is intact. Free some disk space and try again.").format(
                path=path, error=exc)
        )
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return LedgerCorrupt(
            _("The ledger {path} is damaged ({error}). Restore the newest backup from "
              "{backups} (`collector restore FILE`).").format(
                path=path, error=exc, backups=paths.backups_dir(path))
        )
    if "unable to open" in text:
        return LedgerNotFound(
            _("The ledger {path} cannot be opened ({error}). Check that its folder exists and "
              "is yours.").format(path=path, error=exc)
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
        # Which file this connection has open: SQLite does not notice, in WAL mode, when the
        # path is deleted or replaced (it writes on into the old file, and leaves its -wal to
        # be played into the new one).
        self._file_id = _file_id(path)

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str, *, create: bool = True) -> Ledger:
        """Open (and if needed create and migrate) the ledger at *path*."""
        path = Path(path).expanduser()
        if path.is_dir():
            raise NotALedger(_("{path} is a folder, not a ledger file.").format(path=path))
        exists = path.exists() and path.stat().st_size > 0
        if not exists:
            if not create:
                raise LedgerNotFound(_("There is no ledger at {path}.").format(path=path))
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise LedgerNotFound(
                    _("Cannot create the folder for the ledger {path}: {error}.").format(
                        path=path, error=exc.strerror)
                ) from exc
        else:
            _check_header(path)
        with errors_as_ledger_errors(path):
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        ledger = cls(path, conn)
        try:
            with errors_as_ledger_errors(path):
                ledger._prepare()
        except BaseException:
            conn.close()
            raise
        return ledger

    def _prepare(self) -> None:
        conn = self.conn
        conn.execute("PRAGMA foreign_keys = ON")
        self._check_kind()
        mode = self._switch_to_wal()
        if mode.lower() != "wal":
            raise LedgerReadOnly(
                _("The ledger {path} cannot be opened for writing (journal mode {mode}).").format(
                    path=self.path, mode=mode)
            )
        # FULL: a commit is on disk before the call returns, even with a power cut.
        conn.execute("PRAGMA synchronous = FULL")
        if not migrations.pending(self.db):
            return
        # Creating or upgrading: one process at a time, all in one transaction, and the checks
        # again under the lock (another window or command may have done it meanwhile).
        conn.execute("BEGIN IMMEDIATE")
        try:
            has_tables = self._check_kind()
            if migrations.pending(self.db):
                if has_tables:
                    self.backup(reason=f"before-migration-to-v{SCHEMA_VERSION}")
                migrations.apply(self.db)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def _switch_to_wal(self) -> str:
        """PRAGMA journal_mode = WAL, retried while another program is switching the same new
        file: SQLite answers that clash with an immediate "locked" (its busy handler is not
        called, to avoid a deadlock between two lock upgrades), not after the busy timeout."""
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        while True:
            try:
                return self.conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc).lower() or time.monotonic() > deadline:
                    raise
                time.sleep(0.02)

    def _check_kind(self) -> bool:
        """Refuse a file that is not a ledger, or is from a newer Collector; True if it has tables."""
        conn = self.conn
        # The three reads in one snapshot: read one by one, another program creating the same
        # new ledger could commit in between, and its tables without its application id
        # looked like somebody else's database.
        own = not conn.in_transaction
        if own:
            conn.execute("BEGIN")
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            has_tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
        finally:
            if own and conn.in_transaction:
                conn.execute("COMMIT")
        if has_tables and app_id != APPLICATION_ID:
            raise NotALedger(
                _("{path} is an SQLite database, but not a Collector ledger. "
                  "Choose another file; this one was not changed.").format(path=self.path)
            )
        if version > SCHEMA_VERSION:
            raise LedgerTooNew(
                _("The ledger {path} was written by a newer version of Collector "
                  "(ledger format {version}; this version knows up to {known}). "
                  "Install the newer Collector to open it; the file was not changed.").format(
                    path=self.path, version=version, known=SCHEMA_VERSION)
            )
        return has_tables

    def close(self) -> None:
        try:
            if _file_id(self.path) != self._file_id:
                # Keep a copy of what this connection holds, and fold its -wal into the file
                # it belongs to, so SQLite never plays it into the file now at the path.
                try:
                    self._rescue()
                    self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                except (sqlite3.Error, OSError):
                    pass
        finally:
            self.conn.close()

    def reopen(self) -> None:
        """Open the file at this ledger's path again, into this same object (after a restore
        replaced the file). Every Store holds this Ledger and its sqlite-utils Database, so
        both keep their identity and take the new connection and the new file's identity."""
        fresh = Ledger.open(self.path, create=False)
        try:
            self.conn.close()
        except sqlite3.Error:
            pass
        self.conn = fresh.conn
        self.db.conn = fresh.conn
        self._file_id = fresh._file_id

    def _rescue(self) -> Path:
        stamp = clock.now().strftime("%Y%m%d-%H%M%S")
        target = paths.backups_dir(self.path) / f"{self.path.stem}-{stamp}-rescued.sqlite"
        n = 1
        while target.exists():
            n += 1
            target = target.with_name(f"{self.path.stem}-{stamp}-rescued-{n}.sqlite")
        target.parent.mkdir(parents=True, exist_ok=True)
        out = sqlite3.connect(target)
        try:
            self.conn.backup(out)
            out.execute("PRAGMA journal_mode = DELETE")
        finally:
            out.close()
        return target

    def _moved_error(self) -> LedgerMoved | None:
        now = _file_id(self.path)
        if now == self._file_id:
            return None
        try:
            rescued = self._rescue()
        except (sqlite3.Error, OSError) as exc:
            rescued, error = None, exc
        if now is None:
            if rescued is not None:
                text = _("The ledger {path} was deleted or moved while Collector had it open, so "
                         "this change was not saved. Everything saved before is kept in {copy}. "
                         "Close Collector and open the ledger again, or restore that copy "
                         "(`collector restore FILE`).")
            else:
                text = _("The ledger {path} was deleted or moved while Collector had it open, so "
                         "this change was not saved. A copy of what was saved before could not "
                         "be made ({error}). Close Collector and open the ledger again, or "
                         "restore that copy (`collector restore FILE`).")
        elif rescued is not None:
            text = _("The ledger {path} was replaced by another file while Collector had it "
                     "open, so this change was not saved. Everything saved before is kept in "
                     "{copy}. Close Collector and open the ledger again, or restore that copy "
                     "(`collector restore FILE`).")
        else:
            text = _("The ledger {path} was replaced by another file while Collector had it "
                     "open, so this change was not saved. A copy of what was saved before could "
                     "not be made ({error}). Close Collector and open the ledger again, or "
                     "restore that copy (`collector restore FILE`).")
        if rescued is not None:
            return LedgerMoved(text.format(path=self.path, copy=rescued))
        return LedgerMoved(text.format(path=self.path, error=error))

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
            moved = self._moved_error()
            if moved:
                raise moved
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.db
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
            if _file_id(self.path) != self._file_id:
                self.conn.execute("ROLLBACK")
                raise self._moved_error()
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
        stamp = clock.now().strftime("%Y%m%d-%H%M%S")
        name = f"{self.path.stem}-{stamp}-{reason}.sqlite"
        if dest is None:
            target = paths.backups_dir(self.path) / name
        else:
            dest = Path(dest).expanduser()
            target = dest / name if dest.is_dir() or not dest.suffix else dest
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            raise LedgerError(_("{path} exists already; choose another name.").format(path=target))
        # A name of its own: two processes backing up in the same second never share it.
        partial = target.with_name(f"{target.name}.{os.getpid()}-{secrets.token_hex(4)}.partial")
        with errors_as_ledger_errors(self.path):
            out = sqlite3.connect(partial)
            # Connection.backup() from a connection inside a transaction loops forever on
            # SQLITE_BUSY: then copy through a reading connection of our own (it sees what is
            # committed, which is what a backup is of).
            source = sqlite3.connect(self.path) if self.conn.in_transaction else self.conn
            try:
                source.backup(out)
                out.execute("PRAGMA journal_mode = DELETE")
                ok = out.execute("PRAGMA integrity_check").fetchone()[0]
            finally:
                if source is not self.conn:
                    source.close()
                out.close()
        if ok != "ok":
            partial.unlink(missing_ok=True)
            raise LedgerCorrupt(
                _("The backup of {path} failed its integrity check: {result}").format(
                    path=self.path, result=ok)
            )
        try:
            os.link(partial, target)  # never over a backup another process just made
        except FileExistsError:
            partial.unlink(missing_ok=True)
            raise LedgerError(
                _("{path} exists already; choose another name.").format(path=target)
            ) from None
        except OSError:  # a file system without hard links
            partial.replace(target)
        else:
            partial.unlink(missing_ok=True)
        return target


def _check_header(path: Path) -> None:
    try:
        with path.open("rb") as fh:
            head = fh.read(len(_SQLITE_HEADER))
    except PermissionError as exc:
        raise LedgerReadOnly(
            _("The ledger {path} cannot be read: permission denied.").format(path=path)
        ) from exc
    if head != _SQLITE_HEADER:
        raise NotALedger(
            _("{path} is not a Collector ledger (not an SQLite file). Choose another file, "
              "or restore a backup from {backups}; this file was not changed.").format(
                path=path, backups=paths.backups_dir(path))
        )
