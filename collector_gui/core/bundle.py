"""Where Collector's bundled folders (`templates/`, `resources/`) are: in a PyInstaller
bundle, an installed wheel (`collector_gui/_resources`), or the source tree.

Here in core, below both paths.py and core/i18n.py (which needs the message catalogues), so
that neither imports the other: they once imported each other.
"""

from __future__ import annotations

import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent  # collector_gui/


def candidates(name: str) -> list[Path]:
    """The places `name` may be, in the order they are tried."""
    out = []
    if hasattr(sys, "_MEIPASS"):
        out.append(Path(sys._MEIPASS) / name)
    out += [PACKAGE / f"_{name}", PACKAGE.parent / name]
    return out


def find(name: str) -> Path | None:
    """The bundled folder `name`, or None when it is missing."""
    for candidate in candidates(name):
        if candidate.is_dir():
            return candidate
    return None
