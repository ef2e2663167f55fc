"""One entry point for every format: the format is told from the content, never the name."""

from __future__ import annotations

# The readers (csb43, ofxtools, mt-940, defusedxml) are imported by the functions below, on
# first use: the window imports this module at start and must not load them before its first
# paint (tests/packaging/test_start_imports.py).
from collector_gui.bank.model import Statement, StatementError
from collector_gui.core.i18n import _

FORMATS = ("norma43", "camt", "ofx", "mt940", "csv")


def detect_format(data: bytes) -> str:
    """"norma43", "camt", "ofx", "mt940", or "csv" (anything else with separators in it)."""
    from collector_gui.bank import camt, norma43, ofx, swift

    if norma43.looks_like(data):
        return "norma43"
    if ofx.looks_like(data):  # before camt: OFX 2 is XML too
        return "ofx"
    if camt.looks_like(data):
        return "camt"
    if swift.looks_like(data):
        return "mt940"
    head = data[:2000]
    if head.lstrip().startswith(b"<"):
        return "xml"
    if any(sep in head for sep in (b";", b",", b"\t")):
        return "csv"
    return ""


def read_statement(data: bytes, *, csv_mapping: dict[str, str] | None = None,
                   account: str = "", default_currency: str = "EUR") -> list[Statement]:
    """Every statement in the file (Norma 43 and MT940 files may hold several accounts).

    Raises StatementError, naming the line or element, for a file that cannot be read whole.
    """
    if not data.strip():
        raise StatementError(_("The file is empty."))
    from collector_gui.bank import camt, csvmap, norma43, ofx, swift

    kind = detect_format(data)
    if kind == "norma43":
        return norma43.read(data)
    if kind == "ofx":
        return ofx.read(data)
    if kind == "camt":
        return camt.read(data)
    if kind == "mt940":
        return swift.read(data)
    if kind == "xml":
        raise StatementError(_("This XML file is not a camt.053/camt.054 statement nor an OFX "
                               "file. Nothing was recorded."))
    if kind == "csv":
        if csv_mapping is None:
            raise StatementError(_("This looks like a CSV file: say which columns hold what "
                                   "with --csv-map \"date=…,amount=…,text=…,reference=…\" and "
                                   "--bank NAME (the mapping is kept for next time)."))
        return csvmap.read(data, csv_mapping, account=account,
                           default_currency=default_currency)
    raise StatementError(_("Collector cannot tell what kind of statement this is (it reads "
                           "Norma 43, camt.053/054, OFX, MT940 and CSV). Nothing was "
                           "recorded."))
