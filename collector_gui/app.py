"""Builds the QApplication, opens the ledger, shows the main window.

`collector` with no subcommand lands here (cli.py calls run_app). A first start with no
ledger offers an empty ledger or the sample one, and asks for the business profile.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from collector_gui.ui.window_language import tr
from collector_gui import __version__, paths
from collector_gui.core.errors import CollectorError
from collector_gui.ledger.database import Ledger
from collector_gui.ui import notify as messages  # ui/messages.py is ui/notify.py
from collector_gui.ui.context import AppContext
from collector_gui.ui.window_language import (
    babel_locale,
    chosen_language,
    effective_language,
    install_translators,
    user_settings,
)
from collector_gui.ui.main_window import MainWindow, app_icon
from collector_gui.ui.tasks import run_in_background



def setup_logging() -> Path:
    """The log file gets the records of the whole program: the window's own (`collector`,
    ui/messages.py) and every module's, which log under `collector_gui.<module>`
    (logging.getLogger(__name__)) and reached no handler before. Returns the file's path."""
    path = messages.setup_logging()
    handler = next(h for h in messages.log.handlers
                   if isinstance(h, logging.handlers.RotatingFileHandler)
                   and h.baseFilename == str(path.absolute()))
    package = logging.getLogger("collector_gui")
    for old in [h for h in package.handlers if isinstance(h, logging.handlers.RotatingFileHandler)]:
        if old is handler:
            return path
        package.removeHandler(old)  # messages.setup_logging() closed it when it replaced it
    package.addHandler(handler)
    package.setLevel(logging.INFO)
    return path


def _open_ledger(path: Path) -> Ledger:
    """Open (creating and migrating if needed). The daily backup is made after the window
    shows, in the background (a big ledger takes seconds to copy)."""
    from collector_gui.actions.ledger import open_ledger

    return open_ledger(path, auto_backup=False)


def _wait_for(box: QMessageBox) -> None:
    """Wait for a message box to be answered (before the application's event loop runs)."""
    loop = QEventLoop()
    box.finished.connect(lambda _result: loop.quit())
    if box.isVisible():
        loop.exec()


def open_or_recover(path: Path) -> Ledger | None:
    """Open the ledger; when it is damaged, offer to restore its newest good backup.

    Any other reason it cannot be opened (from a newer Collector, not a ledger, busy) is
    said in a message box. Returns None when there is no ledger to show (the app exits 1).
    """
    from collector_gui.actions.restore import newest_good_backup, restore
    from collector_gui.ledger.database import LedgerCorrupt

    try:
        return _open_ledger(path)
    except LedgerCorrupt as exc:
        messages.log.error("cannot open %s: %s", path, exc)
        backup = newest_good_backup(path)
        if backup is None:
            _wait_for(messages.show_error(None, str(exc), tr(
                "There is no good backup of it to restore. The file was not changed.")))
            return None
        chosen: list[bool] = []
        _wait_for(messages.ask_user(
            None, tr("The ledger {path} is damaged and cannot be opened.").format(path=str(path)),
            lambda: chosen.append(True), yes_label=tr("Restore the backup"),
            detail=tr("Restore its newest good backup, {backup}? The damaged file is kept "
                      "beside it, not deleted.").format(backup=backup.name)))
        if not chosen:
            return None
        try:
            result = restore(path, backup)
            ledger = _open_ledger(path)
        except CollectorError as again:
            messages.log.error("restoring %s from %s failed: %s", path, backup, again)
            _wait_for(messages.show_error(None, str(again)))
            return None
        detail = (tr("The damaged ledger is kept as {path}.").format(path=str(result.replaced))
                  if result.replaced is not None else "")
        _wait_for(messages.show_info(None, tr("Restored the ledger from {backup}.").format(
            backup=backup.name), detail))
        return ledger
    except CollectorError as exc:  # LedgerTooNew, NotALedger, LedgerBusy, ...
        messages.log.error("cannot open %s: %s", path, exc)
        _wait_for(messages.show_error(None, str(exc)))
        return None


