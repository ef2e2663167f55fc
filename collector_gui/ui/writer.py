"""The window's one writer: a long-lived thread, with its own Ledger connection, that makes
every write the window asks for, one after the other, in the order asked.

Writes never run on the UI thread (the window's own connection refuses them: see
Ledger.refuse_writes) nor side by side in the thread pool, so two of the window's writes can
never race for the ledger's lock, and an undo always runs after the write it takes back.
Reads still run in parallel (tasks.PageReader, run_in_background).

`LedgerWriter.submit(parent, op, on_done, ...)` queues `op(ledger, task)`; its result (usually
an actions `OpResult`) or its error comes back on the UI thread through the returned
`BackgroundTask`, as run_in_background's do. The jobs travel through a `queue.Queue`, not
through queued signals: only the result crosses back as a signal, as the pool's do.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import QWidget

from collector_gui.ledger.database import Ledger
from collector_gui.ui.window_language import tr
from collector_gui.ui.tasks import BackgroundTask, Op, register_writer, track

_CLOSE = "close"  # let go of the connection (a restore), then go on
_STOP = "stop"  # let go of the connection and end the thread


class _WriterThread(QThread):
    """Runs the queued jobs in order; owns the writer's connection."""

    def __init__(self, ledger_path: Path) -> None:
        super().__init__()
        self.setObjectName("collector-writer")
        self._path = ledger_path
        self._ledger: Ledger | None = None
        self.jobs: queue.Queue = queue.Queue()

    def run(self) -> None:  # in the writer thread
        while True:
            job, done = self.jobs.get()
            try:
                if job in (_CLOSE, _STOP):
                    self._close()
                    if job == _STOP:
                        return
                elif job is not None:
                    self._run(*job)
            finally:
                if done is not None:
                    done.set()

    def _run(self, handle: BackgroundTask, op: Op) -> None:
        try:
            if self._ledger is None:
                self._ledger = Ledger.open(self._path, create=False)
            result = op(self._ledger, handle.task)
        except BaseException as exc:  # handed to the UI thread, never lost
            handle._failed.emit(exc)
        else:
            handle._succeeded.emit(result)

    def _close(self) -> None:
        if self._ledger is not None:
            self._ledger.close()
            self._ledger = None


class LedgerWriter(QObject):
    """The UI-thread side of the writer thread."""

    busyChanged = Signal(bool)  # a first job was submitted (True), the last one finished (False)

    def __init__(self, ledger_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = Path(ledger_path)
        self._thread = _WriterThread(self.path)
        self._thread.start()
        self._stopped = False
        self.pending = 0  # jobs submitted whose task has not finished (counted on the UI thread)
        register_writer(self.path, self)

    @property
    def busy(self) -> bool:
        """A job is queued or running: its commits are this window's own, not yet announced
        (ctx.notify comes when it is done; refresh.ChangeWatcher waits for that)."""
        return self.pending > 0

    def _finished(self) -> None:
        self.pending -= 1
        if self.pending == 0:
            self.busyChanged.emit(False)

    def submit(self, parent: QWidget | None, op: Op,
               on_done: Callable[[Any], None] | None = None, *, label: str = "",
               on_error: Callable[[BaseException], None] | None = None,
               progress: bool = False, cancellable: bool = False) -> BackgroundTask:
        """Queue `op(ledger, task)` after the writes already queued."""
        handle = BackgroundTask(parent, label or tr("Saving…"), on_done, on_error, progress,
                                cancellable)
        track(handle)
        self.pending += 1
        if self.pending == 1:
            self.busyChanged.emit(True)
        handle.finished.connect(self._finished)
        if self._stopped:
            handle._failed.emit(RuntimeError("the window's ledger is closed"))
            return handle
        self._thread.jobs.put(((handle, op), None))
        return handle

    def _wait_for(self, job: Any) -> None:
        done = threading.Event()
        self._thread.jobs.put((job, done))
        done.wait()

    def wait_idle(self) -> None:
        """Block until every write queued so far has run (quitting, restoring)."""
        if not self._stopped:
            self._wait_for(None)

    def release(self) -> None:
        """Close the writer's connection after the queued writes (a restore replaces the
        file); the next write opens it again."""
        if not self._stopped:
            self._wait_for(_CLOSE)

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        self._wait_for(_STOP)
        self._thread.wait()
        register_writer(self.path, None)
