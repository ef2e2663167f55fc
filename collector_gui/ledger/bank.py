"""The bank's side of the ledger: statements imported, their credit lines and what became of
each, the payments they recorded, the payers the user taught, and CSV mappings per bank.

Reads are whole transactions of their own. The writes named `insert_…`/`set_…` take the `db`
of a transaction the caller holds (`Ledger.write()`), so a whole statement is one transaction
with the payments recorded through `Store.add_payment` inside it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from collector_gui.core import clock
from collector_gui.core.matching import OpenInvoice, PayerBook, payer_key
from collector_gui.ledger.store import Store

if TYPE_CHECKING:
    from sqlite_utils import Database

PENDING = ("proposed", "unmatched")


@dataclass(frozen=True, slots=True)
class Allocation:
    invoice_id: int
    number: str
    amount_minor: int
    payment_id: int | None


@dataclass(frozen=True, slots=True)
class BankLine:
    """A credit line as the ledger keeps it."""

    id: int
    import_id: int
    account: str
    booking_date: dt.date
    amount_minor: int
    currency: str
    text: str
    reference: str
    payer_name: str
    payer_iban: str
    status: str
    reason: str
    client_id: int | None
    client_name: str
    allocations: tuple[Allocation, ...]


class BankLedger:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.ledger = store.ledger

    # -- what the matching needs ------------------------------------------------------------

    def open_invoices(self) -> list[OpenInvoice]:
        """Invoices that can take a payment: not draft, not void, a balance left."""
        with self.ledger.read() as db:
            rows = db.execute(
                "SELECT id, number, client_id, currency, total_minor - paid_minor FROM invoices "
                "WHERE draft = 0 AND void = 0 AND paid_minor < total_minor").fetchall()
        return [OpenInvoice(*r) for r in rows]

    def with_discount_terms(self) -> set[int]:
        """Open invoices with an early-payment discount: their payments go through
        Store.add_payment, which records the discount they may earn."""
        with self.ledger.read() as db:
            return {r[0] for r in db.execute(
                "SELECT id FROM invoices WHERE draft = 0 AND void = 0 "
                "AND paid_minor < total_minor AND CAST(discount_percent AS REAL) <> 0")}

    def payers(self) -> PayerBook:
        book = PayerBook()
        with self.ledger.read() as db:
            for kind, payer, client_id in db.execute(
                    "SELECT kind, payer, client_id FROM bank_payers"):
                (book.by_iban if kind == "iban" else book.by_name)[payer] = client_id
        return book

    def known_keys(self, keys: Iterable[str]) -> set[str]:
        """Which of these line keys the ledger already has (an earlier or overlapping file)."""
        batch = list(dict.fromkeys(keys))
        found: set[str] = set()
        with self.ledger.read() as db:
            for start in range(0, len(batch), 500):
                chunk = batch[start:start + 500]
                found.update(r[0] for r in db.execute(
                    f"SELECT line_key FROM bank_lines WHERE line_key IN "
                    f"({', '.join('?' * len(chunk))})", chunk))
        return found

    # -- writes inside the caller's transaction ----------------------------------------------

    @staticmethod
    def insert_import(db: Database, *, file_name: str, format: str, account: str,
                      bank: str) -> int:
        return db.execute(
            "INSERT INTO bank_imports (imported_at, file_name, format, account, bank) "
            "VALUES (?, ?, ?, ?, ?)",
            (clock.now().isoformat(timespec="seconds"), file_name, format, account, bank),
        ).lastrowid

    @staticmethod
    def set_import_counts(db: Database, import_id: int, *, first: dt.date | None,
                          last: dt.date | None, counts: dict[str, int]) -> None:
        db.execute(
            "UPDATE bank_imports SET first_date = ?, last_date = ?, lines = ?, recorded = ?, "
            "proposed = ?, unmatched = ?, ignored = ? WHERE id = ?",
            (first and first.isoformat(), last and last.isoformat(),
             sum(counts.values()), counts.get("recorded", 0), counts.get("proposed", 0),
             counts.get("unmatched", 0), counts.get("ignored", 0), import_id))

    @staticmethod
    def insert_line(db: Database, *, import_id: int, key: str, account: str, line,
                    status: str, reason: str, client_id: int | None,
                    stamp: str | None = None) -> int:
        """*line* is a bank.model.StatementLine (ledger/ may not import bank/: duck-typed);
        *stamp* the row_stamp of a recorded line (taken now when not given)."""
        return db.conn.execute(
            "INSERT INTO bank_lines (import_id, line_key, account, booking_date, value_date, "
            "amount_minor, currency, text, reference, payer_name, payer_iban, status, reason, "
            "client_id, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (import_id, key, account, line.booking_date.isoformat(),
             line.value_date.isoformat() if line.value_date else None, line.amount_minor,
             line.currency, line.text, line.reference, line.payer_name, line.payer_iban,
             status, reason, client_id,
             (stamp or clock.row_stamp()) if status == "recorded" else None),
        ).lastrowid

    @staticmethod
    def insert_allocation(db: Database, line_id: int, invoice_id: int, amount_minor: int,
                          payment_id: int | None) -> None:
        db.execute(
            "INSERT OR REPLACE INTO bank_line_invoices (line_id, invoice_id, amount_minor, "
            "payment_id) VALUES (?, ?, ?, ?)", (line_id, invoice_id, amount_minor, payment_id))

    @staticmethod
    def insert_allocations(db: Database,
                           rows: Iterable[tuple[int, int, int, int | None]]) -> None:
        """Many (line, invoice, amount, payment) at once: a statement's, in one statement."""
        db.conn.executemany(
            "INSERT OR REPLACE INTO bank_line_invoices (line_id, invoice_id, amount_minor, "
            "payment_id) VALUES (?, ?, ?, ?)", rows)

    @staticmethod
    def clear_allocations(db: Database, line_id: int) -> None:
        db.execute("DELETE FROM bank_line_invoices WHERE line_id = ?", (line_id,))

    @staticmethod
    def set_status(db: Database, line_id: int, status: str, reason: str,
                   client_id: int | None) -> None:
        db.execute("UPDATE bank_lines SET status = ?, reason = ?, client_id = ?, decided_at = ? "
                   "WHERE id = ?", (status, reason, client_id, clock.row_stamp(), line_id))

    @staticmethod
    def learn_payer(db: Database, *, iban: str, name: str, client_id: int) -> None:
        """Remember who this payer is: the newest confirmation wins."""
        now = clock.row_stamp()
        for kind, payer in (("iban", iban), ("name", payer_key(name))):
            if payer:
                db.execute("INSERT OR REPLACE INTO bank_payers (kind, payer, client_id, "
                           "learnt_at) VALUES (?, ?, ?, ?)", (kind, payer, client_id, now))

    # -- taking a decision back (undo) -------------------------------------------------------

    def payer_rows(self, *, iban: str, name: str) -> tuple[tuple[str, str, int, str], ...]:
        """What the ledger knows now of this payer (kind, payer, client, learnt at): a
        decision's undo puts it back."""
        keys = [(k, p) for k, p in (("iban", iban), ("name", payer_key(name))) if p]
        with self.ledger.read() as db:
            return tuple(tuple(r) for k, p in keys for r in db.execute(
                "SELECT kind, payer, client_id, learnt_at FROM bank_payers "
                "WHERE kind = ? AND payer = ?", (k, p)))

    @staticmethod
    def restore_payers(db: Database, *, iban: str, name: str,
                       rows: Iterable[tuple[str, str, int, str]]) -> None:
        for kind, payer in (("iban", iban), ("name", payer_key(name))):
            if payer:
                db.execute("DELETE FROM bank_payers WHERE kind = ? AND payer = ?",
                           (kind, payer))
        for row in rows:
            db.execute("INSERT OR REPLACE INTO bank_payers (kind, payer, client_id, learnt_at) "
                       "VALUES (?, ?, ?, ?)", tuple(row))

    @staticmethod
    def restore_line(db: Database, line: BankLine) -> None:
        """Put a line back as *line* was (its state, client and proposal); the payments the
        decision recorded are the caller's to delete first."""
        db.execute("DELETE FROM bank_line_invoices WHERE line_id = ?", (line.id,))
        for a in line.allocations:
            db.execute("INSERT INTO bank_line_invoices (line_id, invoice_id, amount_minor, "
                       "payment_id) VALUES (?, ?, ?, ?)",
                       (line.id, a.invoice_id, a.amount_minor, a.payment_id))
        db.execute("UPDATE bank_lines SET status = ?, reason = ?, client_id = ?, "
                   "decided_at = NULL WHERE id = ?",
                   (line.status, line.reason, line.client_id, line.id))

    # -- reading what was done ---------------------------------------------------------------

    def lines(self, *, statuses: Iterable[str] = PENDING,
              ids: Iterable[int] | None = None) -> list[BankLine]:
        """Lines in these states (by default those waiting for a decision), oldest first."""
        statuses = tuple(statuses)
        sql = ("SELECT l.*, c.name AS client_name FROM bank_lines l "
               "LEFT JOIN clients c ON c.id = l.client_id WHERE l.status IN "
               f"({', '.join('?' * len(statuses))})")
        params: list = list(statuses)
        if ids is not None:
            id_list = list(ids)
            sql += f" AND l.id IN ({', '.join('?' * len(id_list))})"
            params += id_list
        with self.ledger.read() as db:
            rows = list(db.query(sql + " ORDER BY l.booking_date, l.id", params))
            allocs: dict[int, list[Allocation]] = {}
            if rows:
                wanted = [r["id"] for r in rows]
                alloc_sql = (
                    "SELECT a.line_id, a.invoice_id, i.number, a.amount_minor, a.payment_id "
                    "FROM bank_line_invoices a JOIN invoices i ON i.id = a.invoice_id ")
                if ids is not None:
                    alloc_sql += f"WHERE a.line_id IN ({', '.join('?' * len(wanted))}) "
                    alloc_params: list = wanted
                else:
                    alloc_sql += ("JOIN bank_lines l ON l.id = a.line_id WHERE l.status IN "
                                  f"({', '.join('?' * len(statuses))}) ")
                    alloc_params = list(statuses)
                for line_id, inv_id, number, amount, pay_id in db.execute(
                        alloc_sql + "ORDER BY a.line_id, i.number", alloc_params):
                    allocs.setdefault(line_id, []).append(
                        Allocation(inv_id, number, amount, pay_id))
        return [BankLine(
            id=r["id"], import_id=r["import_id"], account=r["account"],
            booking_date=dt.date.fromisoformat(r["booking_date"]),
            amount_minor=r["amount_minor"], currency=r["currency"], text=r["text"],
            reference=r["reference"], payer_name=r["payer_name"], payer_iban=r["payer_iban"],
            status=r["status"], reason=r["reason"], client_id=r["client_id"],
            client_name=r["client_name"] or "", allocations=tuple(allocs.get(r["id"], ())),
        ) for r in rows]

    def line(self, line_id: int) -> BankLine | None:
        found = self.lines(statuses=("recorded", "proposed", "unmatched", "accepted",
                                     "rejected"), ids=[line_id])
        return found[0] if found else None

    def last_import_at(self) -> dt.datetime | None:
        with self.ledger.read() as db:
            row = db.execute("SELECT max(imported_at) FROM bank_imports").fetchone()
        return dt.datetime.fromisoformat(row[0]) if row and row[0] else None

    # -- CSV mappings per bank ---------------------------------------------------------------

    def csv_mapping(self, bank: str) -> dict[str, str] | None:
        with self.ledger.read() as db:
            row = db.execute("SELECT mapping FROM bank_csv_maps WHERE bank = ?",
                             (bank.strip(),)).fetchone()
        return json.loads(row[0]) if row else None

    @staticmethod
    def save_csv_mapping(db: Database, bank: str, mapping: dict[str, str]) -> None:
        db.execute("INSERT OR REPLACE INTO bank_csv_maps (bank, mapping) VALUES (?, ?)",
                   (bank.strip(), json.dumps(mapping, ensure_ascii=False)))
