"""The window's record commands: open the record dialogs, flip flags undoably, ask before
deleting. Every write is an actions/records.py operation run on the writer thread
(`AppContext.write` or an undo command); the selection comes from the Shell."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from collector_gui.actions import records
from collector_gui.core.model import Client, EventKind, Invoice
from collector_gui.ui import notify, undo
from collector_gui.ui.window_language import tr
from collector_gui.ui.shell import Shell
from collector_gui.ui.tasks import BackgroundTask

# The record dialogs are imported when first opened, not with the window (issue 18: ~12 ms and
# their Qt classes' enums before the first paint).


class RecordActions:
    def __init__(self, shell: Shell) -> None:
        self.shell = shell
        self.ctx = shell.ctx
        self.parent = shell.parent  # the parent of dialogs and messages
        self.dialog: QDialog | None = None  # the dialog open now (tests drive it)
        self.command: undo.LedgerCommand | None = None  # the newest flag change (tests wait)
        self.task: BackgroundTask | None = None  # the newest delete

    # -- what is selected ---------------------------------------------------------------------

    def selected_invoice(self) -> Invoice | None:
        return self.shell.selected_invoice()

    def selected_client(self) -> Client | None:
        return self.shell.selected_client()

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
        from collector_gui.ui.dialogs.client import ClientDialog

        dialog = ClientDialog(self.ctx, parent=self.parent)

        def done(result: int) -> None:
            if result == QDialog.DialogCode.Accepted and dialog.result_record is not None:
                notify.show_status(self.parent, tr("Client {name} added.").format(
                    name=dialog.result_record.name))

        dialog.finished.connect(done)
        return self._open(dialog)

    def edit_client(self) -> QDialog | None:
        from collector_gui.ui.dialogs.client import ClientDialog

        client = self.selected_client()
        if client is None:
            return None
        return self._open(ClientDialog(self.ctx, client, parent=self.parent))

    def new_invoice(self) -> QDialog:
        from collector_gui.ui.dialogs.invoice import InvoiceDialog

        client = self.selected_client()
        dialog = InvoiceDialog(self.ctx, client_id=client.id if client else None,
                               parent=self.parent)

        def done(result: int) -> None:
            if result == QDialog.DialogCode.Accepted and dialog.result_record is not None:
                notify.show_status(self.parent, tr("Invoice {number} saved.").format(
                    number=dialog.result_record.number))

        dialog.finished.connect(done)
        return self._open(dialog)

    def edit_invoice(self, invoice_id: int | None = None) -> QDialog | None:
        from collector_gui.ui.dialogs.invoice import InvoiceDialog

        invoice = (self.ctx.store.get_invoice(invoice_id) if invoice_id is not None
                   else self.selected_invoice())
        if invoice is None:
            return None
        if invoice.void:
            notify.show_status(self.parent, tr("Invoice {number} is void; unvoid it to edit.")
                                 .format(number=invoice.number))
            return None
        return self._open(InvoiceDialog(self.ctx, invoice, parent=self.parent))

    def record_payment(self) -> QDialog:
        from collector_gui.ui.dialogs.payment import PaymentDialog

        invoice = self.selected_invoice()
        usable = invoice is not None and invoice.is_open()
        return self._open(PaymentDialog(self.ctx, invoice.id if usable else None,
                                        parent=self.parent))

    def issue_credit_note(self) -> QDialog | None:
        """Correct the selected issued invoice with a credit note (never by voiding it)."""
        from collector_gui.ui.dialogs.credit_note import CreditNoteDialog

        invoice = self.selected_invoice()
        if invoice is None:
            return None
        invoice = self.ctx.store.get_invoice(invoice.id)  # with its lines and terms
        if not invoice.counts or invoice.is_credit_note or invoice.balance_minor <= 0:
            notify.show_status(self.parent, tr(
                "Only an issued invoice that is still owed can be credited; {number} is not.")
                .format(number=invoice.number))
            return None
        dialog = CreditNoteDialog(self.ctx, invoice, parent=self.parent)

        def done(result: int) -> None:
            made = dialog.result_record
            if result == QDialog.DialogCode.Accepted and made is not None:
                notify.show_status(self.parent, tr("Credit note {note} issued for invoice "
                                                   "{number}.").format(
                    note=made.credit_note.number, number=made.corrected.number))

        dialog.finished.connect(done)
        return self._open(dialog)

    def log_contact(self, kind: EventKind) -> QDialog:
        from collector_gui.ui.dialogs.contact import ContactDialog

        invoice = self.selected_invoice()
        client = self.selected_client()
        return self._open(ContactDialog(
            self.ctx, kind, client_id=client.id if client else None,
            invoice_id=invoice.id if invoice is not None and invoice.is_open() else None,
            parent=self.parent))

    # -- flags (undoable) ---------------------------------------------------------------------

    def toggle_void(self) -> None:
        invoice = self.selected_invoice()
        if invoice is None:
            return
        if invoice.void:
            self.command = undo.set_invoice_flag(
                self.ctx, invoice.id, "void", False,
                tr("Unvoid {number}").format(number=invoice.number), before=True)
            return
        if invoice.paid_minor:
            notify.show_error(self.parent, tr(
                "Invoice {number} has payments recorded; void it only after removing them.")
                .format(number=invoice.number))
            return
        self.command = undo.set_invoice_flag(
            self.ctx, invoice.id, "void", True,
            tr("Void {number}").format(number=invoice.number), before=False)
        notify.show_status(self.parent, tr("Invoice {number} is void. Undo with Ctrl+Z.")
                             .format(number=invoice.number))

    def toggle_disputed(self) -> None:
        invoice = self.selected_invoice()
        if invoice is not None:
            value = not invoice.disputed
            text = tr("Mark {number} disputed") if value else tr("Mark {number} not disputed")
            self.command = undo.set_invoice_flag(self.ctx, invoice.id, "disputed", value,
                                                 text.format(number=invoice.number),
                                                 before=invoice.disputed)

    def toggle_paused(self) -> None:
        invoice = self.selected_invoice()
        if invoice is not None:
            value = not invoice.reminders_paused
            text = tr("Pause reminders for {number}") if value else tr(
                "Resume reminders for {number}")
            self.command = undo.set_invoice_flag(self.ctx, invoice.id, "reminders_paused",
                                                 value, text.format(number=invoice.number),
                                                 before=invoice.reminders_paused)

    def toggle_hold(self) -> None:
        client = self.selected_client()
        if client is not None:
            value = not client.on_hold
            text = tr("Put {name} on hold") if value else tr("Take {name} off hold")
            self.command = undo.set_client_flag(self.ctx, client.id, "on_hold", value,
                                                text.format(name=client.name),
                                                before=client.on_hold)

    def issue_draft(self) -> None:
        invoice = self.selected_invoice()
        if invoice is not None and invoice.draft:
            self.command = undo.set_invoice_flag(
                self.ctx, invoice.id, "draft", False,
                tr("Issue {number}").format(number=invoice.number), before=True)

    # -- deleting (asks first) ----------------------------------------------------------------

    def delete_draft(self):
        invoice = self.selected_invoice()
        if invoice is None or not invoice.draft:
            return None

        def go() -> None:
            self.task = self.ctx.write(
                self.parent, lambda store: records.delete_draft(store, invoice.id),
                lambda _gone: notify.show_status(self.parent, tr(
                    "Draft {number} deleted.").format(number=invoice.number)))

        return notify.ask_user(
            self.parent, tr("Delete the draft invoice {number}?").format(number=invoice.number),
            go, yes_label=tr("Delete draft"), detail=tr("This cannot be undone."))

    def delete_client(self):
        client = self.selected_client()
        if client is None:
            return None
        if self.ctx.store.invoices_of(client.id):
            notify.show_error(self.parent, tr(
                "{name} has invoices, so the client cannot be deleted. Put them on hold "
                "instead.").format(name=client.name))
            return None

        def go() -> None:
            # The clients page leaves the deleted client's detail itself (it reads Changes).
            self.task = self.ctx.write(
                self.parent, lambda store: records.delete_client(store, client.id),
                lambda _gone: notify.show_status(self.parent, tr(
                    "Client {name} deleted.").format(name=client.name)))

        return notify.ask_user(
            self.parent, tr("Delete the client {name}?").format(name=client.name), go,
            yes_label=tr("Delete client"),
            detail=tr("Their contact notes go too. This cannot be undone."))
