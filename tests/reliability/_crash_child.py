"""The child process of test_crash.py: random writes through Store until it is killed.

    python _crash_child.py LEDGER SEED [REPORT]

Every write is one transaction of the app's own code (Store, csvio, Ledger.write). Only
AFTER a transaction has returned does the child append a line naming what it wrote to the
report (stdout by default), flushed, so the parent knows it was committed. A line that names
something being *begun* (`begin-import`) is written before the transaction starts: the parent
uses it to check an import is there entirely or not at all.

Lines:
    ready PID
    client ID
    invoice ID NLINES TOTAL                 numbered C-TAG (with lines) or T-TAG (a bare total)
    payment PAYMENT_ID EVENT_ID TAG     payment + its "payment received" note, one transaction
    event ID
    flags INVOICE_ID
    setting KEY VALUE
    begin-import TAG N / import TAG N                 N invoices numbered M-TAG-1..N
    begin-payimport TAG N / payimport TAG N           N payments with reference imp-TAG
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sys
from decimal import Decimal

from collector_gui.core.model import (
    Client,
    ContactEvent,
    EventKind,
    Invoice,
    InvoiceLine,
    Payment,
)
from collector_gui.core.money import minor_to_string
from collector_gui.ledger import csvio
from collector_gui.ledger.database import Ledger
from collector_gui.ledger.store import Store

TODAY = dt.date(2026, 11, 23)
START = dt.date(2025, 1, 1)


def main(path: str, seed: int, report_path: str | None = None) -> None:
    rnd = random.Random(seed)
    out = open(report_path, "a", encoding="utf-8") if report_path else sys.stdout

    def say(*parts: object) -> None:
        out.write(" ".join(str(p) for p in parts) + "\n")
        out.flush()

    ledger = Ledger.open(path)
    store = Store(ledger)
    conn = ledger.conn
    clients: dict[int, str] = dict(conn.execute("SELECT id, name FROM clients"))
    # open invoices: id -> [number, balance, issue date, client id]
    open_inv: dict[int, list] = {
        r[0]: [r[1], r[2], dt.date.fromisoformat(r[3]), r[4]]
        for r in conn.execute(
            "SELECT id, number, total_minor - paid_minor, issue_date, client_id FROM invoices "
            "WHERE draft = 0 AND void = 0 AND paid_minor < total_minor")
    }
    all_invoices: list[int] = [r[0] for r in conn.execute("SELECT id FROM invoices")]
    say("ready", os.getpid())

    def a_date(after: dt.date = START) -> dt.date:
        return after + dt.timedelta(days=rnd.randint(0, max(0, (TODAY - after).days)))

    def a_client() -> int:
        if not clients or rnd.random() < 0.05:
            return add_client()
        return rnd.choice(list(clients))

    def add_client() -> int:
        name = f"Client {seed}-{n} {rnd.choice(['Ñandú', 'Zoë', 'Søren', 'O’Neil', 'Łódź'])}"
        c = store.add_client(Client(name, email=f"c{seed}.{n}@example.com",
                                    language=rnd.choice(["en", "es"])))
        clients[c.id] = c.name
        say("client", c.id)
        return c.id

    n = 0
    weights = {"client": 1, "invoice": 6, "payment": 5, "event": 3, "flags": 1,
               "setting": 1, "import": 1, "payimport": 1}
    ops, w = list(weights), list(weights.values())
    while True:
        n += 1
        tag = f"s{seed}-{n}"
        op = rnd.choices(ops, w)[0]
        if op == "client":
            add_client()
        elif op == "invoice":
            client_id = a_client()
            issue = a_date()
            due = issue + dt.timedelta(days=rnd.choice([0, 14, 30, 60]))
            if rnd.random() < 0.8:
                lines = tuple(
                    InvoiceLine(f"Work {i} ñ", Decimal(rnd.choice(["1", "2.5", "0.333", "12"])),
                                rnd.randint(1, 250_000), Decimal(rnd.choice(["0", "10", "21"])))
                    for i in range(rnd.randint(1, 5)))
                total = 0
            else:
                lines, total = (), rnd.randint(1, 5_000_000)
            # C-: written with lines; T-: a bare total (so a C- invoice without lines is a
            # half-written one)
            number = f"C-{tag}" if lines else f"T-{tag}"
            inv = store.add_invoice(Invoice(number, client_id, issue, due, "EUR", total,
                                            lines=lines))
            say("invoice", inv.id, len(lines), inv.total_minor)
            all_invoices.append(inv.id)
            if inv.total_minor > 0:
                open_inv[inv.id] = [inv.number, inv.total_minor, issue, client_id]
        elif op == "payment" and open_inv:
            inv_id = rnd.choice(list(open_inv))
            number, balance, issued, client_id = open_inv[inv_id]
            amount = rnd.randint(1, balance) if rnd.random() < 0.7 else balance
            date = a_date(issued)
            with ledger.write():
                p = store.add_payment(Payment(inv_id, date, amount, "transfer", f"pay-{tag}"))
                e = store.add_event(ContactEvent(
                    client_id, dt.datetime.combine(date, dt.time(12)), EventKind.NOTE,
                    subject="payment received", body=f"pay-{tag}", invoice_ids=(inv_id,)))
            say("payment", p.id, e.id, tag)
            if amount == balance:
                del open_inv[inv_id]
            else:
                open_inv[inv_id][1] -= amount
        elif op == "event":
            client_id = a_client()
            invs = tuple(rnd.sample(all_invoices, min(len(all_invoices), rnd.randint(0, 3))))
            e = store.add_event(ContactEvent(
                client_id, dt.datetime.combine(a_date(), dt.time(9, 30)),
                rnd.choice([EventKind.EMAIL, EventKind.CALL, EventKind.LETTER]),
                subject=f"Reminder {tag}", body="Hola,\nle recordamos…", invoice_ids=invs))
            say("event", e.id)
        elif op == "flags" and all_invoices:
            inv_id = rnd.choice(all_invoices)
            store.set_invoice_flags(inv_id, disputed=rnd.random() < 0.5)
            say("flags", inv_id)
        elif op == "setting":
            store.set_setting(f"crash.{seed}", str(n))
            say("setting", f"crash.{seed}", n)
        elif op == "import":
            k = rnd.randint(5, 60)
            names = list(clients.values())
            rows = ["number,client,issue_date,due_date,currency,total,description"]
            for i in range(1, k + 1):
                client = (rnd.choice(names) if names and rnd.random() < 0.7
                          else f"New {tag}-{rnd.randint(1, 5)}")
                issue = a_date()
                rows.append(f'M-{tag}-{i},"{client}",{issue},{issue + dt.timedelta(days=30)},'
                            f'EUR,{rnd.randint(1, 99999)}.{rnd.randint(0, 99):02d},"Imported, ""{i}"""')
            say("begin-import", tag, k)
            report = csvio.import_csv(store, "invoices", ("\n".join(rows) + "\n").encode(),
                                      file=f"{tag}.csv", today=TODAY)
            if not report.written:
                raise SystemExit(f"import {tag} refused: {report.error_lines()[:3]}")
            say("import", tag, k)
            for inv_id, number, total, issued, client_id in conn.execute(
                "SELECT id, number, total_minor, issue_date, client_id FROM invoices "
                "WHERE number LIKE ?", (f"M-{tag}-%",)
            ):
                all_invoices.append(inv_id)
                open_inv[inv_id] = [number, total, dt.date.fromisoformat(issued), client_id]
            clients.update(conn.execute("SELECT id, name FROM clients"))
        elif op == "payimport" and open_inv:
            chosen = rnd.sample(list(open_inv), min(len(open_inv), rnd.randint(1, 30)))
            rows = ["invoice,date,amount,method,reference"]
            for inv_id in chosen:
                number, balance, issued, _ = open_inv[inv_id]
                rows.append(f"{number},{a_date(issued)},{minor_to_string(1, 'EUR')},bank,imp-{tag}")
            say("begin-payimport", tag, len(chosen))
            report = csvio.import_csv(store, "payments", ("\n".join(rows) + "\n").encode(),
                                      file=f"{tag}.csv", today=TODAY)
            if not report.written:
                raise SystemExit(f"payment import {tag} refused: {report.error_lines()[:3]}")
            say("payimport", tag, len(chosen))
            for inv_id in chosen:
                open_inv[inv_id][1] -= 1
                if open_inv[inv_id][1] == 0:
                    del open_inv[inv_id]


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3] if len(sys.argv) > 3 else None)
