"""The reminder wizard: choose who to remind, review the drafts, send them or save .eml files.

Every rule lives in `actions.remind.ReminderFlow` (Qt-free, shared with `collector remind`);
the pages only fill it in and validate. Sending and saving run off the UI thread through
`tasks.run_in_background`, with the worker's own Store (a SQLite connection belongs to the
thread that opened it).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from collector_gui.actions import config, remind
from collector_gui.actions.delivery import DeliverySummary, MessageResult
from collector_gui.actions.remind import ReminderFlow
from collector_gui.core.dunning import STAGES, Stage
from collector_gui.core.errors import CollectorError
from collector_gui.ledger.store import Store
from collector_gui.ui import messages
from collector_gui.ui.context import AppContext
from collector_gui.ui.i18n import tr
from collector_gui.ui.tasks import BackgroundTask, run_in_background


def stage_label(stage: Stage | str) -> str:
    return {
        Stage.PRE_DUE: tr("before due (courtesy)"),
        Stage.DUE: tr("due today (courtesy)"),
        Stage.POLITE: tr("polite"),
        Stage.FIRM: tr("firm"),
        Stage.FINAL: tr("final notice"),
    }.get(Stage(stage), str(stage))


def ask_password(parent: QWidget | None, ctx: AppContext) -> tuple[bool, str | None]:
    """(go on, password): asks for the SMTP password when the server needs one and no keyring
    holds it. The password is only handed to the send; never logged or stored."""
    smtp = config.smtp_settings(ctx.store)
    if not smtp.needs_password or config.has_saved_password(ctx.store):
        return True, None
    status = config.keyring_status()
    why = (tr("No password store (keyring) works here, so it is asked each time.")
           if not status.available else tr("No password is saved for this server."))
    text, ok = QInputDialog.getText(
        parent, tr("Mail server password"),
        tr("Password of {user} on {host}:").format(user=smtp.user, host=smtp.host) + "\n" + why,
        QLineEdit.EchoMode.Password)
    if not ok or not text:
        return False, None
    return True, text


def summary_text(summary: DeliverySummary) -> str:
    """The summary in the window's language (the reasons stay as the server said them)."""
    counts = []
    if summary.sent:
        counts.append(tr("{n} sent").format(n=len(summary.sent)))
    if summary.saved:
        counts.append(tr("{n} saved as .eml").format(n=len(summary.saved)))
    if summary.failed:
        counts.append(tr("{n} failed").format(n=len(summary.failed)))
    if summary.unknown:
        counts.append(tr("{n} unknown").format(n=len(summary.unknown)))
    if summary.skipped:
        counts.append(tr("{n} skipped").format(n=len(summary.skipped)))
    lines = [(", ".join(counts) or tr("Nothing was sent")) + "."]
    lines += [result_line(r) for r in summary.results]
    if summary.cancelled:
        lines.append(tr("Cancelled: the messages not listed above were not sent."))
    if summary.interrupted:
        lines.append(tr("Interrupted: the messages not listed above were not sent."))
    if summary.failed and any(r.event_id is not None for r in summary.failed):
        lines.append(tr("Failed messages wait in the outbox (Reminders ▸ Outbox…) to be retried."))
    if summary.unknown:
        lines.append(tr("Whether the unknown messages arrived cannot be told: they are not sent "
                        "again on their own. Check, then say so in the outbox (Reminders ▸ "
                        "Outbox…)."))
    return "\n".join(lines)


def outbox_status_label(status: str) -> str:
    return {"failed": tr("failed"), "queued": tr("being sent"),
            "unknown": tr("delivery unknown")}.get(status, status)


def result_line(r: MessageResult) -> str:
    if r.status == "sent" and not r.recorded:
        return tr("Delivered to {client} <{to}>, not yet recorded (the ledger was busy): it is "
                  "recorded when Collector next opens the ledger").format(client=r.client,
                                                                         to=r.recipient)
    if r.status == "unknown":
        return tr("UNKNOWN for {client} <{to}>: {error}. It may have arrived; it waits in the "
                  "outbox for you to say").format(client=r.client, to=r.recipient,
                                                  error=r.error)
    if r.status == "sent":
        return tr("Sent to {client} <{to}>: {subject}").format(client=r.client, to=r.recipient,
                                                              subject=r.subject)
    if r.status == "saved":
        return tr("Saved for {client}: {path}").format(client=r.client, path=str(r.path))
    if r.status == "failed":
        return tr("FAILED for {client} <{to}>: {error}").format(client=r.client,
                                                               to=r.recipient, error=r.error)
    return tr("Skipped {client}: {error}").format(client=r.client, error=r.error)


