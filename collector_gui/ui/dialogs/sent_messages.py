"""Sent messages: every email sent, saved, failed or of unknown delivery, newest first,
searchable. One chosen shows its text and its attachments' names; it can be saved as an
.eml file again, and a failed or unknown one is retried, resolved or discarded with the
outbox's own buttons (this view extends the outbox dialog, so the two never differ).

The list and the message come from `actions.sent`; saving runs off the UI thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from collector_gui.actions import sent
from collector_gui.ui import notify
from collector_gui.ui.context import AppContext
from collector_gui.ui.dialogs.outbox import OutboxDialog
from collector_gui.ui.reminder_common import outbox_status_label
from collector_gui.ui.tasks import BackgroundTask, run_in_background
from collector_gui.ui.window_language import tr


def status_label(status: str) -> str:
    return {"sent": tr("sent"), "saved": tr("saved as .eml")}.get(
        status, outbox_status_label(status))


class SentMessagesDialog(OutboxDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        self._ready = False
        super().__init__(ctx, parent)
        self.setObjectName("sentMessagesDialog")
        self.setWindowTitle(tr("Sent messages"))
        self.intro.setText(tr("Every message sent, saved, or waiting in the outbox, newest "
                              "first. Choose one to read it. A failed one can be retried; "
                              "whether an unknown one arrived, only you can say."))
        self.list.setHeaderLabels([tr("Client"), tr("When"), tr("Subject"), tr("Status"),
                                   tr("To"), tr("Reason")])
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(tr("Search by client, address or subject"))
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(200)
        self._search_timer.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.attachments = QLabel()
        self.attachments.setObjectName("attachments")
        self.attachments.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setObjectName("messageText")
        self.text.setReadOnly(True)
        self.save_button = QPushButton(tr("Save as .eml…"))
        self.save_button.setObjectName("saveEml")
        self.save_button.clicked.connect(lambda: self.ask_save())
        layout = self.layout()
        layout.removeWidget(self.list)
        reader = QWidget()
        rlay = QVBoxLayout(reader)
        rlay.setContentsMargins(0, 0, 0, 0)
        rlay.addWidget(self.attachments)
        rlay.addWidget(self.text, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.list)
        split.addWidget(reader)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout.insertWidget(1, self.search)
        layout.insertWidget(2, split, 1)
        buttons = layout.itemAt(layout.count() - 1).layout()
        buttons.insertWidget(0, self.save_button)
        self.list.setSelectionMode(self.list.SelectionMode.ExtendedSelection)
        self.list.currentItemChanged.connect(lambda *_a: self.show_current())
        self.view: sent.MessageView | None = None
        self.resize(980, 620)
        self._ready = True
        self.reload()
        self.search.setFocus()

    # -- the list ---------------------------------------------------------------------------------

    def reload(self) -> None:
        if not self._ready:  # the outbox's constructor asks before this one is built
            return
        current = self.current_id()
        self.items = sent.sent_messages(self.ctx.store, self.search.text())
        self.list.clear()
        fmt = self.ctx.fmt
        chosen = None
        for it in self.items:
            row = QTreeWidgetItem([it.client, fmt.datetime(it.at), it.subject,
                                   status_label(it.status), it.recipient, it.error])
            row.setData(0, Qt.ItemDataRole.UserRole, it.event_id)
            row.setToolTip(5, it.error)
            self.list.addTopLevelItem(row)
            if it.event_id == current:
                chosen = row
        for col in range(5):
            self.list.resizeColumnToContents(col)
        for col, most in ((0, 220), (2, 340), (4, 240)):  # the date and status stay in view
            self.list.setColumnWidth(col, min(self.list.columnWidth(col), most))
        if chosen is not None:
            self.list.setCurrentItem(chosen)
        if not self.items:
            self.result.setText(tr("No message matches.") if self.search.text().strip()
                                else tr("No message was sent from this ledger yet."))
        self.show_current()
        self._update()

    def current_id(self) -> int | None:
        item = self.list.currentItem() if self._ready else None
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def selected_ids(self) -> list[int]:
        """The outbox's buttons act on the chosen messages still in the outbox only."""
        chosen = set(super().selected_ids())
        return [it.event_id for it in self.items if it.event_id in chosen and it.in_outbox]

    def _update(self) -> None:
        super()._update()
        if self._ready:
            self.save_button.setEnabled(self.current_id() is not None)

    # -- one message ------------------------------------------------------------------------------

    def show_current(self) -> None:
        event_id = self.current_id()
        self.view = sent.open_message(self.ctx.store, event_id) if event_id is not None else None
        if self.view is None:
            self.text.setPlainText("")
            self.attachments.setText("")
        else:
            names = ", ".join(self.view.attachments)
            self.attachments.setText(tr("Attachments: {names}").format(names=names) if names
                                     else tr("No attachments."))
            self.text.setPlainText(self.view.text)
        self._update()

    def ask_save(self) -> BackgroundTask | None:
        if self.view is None:
            return None
        item = self.view.item
        name = f"{item.at:%Y-%m-%d} {item.client}.eml".replace("/", "-")
        path, _ = QFileDialog.getSaveFileName(self, tr("Save the message as"),
                                              str(Path.home() / name),
                                              tr("Email files (*.eml)"))
        return self.save(Path(path)) if path else None

    def save(self, path: Path) -> BackgroundTask:
        event_id = self.view.item.event_id

        def done(made: Path) -> None:
            self.result.setText(tr("Saved {path}; any mail program opens it.").format(
                path=str(made)))

        def failed(exc: BaseException) -> None:
            notify.report(self, exc)

        from collector_gui.ledger.store import Store

        self.task = run_in_background(
            self, lambda ledger, _task: sent.save_eml(Store(ledger), event_id, path), done,
            ledger_path=self.ctx.path, on_error=failed, progress=False)
        return self.task
