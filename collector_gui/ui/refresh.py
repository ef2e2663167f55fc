"""Noticing writes made elsewhere (another window, the command line) to the open ledger.

Two triggers: the window being activated, and a QFileSystemWatcher on the ledger file and
its -wal file. Both only schedule a check; the check (debounced) asks the cheap
`PRAGMA data_version` through ledger/changes.py and says `changedElsewhere` only when it moved.
The window's own writes (made by its writer thread, another connection) are taken as seen.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QFileSystemWatcher, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from collector_gui.ledger.changes import data_version
from collector_gui.ui import notify
from collector_gui.ui.context import AppContext

DEBOUNCE_MS = 150


class ChangeWatcher(QObject):
    """Says `changedElsewhere` when *ctx*'s ledger was changed by another program."""

    changedElsewhere = Signal()

    def __init__(self, ctx: AppContext, window: QWidget) -> None:
        super().__init__(window)
        self._ctx = ctx
        self._window = window
        self._version = self._read()
        self.watcher = QFileSystemWatcher(self)
        self._watch()
        self.watcher.fileChanged.connect(self._file_changed)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.check)
        self.paused = False  # while the ledger is closed (restoring, quitting)
        ctx.changed.connect(self._own_write)
        ctx.writer.busyChanged.connect(self._writer_busy)
        window.installEventFilter(self)

    def _files(self) -> list[str]:
        path: Path = self._ctx.path
        return [str(p) for p in (path, Path(f"{path}-wal")) if p.exists()]

    def _watch(self) -> None:
        missing = [f for f in self._files() if f not in self.watcher.files()]
        if missing:
            self.watcher.addPaths(missing)

    def _file_changed(self, _path: str) -> None:
        # A file replaced by rename (a restore, some editors) drops out of the watch list.
        self._watch()
        self.schedule()

    def _writer_busy(self, busy: bool) -> None:
        """While the window's own writer works, the file watcher is not heard: a 100,000-row
        import changed the WAL file 6,000 times, each a Python call on the UI thread waiting
        for the GIL behind the worker (stalls of ~100 ms: bench/bench_stalls.py). One check
        is made when the writer is done."""
        self.watcher.blockSignals(busy)
        if not busy:
            self.schedule()

    def _own_write(self, _changes) -> None:
        # The writer thread's commit moves data_version for the UI connection too; the window
        # has already read what it wrote.
        if not self.paused:
            self._version = self._read()

    def eventFilter(self, obj, event) -> bool:
        if obj is self._window and event.type() == QEvent.Type.ActivationChange \
                and self._window.isActiveWindow():
            self.schedule()
        return False

    def schedule(self) -> None:
        if not self.paused:
            self._timer.start()

    def _read(self) -> int | None:
        try:
            return data_version(self._ctx.ledger)
        except Exception as exc:  # a closed or vanished ledger (restoring): skip this check
            notify.log.info("data_version: %s", exc)
            return None

    def reset(self) -> None:
        """Take the ledger's present state as seen (after the window reopened it)."""
        self._version = self._read()
        self._watch()

    def check(self) -> bool:
        """Say `changedElsewhere` if another connection wrote to the ledger; True when it did."""
        if self.paused:
            return False
        if self._ctx.writer.busy:
            # A long write of this window's (a send, an import) commits as it goes; those
            # commits are its own, announced when it is done. Seen as someone else's, each
            # read the pages and the day's plan again, in workers, while it ran (seconds of
            # Python at 100k invoices, and 100-190 ms stalls: bench/bench_stalls.py).
            self.schedule()
            return False
        self._watch()
        version = self._read()
        if version is None or version == self._version:
            return False
        self._version = version
        self.changedElsewhere.emit()
        return True