def start_delivery(parent: QWidget, ctx: AppContext, flow: ReminderFlow, *,
                   folder: Path | None = None, password: str | None = None,
                   on_result: Callable[[MessageResult], None] | None = None,
                   on_done: Callable[[DeliverySummary], None] | None = None,
                   on_error: Callable[[BaseException], None] | None = None) -> BackgroundTask:
    """Send the flow's drafts (or save them as .eml into *folder*) in a worker thread."""

    def op(ledger, task):
        store = Store(ledger)
        if folder is not None:
            return flow.save_eml(folder, task=task, on_result=on_result, store=store)
        return flow.send(password=password, task=task, on_result=on_result, store=store)

    def done(summary: DeliverySummary) -> None:
        ctx.notify()
        if on_done is not None:
            on_done(summary)

    label = (tr("Saving the reminders as .eml files…") if folder is not None
             else tr("Sending the reminders…"))
    return run_in_background(parent, op, done, ledger_path=ctx.path, label=label,
                             on_error=on_error)


class ChoosePage(QWizardPage):
    """The plan: one row per client, ticked when the message goes; the stage can change."""

    class Col:
        CLIENT, STAGE, INVOICES, RECIPIENT, PROBLEMS = range(5)

    def __init__(self, wizard: ReminderWizard) -> None:
        super().__init__(wizard)
        self.setObjectName("choosePage")
        self.flow = wizard.flow
        self.ctx = wizard.ctx
        self.setTitle(tr("Who to remind"))
        self.setSubTitle(tr("Untick a client to leave them out, or change the kind of "
                            "reminder. Clients with problems cannot be ticked."))
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("planTable")
        self.table.setHorizontalHeaderLabels([tr("Client"), tr("Reminder"), tr("Invoices"),
                                              tr("Recipient"), tr("Problems")])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # the recipient and the problems share what is left: no column hides off-screen
        header.setSectionResizeMode(self.Col.RECIPIENT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(self.Col.PROBLEMS, QHeaderView.ResizeMode.Stretch)
        self.table.itemChanged.connect(self._item_changed)
        self.add_combo = QComboBox()
        self.add_combo.setObjectName("addClient")
        self.add_button = QPushButton(tr("Add client"))
        self.add_button.setObjectName("addClientButton")
        self.add_button.clicked.connect(self._add_client)
        self.manual = QLabel()
        self.manual.setWordWrap(True)
        self.held = QLabel()
        self.held.setObjectName("heldBack")
        self.held.setWordWrap(True)
        add_row = QHBoxLayout()
        add_row.addWidget(QLabel(tr("Also remind:")))
        add_row.addWidget(self.add_combo, 1)
        add_row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(add_row)
        layout.addWidget(self.manual)
        layout.addWidget(self.held)
        self._filling = False
        self.fill()

    def fill(self) -> None:
        self._filling = True
        try:
            fmt = self.ctx.fmt
            entries = self.flow.entries
            self.table.setRowCount(len(entries))
            for row, entry in enumerate(entries):
                name = QTableWidgetItem(entry.client.name)
                name.setData(Qt.ItemDataRole.UserRole, entry.client_id)
                name.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                              | Qt.ItemFlag.ItemIsUserCheckable)
                name.setCheckState(Qt.CheckState.Checked if entry.included
                                   else Qt.CheckState.Unchecked)
                self.table.setItem(row, self.Col.CLIENT, name)
                combo = QComboBox()
                combo.setObjectName(f"stage_{entry.client_id}")
                for stage in STAGES:
                    combo.addItem(stage_label(stage), str(stage))
                combo.setCurrentIndex(combo.findData(str(entry.stage)))
                combo.currentIndexChanged.connect(
                    lambda _i, c=combo, cid=entry.client_id: self._stage_changed(cid, c))
                self.table.setCellWidget(row, self.Col.STAGE, combo)
                invoices = ", ".join(
                    f"{inv.number} ({fmt.money(inv.balance_minor, inv.currency)})"
                    for inv in entry.invoices)
                for col, text in ((self.Col.INVOICES, invoices),
                                  (self.Col.RECIPIENT, entry.recipient or tr("(no email)")),
                                  (self.Col.PROBLEMS, " ".join(entry.problems))):
                    item = QTableWidgetItem(text)
                    item.setToolTip(text)
                    self.table.setItem(row, col, item)
            self.add_combo.clear()
            for client in self.flow.addable_clients():
                self.add_combo.addItem(client.name, client.id)
            self.add_button.setEnabled(self.add_combo.count() > 0)
            manual = self.flow.manual_steps()
            self.manual.setText(
                tr("Email reminders are over for {n} invoices: call, or hand them to an "
                   "agency.").format(n=len(manual)) if manual else "")
            if not entries:
                self.manual.setText(tr("No reminders are due today. Add a client above to "
                                       "write to them anyway."))
            held = self.flow.held_back()
            self.held.setText("\n".join(
                [tr("Held back by a message in the outbox (Reminders ▸ Outbox…):")]
                + [tr("{client}: {status}").format(client=it.client,
                                                   status=outbox_status_label(it.status))
                   for it in held]) if held else "")
        finally:
            self._filling = False
        self.completeChanged.emit()

    def row_of(self, client_id: int) -> int:
        for row in range(self.table.rowCount()):
            if self.table.item(row, self.Col.CLIENT).data(Qt.ItemDataRole.UserRole) == client_id:
                return row
        raise KeyError(client_id)

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != self.Col.CLIENT:
            return
        client_id = item.data(Qt.ItemDataRole.UserRole)
        try:
            self.flow.set_included(client_id, item.checkState() == Qt.CheckState.Checked)
        except CollectorError as exc:
            messages.show_error(self, str(exc))
            self.fill()
            return
        self.completeChanged.emit()

    def _stage_changed(self, client_id: int, combo: QComboBox) -> None:
        if self._filling:
            return
        try:
            self.flow.set_stage(client_id, combo.currentData())
        except CollectorError as exc:
            messages.show_error(self, str(exc))
        self.fill()

    def _add_client(self) -> None:
        client_id = self.add_combo.currentData()
        if client_id is None:
            return
        try:
            self.flow.add_client(client_id)
        except CollectorError as exc:
            messages.show_error(self, str(exc))
            return
        self.fill()

    def isComplete(self) -> bool:
        return bool(self.flow.included)


