"""Where Collector keeps things: the ledger, its backups, logs, and the bundled files.

Per-user folders come from platformdirs. `COLLECTOR_HOME` moves all of them under one
folder (tests point it at a temporary one so they never touch a real user's data), and
`COLLECTOR_LEDGER` names the ledger file directly.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from collector_gui.core import bundle
from collector_gui.core.i18n import N_, _

APP_NAME = "collector"
ENV_HOME = "COLLECTOR_HOME"
ENV_LEDGER = "COLLECTOR_LEDGER"
LEDGER_FILENAME = "ledger.sqlite"


def _home() -> Path | None:
    value = os.environ.get(ENV_HOME)
    return Path(value).expanduser() if value else None


def data_dir() -> Path:
    home = _home()
    return home / "data" if home else platformdirs.user_data_path(APP_NAME, appauthor=False)


def config_dir() -> Path:
    home = _home()
    return home / "config" if home else platformdirs.user_config_path(APP_NAME, appauthor=False)


def log_dir() -> Path:
    home = _home()
    return home / "logs" if home else platformdirs.user_log_path(APP_NAME, appauthor=False)


def default_ledger_path() -> Path:
    value = os.environ.get(ENV_LEDGER)
    return Path(value).expanduser() if value else data_dir() / LEDGER_FILENAME


def sample_ledger_path() -> Path:
    """The sample ledger offered for a first look: never the user's own."""
    return data_dir() / "sample-ledger.sqlite"


def backups_dir(ledger_path: Path) -> Path:
    """Backups sit beside the ledger they belong to, in `backups/`."""
    return Path(ledger_path).parent / "backups"


def delivery_journal_path(ledger_path: Path) -> Path:
    """Beside the ledger: messages the mail server accepted whose record as sent could not
    be written yet (the ledger was busy); applied when that ledger is next opened."""
    path = Path(ledger_path)
    return path.parent / f"{path.name}.delivered"


def bundled_dir(name: str) -> Path:
    """`templates` or `resources`: in a PyInstaller bundle, an installed wheel, or the source tree."""
    found = bundle.find(name)
    if found is not None:
        return found
    candidates = bundle.candidates(name)
    text = N_("Collector's {name}/ folder is missing (looked in {candidates})")
    # Without resources/ there is no catalogue to translate with (and asking for one would
    # come back here): that message stays English.
    if name != "resources":
        text = _(text)
    raise FileNotFoundError(text.format(name=name, candidates=candidates))
