"""Time to the window on screen at 100k invoices, against a bare PySide6 window, same run.

    .venv/bin/python bench/bench_start.py [--size 100000] [--repeat 21] [--profile]

Each start is a fresh process, timed from just before it is spawned to the moment its main
window gets its first paint event (an event filter on that window sees it, never one on the
whole application: see _watch_first_paint; the child then prints a line and leaves with
os._exit). The kinds of start, interleaved so they share the machine's load:

- bare: `QApplication` + a `QMainWindow` with a label, shown;
- app: `QApplication`, then `collector_gui.start.main(["--ledger", P])`, what the `collector`
  command runs (the window on the cached sample ledger of bench/run.py, copied);
- for information, two more floors: the bare window after it makes the PySide types
  Collector's window had made when it showed (child_bare with types), and a window of
  Collector's kinds of widgets, shortcuts and icons with none of its code (child_reference).

The app child also reports when the dashboard's figures are on screen (its `loaded` signal),
for information. The ratio is median(app) / median(bare), the issue's target (issue 18).
Every child gets its own COLLECTOR_HOME, HOME and XDG folders in a temporary directory
(window settings, backups, logs), and the clock pinned to the sample's day. `--profile` runs one more app start under cProfile
and prints the top of it. Not part of the test run. See bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TODAY = dt.date(2026, 11, 23)


# -- the children ------------------------------------------------------------------------------


def _watch_first_paint(window, on_paint) -> object:
    """An event filter on *window* that calls on_paint(window) once, at its first paint.

    On the window, not on the application: an application-wide Python filter is handed every
    event of every object, Qt's private ones too (a list view's model, a scroll area's
    viewport), and PySide makes Python types for them by resolving every lazily loaded class of
    its modules, with their enums. That made 180 enum types nobody uses, and added about 75 ms
    to a bare window (bench/README.md, "What the bench itself cost")."""
    from PySide6.QtCore import QEvent, QObject

    class Watch(QObject):
        seen = False

        def eventFilter(self, obj, event):  # noqa: N802 (Qt's name)
            if not self.seen and event.type() == QEvent.Type.Paint:
                self.seen = True
                on_paint(obj)
            return False

    watch = Watch()
    window.installEventFilter(watch)
    return watch


_PROFILE: list = []  # [cProfile.Profile, path] when the parent asked for a profile


def _say(what: str) -> None:
    os.write(1, f"{what} {time.perf_counter():.6f}\n".encode())


def _leave() -> None:
    """Leave at once (no teardown to time), writing the profile first if one runs."""
    if _PROFILE:
        _PROFILE[0].disable()
        _PROFILE[0].dump_stats(_PROFILE[1])
    os._exit(0)


_PYSIDE_MODULES = ("QtCore", "QtGui", "QtWidgets", "QtCharts")


def _say_types() -> None:
    """The PySide types made so far (PySide makes each on first use, with its enums: its
    module's __dict__ holds only those)."""
    names = []
    for module in _PYSIDE_MODULES:
        found = sys.modules.get(f"PySide6.{module}")
        if found is not None:
            names += [f"{module}.{name}" for name, value in vars(found).items()
                      if isinstance(value, type) and name.startswith("Q")]
    os.write(1, ("types " + ",".join(sorted(names)) + "\n").encode())


def child_bare(types: str = "") -> None:
    """The bare window; with *types* ("QtCore.Qt,QtWidgets.QStyle,..."), those PySide types are
    made first: the same window, paying what Collector's window pays PySide for the types its
    first paint uses."""
    import importlib

    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication(sys.argv[:1])
    for name in filter(None, types.split(",")):
        module, _, attr = name.partition(".")
        getattr(importlib.import_module(f"PySide6.{module}"), attr)
    window = QMainWindow()
    keep = _watch_first_paint(window, lambda _w: (_say("shown"), _leave()))
    window.setWindowTitle("bare")
    window.setCentralWidget(QLabel("Hello"))
    window.resize(1100, 720)
    window.show()
    app.exec()
    del keep


def child_reference() -> None:
    """Collector's first picture made of the same kinds of PySide widgets, with none of
    Collector's code: the side bar with its six standard icons, 8 menus of 50 actions (21 with
    a keyboard shortcut, 5 with an icon, on the toolbar), the dashboard's heading, boxes,
    scroll area, splitter and chase tree (a QStandardItemModel with its header), and the status
    bar. What a window like Collector's costs PySide and Qt before any of its own Python runs:
    the rest of Collector's time is its modules, its ledger and its settings."""
    from PySide6.QtCore import QSize, Qt
    from PySide6.QtGui import QAction, QKeySequence, QStandardItemModel
    from PySide6.QtWidgets import (QApplication, QComboBox, QFrame, QGridLayout, QGroupBox,
                                   QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                                   QMainWindow, QPushButton, QScrollArea, QSizePolicy,
                                   QSplitter, QStackedWidget, QStyle, QToolBar, QTreeView,
                                   QVBoxLayout, QWidget)

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    keep = _watch_first_paint(window, lambda _w: (_say("shown"), _leave()))
    window.setWindowTitle("Collector — ledger.sqlite")
    style = window.style()
    sp = QStyle.StandardPixmap
    side = QListWidget()
    side.setIconSize(QSize(20, 20))
    side.setFixedWidth(170)
    side.setSpacing(2)
    for n, (name, icon) in enumerate(zip(
            ("Dashboard", "Clients", "Invoices", "Overdue", "Activity", "Bank"),
            (sp.SP_ComputerIcon, sp.SP_DirHomeIcon, sp.SP_FileIcon, sp.SP_MessageBoxWarning,
             sp.SP_FileDialogDetailedView, sp.SP_DriveHDIcon)), 1):
        item = QListWidgetItem(style.standardIcon(icon), name)
        item.setToolTip(f"{name} (Ctrl+{n})")
        side.addItem(item)
    stack = QStackedWidget()
    page = QWidget()
    stack.addWidget(page)
    for _ in range(5):
        stack.addWidget(QWidget())
    central = QWidget()
    row = QHBoxLayout(central)
    row.addWidget(side)
    row.addWidget(stack, 1)
    window.setCentralWidget(central)

    actions = []
    for n in range(50):
        action = QAction(f"Action {n}…", window)
        if n < 21:
            action.setShortcut(QKeySequence(f"Ctrl+Shift+{chr(ord('A') + n)}"))
        if n < 5:
            action.setIcon(style.standardIcon(sp.SP_FileIcon))
        action.setStatusTip("What it does")
        action.triggered.connect(lambda _checked=False: None)
        window.addAction(action)
        actions.append(action)
    for m, title in enumerate(("&File", "&Edit", "&View", "&Clients", "&Invoices", "C&ontact",
                               "&Reminders", "&Help")):
        menu = window.menuBar().addMenu(title)
        for action in actions[m * 7:(m + 1) * 7]:
            menu.addAction(action)
    tools = QToolBar("Main toolbar")
    tools.setMovable(False)
    tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    for action in actions[:5]:
        tools.addAction(action)
    window.addToolBar(tools)

    title = QLabel("Dashboard")
    font = title.font()
    font.setPointSizeF(font.pointSizeF() * 1.35)
    font.setBold(True)
    title.setFont(font)
    top = QHBoxLayout()
    top.addWidget(title)
    top.addStretch(1)
    top.addWidget(QLabel("Reading the ledger…"))
    totals = QGroupBox("Owed to you")
    QGridLayout(totals)
    scroll = QScrollArea()
    scroll.setWidget(totals)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    summary = QLabel()
    summary.setWordWrap(True)
    charts = QWidget()
    charts_layout = QVBoxLayout(charts)
    head = QHBoxLayout()
    head.addWidget(QLabel("Charts in"))
    head.addWidget(QComboBox())
    head.addStretch(1)
    rooms = QHBoxLayout()
    for _ in range(2):
        room = QWidget()
        room.setMinimumHeight(150)
        room.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        rooms.addWidget(room, 1)
    charts_layout.addLayout(head)
    charts_layout.addLayout(rooms, 1)
    chase = QGroupBox("To chase today")
    chase_layout = QVBoxLayout(chase)
    rows = QStandardItemModel(0, 5)
    rows.setHorizontalHeaderLabels(["Client", "To do today", "Invoices", "Oldest due", "Owed"])
    tree = QTreeView()
    tree.setModel(rows)
    tree.setUniformRowHeights(True)
    tree.setAlternatingRowColors(True)
    tree.setAllColumnsShowFocus(True)
    tree.setTextElideMode(Qt.TextElideMode.ElideRight)
    label = QLabel("Working out today's reminders…")
    label.setWordWrap(True)
    chase_head = QHBoxLayout()
    chase_head.addWidget(label, 1)
    chase_head.addWidget(QPushButton("Send reminders…"))
    chase_layout.addLayout(chase_head)
    chase_layout.addWidget(tree)
    split = QSplitter(Qt.Orientation.Vertical)
    split.addWidget(charts)
    split.addWidget(chase)
    layout = QVBoxLayout(page)
    layout.addLayout(top)
    layout.addWidget(scroll)
    layout.addWidget(summary)
    layout.addWidget(split, 1)
    window.statusBar().addWidget(QLabel(), 1)
    window.statusBar().addPermanentWidget(QLabel("/home/someone/ledger.sqlite"))
    window.resize(1100, 720)
    window.show()
    app.exec()
    del keep


def child_app(ledger: str, wait_figures: bool, profile: str | None,
              say_types: bool = False) -> None:
    if profile:
        import cProfile

        _PROFILE.extend([cProfile.Profile(), profile])
        _PROFILE[0].enable()
    from PySide6.QtWidgets import QApplication

    from collector_gui.core import clock

    clock.set_source(clock.ticking_from(dt.datetime.combine(TODAY, dt.time(9, 0))))
    app = QApplication(sys.argv[:1])

    def shown(window) -> None:
        _say("shown")
        if say_types:
            _say_types()
        if not wait_figures:
            _leave()
        from PySide6.QtWidgets import QWidget

        dashboard = window.findChild(QWidget, "dashboardPage")
        if dashboard is None or getattr(dashboard, "data", None) is not None:
            _say("figures")
            _leave()
        dashboard.loaded.connect(lambda: (_say("figures"), _leave()))

    # The main window is watched from the moment it is made (its class's __init__, wrapped):
    # what start.main runs is otherwise untouched.
    from collector_gui.ui import main_window

    keep: list[object] = []
    make = main_window.MainWindow.__init__

    def made(self, *args, **kwargs) -> None:
        make(self, *args, **kwargs)
        keep.append(_watch_first_paint(self, shown))

    main_window.MainWindow.__init__ = made
    from collector_gui import start

    start.main(["--ledger", ledger])
    del keep


# -- the parent --------------------------------------------------------------------------------


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    for name in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[name] = str(home / name.lower())
    env["COLLECTOR_HOME"] = str(home / "collector")
    # An installed program has its bytecode compiled; this machine sets
    # PYTHONDONTWRITEBYTECODE, so without this every start would compile ~300 modules (0.2 s).
    # The bytecode goes to bench/.data/pycache, never into the source tree.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(HERE / ".data" / "pycache")
    return env


def start_once(kind: str, ledger: Path, home: Path, wait_figures: bool = False,
               profile: Path | None = None, types: str | None = None) -> dict:
    """Spawn one child; the seconds from spawning it to each line it printed (and, with
    *types* "?" for an app child, the PySide types its window had made when it showed)."""
    argv = [sys.executable, str(Path(__file__).resolve()), "--child", kind,
            "--ledger", str(ledger)]
    if wait_figures:
        argv.append("--figures")
    if profile is not None:
        argv += ["--profile-to", str(profile)]
    if types is not None:
        argv += ["--types", types]
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=_env(home), cwd=ROOT)
    marks: dict[str, float] = {}
    assert proc.stdout is not None
    for line in proc.stdout:
        word, _, stamp = line.decode().partition(" ")
        if word == "types":
            marks["types"] = stamp.strip()
        elif word in ("shown", "figures"):
            # perf_counter is CLOCK_MONOTONIC, one clock for every process on the machine
            marks[word] = float(stamp) - start
    err = proc.stderr.read().decode() if proc.stderr else ""
    proc.wait(timeout=120)
    if "shown" not in marks:
        raise SystemExit(f"{kind} start never showed its window:\n{err}")
    return marks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=21)  # 9 swung 1.49-2.01x
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--child", choices=("bare", "reference", "app"), help=argparse.SUPPRESS)
    parser.add_argument("--types", help=argparse.SUPPRESS)
    parser.add_argument("--ledger", help=argparse.SUPPRESS)
    parser.add_argument("--figures", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--profile-to", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "bare":
        child_bare(args.types or "")
        return 1
    if args.child == "reference":
        child_reference()
        return 1
    if args.child == "app":
        sys.path.insert(0, str(ROOT))
        child_app(args.ledger, args.figures, args.profile_to, say_types=args.types == "?")
        return 1

    sys.path.insert(0, str(HERE))
    import run  # bench/run.py: the cached sample ledgers

    source, meta = run.ledger_for(args.size, args.seed)
    print(f"ledger: {source.name} ({meta.get('summary', '')}); "
          f"platform {os.environ.get('QT_QPA_PLATFORM', 'offscreen')}; "
          f"load {os.getloadavg()[0]:.2f}", flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-start-") as tmp:
        home = Path(tmp)
        ledger = home / "ledger.sqlite"
        shutil.copy(source, ledger)
        # the first start migrates/creates settings: not timed; it says which PySide types
        # its window had made when it showed
        types = start_once("app", ledger, home, types="?")["types"]
        start_once("bare", ledger, home)
        bare: list[float] = []
        typed: list[float] = []
        reference: list[float] = []
        app: list[float] = []
        figures: list[float] = []
        for _ in range(args.repeat):
            bare.append(start_once("bare", ledger, home)["shown"])
            typed.append(start_once("bare", ledger, home, types=types)["shown"])
            reference.append(start_once("reference", ledger, home)["shown"])
            marks = start_once("app", ledger, home, wait_figures=True)
            app.append(marks["shown"])
            if "figures" in marks:
                figures.append(marks["figures"])
        if args.profile:
            out = home / "start.prof"
            start_once("app", ledger, home, profile=out)
            import pstats

            pstats.Stats(str(out)).sort_stats("cumulative").print_stats(40)
    ratio = statistics.median(app) / statistics.median(bare)
    result = {
        "bare_ms": [round(s * 1000) for s in bare],
        "app_ms": [round(s * 1000) for s in app],
        "figures_ms": [round(s * 1000) for s in figures],
        "bare_with_types_ms": [round(s * 1000) for s in typed],
        "reference_ms": [round(s * 1000) for s in reference],
        "median_bare_ms": round(statistics.median(bare) * 1000),
        "median_bare_with_types_ms": round(statistics.median(typed) * 1000),
        "median_reference_ms": round(statistics.median(reference) * 1000),
        "types": len(types.split(",")),
        "median_app_ms": round(statistics.median(app) * 1000),
        "median_figures_ms": round(statistics.median(figures) * 1000) if figures else None,
        "ratio": round(ratio, 2),
        "load": [round(x, 2) for x in os.getloadavg()],
    }
    print(json.dumps(result, indent=1))
    print(f"window shown: median {result['median_app_ms']} ms against a bare window's "
          f"{result['median_bare_ms']} ms: ratio {ratio:.2f} (target <= 1.5)")
    typed_ms = result["median_bare_with_types_ms"]
    print(f"for information: the bare window making the {result['types']} PySide types "
          f"Collector's had made when it showed: {typed_ms} ms "
          f"({typed_ms / result['median_bare_ms']:.2f}x bare); "
          f"Collector against it: {result['median_app_ms'] / typed_ms:.2f}x")
    reference_ms = result["median_reference_ms"]
    print(f"for information: a window of Collector's kinds of widgets, shortcuts and icons with "
          f"none of its code (child_reference): {reference_ms} ms "
          f"({reference_ms / result['median_bare_ms']:.2f}x bare); "
          f"Collector against it: {result['median_app_ms'] / reference_ms:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
