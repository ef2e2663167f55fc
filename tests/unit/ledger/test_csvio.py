from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from collector_gui.core.errors import Cancelled
from collector_gui.core.progress import Task
from collector_gui.ledger.csvio import defuse, export_csv, import_csv, undefuse
from tests.helpers.dates import TODAY


def run(store, kind, text, **kw):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return import_csv(store, kind, data, file="f.csv", today=TODAY, **kw)


def messages(report):
    return report.error_lines()


CLIENTS = (
    "Name,Email,LANGUAGE,currency,payment_terms_days,credit_limit,notes\n"
    "José Núñez,jose@example.es,es,EUR,30,5000.00,\"multi\nline\"\n"
    "Acme Ltd,ap@acme.example,en,GBP,14,,\n"
)
INVOICES = (
    "number,client,issue_date,due_date,currency,total,description\n"
    "A-1,José Núñez,2026-08-01,2026-09-01,EUR,1250.50,Logo\n"
    "A-2,Acme Ltd,2026-10-01,2026-10-15,GBP,99.99,\n"
    "A-3,Brand New SL,2026-10-01,2026-10-31,JPY,150000,\n"
)


def test_clients_invoices_payments_import(store):
    rep = run(store, "clients", "\ufeff" + CLIENTS)  # a BOM is fine
    assert rep.ok and rep.written and rep.rows == 2, messages(rep)
    jose = store.find_client("José Núñez")
    assert jose.language == "es" and jose.credit_limit_minor == 500000 and jose.notes == "multi\nline"

    rep = run(store, "invoices", INVOICES)
    assert rep.ok, messages(rep)
    assert rep.created_clients == ["Brand New SL"]
    assert "created 1 new client: Brand New SL" in rep.summary()
    assert store.find_client("brand new sl").currency == "JPY"
    assert store.find_invoice("A-3").total_minor == 150000

    rep = run(store, "payments", "invoice,date,amount,method\nA-1,2026-09-10,250.50,transfer\n"
                                 "a-1,2026-09-12,100,cash\n")
    assert rep.ok, messages(rep)
    assert store.find_invoice("A-1").paid_minor == 35050


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("B-1,X,2026-02-30,2026-03-01,EUR,1", "f.csv:2: issue_date: 2026-02-30 is not a real date"),
        ("B-1,X,2026-03-02,2026-03-01,EUR,1", "f.csv:2: due_date: due date 2026-03-01 is before"),
        ("B-1,X,2026-03-01,2026-03-01,EURO,1", "f.csv:2: currency: unknown currency 'EURO'"),
        ("B-1,X,2026-03-01,2026-03-01,EUR,1.999", "f.csv:2: total: amount '1.999' has more than 2"),
        ("B-1,X,2026-03-01,2026-03-01,JPY,10.5", "f.csv:2: total: amount '10.5': JPY has no minor"),
        ("B-1,X,2026-03-01,2026-03-01,KWD,1.2345", "f.csv:2: total: amount '1.2345' has more than 3"),
        ("B-1,X,2026-03-01,2026-03-01,EUR,0", "f.csv:2: total: amount must be more than zero"),
        ("B-1,X,2026-03-01,2026-03-01,EUR,-3", "f.csv:2: total: amount '-3' is negative"),
        ("B-1,X,2026-03-01,2026-03-01,EUR,1,200.00", "f.csv:2: -: 7 fields, but the header has 6"),
        (",X,2026-03-01,2026-03-01,EUR,1", "f.csv:2: number: invoice number is required"),
        ("A-1,X,2026-03-01,2026-03-01,EUR,1", "f.csv:2: number: invoice A-1 is already in the ledger"),
    ],
)
def test_bad_invoice_rows_are_reported(store, row, expected):
    assert run(store, "invoices", INVOICES).ok
    before = store.counts()
    rep = run(store, "invoices", "number,client,issue_date,due_date,currency,total\n" + row + "\n")
    assert not rep.written
    assert any(line.startswith(expected) for line in messages(rep)), messages(rep)
    assert store.counts() == before


def test_every_bad_row_is_reported_and_nothing_is_written(store):
    text = ("number,client,issue_date,due_date,currency,total\n"
            "C-1,New,2026-01-01,2026-01-31,EUR,10\n"
            "C-2,New,2026-01-01,2026-01-31,EUR,abc\n"
            "C-1,New,2026-01-01,2026-01-31,EUR,10\n"
            "C-3,New,2026-01-01,2026-01-31,EUR,10\n")
    rep = run(store, "invoices", text)
    assert messages(rep) == [
        "f.csv:3: total: amount 'abc' is not a number",
        "f.csv:4: number: invoice number C-1 appears twice in the file (first on line 2)",
    ]
    assert store.counts()["invoices"] == 0 and store.counts()["clients"] == 0


def test_payment_errors(store):
    assert run(store, "invoices", INVOICES).ok
    text = ("invoice,date,amount\n"
            "NOPE,2026-09-01,1\n"
            "A-1,2026-12-01,1\n"
            "A-1,2026-07-01,1\n"
            "A-2,2026-10-02,60\n"
            "A-2,2026-10-03,40\n")
    rep = run(store, "payments", text)
    assert messages(rep) == [
        "f.csv:2: invoice: there is no invoice numbered NOPE in the ledger",
        "f.csv:3: date: 2026-12-01 is in the future",
        "f.csv:4: date: 2026-07-01 is before invoice A-1 was issued (2026-08-01)",
        "f.csv:6: amount: payments for invoice A-2 add up to 100.00 GBP, more than its balance 99.99 GBP",
    ]
    assert store.counts()["payments"] == 0


