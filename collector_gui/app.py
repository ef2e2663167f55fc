"""Builds the QApplication, opens the ledger, shows the main window.

`collector` with no subcommand lands here (cli.py calls run_app). A first start with no
ledger offers an empty ledger or the sample one, and asks for the business profile.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication

from collector_gui.ui.window_language import tr
import collector_gui
from collector_gui import paths
from collector_gui.ledger.database import Ledger
from collector_gui.ui import notify as messages  # ui/messages.py is ui/notify.py
from collector_gui.ui import ledger_switch
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
                   if isinstance(h, messages.LogFile) and h.baseFilename == str(path.absolute()))
    package = logging.getLogger("collector_gui")
    for old in [h for h in package.handlers if isinstance(h, messages.LogFile)]:
        if old is handler:
            return path
        package.removeHandler(old)  # messages.setup_logging() closed it when it replaced it
    package.addHandler(handler)
    package.setLevel(logging.INFO)
    return path


# Opening the ledger (and offering its backup when damaged) is the same at start and on
# File > Open ledger: it lives in ui/ledger_switch.py.
open_or_recover = ledger_switch.open_or_recover


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


def _after_show(window: MainWindow) -> None:
    """Once the window is on screen (MainWindow.after_first_paint): the version, whose reading
    loads importlib.metadata (15-35 ms), and today's backup."""
    QApplication.instance().setApplicationVersion(collector_gui.__version__)
    start_daily_backup(window)


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


def _make_window(settings):
    """The window over *ledger* in *language* (at start, on a language change, on a switch)."""

    def make(ledger: Ledger, language: str) -> MainWindow:
        return MainWindow(AppContext(ledger, locale=babel_locale(language), language=language,
                                     settings=settings))

    return make


# How long a worker may keep the GIL while the window's thread waits for it (Python's default
# is 5 ms). Every event the window handles in Python takes the GIL again, so behind a busy
# worker a burst of them waited 5 ms each: 80-90 ms stalls during a 100,000-row import, 33-37 ms
# at 1 ms, for the same total time (bench/bench_stalls.py --switch-interval).
GIL_SWITCH_INTERVAL = 0.001


def prefer_ui_thread() -> None:
    """Give the GIL back to the window's thread sooner (GIL_SWITCH_INTERVAL)."""
    sys.setswitchinterval(GIL_SWITCH_INTERVAL)


def run_app(ledger_path: Path | None, *, sample: bool = False) -> int:
    """Show the window on the ledger (the default one when None); returns the exit code."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    prefer_ui_thread()
    app.setApplicationName("Collector")
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

            first = FirstRunDialog(window_language=language)
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
        session = ledger_switch.LedgerSession(ledger, language, _make_window(settings),
                                              settings, after_show=_after_show)
        code = app.exec()
        ledger = session.ledger  # the one shown last (File > Open ledger may have switched)
        del session
    finally:
        ledger.close()
    return code
