"""The reminder wizard never freezes the window (issue 19) and asks before it sends (issue 15):
the plan and the drafts are made in worker threads behind a busy panel whose Cancel stops
them between clients; the mouse wheel does not change a stage box it merely passes over;
"Send N messages to N clients?" comes before anything goes to a real SMTP server; the summary
lists each message once, grouped and scrollable; Mail settings… makes a wizard with no server
able to send; Ctrl+Shift+R opens it from every page of the window."""

from __future__ import annotations

import threading

import pytest
from aiosmtpd.controller import Controller
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QTabWidget, QWidget, QWizard

from collector_gui.actions import config, remind
from collector_gui.actions.delivery import DeliverySummary, MessageResult
from collector_gui.actions.remind import ReminderFlow
from collector_gui.actions.remind_wizard import Work
from collector_gui.core.errors import Cancelled
from collector_gui.ledger.database import Ledger
from collector_gui.ledger.store import Store
from collector_gui.ui.reminder_widgets import StageBox
from collector_gui.ui.reminder_wizard import ReminderWizard
from collector_gui.ui.reminders import WIZARD_SHORTCUT
from tests.helpers.gui import click, next_page, wizard_ready
from tests.helpers.smtp import Handler, free_port

GATE_TIMEOUT = 20  # seconds a gated worker waits at most (the test opens the gate long before)





def _set(ctx, **values):
    """Settings written as another program would (the window's own connection only reads)."""
    with Ledger.open(ctx.path, create=False) as other:
        for key, value in values.items():
            config.config_set(Store(other), key.replace("_", "."), value)


class Gate:
    """Wraps a function so that its first call, in whatever thread, waits until opened."""

    def __init__(self, real):
        self.real = real
        self.calls: list[str] = []
        self.started = threading.Event()
        self.release = threading.Event()

    def __call__(self, *args, **kwargs):
        self.calls.append(threading.current_thread().name)
        if len(self.calls) == 1:
            self.started.set()
            assert self.release.wait(GATE_TIMEOUT)
        return self.real(*args, **kwargs)


@pytest.fixture
def smtp_server():
    """A real SMTP server on 127.0.0.1 (no TLS, no AUTH: a local relay)."""
    handler = Handler()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port, ready_timeout=5)
    controller.start()
    yield handler, port
    controller.stop()


def test_the_wizard_opens_at_once_and_works_the_plan_out_in_a_worker(qtbot, demo_window,
                                                                       monkeypatch):
    gate = Gate(remind.plan_client)
    monkeypatch.setattr(remind, "plan_client", gate)
    wizard = demo_window.reminders.open_wizard()
    qtbot.addWidget(wizard)
    try:
        # the constructor returned while the worker is held at its first client
        assert wizard.model.busy and wizard.flow is None
        page = wizard.choose
        assert page.stack.currentWidget() is page.busy
        assert page.busy.title.text() == "Working out today's reminders…"
        assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
        qtbot.waitUntil(gate.started.is_set)
        assert gate.calls[0] != threading.main_thread().name
    finally:
        gate.release.set()
    wizard_ready(qtbot, wizard)
    assert page.stack.currentWidget() is page.plan_view
    assert page.table.rowCount() == 2
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    qtbot.waitUntil(lambda: page.busy.bar.maximum() == len(gate.calls))  # one step a client


def test_cancel_stops_working_out_the_plan_between_clients(qtbot, demo_window, monkeypatch):
    gate = Gate(remind.plan_client)
    monkeypatch.setattr(remind, "plan_client", gate)
    wizard = demo_window.reminders.open_wizard()  # closes (and is deleted) by itself
    task = wizard.work
    try:
        qtbot.waitUntil(gate.started.is_set)
        click(qtbot, wizard.choose.busy.cancel_button)
    finally:
        gate.release.set()
    qtbot.waitUntil(lambda: task.done, timeout=20000)
    assert isinstance(task.error, Cancelled)
    assert len(gate.calls) == 1  # the demo's other clients were never planned
    qtbot.waitUntil(lambda: demo_window.reminders.dialog is None)  # nothing to show: closed


