"""Ordered schema steps. A released step is never edited: add a new one instead.

Each step sets `PRAGMA user_version` to its number, so a ledger written by a newer
Collector (a higher number than the last step here) is recognised and left alone.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from collector_gui.core import search
from collector_gui.ledger.schema import APPLICATION_ID, SCHEMA_VERSION  # noqa: F401 (known here)

migrations = Migrations("collector")


@migrations()
def m001_initial(db: Database) -> None:
    # One statement at a time: executescript() would COMMIT the migration's transaction.
    for statement in _M001.split(";\n\n"):
        if statement.strip():
            db.execute(statement)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute("PRAGMA user_version = 1")


_M001 = """
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE clients (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(trim(name)) > 0),
    email TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'es')),
    phone TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    tax_id TEXT NOT NULL DEFAULT '',
    currency TEXT NOT NULL DEFAULT 'EUR',
    payment_terms_days INTEGER NOT NULL DEFAULT 30 CHECK (payment_terms_days >= 0),
    credit_limit_minor INTEGER CHECK (credit_limit_minor IS NULL OR credit_limit_minor >= 0),
    billing_name TEXT NOT NULL DEFAULT '',
    billing_email TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    on_hold INTEGER NOT NULL DEFAULT 0,
    reminders_paused INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL DEFAULT (datetime('now'))
);

CREATE TABLE invoices (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(trim(number)) > 0),
    client_id INTEGER NOT NULL REFERENCES clients(id),
    issue_date TEXT NOT NULL CHECK (date(issue_date) IS issue_date),
    due_date TEXT NOT NULL CHECK (date(due_date) IS due_date AND due_date >= issue_date),
    currency TEXT NOT NULL,
    total_minor INTEGER NOT NULL CHECK (total_minor >= 0),
    -- kept equal to the sum of the invoice's payments by the triggers below
    paid_minor INTEGER NOT NULL DEFAULT 0 CHECK (paid_minor >= 0 AND paid_minor <= total_minor),
    description TEXT NOT NULL DEFAULT '',
    draft INTEGER NOT NULL DEFAULT 0,
    void INTEGER NOT NULL DEFAULT 0,
    disputed INTEGER NOT NULL DEFAULT 0,
    reminders_paused INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL DEFAULT (datetime('now'))
);

CREATE INDEX invoices_client ON invoices(client_id);

-- Open invoices only, covering what aging and the overdue list read.
CREATE INDEX invoices_open ON invoices(due_date, currency, issue_date, total_minor, paid_minor)
    WHERE draft = 0 AND void = 0 AND paid_minor < total_minor;

CREATE TABLE invoice_lines (
    id INTEGER PRIMARY KEY,
    invoice_id INTEGER NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    description TEXT NOT NULL,
    quantity TEXT NOT NULL,
    unit_price_minor INTEGER NOT NULL,
    tax_rate TEXT NOT NULL DEFAULT '0'
);

CREATE INDEX invoice_lines_invoice ON invoice_lines(invoice_id, position);

CREATE TABLE payments (
    id INTEGER PRIMARY KEY,
    invoice_id INTEGER NOT NULL REFERENCES invoices(id),
    date TEXT NOT NULL CHECK (date(date) IS date),
    amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
    method TEXT NOT NULL DEFAULT '',
    reference TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT (datetime('now'))
);

CREATE INDEX payments_invoice ON payments(invoice_id);

-- Covering: aging as of a date adds back the payments made after it.
CREATE INDEX payments_date ON payments(date, invoice_id, amount_minor);

CREATE TRIGGER payments_after_insert AFTER INSERT ON payments BEGIN
    UPDATE invoices SET paid_minor = paid_minor + NEW.amount_minor WHERE id = NEW.invoice_id;
END;

CREATE TRIGGER payments_after_delete AFTER DELETE ON payments BEGIN
    UPDATE invoices SET paid_minor = paid_minor - OLD.amount_minor WHERE id = OLD.invoice_id;
END;

CREATE TRIGGER payments_after_update AFTER UPDATE OF amount_minor, invoice_id ON payments BEGIN
    UPDATE invoices SET paid_minor = paid_minor - OLD.amount_minor WHERE id = OLD.invoice_id;
    UPDATE invoices SET paid_minor = paid_minor + NEW.amount_minor WHERE id = NEW.invoice_id;
END;

CREATE TABLE contact_events (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients(id),
    at TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('email', 'letter', 'call', 'note', 'promise')),
    subject TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    stage TEXT,
    status TEXT NOT NULL DEFAULT 'logged'
        CHECK (status IN ('logged', 'queued', 'sent', 'failed', 'saved')),
    message_id TEXT NOT NULL DEFAULT '',
    error TEXT NOT NULL DEFAULT '',
    promised_date TEXT CHECK (promised_date IS NULL OR date(promised_date) IS promised_date),
    promised_minor INTEGER
);

