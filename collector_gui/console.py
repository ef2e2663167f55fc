"""What the command line writes to a terminal: text, never control sequences.

Client names, invoice descriptions and server replies come from other people (a CSV from a
client's system, an SMTP server). Written raw to a terminal, an escape sequence in one of them
can retitle the window, clear the screen, hide a line or, on some terminals, write files
(OSC 52 and friends). So while a stream is a terminal, every C0 and C1 control character but
newline and tab (and carriage return on stderr, for progress) is shown as U+FFFD instead.

Into a pipe or a file the bytes are data (`collector export invoices - > all.csv` must keep
every character); JSON output escapes control characters itself (`json_text`).
"""

from __future__ import annotations

import io
import sys
from typing import TextIO

_REPLACEMENT = "\ufffd"
_CONTROLS = [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)]


def _table(keep: str) -> dict[int, str]:
    return {c: _REPLACEMENT for c in _CONTROLS if chr(c) not in keep}


_STDOUT_TABLE = _table("\n\t")
_STDERR_TABLE = _table("\n\t\r")


def printable(text: str, *, keep: str = "\n\t") -> str:
    """*text* with its control characters (but those in *keep*) shown as U+FFFD."""
    return text.translate(_table(keep))


class _TerminalText(io.TextIOBase):
    """A text stream in front of a terminal's stream that defuses control characters."""

    def __init__(self, stream: TextIO, table: dict[int, str]) -> None:
        super().__init__()
        self._stream = stream
        self._table = table

    def write(self, text: str) -> int:
        self._stream.write(text.translate(self._table))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._stream.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._stream.encoding

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return self._stream.errors

    def writable(self) -> bool:
        return True


def guard_terminal() -> None:
    """Put the filter in front of stdout and stderr, where they are terminals."""
    for name, table in (("stdout", _STDOUT_TABLE), ("stderr", _STDERR_TABLE)):
        stream = getattr(sys, name)
        if isinstance(stream, _TerminalText):
            continue
        try:
            tty = stream.isatty()
        except (AttributeError, ValueError):
            continue
        if tty:
            setattr(sys, name, _TerminalText(stream, table))


_JSON_ESCAPES = {c: f"\\u{c:04x}" for c in [0x7F, *range(0x80, 0xA0)]}


def json_text(data: object, *, indent: int | None = None) -> str:
    """JSON with every character but the control ones as itself (accents stay readable);
    C0 controls are escaped by `json` itself, DEL and C1 controls here. (Both are legal raw
    in JSON, but a terminal acts on them.)"""
    import json  # (not at the window's start: start.py uses this module too)

    return json.dumps(data, indent=indent, ensure_ascii=False).translate(_JSON_ESCAPES)