def test_next_writes_the_drafts_in_a_worker_and_cancel_goes_back_to_the_plan(
        qtbot, demo_window, monkeypatch):
    wizard = demo_window.reminders.open_wizard()
    qtbot.addWidget(wizard)
    wizard_ready(qtbot, wizard)
    gate = Gate(ReminderFlow._render)
    monkeypatch.setattr(ReminderFlow, "_render", lambda flow, entry: gate(flow, entry))
    page = wizard.choose
    try:
        click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
        qtbot.waitUntil(gate.started.is_set)
        assert wizard.model.work is Work.DRAFTS
        assert page.stack.currentWidget() is page.busy
        assert page.busy.title.text() == "Writing the messages…"
        assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
        assert not wizard.button(QWizard.WizardButton.BackButton).isEnabled()
        assert wizard.currentPage() is page
        click(qtbot, page.busy.cancel_button)
    finally:
        gate.release.set()
    qtbot.waitUntil(lambda: not wizard.model.busy, timeout=20000)
    assert wizard.currentPage() is page and page.stack.currentWidget() is page.plan_view
    assert len(gate.calls) == 1  # stopped before the second client's draft
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    next_page(qtbot, wizard)  # again, to the end: only the missing draft is written
    assert wizard.currentPage() is wizard.review and wizard.review.clients.count() == 2
    assert len(gate.calls) == 2


