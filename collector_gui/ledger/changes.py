"""Noticing changes another connection (another window, the command line) made to the ledger.

`PRAGMA data_version` is a per-connection counter that SQLite bumps whenever *another*
connection commits to the file; reading it is cheap (no I/O beyond the shared-memory index),
so the window can ask it each time it is activated or the file changes on disk. Qt-free.
"""

from __future__ import annotations

from collector_gui.ledger.database import Ledger, errors_as_ledger_errors


def data_version(ledger: Ledger) -> int:
    """The ledger connection's data version: it changes when another connection commits."""
    with errors_as_ledger_errors(ledger.path):
        return int(ledger.conn.execute("PRAGMA data_version").fetchone()[0])
