"""The dashboard's "To chase today": exactly the invoices the reminder policy says to act on
today (the wizard's plan and its manual steps), worked out off the window's thread."""

from __future__ import annotations

import datetime as dt

from collector_gui.actions import remind
from collector_gui.core.model import Client, ContactEvent, EventKind, EventStatus, Invoice
from collector_gui.ledger.store import Store
from collector_gui.ui import window_language as i18n
from collector_gui.ui.main_window import MainWindow
from tests.unit.reminders.test_chase_today import build_disagreeing_ledger

from tests.helpers.dates import TODAY
from tests.helpers.gui import make_ctx, open_window, writable

ACT_ON = {"SEND-BROKEN", "SEND-NEVER", "MANUAL-DONE", "SEND-DUE-TODAY"}


def _wait_chase(qtbot, page) -> None:
    qtbot.waitUntil(lambda: page.chase is not None and not page.chase_loading, timeout=10000)


def _shown(page) -> list[str]:
    """The invoice numbers listed, client by client (each client's row, then its invoices),
    every client opened as a person would see them."""
    model = page.chase_model
    page.chase_table.expandAll()
    out = []
    for r in range(model.rowCount()):
        client = model.index(r, 0)
        out += [model.index(i, 0, client).data() for i in range(model.rowCount(client))]
    return out


def test_the_table_shows_what_the_policy_says(qtbot, ctx):
    inv = build_disagreeing_ledger(writable(ctx))
    window = open_window(qtbot, ctx)
    try:
        page = window.dashboard
        _wait_chase(qtbot, page)
        # most overdue first, as before; the one due today last
        assert _shown(page) == ["MANUAL-DONE", "SEND-BROKEN", "SEND-NEVER", "SEND-DUE-TODAY"]
        assert set(_shown(page)) == ACT_ON
        # the same invoices as the wizard's plan plus its manual steps
        flow = remind.plan_reminders(ctx.store, TODAY)
        planned = {i.id for e in flow.entries for i in e.invoices}
        manual = {d.invoice.id for _client, d in flow.manual_steps()}
        assert set(page.chase_model.ids()) == planned | manual
        assert page.chase_model.ids() and set(page.chase_model.ids()) == set(page.chase.ids)
        assert page.chase_label.text() == (
            "4 clients with 4 invoices to act on today: reminders due, or calls to make.")
        # what the old rule listed, the policy holds back
        for number in ("WAIT-PAYBY", "WAIT-GAP-2", "SKIP-DISPUTED"):
            assert inv[number].id not in page.chase_model.ids()
    finally:
        window.close()


def test_the_table_follows_a_write(qtbot, ctx):
    inv = build_disagreeing_ledger(writable(ctx))
    window = open_window(qtbot, ctx)
    try:
        page = window.dashboard
        _wait_chase(qtbot, page)
        # the polite reminder to Never Reminded Inc went out (from the wizard, say)
        writable(ctx).add_event(ContactEvent(
            client_id=inv["SEND-NEVER"].client_id, at=dt.datetime(2026, 11, 23, 9),
            kind=EventKind.EMAIL, stage="polite", status=EventStatus.SENT,
            invoice_ids=(inv["SEND-NEVER"].id,)))
        ctx.notify()
        qtbot.waitUntil(lambda: "SEND-NEVER" not in _shown(page), timeout=10000)
        _wait_chase(qtbot, page)
        assert set(_shown(page)) == ACT_ON - {"SEND-NEVER"}
        assert page.chase_label.text() == (
            "3 clients with 3 invoices to act on today: reminders due, or calls to make.")
    finally:
        window.close()


def test_one_and_none(qtbot, ctx):
    window = open_window(qtbot, ctx)
    try:
        page = window.dashboard
        _wait_chase(qtbot, page)
        assert _shown(page) == [] and page.chase_label.text() == "Nothing to chase today."
        inv = build_disagreeing_ledger(writable(ctx))
        for number in ("SEND-BROKEN", "SEND-NEVER", "MANUAL-DONE"):
            writable(ctx).set_invoice_flags(inv[number].id, disputed=True)
        ctx.notify()
        qtbot.waitUntil(lambda: _shown(page) == ["SEND-DUE-TODAY"], timeout=10000)
        _wait_chase(qtbot, page)
        assert page.chase_label.text() == (
            "1 client with 1 invoice to act on today: reminders due, or calls to make.")
    finally:
        window.close()


def test_the_label_in_spanish(qtbot, ctx):
    build_disagreeing_ledger(writable(ctx))
    assert i18n.install_translators("es")
    try:
        window = open_window(qtbot, make_ctx(ctx.ledger, ctx.settings, "es_ES", "es"))
        page = window.dashboard
        _wait_chase(qtbot, page)
        assert page.chase_box.title() == "Para reclamar hoy"
        assert page.chase_label.text() == (
            "4 clientes con 4 facturas que atender hoy: recordatorios que enviar o llamadas que hacer.")
        window.close()
    finally:
        i18n.install_translators("en")


def test_reminder_settings_that_contradict_are_said_not_raised(qtbot, ctx):
    build_disagreeing_ledger(writable(ctx))
    writable(ctx).set_setting("reminders.stages", "polite,urgent")  # no such stage
    window = open_window(qtbot, ctx)
    try:
        page = window.dashboard
        qtbot.waitUntil(lambda: not page.chase_loading, timeout=10000)
        assert page.chase is None and _shown(page) == []
        assert page.chase_label.text().startswith(
            "Today's reminders could not be worked out: ")
    finally:
        window.close()


def test_the_label_says_it_is_working_until_the_plan_comes(qtbot, ctx):
    build_disagreeing_ledger(writable(ctx))
    window = MainWindow(ctx)  # results come through the event loop: none has come yet
    qtbot.addWidget(window)
    try:
        page = window.dashboard
        assert page.chase is None and page.chase_loading
        assert page.chase_label.text() == "Working out today's reminders…"
        _wait_chase(qtbot, page)
        assert page.chase_label.text().startswith("4 clients with 4 invoices to act on today")
    finally:
        window.close()


def test_a_courtesy_note_before_the_due_date_is_listed_without_days_overdue(qtbot, ctx):
    soon = writable(ctx).add_client(Client(name="Soon Due Oy", email="ap@soon.test"))
    writable(ctx).add_invoice(Invoice("SEND-PRE-DUE", soon.id, TODAY - dt.timedelta(days=20),
                                  TODAY + dt.timedelta(days=3), "EUR", 50000))
    window = open_window(qtbot, ctx)
    try:
        page = window.dashboard
        _wait_chase(qtbot, page)
        assert _shown(page) == ["SEND-PRE-DUE"]
        model = page.chase_model
        C = model.Col
        invoice = model.index(0, C.INVOICES, model.index(0, 0))
        assert invoice.data() == ""  # not "0 days late": it is not overdue at all
        assert model.index(0, C.ACTION, model.index(0, 0)).data() == "Pre-due notice"
        assert page.chase_label.text() == (
            "1 client with 1 invoice to act on today: reminders due, or calls to make.")
    finally:
        window.close()
