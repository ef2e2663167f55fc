"""Opening another ledger from the window: File > Open ledger…, New ledger…, Open recent.

The window only says which file the user chose (`LedgerMenu.chosen`); the `LedgerSession`
that owns the open ledger and its window does the switch: it opens the new file through
the same path as the start (`open_or_recover`: a damaged ledger offers its newest good
backup, a newer schema or a foreign file is said in a message box, a migration takes its
backup first), and only once that worked closes the current window (its context: writer
and reader threads, undo stack, change watcher) and the current ledger, then shows the new
one. A file that cannot be opened leaves the current ledger as it was.

The recent ledgers are kept per user in QSettings (`ledgers/recent`), the current first.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop, QObject, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QMessageBox, QWidget

from collector_gui.core.errors import CollectorError
from collector_gui.ledger.database import Ledger
from collector_gui.ui import notify
from collector_gui.ui.window_language import tr

RECENT_KEY = "ledgers/recent"
RECENT_MAX = 8


# -- opening a ledger, at start and on a switch --------------------------------------------------

def _open_ledger(path: Path, create: bool = True) -> Ledger:
    """Open (creating and migrating if needed). The daily backup is made after the window
    shows, in the background (a big ledger takes seconds to copy)."""
    from collector_gui.actions.ledger import open_ledger

    return open_ledger(path, create=create, auto_backup=False)


def _wait_for(box: QMessageBox) -> None:
    """Wait for a message box to be answered (before the application's event loop runs,
    or in the middle of a switch)."""
    loop = QEventLoop()
    box.finished.connect(lambda _result: loop.quit())
    if box.isVisible():
        loop.exec()


def open_or_recover(path: Path, *, create: bool = True) -> Ledger | None:
    """Open the ledger; when it is damaged, offer to restore its newest good backup.

    Any other reason it cannot be opened (from a newer Collector, not a ledger, busy, not
    found with *create* False) is said in a message box. Returns None when there is no
    ledger to show.
    """
    from collector_gui.ledger.database import LedgerCorrupt

    try:
        return _open_ledger(path, create)
    except LedgerCorrupt as exc:
        from collector_gui.actions.restore import newest_good_backup, restore

        notify.log.error("cannot open %s: %s", path, exc)
        backup = newest_good_backup(path)
        if backup is None:
            _wait_for(notify.show_error(None, str(exc), tr(
                "There is no good backup of it to restore. The file was not changed.")))
            return None
        chosen: list[bool] = []
        _wait_for(notify.ask_user(
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
            notify.log.error("restoring %s from %s failed: %s", path, backup, again)
            _wait_for(notify.show_error(None, str(again)))
            return None
        detail = (tr("The damaged ledger is kept as {path}.").format(path=str(result.replaced))
                  if result.replaced is not None else "")
        _wait_for(notify.show_info(None, tr("Restored the ledger from {backup}.").format(
            backup=backup.name), detail))
        return ledger
    except CollectorError as exc:  # LedgerTooNew, NotALedger, LedgerBusy, LedgerNotFound...
        notify.log.error("cannot open %s: %s", path, exc)
        _wait_for(notify.show_error(None, str(exc)))
        return None


# -- the recent ledgers ----------------------------------------------------------------------------

def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return a == b


def recent_ledgers(settings: QSettings) -> list[Path]:
    """The ledgers opened last, the newest first (missing files included: the menu greys them)."""
    value = settings.value(RECENT_KEY, [])
    if isinstance(value, str):  # QSettings gives one value back as a plain string
        value = [value]
    return [Path(p) for p in (value or []) if p]


def _store(settings: QSettings, paths: list[Path]) -> None:
    settings.setValue(RECENT_KEY, [str(p) for p in paths[:RECENT_MAX]])
    settings.sync()


def remember(settings: QSettings, path: Path) -> None:
    """*path* is open now: first in the list."""
    path = Path(path).absolute()
    _store(settings, [path, *(p for p in recent_ledgers(settings) if not _same(p, path))])


def forget(settings: QSettings, path: Path) -> None:
    _store(settings, [p for p in recent_ledgers(settings) if not _same(p, Path(path))])


# -- the File menu's entries --------------------------------------------------------------------

class LedgerMenu(QObject):
    """File > Open ledger…, New ledger…, Open recent; says `chosen(path, create)`."""

    chosen = Signal(object, bool)  # Path, whether to create a new ledger there

    def __init__(self, parent: QWidget, settings: QSettings, current: Path) -> None:
        super().__init__(parent)
        self._parent = parent
        self.settings = settings
        self.current = Path(current)
        self.act_open = QAction(tr("&Open ledger…"), parent)
        self.act_open.setObjectName("openLedger")
        self.act_open.setShortcut(QKeySequence.StandardKey.Open)
        self.act_open.setStatusTip(tr("Show another ledger file in this window"))
        self.act_open.triggered.connect(lambda _c=False: self.ask_open())
        self.act_new = QAction(tr("&New ledger…"), parent)
        self.act_new.setObjectName("newLedger")
        self.act_new.setStatusTip(tr("Start an empty ledger in a new file"))
        self.act_new.triggered.connect(lambda _c=False: self.ask_new())
        self.recent_menu = QMenu(tr("Open &recent"), parent)
        self.recent_menu.setObjectName("recentLedgers")
        self.recent_menu.setToolTipsVisible(True)
        self.recent_menu.aboutToShow.connect(self.fill_recent)
        parent.addAction(self.act_open)
        self.fill_recent()

    def add_to(self, menu: QMenu) -> None:
        menu.addAction(self.act_new)
        menu.addAction(self.act_open)
        menu.addMenu(self.recent_menu)
        menu.addSeparator()

    def _folder(self) -> str:
        return str(self.current.parent if self.current.parent.is_dir() else Path.home())

    def _filter(self) -> str:
        return tr("Collector ledgers (*.sqlite *.db);;All files (*)")

    def ask_open(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self._parent, tr("Open a ledger"), self._folder(),
                                              self._filter())
        if name:
            self.open_path(Path(name))

    def ask_new(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self._parent, tr("New ledger"),
                                              str(Path(self._folder()) / tr("ledger.sqlite")),
                                              self._filter())
        if name:
            self.new_path(Path(name))

    def open_path(self, path: Path) -> None:
        if _same(path, self.current):
            notify.show_status(self._parent, tr("{file} is the ledger shown.").format(
                file=path.name))
            return
        if not path.exists():
            forget(self.settings, path)
            self.fill_recent()
            notify.show_error(self._parent, tr("The ledger {path} is not there any more; it "
                                               "was taken off the recent list.").format(
                                                   path=str(path)))
            return
        self.chosen.emit(path, False)

    def new_path(self, path: Path) -> None:
        if not path.suffix:
            path = path.with_suffix(".sqlite")
        if path.exists() and path.stat().st_size > 0:
            notify.show_error(self._parent, tr("{path} already exists. A new ledger needs a "
                                               "new file name; to see that one, use Open "
                                               "ledger.").format(path=str(path)))
            return
        self.chosen.emit(path, True)

    def fill_recent(self) -> None:
        """The recent ledgers, the current first (checked); missing files greyed."""
        menu = self.recent_menu
        menu.clear()
        for path in recent_ledgers(self.settings):
            action = menu.addAction(path.name)
            action.setData(str(path))
            action.setToolTip(str(path))
            if _same(path, self.current):
                action.setCheckable(True)
                action.setChecked(True)
            elif not path.exists():
                action.setText(tr("{file} (not found)").format(file=path.name))
                action.setToolTip(tr("{path} is not there any more").format(path=str(path)))
                action.setEnabled(False)
            action.triggered.connect(lambda _c=False, p=path: self.open_path(p))
        if menu.isEmpty():
            menu.addAction(tr("No recent ledgers")).setEnabled(False)
            return
        menu.addSeparator()
        clear = menu.addAction(tr("Forget missing ledgers"))
        clear.setObjectName("forgetMissing")
        clear.triggered.connect(lambda _c=False: self.forget_missing())
        clear.setEnabled(any(not p.exists() for p in recent_ledgers(self.settings)))

    def forget_missing(self) -> None:
        _store(self.settings, [p for p in recent_ledgers(self.settings) if p.exists()])
        self.fill_recent()


# -- the open ledger and its window ---------------------------------------------------------------

class LedgerSession(QObject):
    """One open ledger and its window. The window is rebuilt when the language changes, and
    on a switch to another ledger (`switch`), through `make_window(ledger, language)`."""

    def __init__(self, ledger: Ledger, language: str,
                 make_window: Callable[[Ledger, str], QWidget],
                 settings: QSettings | None = None,
                 after_show: Callable[[QWidget], object] | None = None) -> None:
        super().__init__()
        from collector_gui.ui.window_language import user_settings

        self.ledger = ledger
        self.language = language
        self.settings = settings if settings is not None else user_settings()
        self.make_window = make_window
        self.after_show = after_show
        self.window = None
        remember(self.settings, ledger.path)
        self.show(language, first=True)

    def show(self, language: str, *, first: bool = False):
        self.language = language
        window = self.make_window(self.ledger, language)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.languageChanged.connect(self.relanguage)
        window.ledgerChosen.connect(self.switch)
        window.show()
        self.window = window
        if first and self.after_show is not None:
            self._after_show(window)
        return window

    def _after_show(self, window: QWidget) -> None:
        """after_show(window) once the window is on screen (see MainWindow.after_first_paint)."""
        later = getattr(window, "after_first_paint", None)
        if later is None:
            self.after_show(window)
        else:
            later(lambda: self.after_show(window))

    def _replace_window(self, build: Callable[[], None]) -> bool:
        """Close the window shown, then *build* the next; False when it would not close."""
        app = QApplication.instance()
        old = self.window
        quits = app.quitOnLastWindowClosed()
        app.setQuitOnLastWindowClosed(False)
        try:
            if old is not None and not old.close():
                return False
            build()
        finally:
            app.setQuitOnLastWindowClosed(quits)
        return True

    def relanguage(self, choice: str) -> None:
        from collector_gui.ui.window_language import effective_language, install_translators

        language = effective_language(choice)
        install_translators(language)
        old = self.window
        self.show(language)
        old.close()

    def switch(self, path: Path, create: bool = False) -> bool:
        """Show the ledger at *path* instead (a new one when *create*); False when it could
        not be opened (said in a message box) or the window would not close."""
        path = Path(path).absolute()
        new = open_or_recover(path, create=create)
        if new is None:
            return False
        old_ledger = self.ledger

        def build() -> None:
            old_ledger.close()
            self.ledger = new
            remember(self.settings, new.path)
            window = self.show(self.language)
            if self.after_show is not None:
                self._after_show(window)
            if create:
                window.open_settings()  # who the invoices come from, as at a first start

        if not self._replace_window(build):
            new.close()
            return False
        notify.show_status(self.window, tr("Opened the ledger {path}.").format(path=str(path)))
        return True

    def close(self) -> None:
        """The end of the program: the window is gone; close the ledger it showed."""
        self.ledger.close()
