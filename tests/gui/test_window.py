"""The main window: pages by keyboard, remembered state, undoable and confirmed destructive
actions, Spanish, errors shown once, and background work with progress and cancel."""

from __future__ import annotations

import datetime as dt
import math
import sys
import time

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from collector_gui import paths
from collector_gui.core.errors import CollectorError
from collector_gui.core.model import Client, Invoice
from collector_gui.ui import notify
from collector_gui.ui import window_language as i18n
from collector_gui.ui.models import InvoicesModel
from collector_gui.ui.tasks import run_in_background

from tests.helpers.dates import TODAY
from tests.helpers.gui import make_ctx, open_window, wait_loaded, wait_written, writable
from .test_flow import press


def _box(qtbot, name: str) -> QMessageBox:
    found: list[QMessageBox] = []

    def visible() -> bool:
        found[:] = [w for w in QApplication.topLevelWidgets()
                    if isinstance(w, QMessageBox) and w.objectName() == name and w.isVisible()]
        return bool(found)

    qtbot.waitUntil(visible)
    return found[0]


def _click(qtbot, box: QMessageBox, role: QMessageBox.ButtonRole) -> None:
    button = next(b for b in box.buttons() if box.buttonRole(b) == role)
    with qtbot.waitSignal(box.finished):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _select_invoice(qtbot, window, number: str) -> int:
    window.show_page(2)
    page = window.invoices
    page.search.setText(number)
    page.search.flush()
    wait_loaded(qtbot, page.model)
    row = next(r for r in range(page.model.rowCount()) if page.model.row_at(r).number == number)
    page.table.selectRow(row)
    return page.model.row_at(row).id


def test_pages_by_keyboard_and_remembered(qtbot, demo_ctx, settings):
    window = open_window(qtbot, demo_ctx)
    for n, name in enumerate(("dashboardPage", "clientsPage", "invoicesPage", "overduePage",
                              "activityPage")):
        press(qtbot, window, getattr(Qt.Key, f"Key_{n + 1}"))
        assert window.stack.currentWidget().objectName() == name
        assert window.sidebar.currentRow() == n
    wait_loaded(qtbot, window.activity.model)
    # what they are, not "rows" (the count arrives just after the first page: waited for)
    qtbot.waitUntil(lambda: window.page_status.text().endswith(" entries"))
    window.move(23, 31)
    window.close()
    assert settings.value("main/page") == "activity"
    again = open_window(qtbot, make_ctx(demo_ctx.ledger, settings))
    assert again.stack.currentWidget() is again.activity
    assert not settings.value("main/geometry").isEmpty()
    # (x may be pushed back onto the 800-pixel offscreen screen when the window is wider)
    assert again.y() == 31
    again.close()


def test_void_is_undoable(qtbot, demo_window, demo_ctx):
    store = demo_ctx.store
    number = next(i.number for c in store.clients() for i in store.invoices_of(c.id)
                  if i.is_open() and i.paid_minor == 0)
    invoice_id = _select_invoice(qtbot, demo_window, number)
    assert demo_window.act_void.isEnabled()
    demo_window.act_void.trigger()
    wait_written(qtbot, demo_window.records.command.task)  # then the tables are read again
    assert store.get_invoice(invoice_id).void
    wait_loaded(qtbot, demo_window.invoices.model)
    row = demo_window.invoices.model.row_of_id(invoice_id)
    status = demo_window.invoices.model.index(row, InvoicesModel.Col.STATUS).data()
    assert status == "Void"
    assert demo_window.act_void.text() == "Un&void invoice"
    press(qtbot, demo_window, Qt.Key.Key_Z)
    qtbot.waitUntil(lambda: not store.get_invoice(invoice_id).void)
    demo_window.act_redo.trigger()
    qtbot.waitUntil(lambda: store.get_invoice(invoice_id).void)


def test_flags_and_hold(qtbot, demo_window, demo_ctx):
    store = demo_ctx.store
    number = next(i.number for c in store.clients() for i in store.invoices_of(c.id)
                  if i.is_open() and not i.disputed)
    invoice_id = _select_invoice(qtbot, demo_window, number)
    client_id = store.get_invoice(invoice_id).client_id
    demo_window.act_disputed.trigger()
    qtbot.waitUntil(lambda: store.get_invoice(invoice_id).disputed)
    qtbot.waitUntil(demo_window.act_paused.isEnabled)
    demo_window.act_paused.trigger()
    qtbot.waitUntil(lambda: store.get_invoice(invoice_id).reminders_paused)
    assert store.get_invoice(invoice_id).disputed
    was = store.get_client(client_id).on_hold
    demo_window.act_hold.trigger()
    qtbot.waitUntil(lambda: store.get_client(client_id).on_hold is not was)
    demo_ctx.undo.undo()
    qtbot.waitUntil(lambda: store.get_client(client_id).on_hold is was)


