"""Every contact event (email, letter, call, note, promise to pay), newest first."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from collector_gui.ui.window_language import tr
from collector_gui.core.model import EventKind
from collector_gui.ledger import browse
from collector_gui.ui import display_names
from collector_gui.ui.context import AppContext
from collector_gui.ui.models import EventsModel
from collector_gui.ui.pages.base import Page
from collector_gui.ui.widgets import SearchField, TableView, heading



class ActivityPage(Page):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("activityPage")
        self.model = EventsModel(ctx, self)
        self.kind = QComboBox()
        self.kind.setObjectName("kindFilter")
        self.kind.addItem(tr("All contacts"), None)
        for kind in EventKind:
            self.kind.addItem(display_names.kind_label(kind), str(kind))
        self.search = SearchField(tr("Search subject, notes or client"))
        self.search.setObjectName("search")
        self.count = QLabel()
        self.table = TableView("activity", self.model, ctx.settings)
        self.table.activatedId.connect(self._activated)
        bar = QHBoxLayout()
        bar.addWidget(self.kind)
        bar.addWidget(self.search, 1)
        head = QHBoxLayout()
        head.addWidget(heading(tr("Activity")))
        head.addStretch(1)
        head.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        self.follow_count(self.model, self.count)
        self.kind.currentIndexChanged.connect(self.apply_filter)
        self.search.searchChanged.connect(self.apply_filter)

    def apply_filter(self, *_args) -> None:
        self.model.set_filter(browse.EventFilter(kind=self.kind.currentData(),
                                                 text=self.search.text()))

    def refresh(self) -> None:
        self.model.filter = browse.EventFilter(kind=self.kind.currentData(),
                                               text=self.search.text())
        self.model.reload()

    def _activated(self, _event_id: int) -> None:
        row = self.table.current_row()
        if row is not None:
            self.openClient.emit(row.client_id)

    def current_client_id(self) -> int | None:
        row = self.table.current_row()
        return row.client_id if row is not None else None

    def focus_main(self) -> None:
        self.table.setFocus()
