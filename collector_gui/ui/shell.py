"""What the main window lends the helpers that add its actions (record, document and
reminder commands): a narrow handle, never the window itself, so that no helper reads the
window's private state or depends on the order the window builds its parts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from collector_gui.core.errors import CollectorError
from collector_gui.core.model import Client, Invoice
from collector_gui.ui.context import AppContext


@dataclass(frozen=True)
class Shell:
    ctx: AppContext
    parent: QWidget  # the parent of their dialogs and message boxes, and of their actions
    current_invoice_id: Callable[[], int | None]  # what the page on show has selected
    current_client_id: Callable[[], int | None]

    def add_action(self, action: QAction) -> None:
        """Make *action*'s shortcut work anywhere in the window."""
        self.parent.addAction(action)

    def selected_invoice(self) -> Invoice | None:
        invoice_id = self.current_invoice_id()
        if invoice_id is None:
            return None
        try:
            return self.ctx.store.get_invoice(invoice_id)
        except CollectorError:
            return None

    def selected_client(self) -> Client | None:
        """The client selected, or the client of the invoice selected."""
        client_id = self.current_client_id()
        if client_id is None:
            invoice = self.selected_invoice()
            client_id = invoice.client_id if invoice is not None else None
        if client_id is None:
            return None
        try:
            return self.ctx.store.get_client(client_id)
        except CollectorError:
            return None
