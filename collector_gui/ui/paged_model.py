"""The base of the window's table models: rows read page by page from a browse pager.

Each model holds the rows fetched so far and formats them lazily in data(). Pages come from
the reader thread (tasks.PageReader): the first page when the filter or the sort changes,
the next one when the view scrolls to the end (canFetchMore/fetchMore). With the first page
comes the filter's summary (browse.Summary: how many rows in all, their amounts per currency).
The models themselves are in ui/models.py.
"""

from __future__ import annotations

import datetime as dt
import functools
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush

from collector_gui.ledger import browse
from collector_gui.ledger.browse import Sort
from collector_gui.ui import notify
from collector_gui.ui.context import AppContext
from collector_gui.ui.counts import rows_text
# (IdRole, RowRole and SortRole are also imported from here)
from collector_gui.ui.roles import AllRolesAtOnce, IdRole, RowRole, SortRole  # noqa: F401
from collector_gui.ui.tasks import PageRequest

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class PagedModel(AllRolesAtOnce, QAbstractTableModel):
    """Rows read page by page from a browse pager built by `make_pager`."""

    loaded = Signal()  # a page arrived (the first one after refresh() resets the model)
    countChanged = Signal(int)  # how many rows the query has in all

    Col: type[IntEnum]
    SORTS: dict[int, tuple[str, bool]] = {}  # column -> (sort key, reversed)
    MONEY: frozenset[int] = frozenset()
    DEFAULT_SORT = Sort("id")
    WIDTHS: tuple[int, ...] = ()  # default column widths, in average characters

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._rows: list = []
        self._key = ctx.reader.new_key()
        self._generation = 0
        self._exhausted = True
        self._loading = False
        self._reset_pending = False
        self._in_place = False
        self.count: int | None = None
        self.summary: browse.Summary | None = None  # the whole filter's count and amounts
        self._sort = self.DEFAULT_SORT
        self._columns = list(self.Col)  # faster than calling the enum in every data()
        ctx.reader.pageRead.connect(self._on_page)
        ctx.reader.counted.connect(self._on_count)
        ctx.reader.failed.connect(self._on_failed)

    # -- reading ----------------------------------------------------------------------------

    def make_pager(self, ledger, today: dt.date, sort: Sort) -> browse.Pager:
        raise NotImplementedError

    def refresh(self) -> None:
        """Read the first page again (the filter or the sort changed): the model resets.

        The rows shown stay until the new first page arrives, so nothing flickers.
        """
        self._request(in_place=False)

    def reload(self) -> None:
        """Read again, in place, every row the table holds (the ledger changed).

        Rows are matched by id: a row still there keeps its place in the view (and its
        selection and the scroll position stay), a row gone is removed, a new row inserted,
        and every cell repainted. Nothing resets.
        """
        self._request(in_place=bool(self._rows))

    def _request(self, in_place: bool) -> None:
        self._generation += 1
        self._loading = True
        self._reset_pending = True
        self._in_place = in_place
        factory = functools.partial(self.make_pager, today=self._ctx.today(), sort=self._sort)
        self._ctx.reader.request(PageRequest(
            self._key, self._generation, lambda ledger: factory(ledger), want_count=True,
            min_rows=len(self._rows) if in_place else 0))

    @property
    def loading(self) -> bool:
        return self._loading

    def _on_page(self, key: int, generation: int, rows: list, exhausted: bool) -> None:
        if key != self._key or generation != self._generation:
            return
        if self._reset_pending and self._in_place:
            self._reset_pending = False
            self._merge(list(rows))
        elif self._reset_pending:
            self._reset_pending = False
            self.beginResetModel()
            try:
                self._rows = list(rows)
            finally:
                self.endResetModel()
        elif rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            try:
                self._rows.extend(rows)
            finally:
                self.endInsertRows()
        self._exhausted = exhausted
        self._loading = False
        self.loaded.emit()

    def _merge(self, new: list) -> None:
        """Put *new* in place of the rows held, row by row, with the signals views follow."""
        new_ids = {r.id for r in new}
        # 1. rows gone: removed, last first, in contiguous blocks
        i = len(self._rows) - 1
        while i >= 0:
            if self._rows[i].id in new_ids:
                i -= 1
                continue
            end = i
            while i >= 0 and self._rows[i].id not in new_ids:
                i -= 1
            self.beginRemoveRows(QModelIndex(), i + 1, end)
            try:
                del self._rows[i + 1:end + 1]
            finally:
                self.endRemoveRows()
        # 2. rows kept: in their new order (a layout change that moves persistent indexes)
        old_ids = {r.id for r in self._rows}
        kept = [r for r in new if r.id in old_ids]
        if [r.id for r in kept] != [r.id for r in self._rows]:
            self.layoutAboutToBeChanged.emit()
            try:
                where = {r.id: n for n, r in enumerate(kept)}
                moved_from, moved_to = [], []
                for index in self.persistentIndexList():
                    row = self._rows[index.row()] if 0 <= index.row() < len(self._rows) else None
                    moved_from.append(index)
                    moved_to.append(self.index(where[row.id], index.column())
                                    if row is not None else QModelIndex())
                self._rows = kept
                self.changePersistentIndexList(moved_from, moved_to)
            finally:
                self.layoutChanged.emit()
        else:
            self._rows = kept
        # 3. new rows: inserted where they belong
        for n, row in enumerate(new):
            if n < len(self._rows) and self._rows[n].id == row.id:
                self._rows[n] = row  # the row read again
                continue
            self.beginInsertRows(QModelIndex(), n, n)
            try:
                self._rows.insert(n, row)
            finally:
                self.endInsertRows()
        if self._rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._rows) - 1, len(self.Col) - 1))

    def _on_count(self, key: int, generation: int, summary: browse.Summary) -> None:
        if key == self._key and generation == self._generation:
            self.summary = summary
            self.count = summary.count
            self.countChanged.emit(summary.count)

    def count_text(self, n: int) -> str:
        """*n* rows, said with what they are ("5.000 facturas")."""
        return rows_text(n, self._ctx.fmt)

    def summary_text(self) -> str:
        """The line under the table: how many rows the filter finds (read or not yet), and
        the amounts it adds up to where the list has amounts."""
        if self.summary is None:
            return ""
        return self.count_text(self.summary.count)

    def _amounts(self, which: str) -> str:
        """The summary's amounts per currency, as "€12.400,00 · $3,100.00"."""
        fmt = self._ctx.fmt
        assert self.summary is not None
        return " · ".join(fmt.money(getattr(t, which), t.currency)
                          for t in self.summary.per_currency if getattr(t, which))

    def _on_failed(self, key: int, generation: int, exc: BaseException) -> None:
        if key == self._key and generation == self._generation:
            self._loading = False
            self._exhausted = True
            notify.report(None, exc)

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and not self._exhausted and not self._loading

    def fetchMore(self, parent=QModelIndex()) -> None:
        if not self.canFetchMore(parent):
            return
        self._loading = True
        self._ctx.reader.request(PageRequest(self._key, self._generation, None))

    # -- the table --------------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.Col)

    def headers(self) -> list[str]:
        raise NotImplementedError

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.Col):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.headers()[section]
            if role == Qt.ItemDataRole.TextAlignmentRole and section in self.MONEY:
                return _RIGHT
        return None

    def display(self, row, col: IntEnum) -> str:
        raise NotImplementedError

    def raw(self, row, col: IntEnum) -> Any:
        raise NotImplementedError

    def foreground(self, row, col: IntEnum) -> QBrush | None:
        return None

    def tooltip(self, row, col: IntEnum) -> str | None:
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        col = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, col)
        if role == SortRole:
            return self.raw(row, col)
        if role == IdRole:
            return row.id
        if role == RowRole:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and col in self.MONEY:
            return _RIGHT
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.foreground(row, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, col)
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if column not in self.SORTS:
            return
        key, reverse = self.SORTS[column]
        descending = (order == Qt.SortOrder.DescendingOrder) != reverse
        new = Sort(key, descending)
        if new != self._sort or not self._rows:
            self._sort = new
            # A table made with a remembered sort (its constructor restores the header) reads
            # at its page's first refresh, after the window's first paint: not from here.
            if self._generation:
                self.refresh()

    @property
    def current_sort(self) -> Sort:
        return self._sort

    def row_at(self, row: int):
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of_id(self, record_id: int) -> int:
        for i, r in enumerate(self._rows):
            if r.id == record_id:
                return i
        return -1

    def ids(self) -> list[int]:
        return [r.id for r in self._rows]
