"""How long a bank statement import takes: N credit lines, each naming one of N open
invoices, in each format (written by tests/helpers/bank_writers.py), into a fresh ledger.

    .venv/bin/python bench/bench_bank.py                 # 50,000 lines, every format
    .venv/bin/python bench/bench_bank.py --lines 5000 --formats camt,csv

Prints reading (parse only) and the whole import (read, match, record, commit) per format.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]

from tests.helpers.bank_writers import Entry, camt053, csv_es, mt940, norma43, ofx_sgml  # noqa: E402

from collector_gui.actions import bank  # noqa: E402
from collector_gui.bank.csvmap import parse_mapping  # noqa: E402
from collector_gui.bank.read import read_statement  # noqa: E402
from collector_gui.core import clock  # noqa: E402
from collector_gui.ledger.database import Ledger  # noqa: E402
from collector_gui.ledger.store import Store  # noqa: E402

MAPPING = "date=Fecha,amount=Importe,text=Concepto,reference=Referencia"
WRITERS = {"norma43": norma43, "camt": camt053, "ofx": ofx_sgml, "mt940": mt940, "csv": csv_es}


def entries(n: int) -> list[Entry]:
    day = dt.date(2026, 11, 2)
    return [Entry(day + dt.timedelta(days=k % 20), 10000 + k,
                  f"TRANSFERENCIA DE CLIENTE {k % 97} SL CONCEPTO FRA 2026-{k:06d}", f"R{k:09d}",
                  f"CLIENTE {k % 97} SL") for k in range(n)]


def ledger_with_invoices(path: Path, n: int) -> None:
    with Ledger.open(path):
        pass
    conn = sqlite3.connect(path)
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO clients (id, name) VALUES (?, ?)",
                     [(c + 1, f"Cliente {c} SL") for c in range(97)])
    conn.executemany(
        "INSERT INTO invoices (number, client_id, issue_date, due_date, currency, total_minor) "
        "VALUES (?, ?, '2026-09-01', '2026-10-01', 'EUR', ?)",
        [(f"2026-{k:06d}", k % 97 + 1, 10000 + k) for k in range(n)])
    conn.execute("COMMIT")
    conn.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=50_000)
    parser.add_argument("--formats", default=",".join(WRITERS))
    args = parser.parse_args()
    rows = entries(args.lines)
    print(f"{args.lines} lines, {args.lines} open invoices")
    print(f"{'format':8} {'file MB':>8} {'read s':>8} {'import s':>9} {'recorded':>9}")
    with clock.pinned(dt.date(2026, 11, 23)), tempfile.TemporaryDirectory() as tmp:
        for name in args.formats.split(","):
            data = WRITERS[name](rows)
            t0 = time.perf_counter()
            read_statement(data, csv_mapping=parse_mapping(MAPPING), account="bench")
            read_s = time.perf_counter() - t0
            path = Path(tmp) / f"{name}.sqlite"
            ledger_with_invoices(path, args.lines)
            statement = Path(tmp) / f"statement.{name}"
            statement.write_bytes(data)
            with Ledger.open(path) as ledger:
                t0 = time.perf_counter()
                result = bank.import_statement(Store(ledger), statement, bank="bench",
                                               csv_map=MAPPING if name == "csv" else None)
                import_s = time.perf_counter() - t0
            print(f"{name:8} {len(data) / 1e6:8.1f} {read_s:8.2f} {import_s:9.2f} "
                  f"{result.count('recorded'):9d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
