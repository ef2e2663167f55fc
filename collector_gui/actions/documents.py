"""Making the PDF documents: what `collector invoice-pdf`, `collector statement`,
`collector dossier` and the window's export commands call.

Each function gathers the records from the store, renders with documents.pdf and writes the
file in one step (a temporary file renamed into place), so a failure never leaves half a
PDF behind. Characters the fonts cannot print and other problems the user may want to know
about (an unreadable logo, an IBAN that fails its check) are logged as warnings on the
"collector_gui.documents" logger. Qt-free.
"""

from __future__ import annotations

import datetime as dt
import difflib
import logging
import os
import shutil
import tempfile
import unicodedata
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from collector_gui.core import clock
from collector_gui.actions.progress import Task, quiet
from collector_gui.core.errors import CollectorError
from collector_gui.core.i18n import N_, _
from collector_gui.core.latefees import LateCharges, LatePolicy, late_charges
from collector_gui.core.model import Client, Invoice, Payment
from collector_gui.core.settings import Settings
from collector_gui.documents.pdf import (
    BusinessProfile,
    DossierDoc,
    InvoiceDoc,
    PaymentLine,
    RenderResult,
    StatementDoc,
    render_dossier,
    render_invoice,
    render_statement,
)
from collector_gui.ledger.documents_data import (
    ClientPayment,
    client_payments,
    invoices_as_of,
    lines_of,
    overdue_client_ids,
)
from collector_gui.ledger.store import Store

log = logging.getLogger("collector_gui.documents")

# A statement lists the payments received in this many days up to its date.
STATEMENT_PERIOD_DAYS = 90
Created = dt.datetime | dt.date | None


class DocumentError(CollectorError):
    """A document cannot be made as asked (unknown invoice or client, unwritable file)."""


# -- gathering the records ----------------------------------------------------------------------

def business_profile(store: Store) -> BusinessProfile:
    return BusinessProfile.from_settings(Settings(store.settings("business.")))


def late_policy(store: Store) -> LatePolicy:
    """The business's policy with the official half-year rates (actions/charges.py)."""
    from collector_gui.actions.charges import late_policy as with_rates

    return with_rates(store)


def _client(store: Store, name: str) -> Client:
    client = store.find_client(name)
    if client is None:
        names = [c.name for c in store.clients()]
        close = difflib.get_close_matches(name.strip(), names, n=3, cutoff=0.6)
        if close:
            text = _("There is no client named {name}. Did you mean {close}?")
        else:
            text = _("There is no client named {name}.")
        raise DocumentError(text.format(name=repr(name.strip()),
                                        close=", ".join(repr(n) for n in close)))
    return client


def _payment_line(cp: ClientPayment) -> PaymentLine:
    p = cp.payment
    return PaymentLine(p.date, p.invoice_id, cp.invoice_number, p.amount_minor, cp.currency,
                       p.method, p.reference)


def invoice_doc(store: Store, number: str) -> InvoiceDoc:
    invoice = store.find_invoice(number)
    if invoice is None:
        raise DocumentError(_("There is no invoice numbered {number}.").format(
            number=repr(number.strip())))
    client = store.get_client(invoice.client_id)
    payments = tuple(
        PaymentLine(p.date, invoice.id, invoice.number, p.amount_minor, invoice.currency,
                    p.method, p.reference, str(p.kind))
        for p in store.payments_of(invoice.id)
    )
    corrected = store.get_invoice(invoice.corrects_id) if invoice.corrects_id else None
    return InvoiceDoc(business_profile(store), client, invoice, payments, corrected)


def statement_doc(store: Store, client_name: str, as_of: dt.date | None = None, *,
                  since: dt.date | None = None) -> StatementDoc:
    as_of = as_of or clock.today()
    start = since or as_of - dt.timedelta(days=STATEMENT_PERIOD_DAYS)
    client = _client(store, client_name)
    with store.ledger.read():  # one snapshot for every query of the document
        invoices = invoices_as_of(store, client.id, as_of)
        payments = [_payment_line(cp) for cp in client_payments(store, client.id, end=as_of)]
        events = tuple(e for e in store.events_of(client.id) if e.at.date() <= as_of)
        business = business_profile(store)
        policy = late_policy(store).for_client(client.late_mode)
    open_invoices = tuple(inv for inv in invoices if inv.is_open())
    return StatementDoc(
        business=business,
        client=client,
        as_of=as_of,
        period_start=start,
        open_invoices=open_invoices,
        period_payments=tuple(p for p in payments if p.date >= start),
        events=events,
        all_payments=tuple(payments),
        invoice_currencies={inv.id: inv.currency for inv in invoices},
        policy=policy,
        charges=_charges(open_invoices, payments, as_of, policy),
    )


