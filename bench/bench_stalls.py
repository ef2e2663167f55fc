"""The longest UI-thread stall while the window does long work: a heartbeat timer's gaps.

    .venv/bin/python bench/bench_stalls.py [--phases import,pdf,send,scroll] [--repeat 1]

A `QTimer` beats every 5 ms on the UI thread of the real `MainWindow` (offscreen Qt); the
longest gap between two beats is the longest time the window could neither repaint nor react.
Each phase starts the work the way the window's own command does, and runs the event loop
until it is done:

- import: `window.start_import("invoices", CSV)`, 100,000 invoice rows (exported once from the
  100k sample ledger of bench/run.py, cached in bench/.data/) into a new, empty ledger;
- pdf: `window.pdfs.start_export(folder)`, a statement PDF for every client with an overdue
  invoice in the 100k sample (1,768 of them);
- send: the reminders of 100 clients of the 100k sample (planned and drafted beforehand, as
  the wizard does before its Send page) through `reminder_common.start_delivery` to a real
  SMTP server on 127.0.0.1 (aiosmtpd);
- scroll: the invoices page on the 1,000,000-invoice sample, scrolled to its end again and
  again (each time the next page is read) and to random places, 400 steps 25 ms apart.

The ledgers are copies in a temporary folder; COLLECTOR_HOME and HOME point there too; the
clock is pinned to 2026-11-23. The idle gap (2 s with nothing to do) is the machine's floor.
Each phase prints its five longest gaps with when they began (seconds into the phase).
Target: <= 50 ms each. Not part of the test run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TODAY = dt.date(2026, 11, 23)
HEARTBEAT_MS = 5
PHASES = ("import", "pdf", "send", "scroll")


class Sampler:
    """--trace: a thread that notes every thread's innermost frames every 2 ms, to tell what
    ran during a long gap (no sample inside a gap: some thread held the GIL in one C call)."""

    def __init__(self) -> None:
        self.samples: list[tuple[float, dict[str, str]]] = []
        self.collections: list[tuple[float, float, int, str]] = []  # start, end, generation, thread
        self._gc_start = 0.0
        self.running = False

    def _gc(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._gc_start = time.perf_counter()
        elif self.running:
            self.collections.append((self._gc_start, time.perf_counter(), info["generation"],
                                     threading.current_thread().name))

    def _where(self, frame, depth: int = 4) -> str:
        parts = []
        while frame is not None and len(parts) < depth:
            code = frame.f_code
            parts.append(f"{Path(code.co_filename).name}:{frame.f_lineno}:{code.co_name}")
            frame = frame.f_back
        return " < ".join(parts)

    def _loop(self, stop: threading.Event) -> None:
        names = {}
        me = threading.get_ident()
        while not stop.is_set():
            now = time.perf_counter()
            frames = sys._current_frames()
            for t in threading.enumerate():
                names[t.ident] = t.name
            self.samples.append((now, {names.get(i, str(i)): self._where(f)
                                       for i, f in frames.items()
                                       if i != me and not self._waiting(f)}))
            time.sleep(0.002)

    @staticmethod
    def _waiting(frame) -> bool:
        """A thread blocked in a wait (GIL released): not what holds the window up."""
        return frame.f_code.co_name in ("wait", "select", "get") and frame.f_code.co_filename \
            .endswith(("threading.py", "selectors.py", "queue.py"))

    def start(self) -> None:
        import gc

        self.samples = []
        self.collections = []
        if self._gc not in gc.callbacks:
            gc.callbacks.append(self._gc)
        self.running = True
        self._stop = threading.Event()
        threading.Thread(target=self._loop, args=(self._stop,), name="sampler",
                         daemon=True).start()

    def stop(self) -> None:
        self.running = False
        self._stop.set()

    def report(self, t0: float, gaps: list[tuple[float, float]], top: int = 3) -> None:
        from collections import Counter

        for ms, at in gaps[:top]:
            lo, hi = t0 + at, t0 + at + ms / 1000
            inside = [d for t, d in self.samples if lo <= t <= hi]
            after = [d for t, d in self.samples if t > hi][:1]
            print(f"   gap {ms:.0f} ms at {at:.2f} s: {len(inside)} samples inside")
            for start, end, gen, thread in self.collections:
                if start < hi and end > lo and end - start >= 0.002:
                    print(f"      garbage collection of generation {gen} in {thread}: "
                          f"{(end - start) * 1000:.0f} ms")
            counts = Counter(f"{name}: {where}" for d in inside + after for name, where in d.items())
            for line, n in counts.most_common(6):
                print(f"      {n:3d}x {line[:220]}")


class Heartbeat:
    """Beats on the UI thread; the gaps between beats are the stalls."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.beats: list[float] = []
        self.sampler: Sampler | None = None
        self.timer = QTimer()
        self.timer.setInterval(HEARTBEAT_MS)
        self.timer.timeout.connect(lambda: self.beats.append(time.perf_counter()))

    def run(self, app, start, done, limit_s: float = 900) -> tuple[float, list[tuple[float, float]]]:
        """Start the work, run the event loop until done(); (seconds, gaps as (ms, at s))."""
        from PySide6.QtCore import QEventLoop, QTimer

        self.beats = [time.perf_counter()]
        t0 = self.beats[0]
        self.t0 = t0
        if self.sampler is not None:
            self.sampler.start()
        self.timer.start()
        start()
        loop = QEventLoop()
        poll = QTimer()
        poll.setInterval(20)
        poll.timeout.connect(lambda: (done() or time.perf_counter() - t0 > limit_s) and loop.quit())
        poll.start()
        if not done():
            loop.exec()
        poll.stop()
        self.timer.stop()
        if self.sampler is not None:
            self.sampler.stop()
        self.beats.append(time.perf_counter())
        elapsed = self.beats[-1] - t0
        if not done():
            raise SystemExit(f"gave up after {limit_s:.0f} s")
        gaps = [((b - a) * 1000, a - t0) for a, b in zip(self.beats, self.beats[1:])]
        return elapsed, sorted(gaps, reverse=True)


