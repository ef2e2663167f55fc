"""The one base class for errors a user should read (not a traceback)."""

from __future__ import annotations

from collector_gui.core.i18n import _


class CollectorError(Exception):
    """An error with a message written for the user; the CLI prints it, the window shows it."""


class Cancelled(CollectorError):
    """The user cancelled a long action; nothing it was doing was written."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(_("Cancelled; nothing was changed.") if message is None else message)
