"""File > Open ledger / New ledger / Open recent: the window shows the second ledger's
clients, the first is closed (no descriptor of this process on its files), the recent list
keeps the current first and greys a missing file, and a file that is not a ledger leaves the
current one shown."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from collector_gui.core.model import Client
from collector_gui.ledger.database import Ledger
from collector_gui.ledger.store import Store
from collector_gui.ui.context import AppContext
from collector_gui.ui.ledger_switch import LedgerSession, open_or_recover, recent_ledgers
from collector_gui.ui.main_window import MainWindow
from tests.helpers.dates import TODAY
from tests.helpers.gui import wait_loaded


def _ledger_with(path: Path, *names: str) -> Path:
    with Ledger.open(path) as ledger:
        for name in names:
            Store(ledger).add_client(Client(name, currency="EUR"))
    return path


def _open_files() -> set[str]:
    fd_dir = Path(f"/proc/{os.getpid()}/fd")
    out = set()
    for fd in fd_dir.iterdir():
        try:
            out.add(os.readlink(fd))
        except OSError:  # closed meanwhile
            pass
    return out


def _holds(path: Path) -> bool:
    return any(f.startswith(str(path)) for f in _open_files())


def _client_names(qtbot, window) -> list[str]:
    window.show_page(1)
    wait_loaded(qtbot, window.clients.model)
    model = window.clients.model
    return [model.row_at(r).name for r in range(model.rowCount())]


@pytest.fixture
def session(qapp, tmp_path, settings):
    first = _ledger_with(tmp_path / "first.sqlite", "Alpha SL", "Gamma SL")
    _ledger_with(tmp_path / "second.sqlite", "Beta SA")

    def make(ledger, language):
        return MainWindow(AppContext(ledger, language=language, today=lambda: TODAY,
                                     settings=settings))

    made = LedgerSession(open_or_recover(first, create=False), "en", make, settings)
    yield made
    made.window.close()
    made.close()


def _settle(qtbot) -> None:
    """Let the closed window's deleteLater run."""
    qtbot.wait(50)
    QApplication.sendPostedEvents()


def test_switch_shows_the_second_ledger_and_closes_the_first(qtbot, session, tmp_path):
    first, second = tmp_path / "first.sqlite", tmp_path / "second.sqlite"
    old = session.window
    assert _client_names(qtbot, old) == ["Alpha SL", "Gamma SL"]
    assert old.windowTitle().endswith("first.sqlite")
    assert _holds(first)
    assert session.switch(second)
    _settle(qtbot)
    window = session.window
    assert window is not old and window.isVisible()
    assert window.windowTitle().endswith("second.sqlite")
    assert _client_names(qtbot, window) == ["Beta SA"]
    assert not _holds(first), "the first ledger is still open"
    assert _holds(second)
    assert recent_ledgers(session.settings) == [second, first]


def test_open_ledger_from_the_menu_and_recent(qtbot, session, tmp_path, monkeypatch):
    first, second = tmp_path / "first.sqlite", tmp_path / "second.sqlite"
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *a, **k: (str(second), ""))
    session.window.findChild(type(session.window.ledger_menu.act_open), "openLedger").trigger()
    _settle(qtbot)
    assert session.window.windowTitle().endswith("second.sqlite")
    assert _client_names(qtbot, session.window) == ["Beta SA"]
    # back to the first through Open recent: the current one is checked, first in the list
    menu = session.window.ledger_menu
    menu.fill_recent()
    entries = [a for a in menu.recent_menu.actions() if a.data()]
    assert [Path(a.data()) for a in entries] == [second, first]
    assert entries[0].isChecked()
    entries[1].trigger()
    _settle(qtbot)
    assert _client_names(qtbot, session.window) == ["Alpha SL", "Gamma SL"]
    assert not _holds(second)
    # a recent ledger gone from the disk is greyed, and can be forgotten
    second.unlink()
    menu = session.window.ledger_menu
    menu.fill_recent()
    gone = next(a for a in menu.recent_menu.actions() if a.data() == str(second))
    assert not gone.isEnabled() and "(not found)" in gone.text()
    forget = next(a for a in menu.recent_menu.actions() if a.objectName() == "forgetMissing")
    assert forget.isEnabled()
    forget.trigger()
    assert recent_ledgers(session.settings) == [first]


def test_new_ledger_opens_empty_and_asks_for_the_profile(qtbot, session, tmp_path, monkeypatch):
    new = tmp_path / "new one"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(new), ""))
    session.window.ledger_menu.act_new.trigger()
    _settle(qtbot)
    assert session.window.windowTitle().endswith("new one.sqlite")
    assert _client_names(qtbot, session.window) == []
    assert session.window.dialog is not None and session.window.dialog.isVisible()
    session.window.dialog.reject()
    assert not _holds(tmp_path / "first.sqlite")


def test_a_file_that_is_not_a_ledger_leaves_the_current_one(qtbot, session, tmp_path):
    junk = tmp_path / "notes.sqlite"
    junk.write_text("not a ledger at all\n" * 100)
    said: list[str] = []

    def close_box():
        boxes = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, QMessageBox) and w.isVisible()]
        if not boxes:
            QTimer.singleShot(20, close_box)
            return
        said.append(boxes[0].text())
        boxes[0].done(0)

    QTimer.singleShot(20, close_box)
    old = session.window
    assert not session.switch(junk)
    assert said and "notes.sqlite" in said[0]
    assert session.window is old and old.isVisible()
    assert _client_names(qtbot, old) == ["Alpha SL", "Gamma SL"]
    assert junk.read_text().startswith("not a ledger")
