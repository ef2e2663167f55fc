"""The reminder wizard's own widgets: a stage box the mouse wheel cannot change by passing
over it, the busy panel shown while a worker thread works, and the summary after sending.

Kept apart from reminder_wizard.py, which holds the pages and their navigation.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from collector_gui.actions.delivery import DeliverySummary, MessageResult
from collector_gui.actions.remind_wizard import summary_groups
from collector_gui.ui.i18n import tr


class StageBox(QComboBox):
    """A combo box that ignores the mouse wheel unless it has the keyboard focus.

    Scrolling the plan's table over a row's stage box changed the stage (and with it which
    invoices go in) without a click. The wheel event is ignored, so it reaches the table,
    which scrolls; a click (or Tab) gives the box the focus, and then the wheel works.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the wheel alone never focuses it

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt's name)
        if not self.hasFocus():
            event.ignore()
            return
        super().wheelEvent(event)


class BusyPanel(QWidget):
    """"Working out today's reminders…" with a progress bar and a Cancel that stops the work."""

    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("busyPanel")
        self.title = QLabel()
        self.title.setObjectName("busyTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        self.detail = QLabel()
        self.detail.setObjectName("busyDetail")
        self.detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.bar = QProgressBar()
        self.bar.setObjectName("busyBar")
        self.bar.setRange(0, 0)  # unknown until the first step says
        self.cancel_button = QPushButton(tr("Cancel"))
        self.cancel_button.setObjectName("cancelWork")
        self.cancel_button.clicked.connect(self._cancel)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.bar)
        layout.addWidget(self.detail)
        layout.addLayout(row)
        layout.addStretch(2)

    def start(self, title: str) -> None:
        self.title.setText(title)
        self.detail.clear()
        self.bar.setRange(0, 0)
        self.cancel_button.setEnabled(True)

    def progress(self, done: int, total: int, text: str) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        if text:
            self.detail.setText(text)

    def _cancel(self) -> None:
        self.cancel_button.setEnabled(False)
        self.detail.setText(tr("Cancelling…"))
        self.cancelled.emit()


def group_label(status: str, n: int) -> str:
    return {
        "sent": tr("Sent ({n})"),
        "saved": tr("Saved as .eml ({n})"),
        "failed": tr("Failed ({n})"),
        "unknown": tr("Delivery unknown ({n})"),
        "skipped": tr("Skipped ({n})"),
    }.get(status, status + " ({n})").format(n=n)


class SummaryView(QWidget):
    """After sending: the counts, one scrollable list grouped by what happened (each message
    once), then what to do about the rest. The list keeps a readable height, whatever else."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.headline = QLabel()
        self.headline.setObjectName("summary")
        self.headline.setWordWrap(True)
        self.headline.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tree = QTreeWidget()
        self.tree.setObjectName("summaryList")
        self.tree.setHeaderHidden(True)
        self.tree.setColumnCount(1)
        self.tree.setUniformRowHeights(True)
        self.tree.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.tree.setMinimumHeight(self.fontMetrics().height() * 8)
        self.notes = QLabel()
        self.notes.setObjectName("summaryNotes")
        self.notes.setWordWrap(True)
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.headline)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.notes)

    def show_summary(self, summary: DeliverySummary, headline: str, notes: list[str],
                     line: Callable[[MessageResult], str]) -> None:
        self.headline.setText(headline)
        self.notes.setText("\n".join(notes))
        self.notes.setVisible(bool(notes))
        self.tree.clear()
        for status, results in summary_groups(summary):
            group = QTreeWidgetItem([group_label(status, len(results))])
            group.setData(0, Qt.ItemDataRole.UserRole, status)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            for result in results:
                text = line(result)
                child = QTreeWidgetItem([text])
                child.setToolTip(0, text)
                child.setData(0, Qt.ItemDataRole.UserRole, result)
                group.addChild(child)
            self.tree.addTopLevelItem(group)
            group.setExpanded(True)

    def group(self, status: str) -> list[MessageResult]:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.data(0, Qt.ItemDataRole.UserRole) == status:
                return [item.child(j).data(0, Qt.ItemDataRole.UserRole)
                        for j in range(item.childCount())]
        return []
