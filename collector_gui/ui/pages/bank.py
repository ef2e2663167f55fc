"""The Bank page: the statement lines waiting for a decision (proposed and unmatched), with
the invoices proposed, decided from the keyboard: Enter or A accepts the proposal, C picks
other invoices, R or Delete rejects the line. Each decision is undoable (Ctrl+Z). A toggle
shows the lines already decided too; File ▸ Import bank statement… (or the page's button)
reads a new statement."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from collector_gui.actions.bank import ImportResult, reason_text
from collector_gui.ledger.bank_browse import BankLineRow, LineFilter
from collector_gui.ui import bank_actions, notify
from collector_gui.ui.bank_model import BankLinesModel
from collector_gui.ui.context import AppContext
from collector_gui.ui.dialogs.bank_invoices import PickInvoicesDialog
from collector_gui.ui.pages.base import Page
from collector_gui.ui.tasks import BackgroundTask
from collector_gui.ui.undo import LedgerCommand
from collector_gui.ui.widgets import SearchField, TableView, heading
from collector_gui.ui.window_language import tr

PENDING = ("proposed", "unmatched")
STATEMENT_FILES = "*.n43 *.aeb *.csb *.q43 *.txt *.xml *.ofx *.qfx *.sta *.mt940 *.940 *.csv"


class BankPage(Page):
    imported = Signal(object)  # an ImportResult, once a statement is in

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("bankPage")
        self.model = BankLinesModel(ctx, self)
        self.dialog: QDialog | None = None  # the pick-invoices dialog open now (tests drive it)
        self.command: LedgerCommand | None = None  # the newest decision (tests wait on it)
        self.import_task: BackgroundTask | None = None
        self.last_import: ImportResult | None = None
        self._select_row: int | None = None  # after a decision: the row to select next

        self.count = QLabel()
        self.import_button = QPushButton(tr("Import statement…"))
        self.import_button.setObjectName("importStatement")
        self.import_button.clicked.connect(self.import_statement)
        self.search = SearchField(tr("Search bank text, payer, reference, client or invoice"))
        self.search.setObjectName("search")
        self.show_done = QCheckBox(tr("Show lines already done"))
        self.show_done.setObjectName("showDone")
        self.table = TableView("bank", self.model, ctx.settings)
        self.detail = QLabel()
        self.detail.setObjectName("detail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.accept_button = QPushButton(tr("&Accept"))
        self.accept_button.setObjectName("accept")
        self.change_button = QPushButton(tr("&Change…"))
        self.change_button.setObjectName("change")
        self.reject_button = QPushButton(tr("&Reject"))
        self.reject_button.setObjectName("reject")
        self.hint = QLabel(tr("Enter or A: accept the proposal · C: other invoices · "
                              "R or Delete: not a client's payment · Ctrl+Z: undo"))
        self.hint.setObjectName("keys")
        self.hint.setWordWrap(True)  # unwrapped, its width set the window's least width (1,074 px)

        head = QHBoxLayout()
        head.addWidget(heading(tr("Bank")))
        head.addStretch(1)
        head.addWidget(self.count)
        head.addWidget(self.import_button)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.show_done)
        buttons = QHBoxLayout()
        for button in (self.accept_button, self.change_button, self.reject_button):
            buttons.addWidget(button)
        buttons.addWidget(self.hint, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addLayout(buttons)

        # The letters act only while the table has the focus (typing in the search is typing).
        self.act_accept = self._key_action(tr("Accept"), self.accept_current, ("A",))
        self.act_change = self._key_action(tr("Change…"), self.change_current, ("C",))
        self.act_reject = self._key_action(tr("Reject"), self.reject_current,
                                           ("R", QKeySequence.StandardKey.Delete))
        self.table.activatedId.connect(lambda _id: self.accept_current())
        self.accept_button.clicked.connect(self.accept_current)
        self.change_button.clicked.connect(self.change_current)
        self.reject_button.clicked.connect(self.reject_current)
        self.search.searchChanged.connect(self.apply_filter)
        self.show_done.toggled.connect(self.apply_filter)
        self.table.currentIdChanged.connect(self._current_changed)
        self.model.loaded.connect(self._loaded)
        self.follow_count(self.model, self.count)
        self._current_changed(None)

    def _key_action(self, text: str, slot, keys) -> QAction:
        action = QAction(text, self.table)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.table.addAction(action)
        return action

    # -- reading ---------------------------------------------------------------------------

    def _filter(self) -> LineFilter:
        return LineFilter(done=self.show_done.isChecked(), text=self.search.text())

    def apply_filter(self, *_args) -> None:
        self.model.set_filter(self._filter())

    def refresh(self) -> None:
        self.model.filter = self._filter()
        self.model.reload()

    def _loaded(self) -> None:
        row, self._select_row = self._select_row, None
        if row is not None and self.model.rowCount() and self.table.current_id() is None:
            self.table.select_id(self.model.row_at(min(row, self.model.rowCount() - 1)).id)

    def current_line(self) -> BankLineRow | None:
        return self.table.current_row() if self.table.current_id() is not None else None

    def current_client_id(self) -> int | None:
        line = self.current_line()
        return line.client_id if line is not None else None

    def focus_main(self) -> None:
        self.table.setFocus()

    def _current_changed(self, _id) -> None:
        line = self.current_line()
        pending = line is not None and line.status in PENDING
        self.accept_button.setEnabled(pending and line.status == "proposed"
                                      or line is not None and line.status == "unmatched")
        self.change_button.setEnabled(line is not None and line.status in PENDING + ("rejected",))
        self.reject_button.setEnabled(pending)
        if line is None:
            self.detail.setText(tr("Nothing selected.") if self.model.rowCount() else "")
        else:
            words = reason_text(line.reason)
            if line.status == "proposed":
                words = tr("Proposed: {invoices} ({why})").format(invoices=line.invoices,
                                                                  why=words)
            self.detail.setText(words)
        self.selectionChanged.emit()

    # -- deciding ----------------------------------------------------------------------------

    def _decided(self, command: LedgerCommand) -> None:
        self.command = command
        self._select_row = self.table.currentIndex().row()

    def accept_current(self) -> None:
        """Enter / A: record the proposal; a line with none asks which invoices (C)."""
        line = self.current_line()
        if line is None:
            return
        if line.status != "proposed":
            if line.status in ("unmatched", "rejected"):
                self.change_current()
            return
        self._decided(bank_actions.accept(self.ctx, line.id, on_done=self._said))

    def change_current(self) -> PickInvoicesDialog | None:
        """C: pick the invoices this line pays (any client's), then record it."""
        line = self.current_line()
        if line is None or line.status not in PENDING + ("rejected",):
            return None
        dialog = PickInvoicesDialog(self.ctx, line, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def finished(result: int) -> None:
            if self.dialog is dialog:
                self.dialog = None
            if result == QDialog.DialogCode.Accepted and dialog.numbers():
                self._decided(bank_actions.accept(self.ctx, line.id, dialog.numbers(),
                                                  on_done=self._said))
            self.table.setFocus()

        dialog.finished.connect(finished)
        self.dialog = dialog
        dialog.open()
        return dialog

    def reject_current(self) -> None:
        """R / Delete: not a client's payment; the line leaves the list, nothing recorded."""
        line = self.current_line()
        if line is None or line.status not in PENDING:
            return
        self._decided(bank_actions.reject(self.ctx, line.id, on_done=self._said))

    def _said(self, value) -> None:
        text = getattr(getattr(value, "result", None), "text", None)
        if text is not None:
            notify.show_status(self, text(self.ctx.fmt.locale) + " " + tr("Undo with Ctrl+Z."))

    # -- importing ---------------------------------------------------------------------------

    def import_statement(self) -> None:
        """File ▸ Import bank statement…: a file dialog, then the import in the background."""
        path, _filter = QFileDialog.getOpenFileName(
            self, tr("Import a bank statement"), str(Path.home()),
            tr("Bank statements ({patterns});;All files (*)").format(patterns=STATEMENT_FILES))
        if path:
            self.start_import(path)

    def start_import(self, path: str | Path) -> BackgroundTask:
        self.import_task = bank_actions.import_statement(self.ctx, self, path, self._imported)
        return self.import_task

    def _imported(self, result: ImportResult) -> None:
        self.last_import = result
        waiting = result.count("proposed") + result.count("unmatched")
        detail = (tr("Lines waiting for your decision on the Bank page: {n}.").format(
            n=self.ctx.fmt.number(waiting)) if waiting else "")
        notify.show_info(self, result.summary(), detail)
        self.imported.emit(result)
