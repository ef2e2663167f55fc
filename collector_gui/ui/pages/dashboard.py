"""The dashboard: owed and overdue per currency, aging and collections charts, average days to
pay, and the invoices to chase today. Figures come from browse.dashboard (Store.aging for the
aging: what `collector aging` prints), read in a background thread. The invoices to chase are
the reminder policy's (actions.remind_views.chase_today: the plan the reminder wizard
proposes, plus its manual steps), worked out in another background thread, so the figures
need not wait."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QMargins, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from collector_gui.ui.window_language import tr
from collector_gui.core.aging import BUCKETS, overdue_total
from collector_gui.core.errors import CollectorError
from collector_gui.core.money import minor_digits
from collector_gui.ledger.store import Store
from collector_gui.ui import display_names, notify
from collector_gui.ui.context import AppContext
from collector_gui.ui.chase_model import ChaseModel, chase_rows
from collector_gui.ui.counts import clients_text, invoices_text
from collector_gui.ui.pages.base import Page
from collector_gui.ui.tasks import run_in_background
from collector_gui.ui.widgets import heading

if TYPE_CHECKING:  # the reminder plan pulls Jinja2 and the mail stack: on first use only
    from collector_gui.ledger import browse  # (the queries too: after the first paint)
    from PySide6.QtCharts import QChart, QChartView  # the charts: made on the first read
    from PySide6.QtGui import QStandardItemModel

    from collector_gui.actions.remind_views import ChaseToday

CHART_MIN_HEIGHT = 150  # small enough that, at 1024×700, the chase list keeps room for its rows
CHART_STRETCH = (3, 4)  # the aging chart's share of the width, and the months'


def _chart_room() -> QWidget:
    """Where a chart goes until it is made (the same room: nothing moves when it comes)."""
    room = QWidget()
    room.setMinimumHeight(CHART_MIN_HEIGHT)
    room.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    return room


def _bar_chart(title: str) -> tuple[QChart, QChartView]:
    from PySide6.QtCharts import QChart, QChartView

    chart = QChart()
    chart.setTitle(title)
    chart.legend().hide()
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.layout().setContentsMargins(0, 0, 0, 0)  # the room goes to the bars and labels
    chart.setBackgroundRoundness(0)
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(CHART_MIN_HEIGHT)
    view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    return chart, view


def _fill(chart: QChart, categories: list[str], values: list[float], color: str,
          locale: QLocale) -> None:
    from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QValueAxis

    chart.removeAllSeries()
    chart.setLocale(locale)  # axis numbers with the reader's digit grouping
    chart.setLocalizeNumbers(True)
    for axis in chart.axes():
        chart.removeAxis(axis)
    bars = QBarSet("")
    bars.setColor(QColor(color))
    bars.append(values)
    series = QBarSeries()
    series.append(bars)
    chart.addSeries(series)
    x = QBarCategoryAxis()
    x.append(categories)
    font = x.labelsFont()
    font.setPointSizeF(font.pointSizeF() * 0.85)
    x.setLabelsFont(font)
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(x)
    y = QValueAxis()
    top = max(values) if values and max(values) > 0 else 1.0
    y.setRange(0, top)
    y.setTickCount(5)
    y.applyNiceNumbers()  # round ticks (0, 2,500, 5,000 …), not fifths of the largest bar
    y.setLabelFormat("%.0f")
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(y)


class DashboardPage(Page):
    loaded = Signal()  # the figures were read and shown

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("dashboardPage")
        self.data: browse.Dashboard | None = None
        self._generation = 0
        self.loading = False
        self.chase: ChaseToday | None = None  # the policy's invoices to act on today
        self.chase_loading = False
        self.title = heading(tr("Dashboard"))
        self.as_of = QLabel()
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.as_of)

        self.totals_box = QGroupBox(tr("Owed to you"))
        self.totals = QGridLayout(self.totals_box)
        # Eight columns of figures are wider than a 1024-pixel window in Spanish: they scroll
        # sideways on their own rather than make the whole window wider than the screen.
        self.totals_scroll = QScrollArea()
        self.totals_scroll.setObjectName("totalsScroll")
        self.totals_scroll.setWidget(self.totals_box)
        self.totals_scroll.setWidgetResizable(True)
        self.totals_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.totals_scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.totals_scroll.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.totals.setHorizontalSpacing(18)
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)

        self.currency = QComboBox()
        self.currency.setObjectName("chartCurrency")
        self.currency.currentIndexChanged.connect(self._draw_charts)
        # The two charts are made with the first read (make_charts): QtCharts and its charts
        # cost ~20 ms, which the window's first paint does not wait for (issue 18).
        self.aging_chart = self.aging_view = None
        self.collected_chart = self.collected_view = None
        self._chart_rooms = (_chart_room(), _chart_room())
        charts_box = QWidget()
        charts_layout = QVBoxLayout(charts_box)
        charts_layout.setContentsMargins(0, 0, 0, 0)
        chart_head = QHBoxLayout()
        chart_head.addWidget(QLabel(tr("Charts in")))
        chart_head.addWidget(self.currency)
        chart_head.addStretch(1)
        charts = QHBoxLayout()
        # Twelve months take more room than five ages: at 1024 pixels, halves elided the
        # months to "F…" and "A…" (Spanish "sept" needs ~29 pixels a bar).
        for room, stretch in zip(self._chart_rooms, CHART_STRETCH):
            charts.addWidget(room, stretch)
        self._charts = charts
        charts_layout.addLayout(chart_head)
        charts_layout.addLayout(charts, 1)

        self.chase_box = QGroupBox(tr("To chase today"))
        chase_layout = QVBoxLayout(self.chase_box)
        # One row per client (the stage due, how many invoices, the total per currency), its
        # invoices under it: expand, or double-click a client; Enter or double-click on an
        # invoice opens it.
        self.chase_model = ChaseModel(ctx.fmt, self)  # filled by _show_chase
        self.chase_table = QTreeView()
        self.chase_table.setObjectName("chase")
        self.chase_table.setModel(self.chase_model)
        self.chase_table.setUniformRowHeights(True)
        self.chase_table.setAlternatingRowColors(True)
        self.chase_table.setAllColumnsShowFocus(True)
        self.chase_table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.chase_table.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
        self.chase_table.expanded.connect(self.chase_model.open_client)
        self.chase_table.doubleClicked.connect(self._chase_activated)
        self.chase_table.activated.connect(self._chase_activated)
        self.chase_table.selectionModel().currentChanged.connect(
            lambda *_: self.selectionChanged.emit())
        self._fit_chase_columns()
        self.chase_label = QLabel()
        self.chase_label.setWordWrap(True)
        self.chase_label.setObjectName("chaseLabel")
        self.remind_button = QPushButton(tr("Send reminders…"))
        self.remind_button.setObjectName("sendReminders")
        self.remind_button.setToolTip(tr("Review and send today's reminders by email"))
        chase_head = QHBoxLayout()
        chase_head.addWidget(self.chase_label, 1)
        chase_head.addWidget(self.remind_button)
        chase_layout.addLayout(chase_head)
        chase_layout.addWidget(self.chase_table)

        # The charts and the chase list share the height in a splitter: each keeps its own
        # room (the list's label never lies over a chart), and the user can move the line.
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.setObjectName("dashboardSplit")
        self.split.setChildrenCollapsible(False)
        self.split.addWidget(charts_box)
        self.split.addWidget(self.chase_box)
        self.split.setStretchFactor(0, 2)
        self.split.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.totals_scroll)
        layout.addWidget(self.summary)
        layout.addWidget(self.split, 1)

    def loading_soon(self) -> None:
        self._say_loading()
        self._say_chase_loading()

    def _say_loading(self) -> None:
        self.loading = True
        if self.data is None:
            self.as_of.setText(tr("Reading the ledger…"))

    def _say_chase_loading(self) -> None:
        self.chase_loading = True
        if self.chase is None:  # the first time (the plan takes seconds in a large ledger)
            self.chase_label.setText(tr("Working out today's reminders…"))

    def make_charts(self) -> None:
        """The two charts, in the room kept for them (once)."""
        if self.aging_view is not None:
            return
        self.aging_chart, self.aging_view = _bar_chart(tr("Open balance by age"))
        self.collected_chart, self.collected_view = _bar_chart(tr("Collected per month"))
        for room, view in zip(self._chart_rooms, (self.aging_view, self.collected_view)):
            self._charts.replaceWidget(room, view)
            room.setParent(None)
            room.deleteLater()
        self._chart_rooms = ()

    def refresh(self) -> None:
        self.make_charts()
        self._generation += 1
        generation = self._generation
        today = self.ctx.today()
        self._say_loading()
        # here, not at start: the first read comes after the first paint (issue 18)
        from collector_gui.ledger import browse

        def done(data: browse.Dashboard) -> None:
            if generation == self._generation:
                self.show_data(data)

        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                self.loading = False
                notify.report(self, exc)

        run_in_background(self, lambda ledger, _task: browse.dashboard(ledger, today), done,
                          ledger_path=self.ctx.path, progress=False, on_error=failed)
        self._refresh_chase(generation, today)

    def _refresh_chase(self, generation: int, today: dt.date) -> None:
        """Work out today's invoices to act on (seconds in a large ledger: in a worker
        thread), then show them; the rows shown stay until then."""
        self._say_chase_loading()

        def done(answer: tuple[ChaseToday, QStandardItemModel]) -> None:
            if generation == self._generation:
                self._show_chase(*answer, today)

        def failed(exc: BaseException) -> None:
            if generation != self._generation:
                return
            self.chase_loading = False
            if isinstance(exc, CollectorError):  # e.g. reminder settings that contradict
                self.chase = None
                self.chase_model.show((), chase_rows((), self.ctx.fmt), today)
                self.chase_label.setText(
                    tr("Today's reminders could not be worked out: {error}").format(error=exc))
            else:
                notify.report(self, exc)

        fmt = self.ctx.fmt

        def plan(ledger, _task) -> tuple[ChaseToday, QStandardItemModel]:
            # imported here, not at start: the window shows before Jinja2 and mail load
            from collector_gui.actions.remind_views import chase_today

            chase = chase_today(Store(ledger), today)
            # the rows too, here: Qt reads them without Python (chase_model.py)
            return chase, chase_rows(chase.groups, fmt)

        run_in_background(self, plan, done,
                          ledger_path=self.ctx.path, progress=False, on_error=failed)

    def current_invoice_id(self) -> int | None:
        return self.chase_model.invoice_id(self.chase_table.currentIndex())

    def current_client_id(self) -> int | None:
        return self.chase_model.client_id(self.chase_table.currentIndex())

    def _chase_activated(self, index) -> None:
        """An invoice opens; a client row expands or folds (Enter; double-click does that
        by itself)."""
        invoice_id = self.chase_model.invoice_id(index)
        if invoice_id is not None:
            self.openInvoice.emit(invoice_id)

    def _fit_chase_columns(self) -> None:
        """Every header readable in the window's language; the client column takes the rest."""
        header = self.chase_table.header()
        char = self.chase_table.fontMetrics().averageCharWidth()
        for col, chars in enumerate((28, 30, 18, 14, 22)):
            header.resizeSection(col, max(char * chars, header.sectionSizeFromContents(col).width()))
        # The client's name, not the amount, gets a wide window's room ("Hollybush & Morgan …"
        # was cut at 1440 pixels beside an "Owed" column half the list wide).
        header.setStretchLastSection(False)
        header.setSectionResizeMode(ChaseModel.Col.CLIENT, QHeaderView.ResizeMode.Stretch)

    def focus_main(self) -> None:
        self.chase_table.setFocus()

    # -- showing ------------------------------------------------------------------------------

    def show_data(self, data: browse.Dashboard) -> None:
        self.data = data
        fmt = self.ctx.fmt
        self.as_of.setText(tr("As of {date}").format(date=fmt.date(data.today)))
        self._fill_totals(data)
        avg = data.average_days_to_pay
        parts = [tr("Average days to pay: {days}").format(
            days=fmt.number(avg, 1) if avg is not None else tr("not known yet"))]
        parts.append(tr("{n} open invoices, {clients} clients").format(
            n=fmt.number(data.counts.get("open", 0)), clients=fmt.number(data.counts.get("clients", 0))))
        self.summary.setText("   ·   ".join(parts))
        current = self.currency.currentText()
        currencies = sorted(set(data.aging.currencies) | set(data.collected),
                            key=lambda c: -(data.aging.total(c) if c in data.aging.buckets else 0))
        self.currency.blockSignals(True)
        self.currency.clear()
        self.currency.addItems(currencies)
        if current in currencies:
            self.currency.setCurrentText(current)
        self.currency.blockSignals(False)
        self._draw_charts()
        self.loading = False
        self.loaded.emit()

    def _show_chase(self, chase: ChaseToday, rows: QStandardItemModel, today: dt.date) -> None:
        self.chase = chase
        n = len(chase.ids)
        if n == 0:
            text = tr("Nothing to chase today.")
        else:
            fmt = self.ctx.fmt
            text = tr("{clients} with {invoices} to act on today: reminders due, or calls to "
                      "make.").format(clients=clients_text(len(chase.groups), fmt),
                                      invoices=invoices_text(n, fmt))
        self.chase_label.setText(text)
        self.chase_model.show(chase.groups, rows, today)
        self.chase_loading = False
        self._fit_due_column()

    def _fit_due_column(self) -> None:
        """Room for a whole date in the window's language ("Dec 12, 2023", "30 sept 2026"),
        which 14 average characters did not give: measured with each list (dates are
        formatted with Babel, not loaded before the window's first paint). It only widens, so a
        column the user made wider stays so."""
        metrics = self.chase_table.fontMetrics()
        widest = max(metrics.horizontalAdvance(self.ctx.fmt.date(dt.date(2026, month, 28)))
                     for month in range(1, 13))
        header = self.chase_table.header()
        due = ChaseModel.Col.DUE
        header.resizeSection(due, max(header.sectionSize(due),
                                      widest + 2 * metrics.averageCharWidth()))

    def _fill_totals(self, data: browse.Dashboard) -> None:
        self._fill_totals_grid(data)
        # New labels in a shown page show at the next turn of the event loop; until then
        # they count for no height: fit then, and now for a page not shown yet.
        self._fit_totals()
        QTimer.singleShot(0, self, self._fit_totals)  # dropped if the page goes first

    def _fit_totals(self) -> None:
        """As tall as the figures, with room for the sideways scroll bar when it shows."""
        bar = self.totals_scroll.horizontalScrollBar().sizeHint().height()
        self.totals_scroll.setFixedHeight(self.totals_box.sizeHint().height() + bar)

    def _fill_totals_grid(self, data: browse.Dashboard) -> None:
        while self.totals.count():
            item = self.totals.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.setParent(None)  # gone now, not at the next turn of the event loop
                widget.deleteLater()
        fmt = self.ctx.fmt
        heads = [tr("Currency"), tr("Owed"), tr("Past due")] + [display_names.bucket_label(b) for b in BUCKETS]
        for col, text in enumerate(heads):
            label = QLabel(f"<b>{text}</b>")
            label.setAlignment(Qt.AlignmentFlag.AlignRight if col else Qt.AlignmentFlag.AlignLeft)
            self.totals.addWidget(label, 0, col)
        report = data.aging
        if not report.currencies:
            self.totals.addWidget(QLabel(tr("Nobody owes you anything. Well done!")), 1, 0, 1, 4)
            return
        for row, cur in enumerate(report.currencies, 1):
            cells = [cur, fmt.money(report.total(cur), cur),
                     fmt.money(overdue_total(report, cur), cur)]
            cells += [fmt.money(report.buckets[cur][b], cur) for b in BUCKETS]
            for col, text in enumerate(cells):
                label = QLabel(text)
                key = ("currency", "total", "overdue", *BUCKETS)[col]
                label.setObjectName(f"{key}_{cur}")
                label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                label.setAlignment(Qt.AlignmentFlag.AlignRight if col else Qt.AlignmentFlag.AlignLeft)
                if col == 2 and overdue_total(report, cur) > 0:
                    label.setStyleSheet("color: #b3261e; font-weight: bold;")
                if col == 1:
                    label.setStyleSheet("font-weight: bold;")
                self.totals.addWidget(label, row, col)

    def _draw_charts(self, *_args) -> None:
        self.make_charts()
        data = self.data
        cur = self.currency.currentText()
        if data is None or not cur:
            for chart in (self.aging_chart, self.collected_chart):
                chart.removeAllSeries()
            return
        scale = 10 ** minor_digits(cur)
        aging = data.aging.buckets.get(cur, dict.fromkeys(BUCKETS, 0))
        _fill(self.aging_chart, [display_names.bucket_short_label(b) for b in BUCKETS],
              [aging[b] / scale for b in BUCKETS], "#c0504d", self._chart_locale())
        self.aging_chart.setTitle(tr("Open balance by age ({currency})").format(currency=cur))
        collected = data.collected.get(cur, [0] * len(data.months))
        months = [self._month_label(m) for m in data.months]
        _fill(self.collected_chart, months, [v / scale for v in collected], "#4f81bd",
              self._chart_locale())
        title = tr("Collected per month, {first} to {last} ({currency})")
        self.collected_chart.setTitle(title.format(
            currency=cur, first=self._month_label(data.months[0], True),
            last=self._month_label(data.months[-1], True)))

    def _chart_locale(self) -> QLocale:
        return QLocale(self.ctx.fmt.locale)

    def _month_label(self, month: str, with_year: bool = False) -> str:
        from babel.dates import format_date  # (with the figures, after the first paint)

        year, mon = (int(x) for x in month.split("-"))
        pattern = "LLL yyyy" if with_year else "LLL"
        return format_date(dt.date(year, mon, 1), pattern, locale=self.ctx.fmt.locale)
