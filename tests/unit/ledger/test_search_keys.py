"""Search folds case and accents in any script (core/search.fold), through search keys kept in
step with every write; the invoice list's totals per currency and its sort by amount within
currency (ledger/browse.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
import shutil
import sqlite3
from pathlib import Path

import pytest

from collector_gui.actions.demo import generate_demo
from collector_gui.core import search
from collector_gui.core.model import Client, ContactEvent, EventKind, Invoice, Payment
from collector_gui.core.search import fold
from collector_gui.ledger import browse
from collector_gui.ledger import outbox as ob
from collector_gui.ledger.csvio import import_csv
from collector_gui.ledger.database import Ledger

TODAY = dt.date(2026, 11, 23)
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "ledgers"


@pytest.mark.parametrize(("typed", "stored"), [
    # Spanish names: accents and case never matter
    ("gutierrez", "Gutiérrez"), ("alvarez", "Álvarez"), ("álvarez", "ÁLVAREZ"),
    ("nunez", "Núñez"), ("pena", "Peña"),  # ñ is n + tilde: "pena" finds Peña (forgiving)
    # German and Nordic: ß is ss; Å and Ö lose their marks
    ("strasse", "Straße"), ("STRASSE", "straße"), ("angstrom", "ÅNGSTRÖM"),
    ("muller", "Müller"), ("oresund", "Øresund"),
    # Greek: case and tonos, final sigma
    ("οδυσσευς", "ΟΔΥΣΣΕΥΣ"), ("οδυσσεύς", "Οδυσσεύς"), ("αθηνα", "Αθήνα"),
    # Cyrillic case
    ("привет", "ПРИВЕТ"), ("ёлка", "Ёлка"),
    # Turkish: dotted İ and dotless ı both reach plain i (a search box finds too much rather
    # than miss: "isik" finds Işık, "istanbul" finds İSTANBUL)
    ("isik", "Işık"), ("istanbul", "İSTANBUL"), ("ISIK", "IŞIK"),
    # compatibility forms
    ("fine", "ﬁne"), ("2", "²"),
])
def test_fold_finds_what_a_person_types(typed, stored):
    assert fold(typed) in fold(stored)


@pytest.mark.parametrize(("a", "b"), [
    ("カ", "ガ"),  # Japanese voicing marks change the sound: kept
    ("gutierrez", "gutierres"),
    ("ana", "ama"),
])
def test_fold_keeps_letters_apart(a, b):
    assert fold(a) != fold(b)


def test_fold_of_nothing():
    assert fold("") == "" and fold(None) == "" and search.key(None, "") == "\x1f"


# -- the keys, in step with every write --------------------------------------------------------

_KEYED = {
    "clients": ("name, email, billing_name, billing_email", search.client_key),
    "invoices": ("number, description", search.invoice_key),
    "contact_events": ("subject, body", search.event_key),
}


def _stale(path: Path) -> list[tuple]:
    """Every row whose search key is not what its columns fold to."""
    conn = sqlite3.connect(path)
    try:
        out = []
        for table, (columns, make_key) in _KEYED.items():
            for row in conn.execute(f"SELECT id, search_key, {columns} FROM {table}"):
                if row[1] != make_key(*row[2:]):
                    out.append((table, row[0], row[1]))
        return out
    finally:
        conn.close()


def test_every_kind_of_write_keeps_the_keys_in_step(store, ledger):
    # the Store's own writes
    ana = store.add_client(Client(name="Ana Álvarez", email="ANA@Example.es",
                                  billing_name="Administración", billing_email="Pagos@x.es"))
    ana = store.update_client(replace(ana, name="Ana Álvarez Núñez"))
    gone = store.add_client(Client(name="Émile Dupré"))
    store.delete_client(gone.id)
    store.restore_client(gone)
    inv = store.add_invoice(Invoice("FRA-Ñ-1", ana.id, TODAY - dt.timedelta(days=40),
                                    TODAY - dt.timedelta(days=10), "EUR", 12100,
                                    description="Diseño gráfico"))
    store.update_invoice(replace(inv, description="Rediseño ÁGIL"))
    store.add_event(ContactEvent(client_id=ana.id, at=dt.datetime(2026, 11, 20, 9),
                                 kind=EventKind.NOTE, subject="Llamé a Begoña",
                                 body="Dice que pagará el JUEVES"))
    # the outbox: queued with the raw message, the raw replaced, sent, withdrawn
    at = dt.datetime(2026, 11, 23, 9)
    queued = ob.queue_message(store, client_id=ana.id, at=at, stage="polite",
                              subject="Recordatorio: factura FRA-Ñ-1", invoice_ids=[inv.id],
                              message_id="<1@x>", raw=b"Subject: x\r\n\r\nHola\r\n")
    ob.replace_raw(store, queued, b"Subject: y\r\n\r\nHola otra vez\r\n")
    ob.mark_sent(store, queued, message_id="<1@x>", history="Enviado a Ána")
    other = ob.queue_message(store, client_id=ana.id, at=at, stage="firm",
                             subject="Segundo aviso", invoice_ids=[inv.id],
                             message_id="<2@x>", raw="Subject: z\r\n\r\nADIÓS\r\n".encode())
    assert ob.withdraw(store, other, at=at, subject="Retirado: Segundo aviso",
                       body="No se envió: ÉL pagó")
    # CSV import: clients, then invoices that make a new client
    report = import_csv(store, "clients", (
        "name,email,billing_name,billing_email\n"
        "Zoë Müller GmbH,ZOE@mueller.de,Buchhaltung Straße,rechnung@mueller.de\n").encode(),
        today=TODAY)
    assert report.written, report
    report = import_csv(store, "invoices", (
        "number,client,issue_date,due_date,currency,total,description\n"
        "RE-Ü-7,Ødegård AS,2026-10-01,2026-10-31,EUR,100.00,Übersetzung\n").encode(),
        today=TODAY)
    assert report.written, report
    with ledger.read() as db:
        counts = [db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in _KEYED]
    assert counts == [4, 2, 3]
    assert _stale(ledger.path) == []


def test_the_demo_ledger_has_its_keys(tmp_path):
    with Ledger.open(tmp_path / "demo.sqlite") as ledger:
        generate_demo(ledger, invoices=300, seed=3, today=TODAY)
    assert _stale(tmp_path / "demo.sqlite") == []


def test_an_old_ledger_gets_its_keys_when_upgraded(tmp_path):
    path = tmp_path / "old.sqlite"
    shutil.copyfile(FIXTURES / "v4.sqlite", path)
    with Ledger.open(path) as ledger:
        found = browse.client_pager(ledger, browse.ClientFilter(text="cafe nandu"),
                                    browse.Sort("name"), TODAY).next_page()
        assert [r.name for r in found] == ["Café Ñandú S.L."]
    assert _stale(path) == []


# -- searching the lists -----------------------------------------------------------------------

@pytest.fixture
def books(store):
    alvarez = store.add_client(Client(name="Álvarez Diseño S.L.", email="hola@alvarez.es"))
    gutierrez = store.add_client(Client(name="Gutiérrez y Peña", email="admin@gp.es",
                                        billing_name="Begoña Ruiz"))
    tokyo = store.add_client(Client(name="株式会社サクラ", currency="JPY"))
    out = {}
    day = TODAY - dt.timedelta(days=60)
    rows = [("A-1", alvarez, "EUR", 913600, ""), ("A-2", alvarez, "USD", 50000, ""),
            ("G-1", gutierrez, "EUR", 120000, "Catálogo"), ("G-2", gutierrez, "EUR", 3000, ""),
            ("T-1", tokyo, "JPY", 1000819, "パンフレット"), ("T-2", tokyo, "JPY", 500, ""),
            ("V-1", gutierrez, "EUR", 999999, "void one")]
    for number, client, cur, total, desc in rows:
        out[number] = store.add_invoice(Invoice(number, client.id, day, day + dt.timedelta(days=30),
                                                cur, total, description=desc))
    store.set_invoice_flags(out["V-1"].id, void=True)
    return out


def _numbers(ledger, text, **kw):
    pager = browse.invoice_pager(ledger, browse.InvoiceFilter(text=text, **kw),
                                 browse.Sort("number"), TODAY)
    return [r.number for r in pager.next_page()]


@pytest.mark.parametrize(("typed", "numbers"), [
    ("alvarez", ["A-1", "A-2"]), ("ÁLVAREZ", ["A-1", "A-2"]), ("Álvarez", ["A-1", "A-2"]),
    ("gutierrez", ["G-1", "G-2", "V-1"]), ("PENA", ["G-1", "G-2", "V-1"]),
    ("catalogo", ["G-1"]),  # the description
    ("g-1", ["G-1"]),  # the number, any case
    ("サクラ", ["T-1", "T-2"]), ("ﾊﾟﾝﾌﾚｯﾄ", ["T-1"]),  # half-width katakana is the same word
    ("begona", []),  # the billing contact finds the client, not the invoices
    ("50%", []), ("_", []),  # typed wildcards are text
])
def test_invoice_search_folds_case_and_accents(ledger, books, typed, numbers):
    assert _numbers(ledger, typed) == numbers


def test_client_and_event_search_fold_too(ledger, store, books):
    def clients(text):
        return [r.name for r in browse.client_pager(
            ledger, browse.ClientFilter(text=text), browse.Sort("name"), TODAY).next_page()]

    assert clients("alvarez") == ["Álvarez Diseño S.L."]
    assert clients("BEGOÑA") == clients("begona") == ["Gutiérrez y Peña"]  # billing contact
    client = books["G-1"].client_id
    store.add_event(ContactEvent(client_id=client, at=dt.datetime(2026, 11, 1, 9),
                                 kind=EventKind.CALL, subject="Llamada", body="Prometió PAGAR"))
    found = browse.event_pager(ledger, browse.EventFilter(text="prometio pagar")).next_page()
    assert [e.subject for e in found] == ["Llamada"]
    by_name = browse.event_pager(ledger, browse.EventFilter(text="gutierrez")).next_page()
    assert [e.subject for e in by_name] == ["Llamada"]
    assert [n for _id, n in browse.client_choices(ledger, "gutie")] == ["Gutiérrez y Peña"]


# -- sort by amount within currency; totals per currency ---------------------------------------

def _all(pager) -> list:
    rows = []
    while not pager.exhausted:
        rows += pager.next_page()
    return rows


@pytest.mark.parametrize("descending", [False, True])
def test_balance_sorts_within_currency(ledger, books, descending):
    pager = browse.invoice_pager(ledger, browse.InvoiceFilter(), browse.Sort("balance",
                                 descending), TODAY, page_size=2)  # the seek crosses pages
    rows = _all(pager)
    keys = [(r.currency, 0 if r.void else r.total_minor - r.paid_minor) for r in rows]
    assert keys == sorted(keys, reverse=descending)
    # ¥1,000,819 never sits among the euro amounts; the void invoice owes nothing
    currencies = [r.currency for r in rows]
    assert currencies == sorted(currencies, reverse=descending)
    eur = [r.number for r in rows if r.currency == "EUR"]
    assert eur == (["A-1", "G-1", "G-2", "V-1"] if descending else ["V-1", "G-2", "G-1", "A-1"])


def test_overdue_balance_sorts_within_currency(ledger, books):
    rows = _all(browse.overdue_pager(ledger, TODAY, browse.Sort("balance", True), page_size=3))
    keys = [(r.currency, r.balance_minor) for r in rows]
    assert keys == sorted(keys, reverse=True) and "V-1" not in [r.number for r in rows]


@pytest.mark.parametrize("flt", [
    browse.InvoiceFilter(),
    browse.InvoiceFilter(status="open"),
    browse.InvoiceFilter(text="gutierrez"),
    browse.InvoiceFilter(status="void"),
    browse.InvoiceFilter(text="nothing like it"),
])
def test_totals_per_currency_match_the_store(ledger, store, books, flt):
    store.add_payment(Payment(books["G-1"].id, TODAY, 20000))
    summary = browse.invoice_pager(ledger, flt, browse.Sort("number"), TODAY,
                                   page_size=1).summary()  # not the one row read: all of them
    ids = {r.id for r in _all(browse.invoice_pager(ledger, flt, browse.Sort("number"), TODAY))}
    expected: dict[str, list[int]] = {}
    for client in store.clients():
        for inv in store.invoices_of(client.id):
            if inv.id in ids:
                t = expected.setdefault(inv.currency, [0, 0, 0])
                t[0] += 1
                t[1] += inv.total_minor
                t[2] += inv.balance_minor if not (inv.void or inv.draft) else 0
    assert {t.currency: [t.count, t.total_minor, t.owed_minor]
            for t in summary.per_currency} == expected
    assert summary.count == len(ids)


def test_overdue_totals_match_the_store(ledger, store, books):
    summary = browse.overdue_pager(ledger, TODAY, page_size=1).summary()
    expected: dict[str, int] = {}
    for row in store.overdue(TODAY):
        expected[row.currency] = expected.get(row.currency, 0) + row.balance_minor
    assert {t.currency: t.owed_minor for t in summary.per_currency} == expected
