"""What every record dialog shares: validation as you type, one save, remembered geometry,
and the keyboard.

A dialog lists what is wrong under the form while the user types and keeps its OK button
disabled until the form is right. Saving is one actions operation (one transaction) run on
the window's writer thread (`AppContext.write`): the dialog closes when it is done; when the
ledger refuses it, the dialog stays open with the reason, and nothing half-written is kept.

Nothing typed is lost without a question: Esc, Cancel or the window's close button on a
dialog whose fields differ from what it opened with asks "Discard changes?" (Keep editing is
the default); with no changes it closes at once. Ctrl+S and Ctrl+Return save. The focus
starts in `first_field`. Amounts and dates are typed the way the window's locale writes them
(ui/fields.py); a date field that cannot be read is named among the problems.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QAbstractListModel, QDate, QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from collections.abc import Callable
from typing import Any

from collector_gui.actions.records import OpResult
from collector_gui.core import settings as S
from collector_gui.core.model import LANGUAGES
from collector_gui.core.errors import CollectorError
from collector_gui.ledger import browse
from collector_gui.ledger.store import Store
from collector_gui.ui import notify
from collector_gui.ui.context import AppContext
from collector_gui.ui.fields import AmountEdit, DateEdit
from collector_gui.core.i18n import current_language
from collector_gui.ui.window_language import babel_locale
from collector_gui.ui.window_language import tr  # noqa: F401 (the dialogs import it from here)
from collector_gui.ui.tasks import BackgroundTask
from collector_gui.ui.widgets import restore_geometry, save_geometry



def to_qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def date_edit(value: dt.date, parent: QWidget | None = None, locale: str | None = None
              ) -> DateEdit:
    """A date field (typed in the locale's way, with a calendar popup). In a RecordDialog
    the locale is the context's, set by finish_layout; elsewhere, *locale* or the one of
    the window's language (as app.py makes the context's)."""
    return DateEdit(value, locale or babel_locale(current_language()), parent)


def amount_edit(ctx: AppContext, currency: str = "EUR") -> AmountEdit:
    """An amount field in the window's locale."""
    return AmountEdit(currency, ctx.fmt.locale)


def add_save_keys(dialog: QDialog, save: Callable[[], None]) -> None:
    """Ctrl+S and Ctrl+Return (Enter on the keypad too) save, wherever the focus is."""
    for keys in (QKeySequence.StandardKey.Save, "Ctrl+Return", "Ctrl+Enter"):
        shortcut = QShortcut(QKeySequence(keys), dialog)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(save)


def ask_to_discard(dialog: QDialog, discard: Callable[[], None]) -> QMessageBox:
    """"Discard changes?" before a dialog with unsaved changes closes; Keep editing is the
    default (Enter or Esc keep the dialog), *discard* runs only on Discard."""
    return notify.ask_user(
        dialog, tr("Discard changes?"), discard, yes_label=tr("&Discard"),
        no_label=tr("&Keep editing"),
        detail=tr("What you typed in this window has not been saved."))


def default_client_language(business: S.Settings, window_language: str) -> str:
    """A new client's language: the business default when one was set, else the window's
    (a Spanish window's clients are Spanish unless the user said otherwise)."""
    if business.raw(S.BUSINESS_LANGUAGE.key):
        return business.get(S.BUSINESS_LANGUAGE)
    return window_language if window_language in LANGUAGES else business.get(
        S.BUSINESS_LANGUAGE)


def form_state(root: QWidget) -> tuple:
    """What the user can change in *root*'s window, as one comparable value: the text, choice,
    check or number of every input, and the cells and checks of its lists and tables."""
    out: list = []
    for widget in root.findChildren(QWidget):
        if widget.window() is not root:
            continue  # popups: completer lists, a combo's list, the calendar
        if isinstance(widget, QLineEdit):
            out.append(widget.text())
        elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
            out.append(widget.toPlainText())
        elif isinstance(widget, QComboBox) and not widget.isEditable():
            out.append(widget.currentIndex())
        elif isinstance(widget, QAbstractSpinBox):
            out.append(widget.text())
        elif isinstance(widget, QAbstractButton) and widget.isCheckable():
            out.append(widget.isChecked())
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            top = QModelIndex()
            columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(top)
            for row in range(model.rowCount(top)):
                for col in range(columns):
                    index = model.index(row, col)
                    out.append((index.data(), index.data(Qt.ItemDataRole.CheckStateRole)))
    return tuple(out)


class RecordDialog(QDialog):
    """A form with live validation. Subclasses fill `form`, and define errors() and op()
    (the operation that saves the form); saved(value) runs after it, on the UI thread."""

    GEOMETRY_KEY = "dialog"

    def __init__(self, ctx: AppContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.first_field: QWidget | None = None  # where typing starts (set by subclasses)
        self.question: QMessageBox | None = None  # "Discard changes?" while it is asked
        self._opened_with: tuple | None = None
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
        """Call at the end of the subclass's __init__: puts the footer last, reads amounts
        and dates in the window's locale, validates, and notes what the form opened with."""
        self.main_layout.addLayout(self._footer)
        locale = self.ctx.fmt.locale
        for field in self.findChildren(DateEdit):
            field.set_locale(locale)
            field.edited.connect(self.revalidate)
        for field in self.findChildren(AmountEdit):
            field.set_locale(locale)
        add_save_keys(self, self.accept)
        self.revalidate()
        self._opened_with = form_state(self)
        if self.first_field is not None:
            self.first_field.setFocus()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.first_field is not None and not event.spontaneous():
            self.first_field.setFocus()

    def has_changes(self) -> bool:
        """Whether anything in the form differs from what it opened with."""
        return self._opened_with is not None and form_state(self) != self._opened_with

    def field_problems(self) -> list[str]:
        """The date fields that cannot be read, each named by its label."""
        out = []
        for field in self.findChildren(DateEdit):
            problem = field.error() if field.isEnabled() else None
            if problem:
                label = self.form.labelForField(field)
                name = label.text().replace("&", "") if isinstance(label, QLabel) else ""
                out.append(f"{name}: {problem}" if name else problem)
        return out

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

    def revalidate(self, *_args) -> list[str]:
        problems = self.field_problems() + self.errors()
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
        """Esc, Cancel and the close button: with changes, ask first."""
        if self.saving is not None or (self.question is not None and self.question.isVisible()):
            return
        if not self.has_changes():
            self.discard()
            return
        self.question = ask_to_discard(self, self.discard)

    def discard(self) -> None:
        """Close without saving, and without asking."""
        self.question = None
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

    def take_the_only_suggestion() -> None:
        """Enter on "acm" when only "Acme S.L." contains it: that client is chosen."""
        text = combo.currentText().strip()
        if not text or text in clients:
            return
        completer.setCompletionPrefix(text)
        if completer.completionCount() == 1:
            completer.setCurrentRow(0)
            combo.setCurrentText(completer.currentCompletion())
            completer.popup().hide()

    combo.lineEdit().returnPressed.connect(take_the_only_suggestion)
    return clients, combo
