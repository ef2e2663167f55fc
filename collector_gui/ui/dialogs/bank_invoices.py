"""Which invoices a bank line pays: the Bank page's "Change" (C). Open invoices of any client,
searched by number or client name; one or several are picked, in order, and the line pays
them in that order (actions.bank.accept checks the amounts)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from collector_gui.ledger import browse
from collector_gui.ledger.bank_browse import BankLineRow
from collector_gui.ui.context import AppContext
from collector_gui.ui.widgets import SearchField
from collector_gui.ui.window_language import tr

LIMIT = 200


class PickInvoicesDialog(QDialog):
    """Pick the open invoice(s) a line pays; `numbers()` in the order picked."""

    def __init__(self, ctx: AppContext, line: BankLineRow, parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self.setObjectName("pickInvoicesDialog")
        self.setWindowTitle(tr("Which invoices does this payment pay?"))
        self.ctx = ctx
        self.line = line
        fmt = ctx.fmt
        about = QLabel(tr("{amount} on {date} from {payer}: {text}").format(
            amount=fmt.money(line.amount_minor, line.currency), date=fmt.date(line.booking_date),
            payer=line.payer_name or line.payer_iban or tr("an unknown payer"), text=line.text))
        about.setWordWrap(True)
        self.search = SearchField(tr("Search invoice number or client"))
        self.search.setObjectName("search")
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("invoices")
        self.table.setHorizontalHeaderLabels([tr("Number"), tr("Client"), tr("Balance"),
                                              tr("Currency")])
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.picked = QLabel()
        self.picked.setObjectName("picked")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Record payment"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.picked)
        layout.addWidget(self.buttons)
        self._order: list[str] = []  # numbers in the order picked
        self.search.searchChanged.connect(self.fill)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.resize(640, 420)
        self.fill("")
        self.search.setFocus()

    def fill(self, text: str) -> None:
        """The open invoices matching *text* (in the line's currency first), read through
        the window's read-only connection."""
        rows = browse.open_invoice_choices(self.ctx.ledger, text=text, limit=LIMIT)
        rows.sort(key=lambda r: r[4] != self.line.currency)
        keep = list(self._order)
        self.table.blockSignals(True)
        self.table.setRowCount(len(rows))
        for n, (_id, number, client, balance, currency) in enumerate(rows):
            for col, value in enumerate((number, client,
                                         self.ctx.fmt.money(balance, currency), currency)):
                item = QTableWidgetItem(value)
                if col == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(n, col, item)
            if number in keep:
                self.table.selectRow(n)
        self.table.blockSignals(False)
        if rows and self.table.currentRow() < 0:
            self.table.setCurrentCell(0, 0, self.table.selectionModel().SelectionFlag.NoUpdate)
        self._selection_changed()

    def _selected_numbers(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        return [self.table.item(r, 0).text() for r in rows]

    def _selection_changed(self) -> None:
        now = self._selected_numbers()
        self._order = [n for n in self._order if n in now] + [n for n in now
                                                              if n not in self._order]
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self._order))
        self.picked.setText(tr("Pays: {numbers}").format(numbers=", ".join(self._order))
                            if self._order else tr("Pick one invoice or several (Ctrl+click)."))

    def numbers(self) -> list[str]:
        return list(self._order)

    def keyPressEvent(self, event) -> None:
        # Down from the search box goes to the list; Enter in the list records
        if event.key() == Qt.Key.Key_Down and self.search.hasFocus():
            self.table.setFocus()
            return
        super().keyPressEvent(event)
