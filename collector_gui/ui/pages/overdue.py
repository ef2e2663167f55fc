"""Open invoices past due, most days first, with the aging bucket, the reminder stage reached
so far and the last contact."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from collector_gui.ui.window_language import tr
from collector_gui.ui.context import AppContext
from collector_gui.ui.models import OverdueModel
from collector_gui.ui.pages.base import Page
from collector_gui.ui.widgets import SearchField, TableView, heading



class OverduePage(Page):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("overduePage")
        self.model = OverdueModel(ctx, self)
        self.search = SearchField(tr("Search number or client"))
        self.search.setObjectName("search")
        self.search.searchChanged.connect(self.model.set_text)
        self.count = QLabel()  # under the table: how many, and what they owe per currency
        self.count.setObjectName("summaryLine")
        self.count.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = TableView("overdue", self.model, ctx.settings)
        self.table.activatedId.connect(self.openInvoice)
        self.table.currentIdChanged.connect(lambda _id: self.selectionChanged.emit())
        head = QHBoxLayout()
        head.addWidget(heading(tr("Overdue")))
        head.addStretch(1)
        self.remind_button = QPushButton(tr("Send reminders…"))  # the window opens the wizard
        self.remind_button.setObjectName("sendReminders")
        head.addWidget(self.remind_button)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.search)
        layout.addWidget(self.table)
        layout.addWidget(self.count)
        self.follow_count(self.model, self.count)

    def refresh(self) -> None:
        self.model.text = self.search.text()
        self.model.reload()

    def current_invoice_id(self) -> int | None:
        return self.table.current_id()

    def current_client_id(self) -> int | None:
        row = self.table.current_row()
        return row.client_id if row is not None and self.current_invoice_id() else None

    def focus_main(self) -> None:
        self.table.setFocus()