def _wheel(widget, pos: QPoint | None = None, steps: int = -1) -> None:
    """A real wheel notch at *pos* of *widget* (its middle by default; negative: towards the
    user), sent to whatever widget is under that point, as the mouse would."""
    pos = pos if pos is not None else QPoint(widget.width() // 2, widget.height() // 2)
    target = widget.childAt(pos) or widget
    local = QPointF(target.mapFrom(widget, pos))
    event = QWheelEvent(local, QPointF(target.mapToGlobal(local.toPoint())), QPoint(0, 0),
                        QPoint(0, 120 * steps), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(target, event)


def test_the_wheel_over_the_plan_changes_no_stage(qtbot, demo_window):
    wizard = demo_window.reminders.open_wizard()
    qtbot.addWidget(wizard)
    wizard_ready(qtbot, wizard)
    page = wizard.choose
    before = [(e.client_id, e.stage, [i.id for i in e.invoices]) for e in wizard.flow.entries]
    for entry in wizard.flow.entries:  # a notch over each row's stage, none clicked
        item = page.table.item(page.row_of(entry.client_id), page.Col.STAGE)
        _wheel(page.table.viewport(), page.table.visualItemRect(item).center())
    assert [(e.client_id, e.stage, [i.id for i in e.invoices])
            for e in wizard.flow.entries] == before
    # clicked, the stage box opens with the focus: then the wheel is the user's
    entry = wizard.flow.entries[0]
    box = page.edit_stage(entry.client_id)
    qtbot.waitUntil(box.hasFocus)
    index = box.currentIndex()
    down = index < box.count() - 1  # a notch towards the user goes to the next stage
    _wheel(box, steps=-1 if down else 1)
    assert box.currentIndex() == (index + 1 if down else index - 1)
    assert str(wizard.flow.entry(entry.client_id).stage) == box.currentData()


def test_a_stage_box_without_the_focus_ignores_the_wheel(qtbot):
    holder = QWidget()
    qtbot.addWidget(holder)
    other = QLineEdit(holder)
    box = StageBox(holder)
    box.move(0, 40)
    box.addItems(["polite", "firm", "final notice"])
    holder.show()
    holder.activateWindow()
    other.setFocus()
    qtbot.waitUntil(other.hasFocus)
    _wheel(box)
    assert box.currentIndex() == 0
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    _wheel(box)
    assert box.currentIndex() == 1


def _to_send_page(qtbot, window):
    wizard = window.reminders.open_wizard()
    qtbot.addWidget(wizard)
    wizard_ready(qtbot, wizard)
    next_page(qtbot, wizard)
    next_page(qtbot, wizard)
    assert wizard.currentPage() is wizard.send_page
    return wizard, wizard.send_page


def test_send_asks_first_then_sends_and_sums_up(qtbot, demo_window, demo_ctx, smtp_server):
    handler, port = smtp_server
    _set(demo_ctx, smtp_host="127.0.0.1", smtp_port=str(port), smtp_security="none",
         smtp_from="me@example.com")
    wizard, send = _to_send_page(qtbot, demo_window)
    assert not send.settings_button.isVisible()
    click(qtbot, send.send_button)
    box = send.confirm_box
    assert box.text() == "Send 2 messages to 2 clients?"
    click(qtbot, next(b for b in box.buttons() if b.text() == "Cancel"))
    assert send.task is None and send.summary is None and not handler.received
    assert send.send_button.isEnabled()

    click(qtbot, send.send_button)
    click(qtbot, next(b for b in send.confirm_box.buttons() if b.text() == "Send"))
    qtbot.waitUntil(lambda: send.summary is not None, timeout=20000)
    assert len(handler.received) == 2
    view = send.summary_view
    assert send.stack.currentWidget() is view
    assert view.headline.text() == "2 sent."  # the counts; each message is listed once, below
    assert {r.client for r in view.group("sent")} == {e.client.name for e in wizard.flow.included}
    assert view.tree.topLevelItem(0).text(0) == "Sent (2)"
    assert view.tree.topLevelItem(0).childCount() == 2
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    assert not send.send_button.isEnabled() and not send.save_button.isEnabled()


def test_a_long_summary_stays_readable_and_scrolls(qtbot, demo_window):
    wizard, send = _to_send_page(qtbot, demo_window)

    def result(i, status):
        return MessageResult(f"Client {i}", f"c{i}@example.test", f"Invoice {i}", status,
                             event_id=i, error="refused" if status != "sent" else "")

    statuses = ["sent"] * 30 + ["failed"] * 3 + ["unknown"] + ["skipped"]
    summary = DeliverySummary([result(i, s) for i, s in enumerate(statuses)])
    wizard.model.start(Work.DELIVERY)
    send._done(summary)
    view = send.summary_view
    qtbot.waitUntil(lambda: view.tree.isVisible())
    labels = [view.tree.topLevelItem(i).text(0) for i in range(view.tree.topLevelItemCount())]
    assert labels == ["Sent (30)", "Failed (3)", "Delivery unknown (1)", "Skipped (1)"]
    assert view.headline.text() == "30 sent, 3 failed, 1 unknown, 1 skipped."
    assert "outbox" in view.notes.text() and "unknown" in view.notes.text()
    line_height = view.tree.fontMetrics().height()
    assert view.tree.height() >= 8 * line_height  # not squeezed by the text around it
    assert view.tree.verticalScrollBar().maximum() > 0  # 39 rows: it scrolls
    for label in (view.headline, view.notes):  # nothing listed twice, nothing cut off
        assert "Client 7" not in label.text()
        assert label.height() >= label.heightForWidth(label.width())


def test_mail_settings_from_the_wizard_then_it_can_send(qtbot, demo_window, demo_ctx,
                                                        smtp_server):
    handler, port = smtp_server
    wizard, send = _to_send_page(qtbot, demo_window)
    assert not send.send_button.isEnabled() and send.settings_button.isVisible()
    click(qtbot, send.settings_button)
    dialog = send.settings_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.findChild(QTabWidget).currentWidget() is dialog.mail
    mail = dialog.mail
    qtbot.keyClicks(mail.host, "127.0.0.1")
    mail.port.setValue(port)
    mail.security.setCurrentIndex(mail.security.findData("none"))
    qtbot.keyClicks(mail.sender, "me@example.com")
    dialog.accept()
    qtbot.waitUntil(lambda: send.send_button.isEnabled(), timeout=10000)
    assert not send.settings_button.isVisible()
    click(qtbot, send.send_button)
    click(qtbot, next(b for b in send.confirm_box.buttons() if b.text() == "Send"))
    qtbot.waitUntil(lambda: send.summary is not None, timeout=20000)
    assert len(send.summary.sent) == 2 and len(handler.received) == 2


def test_the_wizard_has_its_own_shortcut_on_every_page(qtbot, demo_window):
    win = demo_window
    action = win.reminders.act_wizard
    assert action.shortcut().toString() == WIZARD_SHORTCUT == "Ctrl+Shift+R"
    menu = next(a.menu() for a in win.menuBar().actions() if a.text() == "&Reminders")
    assert action in menu.actions()  # the menu shows it beside the entry
    assert win.reminders.act_send_one.shortcut().toString() == "Ctrl+R"  # still its own
    for index in range(len(win.pages)):
        win.show_page(index)
        win.activateWindow()
        qtbot.waitUntil(win.isActiveWindow)
        qtbot.keyClick(win, Qt.Key.Key_R,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        wizard = win.reminders.dialog
        assert isinstance(wizard, ReminderWizard), f"page {index}"
        wizard_ready(qtbot, wizard)
        wizard.reject()
        qtbot.waitUntil(lambda: win.reminders.dialog is None)


def test_a_plan_that_cannot_be_made_says_why_on_the_page(qtbot, demo_ctx):
    wizard = ReminderWizard(demo_ctx, client="Nobody Ltd")
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitUntil(lambda: not wizard.model.busy, timeout=20000)
    page = wizard.choose
    assert page.stack.currentWidget() is page.error
    assert page.error.text() == "There is no client named 'Nobody Ltd'."
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
