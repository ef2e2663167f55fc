"""A warning under a form field, kept up to date as the user types.

The rule is a Qt-free check from `core.validate` (text in, a sentence in the user's language
or None out), so the window, `collector config set` and the importer judge alike; this only
shows its answer in the row beneath the field.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit

Check = Callable[[str], "str | None"]


class FieldWarning(QLabel):
    """The warning row of one field: hidden while the field's text passes its check."""

    def __init__(self, edit: QLineEdit, check: Check, form: QFormLayout | None = None) -> None:
        super().__init__()
        self.form = form
        self.setObjectName(f"{edit.objectName() or 'field'}Warning")
        self.setWordWrap(True)
        self.setStyleSheet("color: #b3261e;")
        self.edit = edit
        self.check = check
        edit.textChanged.connect(self.refresh)

    def problem(self) -> str | None:
        return self.check(self.edit.text())

    def refresh(self, *_args) -> str | None:
        problem = self.problem()
        self.setText(problem or "")
        if self.form is not None and self.form.indexOf(self) >= 0:
            self.form.setRowVisible(self, bool(problem))  # no empty gap while it is fine
        else:
            self.setVisible(bool(problem))
        self.edit.setToolTip(problem or "")
        if problem:
            QTimer.singleShot(0, self, self._make_room)  # dropped if the dialog goes first
        return problem

    def _make_room(self) -> None:
        """A wrapped warning of three lines must not be cut: grow the window to fit it."""
        window = self.window()
        if window is not None and window.isVisible():
            need = window.sizeHint().height()
            if need > window.height():
                window.resize(window.width(), need)


def attach(form: QFormLayout, edit: QLineEdit, check: Check) -> FieldWarning:
    """Put a warning for *edit* in the row under it in *form* (it must be in the form)."""
    warning = FieldWarning(edit, check, form)
    row, _role = form.getWidgetPosition(edit)
    form.insertRow(row + 1, "", warning)
    warning.refresh()
    return warning