def start_daily_backup(window: MainWindow):
    """Today's automatic backup, off the UI thread; a failure is said, never fatal."""
    from collector_gui.actions.ledger import daily_backup

    def done(made: Path | None) -> None:
        if made is not None:
            messages.show_status(window, tr("Today's backup: {path}").format(path=str(made)))

    def failed(exc: BaseException) -> None:
        messages.log.warning("daily backup failed: %s", exc)
        messages.show_status(window, tr("Today's automatic backup failed: {error}").format(
            error=str(exc)), 20000)

    return run_in_background(window, lambda ledger, _task: daily_backup(ledger), done,
                             ledger_path=window.ctx.path, on_error=failed, progress=False)


def make_sample_ledger(path: Path, parent=None) -> bool:
    """Fill a new sample ledger with the `collector demo` data, with a progress dialog.

    Returns False when the user cancelled or it failed (the error was shown).
    """
    from collector_gui.actions.demo import generate_demo

    def op(_ledger, task):
        with Ledger.open(path) as ledger:
            return generate_demo(ledger, task=task)

    loop = QEventLoop()
    handle = run_in_background(parent, op, ledger_path=None,
                               label=tr("Making the sample ledger…"))
    handle.finished.connect(loop.quit)
    if not handle.done:
        loop.exec()
    if handle.error is not None:
        path.unlink(missing_ok=True)
        return False
    return True


def _is_empty_file(path: Path) -> bool:
    return not path.exists() or path.stat().st_size == 0


class _Session:
    """One open ledger and its window; the window is rebuilt when the language changes."""

    def __init__(self, app: QApplication, ledger: Ledger, language: str) -> None:
        self.app = app
        self.ledger = ledger
        self.settings = user_settings()
        self.window: MainWindow | None = None
        self.backup = None
        self.show(language)

    def show(self, language: str) -> None:
        install_translators(language)
        ctx = AppContext(self.ledger, locale=babel_locale(language), language=language,
                         settings=self.settings)
        window = MainWindow(ctx)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.languageChanged.connect(self.relanguage)
        window.show()
        self.window = window
        if self.backup is None:
            self.backup = start_daily_backup(window)

    def relanguage(self, choice: str) -> None:
        old = self.window
        self.app.setQuitOnLastWindowClosed(False)
        self.show(effective_language(choice))
        old.close()
        self.app.setQuitOnLastWindowClosed(True)


def run_app(ledger_path: Path | None, *, sample: bool = False) -> int:
    """Show the window on the ledger (the default one when None); returns the exit code."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Collector")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("collector")
    app.setWindowIcon(app_icon())
    messages.install_excepthook()
    setup_logging()
    settings = user_settings()
    language = effective_language(chosen_language(settings))
    install_translators(language)

    profile = None
    if sample:
        path = paths.sample_ledger_path()
    elif ledger_path is not None:
        path = Path(ledger_path).expanduser()
    else:
        path = paths.default_ledger_path()
        if _is_empty_file(path):
            from collector_gui.ui.dialogs.settings import FirstRunDialog

            first = FirstRunDialog()
            if first.exec() != FirstRunDialog.DialogCode.Accepted:
                return 0
            if first.choice == FirstRunDialog.SAMPLE:
                path, sample = paths.sample_ledger_path(), True
            profile = first.profile_values
    if sample and _is_empty_file(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        if not make_sample_ledger(path):
            return 1
    ledger = open_or_recover(path)
    if ledger is None:
        return 1
    try:
        if profile:
            from collector_gui.ledger.store import Store
            from collector_gui.ui.dialogs.settings import save_profile

            save_profile(Store(ledger), profile)
        session = _Session(app, ledger, language)
        code = app.exec()
        del session
    finally:
        ledger.close()
    return code
