"""One client's absurd text never blocks a document: a 5,000-character description, a token
of 500 characters with no space, a 300-line address, a name in Hebrew with emoji and control
characters. Each document renders, is a PDF that pypdf and pdftotext read, names its invoice,
and prints the whole of a long description (split over pages, never silently cut).

Built by hand from the documents' plain data (pdf_model), so hypothesis can try many."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import unicodedata
from decimal import Decimal

import pypdf
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from reportlab.platypus import Spacer

from collector_gui.core.model import Client, ContactEvent, EventKind, Invoice, InvoiceLine
from collector_gui.documents.pdf import (
    BusinessProfile,
    DossierDoc,
    InvoiceDoc,
    PaymentLine,
    StatementDoc,
    render_dossier,
    render_invoice,
    render_statement,
)
from collector_gui.documents.pdf_common import Ctx, PdfLayoutError, build_pdf, field_of, frame_width

D = dt.date
AS_OF = D(2026, 11, 23)
NUMBER = "INV-7"
BUSINESS_NAME = "Estudio 9"

# Letters only: what a description made of them looks like in pdftotext is easy to compare
# (amounts, page numbers and the footer's punctuation are not letters).
LETTERS = ("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
           "áéíóúñçüøßÅΑβγδεζηθλμπσωАБВГДЖЗИЙКЛМНабвгджзийклмн")
WILD = ("a", "Z", " ", "\n", "\t", "\r", "\x00", "\x07", "\x1b", "\x7f", "\u200b", "\u200f",
        "\u202e", "\ufeff", "\u0301", "\u0308", "\u0336", "א", "ש", "ע", "ب", "ي", "ة", "😀",
        "🧾", "👩\u200d💻", "山", "カ", "한", "€", "&", "<", ">", "<b>", "&amp;", "\\", "'", '"')

def _repeat(unit: str, size: int) -> str:
    """*unit* repeated up to *size* characters (hypothesis keeps its draws small; the size
    comes from a number, not from thousands of drawn characters)."""
    return (unit * (size // max(1, len(unit)) + 1))[:size]


words = st.text(alphabet=LETTERS, min_size=1, max_size=12)
long_words = st.builds(lambda ws, size: _repeat(" ".join(ws) + " ", size).strip(),
                       st.lists(words, min_size=2, max_size=12), st.integers(3600, 7000))
unbroken = st.builds(_repeat, st.text(alphabet=LETTERS, min_size=1, max_size=20),
                     st.integers(300, 2500))
many_lines = st.builds(lambda ls, n: "\n".join((ls * n)[:n]),
                       st.lists(words, min_size=1, max_size=6), st.integers(60, 150))
# what the long description is: checked in full in the PDF
checkable = st.one_of(long_words, unbroken, many_lines,
                      st.tuples(long_words, unbroken, many_lines).map(" ".join))
wild_unit = st.lists(st.sampled_from(WILD), min_size=1, max_size=20).map("".join)
wild = st.one_of(
    wild_unit,
    checkable,
    st.builds(_repeat, wild_unit, st.integers(500, 3000)),
    st.builds(lambda ls, n: "\n".join((ls * n)[:n]), st.lists(wild_unit, min_size=1,
                                                               max_size=5),
              st.integers(60, 120)),
)

# No shrinking: a render of these texts takes up to a second, and shrinking one failure
# took minutes; the failing example is printed as found.
FAST = settings(max_examples=10, deadline=None, phases=(Phase.explicit, Phase.reuse,
                                                        Phase.generate),
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _business(texts) -> BusinessProfile:
    return BusinessProfile(name=BUSINESS_NAME, address=texts[0], email="ana@example.es",
                           tax_id=texts[1][:60], iban="ES9121000418450200051332",
                           bic="CAIXESBBXXX", payment_instructions=texts[2],
                           late_terms=texts[3])


def _client(texts, language: str = "en") -> Client:
    return Client(name=texts[0], billing_name=texts[1], address=texts[2], tax_id=texts[3],
                  email="ap@client.test", notes=texts[4], language=language, id=1)


def _invoice(description: str, with_lines: bool, line_texts=()) -> Invoice:
    lines = ()
    if with_lines:
        lines = (InvoiceLine(description, Decimal(1), 12345, Decimal(21)),
                 *(InvoiceLine(t, Decimal(2), 500) for t in line_texts))
        total = sum(round(line.net_minor * (1 + line.tax_rate / 100)) for line in lines)
    else:
        total = 12345
    return Invoice(NUMBER, 1, D(2026, 9, 1), D(2026, 10, 1), "EUR", total,
                   description="" if with_lines else description, lines=lines, id=7)


def _pdftotext(data: bytes, tmp_path, *, body: bool = False) -> str:
    """The PDF's text; *body*: in drawing order, without the page footers (cropped off:
    A4 is 842 points high, the footer sits in the bottom 45)."""
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    crop = ["-raw", "-x", "0", "-y", "0", "-W", "700", "-H", "797"] if body else []
    args = ["pdftotext", "-enc", "UTF-8", *crop, str(path), "-"]
    return subprocess.run(args, capture_output=True, check=True, text=True).stdout


def _check_pdf(result, tmp_path) -> str:
    """A real PDF: pypdf reads every page, pdftotext finds the invoice number."""
    reader = pypdf.PdfReader(io.BytesIO(result.data))
    assert len(reader.pages) == result.pages >= 1
    for page in reader.pages:
        page.extract_text()
    text = _pdftotext(result.data, tmp_path)
    assert NUMBER in text
    return text


def _letters(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFC", text) if ch in LETTERS)


def _printed_in_full(description: str, data: bytes, tmp_path) -> None:
    """Every letter of *description*, in order and with nothing missing, is in the PDF. The
    page breaks inside it add only the repeated table header (removed here) and amounts
    (not letters); the footers are cropped off."""
    text = _letters(_pdftotext(data, tmp_path, body=True))
    text = text.replace(_letters("Description Qty Unit price Tax Amount"), "")
    assert _letters(description) in text


@FAST
@given(description=checkable, with_lines=st.booleans(),
       line_texts=st.lists(wild, max_size=3), client=st.lists(wild, min_size=5, max_size=5),
       business=st.lists(wild, min_size=4, max_size=4))
def test_invoice_with_extreme_texts(tmp_path_factory, description, with_lines, line_texts,
                                    client, business):
    tmp_path = tmp_path_factory.mktemp("pdf")
    doc = InvoiceDoc(_business(business), _client(client),
                     _invoice(description, with_lines, line_texts))
    result = render_invoice(doc, created=AS_OF)
    _check_pdf(result, tmp_path)
    _printed_in_full(description, result.data, tmp_path)


def _event(i: int, subject: str, body: str) -> ContactEvent:
    kind = (EventKind.CALL, EventKind.NOTE, EventKind.PROMISE, EventKind.LETTER)[i % 4]
    return ContactEvent(client_id=1, at=dt.datetime(2026, 10, 2 + i, 10), kind=kind,
                        subject=subject, body=body, invoice_ids=(7,), id=i + 1,
                        promised_date=D(2026, 10, 20) if kind == EventKind.PROMISE else None)


@FAST
@given(description=checkable, client=st.lists(wild, min_size=5, max_size=5),
       business=st.lists(wild, min_size=4, max_size=4),
       events=st.lists(st.tuples(wild, wild), max_size=3), method=wild, language=st.sampled_from(
           ["en", "es"]))
def test_statement_and_dossier_with_extreme_texts(tmp_path_factory, description, client,
                                                  business, events, method, language):
    tmp_path = tmp_path_factory.mktemp("pdf")
    who, biz = _client(client, language), _business(business)
    inv = _invoice(description, True, [description[:50]])
    inv = Invoice(inv.number, 1, inv.issue_date, inv.due_date, "EUR", inv.total_minor,
                  paid_minor=1000, lines=inv.lines, id=7)
    payment = PaymentLine(D(2026, 10, 5), 7, NUMBER, 1000, "EUR", method=method,
                          reference=method[::-1])
    history = tuple(_event(i, s, b) for i, (s, b) in enumerate(events))
    statement = StatementDoc(biz, who, AS_OF, D(2026, 1, 1), (inv,), (payment,), history,
                             all_payments=(payment,), invoice_currencies={7: "EUR"})
    _check_pdf(render_statement(statement, created=AS_OF), tmp_path)
    dossier = DossierDoc(biz, who, AS_OF, (InvoiceDoc(biz, who, inv, (payment,)),), history,
                         (payment,), invoice_numbers={7: NUMBER}, invoice_currencies={7: "EUR"})
    result = render_dossier(dossier, created=AS_OF)
    _check_pdf(result, tmp_path)
    # the client's notes are in the dossier in full, however long
    if not any(ch in client[4] for ch in WILD if ch not in "aZ \n"):
        assert _letters(client[4]) in _letters(_pdftotext(result.data, tmp_path, body=True))


@pytest.mark.parametrize("case", ["description", "unbroken", "address", "name", "lines"])
def test_the_cases_that_raised_layout_errors(case, tmp_path):
    """The shapes of issue 14 (each raised reportlab's LayoutError before)."""
    desc, client = "Consulting", Client("Acme", address="Main St 1", id=1)
    lines: tuple[InvoiceLine, ...] = ()
    if case == "description":
        desc = ("Analysis and design of the accounting integration " * 80).strip()
    elif case == "unbroken":
        desc = "https://example.com/" + "x" * 5000
    elif case == "address":
        client = Client("Acme", address="\n".join(f"Line {i}" for i in range(67)), id=1)
    elif case == "name":
        client = Client("Very Long Name " * 200, billing_name="N" * 3000, id=1)
    elif case == "lines":
        lines = tuple(InvoiceLine(f"Item {i}", Decimal(1), 100) for i in range(1500))
    inv = Invoice(NUMBER, 1, D(2026, 9, 1), D(2026, 10, 1), "EUR", 150000,
                  description=desc, lines=lines, id=7)
    result = render_invoice(InvoiceDoc(BusinessProfile(name=BUSINESS_NAME), client, inv),
                            created=AS_OF)
    text = _check_pdf(result, tmp_path)
    if case in ("description", "unbroken"):
        assert result.pages >= 2
        _printed_in_full(desc, result.data, tmp_path)
    if case == "lines":
        # the table runs over many pages, its header on each one
        assert result.pages > 20
        assert text.count("Description") == result.pages
        assert "Item 1499" in text
    if case in ("address", "name"):
        assert result.pages == 1  # shortened in the header block, with "…"
        assert "…" in text


def test_what_cannot_fit_names_the_document_and_field():
    ctx = Ctx("en", BusinessProfile(name=BUSINESS_NAME), frame_width("A4"))
    story = [field_of(Spacer(10, 5000), "the giant field")]
    with pytest.raises(PdfLayoutError) as caught:
        build_pdf(ctx, story, title=f"Invoice {NUMBER}", subject="", footer_text="",
                  created=AS_OF)
    assert NUMBER in str(caught.value) and "the giant field" in str(caught.value)


def test_every_font_is_embedded(tmp_path):
    """No unembedded Helvetica (the canvas's initial font, and the default of a table
    without a FONT command): pdffonts lists only embedded fonts."""
    client = Client("Acme", address="Main St 1", language="es", id=1)
    biz = BusinessProfile(name=BUSINESS_NAME, iban="ES9121000418450200051332",
                          payment_instructions="Bizum", late_terms="Interest applies.")
    inv = _invoice("Consulting", True)
    for data in (render_invoice(InvoiceDoc(biz, client, inv), created=AS_OF).data,
                 render_statement(StatementDoc(biz, client, AS_OF, D(2026, 1, 1), (inv,), (),
                                               ()), created=AS_OF).data,
                 render_dossier(DossierDoc(biz, client, AS_OF, (InvoiceDoc(biz, client, inv),),
                                           (), ()), created=AS_OF).data):
        path = tmp_path / "doc.pdf"
        path.write_bytes(data)
        out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                             check=True).stdout.splitlines()[2:]
        assert out, "no fonts listed"
        for line in out:  # name, type, encoding, emb, sub, uni, object number, generation
            assert line.split()[-5] == "yes", line
