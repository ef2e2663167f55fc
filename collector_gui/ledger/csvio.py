"""CSV import (all-or-nothing, with a row-by-row report) and export.

An import reads the whole file, checks every row (on its own, against the other rows and
against the ledger) and collects every problem as `FILE:LINE: column: reason`. Only when
there is none does it write, in one transaction; a cancel or a failure rolls it all back.

Export writes the columns import reads (so a file round-trips), and defuses cells that a
spreadsheet would run as a formula by putting a `'` in front; import takes that `'` off.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import io
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from collector_gui.core import clock, search
from collector_gui.core import settings as S
from collector_gui.core.errors import CollectorError
from collector_gui.core.i18n import _, ngettext
from collector_gui.core.fields import (
    FieldError,
    parse_amount,
    parse_currency,
    parse_date,
    parse_email,
    parse_language,
    parse_name,
    parse_terms_days,
)
from collector_gui.core.money import minor_to_string
from collector_gui.core.settings import Settings
from collector_gui.core.progress import Task
from collector_gui.ledger import csv_terms
from collector_gui.ledger.store import Store, invoice_from_row, nocase

KINDS = ("clients", "invoices", "payments")
EXPORT_KINDS = (*KINDS, "contacts")

CLIENT_COLUMNS = ("name", "email", "language", "phone", "address", "tax_id", "currency",
                  "payment_terms_days", "credit_limit", "billing_name", "billing_email", "notes")
INVOICE_COLUMNS = ("number", "client", "issue_date", "due_date", "currency", "total",
                   "description", *csv_terms.TERM_COLUMNS)
PAYMENT_COLUMNS = ("invoice", "date", "amount", "method", "reference")
REQUIRED = {
    "clients": ("name",),
    "invoices": ("number", "client", "issue_date", "due_date", "currency"),  # + total or net
    "payments": ("invoice", "date", "amount"),
}
ACCEPTED = {"clients": CLIENT_COLUMNS, "invoices": INVOICE_COLUMNS + csv_terms.IMPORT_ONLY,
            "payments": PAYMENT_COLUMNS}
# Columns export adds for people reading the file; import passes over them quietly.
EXPORT_ONLY = {"invoices": ("paid", "balance", "status"), "clients": (), "payments": ()}

_FORMULA_RE = re.compile(r"'*[=+\-@\t\r]")
_QUOTED_FORMULA_RE = re.compile(r"'+[=+\-@\t\r]")
_WRITE_BATCH = 1000
# A line ends in CR LF, LF or CR alone (old Mac files), as csv.reader counts them.
_LINE_BREAK_B = re.compile(rb"\r\n|\r|\n")


def defuse(value: str) -> str:
    """Make a cell that a spreadsheet would run as a formula plain text."""
    return "'" + value if _FORMULA_RE.match(value) else value


def undefuse(value: str) -> str:
    """Undo defuse() (exactly: undefuse(defuse(v)) == v for every v)."""
    return value[1:] if _QUOTED_FORMULA_RE.match(value) else value


@dataclass(frozen=True, slots=True)
class RowError:
    line: int
    column: str
    reason: str

    def format(self, file: str) -> str:
        return f"{file}:{self.line}: {self.column}: {self.reason}"


@dataclass
class ImportReport:
    kind: str
    file: str
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    created_clients: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    dry_run: bool = False
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def error_lines(self) -> list[str]:
        return [e.format(self.file) for e in sorted(self.errors, key=lambda e: e.line)]

    def summary(self) -> str:
        """One line for a person: what was (or would be) imported, or how many problems.

        Made of whole clauses, each translated on its own, joined by "; " and ended by ".".
        """
        if self.errors:
            return _("{file}: {problems} in {rows}; nothing was imported.").format(
                file=self.file,
                problems=ngettext("{n} problem", "{n} problems", len(self.errors)).format(
                    n=len(self.errors)),
                rows=ngettext("{n} row", "{n} rows", self.rows).format(n=self.rows))
        clauses = [_imported(self.kind, self.dry_run, self.rows, self.file)]
        if self.created_clients:
            n = len(self.created_clients)
            names = ", ".join(self.created_clients[:10])
            if n > 10:
                names = _("{names} and {n} more").format(names=names, n=n - 10)
            if self.dry_run:
                clauses.append(ngettext("would create {n} new client: {names}",
                                        "would create {n} new clients: {names}", n
                                        ).format(n=n, names=names))
            else:
                clauses.append(ngettext("created {n} new client: {names}",
                                        "created {n} new clients: {names}", n
                                        ).format(n=n, names=names))
        if self.ignored_columns:
            clauses.append(ngettext("ignored unknown column: {columns}",
                                    "ignored unknown columns: {columns}",
                                    len(self.ignored_columns)
                                    ).format(columns=", ".join(self.ignored_columns)))
        return "; ".join(clauses) + "."


def _imported(kind: str, dry_run: bool, n: int, file: str) -> str:
    """The first clause of ImportReport.summary(): what was (or would be) imported."""
    if kind == "clients":
        text = (ngettext("{file}: would import {n} client", "{file}: would import {n} clients", n)
                if dry_run else
                ngettext("{file}: imported {n} client", "{file}: imported {n} clients", n))
    elif kind == "invoices":
        text = (ngettext("{file}: would import {n} invoice", "{file}: would import {n} invoices",
                         n)
                if dry_run else
                ngettext("{file}: imported {n} invoice", "{file}: imported {n} invoices", n))
    else:
        text = (ngettext("{file}: would import {n} payment", "{file}: would import {n} payments",
                         n)
                if dry_run else
                ngettext("{file}: imported {n} payment", "{file}: imported {n} payments", n))
    return text.format(file=file, n=n)


class ImportFailed(CollectorError):
    """Raised by import_csv(strict=True) when any row is wrong (carries the report)."""

    def __init__(self, report: ImportReport) -> None:
        super().__init__(report.summary())
        self.report = report


# -- reading ---------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Row:
    line: int
    values: dict[str, str]


_DECODE_SLICE = 1 << 20


def _not_utf8_at(data: bytes) -> int | None:
    """Where *data* stops being UTF-8 (a byte offset), or None when it all is. Checked a
    megabyte at a time: one decode of a whole 100,000-row file is a single C call that held
    the GIL ~20 ms, and the window's thread with it (bench_stalls.py)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(data)
    for start in range(0, len(data), _DECODE_SLICE):
        pending = len(decoder.getstate()[0])
        try:
            decoder.decode(view[start:start + _DECODE_SLICE],
                           final=start + _DECODE_SLICE >= len(data))
        except UnicodeDecodeError as exc:
            return start - pending + exc.start
    return None


