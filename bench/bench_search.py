"""The window's search on a large ledger: folded search keys (instr) against the LIKE it replaced.

    .venv/bin/python bench/bench_search.py [--size 1000000] [--repeat 5]

Uses the sample ledger of bench/run.py (bench/.data/, made by actions.demo.generate_demo if
missing). For a few typed searches it times, best of --repeat, what the invoice list does on
each pause in typing: the first page (200 rows, newest first) and the summary line (count and
totals per currency over the whole filter), through ledger/browse.py; and, for comparison,
the old LIKE query (ASCII-only folding) with the same page. Not part of the test run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import run  # noqa: E402  (bench/run.py: the cached sample ledgers)

from collector_gui.ledger import browse  # noqa: E402
from collector_gui.ledger.database import Ledger  # noqa: E402

SEARCHES = ["gutierrez", "alvarez", "2026-0001", "zzzz-nothing", "diseño"]


def best(repeat: int, fn) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def old_like_page(ledger: Ledger, text: str) -> list:
    """The query before search keys: LIKE on the raw columns (folds ASCII only)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    with ledger.read() as db:
        return db.execute(
            "SELECT i.id FROM invoices AS i JOIN clients AS c ON c.id = i.client_id "
            "WHERE (i.number LIKE :t ESCAPE '\\' OR c.name LIKE :t ESCAPE '\\' "
            "OR i.description LIKE :t ESCAPE '\\') ORDER BY i.id DESC LIMIT 201",
            {"t": f"%{escaped}%"}).fetchall()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    path, _meta = run.ledger_for(args.size, args.seed)
    today = dt.date(2026, 11, 23)
    print(f"{args.size:,} invoices, {path.stat().st_size / 1e6:.0f} MB")
    print(f"{'search':<14} {'found':>8} {'page':>8} {'summary':>9} {'old LIKE page':>14} "
          f"{'old found':>9}")
    with Ledger.open(path, create=False) as ledger:
        for text in SEARCHES:
            flt = browse.InvoiceFilter(text=text)
            sort = browse.Sort("entered", True)
            page_s, _rows = best(args.repeat, lambda: browse.invoice_pager(
                ledger, flt, sort, today).next_page())
            sum_s, summary = best(args.repeat, lambda: browse.invoice_pager(
                ledger, flt, sort, today).summary())
            old_s, old_rows = best(args.repeat, lambda: old_like_page(ledger, text))
            print(f"{text:<14} {summary.count:>8,} {page_s * 1000:>6.0f}ms {sum_s * 1000:>7.0f}ms "
                  f"{old_s * 1000:>12.0f}ms {min(len(old_rows), 200):>9}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
