"""The window's PDF commands: an invoice, a client's statement or dossier, and statements for
every overdue client at once.

Each command asks where to save (a save dialog with a sensible file name in the folder used
last), then renders off the UI thread through `run_in_background`: the worker opens its own
Ledger and calls actions/documents.py. "Open PDFs after saving" is a remembered preference
(a checkable File menu item) rather than a checkbox in the file dialog, so the platform's
native save dialog can be used.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMenu

from collector_gui.core.errors import CollectorError
from collector_gui.ledger.store import Store
from collector_gui.ui import notify
from collector_gui.ui.window_language import tr
from collector_gui.ui.shell import Shell
from collector_gui.ui.tasks import BackgroundTask, run_in_background

if TYPE_CHECKING:
    from collector_gui.ui.widgets import TableView
    from collector_gui.core.model import Client, Invoice

OPEN_AFTER_KEY = "documents/open_after_saving"


def _documents():
    """actions/documents.py on first use (in the worker that makes the PDF): it loads
    reportlab, a tenth of a second the window's start does not need."""
    from collector_gui.actions import documents

    return documents


def _thaw() -> None:
    """What a long export left frozen goes back to the garbage collector (remind_wizard)."""
    from collector_gui.actions.gc_pause import thaw

    thaw()

FOLDER_KEY = "documents/folder"


def _bool(value) -> bool:
    # QSettings' INI format gives booleans back as the strings "true"/"false".
    if isinstance(value, str):
        return value.lower() in ("true", "1", "yes")
    return bool(value)


