"""What every page and dialog of one window shares: the ledger, formatting, undo, today,
and the one path of every write (`AppContext.write`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from collector_gui.actions.records import Changes, OpResult
from collector_gui.core import clock
from collector_gui.core import settings as S
from collector_gui.ledger.database import Ledger
from collector_gui.ledger.store import Store
from collector_gui.ui.window_language import Fmt, user_settings
from collector_gui.ui.tasks import BackgroundTask, PageReader
from collector_gui.ui.writer import LedgerWriter

class AppContext(QObject):
    """The window's handle on one open ledger.

    Reads on the UI thread go through `store` (a connection that refuses writes); writes go
    through `write()`, which runs an actions operation on the writer thread. `changed` is
    emitted with the `Changes` of every write the window makes, so the tables read the rows
    they hold again, in place.
    """

    changed = Signal(object)  # Changes

    def __init__(self, ledger: Ledger, *, locale: str = "en_US", language: str = "en",
                 today: Callable[[], dt.date] = clock.today,
                 settings: QSettings | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.store = Store(ledger)
        ledger.refuse_writes()  # the window's writes go through the writer thread
        self.fmt = Fmt(locale)
        self.language = language
        self._today = today
        self.settings = settings if settings is not None else user_settings()
        self.reader = PageReader(ledger.path, self)
        self.writer = LedgerWriter(ledger.path, self)
        self.undo = QUndoStack(self)

    @property
    def path(self):
        return self.ledger.path

    def today(self) -> dt.date:
        return self._today()

    def business(self) -> S.Settings:
        return S.Settings(self.store.settings())

    def write(self, parent: QWidget | None, op: Callable[[Store], OpResult],
              on_done: Callable[[Any], None] | None = None, *,
              on_error: Callable[[BaseException], None] | None = None,
              label: str = "") -> BackgroundTask:
        """Run `op(store)` on the writer thread; then say what changed, then `on_done(value)`.

        *op* is an actions function returning an OpResult. Errors go to *on_error*, or to a
        message box.
        """

        def done(result: OpResult) -> None:
            self.notify(result.changes)
            if on_done is not None:
                on_done(result.value)

        return self.writer.submit(parent, lambda ledger, _task: op(Store(ledger)), done,
                                  on_error=on_error, label=label)

    def notify(self, changes: Changes | None = None) -> None:
        """Say that the ledger changed (after a write); without *changes*, anything may have."""
        self.changed.emit(changes if changes is not None else Changes.everything())

    def reopened(self) -> None:
        """The ledger was reopened (a restore): its new connection refuses writes too."""
        self.ledger.refuse_writes()

    def close(self) -> None:
        self.writer.stop()
        self.reader.stop()
        # The undo commands refer to this context, and it (through its stack) to them. Left to
        # Python's garbage collector, that cycle ended in QUndoStack's destructor deleting
        # commands whose Python side was already gone: a segfault in QUndoStack::clear, at
        # whatever moment the collector ran. Emptied here, the stack has nothing to delete.
        self.undo.clear()
