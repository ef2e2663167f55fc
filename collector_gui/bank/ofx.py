"""OFX, 1.x (SGML) and 2.x (XML), read with `ofxtools`.

The file is parsed into elements by ofxtools, then each STMTTRN is converted (and so checked)
on its own, so an error names the transaction it is in. Dates are taken as the bank wrote them
(the first eight digits of DTPOSTED), not moved to UTC, which could change the day.
"""

from __future__ import annotations

import datetime as dt
import io
import warnings

from collector_gui.bank.model import Statement, StatementError, StatementLine, clean_iban, \
    iban_in_text, to_minor
from collector_gui.core.i18n import _


def looks_like(data: bytes) -> bool:
    head = data[:4000].upper()
    return b"OFXHEADER" in head or b"<OFX>" in head


def read(data: bytes) -> list[Statement]:
    # ofxtools here, not at the top: telling the format (looks_like) must not cost its 0.35 s
    from ofxtools.header import OFXHeaderError
    from ofxtools.Parser import OFXTree, ParseError

    tree = OFXTree()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree.parse(io.BytesIO(data))
    except (OFXHeaderError, ParseError, ValueError, KeyError) as exc:
        raise StatementError(_("The OFX file cannot be read ({error}). Nothing was recorded.")
                             .format(error=str(exc).strip()[:300] or type(exc).__name__)
                             ) from None
    root = tree.getroot()
    statements = []
    for s_index, stmtrs in enumerate(root.iter("STMTRS"), 1):
        currency = (stmtrs.findtext("CURDEF") or "").strip()
        acct = stmtrs.find("BANKACCTFROM")
        account = ""
        if acct is not None:
            acctid = (acct.findtext("ACCTID") or "").strip()
            account = clean_iban(acctid) or "/".join(
                x for x in ((acct.findtext("BANKID") or "").strip(), acctid) if x)
        statement = Statement("ofx", account)
        for n, elem in enumerate(stmtrs.iter("STMTTRN"), 1):
            fitid = (elem.findtext("FITID") or "").strip()
            where = _("element STMTTRN #{n}").format(n=n) + (f" (FITID {fitid})" if fitid else "")
            statement.lines.append(_line(elem, currency, where))
        statements.append(statement)
    if not statements:
        raise StatementError(_("The OFX file has no bank statement (STMTRS). Nothing was "
                               "recorded."))
    return statements


def _line(elem, currency: str, where: str) -> StatementLine:
    from ofxtools.models.base import Aggregate

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tx = Aggregate.from_etree(elem)
    except Exception as exc:  # ofxtools raises ValueError, TypeError, its own errors
        raise StatementError(_("{where}: {error}. Nothing was recorded.").format(
            where=where, error=str(exc).strip()[:300] or type(exc).__name__)) from None
    raw_date = (elem.findtext("DTPOSTED") or "").strip()[:8]
    try:
        booked = dt.datetime.strptime(raw_date, "%Y%m%d").date()
    except ValueError:
        booked = tx.dtposted.date()
    tx_currency = currency
    # CURRENCY: the amount is in that currency (ORIGCURRENCY: converted into CURDEF).
    if getattr(tx, "currency", None) is not None and tx.currency.cursym:
        tx_currency = tx.currency.cursym
    amount = to_minor(tx.trnamt, tx_currency or "EUR", where)
    name = (tx.name or "") if getattr(tx, "name", None) else ""
    if not name and getattr(tx, "payee", None) is not None:
        name = tx.payee.name or ""
    memo = tx.memo or ""
    text = " ".join(p.strip() for p in (name, memo, getattr(tx, "refnum", None) or "") if p)
    iban = ""
    if getattr(tx, "bankacctto", None) is not None:
        iban = clean_iban(tx.bankacctto.acctid or "")
    return StatementLine(booking_date=booked, value_date=None, amount_minor=amount,
                         currency=(tx_currency or "EUR").upper(), text=text,
                         reference=tx.fitid or "", payer_name=name.strip(),
                         payer_iban=iban or iban_in_text(text), where=where)
