"""The reminder wizard's own widgets: a stage box the mouse wheel cannot change by passing
over it (and the plan table's delegate that makes one when asked), the busy panel shown while
a worker thread works, and the summary after sending.

Kept apart from reminder_wizard.py, which holds the pages and their navigation.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStyledItemDelegate,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from collector_gui.actions.delivery import DeliverySummary, MessageResult
from collector_gui.actions.remind_wizard import summary_groups
from collector_gui.ui.window_language import tr


# How often the busy panel's bar follows the worker's steps.
PROGRESS_TICK_MS = 50


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


class StageDelegate(QStyledItemDelegate):
    """The plan's stage column: plain text until the user clicks it, then a StageBox.

    One combo box per row cost about 1.5 ms each to make and lay out (0.9 s for the 543 rows
    of a 100,000-invoice plan, all on the UI thread); a delegate makes one editor, when
    asked, and it has the focus from the start. `stageChosen(row, stage)` says what was
    picked (the page changes the plan and redraws that row)."""

    stageChosen = Signal(int, str)

    def __init__(self, choices: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._choices = choices  # (label, stage)

    def createEditor(self, parent: QWidget, _option, index: QModelIndex) -> QWidget:  # noqa: N802
        box = StageBox(parent)
        box.setObjectName(f"stage_{index.siblingAtColumn(0).data(Qt.ItemDataRole.UserRole)}")
        for label, stage in self._choices:
            box.addItem(label, stage)
        box.currentIndexChanged.connect(lambda _i, b=box: self.commitData.emit(b))
        return box

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:  # noqa: N802
        assert isinstance(editor, StageBox)
        editor.blockSignals(True)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.UserRole))))
        editor.blockSignals(False)

    def setModelData(self, editor: QWidget, _model, index: QModelIndex) -> None:  # noqa: N802
        assert isinstance(editor, StageBox)
        if editor.currentData() != index.data(Qt.ItemDataRole.UserRole):
            self.stageChosen.emit(index.row(), editor.currentData())


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
        self._pending: tuple[int, int, str] = (0, 0, "")
        self._tick = QTimer(self)
        self._tick.setSingleShot(True)
        self._tick.setInterval(PROGRESS_TICK_MS)
        self._tick.timeout.connect(self._show_pending)

    def start(self, title: str) -> None:
        self.title.setText(title)
        self.detail.clear()
        self.bar.setRange(0, 0)
        self.cancel_button.setEnabled(True)
        self._pending = (0, 0, "")

    def progress(self, done: int, total: int, text: str) -> None:
        """Keep the newest step; the bar shows it at the next tick. A worker steps once per
        client (2,098 times at 100,000 invoices) and QProgressBar.setValue repaints at once:
        shown as they came, the steps alone kept the window busy for 0.4 s."""
        self._pending = (done, total, text or self._pending[2])
        if not self._tick.isActive():
            self._tick.start()

    def _show_pending(self) -> None:
        done, total, text = self._pending
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        if text and self.cancel_button.isEnabled():
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
