"""The window builds only the page it opens on; the others on first use (issue 18: building
every page at start was ~90 ms of the 450 ms to the first paint at 100k invoices).

In process: which pages exist after the start, and that showing a page, its shortcut, or an
action that needs a page builds it. In a fresh interpreter (what this process imported does not
count): the real start imports none of the other pages' modules before its first paint."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from collector_gui.ui.main_window import PAGES, MainWindow
from tests.helpers.gui import close_ctx, make_ctx, wait_loaded
from tests.packaging.test_start_imports import START, _run


def _built(window: MainWindow) -> list[str]:
    return [name for name, page in zip(PAGES, window._pages) if page is not None]


def _start(qtbot, ctx) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_start_builds_only_the_page_it_shows(qtbot, demo_ctx):
    window = _start(qtbot, demo_ctx)
    assert _built(window) == ["dashboard"]
    assert window.stack.currentWidget().objectName() == "dashboardPage"
    assert window.stack.widget(2).objectName() == "invoicesPlaceholder"
    window.show_page(PAGES.index("overdue"))  # shown: built, in its place, and read
    assert _built(window) == ["dashboard", "overdue"]
    assert window.stack.currentWidget() is window.overdue
    assert window.stack.indexOf(window.overdue) == PAGES.index("overdue")
    wait_loaded(qtbot, window.overdue.model)
    assert window.overdue.model.rowCount() > 0
    window.close()


def test_a_remembered_page_opens_without_building_the_dashboard(qtbot, demo_ctx, settings):
    settings.setValue("main/page", "activity")
    window = _start(qtbot, demo_ctx)
    assert _built(window) == ["activity"]
    assert window.current_page() is window.activity
    wait_loaded(qtbot, window.activity.model)
    qtbot.waitUntil(lambda: window.page_status.text().endswith(" entries"))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # View > Clients
    assert window.stack.currentWidget().objectName() == "clientsPage"
    assert _built(window) == ["clients", "activity"]
    # the client page's buttons are the window's actions, wired when the page was built
    assert window.act_edit_client in window.clients.detail.buttons.actions()
    window.close()


def test_an_action_that_needs_a_page_builds_it(qtbot, demo_ctx, monkeypatch):
    window = _start(qtbot, demo_ctx)
    assert "bank" not in _built(window)
    asked = []
    monkeypatch.setattr("collector_gui.ui.pages.bank.BankPage.import_statement",
                        lambda self: asked.append(self))
    window.act_import_bank.trigger()  # File > Import bank statement: the bank page's work
    assert asked == [window.bank] and "bank" in _built(window)
    assert len(window.pages) == len(PAGES) and _built(window) == list(PAGES)
    QApplication.processEvents()
    window.close()


def test_the_real_start_imports_no_other_page_before_its_first_paint(tmp_path):
    done = _run(START, tmp_path, str(tmp_path / "ledger.sqlite"))
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.splitlines()[-1])
    assert "collector_gui.ui.pages.dashboard" in seen["imports"]  # the page it shows
    others = [f"collector_gui.ui.pages.{name}" for name in PAGES if name != "dashboard"]
    assert [name for name in others if name in seen["imports"]] == []


def test_a_page_remembered_sorted_reads_only_after_the_first_paint(qtbot, demo_ctx,
                                                                   demo_ledger, settings):
    """A table sorted when the window was last closed is sorted again when it is made: that
    asked the table reader for rows in the page's constructor, so its thread read SQL beside
    the window's first paint. The sort is kept; the read waits for the paint, as every start
    page's does (MainWindow.after_first_paint)."""
    window = _start(qtbot, demo_ctx)
    window.show_page(PAGES.index("invoices"))
    table = window.invoices.table
    wait_loaded(qtbot, table.model())
    column = table.model().Col.TOTAL
    table.sortByColumn(column, Qt.SortOrder.DescendingOrder)
    wait_loaded(qtbot, table.model())
    sort = table.model().current_sort
    window.close()  # remembers the page and its table's header, sort included

    context = make_ctx(demo_ledger, settings)
    try:
        again = MainWindow(context)
        qtbot.addWidget(again)
        model = again.invoices.model
        assert again.current_page() is again.invoices and model.current_sort == sort
        assert not model.loading and model.rowCount() == 0  # nothing asked before the paint
        again.show()
        qtbot.waitUntil(lambda: model.rowCount() > 0 and not model.loading)
        assert model.current_sort == sort
        rows = [model.row_at(r) for r in range(model.rowCount())]
        for currency in {row.currency for row in rows}:  # by amount within currency
            totals = [row.total_minor for row in rows if row.currency == currency]
            assert totals == sorted(totals, reverse=True)
        again.close()
    finally:
        close_ctx(context)