def dossier_doc(store: Store, client_name: str, as_of: dt.date | None = None) -> DossierDoc:
    as_of = as_of or clock.today()
    client = _client(store, client_name)
    with store.ledger.read():
        invoices = invoices_as_of(store, client.id, as_of)
        unpaid = [inv for inv in invoices if inv.is_open()]
        lines = lines_of(store, [inv.id for inv in unpaid])
        payments = [_payment_line(cp) for cp in client_payments(store, client.id, end=as_of)]
        events = tuple(e for e in store.events_of(client.id) if e.at.date() <= as_of)
        business = business_profile(store)
        policy = late_policy(store).for_client(client.late_mode)
    by_invoice: dict[int, list[PaymentLine]] = {}
    for p in payments:
        by_invoice.setdefault(p.invoice_id, []).append(p)
    unpaid_docs = tuple(
        InvoiceDoc(business, client, replace(inv, lines=lines.get(inv.id, ())),
                   tuple(by_invoice.get(inv.id, ())))
        for inv in unpaid
    )
    return DossierDoc(
        business=business,
        client=client,
        as_of=as_of,
        unpaid=unpaid_docs,
        events=events,
        payments=tuple(payments),
        invoice_numbers={inv.id: inv.number for inv in invoices},
        invoice_currencies={inv.id: inv.currency for inv in invoices},
        policy=policy,
        charges=_charges(unpaid, payments, as_of, policy),
    )


def _charges(invoices: Iterable[Invoice], payments: list[PaymentLine], as_of: dt.date,
             policy: LatePolicy) -> dict[int, LateCharges]:
    """Late fee and interest per invoice id (none when the business charges none)."""
    if not policy.active:
        return {}
    by_invoice: dict[int, list[Payment]] = {}
    for p in payments:
        by_invoice.setdefault(p.invoice_id, []).append(
            Payment(p.invoice_id, p.date, p.amount_minor))
    return {inv.id: late_charges(inv, as_of, policy, by_invoice.get(inv.id, []))
            for inv in invoices}


# -- writing --------------------------------------------------------------------------------

# What _write() says went wrong, per document ("invoice", "statement", "dossier").
_NOT_SAVED = {
    "invoice": N_("The folder {folder} does not exist; the invoice was not saved."),
    "statement": N_("The folder {folder} does not exist; the statement was not saved."),
    "dossier": N_("The folder {folder} does not exist; the dossier was not saved."),
}
_NOT_WRITTEN = {
    "invoice": N_("Could not write the invoice to {path}: {reason}."),
    "statement": N_("Could not write the statement to {path}: {reason}."),
    "dossier": N_("Could not write the dossier to {path}: {reason}."),
}


def _write(result: RenderResult, out_path: Path | str, what: str) -> Path:
    out = Path(out_path).expanduser()
    if out.is_dir():
        raise DocumentError(_("{path} is a folder; give the name of the PDF file to write.")
                            .format(path=out))
    if not out.parent.is_dir():
        raise DocumentError(_(_NOT_SAVED[what]).format(folder=out.parent))
    try:
        fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".partial")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(result.data)
            os.replace(tmp, out)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise DocumentError(
            _(_NOT_WRITTEN[what]).format(path=out, reason=exc.strerror or exc)
        ) from exc
    _report(result, out)
    return out


def _report(result: RenderResult, out: Path) -> None:
    for warning in result.warnings:
        log.warning("%s: %s", out.name, warning)
    if result.replaced:
        chars = ", ".join(f"{c!r} (U+{ord(c):04X})" for c in result.replaced)
        log.warning("%s: these characters cannot be printed with the PDF's fonts and were "
                    "printed as '?': %s", out.name, chars)


# -- the actions ------------------------------------------------------------------------------

