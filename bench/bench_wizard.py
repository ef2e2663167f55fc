"""How long the reminder wizard keeps the window's event loop from running, at 100k invoices.

    .venv/bin/python bench/bench_wizard.py [--size 100000] [--code DIR] [--repeat 1]

A QTimer beats every 5 ms on the UI thread; the longest gap between two beats is how long the
window could not repaint or react. Two phases are timed, each until its result is on screen:

- open: build `ReminderWizard(ctx)` and show it, until its plan is shown (the table filled);
- next: press Next on the plan, until the review page is current (every draft written).

The ledger is bench/run.py's cached sample (generated on first use, reused from bench/.data/),
copied to a temporary file. *--code*: import collector_gui from DIR instead of this checkout,
to measure an older version (`git archive <commit> | tar -x -C DIR`); the script only uses
what both versions have (the wizard's constructor, its Next button, its pages). Offscreen Qt,
clock pinned to 2026-11-23. Not part of the test run. See bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TODAY = dt.date(2026, 11, 23)
HEARTBEAT_MS = 5


def _args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--code", type=Path, default=HERE.parent,
                        help="the checkout whose collector_gui is measured")
    parser.add_argument("--repeat", type=int, default=1)
    return parser.parse_args()


def main() -> int:
    args = _args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(args.code.resolve()))
    sys.path.insert(1, str(HERE))
    import run  # noqa: E402  (bench/run.py: the cached ledgers; imports this checkout's code)

    source, meta = run.ledger_for(args.size, args.seed)
    # run.py put this checkout first on sys.path: measure the code asked for
    for name in [m for m in sys.modules if m == "collector_gui" or m.startswith("collector_gui.")]:
        del sys.modules[name]
    sys.path.insert(0, str(args.code.resolve()))

    from PySide6.QtCore import QElapsedTimer, QSettings, QTimer
    from PySide6.QtWidgets import QApplication, QWizard

    import collector_gui
    from collector_gui.core import clock
    from collector_gui.ledger.database import Ledger
    from collector_gui.ui.context import AppContext
    from collector_gui.ui.reminder_wizard import ReminderWizard

    print(f"code: {Path(collector_gui.__file__).parent}  ledger: {source.name} "
          f"({meta.get('summary', '')})", flush=True)
    app = QApplication.instance() or QApplication([])
    beats: list[float] = []
    timer = QTimer()
    timer.setInterval(HEARTBEAT_MS)
    timer.timeout.connect(lambda: beats.append(time.perf_counter()))

    def phase(start, done) -> tuple[float, float]:
        """(seconds until done, longest gap between beats in ms) for start(), then the event
        loop run until done() holds."""
        beats.clear()
        timer.start()
        clock_start = time.perf_counter()
        beats.append(clock_start)
        start()
        beats.append(time.perf_counter())
        limit = QElapsedTimer()
        limit.start()
        while not done():
            app.processEvents()
            if limit.elapsed() > 600_000:
                raise SystemExit("gave up after 10 minutes")
            time.sleep(0.0005)  # the bench's own loop; the beats measure the UI thread
        elapsed = time.perf_counter() - clock_start
        beats.append(time.perf_counter())
        timer.stop()
        gaps = [b - a for a, b in zip(beats, beats[1:])]
        return elapsed, max(gaps) * 1000

    with tempfile.TemporaryDirectory(prefix="bench-wizard-") as tmp, clock.pinned(TODAY):
        path = Path(tmp) / "ledger.sqlite"
        shutil.copy(source, path)
        ledger = Ledger.open(path, create=False)
        ctx = AppContext(ledger, today=lambda: TODAY,
                         settings=QSettings(str(Path(tmp) / "w.ini"), QSettings.Format.IniFormat))
        # The window has shown amounts before anyone opens the wizard: load Babel's locale
        # data now (its first format_currency unpickles it: 25-35 ms), as the window has.
        for currency in ("EUR", "GBP", "JPY", "USD"):
            ctx.fmt.money(123456, currency)
        rows = []
        # the floor: the same heartbeat with nothing to do (the machine's own noise)
        idle_end = time.perf_counter() + 2.0
        _idle_s, idle_gap = phase(lambda: None, lambda: time.perf_counter() > idle_end)
        for attempt in range(args.repeat):
            box: dict = {}

            def open_wizard() -> None:
                box["w"] = ReminderWizard(ctx, None)
                box["w"].show()

            def plan_shown() -> bool:
                w = box.get("w")
                model = getattr(w, "model", None)  # the old wizard had none: plan made at once
                return w is not None and w.flow is not None and (model is None or not model.busy)

            open_s, open_gap = phase(open_wizard, plan_shown)
            w = box["w"]
            entries = len(w.flow.entries)
            next_s, next_gap = phase(lambda: w.button(QWizard.WizardButton.NextButton).click(),
                                     lambda: w.currentPage() is w.review)
            drafts = w.review.clients.count()
            rows.append((attempt + 1, open_s, open_gap, next_s, next_gap, entries, drafts))
            w.reject()
            w.deleteLater()
            app.processEvents()
        ctx.close()
        ledger.close()

    print(f"{'run':>3} {'open s':>8} {'open gap ms':>12} {'next s':>8} {'next gap ms':>12} "
          f"{'clients':>8} {'drafts':>7}")
    for run_no, open_s, open_gap, next_s, next_gap, entries, drafts in rows:
        print(f"{run_no:>3} {open_s:>8.2f} {open_gap:>12.1f} {next_s:>8.2f} {next_gap:>12.1f} "
              f"{entries:>8} {drafts:>7}")
    print(f"idle: longest gap {idle_gap:.1f} ms over 2 s with nothing to do")
    print(f"load average: {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
