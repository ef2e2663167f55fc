"""A second Collector process for test_concurrency.py (the "other window").

    python _worker.py LEDGER START_AT MODE ARGS...

It waits until the wall-clock time START_AT (so several workers start together), then:

    add-client NAME             open the ledger as the window does (daily backup first) and add
                                one client
    invoices PREFIX N           add N invoices with lines, one transaction each, as the window
                                does; prints each id after its commit

Any error is printed as `ERROR <class>: <message>` and the exit status is 1 (2 for an error
that is not a CollectorError, i.e. a crash).
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from decimal import Decimal

from collector_gui.actions.ledger import open_ledger
from collector_gui.core.errors import CollectorError
from collector_gui.core.model import Client, Invoice, InvoiceLine
from collector_gui.ledger.store import Store


def main(path: str, start_at: float, mode: str, *args: str) -> int:
    while time.time() < start_at:
        time.sleep(0.001)
    try:
        with open_ledger(path, auto_backup=True) as ledger:
            store = Store(ledger)
            if mode == "add-client":
                c = store.add_client(Client(args[0]))
                print("client", c.id, flush=True)
            elif mode == "invoices":
                prefix, n = args[0], int(args[1])
                client = store.find_client("Worker client") or store.add_client(Client("Worker client"))
                for i in range(n):
                    inv = store.add_invoice(Invoice(
                        f"{prefix}-{i}", client.id, dt.date(2026, 1, 1), dt.date(2026, 2, 1), "EUR",
                        0, lines=(InvoiceLine("Work", Decimal("1.5"), 1000 + i, Decimal(21)),)))
                    print("invoice", inv.id, flush=True)
            else:
                raise SystemExit(f"unknown mode {mode}")
    except CollectorError as exc:
        print(f"ERROR {type(exc).__name__}: {exc}", flush=True)
        return 1
    except Exception as exc:  # a crash: the test shows it
        print(f"ERROR {type(exc).__module__}.{type(exc).__name__}: {exc}", flush=True)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], float(sys.argv[2]), sys.argv[3], *sys.argv[4:]))