def invoice_pdf(store: Store, number: str, out_path: Path | str, *, created: Created = None
                ) -> Path:
    """The invoice numbered *number*, as the client receives it, written to *out_path*."""
    return _write(render_invoice(invoice_doc(store, number), created=created), out_path,
                  "invoice")


def statement_pdf(store: Store, client_name: str, out_path: Path | str, *,
                  as_of: dt.date | None = None, created: Created = None) -> Path:
    """The statement of account of *client_name* on *as_of* (today), written to *out_path*."""
    doc = statement_doc(store, client_name, as_of)
    return _write(render_statement(doc, created=created), out_path, "statement")


def dossier_pdf(store: Store, client_name: str, out_path: Path | str, *,
                as_of: dt.date | None = None, created: Created = None) -> Path:
    """The collection dossier of *client_name* on *as_of* (today), written to *out_path*."""
    doc = dossier_doc(store, client_name, as_of)
    return _write(render_dossier(doc, created=created), out_path, "dossier")


def export_statements(store: Store, folder: Path | str, *, as_of: dt.date | None = None,
                      task: Task | None = None, created: Created = None) -> list[Path]:
    """A statement for every client with an invoice overdue on *as_of*, into *folder*.

    The files are made in a hidden folder inside *folder* and moved into place only once
    all are made: cancelled (task.step raises Cancelled) or failed half-way, nothing is
    left behind and no earlier file is overwritten.
    """
    as_of = as_of or clock.today()
    task = task or quiet()
    folder = Path(folder).expanduser()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DocumentError(_("Cannot create the folder {folder}: {reason}.").format(
            folder=folder, reason=exc.strerror or exc)) from exc
    client_ids = overdue_client_ids(store, as_of)
    total = len(client_ids)
    task.step(0, total, "")
    try:
        staging = Path(tempfile.mkdtemp(dir=folder, prefix=".collector-statements-"))
    except OSError as exc:
        raise DocumentError(_("Cannot write in the folder {folder}: {reason}.").format(
            folder=folder, reason=exc.strerror or exc)) from exc
    try:
        names = _file_names([store.get_client(cid).name for cid in client_ids], as_of)
        made: list[tuple[Path, Path]] = []
        for done, (cid, name) in enumerate(zip(client_ids, names, strict=True)):
            client = store.get_client(cid)
            task.step(done, total, client.name)
            doc = statement_doc(store, client.name, as_of)
            result = render_statement(doc, created=created)
            staged = staging / name
            staged.write_bytes(result.data)
            _report(result, folder / name)
            made.append((staged, folder / name))
        task.step(total, total, "")
        for staged, final in made:
            os.replace(staged, final)
        return [final for _, final in made]
    except OSError as exc:
        raise DocumentError(_("Could not write the statements to {folder}: {reason}.").format(
            folder=folder, reason=exc.strerror or exc)) from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)


_FORBIDDEN = set('<>:"/\\|?*')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
             *(f"LPT{i}" for i in range(1, 10))}
_MAX_NAME_BYTES = 120


def safe_file_stem(name: str) -> str:
    """A client name as part of a file name on any system (no separators or reserved
    characters, not too long in UTF-8 bytes)."""
    s = unicodedata.normalize("NFC", name)
    s = "".join("_" if ch in _FORBIDDEN or unicodedata.category(ch).startswith("C") else ch
                for ch in s)
    s = " ".join(s.split()).strip(" .")
    while len(s.encode("utf-8")) > _MAX_NAME_BYTES:
        s = s[:-1]
    s = s.rstrip(" .")
    if not s or s.split(".")[0].upper() in _RESERVED:
        s = f"_{s}"
    return s


def _file_names(client_names: list[str], as_of: dt.date) -> list[str]:
    """One distinct file name per client (names that differ only in case or in characters
    a file name cannot hold get a number)."""
    seen: set[str] = set()
    out = []
    for name in client_names:
        stem = f"{safe_file_stem(name)} - statement {as_of.isoformat()}"
        candidate, n = f"{stem}.pdf", 1
        while candidate.casefold() in seen:
            n += 1
            candidate = f"{stem} ({n}).pdf"
        seen.add(candidate.casefold())
        out.append(candidate)
    return out
