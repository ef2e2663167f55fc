"""A long write of the window's own (sending reminders, importing a CSV) commits as it goes, on
the writer thread. Those commits are the window's: the change watcher must not take them for
another program's and read every page and the day's plan again while the work runs (issue 18's
bench: the plan worked out again and again during a send, stalls of 100-190 ms). A write made
elsewhere during it is still noticed once the work is done."""

from __future__ import annotations

import threading

from collector_gui.core.model import Client
from collector_gui.ledger.database import Ledger
from collector_gui.ledger.store import Store
from collector_gui.ui.tasks import run_in_background

from tests.helpers.gui import wait_written


def test_commits_of_a_running_write_are_not_taken_for_another_programs(qtbot, window, ctx):
    committed, release = threading.Event(), threading.Event()

    def op(ledger, _task):
        Store(ledger).add_client(Client("Queued one"))  # committed: data_version moves
        committed.set()
        assert release.wait(10)
        Store(ledger).add_client(Client("Queued two"))

    task = run_in_background(window, op, lambda _r: ctx.notify(), ledger_path=ctx.path,
                             writes=True, progress=False)
    assert committed.wait(10)
    assert ctx.writer.busy
    with qtbot.assertNotEmitted(window.changes.changedElsewhere, wait=300):
        assert not window.changes.check()  # the window's own commit, half-way through
    release.set()
    wait_written(qtbot, task)
    qtbot.waitUntil(lambda: not ctx.writer.busy)
    assert not window.changes.check()  # announced by ctx.notify: taken as seen


def test_a_write_elsewhere_during_a_long_write_is_noticed_after_it(qtbot, window, ctx):
    started, release = threading.Event(), threading.Event()

    def op(_ledger, _task):
        started.set()
        assert release.wait(10)

    task = run_in_background(window, op, None, ledger_path=ctx.path, writes=True,
                             progress=False)
    assert started.wait(10)
    with Ledger.open(ctx.path, create=False) as other:
        Store(other).add_client(Client("From the command line"))
    assert not window.changes.check()  # put off while the window's write runs
    with qtbot.waitSignal(window.changes.changedElsewhere, timeout=5000):
        release.set()  # the op announced nothing: the postponed check finds the change
    wait_written(qtbot, task)
