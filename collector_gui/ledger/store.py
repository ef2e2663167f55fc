"""Reads and writes Collector's records, and the queries the reports stand on.

Each public write is one transaction (Ledger.write); several writes grouped by a caller
inside an outer Ledger.write() become savepoints of that one transaction.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from collector_gui.core import clock, search
from collector_gui.core.aging import AgingReport, aging_from_groups, days_overdue
from collector_gui.core.errors import CollectorError
from collector_gui.core.i18n import _, ngettext
from collector_gui.core.model import (
    Client,
    ContactEvent,
    EventKind,
    EventStatus,
    Invoice,
    InvoiceLine,
    Payment,
    PaymentKind,
)
from collector_gui.core.terms import payable
from collector_gui.ledger.database import Ledger
from collector_gui.ledger.invoice_terms import (
    drop_discount,
    payment_fields,
    record_discount,
    term_columns,
    term_fields,
)

if TYPE_CHECKING:
    from sqlite_utils import Database


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def nocase(text: str) -> str:
    """Fold case the way SQLite's NOCASE does (ASCII letters only), so a lookup in Python
    finds exactly what the ledger's UNIQUE ... COLLATE NOCASE columns treat as the same."""
    return text.translate(_ASCII_LOWER)


# What the layers above do with a payment inside its own transaction, as (store, payment)
# once it is recorded: actions/thanks.py queues a thank-you there (registered by actions/).
# `add_matched_payment` (a bank import's) calls them only when its caller says one has work.
PAYMENT_HOOKS: list[Callable[[Store, Payment], None]] = []


class StoreError(CollectorError):
    """A change the ledger refuses (duplicate number, payment above the balance, …)."""


# Open invoices as they stood on :as_of: issued by then, not draft or void, and with a
# balance counting only payments dated up to :as_of. The first half reads the partial
# index of invoices open today; the second adds back payments made after :as_of, found
# through the index on payments(date, …) so that today's report reads no payment at all.
def _open_as_of(*extra: str) -> str:
    """The open-invoices-on-:as_of query, with *extra* invoice columns. Aging asks for none,
    so its first half reads only the covering index."""
    cols = "".join(f", {c}" for c in extra)
    icols = "".join(f", i.{c}" for c in extra)
    return f"""
    SELECT id, currency, due_date, total_minor - paid_minor AS balance{cols}
      FROM invoices
     WHERE draft = 0 AND void = 0 AND paid_minor < total_minor AND issue_date <= :as_of
       AND id NOT IN (SELECT invoice_id FROM payments WHERE date > :as_of)
    UNION ALL
    SELECT i.id, i.currency, i.due_date,
           i.total_minor - i.paid_minor
           + (SELECT SUM(p.amount_minor) FROM payments AS p
               WHERE p.invoice_id = i.id AND p.date > :as_of){icols}
      FROM invoices AS i
     WHERE i.id IN (SELECT invoice_id FROM payments WHERE date > :as_of)
       AND i.draft = 0 AND i.void = 0 AND i.issue_date <= :as_of
"""


class OverdueRow(NamedTuple):
    invoice_id: int
    number: str
    client_id: int
    client: str
    due_date: dt.date
    days_overdue: int
    balance_minor: int
    currency: str


_CLIENT_FIELDS = (
    "name", "email", "language", "phone", "address", "tax_id", "currency",
    "payment_terms_days", "credit_limit_minor", "billing_name", "billing_email", "notes",
    "on_hold", "reminders_paused", "late_mode",
)
_INVOICE_FIELDS = (
    "number", "client_id", "issue_date", "due_date", "currency", "total_minor",
    "description", "draft", "void", "disputed", "reminders_paused",
)


def _client_row(client: Client) -> dict:
    row = {f: getattr(client, f) for f in _CLIENT_FIELDS}
    row["on_hold"] = int(client.on_hold)
    row["reminders_paused"] = int(client.reminders_paused)
    row["search_key"] = search.client_key(client.name, client.email, client.billing_name,
                                          client.billing_email)
    return row


