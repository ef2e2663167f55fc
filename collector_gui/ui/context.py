"""What every page and dialog of one window shares: the ledger, formatting, undo, today."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QUndoStack

from collector_gui.core import clock
from collector_gui.core import settings as S
from collector_gui.ledger.database import Ledger
from collector_gui.ledger.store import Store
from collector_gui.ui.i18n import Fmt, user_settings
from collector_gui.ui.tasks import PageReader


class AppContext(QObject):
    """The window's handle on one open ledger.

    `changed` is emitted after every write the window makes, so that every table and the
    dashboard read the ledger again (from the reader thread).
    """

    changed = Signal()

    def __init__(self, ledger: Ledger, *, locale: str = "en_US", language: str = "en",
                 today: Callable[[], dt.date] = clock.today,
                 settings: QSettings | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.store = Store(ledger)
        self.fmt = Fmt(locale)
        self.language = language
        self._today = today
        self.settings = settings if settings is not None else user_settings()
        self.reader = PageReader(ledger.path, self)
        self.undo = QUndoStack(self)

    @property
    def path(self):
        return self.ledger.path

    def today(self) -> dt.date:
        return self._today()

    def business(self) -> S.Settings:
        return S.Settings(self.store.settings())

    def notify(self) -> None:
        """Say that the ledger changed (after a write)."""
        self.changed.emit()

    def close(self) -> None:
        self.reader.stop()
