"""Statements written by the tests from each format's specification (not the libraries'
samples): Norma 43 fixed columns (records 11/22/23/33/88), camt.053.001.02/.08 and
camt.054.001.08, OFX 1.02 SGML and 2.2 XML, MT940 (:20: :25: :28C: :60F: :61: :86: :62F:),
and a Spanish bank's CSV."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from xml.sax.saxutils import escape

from schwifty import IBAN

ACCOUNT_IBAN = "ES9121000418450200051332"  # CaixaBank, valid check digits


def iban(bank: str, account: str, country: str = "ES") -> str:
    """A valid IBAN (schwifty computes the check digits)."""
    return IBAN.generate(country, bank_code=bank, account_code=account).compact


ACME_IBAN = iban("00491500", "0512345678")
GLOBEX_IBAN = iban("20385778", "9830001234")


@dataclass(frozen=True)
class Entry:
    date: dt.date
    amount_minor: int  # credit > 0
    text: str = ""
    ref: str = ""
    payer: str = ""
    payer_iban: str = ""
    currency: str = "EUR"


def _fixed(value: str, width: int) -> str:
    assert len(value) <= width, (value, width)
    return value.ljust(width)


def _num(value: int, width: int) -> str:
    text = f"{value:0{width}d}"
    assert len(text) == width
    return text


def _yymmdd(d: dt.date) -> str:
    return d.strftime("%y%m%d")


def norma43(entries: list[Entry], *, bank: str = "2100", branch: str = "0418",
            account: str = "4502000513", opening_minor: int = 100000,
            sepa: bool = False, cut: int | None = None) -> bytes:
    """A Norma 43 file (information mode 3), one account."""
    first = min((e.date for e in entries), default=dt.date(2026, 11, 1))
    last = max((e.date for e in entries), default=first)
    recs = ["11" + bank + branch + account + _yymmdd(first) + _yymmdd(last)
            + ("2" if opening_minor >= 0 else "1") + _num(abs(opening_minor), 14) + "978"
            + "3" + _fixed("BEGONA MARTINEZ DISENO", 26) + "   "]
    debits = credits = n_debits = n_credits = 0
    for k, e in enumerate(entries, 1):
        sign = "2" if e.amount_minor > 0 else "1"
        if e.amount_minor > 0:
            credits, n_credits = credits + e.amount_minor, n_credits + 1
        else:
            debits, n_debits = debits - e.amount_minor, n_debits + 1
        ref2 = _fixed(e.ref[:16], 16)
        recs.append("22" + "    " + branch + _yymmdd(e.date) + _yymmdd(e.date) + "04" + "099"
                    + sign + _num(abs(e.amount_minor), 14) + _num(0, 10)
                    + _num(k, 12) + ref2)
        if sepa:
            remittance = e.text.ljust(68 + 72)
            recs += ["2301" + _fixed(e.payer, 66) + _fixed("", 10),
                     "2302" + _fixed(e.ref[:35], 35) + _fixed("", 41),
                     "2303" + "OTHR" + "    " + remittance[:68],
                     "2304" + remittance[68:140] + "    ",
                     "2305" + _fixed("", 76)]
        else:
            text = (e.payer + " " + e.text).strip() if e.payer else e.text
            chunks = [text[i:i + 38] for i in range(0, len(text), 38)] or [""]
            for n in range(0, len(chunks), 2):
                pair = chunks[n:n + 2] + [""]
                recs.append("23" + f"{n // 2 + 1:02d}" + _fixed(pair[0], 38) + _fixed(pair[1], 38))
    final = opening_minor + credits - debits
    recs.append("33" + bank + branch + account + _num(n_debits, 5) + _num(debits, 14)
                + _num(n_credits, 5) + _num(credits, 14) + ("2" if final >= 0 else "1")
                + _num(abs(final), 14) + "978" + "    ")
    recs.append("88" + "9" * 18 + _num(len(recs) - 1, 6) + " " * 54)
    for rec in recs:
        assert len(rec) == 80, (len(rec), rec)
    if cut is not None:
        recs = recs[:cut]
    return ("\r\n".join(recs) + "\r\n").encode("latin-1")


def camt053(entries: list[Entry], *, version: str = "02", account: str = ACCOUNT_IBAN,
            kind: str = "053", pending: tuple[int, ...] = ()) -> bytes:
    """camt.053.001.<version> (02 or 08), or camt.054.001.<version> with kind="054"."""
    ns = f"urn:iso:std:iso:20022:tech:xsd:camt.{kind}.001.{version}"
    outer, inner = (("BkToCstmrStmt", "Stmt") if kind == "053"
                    else ("BkToCstmrDbtCdtNtfctn", "Ntfctn"))
    new = version >= "08"
    out = [f'<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="{ns}">', f"<{outer}>",
           "<GrpHdr><MsgId>MSG-1</MsgId><CreDtTm>2026-11-20T10:00:00</CreDtTm></GrpHdr>",
           f"<{inner}><Id>STMT-1</Id><CreDtTm>2026-11-20T10:00:00</CreDtTm>",
           f"<Acct><Id><IBAN>{account}</IBAN></Id><Ccy>EUR</Ccy></Acct>"]
    for k, e in enumerate(entries):
        status = "PDNG" if k in pending else "BOOK"
        sts = f"<Sts><Cd>{status}</Cd></Sts>" if new else f"<Sts>{status}</Sts>"
        side = "CRDT" if e.amount_minor > 0 else "DBIT"
        amount = f"{abs(e.amount_minor) / 100:.2f}"
        if e.amount_minor > 0:
            name = (f"<Dbtr><Pty><Nm>{escape(e.payer)}</Nm></Pty></Dbtr>" if new
                    else f"<Dbtr><Nm>{escape(e.payer)}</Nm></Dbtr>") if e.payer else ""
            acct = f"<DbtrAcct><Id><IBAN>{e.payer_iban}</IBAN></Id></DbtrAcct>" \
                if e.payer_iban else ""
        else:
            name = (f"<Cdtr><Pty><Nm>{escape(e.payer)}</Nm></Pty></Cdtr>" if new
                    else f"<Cdtr><Nm>{escape(e.payer)}</Nm></Cdtr>") if e.payer else ""
            acct = ""
        out.append(
            f'<Ntry><Amt Ccy="{e.currency}">{amount}</Amt><CdtDbtInd>{side}</CdtDbtInd>{sts}'
            f"<BookgDt><Dt>{e.date.isoformat()}</Dt></BookgDt>"
            f"<ValDt><Dt>{e.date.isoformat()}</Dt></ValDt>"
            f"<AcctSvcrRef>{escape(e.ref)}</AcctSvcrRef>"
            "<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly>"
            "</Domn></BkTxCd>"
            "<NtryDtls><TxDtls><Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs>"
            f"<RltdPties>{name}{acct}</RltdPties>"
            f"<RmtInf><Ustrd>{escape(e.text)}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>")
    out += [f"</{inner}>", f"</{outer}>", "</Document>"]
    return "\n".join(out).encode("utf-8")


def ofx_sgml(entries: list[Entry], *, account: str = ACCOUNT_IBAN) -> bytes:
    """OFX 1.02 (SGML: no closing tags for elements, headers as KEY:VALUE)."""
    head = ("OFXHEADER:100\r\nDATA:OFXSGML\r\nVERSION:102\r\nSECURITY:NONE\r\n"
            "ENCODING:USASCII\r\nCHARSET:1252\r\nCOMPRESSION:NONE\r\nOLDFILEUID:NONE\r\n"
            "NEWFILEUID:NONE\r\n\r\n")
    return (head + _ofx_body(entries, account, closing=False)).encode("cp1252")


def ofx_xml(entries: list[Entry], *, account: str = ACCOUNT_IBAN) -> bytes:
    """OFX 2.2 (XML with the OFX processing instruction)."""
    head = ('<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
            '<?OFX OFXHEADER="200" VERSION="220" SECURITY="NONE" OLDFILEUID="NONE" '
            'NEWFILEUID="NONE"?>\n')
    return (head + _ofx_body(entries, account, closing=True)).encode("utf-8")


def _ofx_body(entries: list[Entry], account: str, *, closing: bool) -> str:
    def el(tag: str, value: str) -> str:
        return f"<{tag}>{escape(value)}" + (f"</{tag}>" if closing else "") + "\n"

    txs = []
    for e in entries:
        body = (el("TRNTYPE", "CREDIT" if e.amount_minor > 0 else "DEBIT")
                + el("DTPOSTED", e.date.strftime("%Y%m%d")) + el("TRNAMT", f"{e.amount_minor / 100:.2f}")
                + el("FITID", e.ref))
        if e.payer:
            body += el("NAME", e.payer[:32])
        if e.text:
            body += el("MEMO", e.text)
        txs.append("<STMTTRN>\n" + body + "</STMTTRN>\n")
    first = min(e.date for e in entries).strftime("%Y%m%d")
    last = max(e.date for e in entries).strftime("%Y%m%d")
    return ("<OFX>\n<SIGNONMSGSRSV1><SONRS><STATUS>" + el("CODE", "0") + el("SEVERITY", "INFO")
            + "</STATUS>" + el("DTSERVER", "20261120120000") + el("LANGUAGE", "SPA")
            + "</SONRS></SIGNONMSGSRSV1>\n<BANKMSGSRSV1><STMTTRNRS>" + el("TRNUID", "1")
            + "<STATUS>" + el("CODE", "0") + el("SEVERITY", "INFO") + "</STATUS>\n<STMTRS>"
            + el("CURDEF", "EUR") + "<BANKACCTFROM>" + el("BANKID", "2100")
            + el("ACCTID", account[-20:]) + el("ACCTTYPE", "CHECKING") + "</BANKACCTFROM>\n"
            + "<BANKTRANLIST>" + el("DTSTART", first) + el("DTEND", last) + "".join(txs)
            + "</BANKTRANLIST><LEDGERBAL>" + el("BALAMT", "1000.00") + el("DTASOF", last)
            + "</LEDGERBAL></STMTRS></STMTTRNRS></BANKMSGSRSV1>\n</OFX>\n")


def mt940(entries: list[Entry], *, account: str = ACCOUNT_IBAN, opening_minor: int = 100000,
          number: str = "00001", break_closing: bool = False) -> bytes:
    def amount(minor: int) -> str:
        return f"{abs(minor) // 100},{abs(minor) % 100:02d}"

    first = min(e.date for e in entries)
    last = max(e.date for e in entries)
    lines = [":20:STMT" + number, f":25:{account}", f":28C:{number}/001",
             f":60F:{'C' if opening_minor >= 0 else 'D'}{_yymmdd(first)}EUR{amount(opening_minor)}"]
    balance = opening_minor
    for e in entries:
        balance += e.amount_minor
        side = "C" if e.amount_minor > 0 else "D"
        lines.append(f":61:{_yymmdd(e.date)}{e.date.strftime('%m%d')}{side}{amount(e.amount_minor)}"
                     f"NTRFNONREF//{e.ref}")
        details = " ".join(x for x in (e.payer, e.text, e.payer_iban) if x)
        chunks = [details[i:i + 65] for i in range(0, len(details), 65)] or [""]
        lines.append(":86:" + chunks[0])
        lines += chunks[1:]
    if break_closing:
        balance += 1
    lines.append(f":62F:{'C' if balance >= 0 else 'D'}{_yymmdd(last)}EUR{amount(balance)}")
    return ("\r\n".join(lines) + "\r\n-\r\n").encode("latin-1")


def csv_es(entries: list[Entry]) -> bytes:
    """A Spanish bank's export: a title line, ';', day-first dates, decimal commas."""
    rows = ["Movimientos de la cuenta ES91 2100 0418 4502 0005 1332;;;;",
            "Fecha;Fecha valor;Concepto;Importe;Referencia"]
    for e in entries:
        sign = "-" if e.amount_minor < 0 else ""
        whole, cents = divmod(abs(e.amount_minor), 100)
        amount = f"{sign}{whole:,}".replace(",", ".") + f",{cents:02d}"
        text = (e.payer + " " + e.text).strip()
        rows.append(f"{e.date:%d/%m/%Y};{e.date:%d/%m/%Y};{text};{amount};{e.ref}")
    return ("\r\n".join(rows) + "\r\n").encode("cp1252")
