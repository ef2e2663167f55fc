"""The window under test: its context over its own connection, opening it, waiting for
its tables, and a connection of the test's own to set data up with."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWizard

from collector_gui.ledger.database import Ledger
from collector_gui.ledger.store import Store
from collector_gui.ui.context import AppContext
from collector_gui.ui.main_window import MainWindow

from tests.helpers.dates import TODAY

_side: dict[Path, Ledger] = {}


def make_ctx(ledger: Ledger, settings, locale: str = "en_US", language: str = "en"
             ) -> AppContext:
    """The window's context over its OWN connection to *ledger*'s file: that connection
    refuses writes (they go through the writer thread), while the test's `ledger`/`store`
    stay free to set data up."""
    own = Ledger.open(ledger.path, create=False)
    return AppContext(own, locale=locale, language=language, today=lambda: TODAY,
                      settings=settings)


def close_ctx(context: AppContext) -> None:
    context.close()
    context.ledger.close()


def writable(ctx: AppContext) -> Store:
    """A Store on a connection of the test's own to the window's ledger (the window's
    refuses writes): for setting data up, as another program would."""
    ledger = _side.get(ctx.path)
    if ledger is None or ledger.conn is None:
        ledger = _side[ctx.path] = Ledger.open(ctx.path, create=False)
    return Store(ledger)


def close_side_connections() -> None:
    while _side:
        _path, ledger = _side.popitem()
        ledger.close()


def open_window(qtbot, context: AppContext) -> MainWindow:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.dashboard.data is not None or not window.dashboard.loading)
    return window


def wait_loaded(qtbot, model, timeout: int = 5000) -> None:
    qtbot.waitUntil(lambda: not model.loading, timeout=timeout)


def wait_written(qtbot, task, timeout: int = 5000) -> None:
    """Wait until a write queued on the writer thread has come back to the UI thread."""
    qtbot.waitUntil(lambda: task is not None and task.done, timeout=timeout)


# -- the reminder wizard -------------------------------------------------------------------------

def click(qtbot, button) -> None:
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def wizard_ready(qtbot, wizard):
    """The wizard opens at once; its plan comes from a worker thread."""
    qtbot.waitUntil(lambda: wizard.flow is not None and not wizard.model.busy, timeout=20000)
    return wizard


def next_page(qtbot, wizard) -> None:
    """Next; from the plan the drafts are written in a worker first, then the page moves."""
    page = wizard.currentPage()
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    qtbot.waitUntil(lambda: wizard.currentPage() is not page, timeout=20000)


# -- questions and message boxes -------------------------------------------------------------

def question(qtbot, name: str = "askUser", parent=None) -> QMessageBox:
    """The visible message box *name* (that *parent* asks, when given: not a box another
    dialog left open)."""
    found: list[QMessageBox] = []

    def visible() -> bool:
        found[:] = [w for w in QApplication.topLevelWidgets()
                    if isinstance(w, QMessageBox) and w.objectName() == name and w.isVisible()
                    and (parent is None or w.parent() is parent)]
        return bool(found)

    qtbot.waitUntil(visible)
    return found[-1]


def answer(qtbot, box: QMessageBox, role: QMessageBox.ButtonRole) -> None:
    """Click the box's button of *role* as the user does, and wait for the box to finish."""
    button = next(b for b in box.buttons() if box.buttonRole(b) == role)
    with qtbot.waitSignal(box.finished):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
