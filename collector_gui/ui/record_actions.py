"""What the window's record actions do: open the dialogs, flip flags undoably, ask before
deleting. The selected invoice or client comes from the page on show."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from collector_gui.ui.i18n import tr
from collector_gui.core.errors import CollectorError
from collector_gui.core.model import Client, EventKind, Invoice
from collector_gui.ui import messages, undo
from collector_gui.ui.dialogs.client import ClientDialog
from collector_gui.ui.dialogs.contact import ContactDialog
from collector_gui.ui.dialogs.invoice import InvoiceDialog
from collector_gui.ui.dialogs.payment import PaymentDialog

if TYPE_CHECKING:
    from collector_gui.ui.main_window import MainWindow



class RecordActions:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.ctx = window.ctx
        self.dialog: QDialog | None = None  # the dialog open now (tests drive it)

    # -- what is selected ---------------------------------------------------------------------

    def selected_invoice(self) -> Invoice | None:
        invoice_id = self.window.current_page().current_invoice_id()
        if invoice_id is None:
            return None
        try:
            return self.ctx.store.get_invoice(invoice_id)
        except CollectorError:
            return None

    def selected_client(self) -> Client | None:
        page = self.window.current_page()
        client_id = page.current_client_id()
        if client_id is None:
            invoice = self.selected_invoice()
            client_id = invoice.client_id if invoice is not None else None
        if client_id is None:
            return None
        try:
            return self.ctx.store.get_client(client_id)
        except CollectorError:
            return None

    def _open(self, dialog: QDialog) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: self._closed(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    # -- dialogs ------------------------------------------------------------------------------

    def new_client(self) -> QDialog:
        dialog = ClientDialog(self.ctx, parent=self.window)

        def done(result: int) -> None:
            if result == QDialog.DialogCode.Accepted and dialog.result_record is not None:
                messages.show_status(self.window, tr("Client {name} added.").format(
                    name=dialog.result_record.name))

        dialog.finished.connect(done)
        return self._open(dialog)

    def edit_client(self) -> QDialog | None:
        client = self.selected_client()
        if client is None:
            return None
        return self._open(ClientDialog(self.ctx, client, parent=self.window))

    def new_invoice(self) -> QDialog:
        client = self.selected_client()
        dialog = InvoiceDialog(self.ctx, client_id=client.id if client else None,
                               parent=self.window)

        def done(result: int) -> None:
            if result == QDialog.DialogCode.Accepted and dialog.result_record is not None:
                messages.show_status(self.window, tr("Invoice {number} saved.").format(
                    number=dialog.result_record.number))

        dialog.finished.connect(done)
        return self._open(dialog)

    def edit_invoice(self, invoice_id: int | None = None) -> QDialog | None:
        invoice = (self.ctx.store.get_invoice(invoice_id) if invoice_id is not None
                   else self.selected_invoice())
        if invoice is None:
            return None
        if invoice.void:
            messages.show_status(self.window, tr("Invoice {number} is void; unvoid it to edit.")
                                 .format(number=invoice.number))
            return None
        return self._open(InvoiceDialog(self.ctx, invoice, parent=self.window))

    def record_payment(self) -> QDialog:
        invoice = self.selected_invoice()
        usable = invoice is not None and invoice.is_open()
        return self._open(PaymentDialog(self.ctx, invoice.id if usable else None,
                                        parent=self.window))

    def log_contact(self, kind: EventKind) -> QDialog:
        invoice = self.selected_invoice()
        client = self.selected_client()
        return self._open(ContactDialog(
            self.ctx, kind, client_id=client.id if client else None,
            invoice_id=invoice.id if invoice is not None and invoice.is_open() else None,
            parent=self.window))

    # -- flags (undoable) ---------------------------------------------------------------------

    def toggle_void(self) -> None:
        invoice = self.selected_invoice()
        if invoice is None:
            return
        if invoice.void:
            undo.set_invoice_flag(self.ctx, invoice.id, "void", False,
                                  tr("Unvoid {number}").format(number=invoice.number))
            return
        if invoice.paid_minor:
            messages.show_error(self.window, tr(
                "Invoice {number} has payments recorded; void it only after removing them.")
                .format(number=invoice.number))
            return
        undo.set_invoice_flag(self.ctx, invoice.id, "void", True,
                              tr("Void {number}").format(number=invoice.number))
        messages.show_status(self.window, tr("Invoice {number} is void. Undo with Ctrl+Z.")
                             .format(number=invoice.number))

    def toggle_disputed(self) -> None:
        invoice = self.selected_invoice()
        if invoice is not None:
            value = not invoice.disputed
            text = tr("Mark {number} disputed") if value else tr("Mark {number} not disputed")
            undo.set_invoice_flag(self.ctx, invoice.id, "disputed", value,
                                  text.format(number=invoice.number))

    def toggle_paused(self) -> None:
        invoice = self.selected_invoice()
        if invoice is not None:
            value = not invoice.reminders_paused
            text = tr("Pause reminders for {number}") if value else tr(
                "Resume reminders for {number}")
            undo.set_invoice_flag(self.ctx, invoice.id, "reminders_paused", value,
                                  text.format(number=invoice.number))

    def toggle_hold(self) -> None:
        client = self.selected_client()
        if client is not None:
            value = not client.on_hold
            text = tr("Put {name} on hold") if value else tr("Take {name} off hold")
            undo.set_client_flag(self.ctx, client.id, "on_hold", value,
                                 text.format(name=client.name))

    def issue_draft(self) -> None:
        invoice = self.selected_invoice()
        if invoice is not None and invoice.draft:
            undo.set_invoice_flag(self.ctx, invoice.id, "draft", False,
                                  tr("Issue {number}").format(number=invoice.number))

    # -- deleting (asks first) ----------------------------------------------------------------

    def delete_draft(self):
        invoice = self.selected_invoice()
        if invoice is None or not invoice.draft:
            return None

        def go() -> None:
            with messages.reporting(self.window):
                self.ctx.store.delete_draft_invoice(invoice.id)
                self.ctx.notify()
                messages.show_status(self.window, tr("Draft {number} deleted.").format(
                    number=invoice.number))

        return messages.ask_user(
            self.window, tr("Delete the draft invoice {number}?").format(number=invoice.number),
            go, yes_label=tr("Delete draft"), detail=tr("This cannot be undone."))

    def delete_client(self):
        client = self.selected_client()
        if client is None:
            return None
        if self.ctx.store.invoices_of(client.id):
            messages.show_error(self.window, tr(
                "{name} has invoices, so the client cannot be deleted. Put them on hold "
                "instead.").format(name=client.name))
            return None

        def go() -> None:
            with messages.reporting(self.window):
                self.ctx.store.delete_client(client.id)
                if self.window.clients.showing_detail:
                    self.window.clients.detail.client_id = None
                    self.window.clients.show_list()
                self.ctx.notify()
                messages.show_status(self.window, tr("Client {name} deleted.").format(
                    name=client.name))

        return messages.ask_user(
            self.window, tr("Delete the client {name}?").format(name=client.name), go,
            yes_label=tr("Delete client"),
            detail=tr("Their contact notes go too. This cannot be undone."))
