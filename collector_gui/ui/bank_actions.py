"""The Bank page's writes: accept, change and reject a statement line as undo commands, and
importing a statement. Each is an actions/bank.py operation run on the writer thread
(`AppContext.write` through ui/undo.LedgerCommand, or run_in_background(writes=True) for the
import, with its progress dialog and Cancel)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget

from collector_gui.actions import bank
from collector_gui.actions.gc_pause import collector_paused, thaw
from collector_gui.core.errors import CollectorError
from collector_gui.ledger.store import Store
from collector_gui.ui import notify
from collector_gui.ui.context import AppContext
from collector_gui.ui.tasks import BackgroundTask, run_in_background
from collector_gui.ui.undo import LedgerCommand
from collector_gui.ui.window_language import tr


class _Holder:
    """What the newest run of a decision left (set on the writer thread, read there by the
    undo that runs after it: the writer runs jobs in order, so the undo never misses it)."""

    def __init__(self) -> None:
        self.before: bank.LineState | None = None

    def keep(self, result):
        if isinstance(result.value, bank.Decided):
            self.before = result.value.before
        return result

    def undo(self, store: Store):
        if self.before is None:
            raise CollectorError(tr("There is nothing to undo."))
        return bank.undo_decision(store, self.before)


def decide(ctx: AppContext, text: str, op: Callable[[Store], Any],
           on_done: Callable[[Any], None] | None = None) -> LedgerCommand:
    """Push an undoable decision: running it now, Ctrl+Z puts the line back as it was."""
    holder = _Holder()
    command = LedgerCommand(
        ctx, text, lambda: lambda store: holder.keep(op(store)), lambda: holder.undo,
        on_done=on_done)
    ctx.undo.push(command)  # runs the decision (redo) on the writer thread
    return command


def accept(ctx: AppContext, line_id: int, numbers: Sequence[str] = (),
           on_done: Callable[[Any], None] | None = None) -> LedgerCommand:
    numbers = tuple(numbers)
    text = (tr("Record bank line {id} against {numbers}").format(
        id=line_id, numbers=", ".join(numbers)) if numbers
        else tr("Accept bank line {id}").format(id=line_id))
    return decide(ctx, text, lambda store: bank.accept_line(store, line_id, numbers), on_done)


def reject(ctx: AppContext, line_id: int,
           on_done: Callable[[Any], None] | None = None) -> LedgerCommand:
    return decide(ctx, tr("Reject bank line {id}").format(id=line_id),
                  lambda store: bank.reject_line(store, line_id), on_done)


def import_statement(ctx: AppContext, parent: QWidget | None, path: str | Path,
                     on_done: Callable[[bank.ImportResult], None] | None = None
                     ) -> BackgroundTask:
    """Import *path* on the writer thread behind a progress dialog with Cancel (cancelled:
    the transaction is rolled back, nothing is recorded); then say what changed."""

    def op(ledger, task):
        # CPython's full collections over the import's many new objects would hold the GIL
        # (and the window) for a few hundred ms each: off while the import works.
        with collector_paused():
            return bank.import_op(Store(ledger), path, task=task)

    def done(result) -> None:
        thaw()  # what the import left frozen goes back to the collector
        ctx.notify(result.changes)
        if on_done is not None:
            on_done(result.value)

    def failed(exc: BaseException) -> None:
        thaw()
        notify.report(parent, exc)

    return run_in_background(parent, op, done, ledger_path=ctx.path, writes=True,
                             progress=True, cancellable=True, on_error=failed,
                             label=tr("Importing {file}…").format(file=Path(path).name))
