"""Benchmarks on generated ledgers: Collector's aging and overdue list against a plain-SQLite floor.

    .venv/bin/python bench/run.py [--sizes 10000,100000,1000000] [--seed 1] [--repeat 7]

For each size it generates (or reuses, from bench/.data/) a sample ledger made by
`collector_gui.actions.demo.generate_demo`, then times, best of several runs:

- collector: `collector_gui.cli.main(["--ledger", P, "aging"|"overdue", "--json", "--as-of", D])`
  in this process, stdout captured (everything the command does: open the ledger, check the
  schema, query, build core objects, format JSON);
- floor: the same answer from the same file with plain `sqlite3` and one SQL statement
  (connect, query, fetch all rows), measured in the same run;

and prints the ratio. The command is also timed as a subprocess (`.venv/bin/collector …`),
interpreter start-up and imports included, for information. Both answers are compared, so a
fast but wrong query cannot pass. Not part of the test run. See bench/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import datetime as dt
import hashlib
import io
import json
import os
import platform
import pstats
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from collector_gui import cli  # noqa: E402
from collector_gui.actions import demo  # noqa: E402
from collector_gui.core.aging import BUCKETS  # noqa: E402
from collector_gui.core.money import minor_to_string  # noqa: E402
from collector_gui.ledger.database import Ledger  # noqa: E402

DATA = HERE / ".data"
RESULTS = HERE / "results"
# A fixed "today", so cached ledgers stay valid and runs on different days compare.
TODAY = dt.date(2026, 11, 23)

FLOOR_AGING = """
SELECT currency,
       CASE WHEN julianday(:d) - julianday(due_date) <= 0 THEN 'current'
            WHEN julianday(:d) - julianday(due_date) <= 30 THEN '1-30'
            WHEN julianday(:d) - julianday(due_date) <= 60 THEN '31-60'
            WHEN julianday(:d) - julianday(due_date) <= 90 THEN '61-90'
            ELSE '90+' END,
       SUM(total_minor - paid_minor)
  FROM invoices
 WHERE draft = 0 AND void = 0 AND paid_minor < total_minor
 GROUP BY 1, 2
"""

FLOOR_OVERDUE = """
SELECT i.number, c.name, i.due_date,
       CAST(julianday(:d) - julianday(i.due_date) AS INTEGER) AS days,
       i.total_minor - i.paid_minor AS balance, i.currency
  FROM invoices AS i JOIN clients AS c ON c.id = i.client_id
 WHERE i.draft = 0 AND i.void = 0 AND i.paid_minor < i.total_minor AND i.due_date < :d
 ORDER BY i.due_date, i.number
