"""The ledger side of invoice terms (schema step 6): IRPF and discount columns, credit notes,
and the discount a payment earns, recorded as its own row of `payments` (kind 'discount')
so the balance reaches zero visibly, never by a silent write-off.

Kept apart from store.py (which calls these) so that file stays small.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from collector_gui.core import clock
from collector_gui.core.model import Invoice, InvoiceKind, PaymentKind
from collector_gui.core.terms import discount_earned, rate_text

TERM_COLUMNS = ("irpf_rate", "discount_percent", "discount_days", "kind", "corrects_id",
                "reason")


def term_columns(invoice: Invoice) -> dict:
    """The invoice's term columns as stored."""
    return {
        "irpf_rate": rate_text(invoice.irpf_rate),
        "discount_percent": rate_text(invoice.discount_percent),
        "discount_days": invoice.discount_days,
        "kind": str(invoice.kind),
        "corrects_id": invoice.corrects_id,
        "reason": invoice.reason,
    }


def term_fields(row: dict) -> dict:
    """The Invoice fields of a row's term columns (rows read without them get the defaults)."""
    if "irpf_rate" not in row:
        return {}
    return {
        "irpf_rate": Decimal(row["irpf_rate"]),
        "discount_percent": Decimal(row["discount_percent"]),
        "discount_days": row["discount_days"],
        "kind": InvoiceKind(row["kind"]),
        "corrects_id": row["corrects_id"],
        "reason": row["reason"],
    }


def payment_fields(row: dict) -> dict:
    if "kind" not in row:
        return {}
    return {"kind": PaymentKind(row["kind"]), "credit_note_id": row["credit_note_id"]}


def record_discount(db, invoice_id: int, on: dt.date) -> int:
    """After a payment made on *on*: when the invoice's payments now come to exactly its
    discounted amount within the discount window, record the discount (a 'discount' row
    dated that day) so the balance is zero. Returns the discount recorded (0 for none)."""
    cur = db.execute(
        "SELECT number, client_id, issue_date, due_date, currency, total_minor, paid_minor, "
        f"{', '.join(TERM_COLUMNS)} FROM invoices WHERE id = ?", (invoice_id,))
    values = cur.fetchone()
    if values is None:
        return 0
    row = dict(zip([d[0] for d in cur.description], values))
    invoice = Invoice(
        number=row["number"], client_id=row["client_id"],
        issue_date=dt.date.fromisoformat(row["issue_date"]),
        due_date=dt.date.fromisoformat(row["due_date"]), currency=row["currency"],
        total_minor=row["total_minor"], paid_minor=row["paid_minor"], id=invoice_id,
        **term_fields(row))
    earned = discount_earned(invoice, invoice.paid_minor, on)
    if earned:
        db.execute(
            "INSERT INTO payments (invoice_id, date, amount_minor, method, reference, kind, "
            "created_at) VALUES (?, ?, ?, 'discount', ?, 'discount', ?)",
            (invoice_id, on.isoformat(), earned, f"{rate_text(invoice.discount_percent)}%",
             clock.row_stamp()))
    return earned


def drop_discount(db, invoice_id: int) -> None:
    """A payment taken back takes its discount with it (it is earned only by paying)."""
    db.execute("DELETE FROM payments WHERE invoice_id = ? AND kind = 'discount'", (invoice_id,))
