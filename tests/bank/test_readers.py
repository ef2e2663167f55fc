"""Every format, written here from its specification, reads to the same lines; the format is
told from the content; a damaged file is refused with the line or element named."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.helpers.bank_writers import (
    ACCOUNT_IBAN,
    ACME_IBAN,
    GLOBEX_IBAN,
    Entry,
    camt053,
    csv_es,
    mt940,
    norma43,
    ofx_sgml,
    ofx_xml,
)

from collector_gui.bank.csvmap import parse_amount, parse_mapping
from collector_gui.bank.model import StatementError
from collector_gui.bank.read import detect_format, read_statement

D = dt.date(2026, 11, 5)
ENTRIES = [
    Entry(D, 121000, "CONCEPTO FRA 2026-0042", "REF0001", "ACME SL", ACME_IBAN),
    Entry(D, -5000, "RECIBO TELEFONICA", "REF0002", "TELEFONICA"),
    Entry(dt.date(2026, 11, 6), 30000,
          "Invoices INV-17 and INV-18, thank you very much for your business", "REF0003",
          "Globex Ltd", GLOBEX_IBAN),
]
MAPPING = parse_mapping("date=Fecha,amount=Importe,text=Concepto,reference=Referencia")

WRITERS = {
    "norma43": (lambda e: norma43(e), "norma43"),
    "norma43-sepa": (lambda e: norma43(e, sepa=True), "norma43"),
    "camt.053.001.02": (lambda e: camt053(e, version="02"), "camt"),
    "camt.053.001.08": (lambda e: camt053(e, version="08"), "camt"),
    "camt.054.001.08": (lambda e: camt053(e, version="08", kind="054"), "camt"),
    "ofx-1.02-sgml": (ofx_sgml, "ofx"),
    "ofx-2.2-xml": (ofx_xml, "ofx"),
    "mt940": (mt940, "mt940"),
    "csv": (csv_es, "csv"),
}


def _read(name: str, entries=ENTRIES):
    write, _kind = WRITERS[name]
    (statement,) = read_statement(write(entries), csv_mapping=MAPPING, account="Caixa")
    return statement


@pytest.mark.parametrize("name", WRITERS)
def test_each_format_reads_dates_amounts_texts_and_references(name):
    data = WRITERS[name][0](ENTRIES)
    assert detect_format(data) == WRITERS[name][1]
    statement = _read(name)
    assert [(x.booking_date, x.amount_minor, x.currency) for x in statement.lines] == \
        [(e.date, e.amount_minor, "EUR") for e in ENTRIES]
    for line, entry in zip(statement.lines, ENTRIES):
        assert entry.text in line.text  # the remittance text, whole
        assert entry.ref in line.reference
    assert statement.account  # lines are keyed by their account


@pytest.mark.parametrize("name", ["camt.053.001.02", "camt.053.001.08", "camt.054.001.08",
                                  "mt940"])
def test_payer_iban_is_read_where_the_format_has_it(name):
    statement = _read(name)
    assert statement.lines[0].payer_iban == ACME_IBAN
    assert statement.lines[2].payer_iban == GLOBEX_IBAN


@pytest.mark.parametrize("name", ["camt.053.001.02", "camt.053.001.08", "norma43-sepa",
                                  "ofx-2.2-xml"])
def test_payer_name_is_read_where_the_format_has_it(name):
    assert _read(name).lines[0].payer_name == "ACME SL"


def test_camt_account_and_pending_entries():
    data = camt053(ENTRIES, version="08", pending=(2,))
    (statement,) = read_statement(data)
    assert statement.account == ACCOUNT_IBAN and statement.format == "camt.053"
    assert len(statement.lines) == 2  # the pending entry is not money on the account yet


def test_a_long_norma43_concept_wrapped_over_two_columns_keeps_its_number():
    text = "TRANSFERENCIA RECIBIDA DE ACME SL FRA 2026-0042 PAGO"  # the number crosses col 38
    (statement,) = read_statement(norma43([Entry(D, 121000, text, "R1")]))
    assert "FRA 2026-0042 PAGO" in statement.lines[0].text


@pytest.mark.parametrize("raw, value", [
    ("1.234,56", "1234.56"), ("-1.234,56", "-1234.56"), ("1,234.56", "1234.56"),
    ("1234,5", "1234.5"), ("+50,00 €", "50.00"), ("(12.00)", "-12.00"), ("50,00-", "-50.00"),
    ("1.234.567", "1234567"),
])
def test_csv_amounts_as_banks_write_them(raw, value):
    from decimal import Decimal

    assert parse_amount(raw) == Decimal(value)


def test_csv_with_credit_and_debit_columns_and_a_fixed_currency():
    data = ("Fecha;Concepto;Abonos;Cargos\n05/11/2026;FRA 2026-0042;1.210,00;\n"
            "06/11/2026;Recibo;;50,00\n;Saldo final;1.160,00;\n").encode()
    mapping = parse_mapping("date=Fecha,text=Concepto,credit=Abonos,debit=Cargos,currency=USD")
    (statement,) = read_statement(data, csv_mapping=mapping, account="Caixa")
    assert [(x.amount_minor, x.currency) for x in statement.lines] == \
        [(121000, "USD"), (-5000, "USD")]


def test_a_csv_without_a_mapping_asks_for_one():
    with pytest.raises(StatementError, match="--csv-map"):
        read_statement(csv_es(ENTRIES))


@pytest.mark.parametrize("text, words", [
    ("date=Fecha", "amount="), ("date=Fecha,amount", "KEY=COLUMN"),
    ("date=Fecha,amount=Importe,colour=Rojo", "unknown key"),
])
def test_a_bad_csv_mapping_says_why(text, words):
    with pytest.raises(StatementError, match=words):
        parse_mapping(text)


def _broken(data: bytes, old: bytes, new: bytes) -> bytes:
    assert old in data
    return data.replace(old, new, 1)


@pytest.mark.parametrize("name, make, where", [
    ("norma43 bad date", lambda: _broken(norma43(ENTRIES), b"22    0418261105",
                                          b"22    0418261305"), "line 2"),
    ("norma43 bad amount", lambda: _broken(norma43(ENTRIES), b"00000000121000",
                                            b"0000000012X000"), "line 2"),
    ("norma43 cut short", lambda: norma43(ENTRIES, cut=5), "end record (88)"),
    ("norma43 wrong totals", lambda: _broken(norma43(ENTRIES), b"00002000000001510",
                                              b"00002000000001511"), "totals record (33)"),
    ("norma43 long record", lambda: _broken(norma43(ENTRIES), b"REF0001         \r\n",
                                             b"REF0001          \r\n"), "line 2"),
    ("camt not XML", lambda: camt053(ENTRIES)[:-40], "line"),
    ("camt bad amount", lambda: _broken(camt053(ENTRIES), b">1210.00<", b">12I0.00<"),
     "Ntry #1 Amt"),
    ("camt bad date", lambda: _broken(camt053(ENTRIES), b"<Dt>2026-11-06</Dt>",
                                       b"<Dt>2026-13-06</Dt>"), "Ntry #3 BookgDt"),
    ("camt no sign", lambda: _broken(camt053(ENTRIES), b"<CdtDbtInd>CRDT", b"<CdtDbtInd>XXXX"),
     "Ntry #1 CdtDbtInd"),
    ("ofx bad amount", lambda: _broken(ofx_sgml(ENTRIES), b"<TRNAMT>-50.00", b"<TRNAMT>-5O.00"),
     "STMTTRN #2 (FITID REF0002)"),
    ("ofx bad date", lambda: _broken(ofx_xml(ENTRIES), b"<DTPOSTED>20261106",
                                      b"<DTPOSTED>2026X106"), "STMTTRN #3"),
    ("mt940 bad :61:", lambda: _broken(mt940(ENTRIES), b":61:2611051105C1210,00",
                                        b":61:26110X1105C1210,00"), "line 5"),
    ("mt940 wrong balance", lambda: mt940(ENTRIES, break_closing=True), ":62F:"),
    ("mt940 cut short", lambda: mt940(ENTRIES).split(b":62F:")[0], "no :62F:"),
    ("csv bad amount", lambda: _broken(csv_es(ENTRIES), b"1.210,00", b"1.2l0,00"), "line 3"),
    ("csv bad date", lambda: _broken(csv_es(ENTRIES), b"06/11/2026;06", b"31/02/2026;06"),
     "line 5"),
])
def test_a_damaged_file_is_refused_naming_where(name, make, where):
    with pytest.raises(StatementError) as caught:
        read_statement(make(), csv_mapping=MAPPING, account="Caixa")
    assert where in str(caught.value), str(caught.value)


def test_xml_entities_are_refused():
    bomb = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]>'
            b'<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">&a;</Document>')
    with pytest.raises(StatementError, match="entities"):
        read_statement(bomb)


def test_an_unknown_file_is_refused():
    with pytest.raises(StatementError, match="cannot tell"):
        read_statement(b"\x00\x01binary nonsense")
    with pytest.raises(StatementError, match="empty"):
        read_statement(b"  \n")
