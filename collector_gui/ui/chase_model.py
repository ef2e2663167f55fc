"""The dashboard's "To chase today" as a tree: one row per client (the stage due, how many
invoices, what they owe per currency), its invoices under it.

The rows come from actions.remind_views.chase_today (the reminder policy's plan, worked out in
a worker thread): this model only shows them, so the list and the wizard never disagree.

Qt reads this list without Python. Its rows are a QStandardItemModel, made in the worker that
works out the plan (chase_rows) and handed to the window's thread; the view's model is a
QIdentityProxyModel over them that overrides none of Qt's virtuals. A tree model written in
Python answers ~360 calls (index, parent, rowCount, flags, data) for each repaint, and Qt
repaints the list whole when a progress dialog takes the focus: behind a busy worker every one
of those calls waited for the GIL, a 50-65 ms stall at the start of an export or a send
(bench/bench_stalls.py).
"""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QCoreApplication, QIdentityProxyModel, QModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from collector_gui.core.aging import days_overdue
from collector_gui.ui import display_names
from collector_gui.ui.counts import days_late_text, invoices_text
from collector_gui.ui.roles import IdRole
from collector_gui.ui.window_language import Fmt, tr

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_READ_ONLY = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
ClientRole = IdRole + 10  # on the first cell of every row: the client's id


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


def _row(texts: list[str], client_id: int, owed: str, invoice_id: int | None = None
         ) -> list[QStandardItem]:
    cells = []
    for col, text in zip(Col, texts):
        cell = QStandardItem(text)
        cell.setFlags(_READ_ONLY)
        if col in MONEY:
            cell.setTextAlignment(_RIGHT)
        cells.append(cell)
    cells[Col.OWED].setToolTip(owed)  # an invoice's shows its client's whole debt
    cells[Col.CLIENT].setData(client_id, ClientRole)
    if invoice_id is not None:
        cells[Col.CLIENT].setData(invoice_id, IdRole)
    return cells


def chase_rows(groups, fmt: Fmt, today) -> QStandardItemModel:
    """The list's rows for *groups* (remind_views.ChaseGroup, most overdue client first), made
    in the calling thread (the plan's worker) and given to the window's thread, which shows
    them with ChaseModel.show."""
    rows = QStandardItemModel(0, len(Col))
    rows.setHorizontalHeaderLabels([tr("Client"), tr("To do today"), tr("Invoices"),
                                    tr("Oldest due"), tr("Owed")])
    for col in MONEY:
        rows.setHeaderData(col, Qt.Orientation.Horizontal, _RIGHT,
                           Qt.ItemDataRole.TextAlignmentRole)
    root = rows.invisibleRootItem()
    for group in groups:
        owed = _owed(group, fmt)
        client = _row([group.client, _action(group.stage, group.manual),
                       invoices_text(len(group.invoices), fmt), fmt.date(group.oldest_due),
                       owed], group.client_id, owed)
        for invoice in group.invoices:
            manual = invoice.action == "manual"
            days = days_overdue(invoice.due_date, today)
            client[0].appendRow(_row(
                [invoice.number, _action(None if manual else invoice.action, manual),
                 days_late_text(days, fmt) if days > 0 else "", fmt.date(invoice.due_date),
                 fmt.money(invoice.balance_minor, invoice.currency)],
                group.client_id, owed, invoice.id))
        root.appendRow(client)
    app = QCoreApplication.instance()
    if app is not None:
        rows.moveToThread(app.thread())
    return rows


class ChaseModel(QIdentityProxyModel):
    """The view's model: the rows of the last plan shown (chase_rows), and what the page asks
    of them. It overrides none of Qt's virtuals, so Qt reads it without Python."""

    Col = Col
    MONEY = MONEY

    def __init__(self, fmt: Fmt, parent=None) -> None:
        super().__init__(parent)
        self.groups: tuple = ()  # remind_views.ChaseGroup, most overdue client first
        self._rows = chase_rows((), fmt, None)
        self.setSourceModel(self._rows)

    def show(self, groups, rows: QStandardItemModel) -> None:
        """Show *rows* (chase_rows of *groups*): one reset, the columns' widths kept."""
        old = self._rows
        self.groups = tuple(groups)
        self._rows = rows
        self.setSourceModel(rows)
        old.deleteLater()

    # -- for the page -------------------------------------------------------------------------

    def invoice_id(self, index: QModelIndex) -> int | None:
        """The invoice of an invoice row (None for a client row)."""
        return index.siblingAtColumn(0).data(IdRole) if index.isValid() else None

    def client_id(self, index: QModelIndex) -> int | None:
        return index.siblingAtColumn(0).data(ClientRole) if index.isValid() else None

    def ids(self) -> list[int]:
        """Every invoice listed, clients in order, each client's invoices in order."""
        return [inv.id for g in self.groups for inv in g.invoices]
