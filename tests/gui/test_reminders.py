"""Reminders in the window: the wizard from the Overdue page to the summary (saved as .eml),
Ctrl+R's one-line confirmation, and the outbox listing failed messages after a retry."""

from __future__ import annotations

import email
import email.policy
import socket

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWizard

from collector_gui.actions import config, delivery
from collector_gui.ledger.database import Ledger
from collector_gui.ledger.store import Store
from collector_gui.ui.dialogs.outbox import OutboxDialog
from collector_gui.ui.reminder_wizard import ReminderWizard
from collector_gui.ui.tasks import wait_for_all

from tests.helpers.dates import TODAY
from tests.helpers.gui import click, next_page, wait_loaded, wizard_ready





def _parse(path):
    with open(path, "rb") as fh:
        return email.message_from_binary_file(fh, policy=email.policy.default)


def test_wizard_from_overdue_page_saves_eml(qtbot, demo_window, demo_ctx, tmp_path,
                                            monkeypatch):
    win = demo_window
    win.show_page(3)  # Overdue
    assert win.current_page() is win.overdue
    click(qtbot, win.overdue.remind_button)
    wizard = win.reminders.dialog
    assert isinstance(wizard, ReminderWizard)
    qtbot.addWidget(wizard)
    flow = wizard_ready(qtbot, wizard).flow
    assert flow.as_of == TODAY

    # -- Choose: the policy's plan; untick one client, change the other's stage ------------
    page = wizard.choose
    names = [page.table.item(r, 0).text() for r in range(page.table.rowCount())]
    assert names == [e.client.name for e in flow.entries] and len(names) == 2
    walker = next(e for e in flow.entries if e.client.name == "Walker Software Ltd")
    thompson = next(e for e in flow.entries if e.client.name != "Walker Software Ltd")
    item = page.table.item(page.row_of(thompson.client_id), 0)
    item.setCheckState(Qt.CheckState.Unchecked)
    assert [e.client.name for e in flow.included] == ["Walker Software Ltd"]
    combo = page.edit_stage(walker.client_id)
    combo.setCurrentIndex(combo.findData("firm"))
    assert str(flow.entry(walker.client_id).stage) == "firm"
    # unticking everything leaves nothing to send: Next is off
    page.table.item(page.row_of(walker.client_id), 0).setCheckState(Qt.CheckState.Unchecked)
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    page.table.item(page.row_of(walker.client_id), 0).setCheckState(Qt.CheckState.Checked)
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()

    # -- Review: edit the subject; the edit reaches the flow ----------------------------------
    next_page(qtbot, wizard)
    review = wizard.review
    assert wizard.currentPage() is review
    assert review.clients.count() == 1
    assert review.recipient.text() == walker.recipient
    assert review.attachments.text().endswith(".pdf")
    review.subject.selectAll()
    qtbot.keyClicks(review.subject, "Invoice overdue - please pay")
    review.body.setPlainText("Dear Walker,\n\nPlease pay the attached invoice.\n")
    # an empty subject is refused and keeps the user on the page
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    send = wizard.send_page
    assert wizard.currentPage() is send
    draft = flow.draft(walker.client_id)
    assert draft.subject == "Invoice overdue - please pay" and draft.edited
    assert "Please pay the attached invoice." in draft.text

    # -- Send: no SMTP, so Send is off; Save as .eml into a folder -----------------------------
    assert not send.send_button.isEnabled()
    assert "mail server" in send.intro.text()
    assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    out = tmp_path / "eml"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(out))
    click(qtbot, send.save_button)
    qtbot.waitUntil(lambda: send.summary is not None, timeout=20000)
    assert wait_for_all(5000)
    summary = send.summary
    assert [r.status for r in summary.results] == ["saved"], send.result_label.text()
    assert "1 saved as .eml" in send.result_label.text()
    assert "Saved for Walker Software Ltd" in send.log.toPlainText()
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()

    files = list(out.glob("*.eml"))
    assert len(files) == 1 and files[0] == summary.results[0].path
    msg = _parse(files[0])
    assert walker.recipient in msg["To"]
    assert msg["Subject"] == "Invoice overdue - please pay"
    pdfs = [part for part in msg.iter_attachments()
            if part.get_content_type() == "application/pdf"]
    assert pdfs and pdfs[0].get_filename().endswith(".pdf")
    assert pdfs[0].get_content().startswith(b"%PDF")
    # and it is in the client's history now
    events = demo_ctx.store.events_of(walker.client_id)
    assert any(e.subject == "Invoice overdue - please pay" for e in events)


def _select_overdue_of(qtbot, win, client_name):
    win.show_page(3)
    model = win.overdue.model
    wait_loaded(qtbot, model)
    for row in range(model.rowCount()):
        if model.row_at(row).client == client_name:
            win.overdue.table.selectRow(row)
            return model.row_at(row)
    raise AssertionError(f"{client_name} has no overdue invoice")


