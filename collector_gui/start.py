"""`collector`: the window, or one of the commands of cli.py.

`collector` with nothing but `--ledger PATH` and `--sample` opens the window straight away:
building the commands' parser and importing their modules (cli.py) took ~40 ms of the window's
start (issue 18, bench/README.md). Anything else, abbreviations and mistakes included, goes to
cli.main, which parses it as before (and opens the window the same way when there is no
command).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path


def window_arguments(argv: Sequence[str]) -> tuple[Path | None, bool] | None:
    """(ledger, sample) when *argv* only asks for the window; None for anything else."""
    ledger: Path | None = None
    sample = False
    words: list[str] = []
    for word in argv:  # --ledger=PATH is --ledger PATH
        words += word.split("=", 1) if word.startswith("--ledger=") else [word]
    while words:
        word = words.pop(0)
        if word == "--sample" and not sample:
            sample = True
        elif word == "--ledger" and ledger is None and words and words[0][:1] not in ("", "-"):
            ledger = Path(words.pop(0))
        else:
            return None
    return ledger, sample


def main(argv: Sequence[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else list(argv)
    window = window_arguments(words)
    if window is None:
        from collector_gui.cli import main as command

        return command(words)
    from collector_gui.console import guard_terminal

    guard_terminal()  # what the window writes to a terminal (a crash) is filtered, as cli's
    from collector_gui.app import run_app  # Qt only when the window is asked for

    ledger, sample = window
    return run_app(ledger, sample=sample)
