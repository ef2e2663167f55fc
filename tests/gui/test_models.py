"""The table models: Qt's model tester, paging with fetchMore, sorting in SQL on raw values."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from collector_gui.actions import remind_views
from collector_gui.core.model import Invoice
from collector_gui.ledger import browse
from collector_gui.ui import models
from collector_gui.ui.models import IdRole, RowRole, SortRole
from collector_gui.ui.widgets import TableView

from tests.helpers.dates import TODAY
from tests.helpers.gui import wait_loaded, writable

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
    """Qt's model tester watches the model from its creation: through the first load (a
    reset), the next page (an insert), a sort (a reset) and a reload in place after a write
    (removes, moves, inserts and dataChanged)."""
    model = MODELS[name](demo_ctx)
    qtmodeltester.check(model)  # empty, and watching from now on
    model.refresh()
    wait_loaded(qtbot, model)
    assert model.rowCount() > 0
    if model.canFetchMore(QModelIndex()):
        with qtbot.waitSignal(model.rowsInserted):
            model.fetchMore(QModelIndex())
        wait_loaded(qtbot, model)
    sortable = next(c for c, (key, _r) in model.SORTS.items() if key != model.current_sort.key)
    with qtbot.waitSignal(model.modelReset):
        model.sort(sortable, Qt.SortOrder.DescendingOrder)
    wait_loaded(qtbot, model)
    # a write elsewhere: the first row goes, the rows are read again in place
    first = model.row_at(0)
    second = QPersistentModelIndex(model.index(1, 0))  # what a view's selection holds
    second_id = model.row_at(1).id
    _remove(demo_ctx, name, first)
    model.reload()
    wait_loaded(qtbot, model)
    # the rows around the change moved with the signals a view follows
    assert second.isValid() and second.data(IdRole) == second_id
    assert (model.row_of_id(first.id) == -1) == (name not in ("clients", "invoices"))
    for role in (Qt.ItemDataRole.DisplayRole, SortRole, IdRole, RowRole,
                 Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.ForegroundRole):
        for col in range(model.columnCount()):
            model.index(0, col).data(role)
    assert model.index(0, 0).data(Qt.ItemDataRole.DecorationRole) is None
    assert model.rowCount(model.index(0, 0)) == 0


def _remove(ctx, name: str, row) -> None:
    """Take *row* out of its model's query, as another program's write would."""
    store = writable(ctx)
    if name in ("invoices", "overdue", "chase"):
        store.set_invoice_flags(row.id, void=True)  # leaves the overdue lists
        if name == "invoices":  # stays (void), and a new one comes
            client = store.clients()[0]
            store.add_invoice(Invoice("NEW-1", client.id, TODAY, TODAY, client.currency, 100))
    elif name == "clients":
        store.set_client_flags(row.id, on_hold=not row.on_hold)  # stays, repainted
    elif name == "events":
        store.delete_event(row.id)
    else:
        store.delete_payment(row.id)


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
    # amounts of different currencies never mix (¥1,000,819 is not more than €9,136): by
    # currency, then the raw minor units within it
    keys = [(model.row_at(r).currency, model.index(r, models.InvoicesModel.Col.BALANCE)
             .data(SortRole)) for r in range(model.rowCount())]
    assert keys == sorted(keys, reverse=True)
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
