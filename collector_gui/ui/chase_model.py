"""The dashboard's "To chase today" as a tree: one row per client (the stage due, how many
invoices, what they owe per currency), its invoices under it.

The rows come from actions.remind_views.chase_today (the reminder policy's plan, worked out in
a worker thread): this model only shows them, so the list and the wizard never disagree.

Qt reads this list without Python. Its rows are a QStandardItemModel, made in the worker that
works out the plan (chase_rows), pushed to no thread there and pulled in by the window's thread
(ChaseModel.show), which owns them from then on; the view's model is a
QIdentityProxyModel over them that overrides none of Qt's virtuals. A tree model written in
Python answers ~360 calls (index, parent, rowCount, flags, data) for each repaint, and Qt
repaints the list whole when a progress dialog takes the focus: behind a busy worker every one
of those calls waited for the GIL, a 50-65 ms stall at the start of an export or a send
(bench/bench_stalls.py).
"""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QCoreApplication, QIdentityProxyModel, QModelIndex, Qt, QThread
from PySide6.QtGui import QStandardItemModel

from collector_gui.core.aging import days_overdue
from collector_gui.ui import display_names
from collector_gui.ui.counts import days_late_text, invoices_text
from collector_gui.ui.roles import ClientRole, IdRole
from collector_gui.ui.window_language import Fmt, tr

_RIGHT_INT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
# the roles as ints: setData converts a Python enum member each time it is given one
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)


class Col(IntEnum):
    CLIENT = 0  # the client; under it, the invoice number
    ACTION = 1  # the reminder stage due, or a call/dossier
    INVOICES = 2  # how many invoices; for an invoice, its days overdue
    DUE = 3  # the oldest due date; for an invoice, its own
    OWED = 4  # per currency; for an invoice, its balance


MONEY = frozenset({Col.INVOICES, Col.OWED})


def _action(stage: str | None, manual: bool) -> str:
    parts = [display_names.stage_label(stage)] if stage else []
    if manual:
        parts.append(tr("call or dossier"))
    return ", ".join(parts)


def _owed(group, fmt: Fmt) -> str:
    return " · ".join(fmt.money(amount, cur) for cur, amount in group.totals().items())


def _put_row(rows: QStandardItemModel, row: int, parent: QModelIndex, texts: list[str],
             owed: str, *, client_id: int | None = None, invoice_id: int | None = None
             ) -> None:
    """Fill a row of *rows* through the model (setData): its items are made in C++, with no
    Python object kept for each (items made in Python take 2.5 times the memory)."""
    for col, text in enumerate(texts):
        cell = rows.index(row, col, parent)
        rows.setData(cell, text, _DISPLAY)
        if col in MONEY:
            rows.setData(cell, _RIGHT_INT, _ALIGNMENT)
    rows.setData(rows.index(row, Col.OWED, parent), owed, _TOOLTIP)  # an invoice's: its client's
    first = rows.index(row, 0, parent)
    if invoice_id is None:
        rows.setData(first, client_id, ClientRole)
    else:
        rows.setData(first, invoice_id, IdRole)


def chase_rows(groups, fmt: Fmt) -> QStandardItemModel:
    """The list's client rows for *groups* (remind_views.ChaseGroup, most overdue client
    first), made in the calling thread (the plan's worker) and given to the window's thread,
    which shows them with ChaseModel.show. Each client's invoices are rows too, left empty
    until the client is opened (ChaseModel.open_client): at 1,000,000 invoices the list is
    ~15,000 clients and ~36,000 invoices, and every row made at once took 3.5 s and 160 MB."""
    rows = QStandardItemModel(len(groups), len(Col))
    rows.setHorizontalHeaderLabels([tr("Client"), tr("To do today"), tr("Invoices"),
                                    tr("Oldest due"), tr("Owed")])
    for col in MONEY:
        rows.setHeaderData(col, Qt.Orientation.Horizontal, _RIGHT_INT, _ALIGNMENT)
    top = QModelIndex()
    for row, group in enumerate(groups):
        owed = _owed(group, fmt)
        _put_row(rows, row, top, [group.client, _action(group.stage, group.manual),
                                  invoices_text(len(group.invoices), fmt),
                                  fmt.date(group.oldest_due), owed], owed,
                 client_id=group.client_id)
        client = rows.item(row, 0)
        client.setColumnCount(len(Col))
        client.setRowCount(len(group.invoices))  # empty rows: the view shows the arrow
    if not _on_app_thread():
        # Pushed to no thread, not to the window's: moving an object into another thread
        # locks that thread's event queue, and this worker holds the GIL all the while (PySide
        # does not release it around moveToThread). Once the window's thread, holding that
        # lock, waited for the GIL: the window never answered again (a CI run hung 5 minutes
        # here). The window's thread pulls the rows in, with no lock of this thread's
        # (ChaseModel.show; Qt lets a thread pull an object that has none).
        rows.moveToThread(None)
    return rows


