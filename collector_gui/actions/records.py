"""Importing and exporting records as CSV, and backing up: the user actions around csvio."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import IO

from collector_gui.core.progress import Task
from collector_gui.ledger import csvio
from collector_gui.ledger.database import Ledger
from collector_gui.ledger.store import Store


def import_file(store: Store, kind: str, path: str, *, dry_run: bool = False,
                today: dt.date | None = None, task: Task | None = None,
                stdin: IO[bytes] | None = None) -> csvio.ImportReport:
    """Import a CSV file (or `-` for standard input): all rows, or none and a report."""
    data = csvio.read_source(path, stdin)
    return csvio.import_csv(store, kind, data, file=path if path != "-" else "<stdin>",
                            dry_run=dry_run, today=today, task=task)


def export_file(store: Store, kind: str, out: IO[str], *, task: Task | None = None) -> int:
    return csvio.export_csv(store, kind, out, task=task)


def backup(ledger: Ledger, dest: Path | str | None = None) -> Path:
    """A consistent copy of the ledger (SQLite's backup API), checked before it is kept."""
    return ledger.backup(dest)
