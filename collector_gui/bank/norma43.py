"""Norma 43 (AEB/CSB 43): the statement every Spanish bank gives, read with `csb43`.

Fixed 80-column records: 11 account header, 22 entry, 23 its remittance text (or a SEPA
transfer's five records), 24 exchange, 33 account totals, 88 end of file. The totals in 33 and
the record count in 88 are checked here, so a file cut short is refused, not half-read.
"""

from __future__ import annotations

import re
import warnings

from collector_gui.bank.model import Statement, StatementError, StatementLine, iban_in_text, \
    to_minor
from collector_gui.core.i18n import _

_LINE_PREFIX = re.compile(r"^\[(\d+)\]\s*")


def looks_like(data: bytes) -> bool:
    head = data.lstrip(b"\xef\xbb\xbf")[:200]
    first = head.split(b"\n", 1)[0].rstrip(b"\r")
    return first.startswith(b"11") and len(first) == 80 and first[:20].isdigit()


def _where(index: int) -> str:
    return _("line {n}").format(n=index + 1)


def read(data: bytes) -> list[Statement]:
    from csb43.aeb43 import Batch  # here: telling the format must not import csb43
    from csb43.aeb43.record.context import Aeb43Context, BatchContext

    # sepa=False: the 23 records are read by their columns below (csb43 guesses SEPA
    # layouts even for plain concepts).
    context = Aeb43Context(strict=False, silent=True, encoding="latin-1", sepa=False)
    records: list[bytes] = []
    origin: list[int] = []  # the file's line index of each record
    for index, raw in enumerate(data.lstrip(b"\xef\xbb\xbf").splitlines()):
        if not raw.strip():
            continue
        if len(raw) > 80:
            raise StatementError(_("{where}: a Norma 43 record has 80 characters, this one "
                                   "has {n}.").format(where=_where(index), n=len(raw)))
        records.append(raw.ljust(80))  # some banks trim the trailing blanks
        origin.append(index)
    # read_batch()'s loop, here, so that any failure (csb43 raises ValueError and others
    # besides its ValidationException) is known by its record.
    batch = Batch(context=context)
    with warnings.catch_warnings(), BatchContext().scope() as scope:
        warnings.simplefilter("ignore")
        for k, record in enumerate(records):
            scope.line = k
            try:
                batch.append(record)
            except (ValueError, TypeError, AttributeError, IndexError) as exc:
                text = _LINE_PREFIX.sub("", str(exc)) or type(exc).__name__
                raise StatementError(_("{where}: {error}. Nothing was recorded.").format(
                    where=_where(origin[k]), error=text)) from None
    if batch.summary is None:
        raise StatementError(_("The Norma 43 file ends without its end record (88): it may "
                               "be cut short. Nothing was recorded."))
    entries = iter([origin[i] for i, r in enumerate(records) if r[:2] == b"22"])
    totals = iter([origin[i] for i, r in enumerate(records) if r[:2] == b"33"])
    statements = []
    for account in batch.accounts:
        number = f"{account.bank_code}{account.branch_code}{account.account_number}"
        if account.summary is None:
            raise StatementError(_("The account {account} has no totals record (33): the file "
                                   "may be cut short. Nothing was recorded.").format(
                account=number))
        currency = account.currency.alpha_3 if account.currency else "EUR"
        statement = Statement("norma43", number)
        income = expense = 0
        n_income = n_expense = 0
        for tx in account.transactions:
            where = _where(next(entries))
            try:  # csb43 converts a field when it is first read
                amount = to_minor(tx.amount, currency, where)
                line = _line(tx, amount, currency, where)
            except (ValueError, TypeError) as exc:
                raise StatementError(_("{where}: {error}. Nothing was recorded.").format(
                    where=where, error=str(exc) or type(exc).__name__)) from None
            if amount >= 0:
                income, n_income = income + amount, n_income + 1
            else:
                expense, n_expense = expense - amount, n_expense + 1
            statement.lines.append(line)
        where = _where(next(totals))
        summary = account.summary
        if (n_income, income, n_expense, expense) != (
                summary.income_entries, to_minor(summary.income, currency, where),
                summary.expense_entries, to_minor(summary.expense, currency, where)):
            raise StatementError(_("{where}: the totals record (33) of account {account} does "
                                   "not agree with its entries: the file may be damaged or "
                                   "cut short. Nothing was recorded.").format(
                where=where, account=number))
        statements.append(statement)
    return statements


def _line(tx, amount: int, currency: str, where: str) -> StatementLine:
    """One 22 record and its 23 records: plain concepts (two of 38 characters each), or the
    five records of a SEPA transfer (Norma 43 appendix 4: 2301 the originator's name, 2302
    references, 2303-2304 the remittance text, 2305 free), read by their columns here."""
    raws = [bytes(item).decode("latin-1").ljust(80) for item in tx.optional_items]
    payer = ""
    if [r[:4] for r in raws] == ["2301", "2302", "2303", "2304", "2305"]:
        payer = raws[0][4:70].strip()
        parts = [payer, raws[0][70:80], raws[1][4:39], raws[1][39:80],
                 raws[2][12:80].rstrip() + raws[3][4:76], raws[4][4:80]]
        parts = [p.strip() + " " for p in parts]
    else:
        parts = [piece for r in raws for piece in (r[4:42], r[42:80])]
    # A concept that fills its 38 columns goes on in the next one (banks wrap long texts):
    # joined without a space, so "2026-00" + "42" stays one number.
    text = ""
    for piece in parts:
        text += piece if len(piece) == 38 and not piece.endswith(" ") else piece.rstrip() + " "
    text = " ".join(text.split())
    refs = [(r or "").strip() for r in (tx.document_number, tx.reference1, tx.reference2)]
    reference = "/".join(refs) if any(r.strip("0") for r in refs) else ""
    return StatementLine(
        booking_date=tx.transaction_date, value_date=tx.value_date, amount_minor=amount,
        currency=currency, text=text, reference=reference, payer_name=payer,
        payer_iban=iban_in_text(text), where=where)
