"""The statement of account, from the hostile ledger and from small hand-made ones."""

from __future__ import annotations

import datetime as dt
import re

import pypdf
import pytest
from docs_helpers import (
    ACCENTED,
    AS_OF,
    BULK,
    CREATED,
    CYRILLIC,
    GREEK,
    JPY_CLIENT,
    KWD_CLIENT,
    LONG,
    pdf_info,
    pdf_pages,
    pdftotext,
    set_business,
)

from collector_gui.actions.documents import statement_pdf
from collector_gui.core.aging import BUCKETS, aging
from collector_gui.core.model import Client, ContactEvent, EventKind, EventStatus, Invoice, Payment
from collector_gui.core.money import format_minor
from collector_gui.ledger.documents_data import invoices_as_of

D = dt.date


def test_200_invoices_over_several_pages_each_once_header_repeated(hostile, tmp_path):
    store, built = hostile
    out = statement_pdf(store, BULK, tmp_path / "bulk.pdf", as_of=AS_OF, created=CREATED)
    pages = pdf_pages(out)
    n = len(pages)
    assert n >= 5
    header = "Número Emisión Vencimiento Días de retraso Importe Pagado Pendiente"
    for i, page in enumerate(pages, 1):
        assert f"{i} / {n}" in page
        if re.search(r"\bB-0\d{3} \d+ \w+ 20\d\d", page):  # a row of the open invoices
            assert header in page, i
    # (the payment details below name the oldest invoice due as the reference)
    text = " ".join(pages).split("Forma de pago en")[0]
    for i, number in enumerate(built.numbers[BULK]):
        paid_in_period = i % 7 == 0  # then it is also in the payments of the period
        assert len(re.findall(rf"\b{number}\b", text)) == 1 + paid_in_period, number
    assert pdf_info(out)["/Title"] == f"Extracto de cuenta — {BULK}"


def test_totals_and_amount_to_pay_now_per_currency_match_core(hostile, tmp_path):
    store, _ = hostile
    client = store.find_client(BULK)
    invoices = [i for i in invoices_as_of(store, client.id, AS_OF) if i.is_open()]
    currencies = sorted({i.currency for i in invoices})
    assert currencies == ["EUR", "JPY", "KWD"]
    text = " ".join(pdf_pages(statement_pdf(store, BULK, tmp_path / "b.pdf", as_of=AS_OF,
                                            created=CREATED)))
    totals = text.split("Totales por moneda")[1].split("Pagos recibidos")[0]
    for cur in currencies:
        mine = [i for i in invoices if i.currency == cur]
        held = [i for i in mine if i.disputed or i.reminders_paused]
        later = [i for i in mine if i not in held and i.due_date > AS_OF]
        now = [i for i in mine if i not in held and i not in later]
        values = (sum(i.total_minor for i in mine), sum(i.paid_minor for i in mine),
                  sum(i.balance_minor for i in mine), sum(i.balance_minor for i in held),
                  sum(i.balance_minor for i in later), sum(i.balance_minor for i in now))
        row = " ".join(format_minor(v, cur, "es_ES").replace("\xa0", " ") for v in values)
        assert f"{cur} {row}" in totals


def test_statement_in_spanish_with_contact_summary(hostile, tmp_path):
    store, _ = hostile
    out = statement_pdf(store, ACCENTED, tmp_path / "s.pdf", as_of=AS_OF, created=CREATED)
    pages = pdf_pages(out)
    assert len(pages) == 1
    text = pages[0]
    for expected in [
        "Extracto de cuenta", "A fecha de 30 jun 2025", ACCENTED,
        "ES-2025-001 10 ene 2025 9 feb 2025 141 776,25 € 200,00 € 576,25 €",
        "ES-2025-002 20 may 2025 19 jun 2025 11 1.234,56 € 0,00 € 1.234,56 €",
        "Pagos recibidos del 1 abr 2025 al 30 jun 2025", "Ningún pago en este periodo.",
        "1 / 1",
    ]:
        assert expected in text, expected
    # The client's document: no chasing history, no footnote that makes no sense.
    for absent in ("Historial de contactos", "correo", "incumplidas", "no tenga en cuenta"):
        assert absent not in text, absent