def test_delete_draft_asks_first(qtbot, window, ctx):
    client = writable(ctx).add_client(Client("Drafty"))
    writable(ctx).add_invoice(Invoice("DR-1", client.id, TODAY, TODAY, "EUR", 100, draft=True))
    _select_invoice(qtbot, window, "DR-1")
    assert window.act_delete_draft.isEnabled()
    window.act_delete_draft.trigger()
    _click(qtbot, _box(qtbot, "askUser"), QMessageBox.ButtonRole.RejectRole)
    assert ctx.store.find_invoice("DR-1") is not None
    window.act_delete_draft.trigger()
    _click(qtbot, _box(qtbot, "askUser"), QMessageBox.ButtonRole.AcceptRole)
    qtbot.waitUntil(lambda: ctx.store.find_invoice("DR-1") is None)
    # the ledger answers as soon as the writer commits; the list re-reads when the write's
    # result reaches the UI thread, a moment later: wait for the list, not for the ledger
    model = window.invoices.model
    qtbot.waitUntil(lambda: not model.loading and model.rowCount() == 0)


def test_delete_client_only_without_invoices(qtbot, window, ctx):
    busy = writable(ctx).add_client(Client("Busy"))
    writable(ctx).add_invoice(Invoice("B-1", busy.id, TODAY, TODAY, "EUR", 100))
    writable(ctx).add_client(Client("Idle"))
    window.show_page(1)
    wait_loaded(qtbot, window.clients.model)
    window.clients.table.select_id(busy.id)
    window.act_delete_client.trigger()
    box = _box(qtbot, "messageBox")
    assert "has invoices" in box.text()
    _click(qtbot, box, QMessageBox.ButtonRole.AcceptRole)
    idle = ctx.store.find_client("Idle")
    window.clients.show_client(idle.id)  # from the client's own page
    assert window.clients.current_client_id() == idle.id
    window.act_delete_client.trigger()
    _click(qtbot, _box(qtbot, "askUser"), QMessageBox.ButtonRole.AcceptRole)
    qtbot.waitUntil(lambda: ctx.store.find_client("Idle") is None)
    qtbot.waitUntil(lambda: not window.clients.showing_detail)


def test_client_page_shows_their_records(qtbot, demo_window, demo_ctx):
    window = demo_window
    window.show_page(1)
    page = window.clients
    page.owing.setChecked(True)
    wait_loaded(qtbot, page.model)
    page.table.selectRow(0)
    client_id = page.table.current_id()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert page.showing_detail and page.detail.client_id == client_id
    for model in (page.detail.invoices, page.detail.payments, page.detail.events):
        wait_loaded(qtbot, model)
    n = len(demo_ctx.store.invoices_of(client_id))
    assert page.detail.invoices.rowCount() == min(n, 200)
    assert "owed" in page.detail.owed.text()
    qtbot.keyClick(page.detail.invoice_table, Qt.Key.Key_Escape)
    assert not page.showing_detail


def test_invoice_filters(qtbot, demo_window, demo_ctx):
    page = demo_window.invoices
    demo_window.show_page(2)
    page.set_status_filter("overdue")
    wait_loaded(qtbot, page.model)
    qtbot.waitUntil(lambda: page.model.count is not None)
    assert page.model.count == len(demo_ctx.store.overdue(TODAY))
    page.set_status_filter(None)
    page.use_dates.setChecked(True)
    page.date_from.setDate(dt.date(2026, 11, 1))
    page.date_to.setDate(TODAY)
    wait_loaded(qtbot, page.model)
    dates = {page.model.row_at(r).issue_date for r in range(page.model.rowCount())}
    assert dates and all("2026-11-01" <= d <= TODAY.isoformat() for d in dates)


def test_spanish(qtbot, demo_ctx, settings, tmp_path):
    assert i18n.install_translators("es")
    try:
        ctx = make_ctx(demo_ctx.ledger, settings, locale="es_ES", language="es")
        window = open_window(qtbot, ctx)
        assert window.sidebar.item(0).text() == "Resumen"
        assert window.act_new_invoice.text() == "Nueva &factura…"
        qtbot.waitUntil(lambda: window.dashboard.data is not None)
        report = window.dashboard.data.aging
        label = window.dashboard.findChild(type(window.dashboard.as_of), "total_EUR")
        assert label.text().replace("\xa0", " ").endswith(" €") and "," in label.text()
        assert label.text() == ctx.fmt.money(report.total("EUR"), "EUR")
        window.show_page(2)
        wait_loaded(qtbot, window.invoices.model)
        header = window.invoices.model.headerData(InvoicesModel.Col.BALANCE, Qt.Orientation.Horizontal)
        assert header == "Pendiente"
        from collector_gui.ui import display_names

        # one English word, two Spanish ones: the page of overdue invoices, an overdue one
        assert (window.sidebar.item(3).text(), display_names.status_label("overdue")) == (
            "Vencidas", "Vencida")
        window.close()
    finally:
        i18n.install_translators("en")