def test_client_errors(store):
    run(store, "clients", CLIENTS)
    text = ("name,email,language,currency,payment_terms_days,credit_limit\n"
            "acme ltd,x@y.z,en,EUR,30,\n"
            "Nuevo,not-an-email,fr,EUR,thirty,12.345\n"
            "Dup,,,,,\n"
            "DUP,,,,,\n")
    rep = run(store, "clients", text)
    assert messages(rep) == [
        "f.csv:2: name: a client named 'acme ltd' is already in the ledger",
        "f.csv:3: email: 'not-an-email' is not an email address",
        "f.csv:3: language: language 'fr' is not supported (use en or es)",
        "f.csv:3: payment_terms_days: 'thirty' is not a whole number of days from 0 to 365",
        "f.csv:3: credit_limit: amount '12.345' has more than 2 decimals for EUR",
        "f.csv:5: name: client 'DUP' appears twice in the file (first on line 4)",
    ]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "f.csv:1: -: the file is empty"),
        (b"email,phone\nA,B\n", "f.csv:1: name: required column is missing"),
        (b"name,name\nA,B\n", "f.csv:1: name: column appears twice"),
        ("name\nJos\u00e9\n".encode("latin-1"), "f.csv:2: -: the file is not UTF-8 text"),
        (b"name\nok\nbad\x00byte\n", "f.csv:3: -: the file holds a NUL byte"),
        (b'name,email\n"unclosed,x\n', "f.csv:"),
    ],
)
def test_file_level_problems(store, data, expected):
    rep = run(store, "clients", data)
    assert not rep.ok and not rep.written
    assert messages(rep)[0].startswith(expected), messages(rep)


@given(st.binary(max_size=40), st.integers(1, 7))
def test_the_sliced_utf8_check_finds_what_one_decode_finds(data, size):
    """The file is checked a slice at a time (the window's thread is not held by one decode
    of a whole file): the first bad byte is the one a whole decode names, wherever the slices
    cut, through a character split between two slices too."""
    from collector_gui.ledger import csvio

    old = csvio._DECODE_SLICE
    csvio._DECODE_SLICE = size
    try:
        found = csvio._not_utf8_at(data)
    finally:
        csvio._DECODE_SLICE = old
    try:
        data.decode("utf-8")
        expected = None
    except UnicodeDecodeError as exc:
        expected = exc.start
    assert found == expected


def test_a_bad_byte_after_the_first_megabyte_is_on_its_line(store):
    rows = "".join(f"Client {i:07d}\n" for i in range(120_000))  # ~1.8 MB
    data = ("name\n" + rows).encode() + "Jos\u00e9\n".encode("latin-1")
    rep = run(store, "clients", data)
    assert messages(rep)[0].startswith("f.csv:120002: -: the file is not UTF-8 text")


def test_dry_run_writes_nothing_and_unknown_columns_are_named(store):
    rep = run(store, "clients", "name,colour\nAna,blue\n", dry_run=True)
    assert rep.ok and not rep.written
    assert "would import 1 client" in rep.summary() and "colour" in rep.summary()
    assert store.counts()["clients"] == 0


def test_cancel_rolls_back(store):
    rows = "".join(f"Client {i}\n" for i in range(3000))
    task = Task(lambda done, total, text: task.cancel() if done >= 1000 else None)
    with pytest.raises(Cancelled):
        run(store, "clients", "name\n" + rows, task=task)
    assert store.counts()["clients"] == 0


@given(st.text())
def test_defuse_round_trips(value):
    assert undefuse(defuse(value)) == value
    assert not defuse(value).startswith(("=", "+", "-", "@", "\t", "\r"))


def test_export_round_trips_through_import(store, tmp_path, ledger):
    from collector_gui.ledger.database import Ledger
    from collector_gui.ledger.store import Store

    run(store, "clients", CLIENTS + "=HYPERLINK(\"http://x\"),,en,EUR,30,,@sum\n")
    run(store, "invoices", INVOICES + "-5,Acme Ltd,2026-10-01,2026-10-15,GBP,5,+cmd\n")
    run(store, "payments", "invoice,date,amount\nA-1,2026-09-10,250.50\n")
    files = {}
    for kind in ("clients", "invoices", "payments"):
        out = io.StringIO()
        export_csv(store, kind, out)
        files[kind] = out.getvalue()
    assert "'=HYPERLINK" in files["clients"] and "'@sum" in files["clients"]
    assert "'-5," in files["invoices"] and "'+cmd" in files["invoices"]

    with Ledger.open(tmp_path / "copy.sqlite") as other:
        copy = Store(other)
        for kind in ("clients", "invoices", "payments"):
            rep = import_csv(copy, kind, files[kind].encode(), file=kind, today=TODAY)
            assert rep.ok and not rep.ignored_columns, rep.error_lines()
        for kind in ("clients", "invoices", "payments"):
            again = io.StringIO()
            export_csv(copy, kind, again)
            assert again.getvalue() == files[kind]
        assert copy.find_client('=HYPERLINK("http://x")').notes == "@sum"