def _read(data: bytes, kind: str, report: ImportReport) -> list[_Row]:
    """Decode and split the file; file-level problems go into the report."""
    bad = _not_utf8_at(data)
    if bad is not None:
        line = len(_LINE_BREAK_B.findall(data, 0, bad)) + 1
        report.errors.append(RowError(line, "-", _("the file is not UTF-8 text (save it as "
                                                    "CSV UTF-8 and try again)")))
        return []
    nul = data.find(b"\x00")  # (in UTF-8 a 0 byte is only ever the NUL character)
    if nul >= 0:
        line = len(_LINE_BREAK_B.findall(data, 0, nul)) + 1
        report.errors.append(
            RowError(line, "-", _("the file holds a NUL byte: it is not a CSV file")))
        return []
    # Decoded as the reader goes, 8 KB at a time: a StringIO of the whole text was another
    # single C call of ~30 ms at 100,000 rows with the GIL held.
    reader = csv.reader(io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", newline=""),
                        strict=True)
    rows: list[_Row] = []
    header: list[str] | None = None
    line = 1
    try:
        for record in reader:
            start, line = line, reader.line_num + 1
            if header is None:
                header = [h.strip().lower() for h in record]
                if not _check_header(header, kind, report):
                    return []
                continue
            if not any(cell.strip() for cell in record):
                continue
            if len(record) != len(header):
                report.errors.append(RowError(
                    start, "-", ngettext("{n} field, but the header has {header}",
                                         "{n} fields, but the header has {header}",
                                         len(record)).format(n=len(record), header=len(header))))
                continue
            rows.append(_Row(start, {h: undefuse(v.strip()) for h, v in zip(header, record)}))
    except csv.Error as exc:
        report.errors.append(RowError(line, "-", _("not valid CSV ({error}); nothing after "
                                                   "this line was read").format(error=exc)))
    if header is None:
        report.errors.append(RowError(1, "-", _("the file is empty (a header row is needed)")))
    return rows


