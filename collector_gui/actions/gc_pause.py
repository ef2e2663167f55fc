"""Python's cyclic garbage collector kept off long work in a worker thread.

CPython's full collections walk every live object while holding the GIL: with a 100,000-invoice
plan in memory, or a worker making 10^5 objects (a CSV import, a statement export, the
reminder drafts), one took 60-400 ms, and the window's thread waited that long
(bench/bench_wizard.py, bench/bench_stalls.py). Apart from actions/remind_wizard.py, where it
was first written, so that the window's start can use it without importing the reminder
stack (Jinja2, the mail stack).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_paused_lock = threading.Lock()
_paused = 0  # workers inside collector_paused()
_was_enabled = True
_frozen = False  # collector_paused() froze the heap; thaw() gives it back


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector kept off the wizard's work while the wizard is open.

    Building the plan at 100,000 invoices makes some 10^5 objects. As they pile up, CPython
    runs collections that hold the GIL for 150-400 ms at a time (and, once they are made,
    30-70 ms ones that move them from one generation to the next), and the window's thread
    waits that long (bench/bench_wizard.py). So the collector is off while a worker works,
    and what exists when the last worker is done is frozen (gc.freeze: left out of every
    collection) until `thaw()`, which the wizard calls when it closes. Reference counting
    still frees everything acyclic, which is all the plan and the drafts are.
    """
    global _paused, _was_enabled, _frozen
    with _paused_lock:
        if _paused == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _paused += 1
    try:
        yield
    finally:
        with _paused_lock:
            _paused -= 1
            if _paused == 0:
                gc.freeze()
                _frozen = True
                if _was_enabled:
                    gc.enable()


def thaw() -> None:
    """Give what collector_paused() froze back to the collector (in its oldest generation:
    scanned at the next full collection, as before)."""
    global _frozen
    with _paused_lock:
        if _frozen and _paused == 0:
            gc.unfreeze()
            _frozen = False
