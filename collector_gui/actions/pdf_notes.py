"""An invoice PDF for the window, with what the user must know about it in their language:
above all, that it has no payment QR code and why (an IBAN failing its check, no business
name, an amount too big for an EPC code). The PDF code decides (`documents/pdf_invoice.py`,
whose notes are English words for the log); this only says them to the user. Qt-free.
"""

from __future__ import annotations

import re
from pathlib import Path

from collector_gui.core.i18n import _
from collector_gui.ledger.store import Store


def say(warning: str) -> str:
    """A PDF note (English, as the log keeps it) in the user's language."""
    match = re.match(r"The IBAN (.+) fails its check digits", warning)
    if match:
        return _("The IBAN {iban} fails its check digits, so the invoice has no payment QR "
                 "code. Correct it in Settings > Business profile.").format(iban=match.group(1))
    if warning.startswith("The business name is empty"):
        return _("Your business name is empty, so the invoice has no payment QR code (the "
                 "code must name who is paid). Fill it in Settings > Business profile.")
    match = re.match(r"(\S+) EUR is above what an EPC QR code can carry", warning)
    if match:
        return _("{amount} EUR is more than a payment QR code can carry: the invoice has "
                 "none.").format(amount=match.group(1))
    if warning.startswith("No payment QR code"):
        return _("The invoice has no payment QR code: {reason}").format(
            reason=warning.partition(": ")[2])
    return warning


def invoice_pdf(store: Store, number: str, out_path: Path | str) -> tuple[Path, list[str]]:
    """`collector invoice-pdf`'s file, and its notes for the user (translated)."""
    from collector_gui.actions import documents

    result = documents.render_invoice(documents.invoice_doc(store, number))
    path = documents._write(result, out_path, "invoice")  # the one way a PDF is written
    return path, [say(w) for w in result.warnings]
