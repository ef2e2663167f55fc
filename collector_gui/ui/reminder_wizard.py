"""The reminder wizard: choose who to remind, review the drafts, send them or save .eml files.

Every rule lives in `actions.remind.ReminderFlow` (Qt-free, shared with `collector remind`),
and the wizard's navigation in `actions.remind_wizard.WizardModel` (Qt-free too: what may be
pressed when, the last question, the summary's groups); the pages fill them in and show them
(the first two in reminder_pages.py). Nothing slow runs on the UI thread: the plan, the drafts
and the sending run in worker threads through `tasks.run_in_background`, each with the
worker's own Store (a SQLite connection belongs to the thread that opened it), while a busy
panel shows the progress and Next and Back are off.
"""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from collector_gui.actions import config
from collector_gui.actions.delivery import DeliverySummary, MessageResult
from collector_gui.actions.remind import ReminderFlow
from collector_gui.actions.remind_wizard import (
    Page,
    Plan,
    WizardModel,
    Work,
    build_plan,
    collector_paused,
    relay,
    render_drafts,
    thaw,
)
from collector_gui.core.errors import Cancelled, CollectorError
from collector_gui.ledger.store import Store
from collector_gui.ui import notify as messages  # ui/messages.py is ui/notify.py
from collector_gui.ui.context import AppContext
from collector_gui.ui.window_language import tr
from collector_gui.ui.reminder_common import (  # re-exported: the outbox and Ctrl+R use them
    ask_password,
    outbox_status_label,
    result_line,
    stage_label,
    start_delivery,
    summary_headline,
    summary_notes,
    summary_text,
)
from collector_gui.ui.reminder_pages import ChoosePage, ReviewPage
from collector_gui.ui.reminder_widgets import SummaryView
from collector_gui.ui.tasks import BackgroundTask, run_in_background


