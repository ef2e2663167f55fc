"""The window's lists as a person reads them: counts with plurals right in both languages,
the summary line under the invoices and overdue tables (totals per currency of the whole
filter), no balance on a void invoice, headers never clipped in either language at 1024×700,
and the dashboard's chase list grouped by client."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics, QFontMetricsF

from collector_gui.core.model import Client, Invoice, Payment
from collector_gui.ledger import browse
from collector_gui.ui import models
from collector_gui.ui import window_language as i18n
from collector_gui.ui.chase_model import ChaseModel
from collector_gui.ui.widgets import TableView
from tests.helpers.dates import TODAY
from tests.helpers.gui import make_ctx, open_window, wait_loaded, writable


@pytest.fixture
def spanish():
    assert i18n.install_translators("es")
    yield
    i18n.install_translators("en")


@pytest.mark.parametrize(("n", "en", "es"), [
    (0, "0 invoices", "0 facturas"), (1, "1 invoice", "1 factura"),
    (2, "2 invoices", "2 facturas"), (5000, "5,000 invoices", "5.000 facturas"),
])
def test_invoice_counts_in_both_languages(qapp, n, en, es):
    assert models.invoices_text(n, i18n.Fmt("en_US")) == en
    assert i18n.install_translators("es")
    try:
        assert models.invoices_text(n, i18n.Fmt("es_ES")) == es
    finally:
        i18n.install_translators("en")


def test_other_counts_in_both_languages(qapp, spanish):
    es = i18n.Fmt("es_ES")
    assert [models.rows_text(n, es) for n in (1, 2)] == ["1 fila", "2 filas"]
    assert [models.clients_text(n, es) for n in (1, 3)] == ["1 cliente", "3 clientes"]
    assert [models.days_late_text(n, es) for n in (1, 9)] == ["1 día de retraso",
                                                              "9 días de retraso"]
    i18n.install_translators("en")
    en = i18n.Fmt("en_US")
    assert [models.clients_text(n, en) for n in (1, 3)] == ["1 client", "3 clients"]
    assert [models.entries_text(n, en) for n in (1, 2)] == ["1 entry", "2 entries"]


def _books(store):
    ana = store.add_client(Client(name="Ana Álvarez", email="ana@x.es"))
    yen = store.add_client(Client(name="Sakura KK", email="ap@sakura.jp", currency="JPY"))
    day = TODAY - dt.timedelta(days=50)
    due = day + dt.timedelta(days=30)
    made = {}
    for number, client, cur, total in [("E-1", ana, "EUR", 913600), ("E-2", ana, "EUR", 12000),
                                       ("E-3", ana, "USD", 310000), ("Y-1", yen, "JPY", 1000819),
                                       ("Y-2", yen, "JPY", 4000), ("V-1", ana, "EUR", 77700)]:
        made[number] = store.add_invoice(Invoice(number, client.id, day, due, cur, total))
    store.set_invoice_flags(made["V-1"].id, void=True)
    return made


def test_the_invoice_list_says_how_many_and_what_they_add_up_to(qtbot, ctx):
    _books(writable(ctx))
    model = models.InvoicesModel(ctx)
    model.set_filter(browse.InvoiceFilter())
    qtbot.waitUntil(lambda: model.summary is not None and not model.loading)
    text = model.summary_text()
    assert text.startswith("6 invoices")
    assert "total €10,033.00 · ¥1,004,819 · $3,100.00" in text
    # the void invoice is in the total invoiced but owes nothing
    assert "owed €9,256.00 · ¥1,004,819 · $3,100.00" in text
    assert "read" not in text and "scroll" not in text
    void = model.row_of_id(next(r.id for r in model._rows if r.number == "V-1"))
    assert model.index(void, model.Col.BALANCE).data() == ""
    assert model.index(void, model.Col.TOTAL).data() == "€777.00"


def test_the_summary_line_is_the_whole_filter_not_the_rows_read(qtbot, demo_ctx):
    model = models.InvoicesModel(demo_ctx)
    model.set_filter(browse.InvoiceFilter())
    qtbot.waitUntil(lambda: model.summary is not None and not model.loading)
    assert model.rowCount() < model.count  # only the first page is read
    assert model.summary_text().startswith(models.invoices_text(model.count, demo_ctx.fmt))
    store = demo_ctx.store
    totals: dict[str, int] = {}
    for client in store.clients():
        for inv in store.invoices_of(client.id):
            totals[inv.currency] = totals.get(inv.currency, 0) + inv.total_minor
    assert {t.currency: t.total_minor for t in model.summary.per_currency} == totals


def test_the_page_shows_the_summary_under_the_table_in_spanish(qtbot, ctx, spanish):
    _books(writable(ctx))
    window = open_window(qtbot, make_ctx(ctx.ledger, ctx.settings, "es_ES", "es"))
    try:
        page = window.invoices
        page.apply_filter()
        qtbot.waitUntil(lambda: page.count.text().startswith("6 facturas"))
        assert page.count.text() == (
            "6 facturas  ·  total 10.033,00\xa0€ · 1.004.819\xa0JPY · 3.100,00\xa0US$  ·  "
            "pendiente 9.256,00\xa0€ · 1.004.819\xa0JPY · 3.100,00\xa0US$")
        page.search.setText("alvarez")
        page.search.flush()
        qtbot.waitUntil(lambda: page.count.text().startswith("4 facturas"))
        page.search.setText("Y-1")
        page.search.flush()
        qtbot.waitUntil(lambda: page.count.text().startswith("1 factura "))
    finally:
        window.close()


@pytest.mark.parametrize("language", ["en", "es"])
def test_headers_are_never_clipped_at_1024x700(qtbot, ctx, language):
    _books(writable(ctx))
    assert i18n.install_translators(language)
    try:
        window = open_window(qtbot, make_ctx(ctx.ledger, ctx.settings,
                                             "es_ES" if language == "es" else "en_US", language))
        window.resize(1024, 700)
        window.pages  # every page built (the window builds them on first show)
        checked = 0
        for view in window.findChildren(TableView):
            header = view.horizontalHeader()
            metrics = QFontMetrics(header.font())
            for col in range(view.model().columnCount()):
                if header.isSectionHidden(col):
                    continue
                text = view.model().headerData(col, Qt.Orientation.Horizontal)
                assert metrics.horizontalAdvance(text) <= header.sectionSize(col), (
                    view.objectName(), text, header.sectionSize(col))
                checked += 1
        chase = window.dashboard.chase_table.header()
        metrics = QFontMetrics(chase.font())
        for col in range(window.dashboard.chase_model.columnCount()):
            text = window.dashboard.chase_model.headerData(col, Qt.Orientation.Horizontal)
            assert metrics.horizontalAdvance(text) <= chase.sectionSize(col), text
        assert checked >= 20
        window.close()
    finally:
        i18n.install_translators("en")


def test_models_pass_the_model_tester(qtbot, qtmodeltester, ctx):
    _books(writable(ctx))
    model = models.InvoicesModel(ctx)
    model.set_filter(browse.InvoiceFilter())
    wait_loaded(qtbot, model)
    qtmodeltester.check(model)
    overdue = models.OverdueModel(ctx)
    overdue.refresh()
    wait_loaded(qtbot, overdue)
    qtmodeltester.check(overdue)


# -- the chase list, by client -------------------------------------------------------------------

def _chase_books(store, clients: int):
    """*clients* clients, each with two overdue invoices (EUR and USD) never reminded."""
    for n in range(clients):
        client = store.add_client(Client(name=f"Cliente {n:02d}", email=f"c{n}@x.es"))
        for k, cur in enumerate(("EUR", "USD")):
            day = TODAY - dt.timedelta(days=70 + n)
            store.add_invoice(Invoice(f"C{n:02d}-{k}", client.id, day,
                                      day + dt.timedelta(days=30), cur, 10000 * (k + 1)))


def _cut_labels(chart) -> list[str]:
    """The bars' labels Qt Charts cuts to "…": it gives each the axis's width over one more than
    the number of bars, less its padding and the label's margins (qtcharts'
    HorizontalAxis::updateGeometry); 7 pixels in all, measured on the dashboard at 1024 pixels
    ("Not due", 39.5 wide, cut in 45.1; "Current", 37.5, whole)."""
    (axis,) = chart.axes(Qt.Orientation.Horizontal)
    labels = axis.categories()
    room = chart.plotArea().width() / (len(labels) + 1)
    metrics = QFontMetricsF(axis.labelsFont())
    return [text for text in labels if metrics.horizontalAdvance(text) + 7 > room]


def _wait_chase(qtbot, page) -> None:
    qtbot.waitUntil(lambda: page.chase is not None and not page.chase_loading, timeout=10000)


@pytest.fixture
def chase_page(qtbot, ctx):
    """The dashboard of a window on three clients to chase, its list worked out."""
    _chase_books(writable(ctx), 3)
    window = open_window(qtbot, ctx)
    try:
        page = window.dashboard
        _wait_chase(qtbot, page)
        yield page
    finally:
        window.close()


def _painted(model, index):
    """What Qt's delegate paints a cell with, and how many times Qt called into the model's
    Python for it (data() called by the model's own multiData is not a call from Qt)."""
    import sys

    from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

    from_qt = []
    answer = model.data

    def data(*args):
        if sys._getframe(1).f_code.co_name != "multiData":
            from_qt.append(args)
        return answer(*args)

    model.data = data
    try:
        option = QStyleOptionViewItem()
        QStyledItemDelegate().initStyleOption(option, index)
    finally:
        del model.data
    return option, len(from_qt)


def test_a_cell_is_painted_from_one_call_with_what_data_answers(qtbot, ctx):
    """The delegate asks every role of a cell at once (multiData): the paged tables answer
    them in one Python call, from data(), not in one call from Qt per role (behind a busy
    worker each call into Python waited for the GIL: bench_stalls.py). The text and alignment
    painted are data()'s."""
    _chase_books(writable(ctx), 2)
    window = open_window(qtbot, ctx)
    try:
        window.show_page(2)  # the invoices: a paged table
        invoices = window.invoices.model
        qtbot.waitUntil(lambda: not invoices.loading and invoices.rowCount() == 4)
        for index in [invoices.index(0, c) for c in range(invoices.columnCount())]:
            assert index.isValid()
            option, from_qt = _painted(index.model(), index)
            assert from_qt == 0  # every role through the one multiData call
            assert option.text == (index.data() or "")
            align = index.data(Qt.ItemDataRole.TextAlignmentRole)
            if align is not None:
                assert int(option.displayAlignment.value) == int(align)
    finally:
        window.close()


def _python_calls_on(objects, action) -> list[str]:
    """The Python methods of *objects* called (from C++: a model's or a view's virtuals)
    while *action* runs."""
    import sys

    ids = {id(o) for o in objects}
    called: list[str] = []

    def profile(frame, event, _arg):
        if event == "call" and id(frame.f_locals.get("self")) in ids:
            called.append(f"{frame.f_code.co_filename}:{frame.f_code.co_name}")

    sys.setprofile(profile)
    try:
        action()
    finally:
        sys.setprofile(None)
    return called


def test_the_chase_rows_cross_from_the_worker_without_locking_the_window(qtbot, ctx):
    """The rows are made in the plan's worker. It pushes them to no thread, never into the
    window's: moving an object into a thread locks that thread's event queue, and the worker
    holds the GIL meanwhile (a CI run hung 5 minutes in that call). The window's thread pulls
    them in and its model owns them, so no reference dropped elsewhere deletes them."""
    import gc
    import threading

    from PySide6.QtCore import QThread
    from shiboken6 import Shiboken

    from collector_gui.actions.remind_views import chase_today
    from collector_gui.ledger.store import Store
    from collector_gui.ui.chase_model import chase_rows

    _chase_books(writable(ctx), 3)
    made: list = []

    def work() -> None:
        with type(ctx.ledger).open(ctx.path, create=False) as ledger:
            chase = chase_today(Store(ledger), TODAY)
        made.append((chase, chase_rows(chase.groups, ctx.fmt)))

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    ((chase, rows),) = made
    assert rows.thread() is None and rows.rowCount() == 3  # nobody's, until pulled
    model = ChaseModel(ctx.fmt)
    first = model._rows
    model.show(chase.groups, rows, TODAY)
    assert rows.thread() is QThread.currentThread() and rows.parent() is model
    assert not Shiboken.ownedByPython(rows)
    made.clear()
    del rows
    gc.collect()
    assert model.rowCount() == 3 and model.index(0, 0).data() == "Cliente 02"  # most overdue
    # the rows shown before go with a deleteLater, on this thread
    assert Shiboken.isValid(first)
    qtbot.waitUntil(lambda: not Shiboken.isValid(first))


def test_the_chase_list_is_painted_without_python(chase_page):
    """Qt repaints the whole chase list when a progress dialog takes the focus: its rows are
    a C++ model made in the plan's worker, so the repaint never waits for the GIL behind the
    busy export or send (a Python tree model answered ~360 calls: a 50-65 ms stall in
    bench_stalls.py). What is painted is still the list's text, right-aligned money."""
    page = chase_page
    tree = page.chase_table
    tree.expandAll()
    tree.viewport().repaint()  # the first call of each virtual looks for an override
    chase = page.chase_model
    parts = (tree, tree.header(), tree.itemDelegate(), chase, chase.sourceModel())
    assert _python_calls_on(parts, tree.viewport().repaint) == []
    assert _python_calls_on(parts, tree.header().viewport().repaint) == []
    client = chase.index(0, 0)
    from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

    for index in (client, chase.index(0, ChaseModel.Col.OWED), chase.index(1, 0, client),
                  chase.index(0, ChaseModel.Col.OWED, client)):
        option = QStyleOptionViewItem()
        QStyledItemDelegate().initStyleOption(option, index)
        assert option.text == index.data() and option.text
    assert option.displayAlignment & Qt.AlignmentFlag.AlignRight  # money, right-aligned
    assert tree.editTriggers() == tree.EditTrigger.NoEditTriggers


def test_the_chase_list_has_one_row_per_client(qtbot, qtmodeltester, chase_page):
    page = chase_page
    model = page.chase_model
    qtmodeltester.check(model)
    assert model.rowCount() == 3  # clients, not the 6 invoices
    C = ChaseModel.Col
    first = model.index(0, 0)
    assert first.data() == "Cliente 02"  # the most overdue client first
    assert model.index(0, C.ACTION).data() == "Polite reminder"
    assert model.index(0, C.INVOICES).data() == "2 invoices"
    assert model.index(0, C.OWED).data() == "€100.00 · $200.00"
    # a client's invoices are filled in when it is opened (a click, the keyboard, expand
    # all): at 1M invoices every row made at once took 3.5 s and 160 MB
    assert model.rowCount(first) == 2 and model.index(0, 0, first).data() is None
    page.chase_table.setCurrentIndex(first)
    page.chase_table.setFocus()
    qtbot.keyClick(page.chase_table, Qt.Key.Key_Right)
    assert page.chase_table.isExpanded(first)
    assert [model.index(r, 0, first).data() for r in range(model.rowCount(first))] == [
        "C02-0", "C02-1"]
    assert model.index(1, C.OWED, first).data() == "$200.00"
    assert model.index(1, C.OWED, first).data(Qt.ItemDataRole.ToolTipRole) == (
        "€100.00 · $200.00")  # what the client owes in all
    page.chase_table.expandAll()
    last = model.index(2, 0)
    assert model.index(1, 0, last).data() == "C00-1"
    assert page.chase_label.text().startswith("3 clients with 6 invoices to act on today")
    # a client row selects the client, not an invoice; an invoice row opens its invoice
    page.chase_table.setCurrentIndex(first)
    assert page.current_invoice_id() is None
    assert page.current_client_id() == page.chase.groups[0].client_id
    invoice = model.index(1, 0, first)
    with qtbot.waitSignal(page.openInvoice) as opened:
        page.chase_table.doubleClicked.emit(invoice)
    assert opened.args == [page.chase.groups[0].invoices[1].id]
    page.chase_table.setCurrentIndex(invoice)  # an invoice row: its client too
    assert page.current_invoice_id() == page.chase.groups[0].invoices[1].id
    assert page.current_client_id() == page.chase.groups[0].client_id


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_dashboard_at_1024x700_shows_the_chase_list(qtbot, ctx, language):
    _chase_books(writable(ctx), 9)
    yen = writable(ctx).add_client(Client(name="Sakura KK", currency="JPY"))
    for cur in ("JPY", "GBP"):
        writable(ctx).add_invoice(Invoice(f"X-{cur}", yen.id, TODAY - dt.timedelta(days=90),
                                          TODAY - dt.timedelta(days=60), cur, 123456789))
    # Millions of euros not yet due, and millions paid last month: both charts' amounts
    # ("6,000,000") at their widest, as in a large ledger.
    writable(ctx).add_invoice(Invoice("X-EUR", yen.id, TODAY, TODAY + dt.timedelta(days=30),
                                      "EUR", 550_000_000))
    paid = writable(ctx).add_invoice(Invoice("P-EUR", yen.id, TODAY - dt.timedelta(days=60),
                                             TODAY - dt.timedelta(days=30), "EUR", 550_000_000))
    writable(ctx).add_payment(Payment(paid.id, TODAY - dt.timedelta(days=31), 550_000_000))
    assert i18n.install_translators(language)
    try:
        window = open_window(qtbot, make_ctx(ctx.ledger, ctx.settings,
                                             "es_ES" if language == "es" else "en_US", language))
        window.resize(1024, 700)
        page = window.dashboard
        _wait_chase(qtbot, page)
        qtbot.waitUntil(lambda: page.data is not None and not page.loading)
        qtbot.wait(50)  # let the layout settle
        # the figures of four currencies scroll sideways: the page never makes the window
        # wider than 1024 pixels (the totals alone are about 880 wide in Spanish)
        assert page.minimumSizeHint().width() + window.sidebar.width() < 1000
        tree = page.chase_table
        row_height = tree.sizeHintForRow(0) or tree.fontMetrics().height()
        assert tree.viewport().height() // row_height > 4

        def rect(widget) -> QRect:
            return QRect(widget.mapTo(page, widget.rect().topLeft()), widget.size())

        label = rect(page.chase_label)
        for chart in (page.aging_view, page.collected_view):
            assert not label.intersects(rect(chart))
            assert rect(chart).height() >= 140
        # no bar's label is cut: not the ages' ("Not d…", "Sin ve…"), nor the twelve months'
        # ("F…", "sept" as "se…"), as they were in two halves of the width
        assert page.currency.currentText() == "EUR"
        assert max(page.data.aging.buckets["EUR"].values()) >= 500_000_000
        assert max(page.data.collected["EUR"]) >= 500_000_000
        for chart in (page.aging_chart, page.collected_chart):
            assert _cut_labels(chart) == [], chart.title()
        # a due date is never cut ("Dec 12, 20…"): any month's, with the delegate's margins
        due = tree.header().sectionSize(ChaseModel.Col.DUE)
        for month in range(1, 13):
            text = page.ctx.fmt.date(dt.date(2026, month, 28))
            assert tree.fontMetrics().horizontalAdvance(text) + 8 <= due, (text, due)
        window.close()
    finally:
        i18n.install_translators("en")


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_page_fits_a_1024_pixel_screen(qtbot, demo_ctx, language):
    """No page may make the window wider than 1024 pixels, with the sample ledger's four
    currencies in every totals line: the bank page's one-line key hint once made it 1,074,
    and the overdue totals in Spanish 1,151."""
    assert i18n.install_translators(language)
    try:
        window = open_window(qtbot, make_ctx(demo_ctx.ledger, demo_ctx.settings,
                                             "es_ES" if language == "es" else "en_US", language))
        window.resize(1024, 700)
        for index in range(len(window.pages)):
            window.show_page(index)
            model = getattr(window.current_page(), "model", None)
            if model is not None:
                wait_loaded(qtbot, model)
            qtbot.wait(20)
            assert window.minimumSizeHint().width() <= 1024, window.current_page()
            assert window.width() <= 1024, window.current_page()
        window.close()
    finally:
        i18n.install_translators("en")
