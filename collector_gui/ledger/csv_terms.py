"""The invoice terms columns of CSV import and export (schema step 6), apart from csvio.py.

Optional columns, so every older file still imports as before (`total` is what is payable):
- `net` (import only): the base instead of a total. One line is made at `vat_rate` (or the
  business's `business.vat_rate`) and the total is base + VAT − IRPF, the IRPF at `irpf_rate`
  (or `business.irpf_rate`). With `total` as well, the two must agree.
- `irpf_rate`, `discount_percent`, `discount_days`: the invoice's own terms (nothing is
  assumed for a row that names none: an old invoice offered no discount).
- `corrects`, `reason`: a credit note, naming the invoice it corrects (in the ledger or
  earlier in the file). Its own total is 0; its credit is a row of the payments file.
"""

from __future__ import annotations

from decimal import Decimal

from collector_gui.core import settings as S
from collector_gui.core.fields import parse_amount, parse_terms_days
from collector_gui.core.i18n import _
from collector_gui.core.model import InvoiceKind, InvoiceLine
from collector_gui.core.money import minor_to_string
from collector_gui.core.settings import Settings
from collector_gui.core.terms import parse_rate, payable, rate_text

TERM_COLUMNS = ("irpf_rate", "discount_percent", "discount_days", "corrects", "reason")
IMPORT_ONLY = ("net", "vat_rate")
INSERT_COLUMNS = ("irpf_rate", "discount_percent", "discount_days", "kind", "reason")


class RowTerms:
    """One row's total and terms, checked through the row checker *c* of csvio."""

    def __init__(self, c, number: str | None, currency: str, cfg: Settings,
                 known: set[str], fold) -> None:
        self.line: InvoiceLine | None = None
        self.corrects = fold(c.get("corrects")) if c.get("corrects") else ""
        self.reason = c.get("reason")
        credit_note = bool(self.corrects)
        if credit_note and self.corrects not in known:
            c.error("corrects", _("there is no invoice numbered {number} in the ledger or "
                                  "earlier in the file").format(number=c.get("corrects")))
        has_net = bool(c.get("net"))
        default_irpf = Decimal(cfg.get(S.BUSINESS_IRPF_RATE)) if has_net else Decimal(0)
        self.irpf = c.field("irpf_rate", lambda v: parse_rate(v, "irpf_rate"),
                            default=default_irpf)
        self.discount = c.field("discount_percent", lambda v: parse_rate(v, "discount_percent"),
                                default=Decimal(0))
        self.days = c.field("discount_days", parse_terms_days, default=0)
        total = None
        if c.get("total") or credit_note:
            total = c.field("total", lambda v: parse_amount(v, currency,
                                                            allow_zero=credit_note),
                            default=0 if credit_note else None)
        if credit_note:
            if total:
                c.error("total", _("a credit note's own total is 0: its credit goes in the "
                                   "payments file (or use collector credit-note)"))
            self.total = 0
            return
        if has_net:
            net = c.field("net", lambda v: parse_amount(v, currency, allow_zero=True))
            vat = c.field("vat_rate", lambda v: parse_rate(v, "vat_rate"),
                          default=Decimal(cfg.get(S.BUSINESS_VAT_RATE)))
            if net is not None and vat is not None and self.irpf is not None:
                self.line = InvoiceLine(c.get("description") or number or "", Decimal(1), net,
                                        vat)
                made = payable([self.line], self.irpf).total_minor
                if total is not None and total != made:
                    c.error("total", _("{total} is not net + VAT − IRPF ({made})").format(
                        total=c.get("total"), made=minor_to_string(made, currency)))
                total = made
        elif not c.get("total"):
            c.error("total", _("give the total (or the net, before VAT and IRPF)"))
        self.total = total

    def values(self) -> tuple:
        """The INSERT_COLUMNS values."""
        kind = InvoiceKind.CREDIT_NOTE if self.corrects else InvoiceKind.INVOICE
        return (rate_text(self.irpf), rate_text(self.discount), self.days, str(kind),
                self.reason)


def write_extras(conn, rows: list[tuple[str, RowTerms]]) -> None:
    """After the invoices are inserted: the line of each row given by its net, and each
    credit note's link to the invoice it corrects."""
    def invoice_id(number: str) -> int:
        return conn.execute("SELECT id FROM invoices WHERE number = ? COLLATE NOCASE",
                            (number,)).fetchone()[0]

    for number, terms in rows:
        if terms.line is not None:
            line = terms.line
            conn.execute("INSERT INTO invoice_lines (invoice_id, position, description, "
                         "quantity, unit_price_minor, tax_rate) VALUES (?, 1, ?, ?, ?, ?)",
                         (invoice_id(number), line.description, str(line.quantity),
                          line.unit_price_minor, rate_text(line.tax_rate)))
        if terms.corrects:
            conn.execute("UPDATE invoices SET corrects_id = ? WHERE number = ? COLLATE NOCASE",
                         (invoice_id(terms.corrects), number))


def export_values(row: dict) -> tuple:
    """The TERM_COLUMNS of an exported invoice row (`corrects_number` joined in)."""
    days = row["discount_days"]
    return (row["irpf_rate"], row["discount_percent"], str(days) if days else "0",
            row.get("corrects_number") or "", row["reason"])