"""


# -- the ledgers ------------------------------------------------------------------------------


def _generator_hash() -> str:
    """Cached ledgers are only reused while the generator is the same code."""
    return hashlib.sha256(Path(demo.__file__).read_bytes()).hexdigest()[:10]


def ledger_for(size: int, seed: int) -> tuple[Path, dict]:
    """The cached sample ledger of *size* invoices, made now if missing; and how it was made."""
    DATA.mkdir(parents=True, exist_ok=True)
    stem = f"demo-{size}-seed{seed}-{TODAY.isoformat()}"
    path = DATA / f"{stem}-{_generator_hash()}.sqlite"
    meta_path = path.with_suffix(".json")
    if path.exists() and meta_path.exists():
        return path, {**json.loads(meta_path.read_text()), "cached": True}
    for stale in DATA.glob(f"{stem}-*"):  # made by an older generator
        stale.unlink()
    partial = path.with_name(path.name + ".partial")
    for leftover in DATA.glob(partial.name + "*"):
        leftover.unlink()
    print(f"generating {size:,} invoices (seed {seed}) …", file=sys.stderr, flush=True)
    start = time.perf_counter()
    with Ledger.open(partial) as ledger:
        summary = demo.generate_demo(ledger, invoices=size, seed=seed, today=TODAY)
        generated = time.perf_counter() - start
    closed = time.perf_counter() - start
    partial.replace(path)
    meta = {
        "seconds": round(generated, 2),
        "seconds_with_close": round(closed, 2),
        "summary": str(summary),
        "megabytes": round(path.stat().st_size / 1e6, 1),
        "when": dt.datetime.now().isoformat(timespec="seconds"),
    }
    meta_path.write_text(json.dumps(meta, indent=2))
    return path, {**meta, "cached": False}


# -- timing -----------------------------------------------------------------------------------


def best_of(repeat: int, fn) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def floor(path: Path, sql: str, day: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, {"d": day}).fetchall()
    finally:
        conn.close()


def collector(path: Path, command: str, day: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = cli.main(["--ledger", str(path), command, "--json", "--as-of", day])
    if status != 0:
        raise SystemExit(f"collector {command} failed with status {status}")
    return out.getvalue()


def subprocess_time(path: Path, command: str, day: str, repeat: int) -> float:
    exe = Path(sys.executable).with_name("collector")
    argv = [str(exe), "--ledger", str(path), command, "--json", "--as-of", day]
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - start)
    return best


# -- the answers must agree -------------------------------------------------------------------


def check_aging(floor_rows: list[tuple], output: str) -> None:
    expected: dict[str, dict[str, int]] = {}
    for currency, bucket, balance in floor_rows:
        expected.setdefault(currency, dict.fromkeys(BUCKETS, 0))[bucket] = balance
    got = json.loads(output)["currencies"]
    want = {
        cur: {**{b: minor_to_string(v, cur) for b, v in row.items()},
              "total": minor_to_string(sum(row.values()), cur)}
        for cur, row in expected.items()
    }
    if got != want:
        raise SystemExit(f"aging differs from the floor:\n{got}\n{want}")


def check_overdue(floor_rows: list[tuple], output: str) -> None:
    got = json.loads(output)["invoices"]
    want = [
        {"number": n, "client": c, "due_date": d, "days_overdue": days,
         "balance": minor_to_string(b, cur), "currency": cur}
        for n, c, d, days, b, cur in floor_rows
    ]
    if got != want:
        raise SystemExit(f"overdue differs from the floor ({len(got)} rows vs {len(want)})")


# -- main -------------------------------------------------------------------------------------


def machine() -> dict:
    cpu = "?"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {
        "load_average": os.getloadavg(),
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "system": platform.platform(),
    }


def profile(path: Path, command: str, day: str) -> None:
    prof = cProfile.Profile()
    prof.enable()
    for _ in range(3):
        collector(path, command, day)
    prof.disable()
    print(f"\n--- cProfile: collector {command} on {path.name} (3 runs) ---")
    pstats.Stats(prof).sort_stats("tottime").print_stats(12)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000",
                        help="invoice counts, comma-separated (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=7, help="runs per timing (best is kept)")
    parser.add_argument("--no-subprocess", action="store_true",
                        help="skip timing the command as a subprocess")
    parser.add_argument("--profile", action="store_true",
                        help="cProfile the collector commands on the largest ledger")
    args = parser.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    day = TODAY.isoformat()

    info = machine()
    print(f"{info['cpus']} CPUs, {info['cpu']}; Python {info['python']}, SQLite {info['sqlite']}; "
          f"load average {info['load_average'][0]:.2f} (other work on the machine skews timings)")
    results = {"machine": info, "date": dt.date.today().isoformat(), "as_of": day, "runs": []}
    table = []
    for size in sizes:
        path, meta = ledger_for(size, args.seed)
        how = "cached" if meta["cached"] else "made now"
        print(f"{size:>9,} invoices: {path.name}, {meta['megabytes']} MB, generated in "
              f"{meta['seconds']} s ({how}); {meta['summary']}", flush=True)
        # The OS cache is warmed by the first run; best-of keeps the warm figure.
        for what, sql, check in (("aging", FLOOR_AGING, check_aging),
                                 ("overdue", FLOOR_OVERDUE, check_overdue)):
            floor_s, floor_rows = best_of(args.repeat, lambda: floor(path, sql, day))
            coll_s, output = best_of(args.repeat, lambda: collector(path, what, day))
            check(floor_rows, output)
            sub_s = (None if args.no_subprocess
                     else subprocess_time(path, what, day, max(3, args.repeat // 2)))
            row = {"size": size, "what": what, "floor_ms": floor_s * 1e3,
                   "collector_ms": coll_s * 1e3, "ratio": coll_s / floor_s,
                   "subprocess_ms": None if sub_s is None else sub_s * 1e3,
                   "rows": len(floor_rows), "generate_s": meta["seconds"]}
            results["runs"].append(row)
            table.append(row)
    print()
    print(f"{'size':>9}  {'what':<8} {'floor ms':>9} {'collector ms':>13} {'ratio':>6}"
          f"  {'subprocess ms':>13}  rows")
    for r in table:
        sub = "-" if r["subprocess_ms"] is None else f"{r['subprocess_ms']:.0f}"
        print(f"{r['size']:>9,}  {r['what']:<8} {r['floor_ms']:>9.1f} {r['collector_ms']:>13.1f} "
              f"{r['ratio']:>6.2f}  {sub:>13}  {r['rows']:,}")
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")
    results["load_average_end"] = os.getloadavg()
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"bench-{dt.datetime.now():%Y%m%d-%H%M%S}.json"
    out.write_text(json.dumps(results, indent=2))
    print(f"\n(results also in {out.relative_to(ROOT)})")
    if args.profile:
        path, _ = ledger_for(max(sizes), args.seed)
        profile(path, "aging", day)
        profile(path, "overdue", day)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
