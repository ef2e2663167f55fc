"""What every record dialog shares: validation as you type, one save, remembered geometry.

A dialog lists what is wrong under the form while the user types and keeps its OK button
disabled until the form is right. Saving is one actions operation (one transaction) run on
the window's writer thread (`AppContext.write`): the dialog closes when it is done; when the
ledger refuses it, the dialog stays open with the reason, and nothing half-written is kept.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from collections.abc import Callable
from typing import Any

from collector_gui.actions.records import OpResult
from collector_gui.core.errors import CollectorError
from collector_gui.ledger import browse
from collector_gui.ledger.store import Store
from collector_gui.ui import notify
from collector_gui.ui.context import AppContext
from collector_gui.ui.window_language import tr  # noqa: F401 (the dialogs import it from here)
from collector_gui.ui.tasks import BackgroundTask
from collector_gui.ui.widgets import restore_geometry, save_geometry



def to_qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def date_edit(value: dt.date, parent: QWidget | None = None) -> QDateEdit:
    edit = QDateEdit(to_qdate(value), parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class RecordDialog(QDialog):
    """A form with live validation. Subclasses fill `form`, and define errors() and op()
    (the operation that saves the form); saved(value) runs after it, on the UI thread."""

    GEOMETRY_KEY = "dialog"

    def __init__(self, ctx: AppContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.result_record = None
        self.saving: BackgroundTask | None = None  # the save under way (tests wait on it)
        layout = QVBoxLayout(self)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        layout.addLayout(self.form)
        self.main_layout = layout
        self.problems = QLabel()
        self.problems.setObjectName("problems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #b3261e;")
        self.warning = QLabel()
        self.warning.setObjectName("warning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #8a5a00;")
        self.warning.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._footer = QVBoxLayout()
        self._footer.addWidget(self.warning)
        self._footer.addWidget(self.problems)
        self._footer.addWidget(self.buttons)
        restore_geometry(ctx.settings, self.GEOMETRY_KEY, self)

    def finish_layout(self) -> None:
        """Call at the end of the subclass's __init__: puts the footer last and validates."""
        self.main_layout.addLayout(self._footer)
        self.revalidate()

    @property
    def save_button(self):
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    def errors(self) -> list[str]:
        return []

    def warnings(self) -> list[str]:
        return []

    def op(self) -> Callable[[Store], OpResult]:
        """The operation that saves the form (built here, run on the writer thread)."""
        raise NotImplementedError

    def saved(self, value: Any) -> None:
        """The save went through (its undo entry is pushed here)."""

    def revalidate(self) -> list[str]:
        problems = self.errors()
        self.problems.setText("\n".join(f"• {p}" for p in problems))
        self.problems.setVisible(bool(problems))
        warnings = self.warnings() if not problems else []
        self.warning.setText("\n".join(warnings))
        self.warning.setVisible(bool(warnings))
        self.save_button.setEnabled(not problems)
        return problems

    def accept(self) -> None:
        if self.revalidate() or self.saving is not None:
            return
        try:
            op = self.op()
        except CollectorError as exc:
            notify.show_error(self, str(exc))
            return
        self.save_button.setEnabled(False)
        self.saving = self.ctx.write(self, op, self._done, on_error=self._refused)

    def _done(self, value: Any) -> None:
        self.saving = None
        self.result_record = value
        self.saved(value)
        save_geometry(self.ctx.settings, self.GEOMETRY_KEY, self)
        super().accept()

    def _refused(self, exc: BaseException) -> None:
        self.saving = None
        self.revalidate()
        notify.report(self, exc)  # a CollectorError as its message, anything else logged

    def reject(self) -> None:
        save_geometry(self.ctx.settings, self.GEOMETRY_KEY, self)
        super().reject()


def client_picker(ctx: AppContext) -> tuple[dict[str, int], QComboBox]:
    """An editable client combo that completes on any part of the name, and name -> id."""
    clients = {name: cid for cid, name in browse.client_choices(ctx.ledger, "", 5000)}
    combo = QComboBox()
    combo.setObjectName("client")
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.addItems(list(clients))
    completer = QCompleter(list(clients), combo)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    combo.setCompleter(completer)
    combo.setCurrentIndex(-1)
    return clients, combo
