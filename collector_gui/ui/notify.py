"""Every message box the window shows, and the one global exception hook.

Errors a user should read (CollectorError) are shown as they are written. An unexpected
exception is logged with its traceback to the per-user log file and shown once per kind,
so a bug that repeats on every repaint does not bury the user in dialogs.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QWidget

from collector_gui.ui.window_language import tr
from collector_gui import paths
from collector_gui.core.errors import Cancelled, CollectorError

log = logging.getLogger("collector")
LOG_FILENAME = "collector.log"
_shown_kinds: set[tuple] = set()



class LogFile(logging.Handler):
    """The per-user log file, rotated at 1 MB (3 kept). The rotating handler is made with the
    first record: logging.handlers brings socket, pickle and queue, and a start writes no record
    before the window's first paint (issue 18). One lock (this handler's) covers both."""

    def __init__(self, path: paths.Path) -> None:
        super().__init__()
        self.baseFilename = str(path.absolute())
        self.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        self._file: logging.Handler | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self._file is None:
            import logging.handlers

            self._file = logging.handlers.RotatingFileHandler(
                self.baseFilename, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
            self._file.setFormatter(self.formatter)
        self._file.emit(record)

    def flush(self) -> None:
        if self._file is not None:
            self._file.flush()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        super().close()


def setup_logging() -> paths.Path:
    """Log to the per-user log file (LogFile). Returns the file's path."""
    folder = paths.log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_FILENAME
    for old in [h for h in log.handlers if isinstance(h, LogFile)]:
        if old.baseFilename == str(path.absolute()):
            return path
        log.removeHandler(old)
        old.close()
    log.addHandler(LogFile(path))
    log.setLevel(logging.INFO)
    return path


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str,
         detail: str = "") -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("messageBox")
    if detail:
        box.setInformativeText(detail)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setWindowModality(Qt.WindowModality.WindowModal if parent else Qt.WindowModality.ApplicationModal)
    box.open()
    return box


def show_error(parent: QWidget | None, text: str, detail: str = "") -> QMessageBox:
    return _box(parent, QMessageBox.Icon.Warning, tr("Collector"), text, detail)


def show_info(parent: QWidget | None, text: str, detail: str = "") -> QMessageBox:
    return _box(parent, QMessageBox.Icon.Information, tr("Collector"), text, detail)


def ask_user(parent: QWidget | None, text: str, on_yes: Callable[[], None], *,
             yes_label: str = "", no_label: str = "", detail: str = "") -> QMessageBox:
    """Ask before doing something that cannot be taken back; *on_yes* runs only on yes.

    The box opens window-modal and returns at once (no nested event loop).
    """
    box = QMessageBox(QMessageBox.Icon.Question, tr("Collector"), text,
                      QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("askUser")
    if detail:
        box.setInformativeText(detail)
    yes = box.addButton(yes_label or tr("Yes"), QMessageBox.ButtonRole.AcceptRole)
    no = box.addButton(no_label or tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setWindowModality(Qt.WindowModality.WindowModal if parent else Qt.WindowModality.ApplicationModal)

    def done() -> None:
        if box.clickedButton() is yes:
            on_yes()

    box.finished.connect(lambda _result: done())
    box.open()
    return box


def show_status(parent: QWidget | None, text: str, timeout_ms: int = 6000) -> None:
    """A short note in the main window's status bar (where there is one)."""
    window = parent.window() if parent is not None else None
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, timeout_ms)


def report(parent: QWidget | None, exc: BaseException) -> None:
    """Tell the user about an error that ended an action."""
    if isinstance(exc, Cancelled):
        show_status(parent, tr("Cancelled; nothing was changed."))
    elif isinstance(exc, CollectorError):
        show_error(parent, str(exc))
    else:
        show_unexpected(type(exc), exc, exc.__traceback__, parent)


@contextmanager
def reporting(parent: QWidget | None) -> Iterator[None]:
    """Run a user action; a CollectorError becomes a message box instead of a traceback."""
    try:
        yield
    except CollectorError as exc:
        report(parent, exc)


def show_unexpected(exc_type, exc, tb, parent: QWidget | None = None) -> None:
    """Log an unexpected exception with its traceback; show it once per kind."""
    text = "".join(traceback.format_exception(exc_type, exc, tb))
    log.error("unexpected error\n%s", text)
    frames = traceback.extract_tb(tb) if tb is not None else []
    where = (frames[-1].filename, frames[-1].lineno) if frames else ("", 0)
    kind = (exc_type.__name__, *where)
    if kind in _shown_kinds or QApplication.instance() is None:
        return
    _shown_kinds.add(kind)
    if parent is None:
        parent = QApplication.activeWindow()
    show_error(
        parent,
        tr("Something went wrong inside Collector: {error}").format(error=f"{exc_type.__name__}: {exc}"),
        tr("Your ledger was not damaged: every change is saved whole or not at all. "
           "The details were written to {path}; please include that file when you report "
           "the problem.").format(path=str(paths.log_dir() / LOG_FILENAME)),
    )


def _excepthook(exc_type, exc, tb) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    if issubclass(exc_type, CollectorError):
        report(QApplication.activeWindow(), exc)
        return
    try:
        show_unexpected(exc_type, exc, tb)
    except Exception:  # the hook itself must never raise
        sys.__excepthook__(exc_type, exc, tb)


def install_excepthook() -> None:
    """Route every uncaught exception (in slots too: PySide calls sys.excepthook) here."""
    setup_logging()
    sys.excepthook = _excepthook
