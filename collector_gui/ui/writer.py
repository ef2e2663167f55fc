"""The window's one writer: a long-lived thread, with its own Ledger connection, that makes
every write the window asks for, one after the other, in the order asked.

Writes never run on the UI thread (the window's own connection refuses them: see
context.AppContext) nor side by side in the thread pool, so two of the window's writes can
never race for the ledger's lock, and an undo always runs after the write it takes back.
Reads still run in parallel (tasks.PageReader, run_in_background).

`LedgerWriter.submit(parent, op, on_done, ...)` queues `op(ledger, task)`; its result (usually
an actions `OpResult`) or its error comes back on the UI thread through the returned
`BackgroundTask`, as run_in_background's do.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QWidget

from collector_gui.ledger.database import Ledger
from collector_gui.ui.i18n import tr
from collector_gui.ui.tasks import BackgroundTask, Op, register_writer, track


class _WriterWorker(QObject):
    """Lives in the writer thread; owns that thread's connection."""

    def __init__(self, ledger_path: Path) -> None:
        super().__init__()
        self._path = ledger_path
        self._ledger: Ledger | None = None

    @Slot(object)
    def run(self, job: tuple[BackgroundTask, Op]) -> None:
        handle, op = job
        try:
            if self._ledger is None:
                self._ledger = Ledger.open(self._path, create=False)
            result = op(self._ledger, handle.task)
        except BaseException as exc:  # handed to the UI thread, never lost
            handle._failed.emit(exc)
        else:
            handle._succeeded.emit(result)

    @Slot()
    def close(self) -> None:
        if self._ledger is not None:
            self._ledger.close()
            self._ledger = None

    @Slot()
    def ping(self) -> None:
        """Nothing: a blocking call to it returns once every write queued before it ran."""


class LedgerWriter(QObject):
    """The UI-thread side of the writer thread."""

    _run = Signal(object)
    _close = Signal()
    _ping = Signal()

    def __init__(self, ledger_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = Path(ledger_path)
        self._thread = QThread()
        self._thread.setObjectName("collector-writer")
        self._worker = _WriterWorker(self.path)
        self._worker.moveToThread(self._thread)
        self._run.connect(self._worker.run, Qt.ConnectionType.QueuedConnection)
        blocking = Qt.ConnectionType.BlockingQueuedConnection
        self._close.connect(self._worker.close, blocking)
        self._ping.connect(self._worker.ping, blocking)
        self._thread.start()
        self._stopped = False
        register_writer(self.path, self)

    @property
    def thread_object(self) -> QThread:
        return self._thread

    def submit(self, parent: QWidget | None, op: Op,
               on_done: Callable[[Any], None] | None = None, *, label: str = "",
               on_error: Callable[[BaseException], None] | None = None,
               progress: bool = False, cancellable: bool = False) -> BackgroundTask:
        """Queue `op(ledger, task)` after the writes already queued."""
        handle = BackgroundTask(parent, label or tr("Saving…"), on_done, on_error, progress,
                                cancellable)
        if self._stopped:
            handle._failed.emit(RuntimeError("the window's ledger is closed"))
            return handle
        track(handle)
        self._run.emit((handle, op))
        return handle

    def wait_idle(self) -> None:
        """Block until every write queued so far has run (quitting, restoring)."""
        if not self._stopped:
            self._ping.emit()

    def release(self) -> None:
        """Close the writer's connection after the queued writes (a restore replaces the
        file); the next write opens it again."""
        if not self._stopped:
            self._close.emit()

    def stop(self) -> None:
        if self._stopped:
            return
        self._close.emit()
        self._stopped = True
        self._thread.quit()
        self._thread.wait()
        register_writer(self.path, None)
