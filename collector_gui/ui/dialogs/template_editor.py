"""Edit reminder templates: one source at a time, checked as you type, previewed live on a
real client of the ledger.

The rules live in documents/messages.py (validate_template, save_user_copy,
reset_user_copy) and actions/remind_views.py (preview_template); this dialog only shows them.
A template with a problem cannot be saved: the Save button stays off and the preview shows
the problem instead of a letter.

Typing checks only what is quick (syntax, unknown names); rendering (the check on a sample
client and the preview on a real one) runs off the window's thread through ui/tasks.py, one
render at a time, so a slow or endless template never freezes the window: the preview says
"Rendering…" and then shows the letter, or the limit the template hit.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from collector_gui.actions import remind_views
from collector_gui.core.dunning import Stage
from collector_gui.core.errors import CollectorError
from collector_gui.documents import messages as templates
from collector_gui.ledger import browse
from collector_gui.ledger.store import Store
from collector_gui.ui import notify as messages  # ui/messages.py is ui/notify.py
from collector_gui.ui.context import AppContext
from collector_gui.ui.window_language import tr
from collector_gui.ui.reminder_wizard import stage_label
from collector_gui.ui.tasks import BackgroundTask, run_in_background
from collector_gui.ui.widgets import restore_geometry, save_geometry

PREVIEW_DELAY_MS = 300
GEOMETRY_KEY = "templateEditor"


def _kind_label(kind: str) -> str:
    return {"subject": tr("Subject"), "txt": tr("Text"), "html": tr("HTML")}.get(kind, kind)


def _language_label(lang: str) -> str:
    return {"en": tr("English"), "es": tr("Spanish")}.get(lang, lang)


class TemplateEditorDialog(QDialog):
    """Choose a template (language, stage, part), edit it, see it on a client, save it."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("templateEditor")
        self.setWindowTitle(tr("Reminder templates"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.question = None  # the ask_user box open now (tests answer it)
        self._current: tuple[str, str, str] | None = None
        self._saved_source = ""
        self._is_user_copy = False
        self._problems: list[templates.TemplateProblem] = []
        self._closing = False
        self.preview_task: BackgroundTask | None = None  # the render running now
        self._preview_again = False  # the text changed while it ran

        # -- which template ----------------------------------------------------------------
        self.language = QComboBox()
        self.language.setObjectName("language")
        for lang in ("en", "es"):
            self.language.addItem(_language_label(lang), lang)
        idx = self.language.findData(ctx.language)
        self.language.setCurrentIndex(max(0, idx))
        self.stage = QComboBox()
        self.stage.setObjectName("stage")
        for stage in Stage:
            self.stage.addItem(stage_label(stage), str(stage))
        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        for kind in templates.KINDS:
            self.kind.addItem(_kind_label(kind), kind)
        for combo in (self.language, self.stage, self.kind):
            combo.currentIndexChanged.connect(lambda _i: self._choose())
        chooser = QHBoxLayout()
        chooser.addWidget(QLabel(tr("Language:")))
        chooser.addWidget(self.language)
        chooser.addWidget(QLabel(tr("Stage:")))
        chooser.addWidget(self.stage)
        chooser.addWidget(QLabel(tr("Part:")))
        chooser.addWidget(self.kind)
        chooser.addStretch(1)

        # -- the source --------------------------------------------------------------------
        self.origin = QLabel()
        self.origin.setObjectName("origin")
        self.origin.setWordWrap(True)
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("source")
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.editor.textChanged.connect(self._edited)
        self.names = QLabel(tr("Values a template may use: {names}").format(
            names=", ".join(templates.context_names())))
        self.names.setObjectName("names")
        self.names.setWordWrap(True)
        self.names.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem_list = QListWidget()
        self.problem_list.setObjectName("problems")
        self.problem_list.setStyleSheet("color: #b3261e;")
        self.problem_list.setMaximumHeight(90)
        self.problem_list.itemActivated.connect(self._go_to_problem)
        self.problem_list.hide()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.origin)
        left_layout.addWidget(self.editor, 1)
        left_layout.addWidget(self.problem_list)
        left_layout.addWidget(self.names)

        # -- the preview -------------------------------------------------------------------
        self.client = QComboBox()
        self.client.setObjectName("client")
        for cid, name in browse.client_choices(ctx.ledger, "", 5000):
            self.client.addItem(name, cid)
        self.client.currentIndexChanged.connect(lambda _i: self._schedule())
        self.preview_note = QLabel()
        self.preview_note.setObjectName("previewNote")
        self.preview_note.setWordWrap(True)
        self.preview_error = QLabel()
        self.preview_error.setObjectName("previewError")
        self.preview_error.setWordWrap(True)
        self.preview_error.setStyleSheet("color: #b3261e;")
        self.preview_error.hide()
        self.preview_subject = QLineEdit()
        self.preview_subject.setObjectName("previewSubject")
        self.preview_subject.setReadOnly(True)
        self.preview_text = QPlainTextEdit()
        self.preview_text.setObjectName("previewText")
        self.preview_text.setReadOnly(True)
        self.preview_html = QTextBrowser()
        self.preview_html.setObjectName("previewHtml")
        self.preview_html.setOpenLinks(False)
        self.preview_tabs = QTabWidget()
        self.preview_tabs.addTab(self.preview_text, tr("Text"))
        self.preview_tabs.addTab(self.preview_html, tr("HTML"))
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        form.addRow(tr("Preview for:"), self.client)
        form.addRow(tr("Subject:"), self.preview_subject)
        right_layout.addLayout(form)
        right_layout.addWidget(self.preview_note)
        right_layout.addWidget(self.preview_error)
        right_layout.addWidget(self.preview_tabs, 1)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)

        # -- buttons -----------------------------------------------------------------------
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Close)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.clicked.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.reset_button = QPushButton(tr("Reset to the original…"))
        self.reset_button.setObjectName("reset")
        self.reset_button.clicked.connect(self.reset)
        self.buttons.addButton(self.reset_button, QDialogButtonBox.ButtonRole.ResetRole)

        layout = QVBoxLayout(self)
        layout.addLayout(chooser)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(PREVIEW_DELAY_MS)
        self.timer.timeout.connect(self.refresh_preview)

        self.resize(1000, 650)
        restore_geometry(ctx.settings, GEOMETRY_KEY, self)
        self._load(self._selection())

    # -- which template ------------------------------------------------------------------------

    def _selection(self) -> tuple[str, str, str]:
        return (self.language.currentData(), self.stage.currentData(), self.kind.currentData())

    def _select(self, which: tuple[str, str, str]) -> None:
        """Put the combos back on *which* without reacting (a switch the user cancelled)."""
        for combo, value in zip((self.language, self.stage, self.kind), which):
            combo.blockSignals(True)
            combo.setCurrentIndex(combo.findData(value))
            combo.blockSignals(False)

    @property
    def dirty(self) -> bool:
        return self._current is not None and self.editor.toPlainText() != self._saved_source

    def _choose(self) -> None:
        wanted = self._selection()
        if wanted == self._current:
            return
        if not self.dirty:
            self._load(wanted)
            return
        previous = self._current
        self._select(previous)

        def discard() -> None:
            self._select(wanted)
            self._load(wanted)

        self.question = messages.ask_user(
            self, tr("Discard your changes to this template?"), discard,
            yes_label=tr("Discard changes"))

    def _load(self, which: tuple[str, str, str]) -> None:
        lang, stage, kind = which
        try:
            source, is_user = templates.template_source(lang, stage, kind)
        except OSError as exc:
            messages.show_error(self, tr("The template cannot be read: {error}").format(
                error=str(exc)))
            source, is_user = "", False
        self._current = which
        self._saved_source = source
        self._is_user_copy = is_user
        self.editor.blockSignals(True)
        self.editor.setPlainText(source)
        self.editor.blockSignals(False)
        self._edited()

    # -- editing -------------------------------------------------------------------------------

    def _edited(self) -> None:
        """Check the source at once (Save must never be on for a broken template); the
        preview waits until typing pauses."""
        lang, stage, kind = self._current
        self._problems = templates.validate_template(self.editor.toPlainText(), kind,
                                                     lang=lang, stage=stage, render=False)
        self._show_problems()
        self._update_state()
        self._schedule()

    def _show_problems(self) -> None:
        self.problem_list.clear()
        for problem in self._problems:
            if problem.line:
                text = tr("Line {line}: {message}").format(line=problem.line,
                                                           message=problem.message)
            else:
                text = problem.message
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, problem.line)
            self.problem_list.addItem(item)
        self.problem_list.setVisible(bool(self._problems))

    def _update_state(self) -> None:
        if self._is_user_copy:
            origin = tr("Your edited copy of this template.")
        else:
            origin = tr("The original template that comes with Collector.")
        if self.dirty:
            origin += " " + tr("(unsaved changes)")
        self.origin.setText(origin)
        self.save_button.setEnabled(self.dirty and not self._problems)
        self.reset_button.setEnabled(self._is_user_copy)

    def _go_to_problem(self, item: QListWidgetItem) -> None:
        line = item.data(Qt.ItemDataRole.UserRole)
        if line:
            block = self.editor.document().findBlockByLineNumber(int(line) - 1)
            cursor = self.editor.textCursor()
            cursor.setPosition(block.position())
            self.editor.setTextCursor(cursor)
            self.editor.setFocus()

    # -- preview -------------------------------------------------------------------------------

    def _schedule(self) -> None:
        self.timer.start()

    def _show_preview_error(self, text: str) -> None:
        self.preview_error.setText(text)
        self.preview_error.show()
        self.preview_subject.clear()
        self.preview_text.clear()
        self.preview_html.clear()

    def refresh_preview(self) -> None:
        self.timer.stop()
        if self._current is None or self._closing:
            return
        lang, stage, kind = self._current
        if self._problems:
            self.preview_note.clear()
            self._show_preview_error("\n".join(
                tr("The template has a problem: {problem}").format(problem=str(p))
                for p in self._problems))
            return
        client_id = self.client.currentData()
        if self.preview_task is not None and not self.preview_task.done:
            self._preview_again = True  # one render at a time; the newest text next
            return
        source = self.editor.toPlainText()
        as_of = self.ctx.today()

        def op(ledger, _task) -> tuple[list, object]:
            """On a worker thread: the full check, then the preview (or its error)."""
            problems = templates.validate_template(source, kind, lang=lang, stage=stage)
            if problems or client_id is None:
                return problems, None
            try:
                return [], remind_views.preview_template(
                    Store(ledger), client_id, stage, overrides={kind: source}, as_of=as_of)
            except CollectorError as exc:
                return [], exc

        which = self._current
        self.preview_note.setText(tr("Rendering…"))
        self.preview_task = run_in_background(
            self, op, lambda result: self._rendered(which, source, client_id, *result),
            ledger_path=self.ctx.path, progress=False,
            on_error=lambda exc: self._rendered(which, source, client_id, [], exc))

    def _rendered(self, which, source: str, client_id, problems: list, rendered) -> None:
        """Back on the window's thread: show what the worker found, if still current."""
        if self._closing or not shiboken6.isValid(self):
            return  # closed, or deleted with its parent, while the worker rendered
        current = (which == self._current and source == self.editor.toPlainText()
                   and client_id == self.client.currentData())
        if self._preview_again or not current:
            self._preview_again = False
            self.refresh_preview()
            return
        if problems:
            self._problems = problems
            self._show_problems()
            self._update_state()
            self.preview_note.clear()
            self._show_preview_error("\n".join(
                tr("The template has a problem: {problem}").format(problem=str(p))
                for p in problems))
            return
        if client_id is None:
            self.preview_note.clear()
            self._show_preview_error(tr("Add a client with an unpaid invoice to see a preview."))
            return
        if isinstance(rendered, BaseException):
            self.preview_note.clear()
            self._show_preview_error(str(rendered))
            return
        client = self.ctx.store.get_client(client_id)
        lang = which[0]
        note = ""
        if client.language != lang:
            note = tr("{client} gets reminders in {language}: their amounts and dates are "
                      "written that way.").format(client=client.name,
                                                  language=_language_label(client.language))
        self.preview_note.setText(note)
        self.preview_error.hide()
        self.preview_subject.setText(rendered.subject)
        self.preview_text.setPlainText(rendered.text)
        self.preview_html.setHtml(rendered.html)

    # -- saving --------------------------------------------------------------------------------

    def save(self) -> bool:
        if self._current is None or self._problems:
            return False
        lang, stage, kind = self._current
        source = self.editor.toPlainText()
        try:
            templates.save_user_copy(lang, stage, kind, source)
        except (CollectorError, OSError) as exc:
            messages.show_error(self, str(exc))
            return False
        self._saved_source = source
        self._is_user_copy = True
        self._update_state()
        messages.show_status(self.parentWidget(), tr("Template saved."))
        return True

    def reset(self) -> None:
        if self._current is None or not self._is_user_copy:
            return
        which = self._current

        def do_reset() -> None:
            try:
                templates.reset_user_copy(*which)
            except OSError as exc:
                messages.show_error(self, str(exc))
                return
            self._load(which)

        self.question = messages.ask_user(
            self, tr("Remove your edited copy and go back to the original template?"),
            do_reset, yes_label=tr("Reset"))

    # -- closing -------------------------------------------------------------------------------

    def _finish(self) -> None:
        self._closing = True
        self.timer.stop()
        save_geometry(self.ctx.settings, GEOMETRY_KEY, self)
        QDialog.reject(self)

    def reject(self) -> None:
        if self._closing or not self.dirty:
            self._finish()
            return
        self.question = messages.ask_user(
            self, tr("Close without saving your changes to this template?"), self._finish,
            yes_label=tr("Discard changes"))

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._closing or not self.dirty:
            self._closing = True
            self.timer.stop()
            save_geometry(self.ctx.settings, GEOMETRY_KEY, self)
            super().closeEvent(event)
            return
        event.ignore()
        self.reject()
