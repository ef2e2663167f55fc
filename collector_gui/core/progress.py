"""How a long piece of work reports progress and learns it was cancelled.

An action takes a `Task` and calls `task.step(done, total, text)` now and then; that call
raises `Cancelled` once the user asked to stop, so the action's transaction rolls back and
nothing half-done is written. It lives in core so that
ledger/ (the CSV importer) can take one too. The window's tasks.py passes a Task wired to a progress
dialog; the command line passes a quiet one (or one that prints).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from collector_gui.core.errors import Cancelled

ProgressCallback = Callable[[int, int, str], None]


class Task:
    def __init__(self, on_progress: ProgressCallback | None = None) -> None:
        self._on_progress = on_progress
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Ask the action to stop (safe to call from any thread)."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def step(self, done: int, total: int, text: str = "") -> None:
        """Report progress (total 0 means unknown) and stop here if cancelled."""
        if self._cancel.is_set():
            raise Cancelled()
        if self._on_progress is not None:
            self._on_progress(done, total, text)


def quiet() -> Task:
    return Task()
