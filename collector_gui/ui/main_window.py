"""The main window: the side bar of pages, the menus and toolbar, the status bar.

Its helpers (record_actions, pdf_actions, reminders, refresh, dialogs/restore) get a narrow
Shell or the few objects they need, never the window: none of them reads its state."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QStyle,
    QToolBar,
    QWidget,
)

from collector_gui.ui.window_language import tr
from collector_gui.core.model import EventKind
from collector_gui.ui import notify
from collector_gui.ui.context import AppContext
from collector_gui.ui.ledger_switch import LedgerMenu
from collector_gui.ui.pages.base import Page
from collector_gui.actions.records import Changes
from collector_gui.ui.pdf_actions import PdfActions
from collector_gui.ui.record_actions import RecordActions
from collector_gui.ui.reminders import ReminderActions
from collector_gui.ui.refresh import ChangeWatcher
from collector_gui.ui.shell import Shell
from collector_gui.ui.tasks import run_in_background, wait_for_all

if TYPE_CHECKING:  # (annotations only: each PySide type is made when first imported)
    from PySide6.QtGui import QCloseEvent, QPaintEvent, QShowEvent



PAGES = ("dashboard", "clients", "invoices", "overdue", "activity", "bank")
# Each page's module and class: imported and built the first time the page is needed (shown,
# or reached as window.invoices etc.), so the start builds only the page it shows (issue 18).
PAGE_CLASSES = (("dashboard", "DashboardPage"), ("clients", "ClientsPage"),
                ("invoices", "InvoicesPage"), ("overdue", "OverduePage"),
                ("activity", "ActivityPage"), ("bank", "BankPage"))


def _page_property(index: int) -> property:
    def get(self: MainWindow) -> Page:
        return self.page(index)

    get.__doc__ = f"The {PAGES[index]} page, built on first use."
    return property(get)


class MainWindow(QMainWindow):
    languageChanged = Signal(str)  # the user chose another language: the app rebuilds the window
    ledgerChosen = Signal(object, bool)  # File > Open/New ledger: (path, create); see ledger_switch

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.ctx = ctx
        self.setWindowTitle(tr("Collector — {file}").format(file=ctx.path.name))
        # None until the page is first needed; the stack holds an empty placeholder meanwhile
        self._pages: list[Page | None] = [None] * len(PAGES)
        self._stale: set[int] = set()
        self._closed = False
        self.dialog = None  # the settings or restore dialog open now (tests drive it)
        self.last_restore = None
        # What waits for the window to be on screen (after_first_paint); None once it ran.
        self._after_paint: list[Callable[[], object]] | None = []

        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setIconSize(QSize(20, 20))
        self.sidebar.setFixedWidth(170)
        self.sidebar.setSpacing(2)
        style = self.style()
        icons = [QStyle.StandardPixmap.SP_ComputerIcon, QStyle.StandardPixmap.SP_DirHomeIcon,
                 QStyle.StandardPixmap.SP_FileIcon, QStyle.StandardPixmap.SP_MessageBoxWarning,
                 QStyle.StandardPixmap.SP_FileDialogDetailedView,
                 QStyle.StandardPixmap.SP_DriveHDIcon]
        names = [tr("Dashboard"), tr("Clients"), tr("Invoices"), tr("Overdue"), tr("Activity"),
                 tr("Bank")]
        for i, (name, icon) in enumerate(zip(names, icons), 1):
            item = QListWidgetItem(style.standardIcon(icon), name)
            item.setToolTip(tr("{page} (Ctrl+{n})").format(page=name, n=i))
            self.sidebar.addItem(item)
        self.stack = QStackedWidget()
        for name in PAGES:
            placeholder = QWidget()
            placeholder.setObjectName(f"{name}Placeholder")
            self.stack.addWidget(placeholder)
        # the page shown at start is current from the outset: whatever asks for the current page
        # while the window is made builds that one, never the dashboard by default
        self.stack.setCurrentIndex(self._start_index())
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(6, 6, 6, 6)
        row.addWidget(self.sidebar)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.shell = Shell(ctx, self, lambda: self.current_page().current_invoice_id(),
                           lambda: self.current_page().current_client_id())
        self.records = RecordActions(self.shell)
        self.pdfs = PdfActions(self.shell, (), self.records.edit_invoice)  # tables: _wire_page
        self._build_actions()
        self.reminders = ReminderActions(self.shell)  # Ctrl+Shift+R, Ctrl+R, outbox, templates
        self._wire_reminders()
        self.changes = ChangeWatcher(ctx, self)  # writes made by another window or the CLI
        self.changes.changedElsewhere.connect(self._changed_elsewhere)
        self.page_status = QLabel()
        self.statusBar().addWidget(self.page_status, 1)
        ledger_label = QLabel(str(ctx.path))
        ledger_label.setObjectName("ledgerPath")
        ledger_label.setToolTip(tr("The ledger file this window shows"))
        for label in (self.page_status, ledger_label):  # long texts are cut, never widen the window
            label.setMinimumWidth(1)
        self.statusBar().addPermanentWidget(ledger_label)

        self.sidebar.currentRowChanged.connect(self._page_changed)
        ctx.changed.connect(self.refresh)
        ctx.undo.indexChanged.connect(self._undo_changed)
        self._restore_state()
        # A window nobody shows (tests, a window made for its pages) reads at once.
        QTimer.singleShot(0, self, lambda: None if self.isVisible() else self._run_after_paint())

    # -- the first paint -------------------------------------------------------------------------

    def after_first_paint(self, job: Callable[[], object]) -> None:
        """Run *job* once the window is on screen: the start page's first read (its workers
        would take the GIL from the painting thread, and load sqlite-utils), today's backup,
        the version. At once when that has happened (bench/README.md, issue 18)."""
        if self._after_paint is None:
            job()
        else:
            self._after_paint.append(job)

    def _run_after_paint(self) -> None:
        jobs, self._after_paint = self._after_paint, None
        if self._closed:  # closed before it was ever painted: nothing to read for it
            return
        for job in jobs or ():
            job()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._after_paint is not None:
            # a window shown but never painted (minimised at start, no compositor): not forever
            QTimer.singleShot(400, self, self._run_after_paint)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._after_paint is not None:
            # the children paint after this, in the same pass: the jobs run when it is done
            QTimer.singleShot(0, self, self._run_after_paint)

    # -- actions ------------------------------------------------------------------------------

    def _wire_reminders(self) -> None:
        """The Reminders menu, and the pages' buttons and selection, to the reminder actions."""
        actions = self.reminders
        menu = QMenu(tr("&Reminders"), self)
        self.menuBar().insertMenu(self.help_menu.menuAction(), menu)  # Help stays last
        for act in actions.menu_actions():
            menu.addSeparator() if act is None else menu.addAction(act)
        self.sidebar.currentRowChanged.connect(lambda _row: actions.update())
        actions.update()

    def _action(self, text: str, slot, shortcut=None, *, name: str = "",
                icon: QStyle.StandardPixmap | None = None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if name:
            action.setObjectName(name)
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        r = self.records
        SP = QStyle.StandardPixmap
        a = self._action
        self.act_new_client = a(tr("New &client…"), r.new_client, "Ctrl+Shift+N", name="newClient",
                                icon=SP.SP_FileDialogNewFolder)
        self.act_new_invoice = a(tr("New &invoice…"), r.new_invoice, "Ctrl+N", name="newInvoice",
                                 icon=SP.SP_FileIcon)
        self.act_payment = a(tr("Record &payment…"), r.record_payment, "Ctrl+P",
                             name="recordPayment", icon=SP.SP_DialogApplyButton)
        self.act_call = a(tr("Log a &call…"), lambda: r.log_contact(EventKind.CALL), "Ctrl+L",
                          name="logCall", icon=SP.SP_MessageBoxInformation)
        self.act_letter = a(tr("Log a &letter…"), lambda: r.log_contact(EventKind.LETTER),
                            name="logLetter")
        self.act_note = a(tr("Add a &note…"), lambda: r.log_contact(EventKind.NOTE),
                          "Ctrl+Shift+M", name="addNote")
        self.act_promise = a(tr("Log a &promise to pay…"), lambda: r.log_contact(EventKind.PROMISE),
                             "Ctrl+Shift+P", name="logPromise")
        self.act_edit_invoice = a(tr("&Edit invoice…"), r.edit_invoice, "Ctrl+E", name="editInvoice")
        self.act_issue = a(tr("&Issue draft"), r.issue_draft, name="issueDraft")
        self.act_void = a(tr("&Void invoice"), r.toggle_void, name="voidInvoice")
        self.act_void.setStatusTip(tr("Void only a draft or an invoice issued by mistake; an "
                                      "invoice the client has is corrected with a credit note"))
        self.act_credit_note = a(tr("Issue &credit note…"), r.issue_credit_note,
                                 name="issueCreditNote")
        self.act_delete_draft = a(tr("&Delete draft…"), r.delete_draft, name="deleteDraft")
        self.act_disputed = a(tr("Mark &disputed"), r.toggle_disputed, name="markDisputed")
        self.act_disputed.setCheckable(True)
        self.act_paused = a(tr("Pause &reminders"), r.toggle_paused, name="pauseReminders")
        self.act_paused.setCheckable(True)
        self.act_edit_client = a(tr("Edit c&lient…"), r.edit_client, "Ctrl+Shift+E",
                                 name="editClient")
        self.act_hold = a(tr("Client on &hold"), r.toggle_hold, name="clientOnHold")
        self.act_hold.setCheckable(True)
        self.act_delete_client = a(tr("Delete client…"), r.delete_client, name="deleteClient")
        self.act_undo = self.ctx.undo.createUndoAction(self, tr("&Undo"))
        self.act_undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.act_redo = self.ctx.undo.createRedoAction(self, tr("&Redo"))
        self.act_redo.setShortcut(QKeySequence.StandardKey.Redo)
        self.addAction(self.act_undo)
        self.addAction(self.act_redo)
        self.act_settings = a(tr("&Settings…"), self.open_settings, "Ctrl+,", name="settings")
        self.act_backup = a(tr("&Back up now…"), self.backup_now, name="backup")
        self.act_restore = a(tr("&Restore from backup…"), self.restore_from_backup,
                             name="restoreBackup")
        self.act_import = {kind: a(label, lambda k=kind: self.import_csv(k), name=f"import_{kind}")
                           for kind, label in (("clients", tr("Import &clients (CSV)…")),
                                               ("invoices", tr("Import &invoices (CSV)…")),
                                               ("payments", tr("Import &payments (CSV)…")))}
        self.act_quit = a(tr("&Quit"), self.close, QKeySequence.StandardKey.Quit, name="quit")
        self.act_refresh = a(tr("&Refresh"), self.refresh, "F5",  # Ctrl+R sends a reminder
                             name="refresh")
        self.act_about = a(tr("&About Collector"), self.about, name="about")
        self.act_pages = []
        for i, name in enumerate([tr("&Dashboard"), tr("&Clients"), tr("&Invoices"),
                                  tr("&Overdue"), tr("&Activity"), tr("&Bank")]):
            self.act_pages.append(a(name, lambda i=i: self.show_page(i), f"Ctrl+{i + 1}",
                                    name=f"page_{PAGES[i]}"))

        bar = self.menuBar()
        m = bar.addMenu(tr("&File"))
        self.ledger_menu = LedgerMenu(self, self.ctx.settings, self.ctx.path)
        self.ledger_menu.chosen.connect(self.ledgerChosen)
        self.ledger_menu.add_to(m)
        for act in self.act_import.values():
            m.addAction(act)
        self.act_import_bank = a(tr("Import &bank statement…"),
                                 lambda: self.bank.import_statement(), name="importBankStatement")
        m.addAction(self.act_import_bank)
        m.addSeparator()
        m.addAction(self.pdfs.act_export_statements)
        m.addAction(self.pdfs.act_open_after)
        m.addSeparator()
        m.addAction(self.act_backup)
        m.addAction(self.act_restore)
        m.addAction(self.act_settings)
        m.addSeparator()
        m.addAction(self.act_quit)
        m = bar.addMenu(tr("&Edit"))
        m.addAction(self.act_undo)
        m.addAction(self.act_redo)
        m = bar.addMenu(tr("&View"))
        for act in self.act_pages:
            m.addAction(act)
        m.addSeparator()
        m.addAction(self.act_refresh)
        m = bar.addMenu(tr("&Clients"))
        for act in (self.act_new_client, self.act_edit_client, self.act_hold,
                    self.act_delete_client, None, self.pdfs.act_statement_pdf,
                    self.pdfs.act_dossier_pdf):
            m.addSeparator() if act is None else m.addAction(act)
        m = bar.addMenu(tr("&Invoices"))
        for act in (self.act_new_invoice, self.act_edit_invoice, self.act_issue, None,
                    self.act_payment, None, self.act_disputed, self.act_paused, None,
                    self.act_credit_note, self.act_void, self.act_delete_draft, None,
                    self.pdfs.act_invoice_pdf):
            m.addSeparator() if act is None else m.addAction(act)
        m = bar.addMenu(tr("C&ontact"))
        for act in (self.act_call, self.act_letter, self.act_note, self.act_promise):
            m.addAction(act)
        self.help_menu = bar.addMenu(tr("&Help"))
        self.help_menu.addAction(self.act_about)

        tools = QToolBar(tr("Main toolbar"))
        tools.setObjectName("mainToolbar")
        tools.setMovable(False)
        tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for act in (self.act_new_client, self.act_new_invoice, self.act_payment, self.act_call,
                    self.act_promise):
            tools.addAction(act)
        self.addToolBar(tools)

    def _undo_changed(self, _index: int) -> None:
        self._update_actions()

    def _update_actions(self) -> None:
        invoice = self.records.selected_invoice()
        client = self.records.selected_client()
        has_inv = invoice is not None
        for act in (self.act_edit_invoice, self.act_disputed, self.act_paused, self.act_void):
            act.setEnabled(has_inv and (act is not self.act_edit_invoice or not invoice.void))
        self.act_issue.setEnabled(has_inv and invoice.draft and not invoice.void)
        self.act_delete_draft.setEnabled(has_inv and invoice.draft)
        self.act_credit_note.setEnabled(has_inv and invoice.counts and invoice.balance_minor > 0
                                        and not invoice.is_credit_note)
        self.act_void.setText(tr("Un&void invoice") if has_inv and invoice.void
                              else tr("&Void invoice"))
        self.act_disputed.setChecked(has_inv and invoice.disputed)
        self.act_paused.setChecked(has_inv and invoice.reminders_paused)
        self.act_edit_client.setEnabled(client is not None)
        self.act_hold.setEnabled(client is not None)
        self.act_hold.setChecked(client is not None and client.on_hold)
        self.act_delete_client.setEnabled(client is not None)
        self.pdfs.update(invoice, client)

    # -- pages --------------------------------------------------------------------------------

    dashboard = _page_property(0)
    clients = _page_property(1)
    invoices = _page_property(2)
    overdue = _page_property(3)
    activity = _page_property(4)
    bank = _page_property(5)

    @property
    def pages(self) -> list[Page]:
        """Every page, in the side bar's order (builds those not built yet)."""
        return [self.page(i) for i in range(len(PAGES))]

    def built_pages(self) -> list[Page]:
        """The pages built so far (the others have nothing to refresh or wire)."""
        return [page for page in self._pages if page is not None]

    def page(self, index: int) -> Page:
        """The page at *index*, built, wired and put in the stack on first use."""
        page = self._pages[index]
        if page is not None:
            return page
        module, cls = PAGE_CLASSES[index]
        page_class = getattr(import_module(f"collector_gui.ui.pages.{module}"), cls)
        page = page_class(self.ctx)
        self._pages[index] = page
        was_current = self.stack.currentIndex() == index
        placeholder = self.stack.widget(index)
        self.stack.insertWidget(index, page)
        self.stack.removeWidget(placeholder)
        placeholder.deleteLater()
        if was_current:
            self.stack.setCurrentIndex(index)
        self._wire_page(index, page)
        return page

    def _wire_page(self, index: int, page) -> None:
        """A page just built, to the window's slots and actions (what __init__ did for all)."""
        page.statusChanged.connect(self._page_status)
        page.selectionChanged.connect(self._update_actions)
        page.selectionChanged.connect(self.reminders.update)
        page.openInvoice.connect(self._open_invoice)
        page.openClient.connect(self._open_client)
        name = PAGES[index]
        if name in ("dashboard", "overdue"):
            page.remind_button.clicked.connect(lambda: self.reminders.open_wizard())
        if name in ("invoices", "overdue"):
            self.pdfs.add_invoice_table(page.table)
        if name == "clients":
            page.detail.buttons.addAction(self.reminders.act_client_wizard)
            page.detail.set_actions([self.act_edit_client, self.act_new_invoice,
                                     self.act_payment, self.act_call, self.act_letter,
                                     self.act_promise, self.act_hold, self.act_delete_client,
                                     self.pdfs.act_statement_pdf, self.pdfs.act_dossier_pdf])
            self.pdfs.add_invoice_table(page.detail.invoice_table)
        if name == "bank":
            page.imported.connect(lambda _result: self.show_page(PAGES.index("bank")))

    def current_page(self) -> Page:
        return self.page(self.stack.currentIndex())

    def show_page(self, index: int) -> None:
        self.sidebar.setCurrentRow(index)

    def _page_changed(self, index: int) -> None:
        if index < 0:
            return
        page = self.page(index)
        self.stack.setCurrentIndex(index)
        if index in self._stale:
            self._stale.discard(index)
            page.refresh()
        self.page_status.setText(page.status_text)
        self.ctx.settings.setValue("main/page", PAGES[index])
        page.focus_main()
        self._update_actions()

    def _page_status(self, text: str) -> None:
        if self.sender() is self.current_page():
            self.page_status.setText(text)

    def refresh(self, _changes: Changes | None = None) -> None:
        """The ledger changed: read the current page again now (in place: what is selected
        and the scroll position stay), the others when they are shown."""
        current = self.stack.currentIndex()
        self._stale = set(range(len(PAGES))) - {current}
        self.page(current).refresh()
        self._update_actions()

    def _changed_elsewhere(self) -> None:
        if self._closed:
            return
        self.refresh()
        # the dashboard's figures too, even when another page is in view
        dashboard = PAGES.index("dashboard")
        if dashboard in self._stale and self._pages[dashboard] is not None:
            self._stale.discard(dashboard)
            self.dashboard.refresh()

    def _open_invoice(self, invoice_id: int) -> None:
        self.records.edit_invoice(invoice_id)

    def _open_client(self, client_id: int) -> None:
        self.show_page(PAGES.index("clients"))
        self.clients.show_client(client_id)

    # -- file ---------------------------------------------------------------------------------

    def open_settings(self) -> None:
        from collector_gui.ui.dialogs.settings import SettingsDialog

        dialog = SettingsDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.languageChanged.connect(self.languageChanged)
        dialog.open()
        self.dialog = dialog

    def backup_now(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Back up the ledger into…"),
                                                  str(Path.home()))
        if folder:
            self.start_backup(Path(folder))

    def start_backup(self, folder: Path):
        def done(path: Path) -> None:
            notify.show_status(self, tr("Backed up to {path}").format(path=str(path)))

        return run_in_background(self, lambda ledger, task: ledger.backup(folder), done,
                                 ledger_path=self.ctx.path, label=tr("Backing up the ledger…"),
                                 cancellable=False)

    def restore_from_backup(self):
        from collector_gui.ui.dialogs.restore import start_restore

        self.dialog = start_restore(self.ctx, self, self.changes, self._restored)
        return self.dialog

    def _restored(self, result) -> None:
        self.last_restore = result

    def import_csv(self, kind: str) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Import {kind} from a CSV file").format(
            kind=kind), str(Path.home()), tr("CSV files (*.csv);;All files (*)"))
        if path:
            self.start_import(kind, path)

    def start_import(self, kind: str, path: str):
        from collector_gui.actions.records import import_records
        from collector_gui.actions.gc_pause import collector_paused, thaw
        from collector_gui.ledger.store import Store

        today = self.ctx.today()

        def op(ledger, task):
            # full collections over the rows read (10^5 objects) held the GIL, and the window,
            # 100-200 ms each (bench/bench_stalls.py): off while the import works
            with collector_paused():
                return import_records(Store(ledger), kind, path, today=today, task=task)

        def done(result) -> None:
            thaw()  # what the import left frozen goes back to the collector
            self.ctx.notify(result.changes)
            report = result.value
            if report.errors:
                notify.show_error(self, report.summary(), "\n".join(report.error_lines()[:30]))
            else:
                notify.show_info(self, report.summary())

        def failed(exc: BaseException) -> None:
            thaw()
            notify.report(self, exc)

        return run_in_background(self, op, done, ledger_path=self.ctx.path, writes=True,
                                 on_error=failed,
                                 label=tr("Importing {file}…").format(file=Path(path).name))

    def about(self) -> None:
        from collector_gui.ui.dialogs.about import AboutDialog

        dialog = AboutDialog(self.ctx.path, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # -- state ---------------------------------------------------------------------------------

    def _restore_state(self) -> None:
        s = self.ctx.settings
        geometry = s.value("main/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 760)
        state = s.value("main/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        index = self._start_index()
        self._stale = set(range(len(PAGES))) - {index}
        page = self.page(index)
        page.loading_soon()
        self.after_first_paint(page.refresh)
        self.sidebar.setCurrentRow(index)

    def _start_index(self) -> int:
        """The page the window opens on: the one shown when it was last closed."""
        page = self.ctx.settings.value("main/page", "dashboard")
        return PAGES.index(page) if page in PAGES else 0

    def save_state(self) -> None:
        s = self.ctx.settings
        s.setValue("main/geometry", self.saveGeometry())
        s.setValue("main/state", self.saveState())
        s.setValue("main/page", PAGES[self.stack.currentIndex()])
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closed:
            self._closed = True
            self.changes.paused = True
            self.save_state()
            self.ctx.changed.disconnect(self.refresh)
            self.ctx.undo.indexChanged.disconnect(self._undo_changed)
            wait_for_all(30000)
            self.ctx.close()
        super().closeEvent(event)


def app_icon() -> QIcon:
    from collector_gui import paths

    try:
        icons = paths.bundled_dir("resources") / "icons"
    except FileNotFoundError:
        return QIcon()
    # The PNGs tools/render-icons makes (crisp at small sizes, no SVG plugin needed), then the SVG.
    result = QIcon()
    for png in sorted(icons.glob("hicolor/*/apps/collector.png")):
        result.addFile(str(png))
    if (icons / "collector.svg").exists():
        result.addFile(str(icons / "collector.svg"))
    return result
