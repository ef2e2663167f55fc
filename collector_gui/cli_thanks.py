"""`collector outbox send`: the thank-yous waiting in the outbox, sent now (they also go with
the next reminder run). Kept beside cli.py, which calls it, so that file stays about parsing
in general."""

from __future__ import annotations

import sys
from collections.abc import Callable

from collector_gui.core.i18n import _


def add_send_parser(box) -> None:
    box.add_parser("send", help=_("send the thank-yous waiting in the outbox (thanks.enabled)"))


def send_thanks(store, *, ask_password: Callable, progress_task: Callable,
                quiet_when_none: bool = False) -> int:
    """Send every thank-you waiting; print how it went. Exit status as `outbox retry`."""
    from collector_gui.actions.thanks import send_waiting

    summary = send_waiting(store, ask_password=ask_password, task=progress_task())
    if not summary.results:
        if not quiet_when_none:
            print(_("No thank-you waits in the outbox."))
        return 0
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(summary.text())
    if summary.interrupted:
        return 130
    return 0 if summary.ok else 1
