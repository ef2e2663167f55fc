"""The invoice PDF, rendered from a ledger and read back with pypdf and poppler."""

from __future__ import annotations

import datetime as dt
import logging
import re
import subprocess
from decimal import Decimal

import pypdf
import pytest
import segno.helpers
from docs_helpers import (
    ACCENTED,
    AS_OF,
    CREATED,
    CYRILLIC,
    GREEK,
    JPY_CLIENT,
    LONG,
    pdf_info,
    pdf_pages,
    pdftotext,
    set_business,
)

from collector_gui.actions.documents import invoice_pdf
from collector_gui.core.model import Client, Invoice, InvoiceLine, Payment

D = dt.date


@pytest.fixture
def epc_calls(monkeypatch):
    """Every EPC QR code asked of segno, with its arguments (the code is still made)."""
    calls = []
    real = segno.helpers.make_epc_qr

    def spy(**kwargs):
        calls.append(kwargs)
        return real(**kwargs)

    monkeypatch.setattr(segno.helpers, "make_epc_qr", spy)
    return calls


def test_invoice_with_lines_in_spanish(hostile, tmp_path, epc_calls):
    store, _ = hostile
    out = invoice_pdf(store, "es-2025-001", tmp_path / "f.pdf", created=CREATED)
    pages = pdf_pages(out)
    assert len(pages) == 1
    text = pages[0]
    for expected in [
        # the business profile
        "Ana Núñez Estudio", "Calle Mayor 12, 3º B", "28013 Madrid", "NIF: ES12345678Z",
        "ana@example.es",
        # the client and who pays
        ACCENTED, "A la atención de Cuentas a pagar", "Ulica Piotrkowska 1", "90-001 Łódź",
        "NIF: PL1234567890",
        # number and dates, in Spanish
        "Factura", "ES-2025-001", "10 ene 2025", "9 feb 2025",
        # lines: description, quantity, unit price, tax rate, amount
        "Diseño gráfico — fase 1 (ñ, ü, €)", "1,5", "400,00 €", "21 %", "600,00 €",
        "Impresión", "12,50 €", "37,50 €",
        # subtotals per tax rate, total, payments, balance
        "Base imponible al 21 % 600,00 €", "IVA al 21 % 126,00 €",
        "Base imponible al 10 % 37,50 €", "IVA al 10 % 3,75 €", "Base imponible al 0 % 9,00 €",
        "Total 776,25 €", "Pago del 20 feb 2025 -200,00 €", "Importe pendiente 576,25 €",
        # how to pay, reference, late terms, page number
        "ES91 2100 0418 4502 0005 1332", "BIC: CAIXESBBXXX", "indicando la referencia ES-2025-001",
        "Bizum: +34 600 000 000", "Late payments accrue interest under Directive 2011/7/EU.",
        "1 / 1",
    ]:
        assert expected in text, expected
    assert "IVA al 0 %" not in text  # no tax line for a 0 % rate
    # the EPC QR code asks for the balance, to the IBAN, quoting the number
    assert len(epc_calls) == 1
    call = epc_calls[0]
    assert call["amount"] == Decimal("576.25") and call["iban"] == "ES9121000418450200051332"
    assert call["text"] == "ES-2025-001" and call["name"] == "Ana Núñez Estudio"
    assert call["bic"] == "CAIXESBBXXX"


def _rects(path) -> int:
    page = pypdf.PdfReader(str(path)).pages[0]
    return len(re.findall(rb" re\b", page.get_contents().get_data()))


def test_the_qr_code_is_drawn_only_for_euros_with_an_iban(hostile, tmp_path, epc_calls):
    store, _ = hostile
    euro = invoice_pdf(store, "ES-2025-002", tmp_path / "eur.pdf", created=CREATED)
    yen = invoice_pdf(store, "JP-1", tmp_path / "jpy.pdf", created=CREATED)
    assert [c["text"] for c in epc_calls] == ["ES-2025-002"]  # not for JPY
    assert _rects(euro) > _rects(yen) + 50  # the code's dark modules, drawn as squares
    assert "Escanee para pagar" in pdf_pages(euro)[0]
    assert "Escanee" not in pdf_pages(yen)[0]


