"""Ledgers for the PDF tests, built through Ledger.open and Store like the app builds them.

`hostile` is built once per session (it has a client with 200 invoices) and only read by the
tests; a test that writes gets its own `docs_store`.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# The helpers beside this file (docs_helpers.py), importable by the tests as a plain module
# however pytest names this folder.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from docs_helpers import Built, build_hostile  # noqa: E402

from collector_gui.ledger.database import Ledger  # noqa: E402
from collector_gui.ledger.store import Store  # noqa: E402


@pytest.fixture(scope="session")
def hostile_path(tmp_path_factory) -> tuple[Path, Built]:
    path = tmp_path_factory.mktemp("hostile") / "ledger.sqlite"
    with Ledger.open(path) as ledger:
        built = build_hostile(Store(ledger))
    return path, built


@pytest.fixture
def hostile(hostile_path):
    """(store, built) on the shared hostile ledger: read only, please."""
    path, built = hostile_path
    with Ledger.open(path) as ledger:
        yield Store(ledger), built


@pytest.fixture
def docs_store(tmp_path):
    with Ledger.open(tmp_path / "docs-ledger.sqlite") as ledger:
        yield Store(ledger)
