"""GUI fixtures: a window over a temporary ledger, with today fixed and settings private.

The shared tests/conftest.py already sets QT_QPA_PLATFORM=offscreen and points
COLLECTOR_HOME at a temporary folder.
"""

from __future__ import annotations

import gc
import shutil

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from collector_gui.actions.demo import generate_demo
from collector_gui.ledger.database import Ledger
from tests.helpers.dates import TODAY
from tests.helpers.gui import close_ctx, close_side_connections, make_ctx, open_window
from tests.helpers.keyring import memory_keyring  # noqa: F401 (offered to the GUI tests)


def pytest_collection_modifyitems(items):
    # The offscreen platform warns that it cannot pass size hints to a window manager
    # it does not have; that is not a problem of the app.
    for item in items:
        if "tests/gui/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_ignore("does not support propagateSizeHints"))


@pytest.fixture(scope="session")
def _demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    with Ledger.open(path) as ledger:
        generate_demo(ledger, invoices=300, seed=1, today=TODAY)
    return path


@pytest.fixture
def demo_ledger(tmp_path, _demo_file):
    """A copy of the sample ledger (300 invoices, as `collector demo` makes it)."""
    path = tmp_path / "demo.sqlite"
    shutil.copy(_demo_file, path)
    with Ledger.open(path) as ledger:
        yield ledger


@pytest.fixture(autouse=True)
def _side_connections():
    yield
    close_side_connections()


@pytest.fixture(autouse=True)
def _no_box_left_open(qapp):
    """A question a test left unanswered closes with the test, so no later test finds it
    among the visible boxes and answers it instead of its own."""
    yield
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox) and widget.isVisible():
            widget.done(QMessageBox.StandardButton.Cancel)


@pytest.fixture(autouse=True)
def _collect_garbage_now():
    """Free each test's Qt objects in reference cycles right after it, not at whatever
    moment Python's collector runs next: a crash in freeing them (once, QUndoStack's
    destructor deleting commands already gone) then fails the test that made them, every
    time, instead of a random later test now and then."""
    yield
    gc.collect()


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def ctx(qapp, ledger, settings):
    context = make_ctx(ledger, settings)
    yield context
    close_ctx(context)


@pytest.fixture
def demo_ctx(qapp, demo_ledger, settings):
    context = make_ctx(demo_ledger, settings)
    yield context
    close_ctx(context)


@pytest.fixture
def window(qtbot, ctx):
    win = open_window(qtbot, ctx)
    yield win
    win.close()  # before the ledger closes


@pytest.fixture
def demo_window(qtbot, demo_ctx):
    win = open_window(qtbot, demo_ctx)
    yield win
    win.close()
