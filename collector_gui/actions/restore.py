"""Restoring the ledger from a backup, and finding the newest backup that is good.

A backup is checked before anything is replaced: it must be an SQLite file that passes
`PRAGMA integrity_check`, carry Collector's application id, and have a schema version this
Collector knows (an older one is upgraded, with a backup first, the next time the ledger is
opened). The ledger it replaces is never deleted: it is kept beside it as
`ledger.sqlite.replaced-YYYYmmdd-HHMMSS` (its write-ahead log folded in first, so the kept
file is whole on its own).

The backup is copied with SQLite's backup API into a temporary file in the ledger's folder,
checked again there, flushed to disk, and then renamed over the ledger in one atomic step:
at every moment the ledger path holds either the old ledger or the restored one. The old
ledger is hard-linked aside before that rename (renamed aside where hard links are not
possible), so it is never copied while another program might be writing to it.

Qt-free: the command line (`collector restore FILE`) and the window's "Restore from backup…"
both call `restore()`; the window's "this ledger is damaged" prompt offers
`newest_good_backup()`.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from collector_gui.core import clock
from collector_gui import paths
from collector_gui.actions.reports import record_count
from collector_gui.core.errors import CollectorError
from collector_gui.core.i18n import _
from collector_gui.ledger.database import LedgerBusy, held_in_this_process, is_busy
from collector_gui.ledger.schema import APPLICATION_ID, SCHEMA_VERSION

_SQLITE_HEADER = b"SQLite format 3\x00"
_COUNTED = ("clients", "invoices", "payments", "contact_events")
# How long restore() waits for another Collector window or command to let go of the ledger.
LOCK_WAIT_S = 3.0
# Backup names written by Ledger.backup(): <ledger stem>-YYYYmmdd-HHMMSS-<reason>.sqlite
_STAMP_RE = r"-(\d{8}-\d{6})-([A-Za-z0-9_.-]+)\.sqlite"


class BadBackup(CollectorError):
    """The chosen file cannot be restored; the message says why. Nothing was changed."""


class RestoreFailed(CollectorError):
    """Restoring stopped part-way for a reason outside the backup (disk, permissions)."""


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """What a verified backup holds."""

    path: Path
    schema_version: int
    counts: dict[str, int] = field(default_factory=dict)
    made_at: dt.datetime | None = None  # from the file name, else its modification time

    def describe(self) -> str:
        when = self.made_at.strftime("%Y-%m-%d %H:%M") if self.made_at else _("unknown date")
        what = ", ".join(record_count(t, n) for t, n in self.counts.items())
        return f"{self.path.name} ({when}: {what})"


@dataclass(frozen=True, slots=True)
class RestoreResult:
    """Where things are after a restore."""

    ledger: Path  # the ledger path, now holding the restored data
    backup: Path  # the backup it was restored from (left as it was)
    replaced: Path | None  # the previous ledger, kept aside (None: there was none)
    info: BackupInfo  # what the restored ledger holds

    def summary(self) -> str:
        text = _("Restored {ledger} from {backup}.").format(ledger=self.ledger,
                                                            backup=self.info.describe())
        if self.replaced is not None:
            text += " " + _("The ledger it replaced is kept as {path}.").format(
                path=self.replaced)
        return text


# -- checking a backup -----------------------------------------------------------------------


def _read_only_uri(path: Path, header: bytes) -> str:
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    # A file in WAL mode (byte 18 is 2) with no -wal beside it has all its data in the main
    # file: `immutable` reads it without creating -wal/-shm files next to the backup.
    if len(header) > 18 and header[18] == 2 and not Path(f"{path}-wal").exists():
        uri += "&immutable=1"
    return uri


def _check_connection(conn: sqlite3.Connection, path: Path) -> BackupInfo:
    """Integrity, identity and version of an open database (raises BadBackup)."""
    problems = [r[0] for r in conn.execute("PRAGMA integrity_check(5)")]
    if problems != ["ok"]:
        raise BadBackup(
            _("{path} is damaged ({problems}); it cannot be restored. "
              "Choose an older backup. Nothing was changed.").format(
                  path=path, problems="; ".join(problems)[:300])
        )
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if app_id != APPLICATION_ID:
        raise BadBackup(
            _("{path} is an SQLite file, but not a backup of a Collector ledger. "
              "Choose another file. Nothing was changed.").format(path=path)
        )
    if version > SCHEMA_VERSION:
        raise BadBackup(
            _("{path} was written by a newer version of Collector (ledger format {version}; "
              "this version knows up to {known}). Install the newer Collector to restore it. "
              "Nothing was changed.").format(path=path, version=version, known=SCHEMA_VERSION)
        )
    if version < 1:
        raise BadBackup(_("{path} holds no ledger data (format {version}). Nothing was "
                          "changed.").format(path=path, version=version))
    counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in _COUNTED}
    return BackupInfo(path, version, counts)


def _made_at(path: Path) -> dt.datetime | None:
    match = re.search(_STAMP_RE + "$", path.name)
    if match:
        try:
            return dt.datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")
        except ValueError:
            pass
    try:
        return dt.datetime.fromtimestamp(path.stat().st_mtime)
    except OSError:
        return None


def _header(path: Path) -> bytes:
    """The file's first 100 bytes; empty for a file a Ledger of this process has open: that
    one is read only through SQLite (closing a descriptor of it would drop the process's
    locks on it, see ledger/database.py)."""
    if held_in_this_process(path):
        return b""
    with path.open("rb") as fh:
        return fh.read(100)


def verify_backup(backup_file: Path | str) -> BackupInfo:
    """Check that *backup_file* can be restored (never writes to it); raises BadBackup."""
    path = Path(backup_file).expanduser()
    if not path.is_file():
        raise BadBackup(_("There is no backup file at {path}. Nothing was changed.").format(
            path=path))
    try:
        header = _header(path)
    except OSError as exc:
        raise BadBackup(_("{path} cannot be read ({reason}). Nothing was changed.").format(
            path=path, reason=exc.strerror or exc)) from exc
    if header and not header.startswith(_SQLITE_HEADER):
        raise BadBackup(
            _("{path} is not a Collector backup (not an SQLite file). Choose another file. "
              "Nothing was changed.").format(path=path)
        )
    try:
        conn = sqlite3.connect(_read_only_uri(path, header), uri=True)
    except sqlite3.Error as exc:
        raise BadBackup(_("{path} cannot be opened ({reason}). Nothing was changed.").format(
            path=path, reason=exc)) from exc
    try:
        info = _check_connection(conn, path)
    except sqlite3.DatabaseError as exc:
        raise BadBackup(
            _("{path} is damaged ({problems}); it cannot be restored. "
              "Choose an older backup. Nothing was changed.").format(path=path, problems=exc)
        ) from exc
    finally:
        conn.close()
    return BackupInfo(path, info.schema_version, info.counts, _made_at(path))


def list_backups(ledger_path: Path | str) -> list[Path]:
    """The backups of this ledger in its backups folder, newest first (not yet verified)."""
    ledger_path = Path(ledger_path).expanduser()
    folder = paths.backups_dir(ledger_path)
    pattern = re.compile(re.escape(ledger_path.stem) + _STAMP_RE)
    try:
        candidates = [p for p in folder.iterdir() if pattern.fullmatch(p.name) and p.is_file()]
    except OSError:
        return []

    def key(p: Path) -> tuple:
        stamp = pattern.fullmatch(p.name).group(1)
        try:
            mtime = p.stat().st_mtime
        except OSError:
            mtime = 0.0
        return (stamp, mtime, p.name)

    return sorted(candidates, key=key, reverse=True)


def newest_good_backup(ledger_path: Path | str) -> Path | None:
    """The newest backup of this ledger that passes verify_backup(), or None."""
    for candidate in list_backups(ledger_path):
        try:
            verify_backup(candidate)
        except BadBackup:
            continue
        return candidate
    return None


# -- restoring -------------------------------------------------------------------------------


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a folder; the rename is still atomic
    finally:
        os.close(fd)


def _sidecars(path: Path) -> list[Path]:
    return [Path(f"{path}{suffix}") for suffix in ("-wal", "-shm", "-journal")]


def _copy_verified(backup: Path, header_info: BackupInfo, target: Path) -> BackupInfo:
    """Copy *backup* into *target* with SQLite's backup API, and check the copy."""
    header = _header(backup)
    src = sqlite3.connect(_read_only_uri(backup, header), uri=True)
    try:
        out = sqlite3.connect(target, isolation_level=None)
        try:
            src.backup(out)
            out.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            info = _check_connection(out, backup)
        finally:
            out.close()
    finally:
        src.close()
    if info.counts != header_info.counts:
        raise BadBackup(_("{path} changed while it was being restored. Nothing was changed.")
                        .format(path=backup))
    _fsync_file(target)
    return info


