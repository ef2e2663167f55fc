"""The window's reminder actions: the wizard (Ctrl+Shift+R, from any page), Ctrl+R "Send
reminder" to the selected client, and the outbox. Like records.py, one method per user action
over actions/remind.py."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from collector_gui.core.errors import CollectorError
from collector_gui.ui import notify as messages  # ui/messages.py is ui/notify.py
from collector_gui.ui.window_language import tr

# The reminder flow, the wizard and the mail stack (Jinja2, smtplib, keyring) are imported by
# the methods that use them: the window's start does not load them before its first paint.
if TYPE_CHECKING:
    from collector_gui.actions.delivery import DeliverySummary
    from collector_gui.actions.remind import ReminderFlow
    from collector_gui.ui.reminder_wizard import ReminderWizard
    from collector_gui.ui.shell import Shell

# The wizard's own shortcut (Ctrl+R sends the selected client's reminder; F5 refreshes).
WIZARD_SHORTCUT = "Ctrl+Shift+R"


class ReminderActions:
    """The reminder actions, over the narrow Shell the window hands its helpers; the window
    puts them in its menu and on its pages' buttons (`menu_actions`, `update`)."""

    def __init__(self, shell: Shell) -> None:
        self.shell = shell
        self.ctx = shell.ctx
        self.parent = shell.parent
        self.dialog: QDialog | QMessageBox | None = None  # the one open now (tests drive it)
        self.flow: ReminderFlow | None = None
        self.task = None
        self._install()

    def _action(self, text: str, slot, shortcut: str = "", name: str = "") -> QAction:
        action = QAction(text, self.parent)
        action.setObjectName(name)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        self.shell.add_action(action)  # its shortcut works whichever page is shown
        return action

    def _install(self) -> None:
        """Ctrl+Shift+R (the wizard), Ctrl+R (this client's reminder), the outbox and the
        template editor."""
        self.act_wizard = self._action(tr("Send &reminders…"), self.open_wizard,
                                       WIZARD_SHORTCUT, name="sendReminders")
        self.act_wizard.setStatusTip(tr("Work out today's reminders, review them, send them"))
        self.act_send_one = self._action(tr("Send reminder"), self.send_reminder, "Ctrl+R",
                                         name="sendReminder")
        self.act_send_one.setStatusTip(tr("Send the selected client the reminder that is due"))
        self.act_client_wizard = self._action(tr("Reminder to this client…"),
                                              self.open_for_selected_client,
                                              name="clientReminder")
        self.act_outbox = self._action(tr("&Outbox…"), self.open_outbox, name="outbox")
        self.act_sent = self._action(tr("Sent &messages…"), self.open_sent_messages,
                                     name="sentMessages")
        self.act_templates = self._action(tr("Edit reminder &templates…"),
                                          self.open_template_editor, name="editTemplates")

    def menu_actions(self) -> list[QAction | None]:
        """The Reminders menu, in order (None: a separator)."""
        return [self.act_wizard, self.act_send_one, self.act_client_wizard, None,
                self.act_outbox, self.act_sent, self.act_templates]

    def update(self) -> None:
        """Enable what the selection allows (the window calls it when the selection or the
        page changes)."""
        has_client = self.shell.selected_client() is not None
        self.act_send_one.setEnabled(has_client)
        self.act_client_wizard.setEnabled(has_client)

    def _open(self, dialog: QDialog) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: self._closed(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _closed(self, dialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def open_wizard(self, client_id: int | None = None) -> ReminderWizard | None:
        """The wizard over today's plan, or over one client's reminder. It opens at once and
        works the plan out in a worker thread."""
        from collector_gui.ui.reminder_wizard import ReminderWizard

        try:
            client = None
            if client_id is not None:
                client = self.ctx.store.get_client(client_id).name
            wizard = ReminderWizard(self.ctx, self.parent, client=client)
        except CollectorError as exc:
            messages.show_error(self.parent, str(exc))
            return None
        self._open(wizard)
        return wizard

    def open_for_selected_client(self) -> ReminderWizard | None:
        client = self.shell.selected_client()
        if client is None:
            messages.show_status(self.parent, tr("Choose a client or an invoice first."))
            return None
        return self.open_wizard(client.id)

    def open_outbox(self) -> QDialog:
        from collector_gui.ui.dialogs.outbox import OutboxDialog

        return self._open(OutboxDialog(self.ctx, self.parent))

    def open_sent_messages(self) -> QDialog:
        from collector_gui.ui.dialogs.sent_messages import SentMessagesDialog

        return self._open(SentMessagesDialog(self.ctx, self.parent))

    def open_template_editor(self) -> QDialog:
        from collector_gui.ui.dialogs.template_editor import TemplateEditorDialog

        return self._open(TemplateEditorDialog(self.ctx, self.parent))

    # -- Ctrl+R --------------------------------------------------------------------------------

    def send_reminder(self) -> QMessageBox | None:
        """Plan the selected client's reminder, confirm it in one line, then send it (or save
        it as .eml when no mail server is set)."""
        from collector_gui.actions import config, remind
        from collector_gui.ui.reminder_wizard import stage_label

        client = self.shell.selected_client()
        if client is None:
            messages.show_status(self.parent, tr("Choose a client or an invoice first."))
            return None
        try:
            flow = remind.plan_reminders(self.ctx.store, self.ctx.today(), client=client.name)
            if not any(e.client_id == client.id for e in flow.entries):
                flow.add_client(client.id)
            entry = flow.entry(client.id)
            if entry.problems:
                raise CollectorError(" ".join(entry.problems))
            flow.set_included(client.id, True)
            for other in flow.entries:
                if other.client_id != client.id:
                    flow.set_included(other.client_id, False)
            draft = flow.draft(client.id)
        except CollectorError as exc:
            messages.show_error(self.parent, str(exc))
            return None
        self.flow = flow
        smtp_problems = config.smtp_settings(self.ctx.store).problems()
        line = tr("{stage} reminder to {to} about {invoices}, attaching {files}.").format(
            stage=stage_label(draft.stage).capitalize(), to=draft.recipient,
            invoices=", ".join(inv.number for inv in draft.invoices),
            files=", ".join(draft.attachments) or tr("nothing"))
        if smtp_problems:
            box = messages.ask_user(
                self.parent, line, lambda: self._save_eml(flow),
                yes_label=tr("Save as .eml…"),
                detail=tr("No mail server is set (Settings ▸ Mail): save the message as an "
                          ".eml file to send from your own mail program."))
        else:
            box = messages.ask_user(self.parent, line, lambda: self._send(flow),
                                    yes_label=tr("Send"))
        self.dialog = box
        box.finished.connect(lambda _r: self._closed(box))
        return box

    def _done(self, summary: DeliverySummary) -> None:
        from collector_gui.ui.reminder_wizard import summary_text

        if summary.failed:
            messages.show_error(self.parent, summary_text(summary))
        else:
            messages.show_info(self.parent, summary_text(summary))

    def _send(self, flow: ReminderFlow) -> None:
        from collector_gui.ui.reminder_wizard import ask_password, start_delivery

        go, password = ask_password(self.parent, self.ctx)
        if go:
            self.task = start_delivery(self.parent, self.ctx, flow, password=password,
                                       on_done=self._done)

    def _save_eml(self, flow: ReminderFlow, folder: Path | None = None) -> None:
        if folder is None:
            chosen = QFileDialog.getExistingDirectory(self.parent, tr("Save the message into…"),
                                                      str(Path.home()))
            if not chosen:
                return
            folder = Path(chosen)
        from collector_gui.ui.reminder_wizard import start_delivery

        self.task = start_delivery(self.parent, self.ctx, flow, folder=folder,
                                   on_done=self._done)
