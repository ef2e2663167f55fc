"""The one clock: every date and time Collector stamps or reasons from comes from here.

Nothing else in the program calls `datetime.now()` or `date.today()`, so one call to
`pin()` moves all of it: tests pin the clock to a fixed day (tests/conftest.py), and a
date-bound test fails everywhere instead of only on the days it was not written on.

A pinned clock still ticks (it starts at the pinned moment and moves with the real
monotonic clock), because "interrupted for more than N minutes" and the seconds in a
file name need time to pass.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Clock = Callable[[], dt.datetime]


def _wall() -> dt.datetime:
    return dt.datetime.now()


_source: Clock = _wall


def now() -> dt.datetime:
    """Local time, naive, to the second (what is written on events, files and messages)."""
    return _source().replace(microsecond=0)


def now_precise() -> dt.datetime:
    """Local time with microseconds (for names that must differ within one second)."""
    return _source()


def today() -> dt.date:
    return _source().date()


def aware_now() -> dt.datetime:
    """Now with the local time zone attached (mail Date headers, PDF metadata)."""
    return now().astimezone()


def row_stamp() -> str:
    """When a row was written, as the ledger's `created_at` columns keep it: UTC, to the
    second, in SQLite's `datetime('now')` form (their default, for rows written by others)."""
    return now().astimezone(dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S")


def set_source(source: Clock | None) -> None:
    """Take the time from `source` (a function returning a naive local datetime); None
    goes back to the wall clock."""
    global _source
    _source = source or _wall


def ticking_from(start: dt.datetime) -> Clock:
    """A clock that reads `start` now and moves on with real time from there."""
    origin = time.monotonic()
    return lambda: start + dt.timedelta(seconds=time.monotonic() - origin)


@contextmanager
def pinned(start: dt.datetime | dt.date, *, ticking: bool = True) -> Iterator[None]:
    """Within the block, the clock reads `start` (a date means 09:00 that day)."""
    if not isinstance(start, dt.datetime):
        start = dt.datetime.combine(start, dt.time(9, 0))
    previous = _source
    set_source(ticking_from(start) if ticking else (lambda: start))
    try:
        yield
    finally:
        set_source(previous)
