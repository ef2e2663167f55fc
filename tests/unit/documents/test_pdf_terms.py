"""The invoice PDF says what is really payable: the IRPF withheld, the early-payment discount
while it can be earned, credit notes applied; a credit note prints as one ("Factura
rectificativa" / "Credit note") with the invoice it corrects and why. Read back with poppler
and pypdf."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from docs_helpers import pdf_pages, pdftotext, set_business

from collector_gui.actions.credit_notes import issue_credit_note
from collector_gui.actions.documents import invoice_pdf
from collector_gui.core import clock
from collector_gui.core.model import Client, Invoice, InvoiceLine, Payment

ISSUE = dt.date(2026, 11, 30)


def _invoice(store, language: str, number: str = "2026-0042") -> Invoice:
    client = store.add_client(Client(f"Cerámica {language}", language=language))
    return store.add_invoice(Invoice(
        number, client.id, ISSUE, ISSUE + dt.timedelta(days=30), "EUR", 0,
        lines=(InvoiceLine("Catálogo", Decimal(1), 80000, Decimal(21)),
               InvoiceLine("Fotografía", Decimal(4), 5000, Decimal(21))),
        irpf_rate=Decimal(15), discount_percent=Decimal(2), discount_days=10))


def test_spanish_invoice_with_irpf_discount_and_credit(store, tmp_path):
    set_business(store)
    with clock.pinned(ISSUE):
        _invoice(store, "es")
        issue_credit_note(store, "2026-0042", amount_minor=10000, reason="Dos horas no hechas")
        invoice_pdf(store, "2026-0042", tmp_path / "f.pdf")
        invoice_pdf(store, "R-2026-0001", tmp_path / "r.pdf")
    for text in (pdftotext(tmp_path / "f.pdf"), pdf_pages(tmp_path / "f.pdf")[0]):
        assert "Base imponible al 21 % 1.000,00 €" in text
        assert "IVA al 21 % 210,00 €" in text
        assert "Retención IRPF al 15 % -150,00 €" in text
        assert "Total a pagar 1.060,00 €" in text
        assert "Factura rectificativa R-2026-0001 -106,00 €" in text
        assert "Importe pendiente 954,00 €" in text
        # 2 % of 1,060.00 is 21.20: 1,038.80, of which 106.00 is credited already
        assert "Descuento del 2 % si se paga hasta el 10 dic 2026: 932,80 €" in text
    note = pdftotext(tmp_path / "r.pdf")
    assert note.startswith("Ana Núñez Estudio") and "Factura rectificativa" in note
    assert "Rectifica la factura" in note
    assert "Esta factura rectificativa corrige la factura 2026-0042 del 30 nov 2026." in note
    assert "Motivo: Dos horas no hechas" in note
    assert "Retención IRPF al 15 % 15,00 €" in note and "Total rectificado -106,00 €" in note
    assert "Forma de pago" not in note  # nothing to pay on a credit note
    assert "Demora" not in note and "Directive" not in note  # nor late terms


def test_english_discount_earned_and_gone_after_the_window(store, tmp_path):
    set_business(store)
    inv = _invoice(store, "en", "F-7")
    with clock.pinned(ISSUE):
        invoice_pdf(store, "F-7", tmp_path / "a.pdf")
    text = pdftotext(tmp_path / "a.pdf")
    assert "IRPF withheld at 15% -€150.00" in text and "Total payable €1,060.00" in text
    assert "2% discount if paid by Dec 10, 2026: €1,038.80" in text
    with clock.pinned(ISSUE + dt.timedelta(days=11)):  # after the window: the full amount
        invoice_pdf(store, "F-7", tmp_path / "b.pdf")
    assert "discount" not in pdftotext(tmp_path / "b.pdf")
    with clock.pinned(ISSUE + dt.timedelta(days=3)):
        store.add_payment(Payment(inv.id, ISSUE + dt.timedelta(days=3), 103880))
        invoice_pdf(store, "F-7", tmp_path / "c.pdf")
    paid = pdftotext(tmp_path / "c.pdf")
    assert "Early-payment discount -€21.20" in paid and "Balance due €0.00" in paid