def test_ctrl_r_confirms_in_one_line_then_saves_eml(qtbot, demo_window, demo_ctx, tmp_path,
                                                    monkeypatch):
    win = demo_window
    _select_overdue_of(qtbot, win, "Walker Software Ltd")
    assert win.reminders.act_send_one.isEnabled()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    qtbot.keyClick(win, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    box = win.reminders.dialog
    assert isinstance(box, QMessageBox)
    text = box.text()
    assert "accounts@walkersoftware.example" in text
    assert "Polite reminder" in text and ".pdf" in text
    assert "mail server" in box.informativeText()  # no SMTP: offers .eml
    out = tmp_path / "one"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(out))
    yes = next(b for b in box.buttons() if b.text() == "Save as .eml…")
    click(qtbot, yes)
    qtbot.waitUntil(lambda: win.reminders.task is not None and win.reminders.task.done,
                    timeout=20000)
    assert win.reminders.task.error is None
    files = list(out.glob("*.eml"))
    assert len(files) == 1
    assert "accounts@walkersoftware.example" in _parse(files[0])["To"]


def test_ctrl_r_cancel_sends_nothing(qtbot, demo_window, demo_ctx, tmp_path):
    win = demo_window
    _select_overdue_of(qtbot, win, "Walker Software Ltd")
    box = win.reminders.send_reminder()
    before = len(demo_ctx.store.events_of(
        demo_ctx.store.find_client("Walker Software Ltd").id))
    no = next(b for b in box.buttons() if b.text() == "Cancel")
    click(qtbot, no)
    assert win.reminders.task is None
    assert len(demo_ctx.store.events_of(
        demo_ctx.store.find_client("Walker Software Ltd").id)) == before


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_send_failure_lands_in_outbox_and_retry_lists_it(qtbot, demo_window, demo_ctx):
    store = demo_ctx.store
    with Ledger.open(demo_ctx.path, create=False) as other:  # the window's own only reads
        for key, value in (("smtp.host", "127.0.0.1"),
                           ("smtp.port", str(_closed_port())),  # nobody listens: refused
                           ("smtp.security", "none"), ("smtp.from", "me@example.com")):
            config.config_set(Store(other), key, value)
    win = demo_window
    wizard = win.reminders.open_wizard()
    qtbot.addWidget(wizard)
    wizard_ready(qtbot, wizard)
    next_page(qtbot, wizard)
    next_page(qtbot, wizard)
    send = wizard.send_page
    assert send.send_button.isEnabled()
    click(qtbot, send.send_button)
    click(qtbot, next(b for b in send.confirm_box.buttons() if b.text() == "Send"))
    qtbot.waitUntil(lambda: send.summary is not None, timeout=20000)
    assert len(send.summary.failed) == 2 and not send.summary.sent
    assert "2 failed" in send.result_label.text()
    assert "outbox" in send.summary_view.notes.text()

    win.reminders.open_outbox()
    dialog = win.reminders.dialog
    assert isinstance(dialog, OutboxDialog)
    qtbot.addWidget(dialog)
    assert dialog.list.topLevelItemCount() == 2
    assert {dialog.list.topLevelItem(i).text(3) for i in range(2)} == {"failed"}
    assert not dialog.retry_button.isEnabled()
    dialog.list.topLevelItem(0).setSelected(True)
    ids = dialog.selected_ids()
    click(qtbot, dialog.retry_button)
    qtbot.waitUntil(lambda: dialog.task.done, timeout=20000)
    assert dialog.task.error is None
    assert "1 failed" in dialog.result.text()
    # still waiting, with the new reason
    assert dialog.list.topLevelItemCount() == 2
    assert ids[0] in [it.event_id for it in delivery.outbox(store)]

    # discard the other after confirming
    dialog.list.clearSelection()
    dialog.list.topLevelItem(1).setSelected(True)
    gone = dialog.selected_ids()[0]
    dialog.discard()
    box = next(w for w in dialog.findChildren(QMessageBox) if w.isVisible())
    click(qtbot, next(b for b in box.buttons() if b.text() == "Discard"))
    qtbot.waitUntil(lambda: dialog.task.done)  # on the writer thread
    assert dialog.list.topLevelItemCount() == 1
    assert gone not in [it.event_id for it in delivery.outbox(store)]


def test_dashboard_button_opens_the_wizard(qtbot, demo_window):
    win = demo_window
    win.show_page(0)
    assert win.dashboard.remind_button.isEnabled()
    click(qtbot, win.dashboard.remind_button)
    wizard = win.reminders.dialog
    assert isinstance(wizard, ReminderWizard)
    qtbot.addWidget(wizard)
    wizard_ready(qtbot, wizard)
    assert wizard.choose.table.rowCount() == 2


def test_client_page_wizard_is_restricted_to_that_client(qtbot, demo_window, demo_ctx):
    win = demo_window
    client = demo_ctx.store.find_client("Walker Software Ltd")
    win.show_page(1)
    win.clients.show_client(client.id)
    assert win.reminders.act_client_wizard.isEnabled()
    win.reminders.act_client_wizard.trigger()
    wizard = win.reminders.dialog
    qtbot.addWidget(wizard)
    wizard_ready(qtbot, wizard)
    assert [e.client.name for e in wizard.flow.entries] == ["Walker Software Ltd"]


def test_review_refuses_an_empty_subject(qtbot, demo_window):
    win = demo_window
    wizard = win.reminders.open_wizard()
    qtbot.addWidget(wizard)
    wizard_ready(qtbot, wizard)
    next_page(qtbot, wizard)
    review = wizard.review
    review.subject.clear()
    wizard.button(QWizard.WizardButton.NextButton).click()
    assert wizard.currentPage() is review
    box = next(w for w in review.findChildren(QMessageBox) if w.isVisible())
    assert "subject" in box.text().lower()
    box.close()
