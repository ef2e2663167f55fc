"""Changes the user can take back with Edit ▸ Undo (QUndoStack).

Each command wraps Store writes that are one transaction each. A write that the user
started from a dialog is made first (so its error reaches the dialog) and the command is
pushed as already done.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from collector_gui.ui.i18n import tr
from collector_gui.core.errors import CollectorError
from collector_gui.core.model import ContactEvent, Payment
from collector_gui.ui import messages
from collector_gui.ui.context import AppContext



class LedgerCommand(QUndoCommand):
    def __init__(self, ctx: AppContext, text: str, do: Callable[[], None],
                 undo: Callable[[], None], *, done: bool = False) -> None:
        super().__init__(text)
        self._ctx = ctx
        self._do = do
        self._undo = undo
        self._skip_first = done

    def _run(self, fn: Callable[[], None]) -> None:
        try:
            fn()
        except CollectorError as exc:
            # The ledger changed under the command (e.g. the record is gone): drop it.
            self.setObsolete(True)
            messages.report(None, exc)
        finally:
            self._ctx.notify()

    def redo(self) -> None:
        if self._skip_first:
            self._skip_first = False
            return
        self._run(self._do)

    def undo(self) -> None:
        self._run(self._undo)


def set_invoice_flag(ctx: AppContext, invoice_id: int, flag: str, value: bool,
                     text: str) -> None:
    before = getattr(ctx.store.get_invoice(invoice_id), flag)
    ctx.undo.push(LedgerCommand(
        ctx, text,
        lambda: ctx.store.set_invoice_flags(invoice_id, **{flag: value}),
        lambda: ctx.store.set_invoice_flags(invoice_id, **{flag: before}),
    ))


def set_client_flag(ctx: AppContext, client_id: int, flag: str, value: bool,
                    text: str) -> None:
    before = getattr(ctx.store.get_client(client_id), flag)
    ctx.undo.push(LedgerCommand(
        ctx, text,
        lambda: ctx.store.set_client_flags(client_id, **{flag: value}),
        lambda: ctx.store.set_client_flags(client_id, **{flag: before}),
    ))


def record_payment(ctx: AppContext, payment: Payment) -> Payment:
    """Add the payment now (its error goes to the caller), undoably."""
    added = [ctx.store.add_payment(payment)]

    def redo() -> None:
        added[0] = ctx.store.add_payment(payment)

    def undo() -> None:
        ctx.store.delete_payment(added[0].id)

    ctx.undo.push(LedgerCommand(ctx, tr("Record payment"), redo, undo, done=True))
    return added[0]


def log_event(ctx: AppContext, event: ContactEvent, text: str) -> ContactEvent:
    added = [ctx.store.add_event(event)]

    def redo() -> None:
        added[0] = ctx.store.add_event(event)

    def undo() -> None:
        ctx.store.delete_event(added[0].id)

    ctx.undo.push(LedgerCommand(ctx, text, redo, undo, done=True))
    return added[0]


def push_done(ctx: AppContext, text: str, do: Callable[[], None],
              undo: Callable[[], None]) -> None:
    """Push a change that was already made, with the way to take it back."""
    ctx.undo.push(LedgerCommand(ctx, text, do, undo, done=True))