@pytest.mark.parametrize("client, expected", [
    (KWD_CLIENT, ["KW-1", "KWD 1,234.567", "KWD 1.000", "KWD 1,233.567",
                  "KW-2"]),
    (JPY_CLIENT, ["JP-1", "1.234.567 JPY", "Días de retraso"]),
    (GREEK, [GREEK, "€999.99"]),
    (CYRILLIC, [CYRILLIC, "£5,000.00", "ул. Тверская, 7"]),
])
def test_currencies_and_scripts(hostile, tmp_path, client, expected):
    store, _ = hostile
    out = statement_pdf(store, client, tmp_path / "s.pdf", as_of=AS_OF, created=CREATED)
    text = " ".join(pdf_pages(out))
    poppler = pdftotext(out)
    for item in expected:
        assert item in text, item
        assert item in poppler, item


def test_not_yet_due_invoice_is_listed_but_not_overdue(hostile, tmp_path):
    store, _ = hostile
    text = pdf_pages(statement_pdf(store, "future works ltd", tmp_path / "f.pdf", as_of=AS_OF,
                                   created=CREATED))[0]
    assert "FUT-1 Jun 20, 2025 Jul 20, 2025 – €70.00 €0.00 €70.00" in text
    # amount, paid, balance, on hold, not yet due, to pay now: nothing to pay yet
    assert "EUR €70.00 €0.00 €70.00 €0.00 €70.00 €0.00" in text


def test_paid_up_client_has_nothing_open(hostile, tmp_path):
    store, _ = hostile
    text = pdf_pages(statement_pdf(store, "Paid Up Ltd", tmp_path / "p.pdf", as_of=AS_OF,
                                   created=CREATED))[0]
    assert "No open invoices" in text and "PAID-1" not in text and "Aging" not in text


def test_long_name_wraps_and_statement_stays_one_page(hostile, tmp_path):
    store, built = hostile
    out = statement_pdf(store, LONG, tmp_path / "l.pdf", as_of=AS_OF, created=CREATED)
    pages = pdf_pages(out)
    assert len(pages) == 1
    flat = re.sub(r"\s+", "", pages[0])
    assert re.sub(r"\s+", "", LONG) in flat
    assert re.sub(r"\s+", "", built.numbers[LONG][0]) in flat


def _small_ledger(store):
    set_business(store)
    c = store.add_client(Client("Acme", email="ap@acme.test"))
    a = store.add_invoice(Invoice("A-1", c.id, D(2025, 4, 1), D(2025, 5, 1), "EUR", 100000))
    store.add_payment(Payment(a.id, D(2025, 3, 1) + dt.timedelta(days=60), 10000, "card", "R-1"))
    store.add_payment(Payment(a.id, D(2025, 7, 5), 40000, "transfer", "R-LATE"))
    store.add_invoice(Invoice("A-2", c.id, D(2025, 7, 1), D(2025, 7, 31), "EUR", 5000))
    old = store.add_invoice(Invoice("A-0", c.id, D(2024, 1, 1), D(2024, 2, 1), "EUR", 7000))
    store.add_payment(Payment(old.id, D(2024, 2, 1), 7000, "cash", "R-OLD"))
    return c


