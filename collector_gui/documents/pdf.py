"""The PDF documents Collector makes, with reportlab: invoice, statement of account and
collection dossier. Each renderer takes plain data (pdf_model) and returns the PDF's bytes
with its page count and any characters it had to replace; the actions write the file.

Split by document: pdf_common (font, text, tables, footer, build), pdf_invoice,
pdf_statement, pdf_dossier.
"""

from __future__ import annotations

from collector_gui.documents.pdf_common import RenderResult
from collector_gui.documents.pdf_dossier import render_dossier
from collector_gui.documents.pdf_invoice import render_invoice
from collector_gui.documents.pdf_model import (
    BusinessProfile,
    DossierDoc,
    InvoiceDoc,
    PaymentLine,
    StatementDoc,
)
from collector_gui.documents.pdf_statement import render_statement

__all__ = [
    "BusinessProfile",
    "DossierDoc",
    "InvoiceDoc",
    "PaymentLine",
    "RenderResult",
    "StatementDoc",
    "render_dossier",
    "render_invoice",
    "render_statement",
]
