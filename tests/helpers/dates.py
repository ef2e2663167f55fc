"""The one day every test runs on (tests/conftest.py pins the program's clock to it)."""

from __future__ import annotations

import datetime as dt

TODAY = dt.date(2026, 11, 23)
