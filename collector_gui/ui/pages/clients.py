"""Clients: a searchable, sortable list, and a page per client with their invoices, payments
and the timeline of every contact."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from collector_gui.ui.window_language import tr
from collector_gui.core.aging import aging, overdue_total
from collector_gui.core.errors import CollectorError
from collector_gui.ledger import browse
from collector_gui.ui.client_behaviour import ActionBar, BehaviourCard, BehaviourClientsModel
from collector_gui.ui.context import AppContext
from collector_gui.ui.models import EventsModel, InvoicesModel, PaymentsModel
from collector_gui.ui.pages.base import Page
from collector_gui.ui.widgets import SearchField, TableView, heading



class ClientDetail(QWidget):
    """One client: who they are, what they owe, and everything that happened."""

    def __init__(self, ctx: AppContext, page: ClientsPage) -> None:
        super().__init__(page)
        self.setObjectName("clientDetail")
        self.ctx = ctx
        self.client_id: int | None = None
        self.back = QPushButton(tr("◀ All clients"))
        self.back.setObjectName("back")
        self.back.setToolTip(tr("Back to the list (Esc)"))
        self.back.clicked.connect(page.show_list)
        self.name = heading("")
        self.name.setObjectName("clientName")
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.owed = QLabel()
        self.owed.setObjectName("owed")
        # The everyday actions as buttons, always in view; the rest (Delete last) in "More".
        self.buttons = ActionBar()
        self.card = BehaviourCard(ctx, self)
        self.invoices = InvoicesModel(ctx, self)
        self.payments = PaymentsModel(ctx, self)
        self.events = EventsModel(ctx, self)
        self.invoice_table = TableView("client_invoices", self.invoices, ctx.settings)
        self.invoice_table.hideColumn(InvoicesModel.Col.CLIENT)  # it is this client's page
        self.invoice_table.activatedId.connect(page.openInvoice)
        self.invoice_table.currentIdChanged.connect(lambda _id: page.selectionChanged.emit())
        self.payment_table = TableView("client_payments", self.payments, ctx.settings)
        self.event_table = TableView("client_events", self.events, ctx.settings)
        self.event_table.hideColumn(EventsModel.Col.CLIENT)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.invoice_table, tr("Invoices"))
        self.tabs.addTab(self.payment_table, tr("Payments"))
        self.tabs.addTab(self.event_table, tr("Activity"))
        top = QHBoxLayout()
        top.addWidget(self.back)
        top.addWidget(self.name, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)  # the page's own margins are enough
        layout.addLayout(top)
        layout.addWidget(self.info)
        layout.addWidget(self.owed)
        layout.addWidget(self.card)
        layout.addWidget(self.buttons)
        layout.addWidget(self.tabs, 1)

    def set_actions(self, actions: list[QAction]) -> None:
        for action in actions:
            self.buttons.addAction(action)

    def show_client(self, client_id: int) -> None:
        self.client_id = client_id
        self.invoices.filter = browse.InvoiceFilter(client_id=client_id)
        self.payments.client_id = client_id
        self.events.filter = browse.EventFilter(client_id=client_id)
        self.refresh(in_place=False)

    def refresh(self, in_place: bool = True) -> None:
        """Read the client again; their tables in place (the ledger changed), or from the top
        (another client is shown)."""
        if self.client_id is None:
            return
        try:
            client = self.ctx.store.get_client(self.client_id)
        except CollectorError:  # deleted meanwhile
            self.client_id = None
            return
        fmt = self.ctx.fmt
        self.name.setText(client.name + (tr("  (on hold)") if client.on_hold else ""))
        bits = [b for b in (client.email, client.phone, client.tax_id) if b]
        bits.append(tr("pays in {days} days").format(days=client.payment_terms_days))
        if client.credit_limit_minor is not None:
            bits.append(tr("credit limit {limit}").format(
                limit=fmt.money(client.credit_limit_minor, client.currency)))
        if client.reminders_paused:
            bits.append(tr("reminders paused"))
        self.info.setText("  ·  ".join(bits))
        report = aging(self.ctx.store.invoices_of(client.id), self.ctx.today())
        if report.currencies:
            owed = [tr("{total} owed, {overdue} overdue").format(
                total=fmt.money(report.total(c), c), overdue=fmt.money(overdue_total(report, c), c))
                for c in report.currencies]
            self.owed.setText("<b>" + "; ".join(owed) + "</b>")
        else:
            self.owed.setText(tr("Owes nothing."))
        self.card.show_client(client)
        for model in (self.invoices, self.payments, self.events):
            model.reload() if in_place else model.refresh()


class ClientsPage(Page):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("clientsPage")
        self.model = BehaviourClientsModel(ctx, self)
        self.search = SearchField(tr("Search name or email"))
        self.search.setObjectName("search")
        self.owing = QCheckBox(tr("Only clients who owe"))
        self.owing.setObjectName("owing")
        self.on_hold = QCheckBox(tr("Only on hold"))
        self.count = QLabel()
        self.table = TableView("clients", self.model, ctx.settings)
        # how they pay next to what they owe (unless the user placed those columns already)
        header, col = self.table.horizontalHeader(), BehaviourClientsModel.Col
        if header.visualIndex(col.AVG_LATE) == col.AVG_LATE:
            header.moveSection(col.AVG_LATE, header.visualIndex(col.OVERDUE) + 1)
            header.moveSection(col.SHARE_LATE, header.visualIndex(col.AVG_LATE) + 1)
        self.table.activatedId.connect(self.show_client)
        self.table.currentIdChanged.connect(lambda _id: self.selectionChanged.emit())
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.owing)
        bar.addWidget(self.on_hold)
        head = QHBoxLayout()
        head.addWidget(heading(tr("Clients")))
        head.addStretch(1)
        head.addWidget(self.count)
        listing = QWidget()
        lay = QVBoxLayout(listing)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(head)
        lay.addLayout(bar)
        lay.addWidget(self.table)
        self.detail = ClientDetail(ctx, self)
        self.stack = QStackedWidget()
        self.stack.addWidget(listing)
        self.stack.addWidget(self.detail)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)
        # the status line counts the table in view: the list, or the client's open tab
        counts = [self.follow_count(self.model, self.count, lambda: not self.showing_detail)]
        for tab, model in enumerate((self.detail.invoices, self.detail.payments,
                                     self.detail.events)):
            counts.append(self.follow_count(
                model, None,
                lambda tab=tab: self.showing_detail and self.detail.tabs.currentIndex() == tab))

        def view_changed(*_args) -> None:
            for update in counts:
                update()

        self.stack.currentChanged.connect(view_changed)
        self.detail.tabs.currentChanged.connect(view_changed)
        self.search.searchChanged.connect(self.apply_filter)
        self.owing.toggled.connect(self.apply_filter)
        self.on_hold.toggled.connect(self.apply_filter)
        back = QAction(self)
        back.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        back.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back.triggered.connect(self.show_list)
        self.detail.addAction(back)
        self.openClient.connect(self.show_client)

    def current_filter(self) -> browse.ClientFilter:
        return browse.ClientFilter(text=self.search.text(),
                                   on_hold=True if self.on_hold.isChecked() else None,
                                   owing=self.owing.isChecked())

    def apply_filter(self, *_args) -> None:
        self.model.set_filter(self.current_filter())

    def refresh(self) -> None:
        self.model.filter = self.current_filter()
        self.model.reload()
        if self.stack.currentWidget() is self.detail:
            self.detail.refresh()
            if self.detail.client_id is None:  # deleted meanwhile
                self.show_list()

    def show_client(self, client_id: int) -> None:
        self.detail.show_client(client_id)
        self.stack.setCurrentWidget(self.detail)
        self.detail.invoice_table.setFocus()
        self.selectionChanged.emit()

    def show_list(self) -> None:
        self.stack.setCurrentIndex(0)
        if self.detail.client_id is not None:
            self.table.select_id(self.detail.client_id)
        self.table.setFocus()
        self.selectionChanged.emit()

    @property
    def showing_detail(self) -> bool:
        return self.stack.currentWidget() is self.detail

    def current_client_id(self) -> int | None:
        if self.showing_detail:
            return self.detail.client_id
        return self.table.current_id()

    def current_invoice_id(self) -> int | None:
        return self.detail.invoice_table.current_id() if self.showing_detail else None

    def focus_main(self) -> None:
        (self.detail.invoice_table if self.showing_detail else self.table).setFocus()