class PdfActions:
    """The PDF actions of one main window (menus, client page buttons, table context menus)."""

    def __init__(self, shell: Shell, invoice_tables: Iterable[TableView],
                 edit_invoice: Callable[[int], Any]) -> None:
        self.shell = shell
        self.parent = shell.parent  # the parent of dialogs and messages
        self.ctx = shell.ctx
        self._edit_invoice = edit_invoice
        self.task: BackgroundTask | None = None  # the newest render (tests wait on it)
        w = self.parent
        self.act_invoice_pdf = self._action(tr("Invoice &PDF…"), lambda: self.invoice_pdf(),
                                            "invoicePdf")
        self.act_statement_pdf = self._action(tr("&Statement (PDF)…"),
                                              lambda: self.statement_pdf(), "statementPdf")
        self.act_dossier_pdf = self._action(tr("&Dossier (PDF)…"), lambda: self.dossier_pdf(),
                                            "dossierPdf")
        self.act_export_statements = self._action(
            tr("E&xport statements for all overdue clients…"), self.export_statements,
            "exportStatements")
        self.act_open_after = QAction(tr("&Open PDFs after saving"), w)
        self.act_open_after.setObjectName("openPdfAfterSaving")
        self.act_open_after.setCheckable(True)
        self.act_open_after.setChecked(self.open_after_saving)
        self.act_open_after.toggled.connect(
            lambda on: self.ctx.settings.setValue(OPEN_AFTER_KEY, bool(on)))
        for table in invoice_tables:
            self._add_context_menu(table)

    def _action(self, text: str, slot, name: str) -> QAction:
        action = QAction(text, self.parent)
        action.setObjectName(name)
        action.triggered.connect(lambda _checked=False: slot())
        self.shell.add_action(action)
        return action

    def update(self, invoice: Invoice | None, client: Client | None) -> None:
        """Enable what the current selection allows (called with the window's actions)."""
        self.act_invoice_pdf.setEnabled(invoice is not None)
        self.act_statement_pdf.setEnabled(client is not None)
        self.act_dossier_pdf.setEnabled(client is not None)

    # -- preferences ----------------------------------------------------------------------------

    @property
    def open_after_saving(self) -> bool:
        return _bool(self.ctx.settings.value(OPEN_AFTER_KEY, True))

    def _folder(self) -> Path:
        folder = self.ctx.settings.value(FOLDER_KEY, "")
        if folder and Path(folder).is_dir():
            return Path(folder)
        return Path.home()

    def _ask_file(self, title: str, name: str) -> Path | None:
        stem = _documents().safe_file_stem(name)
        path, _ = QFileDialog.getSaveFileName(self.parent, title, str(self._folder() / stem),
                                              tr("PDF files (*.pdf)"))
        if not path:
            return None
        out = Path(path)
        if out.suffix.lower() != ".pdf":
            out = out.with_name(out.name + ".pdf")
        self.ctx.settings.setValue(FOLDER_KEY, str(out.parent))
        return out

    # -- the context menu of invoice tables -------------------------------------------------------

    def add_invoice_table(self, table: TableView) -> None:
        """Give *table* the invoice context menu (the window's pages are built on first use)."""
        self._add_context_menu(table)

    def _add_context_menu(self, table: TableView) -> None:
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(
            lambda pos, t=table: self._context_menu(t, pos))

    def context_menu(self, table: TableView, invoice_id: int) -> QMenu:
        """The menu of one invoice row (built apart from showing it, for tests)."""
        menu = QMenu(table)
        menu.setObjectName("invoiceContextMenu")
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        open_pdf = menu.addAction(tr("Invoice &PDF…"))
        open_pdf.setObjectName("invoicePdf")
        open_pdf.triggered.connect(lambda _c=False: self.invoice_pdf(invoice_id))
        edit = menu.addAction(tr("&Edit invoice…"))
        edit.triggered.connect(lambda _c=False: self._edit_invoice(invoice_id))
        return menu

    def _context_menu(self, table: TableView, pos: QPoint) -> None:
        index = table.indexAt(pos)
        if not index.isValid():
            return
        table.selectRow(index.row())
        invoice_id = table.current_id()
        if invoice_id is None:
            return
        self.context_menu(table, invoice_id).popup(table.viewport().mapToGlobal(pos))

    # -- single documents ---------------------------------------------------------------------

    def _client(self, client_id: int | None) -> Client | None:
        if client_id is None:
            return self.shell.selected_client()
        try:
            return self.ctx.store.get_client(client_id)
        except CollectorError:
            return None

    def invoice_pdf(self, invoice_id: int | None = None) -> BackgroundTask | None:
        with notify.reporting(self.parent):
            if invoice_id is None:
                invoice = self.shell.selected_invoice()
            else:
                invoice = self.ctx.store.get_invoice(invoice_id)
            if invoice is None:
                notify.show_status(self.parent, tr("Select an invoice first."))
                return None
            out = self._ask_file(tr("Save invoice {number} as PDF").format(number=invoice.number),
                                 tr("Invoice {number}").format(number=invoice.number))
            if out is None:
                return None
            number = invoice.number
            from collector_gui.actions import pdf_notes  # the PDF and what to say about it

            notes: list[str] = []

            def make(store: Store) -> Path:
                path, said = pdf_notes.invoice_pdf(store, number, out)
                notes.extend(said)  # read on the UI thread once the task is done
                return path

            return self._render(make, out,
                                tr("Making the PDF of invoice {number}…").format(number=number),
                                notes)
        return None

    def statement_pdf(self, client_id: int | None = None) -> BackgroundTask | None:
        return self._client_document(client_id, lambda *a, **k: _documents().statement_pdf(*a, **k),
                                     tr("{client} - statement {date}"),
                                     tr("Save the statement of {client} as PDF"),
                                     tr("Making the statement of {client}…"))

    def dossier_pdf(self, client_id: int | None = None) -> BackgroundTask | None:
        return self._client_document(client_id, lambda *a, **k: _documents().dossier_pdf(*a, **k),
                                     tr("{client} - dossier {date}"),
                                     tr("Save the collection dossier of {client} as PDF"),
                                     tr("Making the dossier of {client}…"))

    def _client_document(self, client_id, make, name: str, title: str, label: str):
        client = self._client(client_id)
        if client is None:
            notify.show_status(self.parent, tr("Choose a client first."))
            return None
        as_of = self.ctx.today()
        out = self._ask_file(title.format(client=client.name),
                             name.format(client=client.name, date=as_of.isoformat()))
        if out is None:
            return None
        client_name = client.name
        return self._render(lambda store: make(store, client_name, out, as_of=as_of), out,
                            label.format(client=client_name))

    def _render(self, make, out: Path, label: str, notes: list[str] | None = None
                ) -> BackgroundTask:
        def done(path: Path) -> None:
            notify.show_status(self.parent, tr("Saved {path}").format(path=str(path)))
            if notes:  # no payment QR code, and why: said in the window, not only the log
                self.notes_box = notify.show_error(self.parent, "\n\n".join(notes), tr(
                    "The PDF was saved: {path}").format(path=str(path)))
            if self.open_after_saving:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

        self.task = run_in_background(self.parent, lambda ledger, _task: make(Store(ledger)),
                                      done, ledger_path=self.ctx.path, label=label,
                                      cancellable=False)
        return self.task

    # -- every overdue client -----------------------------------------------------------------

    def export_statements(self) -> BackgroundTask | None:
        folder = QFileDialog.getExistingDirectory(
            self.parent, tr("Save the statements of all overdue clients into…"),
            str(self._folder()))
        if not folder:
            return None
        self.ctx.settings.setValue(FOLDER_KEY, folder)
        return self.start_export(Path(folder))

    def start_export(self, folder: Path) -> BackgroundTask:
        as_of = self.ctx.today()

        def op(ledger, task):
            from collector_gui.actions.gc_pause import collector_paused

            # a full collection over reportlab's objects held the GIL, and the window, for
            # 60-70 ms (bench/bench_stalls.py): off while the statements are made
            with collector_paused():
                return _documents().export_statements(Store(ledger), folder, as_of=as_of,
                                                      task=task)

        def done(made: list[Path]) -> None:
            _thaw()
            if not made:
                notify.show_info(self.parent, tr("No client has an overdue invoice today; "
                                                   "no statement was made."))
                return
            notify.show_info(
                self.parent,
                tr("Saved {n} statements in {folder}.").format(n=len(made), folder=str(folder)),
                "\n".join(p.name for p in made[:30]) + ("\n…" if len(made) > 30 else ""))
            if self.open_after_saving:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

        def failed(exc: BaseException) -> None:
            _thaw()
            notify.report(self.parent, exc)

        self.task = run_in_background(self.parent, op, done, ledger_path=self.ctx.path,
                                      label=tr("Making the statements…"), cancellable=True,
                                      on_error=failed)
        return self.task
