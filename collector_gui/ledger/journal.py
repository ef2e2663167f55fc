"""The delivery journal: a message the mail server accepted is recorded as sent even when the
ledger cannot be written at that moment (another program holds it too long).

One JSON line per delivered message (event id, Message-ID, the history text) in a small file
beside the ledger (`paths.delivery_journal_path`). `apply` writes them into the ledger when it
is next opened (actions.ledger.open_ledger) and keeps only the lines it could not apply yet
(the file stays, empty, once all are applied).
An entry whose event is no longer in the outbox with that Message-ID (a restored backup,
another program recorded it already) changes nothing and is dropped. Appends and the apply
hold an exclusive flock on the journal file (never on the ledger: PLATFORM.md).
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
from pathlib import Path

from collector_gui import paths
from collector_gui.ledger import outbox as ob
from collector_gui.ledger.database import LedgerError
from collector_gui.ledger.store import Store

log = logging.getLogger(__name__)


def journal_path(ledger_path: Path) -> Path:
    return paths.delivery_journal_path(ledger_path)


def append(ledger_path: Path, *, event_id: int, message_id: str, history: str) -> bool:
    """Note a delivered message (one line, synced to disk); False if even that failed."""
    line = json.dumps({"event_id": event_id, "message_id": message_id, "history": history},
                      ensure_ascii=False) + "\n"
    try:
        fd = os.open(journal_path(ledger_path), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            os.write(fd, line.encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:
        log.exception("could not write the delivery journal for event %s", event_id)
        return False
    return True


def pending(ledger_path: Path) -> list[dict]:
    """The entries not yet applied."""
    try:
        text = journal_path(ledger_path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def apply(store: Store) -> int:
    """Record the journal's messages as sent; returns how many were recorded now."""
    path = journal_path(store.ledger.path)
    if not path.exists():
        return 0
    recorded = 0
    try:
        fd = os.open(path, os.O_RDWR)
    except FileNotFoundError:
        return 0
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        with os.fdopen(os.dup(fd), "r+", encoding="utf-8") as fh:
            lines = [line for line in fh.read().splitlines() if line.strip()]
            keep = []
            for line in lines:
                try:
                    entry = json.loads(line)
                except ValueError:
                    log.warning("unreadable delivery journal line dropped: %r", line[:200])
                    continue
                try:
                    if ob.mark_sent(store, int(entry["event_id"]),
                                    message_id=str(entry["message_id"]),
                                    history=str(entry["history"])):
                        recorded += 1
                except LedgerError:  # still busy: next time
                    keep.append(line)
            fh.seek(0)
            fh.truncate()
            fh.write("".join(k + "\n" for k in keep))
            fh.flush()
            os.fsync(fh.fileno())
        # Left in place even when empty: another program may be waiting to append to it.
    finally:
        os.close(fd)
    if recorded:
        log.info("recorded %d delivered message(s) from the delivery journal", recorded)
    return recorded
