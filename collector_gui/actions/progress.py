"""The progress/cancel protocol of actions (defined in core so every layer can take one)."""

from __future__ import annotations

from collector_gui.core.progress import ProgressCallback, Task, quiet

__all__ = ["ProgressCallback", "Task", "quiet"]