@pytest.mark.parametrize("iban, logged", [
    ("", None),  # no IBAN: no bank details, no code
    ("ES00 2100 0418 4502 0005 1332", "fails its check digits"),
])
def test_no_qr_code_without_a_valid_iban(docs_store, tmp_path, epc_calls, caplog, iban, logged):
    set_business(docs_store, **{"business.iban": iban})
    c = docs_store.add_client(Client("Acme"))
    docs_store.add_invoice(Invoice("Q-1", c.id, AS_OF, AS_OF, "EUR", 1000))
    with caplog.at_level(logging.WARNING, logger="collector_gui.documents"):
        out = invoice_pdf(docs_store, "Q-1", tmp_path / "q.pdf", created=CREATED)
    assert epc_calls == []
    assert "Scan to pay" not in pdf_pages(out)[0]
    if logged:
        assert logged in caplog.text
    else:
        assert "IBAN" not in pdf_pages(out)[0]


def test_imported_invoice_prints_one_line_with_its_total(hostile, tmp_path):
    store, _ = hostile
    text = pdf_pages(invoice_pdf(store, "ES-2025-002", tmp_path / "i.pdf", created=CREATED))[0]
    assert "Factura ES-2025-002 1 1.234,56 € 1.234,56 €" in text
    assert "Total 1.234,56 €" in text
    assert "Base imponible" not in text and "Pago del" not in text


def test_paid_invoice_says_so_and_asks_for_nothing(docs_store, tmp_path, epc_calls):
    set_business(docs_store)
    c = docs_store.add_client(Client("Acme"))
    inv = docs_store.add_invoice(Invoice("P-1", c.id, AS_OF, AS_OF, "EUR", 5000))
    docs_store.add_payment(Payment(inv.id, AS_OF, 5000))
    text = pdf_pages(invoice_pdf(docs_store, "P-1", tmp_path / "p.pdf", created=CREATED))[0]
    assert "Paid in full" in text and "Balance due €0.00" in text
    assert "How to pay" not in text and epc_calls == []


@pytest.mark.parametrize("number, expected", [
    ("KW-2", ["KWD 987,654,321.987"]),  # 3 minor digits, a large amount
    ("JP-1", ["1.234.567 JPY"]),  # no minor digits, in Spanish
    ("RU-1", ["Перевод документов", "£2,500.00", "£5,000.00", CYRILLIC]),
    ("GR-1", [GREEK, "Οδός Αθηνάς 10", "€999.99"]),
])
def test_currencies_and_scripts_print(hostile, tmp_path, number, expected):
    store, _ = hostile
    out = invoice_pdf(store, number, tmp_path / "x.pdf", created=CREATED)
    text = pdf_pages(out)[0]
    poppler = pdftotext(out)
    for item in expected:
        assert item in text, item
        assert item in poppler, item  # a second, independent reader agrees


def test_jpy_client_in_spanish_has_spanish_labels(hostile, tmp_path):
    store, _ = hostile
    text = pdf_pages(invoice_pdf(store, "JP-1", tmp_path / "j.pdf", created=CREATED))[0]
    assert JPY_CLIENT in text and "Fecha de vencimiento" in text and "Due date" not in text


def _word_boxes(path):
    """(page width, [(word, xMin, xMax)]) per page, from poppler's word bounding boxes."""
    html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    pages = []
    for page in re.findall(r"<page width=\"([\d.]+)\".*?</page>", html, flags=re.S):
        pages.append(float(page))
    words = re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>(.*?)</word>',
                       html)
    return pages, [(w, float(a), float(b)) for a, b, w in words]


def test_very_long_names_wrap_inside_the_page(hostile, tmp_path):
    store, built = hostile
    number = built.numbers[LONG][0]
    out = invoice_pdf(store, number, tmp_path / "long.pdf", created=CREATED)
    widths, words = _word_boxes(out)
    assert len(widths) == 1
    margin = 17 * 72 / 25.4
    assert words and all(x0 >= margin - 1 and x1 <= widths[0] - margin + 1
                         for _, x0, x1 in words), [w for w in words if w[2] > widths[0] - margin]
    text = re.sub(r"\s+", "", pdf_pages(out)[0])
    assert re.sub(r"\s+", "", LONG) in text  # every character of the name is there
    assert ("x" * 120 + "@example.com") in text