def _window(ledger_path: Path, settings_dir: Path):
    from PySide6.QtCore import QSettings

    from collector_gui.ledger.database import Ledger
    from collector_gui.ui.context import AppContext
    from collector_gui.ui.main_window import MainWindow

    ledger = Ledger.open(ledger_path)
    ctx = AppContext(ledger, today=lambda: TODAY, settings=QSettings(
        str(settings_dir / f"{ledger_path.stem}.ini"), QSettings.Format.IniFormat))
    window = MainWindow(ctx)
    window.resize(1200, 760)
    window.show()
    return ledger, ctx, window


def _close(app, ledger, ctx, window) -> None:
    from collector_gui.ui.tasks import wait_for_all

    wait_for_all(60_000)
    window.close()
    window.deleteLater()
    app.processEvents()
    wait_for_all(60_000)  # what closing started (saving state, a last refresh)
    app.processEvents()
    ctx.close()
    ledger.close()


def _settle(app, hb: Heartbeat, window) -> None:
    """Let the window's own start-up work (dashboard figures, today's plan) finish first, and
    the window lay out and paint what it brought (300 ms more): a phase started in the same
    millisecond as the chase list's data arrived measured that list's first layout and paint
    (its deferred layout ran inside the phase's first gap)."""
    dash = window.dashboard
    hb.run(app, lambda: None, lambda: not dash.loading and not dash.chase_loading)
    until = time.perf_counter() + 0.3
    hb.run(app, lambda: None, lambda: time.perf_counter() > until)


def _invoices_csv(source: Path) -> Path:
    """The 100k sample's invoices as CSV (what `collector export invoices` writes), cached."""
    out = HERE / ".data" / f"{source.stem}-invoices.csv"
    if not out.exists():
        from collector_gui.actions.records import export_file
        from collector_gui.ledger.database import Ledger
        from collector_gui.ledger.store import Store

        with Ledger.open(source) as ledger, open(out.with_suffix(".partial"), "w",
                                                   encoding="utf-8", newline="") as fh:
            export_file(Store(ledger), "invoices", fh)
        out.with_suffix(".partial").replace(out)
    return out


def phase_import(app, hb, tmp: Path, source: Path) -> dict:
    csv_path = _invoices_csv(source)
    rows = sum(1 for _ in open(csv_path, encoding="utf-8")) - 1
    ledger, ctx, window = _window(tmp / "import.sqlite", tmp)
    _settle(app, hb, window)
    box: dict = {}
    seconds, gaps = hb.run(app, lambda: box.setdefault("h", window.start_import(
        "invoices", str(csv_path))), lambda: "h" in box and box["h"].done)
    made = ctx.store.db.execute("SELECT count(*) FROM invoices").fetchone()[0]
    _close(app, ledger, ctx, window)
    return {"what": f"import {rows:,} CSV invoice rows ({made:,} in the ledger after)",
            "seconds": seconds, "gaps": gaps}


