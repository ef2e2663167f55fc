"""Helpers of the PDF tests: the hostile ledger's contents and reading PDFs back."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pypdf

from collector_gui.core.model import (
    Client,
    ContactEvent,
    EventKind,
    EventStatus,
    Invoice,
    InvoiceLine,
    Payment,
)
from collector_gui.ledger.store import Store

D = dt.date
AS_OF = D(2025, 6, 30)
CREATED = dt.datetime(2025, 7, 1, 9, 30, tzinfo=dt.timezone.utc)

GREEK = "Ελληνική Εταιρεία Λογισμικού Α.Ε."
CYRILLIC = "Анастасия Петрова ООО"
ACCENTED = "José Núñez — Łódź Ñandú"
LONG = ("Internationale Gesellschaft für außerordentlich lange Firmennamen und "
        "Buchhaltungsdienstleistungen mit beschränkter Haftung ") * 3 + "Ü" * 90
CJK = "山田太郎 株式会社"
KWD_CLIENT = "Al Kuwait Trading W.L.L."
JPY_CLIENT = "Tanaka Design K.K."
BULK = "Bulk Buyer Ελλάς Ана"
PAID_UP = "Paid Up Ltd"
NOT_DUE = "Future Works Ltd"

BUSINESS = {
    "business.name": "Ana Núñez Estudio",
    "business.address": "Calle Mayor 12, 3º B\n28013 Madrid\nEspaña",
    "business.email": "ana@example.es",
    "business.phone": "+34 600 000 000",
    "business.tax_id": "ES12345678Z",
    "business.iban": "ES91 2100 0418 4502 0005 1332",
    "business.bic": "CAIXESBBXXX",
    "business.payment_instructions": "Bizum: +34 600 000 000",
    "business.late_terms": "Late payments accrue interest under Directive 2011/7/EU.",
}


@dataclass
class Built:
    path: Path
    numbers: dict[str, list[str]] = field(default_factory=dict)  # client name -> numbers


def set_business(store: Store, **extra: str) -> None:
    for key, value in {**BUSINESS, **extra}.items():
        store.set_setting(key, value)


def add_invoice(store: Store, client: Client, number: str, issue: dt.date, *, days: int = 30,
                currency: str | None = None, total: int = 0, lines=(), **kw) -> Invoice:
    return store.add_invoice(Invoice(number, client.id, issue, issue + dt.timedelta(days=days),
                                     currency or client.currency, total, lines=tuple(lines),
                                     **kw))


def build_hostile(store: Store) -> Built:
    """Every kind of data that has broken PDFs elsewhere."""
    set_business(store)
    built = Built(store.ledger.path)
    es = store.add_client(Client(ACCENTED, email="jose@example.es", language="es",
                                 address="Ulica Piotrkowska 1\n90-001 Łódź\nPolska",
                                 tax_id="PL1234567890", billing_name="Cuentas a pagar"))
    lines = (InvoiceLine("Diseño gráfico — fase 1 (ñ, ü, €)", Decimal("1.5"), 40000, Decimal(21)),
             InvoiceLine("Impresión", Decimal(3), 1250, Decimal(10)),
             InvoiceLine("Gastos de envío", Decimal(1), 900, Decimal(0)))
    a = add_invoice(store, es, "ES-2025-001", D(2025, 1, 10), lines=lines)
    store.add_payment(Payment(a.id, D(2025, 2, 20), 20000, "transferencia", "REF-1"))
    b = add_invoice(store, es, "ES-2025-002", D(2025, 5, 20), total=123456)
    store.add_event(ContactEvent(es.id, dt.datetime(2025, 3, 1, 10, 0), EventKind.EMAIL,
                                 subject="Recordatorio: factura ES-2025-001", stage="polite",
                                 status=EventStatus.SENT, invoice_ids=(a.id,)))
    store.add_event(ContactEvent(es.id, dt.datetime(2025, 3, 10, 16, 30), EventKind.CALL,
                                 subject="Llamada", body="Dice que paga la semana que viene.",
                                 invoice_ids=(a.id,)))
    store.add_event(ContactEvent(es.id, dt.datetime(2025, 3, 11, 9, 0), EventKind.PROMISE,
                                 promised_date=D(2025, 3, 20), promised_minor=30000,
                                 invoice_ids=(a.id,)))
    store.add_event(ContactEvent(es.id, dt.datetime(2025, 4, 2, 9, 0), EventKind.LETTER,
                                 subject="Carta certificada", invoice_ids=(a.id, b.id)))
    store.add_event(ContactEvent(es.id, dt.datetime(2025, 4, 3, 9, 0), EventKind.NOTE,
                                 body="Nota interna: no llamar antes de las 10."))
    built.numbers[ACCENTED] = [a.number, b.number]

    gr = store.add_client(Client(GREEK, language="en", address="Οδός Αθηνάς 10\nΑθήνα"))
    g1 = add_invoice(store, gr, "GR-1", D(2025, 2, 1), total=99999)
    built.numbers[GREEK] = [g1.number]

    ru = store.add_client(Client(CYRILLIC, language="en", currency="GBP",
                                 address="ул. Тверская, 7\nМосква"))
    r1 = add_invoice(store, ru, "RU-1", D(2025, 3, 1), total=500000,
                     lines=[InvoiceLine("Перевод документов", Decimal(2), 250000)])
    built.numbers[CYRILLIC] = [r1.number]

    long_client = store.add_client(Client(LONG, language="en", address=LONG,
                                          email="x" * 120 + "@example.com"))
    l1 = add_invoice(store, long_client, "LONG-" + "9" * 40, D(2025, 1, 5), total=1000,
                     lines=[InvoiceLine(LONG, Decimal(1), 1000)])
    built.numbers[LONG] = [l1.number]

    kw = store.add_client(Client(KWD_CLIENT, language="en", currency="KWD"))
    k1 = add_invoice(store, kw, "KW-1", D(2025, 4, 1), total=1234567)  # 1,234.567 KWD
    store.add_payment(Payment(k1.id, D(2025, 6, 1), 1000))  # 1.000 KWD
    k2 = add_invoice(store, kw, "KW-2", D(2025, 6, 1), total=987654321987,
                     lines=[InvoiceLine("Large order", Decimal(1), 987654321987)])
    built.numbers[KWD_CLIENT] = [k1.number, k2.number]

    jp = store.add_client(Client(JPY_CLIENT, language="es", currency="JPY"))
    j1 = add_invoice(store, jp, "JP-1", D(2025, 2, 15), total=1234567)  # ¥1,234,567
    built.numbers[JPY_CLIENT] = [j1.number]

    cjk = store.add_client(Client(CJK, language="en", currency="JPY", address="東京都千代田区"))
    c1 = add_invoice(store, cjk, "CJK-1", D(2025, 3, 3), total=50000)
    built.numbers[CJK] = [c1.number]

    bulk = store.add_client(Client(BULK, language="es", currency="EUR"))
    numbers = []
    currencies = ("EUR", "EUR", "EUR", "KWD", "JPY")
    for i in range(200):
        cur = currencies[i % len(currencies)]
        inv = add_invoice(store, bulk, f"B-{i:04d}", D(2024, 1, 1) + dt.timedelta(days=i * 2),
                          currency=cur, total=10000 + i * 137)
        if i % 7 == 0:
            store.add_payment(Payment(inv.id, D(2025, 5, 1) + dt.timedelta(days=i % 30), 5000,
                                      "transfer", f"P{i}"))
        numbers.append(inv.number)
    built.numbers[BULK] = numbers

    paid = store.add_client(Client(PAID_UP, language="en"))
    p1 = add_invoice(store, paid, "PAID-1", D(2025, 1, 1), total=5000)
    store.add_payment(Payment(p1.id, D(2025, 1, 15), 5000))
    built.numbers[PAID_UP] = [p1.number]

    future = store.add_client(Client(NOT_DUE, language="en"))
    f1 = add_invoice(store, future, "FUT-1", D(2025, 6, 20), total=7000)
    built.numbers[NOT_DUE] = [f1.number]
    return built


# -- reading PDFs back ----------------------------------------------------------------------------

def _norm(text: str) -> str:
    """Every run of white space (line ends included) as one space: table cells come out one
    per line, and a phrase may wrap."""
    return re.sub(r"\s+", " ", text)


def pdf_pages(path_or_bytes) -> list[str]:
    """The text of each page, white space runs as one space (pypdf)."""
    data = path_or_bytes if isinstance(path_or_bytes, bytes) else Path(path_or_bytes).read_bytes()
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [_norm(page.extract_text() or "") for page in reader.pages]


def pdftotext(path: Path) -> str:
    """The text poppler reads (a second, independent reader)."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                         check=True, text=True).stdout
    return _norm(out)


def pdf_info(path: Path) -> dict:
    reader = pypdf.PdfReader(str(path))
    return dict(reader.metadata or {})


def poppler_pages(path: Path) -> list[str]:
    """The text of each page as poppler reads it (much faster than pypdf on long files)."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                         check=True, text=True).stdout
    return [_norm(page) for page in out.split("\f")[:-1]]
