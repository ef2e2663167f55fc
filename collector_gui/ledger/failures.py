"""What a failure of the ledger file means to the user: SQLite's result codes to LedgerErrors.

SQLite says what went wrong with a result code (`exc.sqlite_errorcode`, its extended code, in
Python 3.11), not with its English message. The message is a poor guide: SQLITE_BUSY reads
"database is locked" while SQLITE_LOCKED (two statements of *one* connection in each other's
way: a bug in Collector, never another program) reads "database table is locked", and a disk
I/O error is not a full disk. So errors are told apart by their code, from the table below.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from collector_gui import paths
from collector_gui.core.errors import CollectorError
from collector_gui.core.i18n import _

try:
    import resource
except ImportError:  # not on Windows
    resource = None  # type: ignore[assignment]

# Below this much free space, a write error (SQLITE_IOERR) is taken for a full disk: Python
# does not expose the errno behind it (ENOSPC during an fsync or when a -wal/-shm grows).
NEARLY_FULL_BYTES = 1 << 20


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


class BackupFailed(LedgerError):
    """A backup could not be written where it was to go; the ledger itself is unchanged."""


# The kind of failure for each primary result code (the low byte of an extended code).
BUSY, READ_ONLY, FULL, IO_ERROR, CORRUPT, CANNOT_OPEN, MOVED = (
    "busy", "read-only", "full", "io-error", "corrupt", "cannot-open", "moved")
_KINDS: dict[int, str] = {
    sqlite3.SQLITE_BUSY: BUSY,  # another connection holds the lock (after the busy timeout)
    sqlite3.SQLITE_PROTOCOL: BUSY,  # WAL lock races that did not settle: try again
    sqlite3.SQLITE_READONLY: READ_ONLY,
    sqlite3.SQLITE_PERM: READ_ONLY,
    sqlite3.SQLITE_FULL: FULL,
    sqlite3.SQLITE_IOERR: IO_ERROR,
    sqlite3.SQLITE_CORRUPT: CORRUPT,
    sqlite3.SQLITE_NOTADB: CORRUPT,
    sqlite3.SQLITE_CANTOPEN: CANNOT_OPEN,
    # Not here, on purpose: SQLITE_LOCKED (an internal error of one connection, not "busy"),
    # constraint, misuse, out of memory, interrupt: they are bugs or programming errors and
    # stay sqlite3 exceptions (the window's exception hook logs them with their traceback).
}
_EXTENDED_KINDS: dict[int, str] = {
    sqlite3.SQLITE_READONLY_DBMOVED: MOVED,  # the file was renamed or deleted under SQLite
}


def error_code(exc: BaseException) -> int | None:
    """SQLite's extended result code of *exc* (None when it did not come from SQLite)."""
    return getattr(exc, "sqlite_errorcode", None)


def is_busy(exc: BaseException) -> bool:
    """Another connection holds the lock (SQLITE_BUSY*), whatever the message says."""
    return kind_of(exc) == BUSY


def kind_of(exc: BaseException, path: Path | None = None) -> str | None:
    """BUSY, READ_ONLY, FULL, IO_ERROR, CORRUPT, CANNOT_OPEN or MOVED; None for the others.

    An I/O error counts as FULL when the file system at *path* has (almost) no room left, or
    the process may not grow files any more (RLIMIT_FSIZE: SQLite then sees EFBIG)."""
    code = error_code(exc)
    if code is None:
        return None
    kind = _EXTENDED_KINDS.get(code) or _KINDS.get(code & 0xFF)
    if kind == IO_ERROR and path is not None and no_room(path):
        return FULL
    return kind


def no_room(path: Path) -> bool:
    """Whether the file system at *path* (a file, or the folder it would be in) is full."""
    folder = path if path.is_dir() else path.parent
    try:
        fs = os.statvfs(folder)
    except OSError:
        return False
    if fs.f_bavail * fs.f_frsize < NEARLY_FULL_BYTES:
        return True
    if resource is None:
        return False
    limit = resource.getrlimit(resource.RLIMIT_FSIZE)[0]
    if limit == resource.RLIM_INFINITY:
        return False
    sizes = []
    for name in (path, Path(f"{path}-wal")):
        try:
            sizes.append(os.stat(name).st_size)
        except OSError:
            pass
    return bool(sizes) and max(sizes) + NEARLY_FULL_BYTES // 16 >= limit


def translate(exc: sqlite3.Error, path: Path) -> LedgerError | None:
    """The LedgerError a low-level SQLite error stands for, or None for a programming error."""
    kind = kind_of(exc, path)
    if kind == BUSY:
        return LedgerBusy(
            _("The ledger {path} is busy: another Collector window or command is writing to it. "
              "Wait a moment and try again.").format(path=path)
        )
    if kind == READ_ONLY:
        return LedgerReadOnly(
            _("The ledger {path} cannot be written (the file or its folder is read-only). "
              "Nothing was changed. Check the file's permissions, or copy it somewhere "
              "writable.").format(path=path)
        )
    if kind == FULL:
        return LedgerWriteFailed(
            _("Writing to the ledger {path} failed ({error}). Nothing of this change was saved; "
              "what was saved before is intact. Free some disk space and try again.").format(
                path=path, error=exc)
        )
    if kind == IO_ERROR:
        return LedgerWriteFailed(
            _("Reading or writing the ledger {path} failed: the disk reported an error "
              "({error}). Nothing of this change was saved; what was saved before is intact. "
              "Check that the disk is still connected and working, then try again.").format(
                path=path, error=exc.sqlite_errorname)
        )
    if kind == CORRUPT:
        return LedgerCorrupt(
            _("The ledger {path} is damaged ({error}). Restore the newest backup from "
              "{backups} (`collector restore FILE`).").format(
                path=path, error=exc, backups=paths.backups_dir(path))
        )
    if kind == CANNOT_OPEN:
        return LedgerNotFound(
            _("The ledger {path} cannot be opened ({error}). Check that its folder exists and "
              "is yours.").format(path=path, error=exc)
        )
    if kind == MOVED:
        return LedgerMoved(
            _("The ledger {path} was moved or deleted while Collector had it open, so this "
              "change was not saved. Close Collector and open the ledger again.").format(
                path=path)
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
