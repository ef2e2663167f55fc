"""The Bank page's table model: statement lines from ledger/bank_browse.py, paged, sorted and
filtered in SQL like every other table (ui/models.PagedModel)."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtGui import QBrush, QColor

from collector_gui.actions.bank import reason_text, status_text
from collector_gui.ledger.bank_browse import BankLineRow, LineFilter, line_pager
from collector_gui.ledger.browse import Sort
from collector_gui.ui.context import AppContext
from collector_gui.ui.models import PagedModel
from collector_gui.ui.window_language import tr

_DONE = QBrush(QColor("#777777"))
_WAITING = QBrush(QColor("#8a5300"))


class BankLinesModel(PagedModel):
    """The lines waiting for a decision (proposed, unmatched); with `filter.done`, all."""

    class Col(IntEnum):
        DATE = 0
        AMOUNT = 1
        PAYER = 2
        TEXT = 3
        STATUS = 4
        INVOICES = 5
        CLIENT = 6
        WHY = 7

    SORTS = {Col.DATE: ("date", False), Col.AMOUNT: ("amount", False),
             Col.PAYER: ("payer", False), Col.TEXT: ("text", False),
             Col.STATUS: ("status", False), Col.INVOICES: ("invoices", False),
             Col.CLIENT: ("client", False), Col.WHY: ("reason", False)}
    MONEY = frozenset({Col.AMOUNT})
    WIDTHS = (14, 12, 22, 30, 13, 13, 18, 30)
    DEFAULT_SORT = Sort("date")

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(ctx, parent)
        self.filter = LineFilter()

    def set_filter(self, flt: LineFilter) -> None:
        self.filter = flt
        self.refresh()

    def make_pager(self, ledger, today, sort):
        return line_pager(ledger, self.filter, sort)

    def headers(self) -> list[str]:
        return [tr("Date"), tr("Amount"), tr("Payer"), tr("Bank text"), tr("State"),
                tr("Invoices"), tr("Client"), tr("Why")]

    def display(self, row: BankLineRow, col):
        C = self.Col
        if col == C.DATE:
            return self._ctx.fmt.date(row.booking_date)
        if col == C.AMOUNT:
            return self._ctx.fmt.money(row.amount_minor, row.currency)
        if col == C.PAYER:
            return row.payer_name or row.payer_iban
        if col == C.TEXT:
            return row.text
        if col == C.STATUS:
            return status_text(row.status)
        if col == C.INVOICES:
            return row.invoices
        if col == C.CLIENT:
            return row.client
        return reason_text(row.reason)

    def raw(self, row: BankLineRow, col):
        C = self.Col
        return {C.DATE: row.booking_date, C.AMOUNT: row.amount_minor, C.PAYER: row.payer_name,
                C.TEXT: row.text, C.STATUS: row.status, C.INVOICES: row.invoices,
                C.CLIENT: row.client, C.WHY: row.reason}[col]

    def foreground(self, row: BankLineRow, col):
        if row.status in ("recorded", "accepted", "rejected"):
            return _DONE
        if col == self.Col.STATUS and row.status == "unmatched":
            return _WAITING
        return None

    def tooltip(self, row: BankLineRow, col):
        parts = [reason_text(row.reason)]
        if row.reference:
            parts.append(tr("Bank reference: {ref}").format(ref=row.reference))
        if row.payer_iban:
            parts.append(tr("Payer's IBAN: {iban}").format(iban=row.payer_iban))
        return "\n".join(p for p in parts if p)
