"""Small widgets the pages share: the table view, the search field, geometry memory."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QWidget,
)

if TYPE_CHECKING:  # not before the first paint: the dashboard has no paged table
    from collector_gui.ui.models import PagedModel


class TableView(QTableView):
    """A sortable table over a PagedModel that remembers its columns and keeps the selected
    record selected when the model is read again."""

    activatedId = Signal(int)  # Enter or double-click on a row: the record's id
    currentIdChanged = Signal(object)  # the selected record's id, or None

    def __init__(self, name: str, model: PagedModel, settings: QSettings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._settings = settings
        self._key = f"tables/{name}/header"
        self._selected_id: int | None = None
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)  # a long cell ends in "…"
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        rows = self.verticalHeader()
        rows.hide()
        # Every row the same height: the header then keeps no per-row state, which keeps
        # appending pages cheap when a million rows were read.
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the model's default order
        state = settings.value(self._key)
        if isinstance(state, QByteArray) and not state.isEmpty():
            header.restoreState(state)
        else:
            self._default_widths()
        self.setSortingEnabled(True)
        self.fit_headers()
        model.headerDataChanged.connect(lambda *_: self.fit_headers())
        header.sectionResized.connect(lambda *_: self.save_state())
        header.sectionMoved.connect(lambda *_: self.save_state())
        header.sortIndicatorChanged.connect(lambda *_: self.save_state())
        model.modelAboutToBeReset.connect(self._remember_selection)
        model.modelReset.connect(self._restore_selection)
        # The current row changes before the selection follows it: report both.
        self.selectionModel().currentRowChanged.connect(self._selection_changed)
        self.selectionModel().selectionChanged.connect(self._selection_changed)
        self.doubleClicked.connect(self._activated)

    def _default_widths(self) -> None:
        char = self.fontMetrics().averageCharWidth()
        widths = self.model().WIDTHS
        for col in range(self.model().columnCount()):
            chars = widths[col] if col < len(widths) else 12
            self.setColumnWidth(col, char * chars + 12)

    def fit_headers(self) -> None:
        """Widen any column narrower than its header in the window's language (with room
        for the sort arrow): Spanish headers are longer than the widths chosen in English,
        and a width remembered from the other language may be too narrow."""
        header = self.horizontalHeader()
        for col in range(self.model().columnCount()):
            need = header.sectionSizeFromContents(col).width()
            if header.sectionSize(col) < need:
                header.resizeSection(col, need)

    def save_state(self) -> None:
        self._settings.setValue(self._key, self.horizontalHeader().saveState())

    def model(self) -> PagedModel:  # type: ignore[override]
        return super().model()

    def current_id(self) -> int | None:
        index = self.currentIndex()
        if not index.isValid() or not self.selectionModel().isRowSelected(index.row()):
            return None
        row = self.model().row_at(index.row())
        return row.id if row is not None else None

    def current_row(self):
        index = self.currentIndex()
        return self.model().row_at(index.row()) if index.isValid() else None

    def select_id(self, record_id: int) -> bool:
        row = self.model().row_of_id(record_id)
        if row < 0:
            return False
        self.selectRow(row)
        self.setCurrentIndex(self.model().index(row, 0))
        return True

    def _remember_selection(self) -> None:
        self._selected_id = self.current_id()

    def _restore_selection(self) -> None:
        if self._selected_id is not None and not self.select_id(self._selected_id):
            self.currentIdChanged.emit(None)

    def _selection_changed(self, *_args) -> None:
        self.currentIdChanged.emit(self.current_id())

    def _activated(self, index) -> None:
        row = self.model().row_at(index.row())
        if row is not None:
            self.activatedId.emit(row.id)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._activated(self.currentIndex())
            return
        super().keyPressEvent(event)


class SearchField(QLineEdit):
    """A search box that says what it searches and waits for a pause in typing."""

    searchChanged = Signal(str)

    def __init__(self, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(lambda: self.searchChanged.emit(self.text()))
        self.textChanged.connect(lambda _t: self._timer.start())

    def flush(self) -> None:
        """Search now (tests and Enter do not wait for the pause)."""
        self._timer.stop()
        self.searchChanged.emit(self.text())

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.flush()
            return
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            self.flush()
            return
        super().keyPressEvent(event)


def heading(text: str, size: float = 1.35) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * size)
    font.setBold(True)
    label.setFont(font)
    return label


def save_geometry(settings: QSettings, key: str, widget: QWidget) -> None:
    settings.setValue(f"geometry/{key}", widget.saveGeometry())


def restore_geometry(settings: QSettings, key: str, widget: QWidget) -> None:
    state = settings.value(f"geometry/{key}")
    if isinstance(state, QByteArray) and not state.isEmpty():
        widget.restoreGeometry(state)
