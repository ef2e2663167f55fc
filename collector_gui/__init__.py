"""Collector: who owes you money, how much, for how long, and polite reminders to get it."""

from __future__ import annotations

_version: str | None = None


def __getattr__(name: str) -> str:
    """`__version__`, read from the installed metadata on first use: importlib.metadata (and
    the email package it loads) cost 15-35 ms that the window's start does not need."""
    global _version
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    if _version is None:
        from importlib.metadata import PackageNotFoundError, version

        try:
            _version = version("collector")
        except PackageNotFoundError:  # running from a source tree that was never installed
            _version = "0.0.0+unknown"
    return _version
