"""The table models: Qt's model tester, paging with fetchMore, sorting in SQL on raw values."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt

from collector_gui.actions import remind_views
from collector_gui.ledger import browse
from collector_gui.ui import models
from collector_gui.ui.models import IdRole, RowRole, SortRole
from collector_gui.ui.widgets import TableView

from tests.helpers.dates import TODAY
from tests.helpers.gui import wait_loaded

MODELS = {
    "invoices": lambda ctx: models.InvoicesModel(ctx),
    "overdue": lambda ctx: models.OverdueModel(ctx),
    # the dashboard's "to chase today": the reminder policy's invoices
    "chase": lambda ctx: models.OverdueModel(
        ctx, only_ids=remind_views.chase_today(ctx.store, TODAY).ids),
    "clients": lambda ctx: models.ClientsModel(ctx),
    "events": lambda ctx: models.EventsModel(ctx),
    "payments": lambda ctx: models.PaymentsModel(ctx),
}


@pytest.mark.parametrize("name", list(MODELS))
def test_model_tester(qtbot, qtmodeltester, demo_ctx, name):
    model = MODELS[name](demo_ctx)
    model.refresh()
    wait_loaded(qtbot, model)
    assert model.rowCount() > 0
    qtmodeltester.check(model)
    wait_loaded(qtbot, model)
    for role in (Qt.ItemDataRole.DisplayRole, SortRole, IdRole, RowRole,
                 Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.ForegroundRole):
        for col in range(model.columnCount()):
            model.index(0, col).data(role)
    assert model.index(0, 0).data(Qt.ItemDataRole.DecorationRole) is None
    assert model.rowCount(model.index(0, 0)) == 0


def test_pages_arrive_on_fetch_more(qtbot, demo_ctx):
    model = models.InvoicesModel(demo_ctx)
    model.refresh()
    wait_loaded(qtbot, model)
    assert model.rowCount() == browse.PAGE_SIZE
    qtbot.waitUntil(lambda: model.count is not None)
    assert model.count == 300
    assert model.canFetchMore(QModelIndex())
    with qtbot.waitSignal(model.rowsInserted):
        model.fetchMore(QModelIndex())
    wait_loaded(qtbot, model)
    assert model.rowCount() == 300
    assert not model.canFetchMore(QModelIndex())
    ids = model.ids()
    assert len(set(ids)) == 300 and ids == sorted(ids, reverse=True)  # newest entered first


def test_sort_is_on_raw_values(qtbot, demo_ctx):
    model = models.InvoicesModel(demo_ctx)
    model.set_filter(browse.InvoiceFilter(status="open"))
    wait_loaded(qtbot, model)
    with qtbot.waitSignal(model.modelReset):
        model.sort(models.InvoicesModel.Col.BALANCE, Qt.SortOrder.DescendingOrder)
    wait_loaded(qtbot, model)
    # per currency the amounts differ wildly (JPY has no cents): the raw minor units sort
    raw = [model.index(r, models.InvoicesModel.Col.BALANCE).data(SortRole)
           for r in range(model.rowCount())]
    assert raw == sorted(raw, reverse=True)
    assert model.current_sort == browse.Sort("balance", True)


def test_overdue_days_sort_most_first(qtbot, demo_ctx):
    model = models.OverdueModel(demo_ctx)
    model.refresh()
    wait_loaded(qtbot, model)
    days = [model.index(r, model.Col.DAYS).data(SortRole) for r in range(model.rowCount())]
    assert days == sorted(days, reverse=True) and days[0] > 90
    model.sort(model.Col.DAYS, Qt.SortOrder.AscendingOrder)
    wait_loaded(qtbot, model)
    days = [model.index(r, model.Col.DAYS).data(SortRole) for r in range(model.rowCount())]
    assert days == sorted(days)


def test_view_keeps_selection_and_column_widths(qtbot, demo_ctx, settings):
    model = models.ClientsModel(demo_ctx)
    view = TableView("clients_t", model, settings)
    qtbot.addWidget(view)
    model.refresh()
    wait_loaded(qtbot, model)
    view.selectRow(3)
    chosen = view.current_id()
    assert chosen is not None
    view.setColumnWidth(1, 234)
    model.refresh()  # the ledger changed: the same client stays selected
    with qtbot.waitSignal(model.modelReset):
        pass
    assert view.current_id() == chosen
    again = TableView("clients_t", models.ClientsModel(demo_ctx), settings)
    qtbot.addWidget(again)
    assert again.columnWidth(1) == 234


def test_stale_answers_are_dropped(qtbot, demo_ctx):
    model = models.InvoicesModel(demo_ctx)
    model.set_filter(browse.InvoiceFilter(status="paid"))
    model.set_filter(browse.InvoiceFilter(status="draft"))  # typed on before the first came
    wait_loaded(qtbot, model)
    statuses = {model.index(r, model.Col.STATUS).data(SortRole) for r in range(model.rowCount())}
    assert statuses == {"draft"}