def test_spanish_window_reports_errors_in_spanish(qtbot, ctx, tmp_path):
    # The layers below the window (import report, store errors) speak the window's language.
    assert i18n.install_translators("es")
    try:
        window = open_window(qtbot, make_ctx(ctx.ledger, ctx.settings, "es_ES", "es"))
        bad = tmp_path / "malas.csv"
        bad.write_text("number,client,issue_date,due_date,currency,total\n"
                       "X-1,Ana,2026-02-30,2026-03-01,EUR,10\n", encoding="utf-8")
        window.show_page(2)
        handle = window.start_import("invoices", str(bad))
        qtbot.waitUntil(lambda: handle.done, timeout=5000)
        box = _box(qtbot, "messageBox")
        text = box.text() + "\n" + box.detailedText() + "\n" + box.informativeText()
        assert "2026-02-30 no es una fecha que exista" in text, text
        assert "no se ha importado nada" in text, text
        box.close()
        window.close()
    finally:
        i18n.install_translators("en")
    assert ctx.store.find_client("Ana") is None


def test_settings_language_switch_is_remembered(qtbot, window, ctx):
    window.act_settings.trigger()
    dialog = window.dialog
    dialog.ui_language.setCurrentIndex(dialog.ui_language.findData("es"))
    with qtbot.waitSignal(window.languageChanged) as signal:
        dialog.accept()
    assert signal.args == ["es"]
    assert i18n.chosen_language(ctx.settings) == "es"


def test_unexpected_error_logged_and_shown_once(qtbot, window, monkeypatch):
    monkeypatch.setattr(notify, "_shown_kinds", set())
    notify.setup_logging()

    def boom():
        raise ZeroDivisionError("division by zero")

    for _ in range(2):
        try:
            boom()
        except ZeroDivisionError:
            notify._excepthook(*sys.exc_info())
    boxes = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, QMessageBox) and w.isVisible()]
    assert len(boxes) == 1 and "ZeroDivisionError" in boxes[0].text()
    boxes[0].close()
    log = (paths.log_dir() / notify.LOG_FILENAME).read_text()
    assert log.count("ZeroDivisionError: division by zero") == 2  # logged each time
    notify._excepthook(CollectorError, CollectorError("The ledger is busy."), None)
    assert _box(qtbot, "messageBox").text() == "The ledger is busy."


def test_background_task_progress_and_cancel(qtbot, window, ctx):
    def slow(ledger, task):
        for i in range(200):
            task.step(i, 200, f"step {i}")
            time.sleep(0.01)
        return ledger.path

    handle = run_in_background(window, slow, ledger_path=ctx.path, label="Slow")
    qtbot.waitUntil(lambda: handle.progress_dialog is not None and handle.progress_dialog.isVisible(),
                    timeout=3000)
    qtbot.waitUntil(lambda: handle.progress_dialog.value() > 0)
    qtbot.mouseClick(handle.progress_dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: handle.done, timeout=5000)
    assert handle.result is None and handle.error is not None
    assert "Cancelled" in window.statusBar().currentMessage()

    done = []
    handle = run_in_background(window, lambda ledger, task: ledger.path, done.append,
                               ledger_path=ctx.path)
    qtbot.waitUntil(lambda: handle.done)
    assert done == [ctx.path]


def test_backup_and_import_run_in_background(qtbot, window, ctx, tmp_path):
    handle = window.start_backup(tmp_path / "backups")
    qtbot.waitUntil(lambda: handle.done, timeout=5000)
    assert handle.result.exists() and "Backed up" in window.statusBar().currentMessage()
    csv = tmp_path / "clients.csv"
    csv.write_text("name,email,currency\nImported One,one@example.com,EUR\n", encoding="utf-8")
    window.show_page(1)
    handle = window.start_import("clients", str(csv))
    qtbot.waitUntil(lambda: handle.done, timeout=5000)
    assert ctx.store.find_client("Imported One") is not None
    box = _box(qtbot, "messageBox")
    assert box.text().endswith("clients.csv: imported 1 client.")
    box.close()
    wait_loaded(qtbot, window.clients.model)
    assert window.clients.model.rowCount() == 1


