"""Opening the ledger file: pragmas, migrations (with a backup first), backups, and errors.

Every failure of the file itself (missing folder, not a ledger, corrupt, from a newer
Collector, locked by another program, read-only, disk full) becomes a LedgerError whose
message says what happened and what to do; nothing is changed in the file when opening fails.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from collector_gui.core import clock
from collector_gui import paths
from collector_gui.core.i18n import _
from collector_gui.ledger.failures import (  # noqa: F401 - the errors are known by this module
    BackupFailed,
    LedgerBusy,
    LedgerCorrupt,
    LedgerError,
    LedgerMoved,
    LedgerNotFound,
    LedgerReadOnly,
    LedgerTooNew,
    LedgerWriteFailed,
    NotALedger,
    errors_as_ledger_errors,
    is_busy,
    kind_of,
    translate,
)
from collector_gui.ledger import failures
from collector_gui.ledger.schema import APPLICATION_ID, SCHEMA_VERSION

if TYPE_CHECKING:
    from sqlite_utils import Database

# The schema steps (migrations.py, with sqlite-utils), loaded by the first open that needs them:
# a ledger at SCHEMA_VERSION needs none (see Ledger._prepare).
migrations = None


def _steps():
    global migrations
    if migrations is None:
        from collector_gui.ledger.migrations import migrations as steps

        migrations = steps
    return migrations

# How long a write waits for another program's write to finish before "busy".
BUSY_TIMEOUT_S = 5.0
_SQLITE_HEADER = b"SQLite format 3\x00"


def _file_id(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


# The Ledgers of this process whose connection is open. POSIX locks belong to the process and
# the file: closing ANY descriptor of a file drops every lock the process holds on it, SQLite's
# included (sqlite.org, "How To Corrupt An SQLite Database File", 2.2). Then another program's
# last connection may checkpoint and delete the -wal under ours. So while this process has a
# connection to a file, nothing here opens that file outside SQLite. Weak references: a Ledger
# dropped without close() has its connection closed by the garbage collector, and leaves.
_open_ledgers: weakref.WeakSet[Ledger] = weakref.WeakSet()
_open_ledgers_lock = threading.Lock()


def _held(file_id: tuple[int, int] | None) -> bool:
    """Whether a Ledger of this process has the file *file_id* open (caller holds the lock).
    An open connection keeps its file's inode alive, so the id cannot be another file's."""
    return file_id is not None and any(ledger._held == file_id for ledger in _open_ledgers)


def held_in_this_process(path: Path | str) -> bool:
    """Whether a Ledger of this process has the file at *path* open."""
    file_id = _file_id(Path(path))
    with _open_ledgers_lock:
        return _held(file_id)


class Ledger:
    """An open ledger file. Belongs to the thread that opened it (as its connection does)."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self.conn = conn
        self._db: Database | None = None
        # Which file this connection has open: SQLite does not notice, in WAL mode, when the
        # path is deleted or replaced (it writes on into the old file, and leaves its -wal to
        # be played into the new one).
        self._file_id = _file_id(path)
        self._held = self._file_id  # the file this object's open connection holds
        with _open_ledgers_lock:
            _open_ledgers.add(self)

    @property
    def db(self) -> Database:
        """The sqlite-utils Database over this connection, made on first use: importing
        sqlite-utils takes ~55 ms, which the window's start does not spend before its first
        paint (its pages read in workers, each with its own Ledger)."""
        if self._db is None:
            from sqlite_utils import Database

            self._db = Database(self.conn)
        return self._db

    def _let_go_of_file(self) -> None:
        with _open_ledgers_lock:
            _open_ledgers.discard(self)
            self._held = None

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
                raise LedgerNotFound(
                    _("There is no ledger at {path}: the file does not exist. Check the file "
                      "name and its folder; nothing was created.").format(path=path))
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise LedgerNotFound(
                    _("Cannot create the folder for the ledger {path}: {error}.").format(
                        path=path, error=exc.strerror)
                ) from exc
        elif not os.access(path, os.R_OK):
            raise LedgerReadOnly(
                _("The ledger {path} cannot be read: permission denied.").format(path=path))
        # What the file is, SQLite reads itself (see _prepare): opening it here with open()
        # would drop this process's locks on it if another Ledger has it open.
        with errors_as_ledger_errors(path):
            if exists or not create:
                # mode=rw: never create a file that vanished meanwhile (SQLITE_CANTOPEN).
                conn = sqlite3.connect(f"file:{quote(str(path.absolute()))}?mode=rw", uri=True,
                                       timeout=BUSY_TIMEOUT_S, isolation_level=None)
            else:
                conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        ledger = cls(path, conn)
        try:
            with errors_as_ledger_errors(path):
                try:
                    ledger._prepare()
                except sqlite3.DatabaseError as exc:
                    if (failures.error_code(exc) or 0) & 0xFF != sqlite3.SQLITE_NOTADB:
                        raise
                    conn.close()
                    ledger._let_go_of_file()
                    raise _not_a_database(path, exc) from exc
        except BaseException:
            conn.close()
            ledger._let_go_of_file()
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
        # Every step sets user_version to its number, in the transaction that records it done:
        # at SCHEMA_VERSION every step has run, and sqlite-utils need not be loaded to know it.
        if self._up_to_date() or not _steps().pending(self.db):
            return
        # Creating or upgrading: one process at a time, all in one transaction, and the checks
        # again under the lock (another window or command may have done it meanwhile).
        conn.execute("BEGIN IMMEDIATE")
        try:
            has_tables = self._check_kind()
            if _steps().pending(self.db):
                if has_tables:
                    try:
                        self.backup(reason=f"before-migration-to-v{SCHEMA_VERSION}")
                    except BackupFailed as exc:
                        raise BackupFailed(str(exc) + " " + _(
                            "The ledger was not upgraded for this version of Collector: it is "
                            "always backed up first.")) from exc
                _steps().apply(self.db)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def _up_to_date(self) -> bool:
        """At SCHEMA_VERSION with every step recorded, read as sqlite-utils' check reads it
        (the steps' table: a damaged file fails here, at open, as it did through that check)."""
        conn = self.conn
        if conn.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
            return False
        try:
            done = conn.execute("SELECT count(*) FROM _sqlite_migrations "
                                "WHERE migration_set = 'collector'").fetchone()[0]
        except sqlite3.OperationalError:  # no such table: the whole check decides
            return False
        return done == SCHEMA_VERSION

    def _switch_to_wal(self) -> str:
        """PRAGMA journal_mode = WAL, retried while another program is switching the same new
        file: SQLite answers that clash with an immediate SQLITE_BUSY ("database is locked";
        its busy handler is not called, to avoid a deadlock between two lock upgrades), not
        after the busy timeout."""
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        while True:
            try:
                return self.conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            except sqlite3.OperationalError as exc:
                if not is_busy(exc) or time.monotonic() > deadline:
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

    def refuse_writes(self) -> None:
        """From now on this connection only reads (`PRAGMA query_only`): a write through it
        fails at once instead of taking the ledger's lock. The window's UI-thread connection
        is made so; its writes go through its writer thread (ui/writer.py)."""
        self.conn.execute("PRAGMA query_only = ON")

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
            self._let_go_of_file()

    def reopen(self) -> None:
        """Open the file at this ledger's path again, into this same object (after a restore
        replaced the file). Every Store holds this Ledger and its sqlite-utils Database, so
        both keep their identity and take the new connection and the new file's identity."""
        fresh = Ledger.open(self.path, create=False)
        try:
            self.conn.close()
        except sqlite3.Error:
            pass
        fresh._let_go_of_file()
        self.conn = fresh.conn
        if self._db is not None:
            self._db.conn = fresh.conn
        self._file_id = fresh._file_id
        with _open_ledgers_lock:
            self._held = fresh._file_id
            _open_ledgers.add(self)

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
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise self._backup_failed(target.parent, exc) from exc
        if target.exists():
            raise LedgerError(_("{path} exists already; choose another name.").format(path=target))
        # A name of its own: two processes backing up in the same second never share it.
        import secrets  # here, not at start: it loads hashlib and hmac (~3 ms)

        partial = target.with_name(f"{target.name}.{os.getpid()}-{secrets.token_hex(4)}.partial")
        try:
            ok = self._copy_into(partial)
            if ok != "ok":
                raise LedgerCorrupt(
                    _("The backup of {path} failed its integrity check: {result}").format(
                        path=self.path, result=ok)
                )
            try:
                os.link(partial, target)  # never over a backup another process just made
            except FileExistsError:
                raise LedgerError(
                    _("{path} exists already; choose another name.").format(path=target)
                ) from None
            except OSError:  # a file system without hard links
                try:
                    partial.replace(target)
                except OSError as exc:
                    raise self._backup_failed(target.parent, exc) from exc
        finally:
            for leftover in (partial, Path(f"{partial}-journal")):
                try:
                    leftover.unlink(missing_ok=True)
                except OSError:
                    pass
        return target

    def _copy_into(self, partial: Path) -> str:
        """Copy the ledger into the new file *partial*; its integrity_check result.

        A failure to write the copy is the backup's (BackupFailed, naming its folder); a
        failure to read the ledger is the ledger's (the usual LedgerErrors)."""
        try:
            out = sqlite3.connect(partial)
        except sqlite3.Error as exc:
            raise self._backup_failed(partial.parent, exc) from exc
        try:
            # Connection.backup() from a connection inside a transaction loops forever on
            # SQLITE_BUSY: then copy through a reading connection of our own (it sees what is
            # committed, which is what a backup is of). Read-only: it never creates a file.
            with errors_as_ledger_errors(self.path):
                source = (sqlite3.connect(f"file:{quote(str(self.path.absolute()))}?mode=ro",
                                          uri=True, timeout=BUSY_TIMEOUT_S)
                          if self.conn.in_transaction else self.conn)
            try:
                try:
                    source.backup(out)
                except sqlite3.Error as exc:
                    if _blames_the_copy(exc):
                        raise self._backup_failed(partial.parent, exc) from exc
                    with errors_as_ledger_errors(self.path):
                        raise
                try:
                    out.execute("PRAGMA journal_mode = DELETE")
                    return out.execute("PRAGMA integrity_check").fetchone()[0]
                except sqlite3.Error as exc:
                    raise self._backup_failed(partial.parent, exc) from exc
            finally:
                if source is not self.conn:
                    source.close()
        finally:
            out.close()

    def _backup_failed(self, folder: Path, exc: BaseException) -> BackupFailed:
        full = (kind_of(exc) == failures.FULL or getattr(exc, "errno", None) == errno.ENOSPC
                or failures.no_room(folder))
        if full:
            reason = _("the disk is full")
        elif isinstance(exc, OSError):
            reason = exc.strerror or str(exc)
        else:
            reason = str(exc)
        return BackupFailed(
            _("The backup could not be written in {folder} ({reason}). The ledger {path} "
              "itself is unchanged, but it was not backed up. Free some space there, or back "
              "up to another folder (`collector backup DIR`), and try again.").format(
                folder=folder, reason=reason, path=self.path)
        )