CREATE INDEX contact_events_client ON contact_events(client_id, at);

CREATE INDEX contact_events_at ON contact_events(at);

CREATE TABLE contact_event_invoices (
    event_id INTEGER NOT NULL REFERENCES contact_events(id) ON DELETE CASCADE,
    invoice_id INTEGER NOT NULL REFERENCES invoices(id),
    PRIMARY KEY (event_id, invoice_id)
) WITHOUT ROWID;

CREATE INDEX contact_event_invoices_invoice ON contact_event_invoices(invoice_id)
"""

@migrations()
def m002_outbox_unknown(db: Database) -> None:
    """Emails whose delivery is unknown (status 'unknown': the server took the whole message
    and its answer never came), and the balance each reminder quoted per invoice (to notice,
    before a message waiting in the outbox is sent again, that its figures changed).

    SQLite cannot loosen a CHECK in place, and foreign keys stay on inside the migration's
    transaction: so the two tables are renamed aside (the link table's reference follows),
    made again under their names, filled, and the old ones dropped children first.
    """
    for statement in _M002.split(";\n\n"):
        if statement.strip():
            db.execute(statement)
    db.execute("PRAGMA user_version = 2")


_M002 = """
ALTER TABLE contact_event_invoices RENAME TO contact_event_invoices_v1;

ALTER TABLE contact_events RENAME TO contact_events_v1;

CREATE TABLE contact_events (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients(id),
    at TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('email', 'letter', 'call', 'note', 'promise')),
    subject TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    stage TEXT,
    status TEXT NOT NULL DEFAULT 'logged'
        CHECK (status IN ('logged', 'queued', 'sent', 'failed', 'saved', 'unknown')),
    message_id TEXT NOT NULL DEFAULT '',
    error TEXT NOT NULL DEFAULT '',
    promised_date TEXT CHECK (promised_date IS NULL OR date(promised_date) IS promised_date),
    promised_minor INTEGER
);

INSERT INTO contact_events SELECT id, client_id, at, kind, subject, body, stage, status,
    message_id, error, promised_date, promised_minor FROM contact_events_v1;

CREATE TABLE contact_event_invoices (
    event_id INTEGER NOT NULL REFERENCES contact_events(id) ON DELETE CASCADE,
    invoice_id INTEGER NOT NULL REFERENCES invoices(id),
    -- the invoice's balance as the message quoted it (reminders written from version 2 on)
    balance_minor INTEGER,
    PRIMARY KEY (event_id, invoice_id)
) WITHOUT ROWID;

INSERT INTO contact_event_invoices (event_id, invoice_id)
    SELECT event_id, invoice_id FROM contact_event_invoices_v1;

DROP TABLE contact_event_invoices_v1;

DROP TABLE contact_events_v1;

CREATE INDEX contact_events_client ON contact_events(client_id, at);

CREATE INDEX contact_events_at ON contact_events(at);

