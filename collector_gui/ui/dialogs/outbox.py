"""The outbox: reminders not confirmed sent. Failed ones: retry or discard. Unknown ones (the
server took the whole message, its answer never came; or the program stopped mid-send): the
user says "it arrived" (recorded as sent) or "send again"; a retry never sends them.

The list comes from `actions.delivery.outbox`; sending runs off the UI thread with the worker's
own Store.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from collector_gui.actions import delivery
from collector_gui.actions.delivery import DeliverySummary
from collector_gui.ledger.store import Store
from collector_gui.ui import notify
from collector_gui.ui.context import AppContext
from collector_gui.ui.window_language import tr
from collector_gui.ui.reminder_common import ask_password, outbox_status_label, summary_text
from collector_gui.actions.records import Changes, OpResult
from collector_gui.ui.tasks import BackgroundTask, run_in_background


class OutboxDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outboxDialog")
        self.setWindowTitle(tr("Outbox"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.ctx = ctx
        self.task: BackgroundTask | None = None
        self.intro = QLabel(tr("Reminders not confirmed sent wait here. A failed one was not "
                               "delivered: retry it. Whether an unknown one arrived cannot be "
                               "told: check with the client or your sent folder, then say."))
        self.intro.setWordWrap(True)
        self.list = QTreeWidget()
        self.list.setObjectName("outboxList")
        self.list.setRootIsDecorated(False)
        self.list.setHeaderLabels([tr("Client"), tr("To"), tr("Subject"), tr("Status"),
                                   tr("When"), tr("Reason")])
        self.list.setSelectionMode(QTreeWidget.SelectionMode.ExtendedSelection)
        self.list.itemSelectionChanged.connect(self._update)
        self.retry_button = QPushButton(tr("Retry"))
        self.retry_button.setObjectName("retry")
        self.retry_button.clicked.connect(lambda: self.retry())
        self.discard_button = QPushButton(tr("Discard…"))
        self.discard_button.setObjectName("discard")
        self.discard_button.clicked.connect(self.discard)
        self.arrived_button = QPushButton(tr("It arrived"))
        self.arrived_button.setObjectName("resolveSent")
        self.arrived_button.setToolTip(tr("You checked: the client got it. It is recorded as "
                                          "sent."))
        self.arrived_button.clicked.connect(self.resolve_sent)
        self.resend_button = QPushButton(tr("Send again"))
        self.resend_button.setObjectName("resolveResend")
        self.resend_button.setToolTip(tr("You checked: the client did not get it."))
        self.resend_button.clicked.connect(self.resend)
        self.result = QLabel()
        self.result.setObjectName("result")
        self.result.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.discard_button)
        buttons.addWidget(self.arrived_button)
        buttons.addWidget(self.resend_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.result)
        layout.addLayout(buttons)
        self.resize(860, 380)
        self.reload()

    def reload(self) -> None:
        self.items = delivery.outbox(self.ctx.store)
        self.list.clear()
        fmt = self.ctx.fmt
        for it in self.items:
            row = QTreeWidgetItem([it.client, it.recipient, it.subject,
                                   outbox_status_label(it.status),
                                   fmt.datetime(it.at), it.error])
            row.setData(0, Qt.ItemDataRole.UserRole, it.event_id)
            row.setToolTip(5, it.error)
            self.list.addTopLevelItem(row)
        for col in range(5):
            self.list.resizeColumnToContents(col)
        if not self.items:
            self.result.setText(self.result.text() or tr("The outbox is empty."))
        self._update()

    def selected_ids(self) -> list[int]:
        return [item.data(0, Qt.ItemDataRole.UserRole) for item in self.list.selectedItems()]

    def _selected(self, status: str) -> list[int]:
        chosen = set(self.selected_ids())
        return [it.event_id for it in self.items if it.event_id in chosen and it.status == status]

    def _update(self) -> None:
        has = bool(self.selected_ids())
        self.retry_button.setEnabled(bool(self._selected("failed")))
        self.discard_button.setEnabled(has)
        unknown = bool(self._selected("unknown"))
        self.arrived_button.setEnabled(unknown)
        self.resend_button.setEnabled(unknown)

    def resolve_sent(self) -> None:
        ids = self._selected("unknown")

        def op(store: Store) -> OpResult:
            for event_id in ids:
                delivery.resolve_sent(store, event_id)
            return OpResult(None, Changes.of(contact_events=ids))

        def done(_value) -> None:
            self.result.setText(tr("{n} messages recorded as sent.").format(n=len(ids)))
            self.reload()

        self.task = self.ctx.write(self, op, done)

    def resend(self) -> BackgroundTask | None:
        return self.retry(resend=True)

    def retry(self, resend: bool = False) -> BackgroundTask | None:
        ids = self._selected("unknown" if resend else "failed")
        if not ids:
            return None
        go, password = ask_password(self, self.ctx)
        if not go:
            return None

        def op(ledger, task):
            store = Store(ledger)
            if not resend:
                return delivery.retry(store, ids, password=password, task=task)
            summary = DeliverySummary()
            for event_id in ids:
                summary.results += delivery.resend(store, event_id, password=password,
                                                   task=task).results
            return summary

        def done(summary: DeliverySummary) -> None:
            self.ctx.notify()
            self.result.setText(summary_text(summary))
            self.reload()

        self.task = run_in_background(self, op, done, ledger_path=self.ctx.path, writes=True,
                                      label=tr("Sending again…"))
        return self.task

    def discard(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return

        def op(store: Store) -> OpResult:
            for event_id in ids:
                delivery.discard(store, event_id)
            return OpResult(None, Changes.of(contact_events=ids))

        def discarded(_value) -> None:
            self.result.setText(tr("{n} messages discarded.").format(n=len(ids)))
            self.reload()

        def go() -> None:
            self.task = self.ctx.write(self, op, discarded)

        notify.ask_user(self, tr("Discard {n} messages without sending them?").format(
            n=len(ids)), go, yes_label=tr("Discard"))
