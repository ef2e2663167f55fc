"""The queries the PDF documents need that the Store does not offer.

Functions over a Store (they read through its ledger's snapshot, so several queries of
one document see one consistent state). No Qt; the documents layer itself holds no SQL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal

from collector_gui.core.model import Invoice, InvoiceLine, Payment
from collector_gui.ledger.store import Store, invoice_from_row, payment_from_row


@dataclass(frozen=True, slots=True)
class ClientPayment:
    """A payment of one of a client's invoices, with what a document prints beside it."""

    payment: Payment
    invoice_number: str
    currency: str


def _query(store: Store, sql: str, params: dict) -> list[dict]:
    with store.ledger.read() as db:
        return list(db.query(sql, params))


def invoices_as_of(store: Store, client_id: int, as_of: dt.date) -> list[Invoice]:
    """The client's invoices issued by *as_of*, each with `paid_minor` counting only the
    payments dated up to *as_of* (so a statement of a past date shows what was open then).

    Ordered by due date, then number. Lines are not loaded (see `lines_of`).
    """
    rows = _query(
        store,
        """
        SELECT i.*,
               COALESCE((SELECT SUM(p.amount_minor) FROM payments AS p
                          WHERE p.invoice_id = i.id AND p.date <= :as_of), 0) AS paid_as_of
          FROM invoices AS i
         WHERE i.client_id = :client_id AND i.issue_date <= :as_of
         ORDER BY i.due_date, i.number
        """,
        {"client_id": client_id, "as_of": as_of.isoformat()},
    )
    return [replace(invoice_from_row(r), paid_minor=r["paid_as_of"]) for r in rows]


def lines_of(store: Store, invoice_ids: Iterable[int]) -> dict[int, tuple[InvoiceLine, ...]]:
    """The lines of many invoices at once (invoice id -> lines in order)."""
    ids = list(dict.fromkeys(invoice_ids))
    out: dict[int, list[InvoiceLine]] = {i: [] for i in ids}
    with store.ledger.read() as db:
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            rows = db.execute(
                "SELECT invoice_id, description, quantity, unit_price_minor, tax_rate "
                f"FROM invoice_lines WHERE invoice_id IN ({', '.join('?' * len(chunk))}) "
                "ORDER BY invoice_id, position",
                chunk,
            ).fetchall()
            for inv_id, description, quantity, unit_price, tax_rate in rows:
                out[inv_id].append(
                    InvoiceLine(description, Decimal(quantity), unit_price, Decimal(tax_rate))
                )
    return {i: tuple(lines) for i, lines in out.items()}


def client_payments(
    store: Store,
    client_id: int,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> list[ClientPayment]:
    """Payments of the client's invoices dated from *start* to *end* (both included, either
    may be None for no limit), oldest first."""
    rows = _query(
        store,
        """
        SELECT p.*, i.number AS invoice_number, i.currency AS invoice_currency
          FROM payments AS p JOIN invoices AS i ON i.id = p.invoice_id
         WHERE i.client_id = :client_id
           AND (:start IS NULL OR p.date >= :start)
           AND (:end IS NULL OR p.date <= :end)
         ORDER BY p.date, p.id
        """,
        {
            "client_id": client_id,
            "start": start.isoformat() if start else None,
            "end": end.isoformat() if end else None,
        },
    )
    return [ClientPayment(payment_from_row(r), r["invoice_number"], r["invoice_currency"])
            for r in rows]


def overdue_client_ids(store: Store, as_of: dt.date) -> list[int]:
    """Clients with at least one invoice overdue on *as_of*, ordered by client name."""
    rows = store.overdue(as_of)
    by_id = {r.client_id: r.client for r in rows}
    return sorted(by_id, key=lambda cid: (by_id[cid].casefold(), cid))