class SendPage(QWizardPage):
    """Send (after one last question), or save as .eml; a line per message as it goes, then
    the summary. With no mail server set, a button opens the mail settings."""

    _resultArrived = Signal(object)  # from the worker thread, queued to this one

    def __init__(self, wizard: ReminderWizard) -> None:
        super().__init__(wizard)
        self.setObjectName("sendPage")
        self.wiz = wizard
        self.model = wizard.model
        self.ctx = wizard.ctx
        self.task: BackgroundTask | None = None
        self.confirm_box: QMessageBox | None = None
        self.settings_dialog: QDialog | None = None
        self.setTitle(tr("Send"))
        self.intro = QLabel()
        self.intro.setObjectName("sendIntro")
        self.intro.setWordWrap(True)
        self.send_button = QPushButton(tr("Send…"))
        self.send_button.setObjectName("sendButton")
        self.send_button.clicked.connect(self.send)
        self.save_button = QPushButton(tr("Save as .eml…"))
        self.save_button.setObjectName("saveEmlButton")
        self.save_button.setToolTip(tr("Write each message to a file to send from your own "
                                       "mail program (no mail server needed)."))
        self.save_button.clicked.connect(self.choose_folder)
        self.settings_button = QPushButton(tr("Mail settings…"))
        self.settings_button.setObjectName("mailSettingsButton")
        self.settings_button.setToolTip(tr("Set the mail server the reminders go through."))
        self.settings_button.clicked.connect(self.open_mail_settings)
        buttons = QHBoxLayout()
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.settings_button)
        buttons.addStretch(1)
        self.log = QPlainTextEdit()
        self.log.setObjectName("resultLog")
        self.log.setReadOnly(True)
        self.summary_view = SummaryView()
        self.result_label = self.summary_view.headline
        self.stack = QStackedWidget()
        self.stack.addWidget(self.log)
        self.stack.addWidget(self.summary_view)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(buttons)
        layout.addWidget(self.stack, 1)
        self._resultArrived.connect(self._show_result, Qt.ConnectionType.QueuedConnection)
        # settings saved elsewhere (or by the dialog, through the writer) reach the Send button
        self.ctx.changed.connect(self._ledger_changed)

    @property
    def flow(self) -> ReminderFlow:
        assert self.model.flow is not None
        return self.model.flow

    @property
    def summary(self) -> DeliverySummary | None:
        return self.model.summary

    def _smtp_problems(self) -> list[str]:
        return config.smtp_settings(self.ctx.store).problems()

    def initializePage(self) -> None:  # noqa: N802 (Qt's name)
        self.model.go_to(Page.SEND)
        self.refresh()

    def cleanupPage(self) -> None:  # noqa: N802 (Qt's name): Back
        self.model.go_to(Page.REVIEW)

    def refresh(self) -> None:
        """The intro and the buttons, from the model and today's mail settings."""
        problems = self._smtp_problems()
        text = tr("{n} messages are ready.").format(n=self.model.messages_to_send())
        if problems and self.summary is None:
            text += " " + tr("Sending needs a mail server (Settings ▸ Mail): {why} You can "
                             "set one with Mail settings…, or save the messages as .eml "
                             "files instead.").format(why=" ".join(problems))
        self.intro.setText(text)
        self.send_button.setEnabled(self.model.can_send(problems))
        self.save_button.setEnabled(self.model.can_save())
        self.settings_button.setVisible(bool(problems) and self.summary is None)
        self.settings_button.setEnabled(not self.model.busy)
        self.wiz.sync_buttons()

    def isComplete(self) -> bool:  # noqa: N802 (Qt's name)
        return self.model.can_finish

    def open_mail_settings(self) -> QDialog:
        """The settings dialog, at its Mail tab; once saved, the wizard sends with it."""
        from collector_gui.ui.dialogs.settings import SettingsDialog

        dialog = SettingsDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        tabs = dialog.findChild(QTabWidget)
        if tabs is not None:
            tabs.setCurrentWidget(dialog.mail)
        window = self.wiz.parentWidget()
        if window is not None and hasattr(window, "languageChanged"):
            dialog.languageChanged.connect(window.languageChanged)
        dialog.accepted.connect(self._settings_saved)
        self.settings_dialog = dialog
        dialog.open()
        return dialog

    def _settings_saved(self) -> None:
        self.model.settings_changed(self.ctx.store)
        self.refresh()

    def _ledger_changed(self, *_changes) -> None:
        if self.model.page is Page.SEND and not self.model.busy and self.summary is None:
            self._settings_saved()

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Save the messages into…"),
                                                  str(Path.home()))
        if folder:
            self.save_eml(Path(folder))

    def save_eml(self, folder: Path) -> BackgroundTask:
        return self._start(folder=folder)

    def send(self) -> QMessageBox | None:
        """Ask "Send N messages to N clients?" first; nothing goes without a yes."""
        if not self.model.can_send(self._smtp_problems()):
            return None
        self.confirm_box = messages.ask_user(
            self, self.model.confirm_question(), self._confirmed, yes_label=tr("Send"),
            detail=tr("Each goes to the recipient shown on the previous page, with its "
                      "attachments. This cannot be taken back."))
        return self.confirm_box

    def _confirmed(self) -> BackgroundTask | None:
        go, password = ask_password(self, self.ctx)
        if not go:
            return None
        return self._start(password=password)

    def _start(self, **kwargs) -> BackgroundTask:
        self.model.start(Work.DELIVERY)
        self.log.clear()
        self.stack.setCurrentWidget(self.log)
        self.refresh()
        self.task = start_delivery(self, self.ctx, self.flow, on_result=self._resultArrived.emit,
                                   on_done=self._done, on_error=self._failed, **kwargs)
        return self.task

    def _show_result(self, result: MessageResult) -> None:
        self.log.appendPlainText(result_line(result))

    def _done(self, summary: DeliverySummary) -> None:
        self.model.delivered(summary)
        self.summary_view.show_summary(summary, summary_headline(summary, notes=False),
                                       summary_notes(summary), result_line)
        self.stack.setCurrentWidget(self.summary_view)
        self.refresh()
        self.completeChanged.emit()

    def _failed(self, exc: BaseException) -> None:
        self.model.stopped()
        self.refresh()
        messages.report(self, exc)


