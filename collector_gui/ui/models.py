"""Table models over the ledger's paged queries (ledger/browse.py).

Each model holds the rows fetched so far and formats them lazily in data(). Pages come from
the reader thread (tasks.PageReader): the first page when the filter or the sort changes,
the next one when the view scrolls to the end (canFetchMore/fetchMore). Sorting and
filtering happen in SQL; the sort role gives the raw value (an integer amount, an ISO
date), never the formatted text.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from collector_gui.ui.window_language import tr
from collector_gui.core.aging import bucket_for, days_overdue
from collector_gui.core.model import Invoice
from collector_gui.ledger import browse
from collector_gui.ledger.browse import Sort
from collector_gui.ui import display_names, notify
from collector_gui.ui.context import AppContext
from collector_gui.ui.tasks import PageRequest

SortRole = Qt.ItemDataRole.UserRole + 1  # the raw value a column sorts on
IdRole = Qt.ItemDataRole.UserRole + 2  # the record's id
RowRole = Qt.ItemDataRole.UserRole + 3  # the whole row (a browse.*Row)

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LATE = QBrush(QColor("#b3261e"))
_MUTED = QBrush(QColor("#777777"))



def _date(iso: str | None) -> dt.date | None:
    return dt.date.fromisoformat(iso[:10]) if iso else None


class PagedModel(QAbstractTableModel):
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

    def _on_count(self, key: int, generation: int, count: int) -> None:
        if key == self._key and generation == self._generation:
            self.count = count
            self.countChanged.emit(count)

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


def _flags(row) -> str:
    out = []
    if getattr(row, "disputed", 0):
        out.append(display_names.status_label("disputed"))
    if getattr(row, "reminders_paused", 0):
        out.append(tr("reminders paused"))
    return ", ".join(out)


class InvoicesModel(PagedModel):
    class Col(IntEnum):
        NUMBER = 0
        CLIENT = 1
        ISSUED = 2
        DUE = 3
        TOTAL = 4
        BALANCE = 5
        STATUS = 6

    SORTS = {Col.NUMBER: ("number", False), Col.CLIENT: ("client", False),
             Col.ISSUED: ("issue_date", False), Col.DUE: ("due_date", False),
             Col.TOTAL: ("total", False), Col.BALANCE: ("balance", False),
             Col.STATUS: ("status", False)}
    MONEY = frozenset({Col.TOTAL, Col.BALANCE})
    WIDTHS = (11, 28, 14, 14, 13, 13, 20)
    # Newest entered first: the order the ledger keeps anyway, instant on any size.
    DEFAULT_SORT = Sort("entered", True)

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(ctx, parent)
        self.filter = browse.InvoiceFilter()

    def set_filter(self, flt: browse.InvoiceFilter) -> None:
        self.filter = flt
        self.refresh()

    def make_pager(self, ledger, today, sort):
        return browse.invoice_pager(ledger, self.filter, sort, today)

    def headers(self):
        return [tr("Number"), tr("Client"), tr("Issued"), tr("Due"), tr("Total"),
                tr("Balance"), tr("Status")]

    @staticmethod
    def invoice(row: browse.InvoiceRow) -> Invoice:
        return Invoice(number=row.number, client_id=row.client_id,
                       issue_date=dt.date.fromisoformat(row.issue_date),
                       due_date=dt.date.fromisoformat(row.due_date), currency=row.currency,
                       total_minor=row.total_minor, paid_minor=row.paid_minor,
                       draft=bool(row.draft), void=bool(row.void), disputed=bool(row.disputed),
                       reminders_paused=bool(row.reminders_paused), id=row.id)

    def status(self, row) -> str:
        return str(self.invoice(row).status(self._ctx.today()))

    def display(self, row, col):
        fmt = self._ctx.fmt
        C = self.Col
        if col == C.NUMBER:
            return row.number
        if col == C.CLIENT:
            return row.client
        if col == C.ISSUED:
            return fmt.date(row.issue_date)
        if col == C.DUE:
            return fmt.date(row.due_date)
        if col == C.TOTAL:
            return fmt.money(row.total_minor, row.currency)
        if col == C.BALANCE:
            return fmt.money(row.total_minor - row.paid_minor, row.currency)
        text = display_names.status_label(self.status(row))
        flags = _flags(row)
        return f"{text} ({flags})" if flags else text

    def raw(self, row, col):
        C = self.Col
        return {C.NUMBER: row.number, C.CLIENT: row.client, C.ISSUED: row.issue_date,
                C.DUE: row.due_date, C.TOTAL: row.total_minor,
                C.BALANCE: row.total_minor - row.paid_minor, C.STATUS: self.status(row)}[col]

    def foreground(self, row, col):
        status = self.status(row)
        if status == "overdue" and col in (self.Col.DUE, self.Col.STATUS, self.Col.BALANCE):
            return _LATE
        if status in ("void", "draft"):
            return _MUTED
        return None

    def tooltip(self, row, col):
        return row.description or None


class OverdueModel(PagedModel):
    class Col(IntEnum):
        DAYS = 0
        BUCKET = 1
        NUMBER = 2
        CLIENT = 3
        DUE = 4
        BALANCE = 5
        STAGE = 6
        LAST_CONTACT = 7

    # Most days overdue is the earliest due date: "days" sorts by due date, reversed.
    SORTS = {Col.DAYS: ("days", True), Col.BUCKET: ("days", True), Col.DUE: ("days", False),
             Col.NUMBER: ("number", False), Col.CLIENT: ("client", False),
             Col.BALANCE: ("balance", False), Col.LAST_CONTACT: ("last_contact", False)}
    MONEY = frozenset({Col.BALANCE, Col.DAYS})
    WIDTHS = (16, 16, 11, 28, 14, 13, 26, 14)
    DEFAULT_SORT = Sort("days")

    def __init__(self, ctx: AppContext, parent=None, *, only_ids: Sequence[int] | None = None,
                 client_id: int | None = None) -> None:
        super().__init__(ctx, parent)
        # None: every overdue invoice; a list: only those invoices (the dashboard's "to chase
        # today", worked out by actions.remind_views.chase_today)
        self.only_ids: tuple[int, ...] | None = (
            tuple(only_ids) if only_ids is not None else None)
        self.client_id = client_id
        self.text = ""

    def set_text(self, text: str) -> None:
        self.text = text
        self.refresh()

    def set_only_ids(self, ids: Sequence[int]) -> None:
        """Show exactly these invoices (while open), read again now."""
        self.only_ids = tuple(ids)
        self.refresh()

    def make_pager(self, ledger, today, sort):
        return browse.overdue_pager(ledger, today, sort, ids=self.only_ids,
                                    client_id=self.client_id, text=self.text)

    def headers(self):
        return [tr("Days overdue"), tr("Age"), tr("Number"), tr("Client"), tr("Due"),
                tr("Balance"), tr("Reminder reached"), tr("Last contact")]

    def days(self, row) -> int:
        return days_overdue(dt.date.fromisoformat(row.due_date), self._ctx.today())

    def display(self, row, col):
        C = self.Col
        fmt = self._ctx.fmt
        if col == C.DAYS:
            # blank for one not due yet (the chase list holds those a courtesy note is due for)
            if row.due_date > self._ctx.today().isoformat():
                return ""
            return fmt.number(self.days(row))
        if col == C.BUCKET:
            return display_names.bucket_label(bucket_for(self.days(row)))
        if col == C.NUMBER:
            return row.number
        if col == C.CLIENT:
            return row.client
        if col == C.DUE:
            return fmt.date(row.due_date)
        if col == C.BALANCE:
            return fmt.money(row.balance_minor, row.currency)
        if col == C.STAGE:
            flags = _flags(row)
            stage = display_names.stage_label(row.stage)
            return ", ".join(x for x in (stage, flags) if x)
        return fmt.date(row.last_contact) if row.last_contact else tr("never")

    def raw(self, row, col):
        C = self.Col
        return {C.DAYS: self.days(row), C.BUCKET: self.days(row), C.NUMBER: row.number,
                C.CLIENT: row.client, C.DUE: row.due_date, C.BALANCE: row.balance_minor,
                C.STAGE: row.stage or "", C.LAST_CONTACT: row.last_contact or ""}[col]

    def foreground(self, row, col):
        if col in (self.Col.DAYS, self.Col.BUCKET) and self.days(row) > 60:
            return _LATE
        return None


class ClientsModel(PagedModel):
    class Col(IntEnum):
        NAME = 0
        EMAIL = 1
        BALANCE = 2
        OVERDUE = 3
        OLDEST = 4
        LAST_CONTACT = 5
        ON_HOLD = 6

    SORTS = {Col.NAME: ("name", False), Col.BALANCE: ("balance", False),
             Col.OVERDUE: ("overdue", False), Col.OLDEST: ("oldest", True),
             Col.LAST_CONTACT: ("last_contact", False), Col.ON_HOLD: ("on_hold", False)}
    MONEY = frozenset({Col.BALANCE, Col.OVERDUE, Col.OLDEST})
    WIDTHS = (32, 30, 20, 14, 15, 14, 10)
    DEFAULT_SORT = Sort("name")

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(ctx, parent)
        self.filter = browse.ClientFilter()

    def set_filter(self, flt: browse.ClientFilter) -> None:
        self.filter = flt
        self.refresh()

    def make_pager(self, ledger, today, sort):
        return browse.client_pager(ledger, self.filter, sort, today)

    def headers(self):
        return [tr("Client"), tr("Email"), tr("Balance"), tr("Overdue"),
                tr("Oldest (days)"), tr("Last contact"), tr("On hold")]

    def oldest_days(self, row) -> int | None:
        due = _date(row.oldest_due)
        return days_overdue(due, self._ctx.today()) if due else None

    def others(self, row) -> str:
        parts = []
        for item in filter(None, row.other_balances.split(";")):
            currency, minor = item.split(" ")
            parts.append(self._ctx.fmt.money(int(minor), currency))
        return " + ".join(parts)

    def display(self, row, col):
        C = self.Col
        fmt = self._ctx.fmt
        if col == C.NAME:
            return row.name
        if col == C.EMAIL:
            return row.email
        if col == C.BALANCE:
            text = fmt.money(row.balance_minor, row.currency)
            others = self.others(row)
            return f"{text} + {others}" if others else text
        if col == C.OVERDUE:
            return fmt.money(row.overdue_minor, row.currency)
        if col == C.OLDEST:
            days = self.oldest_days(row)
            return "" if days is None else fmt.number(days)
        if col == C.LAST_CONTACT:
            return fmt.date(row.last_contact)
        return tr("On hold") if row.on_hold else ""

    def raw(self, row, col):
        C = self.Col
        return {C.NAME: row.name, C.EMAIL: row.email, C.BALANCE: row.balance_minor,
                C.OVERDUE: row.overdue_minor, C.OLDEST: self.oldest_days(row) or 0,
                C.LAST_CONTACT: row.last_contact or "", C.ON_HOLD: row.on_hold}[col]

    def foreground(self, row, col):
        if col == self.Col.OVERDUE and row.overdue_minor > 0:
            return _LATE
        if col == self.Col.ON_HOLD and row.on_hold:
            return _LATE
        return None

    def tooltip(self, row, col):
        if col == self.Col.BALANCE and row.credit_limit_minor is not None:
            return tr("Credit limit: {limit}").format(
                limit=self._ctx.fmt.money(row.credit_limit_minor, row.currency))
        return None


class EventsModel(PagedModel):
    class Col(IntEnum):
        AT = 0
        KIND = 1
        CLIENT = 2
        SUBJECT = 3
        INVOICES = 4
        PROMISE = 5
        STATUS = 6

    SORTS = {Col.AT: ("at", False), Col.KIND: ("kind", False), Col.CLIENT: ("client", False),
             Col.SUBJECT: ("subject", False)}
    DEFAULT_SORT = Sort("at", True)
    WIDTHS = (22, 24, 26, 44, 16, 26, 10)

    def __init__(self, ctx: AppContext, parent=None, *, client_id: int | None = None) -> None:
        super().__init__(ctx, parent)
        self.filter = browse.EventFilter(client_id=client_id)

    def set_filter(self, flt: browse.EventFilter) -> None:
        self.filter = flt
        self.refresh()

    def make_pager(self, ledger, today, sort):
        return browse.event_pager(ledger, self.filter, sort)

    def headers(self):
        return [tr("When"), tr("Kind"), tr("Client"), tr("Subject or note"), tr("Invoices"),
                tr("Promised"), tr("Status")]

    def display(self, row, col):
        C = self.Col
        fmt = self._ctx.fmt
        if col == C.AT:
            return fmt.datetime(row.at)
        if col == C.KIND:
            stage = display_names.stage_label(row.stage)
            kind = display_names.kind_label(row.kind)
            return f"{kind} ({stage})" if stage else kind
        if col == C.CLIENT:
            return row.client
        if col == C.SUBJECT:
            text = row.subject or row.body
            return text.splitlines()[0] if text else ""
        if col == C.INVOICES:
            return row.invoices
        if col == C.PROMISE:
            if row.kind != "promise":
                return ""
            amount = fmt.money(row.promised_minor, row.currency) if row.promised_minor else ""
            when = fmt.date(row.promised_date)
            return tr("{amount} by {date}").format(amount=amount, date=when) if amount else when
        return display_names.event_status_label(row.status)

    def raw(self, row, col):
        C = self.Col
        return {C.AT: row.at, C.KIND: row.kind, C.CLIENT: row.client, C.SUBJECT: row.subject,
                C.INVOICES: row.invoices, C.PROMISE: row.promised_date or "",
                C.STATUS: row.status}[col]

    def tooltip(self, row, col):
        return row.body or None

    def foreground(self, row, col):
        return _LATE if row.status == "failed" else None


class PaymentsModel(PagedModel):
    class Col(IntEnum):
        DATE = 0
        INVOICE = 1
        AMOUNT = 2
        METHOD = 3
        REFERENCE = 4

    SORTS = {Col.DATE: ("date", False), Col.INVOICE: ("number", False),
             Col.AMOUNT: ("amount", False)}
    MONEY = frozenset({Col.AMOUNT})
    WIDTHS = (14, 12, 13, 18, 20)
    DEFAULT_SORT = Sort("date", True)

    def __init__(self, ctx: AppContext, parent=None, *, client_id: int | None = None) -> None:
        super().__init__(ctx, parent)
        self.client_id = client_id

    def make_pager(self, ledger, today, sort):
        return browse.payment_pager(ledger, self.client_id, sort)

    def headers(self):
        return [tr("Date"), tr("Invoice"), tr("Amount"), tr("Method"), tr("Reference")]

    def display(self, row, col):
        C = self.Col
        if col == C.DATE:
            return self._ctx.fmt.date(row.date)
        if col == C.INVOICE:
            return row.number
        if col == C.AMOUNT:
            return self._ctx.fmt.money(row.amount_minor, row.currency)
        return row.method if col == C.METHOD else row.reference

    def raw(self, row, col):
        C = self.Col
        return {C.DATE: row.date, C.INVOICE: row.number, C.AMOUNT: row.amount_minor,
                C.METHOD: row.method, C.REFERENCE: row.reference}[col]