class ReviewPage(QWizardPage):
    """One draft per ticked client; edits go to flow.update_draft."""

    def __init__(self, wizard: ReminderWizard) -> None:
        super().__init__(wizard)
        self.setObjectName("reviewPage")
        self.flow = wizard.flow
        self.setTitle(tr("Review the messages"))
        self.setSubTitle(tr("Each client gets one message. Edit the subject or the text "
                            "as you like; the invoices are attached as PDF files."))
        self.clients = QListWidget()
        self.clients.setObjectName("draftList")
        self.clients.setMaximumWidth(240)
        self.clients.setSpacing(3)  # two-line items must not run into each other
        self.clients.currentRowChanged.connect(self._show_row)
        self.recipient = QLineEdit()
        self.recipient.setObjectName("recipient")
        self.subject = QLineEdit()
        self.subject.setObjectName("subject")
        self.body = QPlainTextEdit()
        self.body.setObjectName("body")
        self.attachments = QLabel()
        self.attachments.setObjectName("attachments")
        self.attachments.setWordWrap(True)
        self.attachments.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        form.addRow(tr("To:"), self.recipient)
        form.addRow(tr("Subject:"), self.subject)
        form.addRow(tr("Attached:"), self.attachments)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(self.body, 1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.clients)
        layout.addLayout(right, 1)
        self._current: int | None = None

    def initializePage(self) -> None:
        self._current = None
        self.clients.blockSignals(True)
        self.clients.clear()
        for draft in self.flow.drafts():
            item = QListWidgetItem(tr("{client}\n({stage} reminder)").format(
                client=draft.client.name, stage=stage_label(draft.stage)))
            item.setToolTip(item.text())
            item.setData(Qt.ItemDataRole.UserRole, draft.client_id)
            self.clients.addItem(item)
        self.clients.blockSignals(False)
        self.clients.setCurrentRow(0)

    def _show_row(self, row: int) -> None:
        if self._current is not None and not self.commit():
            return
        item = self.clients.item(row)
        if item is None:
            return
        client_id = item.data(Qt.ItemDataRole.UserRole)
        draft = self.flow.draft(client_id)
        self._current = client_id
        self.recipient.setText(draft.recipient)
        self.subject.setText(draft.subject)
        self.body.setPlainText(draft.text)
        self.attachments.setText(", ".join(draft.attachments) or tr("nothing"))

    def commit(self) -> bool:
        """Keep the shown draft's edits; False (and a message) when one is refused."""
        if self._current is None:
            return True
        draft = self.flow.draft(self._current)
        changes = {}
        if self.recipient.text().strip() != draft.recipient:
            changes["recipient"] = self.recipient.text()
        if self.subject.text() != draft.subject:
            changes["subject"] = self.subject.text()
        if self.body.toPlainText().rstrip("\n") != draft.text.rstrip("\n"):
            changes["text"] = self.body.toPlainText()
        if not changes:
            return True
        try:
            self.flow.update_draft(self._current, **changes)
        except CollectorError as exc:
            messages.show_error(self, str(exc))
            return False
        return True

    def validatePage(self) -> bool:
        return self.commit()