def phase_pdf(app, hb, tmp: Path, source: Path) -> dict:
    path = tmp / "pdf.sqlite"
    shutil.copy(source, path)
    ledger, ctx, window = _window(path, tmp)
    _settle(app, hb, window)
    folder = tmp / "statements"
    folder.mkdir()
    box: dict = {}
    seconds, gaps = hb.run(app, lambda: box.setdefault("h", window.pdfs.start_export(folder)),
                           lambda: "h" in box and box["h"].done)
    made = len(list(folder.glob("*.pdf")))
    _close(app, ledger, ctx, window)
    return {"what": f"statement export: {made:,} PDFs", "seconds": seconds, "gaps": gaps}


# The SMTP server runs in a process of its own, as a user's does (another machine). In this
# process, aiosmtpd's asyncio thread parsed every 100-KB message in Python and took the GIL
# from the window's thread beside the sending worker: the bench measured its own server.
_SMTP_SERVER = r"""
import sys, warnings
warnings.filterwarnings("ignore", message=".*login_data is deprecated.*")
from aiosmtpd.controller import Controller


class Count:
    received = 0

    async def handle_DATA(self, server, session, envelope):
        Count.received += 1
        return "250 OK"


controller = Controller(Count(), hostname="127.0.0.1", port=int(sys.argv[1]))
controller.start()
print("ready", flush=True)
sys.stdin.readline()  # the bench writes a line when it is done
controller.stop()
print(Count.received, flush=True)
"""