def _invoice_row(invoice: Invoice) -> tuple[Invoice, dict]:
    """The invoice with its total taken from its lines (when it has any): base + VAT − IRPF
    (core/terms.py); a credit note's own total is 0 (its credit is a payment row of the
    invoice it corrects). And its column values."""
    if invoice.is_credit_note:
        invoice = replace(invoice, total_minor=0)
    elif invoice.lines:
        invoice = replace(invoice, total_minor=payable(invoice.lines, invoice.irpf_rate).total_minor)
    values = {f: getattr(invoice, f) for f in _INVOICE_FIELDS} | term_columns(invoice)
    values["issue_date"] = invoice.issue_date.isoformat()
    values["due_date"] = invoice.due_date.isoformat()
    for flag in ("draft", "void", "disputed", "reminders_paused"):
        values[flag] = int(values[flag])
    values["search_key"] = search.invoice_key(invoice.number, invoice.description)
    return invoice, values


def client_from_row(row: dict) -> Client:
    values = {f: row[f] for f in _CLIENT_FIELDS}
    values["on_hold"] = bool(values["on_hold"])
    values["reminders_paused"] = bool(values["reminders_paused"])
    return Client(id=row["id"], **values)


def invoice_from_row(row: dict, lines: tuple[InvoiceLine, ...] = ()) -> Invoice:
    return Invoice(
        id=row["id"],
        number=row["number"],
        client_id=row["client_id"],
        issue_date=dt.date.fromisoformat(row["issue_date"]),
        due_date=dt.date.fromisoformat(row["due_date"]),
        currency=row["currency"],
        total_minor=row["total_minor"],
        paid_minor=row["paid_minor"],
        description=row["description"],
        draft=bool(row["draft"]),
        void=bool(row["void"]),
        disputed=bool(row["disputed"]),
        reminders_paused=bool(row["reminders_paused"]),
        lines=lines,
        **term_fields(row),
    )


def payment_from_row(row: dict) -> Payment:
    return Payment(
        id=row["id"],
        invoice_id=row["invoice_id"],
        date=dt.date.fromisoformat(row["date"]),
        amount_minor=row["amount_minor"],
        method=row["method"],
        reference=row["reference"],
        **payment_fields(row),
    )


def _integrity_message(exc: sqlite3.IntegrityError, what: str) -> str:
    text = str(exc)
    if "invoices.number" in text:
        return _("An invoice numbered {number} already exists.").format(number=what)
    if "clients.name" in text:
        return _("A client named {name} already exists.").format(name=what)
    return _("The ledger refused this change ({error}).").format(error=text)