class SendPage(QWizardPage):
    """Send, or save as .eml; a line per message as it goes, then the summary."""

    _resultArrived = Signal(object)  # from the worker thread, queued to this one

    def __init__(self, wizard: ReminderWizard) -> None:
        super().__init__(wizard)
        self.setObjectName("sendPage")
        self.wiz = wizard
        self.flow = wizard.flow
        self.ctx = wizard.ctx
        self.summary: DeliverySummary | None = None
        self.task: BackgroundTask | None = None
        self.setTitle(tr("Send"))
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.send_button = QPushButton(tr("Send"))
        self.send_button.setObjectName("sendButton")
        self.send_button.clicked.connect(self.send)
        self.save_button = QPushButton(tr("Save as .eml…"))
        self.save_button.setObjectName("saveEmlButton")
        self.save_button.setToolTip(tr("Write each message to a file to send from your own "
                                       "mail program (no mail server needed)."))
        self.save_button.clicked.connect(self.choose_folder)
        buttons = QHBoxLayout()
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        self.log = QPlainTextEdit()
        self.log.setObjectName("resultLog")
        self.log.setReadOnly(True)
        self.result_label = QLabel()
        self.result_label.setObjectName("summary")
        self.result_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(buttons)
        layout.addWidget(self.log, 1)
        layout.addWidget(self.result_label)
        self._resultArrived.connect(self._show_result, Qt.ConnectionType.QueuedConnection)

    def initializePage(self) -> None:
        n = len(self.flow.included)
        problems = config.smtp_settings(self.ctx.store).problems()
        text = tr("{n} messages are ready.").format(n=n)
        if problems:
            text += " " + tr("Sending needs a mail server (Settings ▸ Mail): {why} You can "
                             "save the messages as .eml files instead.").format(
                                 why=" ".join(problems))
            self.send_button.setEnabled(False)
        self.intro.setText(text)

    def isComplete(self) -> bool:
        return self.summary is not None

    def _busy(self, busy: bool) -> None:
        self.send_button.setEnabled(not busy and not config.smtp_settings(
            self.ctx.store).problems())
        self.save_button.setEnabled(not busy)
        self.wiz.button(QWizard.WizardButton.BackButton).setEnabled(not busy)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Save the messages into…"),
                                                  str(Path.home()))
        if folder:
            self.save_eml(Path(folder))

    def save_eml(self, folder: Path) -> BackgroundTask:
        return self._start(folder=folder)

    def send(self) -> BackgroundTask | None:
        go, password = ask_password(self, self.ctx)
        if not go:
            return None
        return self._start(password=password)

    def _start(self, **kwargs) -> BackgroundTask:
        self._busy(True)
        self.log.clear()
        self.result_label.clear()
        self.task = start_delivery(self, self.ctx, self.flow, on_result=self._resultArrived.emit,
                                   on_done=self._done, on_error=self._failed, **kwargs)
        return self.task

    def _show_result(self, result: MessageResult) -> None:
        self.log.appendPlainText(result_line(result))

    def _done(self, summary: DeliverySummary) -> None:
        self.summary = summary
        self.result_label.setText(summary_text(summary))
        self.send_button.setEnabled(False)
        self.save_button.setEnabled(False)
        self.wiz.button(QWizard.WizardButton.BackButton).setEnabled(False)
        self.completeChanged.emit()

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        messages.report(self, exc)


class ReminderWizard(QWizard):
    """Choose, review, send. *client*: only that client's reminder (from a client's page)."""

    finishedDelivery = Signal(object)  # the DeliverySummary

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 client: str | None = None, flow: ReminderFlow | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reminderWizard")
        self.ctx = ctx
        self.setWindowTitle(tr("Send reminders"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.flow = flow or remind.plan_reminders(ctx.store, ctx.today(), client=client)
        if client is not None and not self.flow.entries:
            found = ctx.store.find_client(client)
            try:
                self.flow.add_client(found.id)
            except CollectorError:
                pass  # the page says there is nothing to remind
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
        geometry = ctx.settings.value("reminderWizard/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(900, 600)
        self.finished.connect(lambda _r: ctx.settings.setValue("reminderWizard/geometry",
                                                               self.saveGeometry()))
