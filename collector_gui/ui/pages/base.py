"""What the main window asks of every page."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QWidget

from collector_gui.ui.context import AppContext

if TYPE_CHECKING:  # the table models (and browse) load with the first page that has a table
    from collector_gui.ui.models import PagedModel



class Page(QWidget):
    selectionChanged = Signal()  # the selected invoice or client changed
    statusChanged = Signal(str)  # the page's line for the status bar
    openInvoice = Signal(int)  # the user activated an invoice (Enter / double-click)
    openClient = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.status_text = ""

    def refresh(self) -> None:
        """Read the ledger again."""

    def loading_soon(self) -> None:
        """The first read starts once the window is on screen (MainWindow.after_first_paint):
        show meanwhile that it is coming."""

    def current_invoice_id(self) -> int | None:
        return None

    def current_client_id(self) -> int | None:
        return None

    def focus_main(self) -> None:
        """Put the keyboard focus where the page's work is (its table)."""

    def _set_status(self, text: str) -> None:
        self.status_text = text
        self.statusChanged.emit(text)

    def follow_count(self, model: PagedModel, label: QLabel | None = None,
                     in_view: Callable[[], bool] | None = None) -> Callable[[], None]:
        """Keep the status line saying how many rows the filter finds (how many are read so
        far is the table's business: it reads more as the view scrolls) and what they add up to.

        A page with several tables passes *in_view* (is this model's table the one in view?) and
        calls the returned function when the view changes: the line is the visible table's.
        """

        if label is not None:
            label.setWordWrap(True)  # totals in four currencies must not widen the window

        def update(*_args) -> None:
            text = model.summary_text()
            if label is not None:
                label.setText(text)
            if in_view is None or in_view():
                self._set_status(text)

        model.countChanged.connect(update)
        model.loaded.connect(update)
        return update