def _check_header(header: list[str], kind: str, report: ImportReport) -> bool:
    ok = True
    seen: set[str] = set()
    for name in header:
        if name in seen:
            report.errors.append(RowError(1, name or "-", _("column appears twice in the header")))
            ok = False
        seen.add(name)
    amount = ("total",) if kind == "invoices" and not seen & {"total", "net"} else ()
    for name in (*REQUIRED[kind], *amount):
        if name not in seen:
            report.errors.append(RowError(1, name, _("required column is missing (the header "
                                                     "must name {columns})").format(
                columns=", ".join(REQUIRED[kind]))))
            ok = False
    report.ignored_columns = [
        h for h in header if h not in ACCEPTED[kind] and h not in EXPORT_ONLY[kind]
    ]
    return ok


class _RowChecker:
    """Collects the errors of one row; `field()` parses a column and keeps going on error."""

    def __init__(self, row: _Row, report: ImportReport) -> None:
        self.row = row
        self.report = report
        self.failed = False

    def get(self, column: str) -> str:
        return self.row.values.get(column, "")

    def field(self, column: str, parse: Callable[[str], object], *, default=None):
        raw = self.get(column)
        if raw == "" and default is not None:
            return default
        try:
            return parse(raw)
        except FieldError as exc:
            self.error(column, str(exc))
            return None

    def error(self, column: str, reason: str) -> None:
        self.failed = True
        self.report.errors.append(RowError(self.row.line, column, reason))


# -- checking each kind ----------------------------------------------------------------------

def _check_clients(rows: list[_Row], store: Store, cfg: Settings, report: ImportReport) -> list[tuple]:
    existing = store.client_ids_by_name()
    first_line: dict[str, int] = {}
    out = []
    for row in rows:
        c = _RowChecker(row, report)
        name = c.field("name", parse_name)
        if name is not None:
            key = nocase(name)
            if key in first_line:
                c.error("name", _("client {name} appears twice in the file (first on line "
                                  "{line})").format(name=repr(name), line=first_line[key]))
            elif key in existing:
                c.error("name", _("a client named {name} is already in the ledger").format(
                    name=repr(name)))
            first_line.setdefault(key, row.line)
        email = c.field("email", parse_email, default="")
        billing_email = c.field("billing_email", parse_email, default="")
        language = c.field("language", parse_language, default=cfg.get(S.BUSINESS_LANGUAGE))
        currency = c.field("currency", parse_currency, default=cfg.get(S.BUSINESS_CURRENCY))
        terms = c.field("payment_terms_days", parse_terms_days,
                        default=cfg.get(S.BUSINESS_PAYMENT_TERMS))
        limit = None
        if c.get("credit_limit") and currency is not None:
            limit = c.field("credit_limit", lambda v: parse_amount(v, currency, allow_zero=True))
        if not c.failed:
            out.append((name, email, language, c.get("phone"), c.get("address"), c.get("tax_id"),
                        currency, terms, limit, c.get("billing_name"), billing_email,
                        c.get("notes")))
    return out


class _Correctable:
    """The numbers a credit note on *line* may correct: in the ledger, or first seen on an
    earlier line of the file. A view, not a copy: a set of the earlier numbers built for every
    row made importing 100,000 invoices quadratic (minutes; bench/bench_stalls.py)."""

    def __init__(self, in_ledger: set[str], first_line: dict[str, int], line: int) -> None:
        self.in_ledger, self.first_line, self.line = in_ledger, first_line, line

    def __contains__(self, key: object) -> bool:
        if key in self.in_ledger:
            return True
        return self.first_line.get(key, self.line) < self.line  # type: ignore[call-overload]