def _fold_wal(ledger: Path, deadline: float) -> bool:
    """Fold the ledger's write-ahead log into its main file and drop -wal/-shm.

    Returns False when the file cannot be read as a database (it is damaged): its -wal and
    -shm are then kept aside with it as they are. Raises LedgerBusy when another program
    still has the ledger open (SQLite refuses to leave WAL mode while it is shared).
    """
    while True:
        try:
            conn = sqlite3.connect(ledger, timeout=0.2, isolation_level=None)
        except sqlite3.Error:
            return False
        try:
            conn.execute("PRAGMA journal_mode = DELETE").fetchone()
            return not any(p.exists() for p in _sidecars(ledger)[:2])
        except sqlite3.OperationalError as exc:
            if not is_busy(exc):  # by its code: SQLITE_BUSY, another program has it open
                return False
            if time.monotonic() >= deadline:
                raise LedgerBusy(
                    _("The ledger {path} is open in another Collector window or command. "
                      "Close it and try the restore again. Nothing was changed.").format(
                          path=ledger)
                ) from exc
        except sqlite3.DatabaseError:
            return False
        finally:
            conn.close()
        time.sleep(0.05)


def _aside_name(ledger: Path, now: dt.datetime) -> Path:
    base = f"{ledger.name}.replaced-{now.strftime('%Y%m%d-%H%M%S')}"
    candidate = ledger.with_name(base)
    n = 2
    while candidate.exists() or any(p.exists() for p in _sidecars(candidate)):
        candidate = ledger.with_name(f"{base}-{n}")
        n += 1
    return candidate


