"""Child of test_faults.py: write until the disk is really full, then check nothing was lost.

    python _diskfull_child.py FOLDER MODE

MODE `tmpfs`: FOLDER is a small tmpfs mounted only for this process (a private mount
namespace, see the test); a filler file takes most of it. MODE `fsize`: the process may not
write files bigger than a limit (RLIMIT_FSIZE), so SQLite's writes fail as on a full disk.

It writes invoices (with lines), payment+note pairs and CSV imports until a write fails, then
reports as JSON: how many writes were committed, the error's class and message, whether the
ledger (reopened) holds exactly the committed writes, and whether writing works again once
space is freed.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import resource
import signal
import sqlite3
import sys
from decimal import Decimal
from pathlib import Path

from collector_gui.core.model import Client, ContactEvent, EventKind, Invoice, InvoiceLine, Payment
from collector_gui.ledger import csvio
from collector_gui.ledger.database import Ledger, LedgerError
from collector_gui.ledger.store import Store

DAY = dt.date(2026, 11, 1)


def main(folder: Path, mode: str) -> dict:
    os.environ["COLLECTOR_HOME"] = str(folder / "home")
    path = folder / "ledger.sqlite"
    filler = folder / "filler"
    ledger = Ledger.open(path)
    store = Store(ledger)
    client = store.add_client(Client("Ñandú"))
    if mode == "tmpfs":
        free = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize
        filler.write_bytes(b"\0" * max(0, free - 300_000))
    else:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (400_000, resource.RLIM_INFINITY))
    fs = os.statvfs(folder)
    fs_bytes = fs.f_blocks * fs.f_frsize
    committed = {"invoices": 0, "payments": 0, "imports": 0}
    error = None
    for n in range(100_000):
        try:
            if n % 3 == 0:
                inv = store.add_invoice(Invoice(
                    f"F-{n}", client.id, DAY, DAY, "EUR", 0,
                    lines=tuple(InvoiceLine("Trabajo " + "ñ" * 300, Decimal(2), 1000, Decimal(21))
                                for _ in range(6))))
                committed["invoices"] += 1
                with ledger.write():
                    store.add_payment(Payment(inv.id, DAY, 100))
                    store.add_event(ContactEvent(client.id, dt.datetime(2026, 11, 1, 9),
                                                 EventKind.NOTE, "payment received", f"F-{n}"))
                committed["payments"] += 1
            else:
                rows = "".join(f"G-{n}-{i},Ñandú,2026-11-01,2026-11-30,EUR,1.00,{'x' * 200}\n"
                               for i in range(40))
                report = csvio.import_csv(
                    store, "invoices",
                    ("number,client,issue_date,due_date,currency,total,description\n" + rows).encode())
                assert report.written, report.error_lines()
                committed["imports"] += 1
        except LedgerError as exc:
            error = [type(exc).__name__, str(exc)]
            break
        except Exception as exc:  # noqa: BLE001 - the test reports any other error as a crash
            error = [f"{type(exc).__module__}.{type(exc).__name__}", str(exc)]
            break
    in_transaction = ledger.conn.in_transaction
    ledger.close()
    # Space again: free the filler / lift the limit; reopen and look.
    filler.unlink(missing_ok=True)
    resource.setrlimit(resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
    conn = sqlite3.connect(path)
    integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    fk = conn.execute("PRAGMA foreign_key_check").fetchall()
    found = {
        "invoices": conn.execute("SELECT count(*) FROM invoices WHERE number LIKE 'F-%'").fetchone()[0],
        "payments": conn.execute("SELECT count(*) FROM payments").fetchone()[0],
        "notes": conn.execute("SELECT count(*) FROM contact_events").fetchone()[0],
        "imported": conn.execute("SELECT count(*) FROM invoices WHERE number LIKE 'G-%'").fetchone()[0],
        "bare": conn.execute("SELECT count(*) FROM invoices WHERE id NOT IN "
                             "(SELECT invoice_id FROM invoice_lines) AND number LIKE 'F-%'").fetchone()[0],
    }
    conn.close()
    with Ledger.open(path) as again:
        Store(again).add_client(Client("After the disk was freed"))
        writes_again = Store(again).find_client("After the disk was freed") is not None
    return {"mode": mode, "fs_bytes": fs_bytes, "committed": committed, "error": error, "in_transaction": in_transaction,
            "integrity": integrity, "fk": fk, "found": found, "writes_again": writes_again}


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]), sys.argv[2])))
