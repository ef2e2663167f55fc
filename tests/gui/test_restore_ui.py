"""File ▸ Restore from backup… in the window, and what the app does with a ledger it cannot
open (a damaged one offers its newest good backup; a too-new one says so and exits 1)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from collector_gui import app as app_module
from collector_gui.actions.restore import list_backups
from collector_gui.actions import records
from collector_gui.core.model import Client
from collector_gui.ledger.database import Ledger
from collector_gui.ledger.migrations import SCHEMA_VERSION
from collector_gui.ledger.store import Store

from tests.helpers.gui import close_side_connections, open_window, wait_loaded, wait_written, writable


def _box(qtbot, name: str) -> QMessageBox:
    found: list[QMessageBox] = []

    def visible() -> bool:
        found[:] = [w for w in QApplication.topLevelWidgets()
                    if isinstance(w, QMessageBox) and w.objectName() == name and w.isVisible()]
        return bool(found)

    qtbot.waitUntil(visible)
    return found[0]


def _click(qtbot, box: QMessageBox, role: QMessageBox.ButtonRole) -> None:
    button = next(b for b in box.buttons() if box.buttonRole(b) == role)
    with qtbot.waitSignal(box.finished):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


@pytest.fixture
def backed_up(ctx, ledger):
    """Two clients, a backup, then one client deleted after it."""
    store = writable(ctx)
    store.add_client(Client("Keeper"))
    lost = store.add_client(Client("Lost Later"))
    backup = store.ledger.backup()
    store.delete_client(lost.id)
    # a restore refuses a ledger another connection of this process holds: only the
    # window's may stay open
    close_side_connections()
    ledger.close()
    return backup


def _names(window) -> list[str]:
    model = window.clients.model
    return [model.row_at(r).name for r in range(model.rowCount())]


def test_restore_brings_back_deleted_data(qtbot, ctx, backed_up):
    window = open_window(qtbot, ctx)
    window.show_page(1)
    wait_loaded(qtbot, window.clients.model)
    assert _names(window) == ["Keeper"]
    assert window.act_restore in window.menuBar().actions()[0].menu().actions()
    dialog = window.restore_from_backup()
    qtbot.waitUntil(lambda: not dialog.loading)
    assert dialog.list.count() == 1
    assert "2 clients" in dialog.list.item(0).text()
    assert dialog.restore_button.isEnabled()
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    _click(qtbot, _box(qtbot, "askUser"), QMessageBox.ButtonRole.AcceptRole)
    qtbot.waitUntil(lambda: getattr(window, "last_restore", None) is not None, timeout=15000)
    result = window.last_restore
    assert result.backup == backed_up
    assert result.replaced is not None and result.replaced.exists()
    info = _box(qtbot, "messageBox")
    assert str(result.replaced) in info.informativeText()
    info.close()
    # the window's own ledger is the restored one, and the table shows it
    assert ctx.store.find_client("Lost Later") is not None
    wait_loaded(qtbot, window.clients.model)
    qtbot.waitUntil(lambda: _names(window) == ["Keeper", "Lost Later"])
    # and the replaced ledger still holds the state from before the restore
    with Ledger.open(result.replaced, create=False) as old:
        assert Store(old).find_client("Lost Later") is None
    # the window's writes keep working on the reopened ledger (its writer reopened too)
    task = ctx.write(None, lambda store: records.save_client(store, Client("After")))
    wait_written(qtbot, task)
    assert task.error is None and ctx.store.find_client("After") is not None
    window.close()


def test_restore_from_other_file_and_cancel(qtbot, ctx, backed_up, tmp_path, monkeypatch):
    window = open_window(qtbot, ctx)
    other = tmp_path / "elsewhere.sqlite"
    backed_up.rename(other)
    assert list_backups(ctx.path) == []
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(other), "")))
    dialog = window.restore_from_backup()
    qtbot.waitUntil(lambda: not dialog.loading)
    assert dialog.list.count() == 0 and not dialog.restore_button.isEnabled()
    qtbot.mouseClick(dialog.other, Qt.MouseButton.LeftButton)
    _click(qtbot, _box(qtbot, "askUser"), QMessageBox.ButtonRole.RejectRole)
    assert ctx.store.find_client("Lost Later") is None  # cancelled: nothing changed
    assert getattr(window, "last_restore", None) is None
    window.close()


def test_bad_backup_is_refused_and_ledger_stays_open(qtbot, ctx, backed_up, tmp_path):
    from collector_gui.ui.dialogs.restore import restore_now

    window = open_window(qtbot, ctx)
    junk = tmp_path / "junk.sqlite"
    junk.write_text("not a database")
    task = restore_now(ctx, window, window.changes, junk)
    qtbot.waitUntil(lambda: task.done, timeout=15000)
    assert task.error is not None
    box = _box(qtbot, "messageBox")
    assert "not a Collector backup" in box.text()
    box.close()
    assert ctx.store.find_client("Keeper") is not None  # reopened, still usable
    window.close()


# -- opening a ledger that cannot be opened --------------------------------------------------

def _answer(name: str, role: QMessageBox.ButtonRole | None, seen: list[str]) -> QTimer:
    """Answer the first visible box named *name* when it shows (app.py waits in a loop)."""
    timer = QTimer()

    def look() -> None:
        for w in QApplication.topLevelWidgets():
            if isinstance(w, QMessageBox) and w.objectName() == name and w.isVisible():
                seen.append(w.text() + "\n" + w.informativeText())
                if role is None:
                    w.close()
                else:
                    next(b for b in w.buttons() if w.buttonRole(b) == role).click()
                return

    timer.timeout.connect(look)
    timer.start(20)
    return timer


def test_too_new_ledger_says_so(qtbot, tmp_path):
    path = tmp_path / "new.sqlite"
    Ledger.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    seen: list[str] = []
    timer = _answer("messageBox", None, seen)
    try:
        assert app_module.open_or_recover(path) is None
    finally:
        timer.stop()
    assert "newer version" in seen[0]


def _corrupt(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for i in range(100, len(data), 7):  # keep the header, wreck the pages
        data[i] = 0xA5
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("answer", [QMessageBox.ButtonRole.AcceptRole,
                                    QMessageBox.ButtonRole.RejectRole])
def test_corrupt_ledger_offers_newest_good_backup(qtbot, tmp_path, answer):
    path = tmp_path / "hurt.sqlite"
    with Ledger.open(path) as ledger:
        Store(ledger).add_client(Client("Saved"))
        ledger.backup()
    _corrupt(path)
    seen: list[str] = []
    ask = _answer("askUser", answer, seen)
    info = _answer("messageBox", None, seen)
    try:
        ledger = app_module.open_or_recover(path)
    finally:
        ask.stop()
        info.stop()
    assert "damaged" in seen[0]
    if answer == QMessageBox.ButtonRole.RejectRole:
        assert ledger is None
        return
    try:
        assert Store(ledger).find_client("Saved") is not None
    finally:
        ledger.close()
    assert "kept as" in seen[1]
    assert list(tmp_path.glob("hurt.sqlite.replaced-*"))