class ReminderWizard(QWizard):
    """Choose, review, send. *client*: only that client's reminder (from a client's page).

    It opens at once: the plan is made in a worker thread (the busy panel shows meanwhile),
    and so are the drafts after Next. *flow*: a plan made already (no worker)."""

    finishedDelivery = Signal(object)  # the DeliverySummary
    _progressed = Signal(int, int, str)  # from the worker thread, queued to this one

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 client: str | None = None, flow: ReminderFlow | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reminderWizard")
        self.ctx = ctx
        self.model = WizardModel(ctx.today(), client=client)
        self.work: BackgroundTask | None = None
        self.setWindowTitle(tr("Send reminders"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.choose = ChoosePage(self)
        self.review = ReviewPage(self)
        self.send_page = SendPage(self)
        for page in (self.choose, self.review, self.send_page):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.NextButton, tr("Next >"))
        self.setButtonText(QWizard.WizardButton.BackButton, tr("< Back"))
        self.setButtonText(QWizard.WizardButton.FinishButton, tr("Close"))
        self.setButtonText(QWizard.WizardButton.CancelButton, tr("Cancel"))
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, False)
        self._progressed.connect(self.choose.busy.progress, Qt.ConnectionType.QueuedConnection)
        geometry = ctx.settings.value("reminderWizard/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(900, 600)
        self.finished.connect(lambda _r: ctx.settings.setValue("reminderWizard/geometry",
                                                               self.saveGeometry()))
        if flow is not None:
            self.model.start(Work.PLAN)
            self._plan_made(Plan(flow, flow.held_back()))
        else:
            self.make_plan()

    @property
    def flow(self) -> ReminderFlow | None:
        return self.model.flow

    def sync_buttons(self) -> None:
        """Next and Back are off while a worker works (Cancel stays on)."""
        back = self.button(QWizard.WizardButton.BackButton)
        back.setEnabled(self.model.can_back)
        if self.model.busy:
            self.button(QWizard.WizardButton.NextButton).setEnabled(False)

    def _run(self, work: Work, title: str, op, on_done) -> BackgroundTask:
        self.model.start(work)
        self.choose.show_busy(title)
        self.sync_buttons()
        report = self._progressed.emit

        def run(ledger, task):
            with collector_paused():
                return op(Store(ledger), relay(task, report))

        def failed(exc: BaseException) -> None:
            self._work_failed(work, exc)

        self.work = run_in_background(self, run, on_done, ledger_path=self.ctx.path,
                                      on_error=failed, progress=False)
        return self.work

    def make_plan(self) -> BackgroundTask:
        as_of, client = self.model.as_of, self.model.client
        return self._run(Work.PLAN, tr("Working out today's reminders…"),
                         lambda store, task: build_plan(store, as_of, client=client, task=task),
                         self._plan_made)

    def _plan_made(self, plan: Plan) -> None:
        if not shiboken6.isValid(self):
            return
        self.model.plan_made(plan, self.ctx.store)
        self.choose.fill(self._plan_shown)  # still busy: the table fills a slice at a time

    def _plan_shown(self) -> None:
        self.model.stopped()
        self.choose.show_plan()
        self.sync_buttons()

    def write_drafts(self) -> BackgroundTask:
        """After Next on the plan: the drafts, in a worker; then on to the review."""
        flow = self.model.flow
        assert flow is not None
        return self._run(Work.DRAFTS, tr("Writing the messages…"),
                         lambda store, task: render_drafts(flow, store, task),
                         self._drafts_written)

    def _drafts_written(self, _count: int) -> None:
        if not shiboken6.isValid(self):
            return
        self.model.stopped()
        self.choose.show_plan()
        self.sync_buttons()
        self.next()  # validatePage finds every draft written now

    def _work_failed(self, work: Work, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        if work is Work.PLAN:
            if isinstance(exc, Cancelled):
                self.model.stopped()
                self.reject()  # nothing to show without a plan
                return
            self.model.plan_failed(str(exc) if isinstance(exc, CollectorError)
                                   else tr("The plan could not be made."))
        else:
            self.model.stopped()
        self.choose.show_plan()
        self.sync_buttons()
        if not isinstance(exc, Cancelled | CollectorError) or work is not Work.PLAN:
            messages.report(self, exc)  # (the page itself says why there is no plan)

    def cancel_work(self) -> None:
        """The busy panel's Cancel: the worker stops before its next client."""
        if self.work is not None and not self.work.done:
            self.work.cancel()

    def done(self, result: int) -> None:  # closing (Cancel, Close, Esc) stops the work too
        self.cancel_work()
        if self.work is None or self.work.done:
            thaw()
        else:
            self.work.finished.connect(thaw)  # once the cancelled worker has stopped
        super().done(result)


__all__ = ["ChoosePage", "ReminderWizard", "ReviewPage", "SendPage", "ask_password",
           "outbox_status_label", "result_line", "stage_label", "start_delivery",
           "summary_headline", "summary_notes", "summary_text"]