def test_long_invoice_breaks_across_pages_with_the_header_repeated(docs_store, tmp_path):
    set_business(docs_store)
    c = docs_store.add_client(Client("Many Lines Ltd"))
    lines = [InvoiceLine(f"Item number {i:03d} with a description", Decimal(1), 100 + i,
                         Decimal(21)) for i in range(200)]
    docs_store.add_invoice(Invoice("L-200", c.id, AS_OF, AS_OF, "EUR", 0, lines=tuple(lines)))
    out = invoice_pdf(docs_store, "L-200", tmp_path / "l.pdf", created=CREATED)
    pages = pdf_pages(out)
    n = len(pages)
    assert n >= 4
    for i, page in enumerate(pages, 1):
        assert f"{i} / {n}" in page
        if "Item number" in page:
            assert "Description Qty Unit price Tax Amount" in page
    all_text = "\n".join(pages)
    for i in range(200):
        assert all_text.count(f"Item number {i:03d} ") == 1
    assert "Total €" in pages[-1] or "Total €" in pages[-2]


def test_metadata_and_deterministic_output(hostile, tmp_path):
    store, _ = hostile
    a = invoice_pdf(store, "ES-2025-001", tmp_path / "a.pdf", created=CREATED)
    b = invoice_pdf(store, "ES-2025-001", tmp_path / "b.pdf", created=CREATED)
    assert a.read_bytes() == b.read_bytes()
    info = pdf_info(a)
    assert info["/Title"] == "Factura ES-2025-001"
    assert info["/Author"] == "Ana Núñez Estudio"
    assert info["/CreationDate"].startswith("D:20250701093000+00'00'")
    later = invoice_pdf(store, "ES-2025-001", tmp_path / "c.pdf",
                        created=dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc))
    assert later.read_bytes() != a.read_bytes()
    assert pdf_info(later)["/CreationDate"].startswith("D:20260102030405")


def test_the_unicode_font_is_embedded(hostile, tmp_path):
    store, _ = hostile
    out = invoice_pdf(store, "GR-1", tmp_path / "g.pdf", created=CREATED)
    listing = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True,
                             check=True).stdout
    embedded = {line.split()[0] for line in listing.splitlines()[2:]
                if "TrueType" in line and " yes yes " in line}
    assert any(name.endswith("+DejaVuSans") for name in embedded), listing
    assert any(name.endswith("+DejaVuSans-Bold") for name in embedded), listing
    # and the font program really is in the file
    reader = pypdf.PdfReader(str(out))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    descriptors = [f.get_object().get("/FontDescriptor") for f in fonts.values()]
    files = [d.get_object()["/FontFile2"].get_object() for d in descriptors if d is not None]
    assert len(files) == 2 and all(len(f.get_data()) > 5000 for f in files)


@pytest.mark.parametrize("paper, size", [("A4", (595, 842)), ("Letter", (612, 792)),
                                         ("letter", (612, 792)), ("", (595, 842))])
def test_paper_size_from_the_business_profile(docs_store, tmp_path, paper, size):
    set_business(docs_store, **{"business.paper": paper})
    c = docs_store.add_client(Client("Acme"))
    docs_store.add_invoice(Invoice("A-1", c.id, AS_OF, AS_OF, "EUR", 1000))
    out = invoice_pdf(docs_store, "A-1", tmp_path / "a.pdf", created=CREATED)
    box = pypdf.PdfReader(str(out)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == size


def test_logo_is_printed_and_a_broken_one_is_skipped_with_a_warning(docs_store, tmp_path,
                                                                    caplog):
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (400, 100), (31, 78, 121)).save(logo)
    set_business(docs_store, **{"business.logo": str(logo)})
    c = docs_store.add_client(Client("Acme"))
    docs_store.add_invoice(Invoice("A-1", c.id, AS_OF, AS_OF, "EUR", 1000))
    out = invoice_pdf(docs_store, "A-1", tmp_path / "a.pdf", created=CREATED)
    page = pypdf.PdfReader(str(out)).pages[0]
    assert len(page.images) == 1
    docs_store.set_setting("business.logo", str(tmp_path / "missing.png"))
    with caplog.at_level(logging.WARNING, logger="collector_gui.documents"):
        out = invoice_pdf(docs_store, "A-1", tmp_path / "b.pdf", created=CREATED)
    assert len(pypdf.PdfReader(str(out)).pages[0].images) == 0
    assert "missing.png" in caplog.text


def test_void_invoice_says_so_and_asks_for_no_payment(docs_store, tmp_path, epc_calls):
    set_business(docs_store)
    c = docs_store.add_client(Client("Acme"))
    docs_store.add_invoice(Invoice("V-1", c.id, AS_OF, AS_OF, "EUR", 5000, void=True))
    text = pdf_pages(invoice_pdf(docs_store, "V-1", tmp_path / "v.pdf", created=CREATED))[0]
    assert "This invoice is void." in text and "Total €50.00" in text
    assert "How to pay" not in text and "IBAN" not in text and epc_calls == []