def _on_app_thread() -> bool:
    app = QCoreApplication.instance()
    return app is None or QThread.currentThread() is app.thread()


class ChaseModel(QIdentityProxyModel):
    """The view's model: the rows of the last plan shown (chase_rows), and what the page asks
    of them. It overrides none of Qt's virtuals, so Qt reads it without Python."""

    Col = Col
    MONEY = MONEY

    def __init__(self, fmt: Fmt, parent=None) -> None:
        super().__init__(parent)
        self._fmt = fmt
        self._today = None
        self.groups: tuple = ()  # remind_views.ChaseGroup, most overdue client first
        self._filled: set[int] = set()  # the client rows whose invoices are filled in
        self._rows = chase_rows((), fmt)
        self._rows.setParent(self)
        self.setSourceModel(self._rows)

    def show(self, groups, rows: QStandardItemModel, today) -> None:
        """Show *rows* (chase_rows of *groups*), as of *today*: one reset, the columns'
        widths kept."""
        if rows.thread() is None:  # made in a worker (chase_rows): pulled into this thread
            rows.moveToThread(QThread.currentThread())
        # Owned by this model from now on, deleted on this thread only (deleteLater, or with
        # it): the worker's result still refers to the rows, and a last reference dropped by
        # the garbage collector on another thread deleted them there, under a deleteLater
        # still pending here.
        rows.setParent(self)
        old = self._rows
        self.groups = tuple(groups)
        self._today = today
        self._filled = set()
        self._rows = rows
        self.setSourceModel(rows)
        old.deleteLater()

    def open_client(self, index: QModelIndex) -> None:
        """Fill in the invoices of the client at *index* (the view's `expanded`: by a click,
        the keyboard, expand all), once."""
        if not index.isValid() or index.parent().isValid() or index.row() in self._filled:
            return
        self._filled.add(index.row())
        group = self.groups[index.row()]
        fmt = self._fmt
        owed = _owed(group, fmt)
        parent = self._rows.index(index.row(), 0)
        for row, invoice in enumerate(group.invoices):
            manual = invoice.action == "manual"
            days = days_overdue(invoice.due_date, self._today)
            _put_row(self._rows, row, parent,
                     [invoice.number, _action(None if manual else invoice.action, manual),
                      days_late_text(days, fmt) if days > 0 else "", fmt.date(invoice.due_date),
                      fmt.money(invoice.balance_minor, invoice.currency)],
                     owed, invoice_id=invoice.id)

    # -- for the page -------------------------------------------------------------------------

    def invoice_id(self, index: QModelIndex) -> int | None:
        """The invoice of an invoice row (None for a client row)."""
        return index.siblingAtColumn(0).data(IdRole) if index.isValid() else None

    def client_id(self, index: QModelIndex) -> int | None:
        if not index.isValid():
            return None
        row = index.parent() if index.parent().isValid() else index  # an invoice: its client
        return row.siblingAtColumn(0).data(ClientRole)

    def ids(self) -> list[int]:
        """Every invoice listed, clients in order, each client's invoices in order."""
        return [inv.id for g in self.groups for inv in g.invoices]
