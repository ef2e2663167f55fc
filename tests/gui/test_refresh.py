"""An open window notices writes made through another connection (another window, the
command line): on activation, and when the ledger's files change on disk."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from collector_gui.actions import records
from collector_gui.core.model import Client
from collector_gui.ledger.changes import data_version
from collector_gui.ledger.database import Ledger
from collector_gui.ledger.store import Store

from tests.helpers.gui import wait_loaded, wait_written, writable


def _names(window) -> list[str]:
    model = window.clients.model
    return [model.row_at(r).name for r in range(model.rowCount())]


def _write_elsewhere(path, name: str) -> None:
    with Ledger.open(path, create=False) as other:
        Store(other).add_client(Client(name))


def test_data_version_moves_only_for_other_connections(ledger, store):
    before = data_version(ledger)
    store.add_client(Client("Mine"))
    assert data_version(ledger) == before  # our own commit does not count
    _write_elsewhere(ledger.path, "Theirs")
    assert data_version(ledger) != before


def test_activation_refreshes_the_visible_page(qtbot, window, ctx):
    window.show_page(1)
    wait_loaded(qtbot, window.clients.model)
    assert _names(window) == []
    assert not window.changes.check()  # nothing changed yet: nothing is read again
    watcher = window.changes.watcher
    watcher.removePaths(watcher.files())  # only the activation may notice, in this test
    _write_elsewhere(ctx.path, "From the CLI")
    with qtbot.waitSignal(window.changes.changedElsewhere, timeout=3000):
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        QApplication.sendEvent(window, QEvent(QEvent.Type.ActivationChange))
    qtbot.waitUntil(lambda: _names(window) == ["From the CLI"])
    # the dashboard was read again too
    qtbot.waitUntil(lambda: window.dashboard.data is not None
                    and not window.dashboard.loading)


def test_file_watcher_notices_a_write(qtbot, window, ctx):
    window.show_page(1)
    wait_loaded(qtbot, window.clients.model)
    watched = window.changes.watcher.files()
    assert str(ctx.path) in watched
    with qtbot.waitSignal(window.changes.changedElsewhere, timeout=5000):
        _write_elsewhere(ctx.path, "Other window")
    qtbot.waitUntil(lambda: _names(window) == ["Other window"])


def test_own_writes_do_not_trigger_a_second_read(qtbot, window, ctx):
    """The window's writes come from its writer thread, another connection: they move
    data_version too, but the window read them already and takes them as seen."""
    window.show_page(1)
    wait_loaded(qtbot, window.clients.model)
    with qtbot.assertNotEmitted(window.changes.changedElsewhere, wait=400):
        task = ctx.write(None, lambda store: records.save_client(store, Client("Typed here")))
        wait_written(qtbot, task)
        window.changes.schedule()
    qtbot.waitUntil(lambda: _names(window) == ["Typed here"])
