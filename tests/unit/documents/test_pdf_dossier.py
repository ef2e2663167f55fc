"""The collection dossier: details, owed with interest, dated history, payments, invoices."""

from __future__ import annotations

import datetime as dt

from docs_helpers import (
    ACCENTED,
    AS_OF,
    BULK,
    CJK,
    CREATED,
    pdf_info,
    pdf_pages,
    poppler_pages,
    set_business,
)

from collector_gui.actions.documents import dossier_pdf
from collector_gui.core.model import Client, ContactEvent, EventKind, EventStatus, Invoice, Payment

D = dt.date


def test_dossier_has_everything_an_agency_needs(hostile, tmp_path):
    store, _ = hostile
    out = dossier_pdf(store, ACCENTED, tmp_path / "d.pdf", as_of=AS_OF, created=CREATED)
    pages = pdf_pages(out)
    n = len(pages)
    for i, page in enumerate(pages, 1):
        assert f"{i} / {n}" in page
    first = pages[0]
    for expected in [
        "Expediente de reclamación", "Datos del cliente", f"Nombre {ACCENTED}",
        "Contacto de facturación Cuentas a pagar", "NIF PL1234567890",
        "Correo electrónico jose@example.es", "Idioma español", "Plazo de pago 30 días",
        "Límite de crédito ninguno", "Trabajo en pausa no",
        "EUR 1.810,81 € 1.810,81 €",  # outstanding, overdue
        "ES-2025-001 10 ene 2025 9 feb 2025 141 776,25 € 200,00 € 576,25 €",
        "No se cobran recargos ni intereses por demora.",
    ]:
        assert expected in first, expected
    text = " ".join(pages)
    history = text.split("Historial de contactos")[1].split("Pagos recibidos")[0]
    for expected in [
        "1 mar 2025 10:00 correo Recordatorio: factura ES-2025-001 estado: enviado · fase: "
        "cordial · Facturas: ES-2025-001",
        "10 mar 2025 16:30 llamada Llamada Dice que paga la semana que viene.",
        "11 mar 2025 09:00 promesa de pago Prometió 300,00 € antes del 20 mar 2025: incumplida",
        "2 abr 2025 09:00 carta Carta certificada Facturas: ES-2025-001, ES-2025-002",
        "3 abr 2025 09:00 nota Nota interna: no llamar antes de las 10.",
    ]:
        assert expected in history, expected
    assert "20 feb 2025 ES-2025-001 transferencia REF-1 200,00 €" in text
    # a copy of each unpaid invoice follows, each on its own pages
    copies = [i for i, p in enumerate(pages) if "Número de factura" in p]
    assert len(copies) == 2
    assert "ES-2025-001" in pages[copies[0]] and "Importe pendiente 576,25 €" in pages[copies[0]]
    assert "Factura ES-2025-002" in pages[copies[1]]
    assert pdf_info(out)["/Title"] == f"Expediente de reclamación — {ACCENTED}"


def test_interest_and_fees_owed_under_the_eu_rule(docs_store, tmp_path):
    set_business(docs_store, **{"late.mode": "eu", "late.reference_rate": "28.5"})
    c = docs_store.add_client(Client("Acme"))
    a = docs_store.add_invoice(Invoice("A-1", c.id, D(2025, 1, 1), D(2025, 5, 1), "EUR", 100000))
    docs_store.add_payment(Payment(a.id, D(2025, 6, 1), 50000))
    docs_store.add_invoice(Invoice("G-1", c.id, D(2025, 1, 1), D(2025, 5, 31), "GBP", 100000))
    docs_store.add_invoice(Invoice("N-1", c.id, D(2025, 6, 1), D(2025, 7, 1), "EUR", 3000))
    text = " ".join(pdf_pages(dossier_pdf(docs_store, "Acme", tmp_path / "d.pdf", as_of=AS_OF,
                                          created=CREATED)))
    # 36.5 % a year = 0.1 % a day. A-1: 1,000.00 for May 2-31 (30 days) = 30.00, then
    # 500.00 for Jun 1-30 (30 days) = 15.00; plus 40 EUR. G-1: 1,000.00 GBP for 30 days, no fee.
    assert "A-1 60 €500.00 €40.00 €45.00 €585.00" in text
    assert "G-1 30 £1,000.00 £0.00 £30.00 £1,030.00" in text
    assert "N-1 0" not in text  # not overdue: no charges
    assert "EUR €530.00 €500.00 €40.00 €45.00 €615.00" in text  # summary per currency
    assert "GBP £1,000.00 £1,000.00 £0.00 £30.00 £1,030.00" in text
    assert "reference rate 28.5% plus 8 points, 36.5% a year" in text


def test_kept_and_pending_promises(docs_store, tmp_path):
    set_business(docs_store)
    c = docs_store.add_client(Client("Acme"))
    a = docs_store.add_invoice(Invoice("A-1", c.id, D(2025, 1, 1), D(2025, 1, 31), "EUR", 90000))
    docs_store.add_event(ContactEvent(c.id, dt.datetime(2025, 2, 5, 9), EventKind.PROMISE,
                                      promised_date=D(2025, 2, 20), promised_minor=20000,
                                      invoice_ids=(a.id,)))
    docs_store.add_payment(Payment(a.id, D(2025, 2, 20), 20000))
    docs_store.add_event(ContactEvent(c.id, dt.datetime(2025, 6, 28, 9), EventKind.PROMISE,
                                      promised_date=D(2025, 7, 5), promised_minor=70000))
    docs_store.add_event(ContactEvent(c.id, dt.datetime(2025, 6, 29, 9), EventKind.EMAIL,
                                      subject="Final notice", stage="final",
                                      status=EventStatus.FAILED, error="550 mailbox full"))
    text = " ".join(pdf_pages(dossier_pdf(docs_store, "Acme", tmp_path / "d.pdf", as_of=AS_OF,
                                          created=CREATED)))
    assert "Promised €200.00 by Feb 20, 2025: kept" in text
    assert "Promised €700.00 by Jul 5, 2025: pending" in text
    assert "Final notice status: failed · stage: final · error: 550 mailbox full" in text


def test_dossier_of_a_client_with_200_invoices(hostile, tmp_path):
    store, built = hostile
    out = dossier_pdf(store, BULK, tmp_path / "b.pdf", as_of=AS_OF, created=CREATED)
    pages = poppler_pages(out)
    copies = [p for p in pages if "Número de factura" in p]
    assert len(copies) == 200
    assert all(f"{i} / {len(pages)}" in p for i, p in enumerate(pages, 1))
    text = " ".join(pages)
    for number in built.numbers[BULK]:
        assert number in text


def test_cjk_client(hostile, tmp_path):
    store, _ = hostile
    text = " ".join(pdf_pages(dossier_pdf(store, CJK, tmp_path / "c.pdf", as_of=AS_OF,
                                          created=CREATED)))
    assert CJK in text and "東京都千代田区" in text and "¥50,000" in text
