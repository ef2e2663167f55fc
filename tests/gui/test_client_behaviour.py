"""The client page's behaviour card and its button, the list's columns, its action bar."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from collector_gui.core.model import Client, Invoice, Payment
from collector_gui.ui.client_behaviour import BehaviourCard
from collector_gui.ui.window_language import install_translators
from tests.helpers.gui import click, close_ctx, make_ctx, wait_loaded, wait_written, writable

D = dt.date


def _history(store, name, days_late, n=4, total=150000, limit=None, currency="EUR"):
    """*n* invoices of *total* issued in the last year, each paid *days_late* after due."""
    client = store.add_client(Client(name, credit_limit_minor=limit, currency=currency))
    for k in range(n):
        issue = D(2026, 1, 10) + dt.timedelta(days=60 * k)
        due = issue + dt.timedelta(days=30)
        inv = store.add_invoice(Invoice(f"{name[:3]}-{k}", client.id, issue, due, currency,
                                        total))
        store.add_payment(Payment(inv.id, due + dt.timedelta(days=days_late), total))
    return client


@pytest.fixture
def people(ctx):
    store = writable(ctx)
    return {"slow": _history(store, "Slowpay", 30, limit=900000),
            "prompt": _history(store, "Prompt", 0),
            "new": store.add_client(Client("Newcomer"))}


def test_list_columns_show_and_sort_by_raw_value(qtbot, window, people):
    window.show_page(1)
    page = window.clients
    model = page.model
    wait_loaded(qtbot, model)
    C = model.Col
    header = [model.headerData(c, Qt.Orientation.Horizontal) for c in (C.AVG_LATE, C.SHARE_LATE)]
    assert header == ["Avg days late", "% late"]
    model.sort(C.AVG_LATE, Qt.SortOrder.AscendingOrder)  # the latest first
    wait_loaded(qtbot, model)
    rows = [(model.display(r, C.NAME), model.display(r, C.AVG_LATE),
             model.display(r, C.SHARE_LATE)) for r in model._rows]
    assert rows == [("Slowpay", "30", "100%"), ("Prompt", "0", "0%"), ("Newcomer", "", "")]
    model.sort(C.SHARE_LATE, Qt.SortOrder.DescendingOrder)  # the fewest late first
    wait_loaded(qtbot, model)
    assert [model.display(r, C.NAME) for r in model._rows] == ["Newcomer", "Prompt", "Slowpay"]


def test_card_and_use_suggested_limit_with_undo(qtbot, window, ctx, people):
    window.show_page(1)
    page = window.clients
    page.show_client(people["slow"].id)
    card = page.detail.card
    assert "30.0 days late on average; 100% of paid invoices late" in card.figures.text()
    # 4 x 1,500.00 = 6,000.00 in 12 months: 500.00 a month, 1,000.00 for two months,
    # x (1 - 30/90) = 666.66 -> 660.00
    assert card.limit.text() == "Suggested credit limit: €660.00 (set: €9,000.00)."
    assert card.use_limit.isEnabled()
    click(qtbot, card.use_limit)
    wait_written(qtbot, card.task)
    assert ctx.store.get_client(people["slow"].id).credit_limit_minor == 66000
    qtbot.waitUntil(lambda: "(set: €660.00)" in card.limit.text())
    assert not card.use_limit.isEnabled()  # it is the limit now
    ctx.undo.undo()
    qtbot.waitUntil(lambda: ctx.store.get_client(people["slow"].id).credit_limit_minor == 900000)
    qtbot.waitUntil(lambda: "(set: €9,000.00)" in card.limit.text())


def test_card_without_history(qtbot, window, people):
    window.show_page(1)
    window.clients.show_client(people["new"].id)
    card = window.clients.detail.card
    assert "No invoice paid in full yet" in card.figures.text()
    assert "not enough history" in card.limit.text()
    assert not card.use_limit.isEnabled()


def test_card_in_spanish(qtbot, qapp, store, settings):
    _history(store, "Lento", 30)
    assert install_translators("es")
    ctx = make_ctx(store.ledger, settings, locale="es_ES", language="es")
    try:
        card = BehaviourCard(ctx)
        qtbot.addWidget(card)
        card.show_client(ctx.store.find_client("Lento"))
        assert "30,0 días de retraso de media" in card.figures.text()
        assert card.limit.text() == "Límite de crédito sugerido: 660,00\xa0€ (fijado: sin límite)."
        assert card.use_limit.text() == "Usar el límite sugerido"
    finally:
        install_translators("en")
        close_ctx(ctx)


def test_actions_in_view_and_delete_in_the_menu(qtbot, window, people):
    window.resize(1024, 700)
    window.show_page(1)
    page = window.clients
    page.show_client(people["slow"].id)
    bar = page.detail.buttons
    qtbot.waitUntil(lambda: bar.isVisible())
    for name in ("newInvoice", "recordPayment", "clientReminder", "logCall", "logLetter",
                 "logPromise"):
        button = bar.buttons[name]
        assert button.isVisible(), name
        # wholly inside the bar (once laid out): nothing folded away or cut off
        qtbot.waitUntil(lambda: bar.rect().contains(button.geometry()))
    menu_names = [a.objectName() for a in bar.menu_actions()]
    assert "deleteClient" in menu_names and "deleteClient" not in bar.buttons
    assert menu_names[-1] == "deleteClient"  # the destructive one last, after a separator
    assert window.act_delete_client in bar.actions()


def test_a_narrow_bar_folds_the_least_needed_first(qtbot, window, people):
    window.show_page(1)
    page = window.clients
    page.show_client(people["slow"].id)
    bar = page.detail.buttons
    qtbot.waitUntil(lambda: bar.isVisible())
    keep = bar.buttons["clientReminder"].sizeHint().width() + bar.more.sizeHint().width() + 8
    bar.resize(keep, bar.height())
    assert bar.buttons["clientReminder"].isVisible()
    assert not bar.buttons["logPromise"].isVisible()
    names = [a.objectName() for a in bar.menu_actions()]
    # what did not fit comes first in "More", Delete client stays last
    assert names[0] in ("newInvoice", "recordPayment", "logCall", "logPromise")
    assert "logPromise" in names and names[-1] == "deleteClient"
    assert bar.minimumSizeHint().width() <= keep
