"""ISO 20022 camt.053 (account statement) and camt.054 (debit/credit notification), read
with defusedxml's ElementTree (no entity tricks, no network); namespaces are ignored, so the
versions banks send (.001.02 to .001.13) read alike.

Only booked entries count (status BOOK): pending ones may still change. An entry that books
several transactions at once (a batch) gives one line per transaction detail with an amount.
"""

from __future__ import annotations

import datetime as dt
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from collector_gui.bank.model import Statement, StatementError, StatementLine, clean_iban, \
    iban_in_text, to_minor
from collector_gui.core.i18n import _


def looks_like(data: bytes) -> bool:
    head = data[:2000]
    return b"camt.05" in head and b"<" in head


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child(el: Element | None, *path: str) -> Element | None:
    """The first element down *path* (local names), or None."""
    for name in path:
        if el is None:
            return None
        el = next((c for c in el if _local(c.tag) == name), None)
    return el


def _children(el: Element | None, name: str) -> list[Element]:
    return [] if el is None else [c for c in el if _local(c.tag) == name]


def _text(el: Element | None, *path: str) -> str:
    found = _child(el, *path)
    return (found.text or "").strip() if found is not None else ""


def read(data: bytes) -> list[Statement]:
    try:
        root = fromstring(data)
    except ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else "?"
        raise StatementError(_("line {n}: the camt file is not well-formed XML ({error}). "
                               "Nothing was recorded.").format(n=line, error=exc)) from None
    except DefusedXmlException:
        raise StatementError(_("The camt file declares XML entities or a DTD, which Collector "
                               "refuses for safety. Nothing was recorded.")) from None
    body = next(iter(root), None)
    kind = _local(body.tag) if body is not None else ""
    if kind == "BkToCstmrStmt":
        fmt, report = "camt.053", "Stmt"
    elif kind == "BkToCstmrDbtCdtNtfctn":
        fmt, report = "camt.054", "Ntfctn"
    elif kind == "BkToCstmrAcctRpt":
        fmt, report = "camt.052", "Rpt"
    else:
        raise StatementError(_("element {element}: not a camt.053 statement or camt.054 "
                               "notification. Nothing was recorded.").format(
            element=kind or _local(root.tag)))
    statements = []
    for s_index, stmt in enumerate(_children(body, report), 1):
        account = clean_iban(_text(stmt, "Acct", "Id", "IBAN")) or \
            _text(stmt, "Acct", "Id", "Othr", "Id")
        statement = Statement(fmt, account)
        acct_ccy = _text(stmt, "Acct", "Ccy")
        for n, entry in enumerate(_children(stmt, "Ntry"), 1):
            where = _("element {report} #{s} Ntry #{n}").format(report=report, s=s_index, n=n)
            statement.lines.extend(_entry(entry, where, acct_ccy))
        statements.append(statement)
    return statements


def _status(entry: Element) -> str:
    status = _child(entry, "Sts")
    if status is None:
        return ""
    return (_text(status, "Cd") or (status.text or "")).strip().upper()


def _date(el: Element | None, name: str, where: str) -> dt.date | None:
    holder = _child(el, name)
    if holder is None:
        return None
    raw = _text(holder, "Dt") or _text(holder, "DtTm")[:10]
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise StatementError(_("{where} {name}: {value} is not a date (YYYY-MM-DD). Nothing "
                               "was recorded.").format(where=where, name=name,
                                                       value=repr(raw))) from None


def _amount(el: Element, where: str, fallback_ccy: str) -> tuple[int, str]:
    amt = _child(el, "Amt")
    if amt is None:
        raise StatementError(_("{where}: the element Amt is missing. Nothing was recorded.")
                             .format(where=where))
    currency = amt.get("Ccy") or fallback_ccy
    if not currency:
        raise StatementError(_("{where} Amt: no currency (Ccy). Nothing was recorded.")
                             .format(where=where))
    return to_minor((amt.text or "").strip(), currency, f"{where} Amt"), currency.upper()


def _entry(entry: Element, where: str, acct_ccy: str) -> list[StatementLine]:
    amount, currency = _amount(entry, where, acct_ccy)
    sign = _text(entry, "CdtDbtInd")
    if sign not in ("CRDT", "DBIT"):
        raise StatementError(_("{where} CdtDbtInd: {value} is neither CRDT nor DBIT. Nothing "
                               "was recorded.").format(where=where, value=repr(sign)))
    status = _status(entry)
    if status and status != "BOOK":
        return []  # pending or for information: not money on the account yet
    booked = _date(entry, "BookgDt", where) or _date(entry, "ValDt", where)
    if booked is None:
        raise StatementError(_("{where}: the element BookgDt is missing. Nothing was "
                               "recorded.").format(where=where))
    value_date = _date(entry, "ValDt", where)
    entry_ref = _text(entry, "AcctSvcrRef") or _text(entry, "NtryRef")
    details = [tx for d in _children(entry, "NtryDtls") for tx in _children(d, "TxDtls")]
    extra = _text(entry, "AddtlNtryInf")
    batch = len(details) > 1 and all(_child(tx, "Amt") is not None for tx in details)
    if not batch:
        tx = details[0] if details else None
        return [_line(tx, booked, value_date, amount if sign == "CRDT" else -amount, currency,
                      entry_ref, extra, where)]
    lines = []
    for k, tx in enumerate(details, 1):
        tx_where = f"{where} TxDtls #{k}"
        tx_amount, tx_ccy = _amount(tx, tx_where, currency)
        tx_sign = _text(tx, "CdtDbtInd") or sign
        ref = _text(tx, "Refs", "AcctSvcrRef") or _text(tx, "Refs", "TxId") or \
            f"{entry_ref}/{k}"
        lines.append(_line(tx, booked, value_date, tx_amount if tx_sign == "CRDT"
                           else -tx_amount, tx_ccy, ref, "", tx_where))
    return lines


def _line(tx: Element | None, booked: dt.date, value_date: dt.date | None, amount: int,
          currency: str, ref: str, extra: str, where: str) -> StatementLine:
    parties = _child(tx, "RltdPties")
    # camt.053.001.02 names the debtor in Dbtr/Nm; later versions in Dbtr/Pty/Nm.
    payer = _text(parties, "Dbtr", "Nm") or _text(parties, "Dbtr", "Pty", "Nm") or \
        _text(parties, "UltmtDbtr", "Nm")
    iban = clean_iban(_text(parties, "DbtrAcct", "Id", "IBAN"))
    remittance = _child(tx, "RmtInf")
    parts = [u.text or "" for u in _children(remittance, "Ustrd")]
    for strd in _children(remittance, "Strd"):
        parts += [_text(strd, "CdtrRefInf", "Ref")]
        parts += [_text(doc, "Nb") for doc in _children(strd, "RfrdDocInf")]
        parts += [u.text or "" for u in _children(strd, "AddtlRmtInf")]
    parts += [_text(tx, "AddtlTxInf"), extra]
    if tx is not None:
        end_to_end = _text(tx, "Refs", "EndToEndId")
        if end_to_end and end_to_end.upper() != "NOTPROVIDED":
            parts.append(end_to_end)
        ref = ref or _text(tx, "Refs", "AcctSvcrRef") or _text(tx, "Refs", "TxId")
    text = " ".join(p.strip() for p in parts if p and p.strip())
    return StatementLine(booking_date=booked, value_date=value_date, amount_minor=amount,
                         currency=currency, text=text, reference=ref, payer_name=payer,
                         payer_iban=iban or iban_in_text(text), where=where)
