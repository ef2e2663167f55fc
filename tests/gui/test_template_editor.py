"""The reminder template editor: a live preview on a real client, problems with their line
numbers (and no Save while there is one), saving the user's copy and resetting it."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from collector_gui.core.model import Client, Invoice
from collector_gui.documents import messages as templates
from collector_gui.ui.dialogs.template_editor import TemplateEditorDialog

from tests.helpers.dates import TODAY
from tests.helpers.gui import writable


@pytest.fixture
def client(ctx):
    store = writable(ctx)
    store.set_setting("business.name", "Sam Freelance")
    store.set_setting("business.email", "sam@example.com")
    acme = store.add_client(Client(name="Acme Widgets Ltd", email="ap@acme.test"))
    due = TODAY - dt.timedelta(days=20)
    store.add_invoice(Invoice("A-1", acme.id, due - dt.timedelta(days=30), due, "EUR", 100000))
    return acme


def _editor(qtbot, ctx, **choose) -> TemplateEditorDialog:
    dialog = TemplateEditorDialog(ctx)
    qtbot.addWidget(dialog)
    for name, value in choose.items():
        combo = getattr(dialog, name)
        combo.setCurrentIndex(combo.findData(value))
    dialog.show()
    return dialog


def _answer(qtbot, dialog, yes: bool) -> None:
    box = dialog.question
    # the box is the dialog's child and deletes itself on close: the dialog owns it
    assert isinstance(box, QMessageBox) and box.parent() is dialog
    role = QMessageBox.ButtonRole.AcceptRole if yes else QMessageBox.ButtonRole.RejectRole
    button = next(b for b in box.buttons() if box.buttonRole(b) == role)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_names_come_from_the_context():
    assert {"client", "numbers", "total_due"} <= set(templates.context_names())


def test_live_preview_problems_save_and_reset(qtbot, ctx, client):
    dialog = _editor(qtbot, ctx, language="en", stage="polite", kind="txt")
    assert dialog.client.currentData() == client.id
    source, is_user = templates.template_source("en", "polite", "txt")
    assert not is_user and dialog.editor.toPlainText() == source
    assert "original" in dialog.origin.text()
    assert not dialog.save_button.isEnabled() and not dialog.reset_button.isEnabled()

    # a valid edit: the preview (after the debounce) shows the client's name
    dialog.editor.setPlainText("Hello {{ client.name }},\n\nInvoices {{ numbers }}: "
                               "{{ total_due }}.\n")
    assert dialog.save_button.isEnabled()
    qtbot.waitUntil(lambda: "Hello Acme Widgets Ltd," in dialog.preview_text.toPlainText())
    assert "Invoices A-1:" in dialog.preview_text.toPlainText()
    assert dialog.preview_subject.text()
    assert "unsaved" in dialog.origin.text()

    # a syntax error on line 3: listed with its line, no Save, the preview shows the error
    dialog.editor.setPlainText("Hello {{ client.name }},\n\n{% if %}\nbye\n")
    assert dialog.problem_list.count() >= 1
    assert "Line 3" in dialog.problem_list.item(0).text()
    assert not dialog.save_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.preview_error.isVisible())
    assert "line 3" in dialog.preview_error.text()
    assert dialog.preview_text.toPlainText() == ""

    # an unknown name is a problem too
    dialog.editor.setPlainText("Hello {{ nobody }}\n")
    assert "nobody" in dialog.problem_list.item(0).text()
    assert not dialog.save_button.isEnabled()

    # fixed: saved as the user's copy
    fixed = "Hello {{ client.name }},\n\nplease pay {{ total_due }}.\n"
    dialog.editor.setPlainText(fixed)
    assert dialog.problem_list.count() == 0 and not dialog.problem_list.isVisible()
    assert dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    path = templates.user_template_path("en", "polite", "txt")
    assert path.is_file()
    assert templates.template_source("en", "polite", "txt") == (fixed, True)
    assert "Your edited copy" in dialog.origin.text()
    assert not dialog.save_button.isEnabled() and dialog.reset_button.isEnabled()

    # reset asks first; cancelling keeps the copy
    qtbot.mouseClick(dialog.reset_button, Qt.MouseButton.LeftButton)
    _answer(qtbot, dialog, yes=False)
    assert path.is_file()
    qtbot.mouseClick(dialog.reset_button, Qt.MouseButton.LeftButton)
    _answer(qtbot, dialog, yes=True)
    assert not path.is_file()
    assert templates.template_source("en", "polite", "txt") == (source, False)
    assert dialog.editor.toPlainText() == source
    assert not dialog.reset_button.isEnabled()
    dialog.close()


def test_switching_with_unsaved_changes_asks(qtbot, ctx, client):
    dialog = _editor(qtbot, ctx, language="en", stage="firm", kind="subject")
    dialog.editor.setPlainText("Overdue: {{ numbers }}")
    dialog.kind.setCurrentIndex(dialog.kind.findData("txt"))
    # not switched yet: the combo is back on the edited part
    assert dialog.kind.currentData() == "subject"
    assert dialog.editor.toPlainText() == "Overdue: {{ numbers }}"
    _answer(qtbot, dialog, yes=False)
    assert dialog.kind.currentData() == "subject"
    assert dialog.editor.toPlainText() == "Overdue: {{ numbers }}"
    dialog.kind.setCurrentIndex(dialog.kind.findData("txt"))
    _answer(qtbot, dialog, yes=True)
    assert dialog.kind.currentData() == "txt"
    assert dialog.editor.toPlainText() == templates.template_source("en", "firm", "txt")[0]
    assert not templates.user_template_path("en", "firm", "subject").exists()
    dialog.close()


def test_closing_with_unsaved_changes_asks(qtbot, ctx, client):
    dialog = _editor(qtbot, ctx, language="es", stage="final", kind="subject")
    assert dialog.editor.toPlainText() == templates.template_source("es", "final", "subject")[0]
    dialog.editor.setPlainText("Aviso final {{ numbers }}")
    dialog.reject()
    _answer(qtbot, dialog, yes=False)
    assert dialog.isVisible()
    with qtbot.waitSignal(dialog.finished):
        dialog.reject()
        _answer(qtbot, dialog, yes=True)
    assert not dialog.isVisible()
    assert ctx.settings.value("geometry/templateEditor") is not None


def test_reminders_menu_opens_the_editor(qtbot, window):
    action = window.reminders.act_templates
    assert any(action in m.menu().actions() for m in window.menuBar().actions() if m.menu())
    action.trigger()
    dialog = window.reminders.dialog
    assert isinstance(dialog, TemplateEditorDialog)
    qtbot.addWidget(dialog)
    assert dialog.windowModality() == Qt.WindowModality.WindowModal
    dialog.reject()
    assert window.reminders.dialog is None
