"""A process that holds the ledger as the window does, and writes, for test_shared_ledger.py.

    python _window_like.py LEDGER

The window keeps one connection on its own thread (actions.ledger.open_ledger), one in its
page reader's thread for as long as it runs (ui/tasks.py PageReader), and opens and closes one
per background task (run_in_background). This process does the same with plain threads, and
writes through its main connection as the window's dialogs do: a client, or a payment with its
"payment received" note in one transaction. The real window process cannot be made to write
from a test without a hook in the program; this one can, so the test has both.

It prints `ready` once its reader connection is open, then `client ID` / `payment ID` after each
commit, and writes until a line `stop` arrives on standard input; then it prints `stopped N`
and waits, its connections still open, for `exit` (so the test can look at its descriptors and
locks), closes everything and exits 0. Errors: `ERROR <class>: <message>`, exit 1.
"""

from __future__ import annotations

import datetime as dt
import sys
import threading

from collector_gui.actions.ledger import open_ledger
from collector_gui.core.model import Client, ContactEvent, EventKind, Payment
from collector_gui.ledger.database import Ledger
from collector_gui.ledger.store import Store

DAY = dt.date(2026, 11, 20)


def _reader(path: str, opened: threading.Event, stop: threading.Event) -> None:
    """The page reader: its own connection, open for the whole run, reading now and then."""
    ledger = Ledger.open(path, create=False)
    try:
        opened.set()
        while not stop.wait(0.05):
            with ledger.read() as db:
                db.execute("SELECT count(*) FROM clients").fetchone()
    finally:
        ledger.close()


def _background_task(path: str) -> None:
    """One run_in_background job: open, read, close."""
    with Ledger.open(path, create=False) as ledger:
        Store(ledger).counts()


def main(path: str) -> int:
    lines: list[str] = []
    got_line = threading.Condition()

    def read_stdin() -> None:
        for line in sys.stdin:
            with got_line:
                lines.append(line.strip())
                got_line.notify_all()

    threading.Thread(target=read_stdin, daemon=True).start()
    ledger = open_ledger(path, auto_backup=False)  # as app._open_ledger
    store = Store(ledger)
    stop_reader, opened = threading.Event(), threading.Event()
    reader = threading.Thread(target=_reader, args=(path, opened, stop_reader))
    reader.start()
    opened.wait(30)
    print("ready", flush=True)
    invoices = store.invoices_of(store.find_client("Seed client").id)
    n = 0
    while True:
        with got_line:
            if "stop" in lines:
                break
        if n % 2 == 0:
            client = store.add_client(Client(f"Window client {n}"))
            print("client", client.id, flush=True)
        else:
            invoice = invoices[n % len(invoices)]
            with ledger.write():
                payment = store.add_payment(Payment(invoice.id, DAY, 1))
                store.add_event(ContactEvent(invoice.client_id, dt.datetime(2026, 11, 20, 9),
                                             EventKind.NOTE, "payment received", f"window {n}"))
            print("payment", payment.id, flush=True)
        if n % 5 == 0:
            task = threading.Thread(target=_background_task, args=(path,))
            task.start()
            task.join()
        n += 1
        with got_line:  # pace the writes (a read of stdin, not a timing bet)
            got_line.wait(0.02)
    print("stopped", n, flush=True)
    with got_line:
        got_line.wait_for(lambda: "exit" in lines, timeout=120)
    stop_reader.set()
    reader.join()
    ledger.close()
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1]))
    except Exception as exc:  # noqa: BLE001 - the test shows it
        print(f"ERROR {type(exc).__name__}: {exc}", flush=True)
        sys.exit(1)