def test_as_of_a_past_date_shows_what_was_open_then(docs_store, tmp_path):
    _small_ledger(docs_store)
    then = pdf_pages(statement_pdf(docs_store, "Acme", tmp_path / "then.pdf", as_of=AS_OF,
                                   created=CREATED))[0]
    # the payment of Jul 5 and the invoice issued Jul 1 are after Jun 30
    assert "A-1 Apr 1, 2025 May 1, 2025 60 €1,000.00 €100.00 €900.00" in then
    assert "A-2" not in then and "R-LATE" not in then
    # payments in the 90 days up to the date: the one of Apr 30, not the one of 2024
    assert "Payments received from Apr 1, 2025 to Jun 30, 2025" in then
    assert "Apr 30, 2025 A-1 card R-1 €100.00" in then and "R-OLD" not in then
    now = pdf_pages(statement_pdf(docs_store, "Acme", tmp_path / "now.pdf",
                                  as_of=D(2025, 7, 10), created=CREATED))[0]
    assert "€1,000.00 €500.00 €500.00" in now and "A-2 Jul 1, 2025" in now
    assert "Jul 5, 2025 A-1 transfer R-LATE €400.00" in now


def test_late_charges_appear_only_when_the_business_charges_them(docs_store, tmp_path):
    _small_ledger(docs_store)
    plain = pdf_pages(statement_pdf(docs_store, "Acme", tmp_path / "a.pdf", as_of=AS_OF,
                                    created=CREATED))[0]
    assert "Late-payment charges" not in plain
    docs_store.set_setting("late.mode", "fixed+interest")
    docs_store.set_setting("late.fixed", "15")
    docs_store.set_setting("late.annual_rate", "36.5")
    text = pdf_pages(statement_pdf(docs_store, "Acme", tmp_path / "b.pdf", as_of=AS_OF,
                                   created=CREATED))[0]
    # 900.00 unpaid for the 60 days from May 2 to Jun 30 at 0.1 % a day = 54.00
    assert "Late-payment charges as of Jun 30, 2025" in text
    assert "EUR €900.00 €15.00 €54.00 €969.00" in text
    assert "A fixed fee of €15.00 per overdue invoice, and simple interest of 36.5% a year" in text


def test_no_chasing_history_on_the_statement(docs_store, tmp_path):
    set_business(docs_store)
    c = docs_store.add_client(Client("Acme"))
    a = docs_store.add_invoice(Invoice("A-1", c.id, D(2025, 1, 1), D(2025, 1, 31), "EUR", 50000))
    docs_store.add_event(ContactEvent(c.id, dt.datetime(2025, 2, 1, 9), EventKind.EMAIL,
                                      subject="Reminder", status=EventStatus.SENT))
    docs_store.add_event(ContactEvent(c.id, dt.datetime(2025, 2, 3, 9), EventKind.EMAIL,
                                      subject="Failed one", status=EventStatus.FAILED))
    docs_store.add_event(ContactEvent(c.id, dt.datetime(2025, 2, 5, 9), EventKind.PROMISE,
                                      promised_date=D(2025, 2, 20), promised_minor=20000,
                                      invoice_ids=(a.id,)))
    docs_store.add_event(ContactEvent(c.id, dt.datetime(2025, 6, 25, 9), EventKind.PROMISE,
                                      promised_date=D(2025, 7, 15), invoice_ids=(a.id,)))
    docs_store.add_payment(Payment(a.id, D(2025, 2, 18), 20000))
    text = pdf_pages(statement_pdf(docs_store, "Acme", tmp_path / "c.pdf", as_of=AS_OF,
                                   created=CREATED))[0]
    # The chasing history is the dossier's: the client's statement does not print it.
    for absent in ("email", "promise", "last contact", "kept:", "disregard"):
        assert absent not in text, absent
    assert "To pay now EUR €300.00" in text


def test_letter_paper_and_english_labels(docs_store, tmp_path):
    set_business(docs_store, **{"business.paper": "Letter"})
    c = docs_store.add_client(Client("Acme"))
    docs_store.add_invoice(Invoice("A-1", c.id, D(2025, 1, 1), D(2025, 1, 31), "EUR", 100))
    out = statement_pdf(docs_store, "Acme", tmp_path / "l.pdf", as_of=AS_OF, created=CREATED)
    box = pypdf.PdfReader(str(out)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    assert "Statement of account" in pdf_pages(out)[0]