def restore(ledger_path: Path | str, backup_file: Path | str) -> RestoreResult:
    """Replace the ledger at *ledger_path* with the backup *backup_file*.

    The backup is verified first (BadBackup, nothing changed, if it is not good). The
    current ledger, if any, is kept as `<name>.replaced-YYYYmmdd-HHMMSS` beside it.
    Raises LedgerBusy when another Collector window or command has the ledger open.
    """
    ledger = Path(ledger_path).expanduser()
    backup = Path(backup_file).expanduser()
    if ledger.exists() and backup.exists() and os.path.samefile(ledger, backup):
        raise BadBackup(_("{path} is the ledger itself, not a backup of it. Nothing was "
                          "changed.").format(path=backup))
    info = verify_backup(backup)
    try:
        ledger.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise RestoreFailed(_("Cannot create the folder {folder}: {reason}.").format(
            folder=ledger.parent, reason=exc.strerror or exc)) from exc

    temp = ledger.with_name(f".{ledger.name}.restoring-{os.getpid()}")
    for p in (temp, *_sidecars(temp)):
        p.unlink(missing_ok=True)
    try:
        restored = _copy_verified(backup, info, temp)
    except BadBackup:
        temp.unlink(missing_ok=True)
        raise
    except (sqlite3.Error, OSError) as exc:
        temp.unlink(missing_ok=True)
        raise RestoreFailed(
            _("The backup could not be copied into {folder} ({reason}). Nothing was changed; "
              "check the free disk space and the folder's permissions.").format(
                  folder=ledger.parent, reason=exc)
        ) from exc

    replaced: Path | None = None
    try:
        has_old = ledger.exists() or any(p.exists() for p in _sidecars(ledger))
        if has_old:
            if ledger.exists():
                _fold_wal(ledger, time.monotonic() + LOCK_WAIT_S)
            replaced = _aside_name(ledger, clock.now())
            if ledger.exists():
                try:
                    os.link(ledger, replaced)  # the ledger path is never empty
                except OSError:
                    os.replace(ledger, replaced)
            # A -wal left beside the ledger belongs to the old file: keep it with it, or it
            # would be played into the restored one.
            for old, new in zip(_sidecars(ledger), _sidecars(replaced)):
                if old.exists():
                    os.replace(old, new)
        os.replace(temp, ledger)
        _fsync_dir(ledger.parent)
    except LedgerBusy:
        temp.unlink(missing_ok=True)
        raise
    except OSError as exc:
        temp.unlink(missing_ok=True)
        if replaced and replaced.exists():
            text = _("Restoring {ledger} failed ({reason}). The previous ledger is kept as "
                     "{replaced}. Check the folder's permissions and free space, and try again.")
        else:
            text = _("Restoring {ledger} failed ({reason}). Check the folder's permissions and "
                     "free space, and try again.")
        raise RestoreFailed(text.format(ledger=ledger, reason=exc.strerror or exc,
                                        replaced=replaced)) from exc
    return RestoreResult(
        ledger=ledger,
        backup=backup,
        replaced=replaced,
        info=BackupInfo(ledger, restored.schema_version, restored.counts, _made_at(backup)),
    )
