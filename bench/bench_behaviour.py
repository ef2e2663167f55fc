"""How long the clients' payment behaviour takes on a large ledger (issue 17).

    .venv/bin/python bench/bench_behaviour.py [--invoices 100000] [--clients 5000] [--repeat 5]

Builds a ledger of its own in a temporary folder (raw inserts through the real schema: the
triggers keep paid_minor), about 85% of invoices paid (a fifth of those in two parts, most on
time, some up to 120 days late), 4 currencies, a promise to pay per 50 invoices. Then times,
best of --repeat: every client's list columns (`client_figures`), the client list's first
page sorted by average days late and its count (what the window runs), and one client's
whole behaviour card (`client_behaviour`). Not part of the test run. See bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from collector_gui.actions.behaviour import client_behaviour  # noqa: E402
from collector_gui.ledger import behaviour as Q  # noqa: E402
from collector_gui.ledger import browse  # noqa: E402
from collector_gui.ledger.database import Ledger  # noqa: E402

TODAY = dt.date(2026, 11, 23)


def build(path: Path, invoices: int, clients: int, seed: int = 17) -> None:
    rng = random.Random(seed)
    currencies = ["EUR", "EUR", "EUR", "USD", "GBP", "JPY"]
    with Ledger.open(path) as ledger, ledger.write() as db:
        conn = db.conn
        conn.executemany(
            "INSERT INTO clients (id, name, currency, credit_limit_minor, created_at) "
            "VALUES (?, ?, ?, ?, '2024-01-01')",
            [(c, f"Client {c:05d}", rng.choice(currencies),
              rng.choice([None, 500000, 1000000]), ) for c in range(1, clients + 1)])
        inv_rows, pay_rows, events, links = [], [], [], []
        for n in range(1, invoices + 1):
            cid = rng.randint(1, clients)
            issue = TODAY - dt.timedelta(days=rng.randint(0, 900))
            due = issue + dt.timedelta(days=30)
            total = rng.randint(100, 500000)
            inv_rows.append((n, f"B-{n:07d}", cid, issue.isoformat(), due.isoformat(),
                             rng.choice(currencies), total))
            if rng.random() < 0.85:
                late = max(-10, int(rng.expovariate(1 / 15))) if rng.random() < 0.5 else 0
                cleared = min(TODAY, due + dt.timedelta(days=min(late, 120)))
                if cleared < issue:
                    cleared = issue
                if rng.random() < 0.2 and total > 1:
                    part = total // 3
                    pay_rows.append((n, issue.isoformat(), part))
                    pay_rows.append((n, cleared.isoformat(), total - part))
                else:
                    pay_rows.append((n, cleared.isoformat(), total))
            if n % 50 == 0:
                at = dt.datetime.combine(due, dt.time(10))
                events.append((len(events) + 1, cid, at.isoformat(), "promise",
                               (due + dt.timedelta(days=14)).isoformat(), total // 2))
                links.append((len(events), n))
        conn.executemany("INSERT INTO invoices (id, number, client_id, issue_date, due_date, "
                         "currency, total_minor) VALUES (?, ?, ?, ?, ?, ?, ?)", inv_rows)
        conn.executemany("INSERT INTO payments (invoice_id, date, amount_minor) VALUES (?, ?, ?)",
                         pay_rows)
        conn.executemany("INSERT INTO contact_events (id, client_id, at, kind, promised_date, "
                         "promised_minor) VALUES (?, ?, ?, ?, ?, ?)", events)
        conn.executemany("INSERT INTO contact_event_invoices (event_id, invoice_id) "
                         "VALUES (?, ?)", links)


def best(repeat: int, fn) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--invoices", type=int, default=100_000)
    ap.add_argument("--clients", type=int, default=5_000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.sqlite"
        start = time.perf_counter()
        build(path, args.invoices, args.clients)
        print(f"built {args.invoices:,} invoices, {args.clients:,} clients in "
              f"{time.perf_counter() - start:.1f} s")
        with Ledger.open(path) as ledger:
            secs, figures = best(args.repeat, lambda: Q.client_figures(ledger))
            print(f"client_figures (every client's avg days late, % late): {secs * 1000:.0f} ms"
                  f" for {len(figures):,} clients")
            sort = browse.Sort("avg_late", True)
            secs, rows = best(args.repeat, lambda: Q.client_pager(
                ledger, browse.ClientFilter(), sort, TODAY).next_page())
            print(f"client list, first page sorted by avg days late: {secs * 1000:.0f} ms "
                  f"(top: {rows[0].name}, {rows[0].avg_days_late:.1f} days)")
            secs, _rows = best(args.repeat, lambda: browse.client_pager(
                ledger, browse.ClientFilter(), browse.Sort("name"), TODAY).next_page())
            print(f"(the list without these columns, first page by name: {secs * 1000:.0f} ms)")
            secs, count = best(args.repeat, lambda: Q.client_pager(
                ledger, browse.ClientFilter(), sort, TODAY).count())
            print(f"client list count: {secs * 1000:.0f} ms ({count:,})")
            secs, b = best(args.repeat, lambda: client_behaviour(ledger, 50, TODAY))
            print(f"one client's card (client_behaviour): {secs * 1000:.1f} ms "
                  f"({b.paid} paid, promises {b.promises})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
