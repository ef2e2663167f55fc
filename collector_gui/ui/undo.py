"""Changes the user can take back with Edit ▸ Undo (QUndoStack).

Each command's do and undo are actions operations (actions/records.py) run through
`AppContext.write`, on the writer thread, one transaction each, in the order asked. A write
the user started from a dialog is made first (so its error reaches the dialog) and its
command is pushed as already done.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand

from collector_gui.actions import records
from collector_gui.actions.records import OpResult
from collector_gui.core.errors import CollectorError
from collector_gui.core.model import ContactEvent, Payment
from collector_gui.ledger.store import Store
from collector_gui.ui import notify
from collector_gui.ui.context import AppContext
from collector_gui.ui.window_language import tr

StoreOp = Callable[[Store], OpResult]


class LedgerCommand(QUndoCommand):
    """An undo entry whose do and undo are ops: `do()`/`undo()` make the op to run now (the
    ids it needs may come from the previous run)."""

    def __init__(self, ctx: AppContext, text: str, do: Callable[[], StoreOp],
                 undo: Callable[[], StoreOp], *, done: bool = False,
                 on_done: Callable[[Any], None] | None = None) -> None:
        super().__init__(text)
        self._ctx = ctx
        self._do = do
        self._undo = undo
        self._skip_first = done
        self._on_done = on_done
        self.task = None  # the newest run (tests wait on it)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, CollectorError):
            # The ledger changed under the command (e.g. the record is gone): drop it.
            self.setObsolete(True)
            self._ctx.notify()
        notify.report(None, exc)

    def _run(self, make: Callable[[], StoreOp]) -> None:
        self.task = self._ctx.write(None, make(), self._on_done, on_error=self._failed)

    def redo(self) -> None:
        if self._skip_first:
            self._skip_first = False
            return
        self._run(self._do)

    def undo(self) -> None:
        self._run(self._undo)


def set_invoice_flag(ctx: AppContext, invoice_id: int, flag: str, value: bool,
                     text: str, before: bool) -> LedgerCommand:
    command = LedgerCommand(
        ctx, text,
        lambda: lambda store: records.set_invoice_flags(store, invoice_id, **{flag: value}),
        lambda: lambda store: records.set_invoice_flags(store, invoice_id, **{flag: before}))
    ctx.undo.push(command)
    return command


def set_client_flag(ctx: AppContext, client_id: int, flag: str, value: bool,
                    text: str, before: bool) -> LedgerCommand:
    command = LedgerCommand(
        ctx, text,
        lambda: lambda store: records.set_client_flags(store, client_id, **{flag: value}),
        lambda: lambda store: records.set_client_flags(store, client_id, **{flag: before}))
    ctx.undo.push(command)
    return command


def push_added(ctx: AppContext, text: str, added: Any,
               add: Callable[[Store], OpResult], remove: Callable[[Store, int], OpResult]
               ) -> LedgerCommand:
    """Push the undo entry of a record already added (*added*, with its id): undo removes it,
    redo adds it again (under a new id, which the next undo removes)."""
    last = [added.id]

    def remember(value: Any) -> None:
        if value is not None and getattr(value, "id", None) is not None:
            last[0] = value.id

    command = LedgerCommand(ctx, text, lambda: add, lambda: lambda store: remove(store, last[0]),
                            done=True, on_done=remember)
    ctx.undo.push(command)
    return command


def record_payment(ctx: AppContext, added: Payment) -> LedgerCommand:
    return push_added(ctx, tr("Record payment"), added,
                      lambda store: records.add_payment(store, _new(added)),
                      records.delete_payment)


def log_event(ctx: AppContext, added: ContactEvent, text: str) -> LedgerCommand:
    return push_added(ctx, text, added,
                      lambda store: records.add_event(store, _new(added)),
                      records.delete_event)


def _new(record: Any) -> Any:
    """The record as not yet saved (redo adds it again, under a new id)."""
    return dataclasses.replace(record, id=None)
