"""Moves the clock of every Python process of a test run (run-tests' second pass).

run-tests puts this folder on PYTHONPATH and COLLECTOR_TEST_CLOCK_OFFSET (seconds) in the
environment; Python imports `sitecustomize` at start, so the test process and every program a
test starts (the command line, the window, pip) read a wall clock moved by that offset, all on
one timeline, still ticking. The monotonic clock is left alone (timers, timeouts, sleeps).
time-machine moves what Python reads (time.time, datetime.now, date.today, localtime, …);
C libraries (SQLite's datetime('now'), OpenSSL) keep the real date, which Collector never
reads (tests/unit/test_clock.py holds every date to collector_gui.core.clock).
"""

import os
import time

_offset = os.environ.get("COLLECTOR_TEST_CLOCK_OFFSET")
if _offset:
    import time_machine

    _travel = time_machine.travel(time.time() + float(_offset), tick=True)
    _travel.start()