def _check_invoices(rows: list[_Row], store: Store, cfg: Settings,
                    report: ImportReport) -> tuple[list[tuple], dict[str, tuple]]:
    clients = store.client_ids_by_name()
    in_ledger = store.existing_numbers(r.values.get("number", "") for r in rows)
    corrected = store.existing_numbers(r.values.get("corrects", "") for r in rows)
    first_line: dict[str, int] = {}
    new_clients: dict[str, tuple] = {}  # nocase(name) -> (name, currency)
    out = []
    for row in rows:
        c = _RowChecker(row, report)
        number = c.field("number", lambda v: parse_name(v, "invoice number"))
        if number is not None:
            key = nocase(number)
            if key in first_line:
                c.error("number", _("invoice number {number} appears twice in the file (first on "
                                    "line {line})").format(number=number, line=first_line[key]))
            elif key in in_ledger:
                c.error("number", _("invoice {number} is already in the ledger").format(
                    number=number))
            first_line.setdefault(key, row.line)
        client = c.field("client", lambda v: parse_name(v, "client"))
        issue = c.field("issue_date", parse_date)
        due = c.field("due_date", parse_date)
        if issue is not None and due is not None and due < issue:
            c.error("due_date", _("due date {due} is before the issue date {issue}").format(
                due=due, issue=issue))
        currency = c.field("currency", parse_currency)
        terms = None
        if currency is not None:  # the total, or one line from the net; IRPF, discount
            terms = csv_terms.RowTerms(c, number, currency, cfg,
                                       _Correctable(corrected, first_line, row.line), nocase)
        if c.failed:
            continue
        ckey = nocase(client)
        if ckey not in clients and ckey not in new_clients:
            new_clients[ckey] = (client, currency)
        out.append((number, ckey, issue.isoformat(), due.isoformat(), currency, terms.total,
                    c.get("description"), terms))
    return out, new_clients


def _invoices_by_number(store: Store, numbers: list[str]) -> dict[str, tuple]:
    """For each known number (folded with nocase()): id, balance, currency, counts, issue date."""
    out: dict[str, tuple] = {}
    keys = list(dict.fromkeys(nocase(n.strip()) for n in numbers))
    with store.ledger.read() as db:
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            for inv_id, number, balance, currency, counts, issued in db.execute(
                "SELECT id, number, total_minor - paid_minor, currency, draft = 0 AND void = 0, "
                f"issue_date FROM invoices WHERE number IN ({', '.join('?' * len(chunk))})",
                chunk,
            ):
                out[nocase(number)] = (inv_id, balance, currency, bool(counts),
                                       dt.date.fromisoformat(issued))
    return out


def _check_payments(rows: list[_Row], store: Store, today: dt.date,
                    report: ImportReport) -> list[tuple]:
    invoices = _invoices_by_number(store, [r.values.get("invoice", "") for r in rows])
    paid_in_file: dict[str, int] = {}
    out = []
    for row in rows:
        c = _RowChecker(row, report)
        number = c.field("invoice", lambda v: parse_name(v, "invoice number"))
        info = None
        if number is not None:
            info = invoices.get(nocase(number))
            if info is None:
                c.error("invoice", _("there is no invoice numbered {number} in the ledger").format(
                    number=number))
            elif not info[3]:
                c.error("invoice", _("invoice {number} is a draft or void; it takes no "
                                     "payments").format(number=number))
                info = None
        date = c.field("date", parse_date)
        if date is not None and date > today:
            c.error("date", _("{date} is in the future").format(date=date))
        amount = None
        if info is not None:
            _id, balance, currency, _counts, issued = info
            amount = c.field("amount", lambda v: parse_amount(v, currency))
            if amount is not None:
                key = nocase(number)
                paid = paid_in_file.get(key, 0) + amount
                paid_in_file[key] = paid
                if paid > balance:
                    c.error("amount", _(
                        "payments for invoice {number} add up to {paid} {currency}, more than "
                        "its balance {balance} {currency}").format(
                        number=number, paid=minor_to_string(paid, currency), currency=currency,
                        balance=minor_to_string(balance, currency)))
            if date is not None and date < issued:
                c.error("date", _("{date} is before invoice {number} was issued ({issued})")
                        .format(date=date, number=number, issued=issued))
        if not c.failed:
            out.append((info[0], date.isoformat(), amount, c.get("method"), c.get("reference")))
    return out