def test_run_app_on_the_sample_ledger(qtbot, monkeypatch):
    from collector_gui import app

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    seen = {}

    def close_soon():
        windows = [w for w in QApplication.topLevelWidgets()
                   if w.objectName() == "mainWindow" and w.isVisible()]
        if not windows:
            QTimer.singleShot(50, close_soon)
            return
        seen["title"] = windows[0].windowTitle()
        windows[0].close()

    QTimer.singleShot(50, close_soon)
    assert app.run_app(None, sample=True) == 0
    assert seen["title"].endswith("sample-ledger.sqlite")
    assert paths.sample_ledger_path().stat().st_size > 0


@pytest.mark.parametrize("choice", ["startEmpty", "openSample"])
def test_first_start_offers_empty_or_sample(qtbot, monkeypatch, choice):
    from collector_gui import app
    from collector_gui.ui.dialogs.settings import FirstRunDialog

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)

    def drive():
        dialog = next((w for w in QApplication.topLevelWidgets()
                       if isinstance(w, FirstRunDialog) and w.isVisible()), None)
        if dialog is None:
            QTimer.singleShot(20, drive)
            return
        dialog.findChild(type(dialog.empty_button), choice).click()
        if choice == "startEmpty":
            dialog.skip_button.click()
        QTimer.singleShot(20, close_window)

    def close_window():
        windows = [w for w in QApplication.topLevelWidgets()
                   if w.objectName() == "mainWindow" and w.isVisible()]
        if not windows:
            QTimer.singleShot(20, close_window)
            return
        windows[0].close()

    QTimer.singleShot(20, drive)
    assert app.run_app(None) == 0
    made = paths.default_ledger_path() if choice == "startEmpty" else paths.sample_ledger_path()
    assert made.exists()


@pytest.mark.parametrize("locale", ["en_US", "es_ES"])
def test_dashboard_charts_have_round_ticks_in_the_readers_numbers(qtbot, demo_ctx, settings,
                                                                  locale):
    ctx = make_ctx(demo_ctx.ledger, settings, locale=locale)
    window = open_window(qtbot, ctx)
    try:
        page = window.dashboard
        qtbot.waitUntil(lambda: page.data is not None and not page.loading)
        assert page.currency.currentText() == "EUR"
        aging = page.data.aging.buckets["EUR"]
        for chart, largest in ((page.aging_chart, max(aging.values()) / 100),
                               (page.collected_chart, max(page.data.collected["EUR"]) / 100)):
            (axis,) = chart.axes(Qt.Orientation.Vertical)
            step = (axis.max() - axis.min()) / (axis.tickCount() - 1)
            assert axis.min() == 0 and axis.max() >= largest
            # round steps (1, 2, 2.5 or 5 times a power of ten), not fifths of the largest bar
            assert step / 10 ** math.floor(math.log10(step)) in (1, 2, 2.5, 5), step
            assert chart.localizeNumbers() and chart.locale().name() == locale
    finally:
        window.close()


def test_help_is_the_last_menu(qtbot, ctx):
    window = open_window(qtbot, ctx)
    try:
        titles = [a.text() for a in window.menuBar().actions()]
        assert titles == ["&File", "&Edit", "&View", "&Clients", "&Invoices", "C&ontact",
                          "&Reminders", "&Help"]
        assert window.reminders.act_wizard in window.menuBar().actions()[-2].menu().actions()
    finally:
        window.close()


def test_status_line_counts_the_table_in_view(qtbot, demo_ctx):
    window = open_window(qtbot, demo_ctx)
    try:
        page = window.clients
        window.show_page(1)
        wait_loaded(qtbot, page.model)
        clients = page.model.count
        fmt = demo_ctx.fmt
        qtbot.waitUntil(lambda: window.page_status.text() == f"{fmt.number(clients)} clients")
        client = max(demo_ctx.store.clients(),
                     key=lambda c: len(demo_ctx.store.invoices_of(c.id)))
        invoices = len(demo_ctx.store.invoices_of(client.id))
        assert invoices != clients
        page.show_client(client.id)
        wait_loaded(qtbot, page.detail.invoices)
        qtbot.waitUntil(lambda: window.page_status.text().startswith(
            f"{fmt.number(invoices)} invoices  ·  total "))
        page.detail.tabs.setCurrentIndex(1)  # payments
        wait_loaded(qtbot, page.detail.payments)
        payments = page.detail.payments.count
        qtbot.waitUntil(lambda: window.page_status.text() == f"{fmt.number(payments)} payments")
        page.show_list()
        qtbot.waitUntil(lambda: window.page_status.text() == f"{fmt.number(clients)} clients")
    finally:
        window.close()
