"""The Bank page's table: statement lines read page by page, sorted and filtered in SQL, as
the other tables are (ledger/browse.py), so a statement of 50,000 lines opens at once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from collector_gui.ledger.bank import PENDING
from collector_gui.ledger.browse import PAGE_SIZE, Pager, Sort, _like, _Paged
from collector_gui.ledger.database import Ledger

DONE = ("recorded", "accepted", "rejected")


class BankLineRow(NamedTuple):
    id: int
    booking_date: str
    amount_minor: int
    currency: str
    payer_name: str
    payer_iban: str
    text: str
    reference: str
    status: str
    reason: str
    client_id: int | None
    client: str
    invoices: str  # the numbers proposed or paid, comma separated


_INVOICES = ("COALESCE((SELECT group_concat(i.number, ', ') FROM bank_line_invoices AS a "
             "JOIN invoices AS i ON i.id = a.invoice_id WHERE a.line_id = l.id), '')")

LINE_SORTS: dict[str, str] = {
    "date": "l.booking_date",
    "amount": "l.amount_minor",
    "payer": "l.payer_name",
    "text": "l.text",
    "status": "l.status",
    "client": "COALESCE(c.name, '')",
    "reason": "l.reason",
    "invoices": _INVOICES,
}


@dataclass(frozen=True)
class LineFilter:
    done: bool = False  # the lines already decided too (recorded, accepted, rejected)
    text: str = ""  # in the text, payer, reference, client or invoice numbers


def line_pager(ledger: Ledger, flt: LineFilter, sort: Sort = Sort("date"),
               page_size: int = PAGE_SIZE) -> Pager:
    statuses = PENDING + DONE if flt.done else PENDING
    where = [f"l.status IN ({', '.join(repr(s) for s in statuses)})"]
    params: dict = {}
    if flt.text.strip():
        where.append(
            "(l.text LIKE :text ESCAPE '\\' OR l.payer_name LIKE :text ESCAPE '\\' "
            "OR l.reference LIKE :text ESCAPE '\\' OR c.name LIKE :text ESCAPE '\\' "
            "OR EXISTS (SELECT 1 FROM bank_line_invoices AS a JOIN invoices AS i "
            "ON i.id = a.invoice_id WHERE a.line_id = l.id AND i.number LIKE :text "
            "ESCAPE '\\'))")
        params["text"] = _like(flt.text.strip())
    select = ("l.id, l.booking_date, l.amount_minor, l.currency, l.payer_name, l.payer_iban, "
              f"l.text, l.reference, l.status, l.reason, l.client_id, COALESCE(c.name, ''), "
              f"{_INVOICES}")
    query = _Paged(select=select,
                   from_="bank_lines AS l LEFT JOIN clients AS c ON c.id = l.client_id",
                   where=where, params=params, id_expr="l.id")
    return Pager(ledger, query, LINE_SORTS[sort.key], sort.descending, BankLineRow, page_size)
