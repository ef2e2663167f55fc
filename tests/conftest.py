"""Shared test set-up: offscreen Qt, and per-user folders pointed at a temporary place.

Every test runs with COLLECTOR_HOME in its own tmp folder and no COLLECTOR_LEDGER, so no test
ever reads or writes a real user's ledger, backups or logs.
"""

from __future__ import annotations

import os

# Without a display Qt aborts the process unless told to draw offscreen (PLATFORM.md).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The same language on every machine: English, unless a test asks for another.
for _var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
    os.environ.pop(_var, None)
os.environ["LANG"] = "C.UTF-8"


import pytest  # noqa: E402

from collector_gui.core import clock, i18n  # noqa: E402
from collector_gui.ledger.database import Ledger  # noqa: E402
from collector_gui.ledger.store import Store  # noqa: E402
from tests.helpers.dates import TODAY  # noqa: E402


@pytest.fixture(autouse=True)
def _pinned_clock():
    """Every test in this process runs on TODAY (from 09:00, ticking): the one clock
    (collector_gui.core.clock) is the only place the program reads the date, so no test
    depends on the day it runs. A test that needs another day pins its own."""
    with clock.pinned(TODAY):
        yield


@pytest.fixture(autouse=True)
def _private_user_dirs(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("collector-home")
    monkeypatch.setenv("COLLECTOR_HOME", str(home))
    monkeypatch.delenv("COLLECTOR_LEDGER", raising=False)
    return home


@pytest.fixture(autouse=True)
def _english_messages():
    """Messages in English for every test (a test of the Spanish window switches them)."""
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture
def ledger(tmp_path):
    with Ledger.open(tmp_path / "ledger.sqlite") as opened:
        yield opened


@pytest.fixture
def store(ledger):
    return Store(ledger)
