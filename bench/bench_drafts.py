"""Reminder drafts: time per message with one shared Jinja environment (now) against a new
environment per message (before issue 19), on a generated ledger; the texts must be equal.

    .venv/bin/python bench/bench_drafts.py [--invoices 3000] [--runs 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from collector_gui.actions import demo  # noqa: E402
from collector_gui.actions.remind import ReminderFlow  # noqa: E402
from collector_gui.documents import messages, template_env  # noqa: E402
from collector_gui.ledger.database import Ledger  # noqa: E402
from collector_gui.ledger.store import Store  # noqa: E402

TODAY = dt.date(2026, 11, 23)


def _fresh_environment(overrides=None):
    """What messages.environment did before: a new environment (and compile) per message."""
    from collector_gui import paths

    env = template_env._new_environment(template_env.FolderLoader(
        [messages.user_templates_dir(), paths.bundled_dir("templates")]))
    return template_env.with_overrides(env, overrides or {})


def _drafts(store: Store) -> tuple[float, list[tuple[str, str, str]], int]:
    flow = ReminderFlow(store, TODAY)
    start = time.perf_counter()
    drafts = flow.drafts()
    took = time.perf_counter() - start
    return took, [(d.subject, d.text, d.html) for d in drafts], len(drafts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--invoices", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, Ledger.open(Path(tmp) / "bench.sqlite") as led:
        demo.generate_demo(led, invoices=args.invoices, seed=1, today=TODAY)
        store = Store(led)
        shared = min((_drafts(store) for _ in range(args.runs)), key=lambda r: r[0])
        with mock.patch.object(messages, "environment", _fresh_environment):
            fresh = min((_drafts(store) for _ in range(args.runs)), key=lambda r: r[0])
    assert shared[1] == fresh[1], "the two ways gave different drafts"
    n = shared[2]
    print(f"{n} drafts from {args.invoices} invoices (best of {args.runs}), identical text")
    print(f"  environment per message: {fresh[0]:.2f} s  ({fresh[0] / n * 1000:.1f} ms a draft)")
    print(f"  one shared environment:  {shared[0]:.2f} s  ({shared[0] / n * 1000:.1f} ms a draft)")


if __name__ == "__main__":
    main()
