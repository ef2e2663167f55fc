"""File ▸ Restore from backup…: choose one of the ledger's backups (or any other file),
confirm, and put it in place of the open ledger.

The backups are checked (actions/restore.verify_backup) off the UI thread, and so is the
restore itself. The window's own connections are closed first (restore() refuses a ledger
that is still open), and the ledger is reopened afterwards whatever happened.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from collector_gui.actions.restore import (
    BackupInfo,
    BadBackup,
    RestoreResult,
    list_backups,
    restore,
    verify_backup,
)
from collector_gui.ui import notify
from collector_gui.ui.context import AppContext
from collector_gui.ui.window_language import tr
from collector_gui.ui.refresh import ChangeWatcher
from collector_gui.ui.tasks import BackgroundTask, run_in_background, wait_for_all
from collector_gui.ui.widgets import restore_geometry, save_geometry

PATH_ROLE = Qt.ItemDataRole.UserRole + 1


def _checked(ledger_path: Path) -> list[tuple[Path, BackupInfo | None, str]]:
    """Every backup of the ledger, newest first, with what it holds or why it is unusable."""
    out = []
    for path in list_backups(ledger_path):
        try:
            out.append((path, verify_backup(path), ""))
        except BadBackup as exc:
            out.append((path, None, str(exc)))
    return out


class RestoreDialog(QDialog):
    """The list of backups; `chosen` carries the file the user picked."""

    chosen = Signal(object)  # Path
    GEOMETRY_KEY = "restore"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle(tr("Restore from backup"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.ctx = ctx
        self.note = QLabel(tr("Checking the backups of {file}…").format(file=ctx.path.name))
        self.note.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("backups")
        self.other = QPushButton(tr("Other file…"))
        self.other.setObjectName("otherFile")
        self.other.clicked.connect(self.choose_other)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = self.buttons.addButton(tr("Restore…"),
                                                     QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setObjectName("restore")
        self.restore_button.setEnabled(False)
        self.buttons.addButton(self.other, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.list.currentItemChanged.connect(self._current_changed)
        self.list.itemActivated.connect(lambda _item: self.accept())
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        self.resize(560, 360)
        restore_geometry(ctx.settings, self.GEOMETRY_KEY, self)
        self.loading = True
        self.task: BackgroundTask = run_in_background(
            self, lambda _ledger, _task: _checked(ctx.path), self._fill, ledger_path=None,
            progress=False)

    def _fill(self, found: list[tuple[Path, BackupInfo | None, str]]) -> None:
        fmt = self.ctx.fmt
        for path, info, problem in found:
            if info is not None:
                c = info.counts
                when = fmt.datetime(info.made_at) if info.made_at else path.name
                text = tr("{when}: {clients} clients, {invoices} invoices, {payments} payments, "
                          "{events} contacts").format(
                    when=when, clients=fmt.number(c.get("clients", 0)),
                    invoices=fmt.number(c.get("invoices", 0)),
                    payments=fmt.number(c.get("payments", 0)),
                    events=fmt.number(c.get("contact_events", 0)))
            else:
                text = tr("{name}: cannot be restored").format(name=path.name)
            item = QListWidgetItem(text)
            item.setData(PATH_ROLE, str(path))
            item.setToolTip(problem or str(path))
            if info is None:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.list.addItem(item)
        usable = [i for i in range(self.list.count())
                  if self.list.item(i).flags() & Qt.ItemFlag.ItemIsEnabled]
        if usable:
            self.list.setCurrentRow(usable[0])
            self.note.setText(tr("Choose the backup to put in place of {file}:").format(
                file=str(self.ctx.path)))
        else:
            self.note.setText(tr("There is no usable backup of {file} in its backups folder. "
                                 "Choose another file.").format(file=str(self.ctx.path)))
        self.loading = False

    def _current_changed(self, current, _previous) -> None:
        self.restore_button.setEnabled(current is not None
                                       and bool(current.flags() & Qt.ItemFlag.ItemIsEnabled))

    def selected_path(self) -> Path | None:
        item = self.list.currentItem()
        return Path(item.data(PATH_ROLE)) if item is not None else None

    def choose_other(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, tr("Restore from which file?"), str(self.ctx.path.parent),
            tr("Collector backups (*.sqlite *.db);;All files (*)"))
        if path:
            self._emit(Path(path))

    def accept(self) -> None:
        path = self.selected_path()
        if path is not None:
            self._emit(path)

    def _emit(self, path: Path) -> None:
        save_geometry(self.ctx.settings, self.GEOMETRY_KEY, self)
        super().accept()
        self.chosen.emit(path)

    def reject(self) -> None:
        save_geometry(self.ctx.settings, self.GEOMETRY_KEY, self)
        super().reject()


def start_restore(ctx: AppContext, parent: QWidget, watcher: ChangeWatcher,
                  on_restored: Callable[[RestoreResult], None]) -> RestoreDialog:
    """Show the list of backups; a choice is confirmed, then restored."""
    dialog = RestoreDialog(ctx, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.chosen.connect(lambda path: confirm_restore(ctx, parent, watcher, path, on_restored))
    dialog.open()
    return dialog


def confirm_restore(ctx: AppContext, parent: QWidget, watcher: ChangeWatcher, backup: Path,
                    on_restored: Callable[[RestoreResult], None]):
    return notify.ask_user(
        parent,
        tr("Replace the open ledger with the backup {file}?").format(file=backup.name),
        lambda: restore_now(ctx, parent, watcher, backup, on_restored),
        yes_label=tr("Restore"),
        detail=tr("Everything entered after that backup was made will no longer be in the "
                  "ledger. The present ledger is not deleted: it is kept beside it, and you "
                  "will be told where."))


def restore_now(ctx: AppContext, parent: QWidget, watcher: ChangeWatcher, backup: Path,
                on_restored: Callable[[RestoreResult], None] | None = None) -> BackgroundTask:
    """Close the window's connections, restore in the background, reopen, and say where the
    replaced ledger was kept."""
    ledger_path = ctx.path
    wait_for_all(30000)
    watcher.paused = True
    ctx.reader.release()
    ctx.writer.release()
    ctx.ledger.close()

    def reopened() -> bool:
        try:
            ctx.ledger.reopen()
            ctx.reopened()
        except Exception as exc:  # the window cannot go on without its ledger
            notify.report(parent, exc)
            return False
        finally:
            watcher.paused = False
        watcher.reset()
        ctx.undo.clear()  # the undo history describes the ledger that was replaced
        ctx.notify()
        return True

    def done(result: RestoreResult) -> None:
        if not reopened():
            return
        text = tr("Restored the ledger from {backup}.").format(backup=result.backup.name)
        detail = ""
        if result.replaced is not None:
            detail = tr("The ledger it replaced is kept as {path}.").format(
                path=str(result.replaced))
        if on_restored is not None:
            on_restored(result)
        notify.show_info(parent, text, detail)

    def failed(exc: BaseException) -> None:
        reopened()
        notify.report(parent, exc)

    return run_in_background(parent, lambda _ledger, _task: restore(ledger_path, backup), done,
                             on_error=failed, ledger_path=None,
                             label=tr("Restoring the ledger…"), cancellable=False)
