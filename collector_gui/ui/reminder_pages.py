"""The reminder wizard's first two pages: who to remind (the plan), and the drafts to review.

Both show what the Qt-free `WizardModel` and `ReminderFlow` hold; neither renders nor reads
anything slow on the UI thread (the wizard runs that in a worker: reminder_wizard.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from collector_gui.actions.remind import PlanEntry, ReminderFlow
from collector_gui.actions.remind_wizard import Page, written_drafts
from collector_gui.core.dunning import STAGES
from collector_gui.core.errors import CollectorError
from collector_gui.ui import notify as messages  # ui/messages.py is ui/notify.py
from collector_gui.ui.window_language import tr
from collector_gui.ui.reminder_common import outbox_status_label, stage_label
from collector_gui.ui.reminder_widgets import BusyPanel, StageBox, StageDelegate

if TYPE_CHECKING:
    from collector_gui.ui.reminder_wizard import ReminderWizard

# How long one turn of filling the plan's table may keep the event loop (the window) waiting.
FILL_SLICE_S = 0.005


class ChoosePage(QWizardPage):
    """The plan: one row per client, ticked when the message goes; the stage can change.

    Until the worker has made the plan (and while it writes the drafts after Next) the page
    shows the busy panel instead; Next is off meanwhile."""

    class Col:
        CLIENT, STAGE, INVOICES, RECIPIENT, PROBLEMS = range(5)

    def __init__(self, wizard: ReminderWizard) -> None:
        super().__init__(wizard)
        self.setObjectName("choosePage")
        self.wiz = wizard
        self.model = wizard.model
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
        # only the stage cells are editable: a click opens the stage box (StageDelegate)
        triggers = QTableWidget.EditTrigger
        self.table.setEditTriggers(triggers.CurrentChanged | triggers.SelectedClicked
                                   | triggers.DoubleClicked | triggers.EditKeyPressed)
        self.stages = StageDelegate([(stage_label(st), str(st)) for st in STAGES], self.table)
        self.stages.stageChosen.connect(self._stage_chosen)
        self.table.setItemDelegateForColumn(self.Col.STAGE, self.stages)
        header = self.table.horizontalHeader()
        # Fixed widths: ResizeToContents measured every row's widgets on each change.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.resizeSection(self.Col.CLIENT, 200)
        header.resizeSection(self.Col.STAGE, 170)
        header.resizeSection(self.Col.INVOICES, 220)
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
        plan = QWidget()
        plan_layout = QVBoxLayout(plan)
        plan_layout.setContentsMargins(0, 0, 0, 0)
        self.bank_notice = QLabel()  # how old the bank's news is (actions.bank)
        self.bank_notice.setObjectName("bankNotice")
        self.bank_notice.setWordWrap(True)
        plan_layout.addWidget(self.bank_notice)
        plan_layout.addWidget(self.table, 1)
        plan_layout.addLayout(add_row)
        plan_layout.addWidget(self.manual)
        plan_layout.addWidget(self.held)
        self.busy = BusyPanel()
        self.busy.cancelled.connect(wizard.cancel_work)
        self.error = QLabel()
        self.error.setObjectName("planError")
        self.error.setWordWrap(True)
        self.error.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        for widget in (self.busy, plan, self.error):
            self.stack.addWidget(widget)
        self.plan_view = plan
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self._filling = False
        self._rows: list[PlanEntry] = []  # the plan's entries while the table fills
        self._next_row = 0
        self._on_filled: Callable[[], None] | None = None

    @property
    def flow(self) -> ReminderFlow:
        assert self.model.flow is not None
        return self.model.flow

    def show_busy(self, title: str) -> None:
        self.busy.start(title)
        self.stack.setCurrentWidget(self.busy)
        self.completeChanged.emit()

    def show_plan(self) -> None:
        if self.model.error:
            self.error.setText(self.model.error)
            self.stack.setCurrentWidget(self.error)
        else:
            self.stack.setCurrentWidget(self.plan_view)
        self.completeChanged.emit()

    def fill(self, on_done: Callable[[], None] | None = None) -> None:
        """The whole table, once the plan is made (a change redraws only its row), a slice
        of rows per turn of the event loop (543 rows at 100,000 invoices: a few ms each
        turn). *on_done* runs once the last is in."""
        self._rows = list(self.flow.entries)
        self._next_row = 0
        self._on_filled = on_done
        self.table.setRowCount(len(self._rows))
        self._fill_some()

    def _fill_some(self) -> None:
        if not shiboken6.isValid(self):
            return  # the wizard was closed meanwhile
        started = time.perf_counter()
        self.table.setUpdatesEnabled(False)
        try:
            while self._next_row < len(self._rows):
                self._fill_row(self._next_row, self._rows[self._next_row])
                self._next_row += 1
                if time.perf_counter() - started > FILL_SLICE_S:
                    break
        finally:
            self.table.setUpdatesEnabled(True)
        if self._next_row < len(self._rows):
            self.busy.progress(self._next_row, len(self._rows), "")
            QTimer.singleShot(0, self, self._fill_some)  # dropped if the page goes first
            return
        self._fill_rest()
        on_done, self._on_filled = self._on_filled, None
        if on_done is not None:
            on_done()

    def _fill_rest(self) -> None:
        entries = self._rows
        self._fill_addable()
        manual = self.flow.manual_steps()
        self.manual.setText(
            tr("Email reminders are over for {n} invoices: call, or hand them to an "
               "agency.").format(n=len(manual)) if manual else "")
        if not entries:
            self.manual.setText(tr("No reminders are due today. Add a client above to "
                                   "write to them anyway."))
        self.bank_notice.setText(self.model.bank_notice)
        held = self.model.held
        self.held.setText("\n".join(
            [tr("Held back by a message in the outbox (Reminders ▸ Outbox…):")]
            + [tr("{client}: {status}").format(client=it.client,
                                               status=outbox_status_label(it.status))
               for it in held]) if held else "")
        self.completeChanged.emit()

    def _fill_addable(self) -> None:
        self.add_combo.clear()
        for client in self.flow.addable_clients():
            self.add_combo.addItem(client.name, client.id)
        self.add_button.setEnabled(self.add_combo.count() > 0)

    def _cell(self, row: int, col: int, flags: Qt.ItemFlag) -> QTableWidgetItem:
        """The row's item in *col*, changed in place (an open stage box stays open)."""
        item = self.table.item(row, col)
        if item is None:
            item = QTableWidgetItem()
            item.setFlags(flags)
            self.table.setItem(row, col, item)
        return item

    def _fill_row(self, row: int, entry: PlanEntry) -> None:
        filling, self._filling = self._filling, True
        try:
            fmt = self.ctx.fmt
            shown = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            name = self._cell(row, self.Col.CLIENT, shown | Qt.ItemFlag.ItemIsUserCheckable)
            name.setText(entry.client.name)
            name.setData(Qt.ItemDataRole.UserRole, entry.client_id)
            name.setCheckState(Qt.CheckState.Checked if entry.included
                               else Qt.CheckState.Unchecked)
            stage = self._cell(row, self.Col.STAGE, shown | Qt.ItemFlag.ItemIsEditable)
            stage.setText(stage_label(entry.stage))
            stage.setData(Qt.ItemDataRole.UserRole, str(entry.stage))
            stage.setToolTip(tr("Click to choose another kind of reminder"))
            invoices = ", ".join(
                f"{inv.number} ({fmt.money(inv.balance_minor, inv.currency)})"
                for inv in entry.invoices)
            for col, text in ((self.Col.INVOICES, invoices),
                              (self.Col.RECIPIENT, entry.recipient or tr("(no email)")),
                              (self.Col.PROBLEMS, " ".join(entry.problems))):
                item = self._cell(row, col, shown)
                item.setText(text)
                item.setToolTip(text)
        finally:
            self._filling = filling

    def edit_stage(self, client_id: int) -> StageBox:
        """Open the client's stage box (as a click on its stage does) and return it."""
        item = self.table.item(self.row_of(client_id), self.Col.STAGE)
        index = self.table.indexFromItem(item)
        self.table.setCurrentItem(item)  # opens it (the CurrentChanged trigger) ...
        if self.table.indexWidget(index) is None:
            self.table.editItem(item)  # ... unless it was current already
        box = self.table.indexWidget(index)
        assert isinstance(box, StageBox)
        return box

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
            self._fill_row(item.row(), self.flow.entry(client_id))
            return
        self.completeChanged.emit()

    def _stage_chosen(self, row: int, stage: str) -> None:
        if self._filling:
            return
        client_id = self.table.item(row, self.Col.CLIENT).data(Qt.ItemDataRole.UserRole)
        try:
            self.flow.set_stage(client_id, stage)
        except CollectorError as exc:
            messages.show_error(self, str(exc))
        self._fill_row(row, self.flow.entry(client_id))
        self.completeChanged.emit()

    def _add_client(self) -> None:
        client_id = self.add_combo.currentData()
        if client_id is None:
            return
        try:
            entry = self.flow.add_client(client_id)
        except CollectorError as exc:
            messages.show_error(self, str(exc))
            return
        row = self.table.rowCount()
        self.table.setRowCount(row + 1)
        self._fill_row(row, entry)
        self._fill_addable()
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 (Qt's name)
        return self.model.page is Page.CHOOSE and self.model.can_next

    def validatePage(self) -> bool:  # noqa: N802 (Qt's name)
        """Next: first the drafts are written in a worker thread (then Next goes on by
        itself); the page moves only once every ticked client has one."""
        if self.model.busy:
            return False
        if self.model.needs_drafts():
            self.wiz.write_drafts()
            return False
        return True


class ReviewPage(QWizardPage):
    """One draft per ticked client (written by then); edits go to flow.update_draft."""

    def __init__(self, wizard: ReminderWizard) -> None:
        super().__init__(wizard)
        self.setObjectName("reviewPage")
        self.model = wizard.model
        self.setTitle(tr("Review the messages"))
        self.setSubTitle(tr("Each client gets one message. Edit the subject or the text "
                            "as you like; the invoices are attached as PDF files."))
        self.clients = QListWidget()
        self.clients.setObjectName("draftList")
        self.clients.setMaximumWidth(240)
        self.clients.setSpacing(3)  # two-line items must not run into each other
        self.clients.setUniformItemSizes(True)
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

    @property
    def flow(self) -> ReminderFlow:
        assert self.model.flow is not None
        return self.model.flow

    def initializePage(self) -> None:  # noqa: N802 (Qt's name)
        self.model.go_to(Page.REVIEW)
        self._current = None
        self.clients.blockSignals(True)
        self.clients.clear()
        for draft in written_drafts(self.flow):  # by the worker: nothing is rendered here
            item = QListWidgetItem(tr("{client}\n({stage} reminder)").format(
                client=draft.client.name, stage=stage_label(draft.stage)))
            item.setToolTip(item.text())
            item.setData(Qt.ItemDataRole.UserRole, draft.client_id)
            self.clients.addItem(item)
        self.clients.blockSignals(False)
        self.clients.setCurrentRow(0)

    def cleanupPage(self) -> None:  # noqa: N802 (Qt's name): Back
        self.model.go_to(Page.CHOOSE)

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

    def validatePage(self) -> bool:  # noqa: N802 (Qt's name)
        return self.commit()
