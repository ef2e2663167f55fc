"""The one way to run work off the UI thread, and the reader that feeds the tables.

`run_in_background(parent, op, on_done, ...)` runs `op(ledger, task)` in a worker thread
of the thread pool. The worker opens its OWN Ledger connection (a SQLite connection belongs
to the thread that opened it), reports progress through the `Task` of actions/progress.py
into a progress dialog whose Cancel button cancels the task, and hands the result or the
error back on the UI thread. `op` never touches widgets.

`PageReader` is one long-lived worker thread, with its own connection, that reads the pages
of the window's tables in order, so that a slow sort over a million invoices never freezes
the window.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QRunnable,
    Qt,
    QThread,
    QThreadPool,
    Signal,
    Slot,
)
from PySide6.QtWidgets import QProgressDialog, QWidget

from collector_gui.ui.window_language import tr
from collector_gui.actions.progress import Task
from collector_gui.ledger.database import Ledger
from collector_gui.ui import notify

Op = Callable[[Ledger | None, Task], Any]
_running: set[BackgroundTask] = set()
# The window's writer of each open ledger (writer.LedgerWriter registers itself): the one
# thread that writes to it. run_in_background(writes=True) hands its op there.
_writers: dict[Path, Any] = {}


def track(handle: BackgroundTask) -> None:
    """Keep a running task alive until it finishes (the writer's too)."""
    _running.add(handle)


def register_writer(path: Path, writer: Any | None) -> None:
    if writer is None:
        _writers.pop(Path(path), None)
    else:
        _writers[Path(path)] = writer



class _Worker(QRunnable):
    def __init__(self, handle: BackgroundTask, op: Op, ledger_path: Path | None) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._handle = handle
        self._op = op
        self._path = ledger_path

    def run(self) -> None:  # in a pool thread
        ledger = None
        try:
            if self._path is not None:
                ledger = Ledger.open(self._path, create=False)
            result = self._op(ledger, self._handle.task)
        except BaseException as exc:  # handed to the UI thread, never lost
            self._handle._failed.emit(exc)
        else:
            self._handle._succeeded.emit(result)
        finally:
            if ledger is not None:
                ledger.close()


class BackgroundTask(QObject):
    """A running piece of background work. `finished` fires last, on the UI thread."""

    finished = Signal()
    _succeeded = Signal(object)
    _failed = Signal(object)
    _progressed = Signal(int, int, str)

    def __init__(self, parent: QWidget | None, label: str,
                 on_done: Callable[[Any], None] | None,
                 on_error: Callable[[BaseException], None] | None,
                 progress: bool, cancellable: bool) -> None:
        super().__init__()
        self.task = Task(self._progressed.emit)
        self.result: Any = None
        self.error: BaseException | None = None
        self.done = False
        self._parent = parent
        self._on_done = on_done
        self._on_error = on_error
        self._dialog: QProgressDialog | None = None
        queued = Qt.ConnectionType.QueuedConnection
        self._succeeded.connect(self._success, queued)
        self._failed.connect(self._failure, queued)
        self._progressed.connect(self._progress, queued)
        if progress:
            dialog = QProgressDialog(label, tr("Cancel") if cancellable else "", 0, 0, parent)
            dialog.setObjectName("progressDialog")
            dialog.setWindowTitle(tr("Collector"))
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setMinimumDuration(400)  # a blink shows nothing
            dialog.setAutoClose(False)
            dialog.setAutoReset(False)
            if not cancellable:
                dialog.setCancelButton(None)
            dialog.canceled.connect(self.cancel)
            self._dialog = dialog

    @property
    def progress_dialog(self) -> QProgressDialog | None:
        """The progress dialog while the task runs (None without one, or once done)."""
        return self._dialog

    @Slot()
    def cancel(self) -> None:
        self.task.cancel()
        if self._dialog is not None:
            self._dialog.setLabelText(tr("Cancelling…"))

    @Slot(int, int, str)
    def _progress(self, done: int, total: int, text: str) -> None:
        if self._dialog is None or self.done:
            return
        self._dialog.setMaximum(max(total, 0))
        self._dialog.setValue(min(done, total) if total else 0)
        if text and not self.task.cancelled:
            self._dialog.setLabelText(text)

    @Slot(object)
    def _success(self, result: Any) -> None:
        self.result = result
        self._finish()
        if self._on_done is not None:
            with notify.reporting(self._parent):
                self._on_done(result)
        self._let_go()
        self.finished.emit()

    @Slot(object)
    def _failure(self, exc: BaseException) -> None:
        self.error = exc
        self._finish()
        if self._on_error is not None:
            self._on_error(exc)
        else:
            notify.report(self._parent, exc)
        self._let_go()
        self.finished.emit()

    def _let_go(self) -> None:
        """Drop the callbacks and the parent once done: a widget keeping its last task (and
        the task its widget) would be a reference cycle of Qt objects, which Python's garbage
        collector may free from a worker thread."""
        self._on_done = self._on_error = None
        self._parent = None

    def _finish(self) -> None:
        self.done = True
        _running.discard(self)
        if self._dialog is not None:
            self._dialog.canceled.disconnect(self.cancel)
            self._dialog.close()
            self._dialog.deleteLater()
            self._dialog = None


def run_in_background(parent: QWidget | None, op: Op, on_done: Callable[[Any], None] | None = None,
                      *, ledger_path: Path | None, label: str = "",
                      on_error: Callable[[BaseException], None] | None = None,
                      progress: bool = True, cancellable: bool = True,
                      writes: bool = False) -> BackgroundTask:
    """Run `op(ledger, task)` in a worker thread; `on_done(result)` runs on the UI thread.

    With *ledger_path*, the worker opens its own connection to that ledger and closes it
    after. Errors go to *on_error*, or to a message box (notify.report). An op that
    *writes* runs on the ledger's writer thread (writer.py), after the writes queued before it.
    """
    writer = _writers.get(Path(ledger_path)) if writes and ledger_path is not None else None
    if writer is not None:
        return writer.submit(parent, op, on_done, label=label, on_error=on_error,
                             progress=progress, cancellable=cancellable)
    handle = BackgroundTask(parent, label or tr("Working…"), on_done, on_error, progress,
                            cancellable)
    _running.add(handle)
    QThreadPool.globalInstance().start(_Worker(handle, op, ledger_path))
    return handle


def wait_for_all(timeout_ms: int = 10000) -> bool:
    """Wait for every background task and queued write (on quitting, and in tests)."""
    for writer in list(_writers.values()):
        writer.wait_idle()
    return QThreadPool.globalInstance().waitForDone(timeout_ms)


# -- the table reader -----------------------------------------------------------------------

@dataclass
class PageRequest:
    key: int  # which model asks
    generation: int  # a new filter or sort starts a new generation; older answers are dropped
    factory: Callable[[Ledger], Any] | None  # makes a Pager; None continues the current one
    want_count: bool = False
    # Read at least this many rows in one answer: a reload in place reads again every row
    # the table already holds, so the view keeps its rows, selection and scroll position.
    min_rows: int = 0


class _ReaderWorker(QObject):
    """Lives in the reader thread; owns that thread's Ledger connection and the pagers."""

    pageRead = Signal(int, int, object, bool)  # key, generation, rows, exhausted
    counted = Signal(int, int, object)  # key, generation, browse.Summary
    failed = Signal(int, int, object)  # key, generation, exception

    def __init__(self, ledger_path: Path) -> None:
        super().__init__()
        self._path = ledger_path
        self._ledger: Ledger | None = None
        self._pagers: dict[int, tuple[int, Any]] = {}
        # The newest generation each model asked for (written by the UI thread): requests
        # older than it are skipped, so typing a search runs one query, not one per key.
        self.latest: dict[int, int] = {}

    @Slot(object)
    def handle(self, request: PageRequest) -> None:
        if request.generation < self.latest.get(request.key, 0):
            return
        try:
            if self._ledger is None:
                self._ledger = Ledger.open(self._path, create=False)
            current = self._pagers.get(request.key)
            if request.factory is not None:
                pager = request.factory(self._ledger)
                self._pagers[request.key] = (request.generation, pager)
            elif current is not None and current[0] == request.generation:
                pager = current[1]
            else:
                return  # a newer generation replaced this one; its answer is on its way
            rows = pager.next_page()
            while len(rows) < request.min_rows and not pager.exhausted:
                rows.extend(pager.next_page())
            self.pageRead.emit(request.key, request.generation, rows, pager.exhausted)
            if request.want_count:
                # the count, with the amounts per currency of the whole filter (browse.Summary)
                self.counted.emit(request.key, request.generation, pager.summary())
        except BaseException as exc:
            self.failed.emit(request.key, request.generation, exc)

    @Slot()
    def close(self) -> None:
        self._pagers.clear()
        if self._ledger is not None:
            self._ledger.close()
            self._ledger = None


class PageReader(QObject):
    """The UI-thread side of the reader thread: ask for pages, get them back as signals."""

    pageRead = Signal(int, int, object, bool)
    counted = Signal(int, int, object)
    failed = Signal(int, int, object)
    _ask = Signal(object)
    _close = Signal()
    _keys = itertools.count(1)

    def __init__(self, ledger_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("collector-reader")
        self._worker = _ReaderWorker(ledger_path)
        self._worker.moveToThread(self._thread)
        queued = Qt.ConnectionType.QueuedConnection
        self._ask.connect(self._worker.handle, queued)
        self._close.connect(self._worker.close, Qt.ConnectionType.BlockingQueuedConnection)
        self._worker.pageRead.connect(self.pageRead, queued)
        self._worker.counted.connect(self.counted, queued)
        self._worker.failed.connect(self.failed, queued)
        self._thread.start()
        self._stopped = False

    def new_key(self) -> int:
        return next(self._keys)

    def request(self, request: PageRequest) -> None:
        if not self._stopped:
            self._worker.latest[request.key] = request.generation
            self._ask.emit(request)

    def release(self) -> None:
        """Close the reader's connection (a restore replaces the file); the next request
        opens it again."""
        if not self._stopped:
            self._close.emit()

    def stop(self) -> None:
        """Close the reader's connection in its own thread, then end the thread."""
        if self._stopped:
            return
        self._stopped = True
        self._close.emit()
        self._thread.quit()
        self._thread.wait()


def process_until(condition: Callable[[], bool], timeout_ms: int = 5000) -> bool:
    """Let queued events run until *condition* holds (for scripts; tests use qtbot)."""
    import time

    end = time.monotonic() + timeout_ms / 1000
    app = QCoreApplication.instance()
    while not condition():
        if time.monotonic() > end:
            return False
        app.processEvents()
        QThread.msleep(1)
    return True


__all__ = ["BackgroundTask", "PageReader", "PageRequest", "process_until",
           "run_in_background", "wait_for_all"]
