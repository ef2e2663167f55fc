"""Record operations: what a user does to clients, invoices, payments and contacts, and
importing, exporting and backing up records.

The window and the command line call these same functions. Each write returns an `OpResult`:
its value and the `Changes` it made (the tables and ids touched), so that the window knows
what to read again and what its undo entry takes back. Every write is one transaction
(`Store` methods are).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Generic, TypeVar

from collector_gui.core.model import Client, ContactEvent, Invoice, Payment
from collector_gui.core.progress import Task
from collector_gui.ledger.database import Ledger
from collector_gui.ledger.store import Store

if TYPE_CHECKING:  # the CSV reader and writer load on first use, not with the window
    from collector_gui.ledger import csvio

T = TypeVar("T")

TABLES = ("clients", "invoices", "invoice_lines", "payments", "contact_events", "settings")


@dataclass(frozen=True)
class Changes:
    """What a write touched: table -> the ids written (empty: the table as a whole)."""

    ids: Mapping[str, frozenset[int]] = field(default_factory=dict)

    @classmethod
    def of(cls, **tables: Iterable[int]) -> Changes:
        return cls({name: frozenset(ids) for name, ids in tables.items()})

    @classmethod
    def everything(cls) -> Changes:
        """Any table may have changed (an import, a restore, a write made elsewhere)."""
        return cls({name: frozenset() for name in TABLES})

    @property
    def tables(self) -> frozenset[str]:
        return frozenset(self.ids)

    def touches(self, *tables: str) -> bool:
        return any(t in self.ids for t in tables)

    def __or__(self, other: Changes) -> Changes:
        merged = {k: frozenset(v) for k, v in self.ids.items()}
        for k, v in other.ids.items():
            merged[k] = merged.get(k, frozenset()) | v
        return Changes(merged)

    def __bool__(self) -> bool:
        return bool(self.ids)


NO_CHANGES = Changes()


@dataclass(frozen=True)
class OpResult(Generic[T]):
    """An operation's value and what it changed in the ledger."""

    value: T
    changes: Changes = NO_CHANGES


# -- flags ------------------------------------------------------------------------------------

def set_invoice_flags(store: Store, invoice_id: int, **flags: bool) -> OpResult[dict[str, bool]]:
    """Set flags (draft, void, disputed, reminders_paused); the value is what they were."""
    with store.ledger.write():  # what they were and the change, in one transaction
        invoice = store.get_invoice(invoice_id)
        before = {name: bool(getattr(invoice, name)) for name in flags}
        store.set_invoice_flags(invoice_id, **flags)
    return OpResult(before, Changes.of(invoices=[invoice_id]))


def set_client_flags(store: Store, client_id: int, **flags: bool) -> OpResult[dict[str, bool]]:
    with store.ledger.write():
        client = store.get_client(client_id)
        before = {name: bool(getattr(client, name)) for name in flags}
        store.set_client_flags(client_id, **flags)
    return OpResult(before, Changes.of(clients=[client_id]))


# -- records ----------------------------------------------------------------------------------

def save_client(store: Store, client: Client) -> OpResult[Client]:
    saved = store.add_client(client) if client.id is None else store.update_client(client)
    return OpResult(saved, Changes.of(clients=[saved.id]))


def save_invoice(store: Store, invoice: Invoice) -> OpResult[Invoice]:
    saved = store.add_invoice(invoice) if invoice.id is None else store.update_invoice(invoice)
    return OpResult(saved, Changes.of(invoices=[saved.id], invoice_lines=[]))


def delete_draft(store: Store, invoice_id: int) -> OpResult[Invoice]:
    gone = store.delete_draft_invoice(invoice_id)
    return OpResult(gone, Changes.of(invoices=[invoice_id], invoice_lines=[]))


def delete_client(store: Store, client_id: int) -> OpResult[Client]:
    gone = store.delete_client(client_id)
    return OpResult(gone, Changes.of(clients=[client_id], contact_events=[]))


def add_payment(store: Store, payment: Payment) -> OpResult[Payment]:
    added = store.add_payment(payment)
    # contact_events: the payment may have queued a thank-you in the outbox (actions/thanks.py)
    return OpResult(added, Changes.of(payments=[added.id], invoices=[added.invoice_id],
                                      contact_events=[]))


def delete_payment(store: Store, payment_id: int) -> OpResult[Payment]:
    gone = store.delete_payment(payment_id)
    return OpResult(gone, Changes.of(payments=[payment_id], invoices=[gone.invoice_id]))


def add_event(store: Store, event: ContactEvent) -> OpResult[ContactEvent]:
    added = store.add_event(event)
    return OpResult(added, Changes.of(contact_events=[added.id]))


def delete_event(store: Store, event_id: int) -> OpResult[None]:
    store.delete_event(event_id)
    return OpResult(None, Changes.of(contact_events=[event_id]))


# -- files ------------------------------------------------------------------------------------

def import_file(store: Store, kind: str, path: str, *, dry_run: bool = False,
                today: dt.date | None = None, task: Task | None = None,
                stdin: IO[bytes] | None = None) -> csvio.ImportReport:
    """Import a CSV file (or `-` for standard input): all rows, or none and a report."""
    from collector_gui.ledger import csvio

    data = csvio.read_source(path, stdin)
    return csvio.import_csv(store, kind, data, file=path if path != "-" else "<stdin>",
                            dry_run=dry_run, today=today, task=task)


def import_records(store: Store, kind: str, path: str, *, today: dt.date | None = None,
                   task: Task | None = None) -> OpResult[csvio.ImportReport]:
    """`import_file` for the window: the report, and every table as changed."""
    report = import_file(store, kind, path, today=today, task=task)
    return OpResult(report, Changes.everything())


def export_file(store: Store, kind: str, out: IO[str], *, task: Task | None = None) -> int:
    from collector_gui.ledger import csvio

    return csvio.export_csv(store, kind, out, task=task)


def backup(ledger: Ledger, dest: Path | str | None = None) -> Path:
    """A consistent copy of the ledger (SQLite's backup API), checked before it is kept."""
    return ledger.backup(dest)