CREATE INDEX contact_event_invoices_invoice ON contact_event_invoices(invoice_id)
"""

@migrations()
def m003_client_late_mode(db: Database) -> None:
    """Late charges per client: '' follows the business's `late.mode`, 'off' charges this
    client nothing (a consumer, a client you won't charge), any other mode overrides it."""
    db.execute("ALTER TABLE clients ADD COLUMN late_mode TEXT NOT NULL DEFAULT ''")
    db.execute("PRAGMA user_version = 3")


@migrations()
def m004_bank_statements(db: Database) -> None:
    """Bank statements: each imported file, each credit line read from one (known by a unique
    key, so a statement imported twice or two that overlap record nothing twice), what was
    done with it and the payments it recorded, the payers the user taught (IBAN or name ->
    client), and the CSV column mappings saved per bank."""
    for statement in _M004.split(";\n\n"):
        if statement.strip():
            db.execute(statement)
    db.execute("PRAGMA user_version = 4")


_M004 = """
CREATE TABLE bank_imports (
    id INTEGER PRIMARY KEY,
    imported_at TEXT NOT NULL,
    file_name TEXT NOT NULL DEFAULT '',
    format TEXT NOT NULL,
    account TEXT NOT NULL DEFAULT '',
    bank TEXT NOT NULL DEFAULT '',
    first_date TEXT,
    last_date TEXT,
    lines INTEGER NOT NULL DEFAULT 0,
    recorded INTEGER NOT NULL DEFAULT 0,
    proposed INTEGER NOT NULL DEFAULT 0,
    unmatched INTEGER NOT NULL DEFAULT 0,
    ignored INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX bank_imports_at ON bank_imports(imported_at);

CREATE TABLE bank_lines (
    id INTEGER PRIMARY KEY,
    import_id INTEGER NOT NULL REFERENCES bank_imports(id),
    -- account | booking date | amount | bank reference (or a digest of the text and rank)
    line_key TEXT NOT NULL UNIQUE,
    account TEXT NOT NULL DEFAULT '',
    booking_date TEXT NOT NULL CHECK (date(booking_date) IS booking_date),
    value_date TEXT,
    amount_minor INTEGER NOT NULL,
    currency TEXT NOT NULL,
    text TEXT NOT NULL DEFAULT '',
    reference TEXT NOT NULL DEFAULT '',
    payer_name TEXT NOT NULL DEFAULT '',
    payer_iban TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL
        CHECK (status IN ('recorded', 'proposed', 'unmatched', 'accepted', 'rejected')),
    reason TEXT NOT NULL DEFAULT '',
    client_id INTEGER REFERENCES clients(id) ON DELETE SET NULL,
    decided_at TEXT
);

CREATE INDEX bank_lines_status ON bank_lines(status) WHERE status IN ('proposed', 'unmatched');

CREATE TABLE bank_line_invoices (
    line_id INTEGER NOT NULL REFERENCES bank_lines(id) ON DELETE CASCADE,
    invoice_id INTEGER NOT NULL REFERENCES invoices(id),
    amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
    -- the payment recorded (NULL while only proposed, or once the user deleted it)
    payment_id INTEGER REFERENCES payments(id) ON DELETE SET NULL,
    PRIMARY KEY (line_id, invoice_id)
) WITHOUT ROWID;

CREATE INDEX bank_line_invoices_invoice ON bank_line_invoices(invoice_id);

CREATE INDEX bank_line_invoices_payment ON bank_line_invoices(payment_id);

CREATE TABLE bank_payers (
    kind TEXT NOT NULL CHECK (kind IN ('iban', 'name')),
    payer TEXT NOT NULL,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    learnt_at TEXT NOT NULL,
    PRIMARY KEY (kind, payer)
) WITHOUT ROWID;

CREATE TABLE bank_csv_maps (
    bank TEXT PRIMARY KEY COLLATE NOCASE,
    mapping TEXT NOT NULL
)
"""



@migrations()
def m005_search_keys(db: Database) -> None:
    """Search keys: each searched row keeps its searched columns folded (no case, no accents,
    any script; core/search.fold), because LIKE folds only ASCII. Filled here for the rows
    there are; every write of a searched column keeps its key in step (ledger/store.py,
    csvio.py). No index: a search looks for the text anywhere in the key."""
    db.execute("ALTER TABLE clients ADD COLUMN search_key TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE invoices ADD COLUMN search_key TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE contact_events ADD COLUMN search_key TEXT NOT NULL DEFAULT ''")
    fills = [
        ("clients", "name, email, billing_name, billing_email", search.client_key),
        ("invoices", "number, description", search.invoice_key),
        ("contact_events", "subject, body", search.event_key),
    ]
    for table, columns, make_key in fills:
        cursor = db.execute(f"SELECT id, {columns} FROM {table}")
        while batch := cursor.fetchmany(5000):
            db.conn.executemany(f"UPDATE {table} SET search_key = ? WHERE id = ?",
                                [(make_key(*row[1:]), row[0]) for row in batch])
    db.execute("PRAGMA user_version = 5")


@migrations()
def m006_invoice_terms(db: Database) -> None:
    """What an invoice really asks: IRPF withheld on the base (the invoice's total becomes
    base + VAT − IRPF from now on; older invoices withheld nothing, '0'), early-payment
    discount terms (percent, days from issue), credit notes (kind 'credit_note', the invoice
    corrected and why), and what took an amount off a balance: a payment, a credit note's
    credit or an earned discount (payments.kind, with the credit note's id)."""
    for statement in _M006.split(";\n\n"):
        if statement.strip():
            db.execute(statement)
    db.execute("PRAGMA user_version = 6")


_M006 = """
ALTER TABLE invoices ADD COLUMN irpf_rate TEXT NOT NULL DEFAULT '0';

ALTER TABLE invoices ADD COLUMN discount_percent TEXT NOT NULL DEFAULT '0';

ALTER TABLE invoices ADD COLUMN discount_days INTEGER NOT NULL DEFAULT 0
    CHECK (discount_days >= 0);

ALTER TABLE invoices ADD COLUMN kind TEXT NOT NULL DEFAULT 'invoice'
    CHECK (kind IN ('invoice', 'credit_note'));

ALTER TABLE invoices ADD COLUMN corrects_id INTEGER REFERENCES invoices(id);

ALTER TABLE invoices ADD COLUMN reason TEXT NOT NULL DEFAULT '';

CREATE INDEX invoices_corrects ON invoices(corrects_id) WHERE corrects_id IS NOT NULL;

ALTER TABLE payments ADD COLUMN kind TEXT NOT NULL DEFAULT 'payment'
    CHECK (kind IN ('payment', 'credit', 'discount'));

ALTER TABLE payments ADD COLUMN credit_note_id INTEGER REFERENCES invoices(id)
"""

# SCHEMA_VERSION, the number of the last step above, is in schema.py (a test checks they agree).
