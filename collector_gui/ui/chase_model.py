"""The dashboard's "To chase today" as a tree: one row per client (the stage due, how many
invoices, what they owe per currency), its invoices under it.

The rows come from actions.remind_views.chase_today (the reminder policy's plan, worked out in
a worker thread): this model only shows them, so the list and the wizard never disagree.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt

from collector_gui.core.aging import days_overdue
from collector_gui.ui import display_names
from collector_gui.ui.context import AppContext
from collector_gui.ui.counts import days_late_text, invoices_text
from collector_gui.ui.roles import AllRolesAtOnce, IdRole
from collector_gui.ui.window_language import tr

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_TOP = 0xFFFFFFFF  # internalId of a client row; an invoice row's is its client's row


class ChaseModel(AllRolesAtOnce, QAbstractItemModel):
    class Col(IntEnum):
        CLIENT = 0  # the client; under it, the invoice number
        ACTION = 1  # the reminder stage due, or a call/dossier
        INVOICES = 2  # how many invoices; for an invoice, its days overdue
        DUE = 3  # the oldest due date; for an invoice, its own
        OWED = 4  # per currency; for an invoice, its balance

    MONEY = frozenset({Col.INVOICES, Col.OWED})

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.groups: tuple = ()  # remind_views.ChaseGroup, most overdue client first

    def set_groups(self, groups) -> None:
        self.beginResetModel()
        self.groups = tuple(groups)
        self.endResetModel()

    # -- the tree ---------------------------------------------------------------------------

    def index(self, row: int, column: int, parent=QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _TOP)
        return self.createIndex(row, column, parent.row())

    def parent(self, index: QModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == _TOP:
            return QModelIndex()
        return self.createIndex(index.internalId(), 0, _TOP)

    def rowCount(self, parent=QModelIndex()) -> int:
        if not parent.isValid():
            return len(self.groups)
        if parent.internalId() == _TOP and parent.column() == 0:
            return len(self.groups[parent.row()].invoices)
        return 0

    def columnCount(self, parent=QModelIndex()) -> int:
        return len(self.Col)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.Col):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return [tr("Client"), tr("To do today"), tr("Invoices"), tr("Oldest due"),
                    tr("Owed")][section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section in self.MONEY:
            return _RIGHT
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        col = self.Col(index.column())
        if index.internalId() == _TOP:
            group = self.groups[index.row()]
            if role == Qt.ItemDataRole.DisplayRole:
                return self._group_text(group, col)
            if role == IdRole:
                return None
        else:
            group = self.groups[index.internalId()]
            invoice = group.invoices[index.row()]
            if role == Qt.ItemDataRole.DisplayRole:
                return self._invoice_text(invoice, col)
            if role == IdRole:
                return invoice.id
        if role == Qt.ItemDataRole.TextAlignmentRole and col in self.MONEY:
            return _RIGHT
        if role == Qt.ItemDataRole.ToolTipRole and col == self.Col.OWED:
            return self._group_text(group, col)
        return None

    def _action(self, stage: str | None, manual: bool) -> str:
        parts = [display_names.stage_label(stage)] if stage else []
        if manual:
            parts.append(tr("call or dossier"))
        return ", ".join(parts)

    def _group_text(self, group, col) -> str:
        fmt = self._ctx.fmt
        C = self.Col
        if col == C.CLIENT:
            return group.client
        if col == C.ACTION:
            return self._action(group.stage, group.manual)
        if col == C.INVOICES:
            return invoices_text(len(group.invoices), fmt)
        if col == C.DUE:
            return fmt.date(group.oldest_due)
        return " · ".join(fmt.money(amount, cur) for cur, amount in group.totals().items())

    def _invoice_text(self, invoice, col) -> str:
        fmt = self._ctx.fmt
        C = self.Col
        if col == C.CLIENT:
            return invoice.number
        if col == C.ACTION:
            return self._action(None if invoice.action == "manual" else invoice.action,
                                invoice.action == "manual")
        if col == C.INVOICES:
            days = days_overdue(invoice.due_date, self._ctx.today())
            return days_late_text(days, fmt) if days > 0 else ""
        if col == C.DUE:
            return fmt.date(invoice.due_date)
        return fmt.money(invoice.balance_minor, invoice.currency)

    # -- for the page -------------------------------------------------------------------------

    def invoice_id(self, index: QModelIndex) -> int | None:
        """The invoice of an invoice row (None for a client row)."""
        return index.data(IdRole) if index.isValid() else None

    def client_id(self, index: QModelIndex) -> int | None:
        if not index.isValid():
            return None
        row = index.row() if index.internalId() == _TOP else index.internalId()
        return self.groups[row].client_id

    def ids(self) -> list[int]:
        """Every invoice listed, clients in order, each client's invoices in order."""
        return [inv.id for g in self.groups for inv in g.invoices]
