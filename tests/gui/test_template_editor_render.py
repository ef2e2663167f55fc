"""The template editor renders off the window's thread: a template that would run for ever
never freezes the window; the preview says "Rendering…", then shows the limit it hit."""

from __future__ import annotations

import datetime as dt
import time

import pytest
import shiboken6

from collector_gui.core.model import Client, Invoice
from collector_gui.documents import template_env
from collector_gui.ledger.store import Store
from collector_gui.ui.dialogs.template_editor import TemplateEditorDialog
from tests.helpers.gui import close_ctx, make_ctx

from tests.helpers.dates import TODAY

ENDLESS = ("Hello {{ client.name }}\n{% for a in range(10000) %}{% for b in range(10000) %}"
           "{% for c in range(10000) %}{% endfor %}{% endfor %}{% endfor %}\n")


@pytest.fixture
def editor_ctx(qapp, ledger, settings):
    """A ledger with one client owing one invoice (written before the window opens it)."""
    store = Store(ledger)
    store.set_setting("business.name", "Sam Freelance")
    acme = store.add_client(Client(name="Acme Widgets Ltd", email="ap@acme.test"))
    due = TODAY - dt.timedelta(days=20)
    store.add_invoice(Invoice("A-1", acme.id, due - dt.timedelta(days=30), due, "EUR", 100000))
    context = make_ctx(ledger, settings)
    yield context
    close_ctx(context)


def _editor(qtbot, ctx) -> TemplateEditorDialog:
    dialog = TemplateEditorDialog(ctx)
    qtbot.addWidget(dialog)
    for name, value in (("language", "en"), ("stage", "polite"), ("kind", "txt")):
        combo = getattr(dialog, name)
        combo.setCurrentIndex(combo.findData(value))
    dialog.show()
    return dialog


def test_an_endless_template_never_freezes_the_window(qtbot, editor_ctx):
    dialog = _editor(qtbot, editor_ctx)
    qtbot.waitUntil(lambda: dialog.preview_task is not None and dialog.preview_task.done)
    assert "Invoice A-1" in dialog.preview_text.toPlainText(), dialog.preview_error.text()
    started = time.monotonic()
    dialog.editor.setPlainText(ENDLESS)  # checked as typed: only what is quick
    dialog.refresh_preview()  # the render starts on a worker and returns at once
    assert time.monotonic() - started < template_env.TIME_BUDGET / 4
    assert dialog.preview_note.text() == "Rendering…"
    assert dialog.preview_task is not None and not dialog.preview_task.done
    with qtbot.waitSignal(dialog.preview_task.finished, timeout=15000):
        pass
    assert dialog.preview_error.isVisible()
    assert "stopped" in dialog.preview_error.text()
    assert "seconds" in dialog.preview_error.text()
    assert not dialog.save_button.isEnabled()  # the limit is a problem: no Save
    assert dialog.problem_list.count() == 1
    dialog.editor.setPlainText("")  # not dirty against a loaded text: closes without asking
    dialog.close()


def test_the_newest_text_wins_when_typing_during_a_render(qtbot, editor_ctx):
    dialog = _editor(qtbot, editor_ctx)
    qtbot.waitUntil(lambda: dialog.preview_task is not None and dialog.preview_task.done)
    dialog.editor.setPlainText(ENDLESS)
    dialog.refresh_preview()
    first = dialog.preview_task
    dialog.editor.setPlainText("Dear {{ client.name }}, please pay {{ total_due }}.\n")
    dialog.refresh_preview()
    assert dialog.preview_task is first  # one render at a time
    qtbot.waitUntil(lambda: "Dear Acme Widgets Ltd, please pay" in
                    dialog.preview_text.toPlainText(), timeout=15000)
    assert not dialog.preview_error.isVisible()
    assert dialog.save_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.preview_task.done)
    dialog.close()


def test_a_render_that_ends_after_its_dialog_is_deleted_is_dropped(qtbot, editor_ctx):
    """The dialog is deleted (its window closed with it) while a render runs: the render's
    answer finds no dialog to show it in, and is dropped without an error. It once touched
    the deleted editor ("Internal C++ object already deleted"), the second CI pass's flake."""
    dialog = _editor(qtbot, editor_ctx)
    qtbot.waitUntil(lambda: dialog.preview_task is not None and dialog.preview_task.done)
    dialog.editor.setPlainText(ENDLESS)
    dialog.refresh_preview()
    task = dialog.preview_task
    assert not task.done
    shiboken6.delete(dialog)
    qtbot.waitUntil(lambda: task.done, timeout=15000)
    qtbot.wait(50)  # the answer's queued call has run