class Store:
    """Collector's records in one ledger."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger

    @property
    def db(self) -> Database:
        """The ledger's sqlite-utils Database (made on first use: see Ledger.db)."""
        return self.ledger.db

    def _query(self, sql: str, params: dict | tuple = ()) -> list[dict]:
        with self.ledger.read():
            return list(self.db.query(sql, params))

    def _one(self, sql: str, params: dict | tuple = ()) -> dict | None:
        rows = self._query(sql, params)
        return rows[0] if rows else None

    # -- settings --------------------------------------------------------------------------

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        row = self._one("SELECT value FROM settings WHERE key = ?", (key,))
        return row["value"] if row else default

    def settings(self, prefix: str = "") -> dict[str, str]:
        rows = self._query("SELECT key, value FROM settings WHERE key LIKE ? ESCAPE '\\'",
                           (prefix.replace("_", "\\_").replace("%", "\\%") + "%",))
        return {r["key"]: r["value"] for r in rows}

    def set_setting(self, key: str, value: str) -> None:
        with self.ledger.write() as db:
            db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    # -- clients ---------------------------------------------------------------------------

    def add_client(self, client: Client) -> Client:
        try:
            with self.ledger.write() as db:
                row = {**_client_row(client), "created_at": clock.row_stamp()}
                cur = db.execute(
                    f"INSERT INTO clients ({', '.join(row)}) "
                    f"VALUES ({', '.join('?' * len(row))})",
                    tuple(row.values()),
                )
        except sqlite3.IntegrityError as exc:
            raise StoreError(_integrity_message(exc, client.name)) from exc
        return replace(client, id=cur.lastrowid)

    def update_client(self, client: Client) -> Client:
        if client.id is None:
            raise ValueError("update_client needs a client with an id")
        row = _client_row(client)
        try:
            with self.ledger.write() as db:
                db.execute(
                    f"UPDATE clients SET {', '.join(f'{f} = ?' for f in row)} WHERE id = ?",
                    (*row.values(), client.id),
                )
        except sqlite3.IntegrityError as exc:
            raise StoreError(_integrity_message(exc, client.name)) from exc
        return client

    def get_client(self, client_id: int) -> Client:
        row = self._one("SELECT * FROM clients WHERE id = ?", (client_id,))
        if row is None:
            raise StoreError(_("There is no client #{id}.").format(id=client_id))
        return client_from_row(row)

    def find_client(self, name: str) -> Client | None:
        """The client of that name (case does not matter), or None."""
        row = self._one("SELECT * FROM clients WHERE name = ? COLLATE NOCASE", (name.strip(),))
        return client_from_row(row) if row else None

    def clients(self) -> list[Client]:
        return [client_from_row(r) for r in self._query("SELECT * FROM clients ORDER BY name")]

    def client_ids_by_name(self) -> dict[str, int]:
        """Every client's id under its name folded with nocase()."""
        return {nocase(r["name"]): r["id"] for r in self._query("SELECT id, name FROM clients")}

    # -- invoices --------------------------------------------------------------------------

    def add_invoice(self, invoice: Invoice) -> Invoice:
        """Add an invoice with its lines; with lines, the total is theirs (with tax)."""
        invoice, values = _invoice_row(invoice)
        values["created_at"] = clock.row_stamp()
        try:
            with self.ledger.write() as db:
                cur = db.execute(
                    f"INSERT INTO invoices ({', '.join(values)}) "
                    f"VALUES ({', '.join('?' * len(values))})",
                    tuple(values.values()),
                )
                invoice_id = cur.lastrowid
                db.conn.executemany(
                    "INSERT INTO invoice_lines (invoice_id, position, description, quantity, "
                    "unit_price_minor, tax_rate) VALUES (?, ?, ?, ?, ?, ?)",
                    [
                        (invoice_id, pos, line.description, str(line.quantity),
                         line.unit_price_minor, str(line.tax_rate))
                        for pos, line in enumerate(invoice.lines, 1)
                    ],
                )
        except sqlite3.IntegrityError as exc:
            raise StoreError(_integrity_message(exc, invoice.number)) from exc
        return replace(invoice, id=invoice_id, paid_minor=0)

    def _lines(self, invoice_id: int) -> tuple[InvoiceLine, ...]:
        return tuple(
            InvoiceLine(r["description"], Decimal(r["quantity"]), r["unit_price_minor"],
                        Decimal(r["tax_rate"]))
            for r in self._query(
                "SELECT * FROM invoice_lines WHERE invoice_id = ? ORDER BY position", (invoice_id,)
            )
        )

    def get_invoice(self, invoice_id: int) -> Invoice:
        row = self._one("SELECT * FROM invoices WHERE id = ?", (invoice_id,))
        if row is None:
            raise StoreError(_("There is no invoice #{id}.").format(id=invoice_id))
        return invoice_from_row(row, self._lines(invoice_id))

    def find_invoice(self, number: str) -> Invoice | None:
        row = self._one("SELECT * FROM invoices WHERE number = ? COLLATE NOCASE", (number.strip(),))
        return invoice_from_row(row, self._lines(row["id"])) if row else None

    def invoices_of(self, client_id: int) -> list[Invoice]:
        return [
            invoice_from_row(r)
            for r in self._query(
                "SELECT * FROM invoices WHERE client_id = ? ORDER BY issue_date, number",
                (client_id,),
            )
        ]

    def existing_numbers(self, numbers: Iterable[str]) -> set[str]:
        """Which of these invoice numbers the ledger has already (folded with nocase())."""
        found: set[str] = set()
        batch = list(dict.fromkeys(nocase(n.strip()) for n in numbers))
        with self.ledger.read() as db:
            for start in range(0, len(batch), 500):
                chunk = batch[start:start + 500]
                rows = db.execute(
                    f"SELECT number FROM invoices WHERE number IN ({', '.join('?' * len(chunk))})",
                    chunk,
                ).fetchall()
                found.update(nocase(r[0]) for r in rows)
        return found

    def set_invoice_flags(self, invoice_id: int, **flags: bool) -> None:
        allowed = {"draft", "void", "disputed", "reminders_paused"}
        if not flags or not set(flags) <= allowed:
            raise ValueError(f"flags must be among {sorted(allowed)}")
        with self.ledger.write() as db:
            db.execute(
                f"UPDATE invoices SET {', '.join(f'{k} = ?' for k in flags)} WHERE id = ?",
                (*(int(v) for v in flags.values()), invoice_id),
            )

    # -- payments --------------------------------------------------------------------------

    def add_payment(self, payment: Payment) -> Payment:
        """Record a payment; it may not exceed the invoice's balance."""
        with self.ledger.write() as db:
            row = db.execute(
                "SELECT number, total_minor - paid_minor, void, draft FROM invoices WHERE id = ?",
                (payment.invoice_id,),
            ).fetchone()
            if row is None:
                raise StoreError(_("There is no invoice #{id}.").format(id=payment.invoice_id))
            number, balance, void, draft = row
            if void:
                raise StoreError(
                    _("Invoice {number} is void; it takes no payments.").format(number=number))
            if draft:
                raise StoreError(
                    _("Invoice {number} is a draft; it takes no payments.").format(number=number))
            if payment.amount_minor <= 0:
                raise StoreError(_("A payment must be more than zero."))
            if payment.amount_minor > balance:
                raise StoreError(
                    _("The payment is more than the balance of invoice {number}.").format(
                        number=number)
                )
            cur = db.execute(
                "INSERT INTO payments (invoice_id, date, amount_minor, method, reference, "
                "created_at, kind, credit_note_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (payment.invoice_id, payment.date.isoformat(), payment.amount_minor,
                 payment.method, payment.reference, clock.row_stamp(), str(payment.kind),
                 payment.credit_note_id),
            )
            if payment.kind == PaymentKind.PAYMENT:  # paid in time: the discount, recorded
                record_discount(db, payment.invoice_id, payment.date)
            added = replace(payment, id=cur.lastrowid)
            for hook in PAYMENT_HOOKS:
                hook(self, added)
        return added

    def add_matched_payment(self, db: Database, payment: Payment, *, hooks: bool,
                            stamp: str | None = None) -> int:
        """Record a payment its caller has already checked inside the transaction it holds
        (a bank import's invoice index: open, not draft or void, within the balance) on an
        invoice with no early-payment discount: the insert alone, and PAYMENT_HOOKS only when
        the caller says so (*hooks*: a payment that clears its invoice with thank-yous on, the
        one case where a hook has work). A tenth of add_payment's work, for 50,000-line
        statements. Returns the payment's id."""
        payment_id = db.conn.execute(
            "INSERT INTO payments (invoice_id, date, amount_minor, method, reference, "
            "created_at, kind, credit_note_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (payment.invoice_id, payment.date.isoformat(), payment.amount_minor,
             payment.method, payment.reference, stamp or clock.row_stamp(), str(payment.kind),
             payment.credit_note_id),
        ).lastrowid
        if hooks:
            added = replace(payment, id=payment_id)
            for hook in PAYMENT_HOOKS:
                hook(self, added)
        return payment_id

    def payments_of(self, invoice_id: int) -> list[Payment]:
        return [
            payment_from_row(r)
            for r in self._query(
                "SELECT * FROM payments WHERE invoice_id = ? ORDER BY date, id", (invoice_id,)
            )
        ]

    # -- contact events --------------------------------------------------------------------

    def add_event(self, event: ContactEvent) -> ContactEvent:
        with self.ledger.write() as db:
            cur = db.execute(
                "INSERT INTO contact_events (client_id, at, kind, subject, body, stage, status, "
                "message_id, error, promised_date, promised_minor, search_key) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    event.client_id, event.at.isoformat(timespec="seconds"), str(event.kind),
                    event.subject, event.body, event.stage, str(event.status), event.message_id,
                    event.error,
                    event.promised_date.isoformat() if event.promised_date else None,
                    event.promised_minor, search.event_key(event.subject, event.body),
                ),
            )
            event_id = cur.lastrowid
            db.conn.executemany(
                "INSERT INTO contact_event_invoices (event_id, invoice_id) VALUES (?, ?)",
                [(event_id, inv) for inv in dict.fromkeys(event.invoice_ids)],
            )
        return replace(event, id=event_id)

    def set_event_status(
        self, event_id: int, status: EventStatus, *, message_id: str | None = None,
        error: str | None = None,
    ) -> None:
        """Change an event's status; message_id and error stay as they were unless given."""
        with self.ledger.write() as db:
            db.execute(
                "UPDATE contact_events SET status = ?, message_id = coalesce(?, message_id), "
                "error = coalesce(?, error) WHERE id = ?",
                (str(status), message_id, error, event_id),
            )

    def events_of(self, client_id: int) -> list[ContactEvent]:
        rows = self._query(
            "SELECT e.*, group_concat(ei.invoice_id) AS invoice_ids FROM contact_events e "
            "LEFT JOIN contact_event_invoices ei ON ei.event_id = e.id "
            "WHERE e.client_id = ? GROUP BY e.id ORDER BY e.at, e.id",
            (client_id,),
        )
        return [event_from_row(r) for r in rows]

    # -- reports ---------------------------------------------------------------------------

    def aging(self, as_of: dt.date) -> AgingReport:
        rows = self._query(
            f"SELECT currency, due_date, SUM(balance) AS balance FROM ({_open_as_of()}) "
            "WHERE balance > 0 GROUP BY currency, due_date",
            {"as_of": as_of.isoformat()},
        )
        return aging_from_groups(
            ((r["currency"], dt.date.fromisoformat(r["due_date"]), r["balance"]) for r in rows),
            as_of,
        )

    def overdue(self, as_of: dt.date, client_id: int | None = None) -> list[OverdueRow]:
        """Open invoices past due on *as_of*, most days overdue first."""
        sql = (
            "SELECT o.id, o.number, o.client_id, c.name, o.due_date, o.balance, o.currency "
            f"FROM ({_open_as_of('number', 'client_id')}) AS o JOIN clients AS c ON c.id = o.client_id "
            "WHERE o.balance > 0 AND o.due_date < :as_of"
            + (" AND o.client_id = :client_id" if client_id is not None else "")
            + " ORDER BY o.due_date, o.number"
        )
        params = {"as_of": as_of.isoformat(), "client_id": client_id}
        with self.ledger.read() as db:
            rows = db.execute(sql, params).fetchall()
        # A few thousand distinct due dates stand for tens of thousands of rows: parse and
        # count days once per date.
        days: dict[str, tuple[dt.date, int]] = {}
        out = []
        for inv_id, number, cid, name, due, balance, currency in rows:
            if due not in days:
                due_date = dt.date.fromisoformat(due)
                days[due] = (due_date, days_overdue(due_date, as_of))
            due_date, late = days[due]
            out.append(OverdueRow(inv_id, number, cid, name, due_date, late, balance, currency))
        return out

    def counts(self) -> dict[str, int]:
        with self.ledger.read() as db:
            return {
                table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("clients", "invoices", "payments", "contact_events")
            }

    # -- window support --------------------------------------------------------------------
    # Writes the main window needs; each is one transaction.

    def delete_draft_invoice(self, invoice_id: int) -> Invoice:
        """Delete a draft (with its lines); returns it as it was. Issued invoices are voided,
        never deleted, so the numbering keeps no holes a client could ask about."""
        invoice = self.get_invoice(invoice_id)
        with self.ledger.write() as db:
            row = db.execute(
                "SELECT draft, (SELECT count(*) FROM payments WHERE invoice_id = :id), "
                "(SELECT count(*) FROM contact_event_invoices WHERE invoice_id = :id) "
                "FROM invoices WHERE id = :id", {"id": invoice_id},
            ).fetchone()
            if row is None:
                raise StoreError(_("There is no invoice #{id}.").format(id=invoice_id))
            draft, payments, events = row
            if not draft:
                raise StoreError(_("Invoice {number} is not a draft; void it instead.").format(
                    number=invoice.number))
            if payments or events:
                raise StoreError(_("Draft {number} has payments or contact history; "
                                   "it cannot be deleted.").format(number=invoice.number))
            db.execute("DELETE FROM invoices WHERE id = ?", (invoice_id,))
        return invoice

    def delete_client(self, client_id: int) -> Client:
        """Delete a client that has no invoices (and its contact notes); returns it."""
        client = self.get_client(client_id)
        with self.ledger.write() as db:
            n = db.execute("SELECT count(*) FROM invoices WHERE client_id = ?",
                           (client_id,)).fetchone()[0]
            if n:
                raise StoreError(
                    ngettext("{name} has {n} invoice; a client with invoices cannot be deleted.",
                             "{name} has {n} invoices; a client with invoices cannot be deleted.",
                             n).format(name=client.name, n=n)
                )
            db.execute("DELETE FROM contact_events WHERE client_id = ?", (client_id,))
            db.execute("DELETE FROM clients WHERE id = ?", (client_id,))
        return client

    def restore_client(self, client: Client) -> Client:
        """Put back a deleted client under its old id (what undoing a delete needs)."""
        if client.id is None:
            raise ValueError("restore_client needs the client's old id")
        row = _client_row(client)
        try:
            with self.ledger.write() as db:
                db.execute(
                    f"INSERT INTO clients (id, {', '.join(row)}) "
                    f"VALUES (?, {', '.join('?' * len(row))})",
                    (client.id, *row.values()),
                )
        except sqlite3.IntegrityError as exc:
            raise StoreError(_integrity_message(exc, client.name)) from exc
        return client

    def set_client_flags(self, client_id: int, **flags: bool) -> None:
        allowed = {"on_hold", "reminders_paused"}
        if not flags or not set(flags) <= allowed:
            raise ValueError(f"flags must be among {sorted(allowed)}")
        with self.ledger.write() as db:
            cur = db.execute(
                f"UPDATE clients SET {', '.join(f'{k} = ?' for k in flags)} WHERE id = ?",
                (*(int(v) for v in flags.values()), client_id),
            )
            if cur.rowcount == 0:
                raise StoreError(_("There is no client #{id}.").format(id=client_id))

    def set_credit_limit(self, client_id: int, limit_minor: int | None) -> None:
        if limit_minor is not None and limit_minor < 0:
            raise StoreError(_("A credit limit cannot be negative."))
        with self.ledger.write() as db:
            cur = db.execute("UPDATE clients SET credit_limit_minor = ? WHERE id = ?",
                             (limit_minor, client_id))
            if cur.rowcount == 0:
                raise StoreError(_("There is no client #{id}.").format(id=client_id))

    def update_invoice(self, invoice: Invoice) -> Invoice:
        """Change an invoice and replace its lines; the total may not drop below what was paid."""
        if invoice.id is None:
            raise ValueError("update_invoice needs an invoice with an id")
        invoice, values = _invoice_row(invoice)
        try:
            with self.ledger.write() as db:
                paid = db.execute("SELECT paid_minor FROM invoices WHERE id = ?",
                                  (invoice.id,)).fetchone()
                if paid is None:
                    raise StoreError(_("There is no invoice #{id}.").format(id=invoice.id))
                if invoice.total_minor < paid[0]:
                    raise StoreError(_("Invoice {number}: the new total is less than "
                                       "what was already paid.").format(number=invoice.number))
                if paid[0] and invoice.draft:
                    raise StoreError(_("Invoice {number} has payments; it cannot "
                                       "become a draft again.").format(number=invoice.number))
                db.execute(
                    f"UPDATE invoices SET {', '.join(f'{k} = ?' for k in values)} WHERE id = ?",
                    (*values.values(), invoice.id),
                )
                db.execute("DELETE FROM invoice_lines WHERE invoice_id = ?", (invoice.id,))
                db.conn.executemany(
                    "INSERT INTO invoice_lines (invoice_id, position, description, quantity, "
                    "unit_price_minor, tax_rate) VALUES (?, ?, ?, ?, ?, ?)",
                    [
                        (invoice.id, pos, line.description, str(line.quantity),
                         line.unit_price_minor, str(line.tax_rate))
                        for pos, line in enumerate(invoice.lines, 1)
                    ],
                )
        except sqlite3.IntegrityError as exc:
            raise StoreError(_integrity_message(exc, invoice.number)) from exc
        return self.get_invoice(invoice.id)

    def delete_payment(self, payment_id: int) -> Payment:
        """Remove a payment recorded by mistake (undo of "Record payment"); returns it."""
        row = self._one("SELECT * FROM payments WHERE id = ?", (payment_id,))
        if row is None:
            raise StoreError(_("There is no payment #{id}.").format(id=payment_id))
        with self.ledger.write() as db:
            db.execute("DELETE FROM payments WHERE id = ?", (payment_id,))
            if row["kind"] == PaymentKind.PAYMENT:
                drop_discount(db, row["invoice_id"])
        return payment_from_row(row)

    def delete_event(self, event_id: int) -> None:
        """Remove a contact event logged by mistake (undo of a logged call, note, promise)."""
        with self.ledger.write() as db:
            db.execute("DELETE FROM contact_events WHERE id = ?", (event_id,))


def event_from_row(row: dict) -> ContactEvent:
    ids = row.get("invoice_ids")
    return ContactEvent(
        id=row["id"],
        client_id=row["client_id"],
        at=dt.datetime.fromisoformat(row["at"]),
        kind=EventKind(row["kind"]),
        subject=row["subject"],
        body=row["body"],
        invoice_ids=tuple(sorted(int(i) for i in ids.split(","))) if ids else (),
        stage=row["stage"],
        status=EventStatus(row["status"]),
        message_id=row["message_id"],
        error=row["error"],
        promised_date=dt.date.fromisoformat(row["promised_date"]) if row["promised_date"] else None,
        promised_minor=row["promised_minor"],
    )
