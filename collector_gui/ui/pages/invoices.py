"""All invoices: status filter, text search, issue-date range; columns sort in SQL."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from collector_gui.ui.window_language import tr
from collector_gui.ledger import browse
from collector_gui.ui import display_names
from collector_gui.ui.context import AppContext
from collector_gui.ui.dialogs.common import date_edit, from_qdate
from collector_gui.ui.models import InvoicesModel
from collector_gui.ui.pages.base import Page
from collector_gui.ui.widgets import SearchField, TableView, heading



class InvoicesPage(Page):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("invoicesPage")
        self.model = InvoicesModel(ctx, self)
        self.status = QComboBox()
        self.status.setObjectName("statusFilter")
        for key, text in display_names.status_filters():
            self.status.addItem(text, key)
        self.search = SearchField(tr("Search number, client or description"))
        self.search.setObjectName("search")
        self.use_dates = QCheckBox(tr("Issued from"))
        self.use_dates.setObjectName("useDates")
        today = ctx.today()
        self.date_from = date_edit(today.replace(day=1) - dt.timedelta(days=365))
        self.date_to = date_edit(today)
        self.date_from.setEnabled(False)
        self.date_to.setEnabled(False)
        self.count = QLabel()  # under the table: how many, and their totals per currency
        self.count.setObjectName("summaryLine")
        self.count.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bar = QHBoxLayout()
        bar.addWidget(self.status)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.use_dates)
        bar.addWidget(self.date_from)
        bar.addWidget(QLabel(tr("to")))
        bar.addWidget(self.date_to)
        self.table = TableView("invoices", self.model, ctx.settings)
        self.table.activatedId.connect(self.openInvoice)
        self.table.currentIdChanged.connect(lambda _id: self.selectionChanged.emit())
        layout = QVBoxLayout(self)
        head = QHBoxLayout()
        head.addWidget(heading(tr("Invoices")))
        head.addStretch(1)
        layout.addLayout(head)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        layout.addWidget(self.count)
        self.follow_count(self.model, self.count)
        self.status.currentIndexChanged.connect(self.apply_filter)
        self.search.searchChanged.connect(self.apply_filter)
        self.use_dates.toggled.connect(self._dates_toggled)
        self.date_from.dateChanged.connect(self.apply_filter)
        self.date_to.dateChanged.connect(self.apply_filter)

    def _dates_toggled(self, on: bool) -> None:
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)
        self.apply_filter()

    def current_filter(self) -> browse.InvoiceFilter:
        dates = self.use_dates.isChecked()
        return browse.InvoiceFilter(
            status=self.status.currentData(), text=self.search.text(),
            issued_from=from_qdate(self.date_from.date()) if dates else None,
            issued_to=from_qdate(self.date_to.date()) if dates else None)

    def apply_filter(self, *_args) -> None:
        self.model.set_filter(self.current_filter())

    def set_status_filter(self, key: str | None) -> None:
        self.status.setCurrentIndex(max(0, self.status.findData(key)))

    def refresh(self) -> None:
        self.model.filter = self.current_filter()
        self.model.reload()

    def current_invoice_id(self) -> int | None:
        return self.table.current_id()

    def current_client_id(self) -> int | None:
        row = self.table.current_row()
        return row.client_id if row is not None and self.current_invoice_id() else None

    def focus_main(self) -> None:
        self.table.setFocus()