class _SmtpServer:
    """aiosmtpd on 127.0.0.1:*port* in a child process; stop() returns how many it received."""

    def __init__(self, port: int) -> None:
        self.proc = subprocess.Popen([sys.executable, "-c", _SMTP_SERVER, str(port)],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout is not None and self.proc.stdout.readline().strip() == "ready"

    def stop(self) -> int:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write("done\n")
        self.proc.stdin.flush()
        received = int(self.proc.stdout.readline())
        self.proc.wait(timeout=30)
        return received


def phase_send(app, hb, tmp: Path, source: Path, messages: int = 100) -> dict:
    import socket

    from collector_gui.actions.remind import plan_reminders
    from collector_gui.core import settings as S
    from collector_gui.ledger.database import Ledger
    from collector_gui.ledger.store import Store
    from collector_gui.ui.reminder_common import start_delivery

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = _SmtpServer(port)
    got = 0
    path = tmp / "send.sqlite"
    shutil.copy(source, path)
    with Ledger.open(path) as setup:  # the window's own connection is read-only
        for setting, value in ((S.SMTP_HOST, "127.0.0.1"), (S.SMTP_PORT, str(port)),
                               (S.SMTP_SECURITY, "none"), (S.SMTP_USER, "")):
            Store(setup).set_setting(setting.key, value)
    ledger, ctx, window = _window(path, tmp)
    try:
        _settle(app, hb, window)
        flow = plan_reminders(ctx.store, TODAY)
        chosen = [e.client_id for e in flow.entries if not e.problems][:messages]
        for entry in flow.entries:
            flow.set_included(entry.client_id, entry.client_id in chosen)
        flow.drafts()  # written beforehand, as the wizard's review page does
        box: dict = {}
        seconds, gaps = hb.run(app, lambda: box.setdefault("h", start_delivery(
            window, ctx, flow, password=None)), lambda: "h" in box and box["h"].done)
    finally:
        _close(app, ledger, ctx, window)
        got = server.stop()
    return {"what": f"send {len(chosen)} reminders to a local SMTP server ({got} received)",
            "seconds": seconds, "gaps": gaps}


def phase_scroll(app, hb, tmp: Path, source: Path, steps: int = 400) -> dict:
    from PySide6.QtCore import QTimer

    from collector_gui.ui.main_window import PAGES

    path = tmp / "scroll.sqlite"
    shutil.copy(source, path)
    ledger, ctx, window = _window(path, tmp)
    _settle(app, hb, window)
    page = window.invoices
    model = page.table.model()
    hb.run(app, lambda: window.show_page(PAGES.index("invoices")), lambda: model.rowCount() > 0)
    bar = page.table.verticalScrollBar()
    rng = random.Random(1)
    state = {"n": 0}
    ticker = QTimer()
    ticker.setInterval(25)

    def step() -> None:
        state["n"] += 1
        # mostly to the end (the next page is read), now and then somewhere at random
        bar.setValue(bar.maximum() if state["n"] % 4 else rng.randint(0, bar.maximum()))

    ticker.timeout.connect(step)
    seconds, gaps = hb.run(app, ticker.start, lambda: state["n"] >= steps)
    ticker.stop()
    rows = model.rowCount()
    total = ctx.store.db.execute("SELECT count(*) FROM invoices").fetchone()[0]
    _close(app, ledger, ctx, window)
    return {"what": f"scroll the invoices page of {total:,} invoices, {steps} steps "
                    f"({rows:,} rows read)", "seconds": seconds, "gaps": gaps}


def compiled_bytecode() -> None:
    """Run on compiled bytecode, as an installed program does. This machine sets
    PYTHONDONTWRITEBYTECODE: every module a worker imported on first use was compiled from
    source, and `compile` holds the GIL for the whole module (5-20 ms each, the window's thread
    waiting). The bytecode goes to bench/.data/pycache (as bench_start.py's children's), never
    into the source tree; Collector's modules are compiled there before the phases start."""
    import compileall

    sys.dont_write_bytecode = False
    sys.pycache_prefix = str(HERE / ".data" / "pycache")
    compileall.compile_dir(str(ROOT / "collector_gui"), quiet=1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phases", default=",".join(PHASES))
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--switch-interval", type=float, default=None, metavar="SECONDS",
                        help="sys.setswitchinterval for this run (default: what the app sets, "
                             "collector_gui.app.GIL_SWITCH_INTERVAL)")
    parser.add_argument("--trace", action="store_true",
                        help="sample every thread's stack; print what ran in the worst gaps")
    args = parser.parse_args()
    phases = [p for p in args.phases.split(",") if p]
    tmp_root = Path(tempfile.mkdtemp(prefix="bench-stalls-"))
    for name in ("HOME", "COLLECTOR_HOME"):
        os.environ[name] = str(tmp_root / "home")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    sys.path.insert(1, str(HERE))
    compiled_bytecode()
    import run  # bench/run.py: the cached sample ledgers

    from PySide6.QtWidgets import QApplication

    from collector_gui.core import clock

    from collector_gui.app import prefer_ui_thread

    prefer_ui_thread()  # as the window's start does
    if args.switch_interval is not None:
        sys.setswitchinterval(args.switch_interval)
    print(f"GIL switch interval {sys.getswitchinterval() * 1000:g} ms", flush=True)

    clock.set_source(clock.ticking_from(dt.datetime.combine(TODAY, dt.time(9, 0))))
    from PySide6.QtCore import qInstallMessageHandler

    qInstallMessageHandler(lambda _kind, _ctx, text: None if "propagateSizeHints" in text
                           else print(text, file=sys.stderr))
    app = QApplication.instance() or QApplication([])
    hb = Heartbeat()
    idle_end = time.perf_counter() + 2.0
    _s, idle = hb.run(app, lambda: None, lambda: time.perf_counter() > idle_end)
    print(f"idle: longest gap {idle[0][0]:.1f} ms; load {os.getloadavg()[0]:.2f}", flush=True)
    if args.trace:
        hb.sampler = Sampler()
    runs = {"import": phase_import, "pdf": phase_pdf, "send": phase_send,
            "scroll": phase_scroll}
    results = []
    try:
        for name in phases:
            source, _meta = run.ledger_for(1_000_000 if name == "scroll" else 100_000, args.seed)
            for attempt in range(args.repeat):
                tmp = tmp_root / f"{name}-{attempt}"
                tmp.mkdir()
                load = os.getloadavg()[0]
                out = runs[name](app, hb, tmp, source)
                shutil.rmtree(tmp, ignore_errors=True)
                worst = ", ".join(f"{ms:.0f} ms at {at:.2f} s" for ms, at in out["gaps"][:5])
                beats = sorted(ms for ms, _at in out["gaps"])
                p99 = beats[int(len(beats) * 0.99)] if beats else 0.0
                print(f"{name}: {out['what']}: {out['seconds']:.1f} s; longest gap "
                      f"{out['gaps'][0][0]:.0f} ms, p99 {p99:.0f} ms, median "
                      f"{statistics.median(beats):.1f} ms; load {load:.2f}\n   worst: {worst}",
                      flush=True)
                results.append((name, out["gaps"][0][0]))
                if args.trace and hb.sampler is not None:
                    hb.sampler.report(hb.t0, out["gaps"])
    finally:
        shutil.rmtree(tmp_root, ignore_errors=True)
    print("longest gaps: " + ", ".join(f"{n} {ms:.0f} ms" for n, ms in results)
          + f" (idle {idle[0][0]:.0f} ms; target <= 50 ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