# -- importing -------------------------------------------------------------------------------

def _drop(items: list) -> None:
    """Empty a big list a slice at a time. Freeing 100,000 rows at once is one C call that
    holds the GIL for ~0.1 s, and a window waiting on this worker stops that long
    (bench/bench_stalls.py); between slices other threads run."""
    while items:
        del items[-2000:]


def import_csv(store: Store, kind: str, data: bytes, *, file: str = "-", dry_run: bool = False,
               today: dt.date | None = None, task: Task | None = None) -> ImportReport:
    """Check every row of a CSV file; if all are right (and not dry_run) write them all."""
    if kind not in KINDS:
        raise CollectorError(_("cannot import {kind}: choose one of {kinds}").format(
            kind=repr(kind), kinds=", ".join(KINDS)))
    report = ImportReport(kind=kind, file=file, dry_run=dry_run)
    rows = _read(data, kind, report)
    report.rows = len(rows)
    if report.errors and not rows:
        return report
    today = today or clock.today()
    # Check and write in one transaction (BEGIN IMMEDIATE): another window or command cannot
    # add the same invoice number, or pay the same invoice, between the check and the write.
    with contextlib.nullcontext() if dry_run else store.ledger.write():
        cfg = Settings(store.settings())
        if task:
            task.step(0, len(rows), _("Checking"))
        if kind == "clients":
            records = _check_clients(rows, store, cfg, report)
        elif kind == "invoices":
            records, new_clients = _check_invoices(rows, store, cfg, report)
            report.created_clients = [name for name, _currency in new_clients.values()]
        else:
            records = _check_payments(rows, store, today, report)
        if report.errors or dry_run:
            return report
        conn = store.ledger.conn
        stamp = clock.row_stamp()
        if kind == "clients":
            sql = ("INSERT INTO clients (name, email, language, phone, address, tax_id, currency, "
                   "payment_terms_days, credit_limit_minor, billing_name, billing_email, notes, "
                   "created_at, search_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            records = [(*r, stamp, search.client_key(r[0], r[1], r[9], r[10])) for r in records]
        elif kind == "invoices":
            for name, currency in new_clients.values():
                conn.execute(
                    "INSERT INTO clients (name, language, currency, payment_terms_days, "
                    "created_at, search_key) VALUES (?, ?, ?, ?, ?, ?)",
                    (name, cfg.get(S.BUSINESS_LANGUAGE), currency, cfg.get(S.BUSINESS_PAYMENT_TERMS),
                     stamp, search.client_key(name, "", "", "")))
            ids = store.client_ids_by_name()
            extras = [(r[0], r[7]) for r in records]
            checked, records = records, [
                (r[0], ids[r[1]], *r[2:7], stamp, search.invoice_key(r[0], r[6]),
                 *r[7].values()) for r in records]
            _drop(checked)
            sql = ("INSERT INTO invoices (number, client_id, issue_date, due_date, currency, "
                   "total_minor, description, created_at, search_key, "
                   f"{', '.join(csv_terms.INSERT_COLUMNS)}) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        else:
            sql = ("INSERT INTO payments (invoice_id, date, amount_minor, method, reference, "
                   "created_at) VALUES (?, ?, ?, ?, ?, ?)")
            records = [(*r, stamp) for r in records]
        for start in range(0, len(records), _WRITE_BATCH):
            if task:
                task.step(start, len(records), _("Importing"))
            conn.executemany(sql, records[start:start + _WRITE_BATCH])
        if kind == "invoices":
            csv_terms.write_extras(conn, extras)
        if task:
            task.step(len(records), len(records), _("Importing"))
    report.written = True
    for big in (rows, records, extras if kind == "invoices" else []):
        _drop(big)
    return report


def read_source(path: str, stdin: IO[bytes] | None = None) -> bytes:
    """The bytes of a CSV file, or of standard input for `-`."""
    if path == "-":
        return (stdin or sys.stdin.buffer).read()
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise CollectorError(_("cannot read {path}: {error}").format(
            path=path, error=exc.strerror or exc)) from exc


# -- exporting -------------------------------------------------------------------------------

def _export_rows(store: Store, kind: str) -> tuple[tuple[str, ...], Iterator[tuple]]:
    conn = store.ledger.conn
    if kind == "clients":
        header = CLIENT_COLUMNS
        cur = conn.execute(
            "SELECT name, email, language, phone, address, tax_id, currency, payment_terms_days, "
            "credit_limit_minor, billing_name, billing_email, notes FROM clients ORDER BY name")
        rows = ((*r[:8], "" if r[8] is None else minor_to_string(r[8], r[6]), *r[9:]) for r in cur)
    elif kind == "invoices":
        header = INVOICE_COLUMNS + EXPORT_ONLY["invoices"]
        cur = conn.execute(
            "SELECT i.*, c.name AS client, k.number AS corrects_number FROM invoices i "
            "JOIN clients c ON c.id = i.client_id LEFT JOIN invoices k ON k.id = i.corrects_id "
            "ORDER BY i.issue_date, i.number")
        names = [d[0] for d in cur.description]
        today = clock.today()

        def invoice_rows():
            for values in cur:
                row = dict(zip(names, values))
                inv = invoice_from_row(row)
                yield (inv.number, row["client"], row["issue_date"], row["due_date"],
                       inv.currency, minor_to_string(inv.total_minor, inv.currency),
                       inv.description, *csv_terms.export_values(row),
                       minor_to_string(inv.paid_minor, inv.currency),
                       minor_to_string(inv.balance_minor, inv.currency), str(inv.status(today)))

        rows = invoice_rows()
    elif kind == "payments":
        header = PAYMENT_COLUMNS
        cur = conn.execute(
            "SELECT i.number, p.date, p.amount_minor, i.currency, p.method, p.reference "
            "FROM payments p JOIN invoices i ON i.id = p.invoice_id ORDER BY p.date, p.id")
        rows = ((num, date, minor_to_string(amt, cur_), method, ref)
                for num, date, amt, cur_, method, ref in cur)
    elif kind == "contacts":
        header = ("date", "client", "kind", "stage", "status", "subject", "invoices",
                  "promised_date", "promised_amount", "notes")
        cur = conn.execute(
            "SELECT e.at, c.name, e.kind, coalesce(e.stage, ''), e.status, e.subject, "
            "(SELECT group_concat(i.number, ' ') FROM contact_event_invoices ei "
            "   JOIN invoices i ON i.id = ei.invoice_id WHERE ei.event_id = e.id), "
            "coalesce(e.promised_date, ''), e.promised_minor, c.currency, e.body "
            "FROM contact_events e JOIN clients c ON c.id = e.client_id ORDER BY e.at, e.id")
        rows = ((at, client, kind_, stage, status, subject, invs or "", pdate,
                 "" if pmin is None else minor_to_string(pmin, ccur), body)
                for at, client, kind_, stage, status, subject, invs, pdate, pmin, ccur, body in cur)
    else:
        raise CollectorError(_("cannot export {kind}: choose one of {kinds}").format(
            kind=repr(kind), kinds=", ".join(EXPORT_KINDS)))
    return header, rows


def export_csv(store: Store, kind: str, out: IO[str], *, task: Task | None = None) -> int:
    """Write one kind of record as CSV to *out*; returns the number of rows written."""
    writer = csv.writer(out)
    count = 0
    with store.ledger.read():
        header, rows = _export_rows(store, kind)
        writer.writerow(header)
        for row in rows:
            writer.writerow([defuse(str(v)) if isinstance(v, str) else v for v in row])
            count += 1
            if task and count % 5000 == 0:
                task.step(count, 0, _("Exporting"))
    return count
