"""Noticing writes made elsewhere (another window, the command line) to the open ledger.

Two triggers: the window being activated, and a QFileSystemWatcher on the ledger file and
its -wal file. Both only schedule a check; the check (debounced) asks the cheap
`PRAGMA data_version` through ledger/changes.py and reads the ledger again only when it moved.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QFileSystemWatcher, QObject, QTimer, Signal

from collector_gui.ledger.changes import data_version
from collector_gui.ui import messages

if TYPE_CHECKING:
    from collector_gui.ui.main_window import MainWindow

DEBOUNCE_MS = 150


class ChangeWatcher(QObject):
    """Refreshes *window* when its ledger was changed by another connection."""

    changedElsewhere = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._version = self._read()
        self.watcher = QFileSystemWatcher(self)
        self._watch()
        self.watcher.fileChanged.connect(self._file_changed)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.check)
        self.paused = False  # while the ledger is closed (restoring)
        window.installEventFilter(self)

    def _files(self) -> list[str]:
        path: Path = self.window.ctx.path
        return [str(p) for p in (path, Path(f"{path}-wal")) if p.exists()]

    def _watch(self) -> None:
        missing = [f for f in self._files() if f not in self.watcher.files()]
        if missing:
            self.watcher.addPaths(missing)

    def _file_changed(self, _path: str) -> None:
        # A file replaced by rename (a restore, some editors) drops out of the watch list.
        self._watch()
        self.schedule()

    def eventFilter(self, obj, event) -> bool:
        if obj is self.window and event.type() == QEvent.Type.ActivationChange \
                and self.window.isActiveWindow():
            self.schedule()
        return False

    def schedule(self) -> None:
        if not self.paused:
            self._timer.start()

    def _read(self) -> int | None:
        try:
            return data_version(self.window.ctx.ledger)
        except Exception as exc:  # a closed or vanished ledger (restoring): skip this check
            messages.log.info("data_version: %s", exc)
            return None

    def reset(self) -> None:
        """Take the ledger's present state as seen (after the window reopened it)."""
        self._version = self._read()
        self._watch()

    def check(self) -> bool:
        """Read the ledger again if another connection wrote to it; True when it did."""
        if self.paused or self.window._closed:
            return False
        self._watch()
        version = self._read()
        if version is None or version == self._version:
            return False
        self._version = version
        self.window.refresh()
        if self.window.current_page() is not self.window.dashboard:
            self.window.dashboard.refresh()
            self.window._stale.discard(self.window.pages.index(self.window.dashboard))
        self.changedElsewhere.emit()
        return True