def _blames_the_copy(exc: sqlite3.Error) -> bool:
    """Whether a failed backup step failed writing the copy, not reading the ledger: the
    ledger is only read, so a full disk, a write or sync error, or a read-only or unopenable
    file is the copy's."""
    code = failures.error_code(exc) or 0
    primary = code & 0xFF
    if primary in (sqlite3.SQLITE_FULL, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN,
                   sqlite3.SQLITE_PERM):
        return True
    return primary == sqlite3.SQLITE_IOERR and code not in (
        sqlite3.SQLITE_IOERR_READ, sqlite3.SQLITE_IOERR_SHORT_READ)


def _not_a_database(path: Path, exc: sqlite3.DatabaseError) -> LedgerError:
    """SQLite says the file is no database (SQLITE_NOTADB): a file of another kind, or a
    ledger whose first page is damaged. Only the header tells them apart, and it is read
    with open() only when no connection of this process has the file (else: damaged, as it
    was a database when that connection opened it)."""
    damaged = translate(exc, path) or LedgerCorrupt(str(exc))
    # Under the registry's lock: no other thread's Ledger takes a lock on the file meanwhile
    # (a Ledger is counted before its connection first reads, and so first locks, the file).
    with _open_ledgers_lock:
        if _held(_file_id(path)):
            return damaged
        try:
            with path.open("rb") as fh:
                head = fh.read(len(_SQLITE_HEADER))
        except OSError:
            return damaged
    if head == _SQLITE_HEADER:
        return damaged
    return NotALedger(
        _("{path} is not a Collector ledger (not an SQLite file). Choose another file, "
          "or restore a backup from {backups}; this file was not changed.").format(
            path=path, backups=paths.backups_dir(path))
    )
