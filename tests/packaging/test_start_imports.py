"""The window's start loads only what its first page needs (issue 18: 0.9 s to the first paint
on a 100k ledger, half of it importing PDF, template, mail and bank libraries).

Each check runs in a fresh interpreter, so what this test process imported does not count:
- `import collector_gui.app` (what `collector` with no subcommand imports) loads none of them;
- the real start (`start.main(["--ledger", P])`, what `collector` runs; offscreen) up to the main window's first paint
  imports none of them on the UI thread, and has set the GIL switch interval the window needs. Worker threads may import them (the dashboard's
  reminder plan loads Jinja2 and the mail stack in its worker, on first use): an import hook
  records which thread asked for each module, so the answer does not depend on timing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Needed only on first use: PDFs, reminder templates, mail, bank statements, field checks.
LATER = ("reportlab", "jinja2", "smtplib", "email.mime", "ofxtools", "csb43", "mt940",
         "schwifty", "stdnum", "keyring")


def _later(names) -> list[str]:
    return sorted(n for n in names if any(n == p or n.startswith(p + ".") for p in LATER))


def _run(code: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.update(QT_QPA_PLATFORM="offscreen", COLLECTOR_HOME=str(tmp_path / "home"),
               HOME=str(tmp_path / "home"), PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-c", code, *args], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_importing_the_window_loads_no_later_library(tmp_path):
    code = "import json, sys\nimport collector_gui.app\nprint(json.dumps(sorted(sys.modules)))"
    done = _run(code, tmp_path)
    assert done.returncode == 0, done.stderr
    modules = json.loads(done.stdout.splitlines()[-1])
    assert "collector_gui.ui.main_window" in modules  # the window's code was imported
    assert _later(modules) == []


START = r"""
import json, os, sys, threading

ui_thread_imports = []


any_thread_imports = []


class Recorder:
    '''Asked first for every module not yet imported; records them (the UI thread's apart),
    finds nothing.'''

    def find_spec(self, name, path=None, target=None):
        if threading.current_thread() is threading.main_thread():
            ui_thread_imports.append(name)
        any_thread_imports.append(name)
        return None


sys.meta_path.insert(0, Recorder())

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and isinstance(obj, QMainWindow):
            sys.stdout.write(json.dumps({"window": obj.objectName(),
                                         "imports": ui_thread_imports,
                                         "any_thread": any_thread_imports,
                                         "switch": sys.getswitchinterval()}) + "\n")
            sys.stdout.flush()
            os._exit(0)
        return False


app = QApplication(sys.argv[:1])
watch = FirstPaint()
app.installEventFilter(watch)
QTimer.singleShot(60_000, lambda: os._exit(3))  # never shown: fail, do not hang
from collector_gui import start

start.main(["--ledger", sys.argv[1]])
os._exit(2)
"""


NOT_BEFORE_PAINT = ("sqlite_utils", "collector_gui.cli", "collector_gui.ui.dialogs.client",
                    "collector_gui.ui.dialogs.invoice", "collector_gui.ui.dialogs.payment",
                    "collector_gui.ledger.csvio", "PySide6.QtCharts", "importlib.metadata",
                    "babel", "logging.handlers", "collector_gui.ledger.browse",
                    "collector_gui.ui.models")


def test_the_window_start_imports_no_later_library_before_its_first_paint(tmp_path):
    from collector_gui.ledger.database import Ledger

    path = tmp_path / "ledger.sqlite"
    Ledger.open(path).close()  # the ledger of every day after the first: made, up to date
    done = _run(START, tmp_path, str(path))
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.splitlines()[-1])
    assert seen["window"] == "mainWindow"
    assert "collector_gui.ui.pages.dashboard" in seen["imports"]  # the recorder saw the start
    assert _later(seen["imports"]) == []
    # Nor what the first picture does not need (bench/README.md): sqlite-utils (the pages read
    # in workers; an up-to-date ledger opens without it), the commands' parser (start.py),
    # the record dialogs, the CSV code, QtCharts (the dashboard's charts come with its first
    # read), the version (importlib.metadata), Babel (nothing in the first picture is a
    # formatted amount or date), the rotating log handler (made with the first record), the
    # table models and their queries (the dashboard has no paged table).
    assert [n for n in seen["imports"] if n in NOT_BEFORE_PAINT] == []
    # and the start page's first read begins once the window is on screen: no worker has
    # worked out today's reminders yet (remind_views is imported by the one that does)
    assert "collector_gui.actions.remind_views" not in seen["any_thread"]
    # workers give the GIL back to the window's thread sooner than Python's default 5 ms
    from collector_gui.app import GIL_SWITCH_INTERVAL

    assert seen["switch"] == GIL_SWITCH_INTERVAL < 0.005


OPEN = r"""
import json, sys
from collector_gui.ledger.database import Ledger

ledger = Ledger.open(sys.argv[1])
before = "sqlite_utils" in sys.modules
count = ledger.db["clients"].count  # sqlite-utils, loaded when first asked for
print(json.dumps({"before": before, "after": "sqlite_utils" in sys.modules, "count": count}))
ledger.close()
"""


def test_an_up_to_date_ledger_opens_without_sqlite_utils(tmp_path):
    from collector_gui.ledger.database import Ledger
    from collector_gui.ledger.schema import SCHEMA_VERSION

    path = tmp_path / "ledger.sqlite"
    with Ledger.open(path) as ledger:  # made and migrated here (that needs sqlite-utils)
        assert ledger.schema_version == SCHEMA_VERSION
        ledger.conn.execute("INSERT INTO clients (name) VALUES ('Ana')")
    done = _run(OPEN, tmp_path, str(path))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.splitlines()[-1]) == {"before": False, "after": True,
                                                        "count": 1}
