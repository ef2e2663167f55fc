"""Text that always prints: the embedded font, CJK through CID fonts, '?' (and a warning)
for anything else the font lacks; Babel formatting; the labels; the layer rules."""

from __future__ import annotations

import ast
import logging
import re
from decimal import Decimal
from pathlib import Path

import pypdf
import pytest
from docs_helpers import AS_OF, CJK, CREATED, pdf_pages, set_business
from hypothesis import given
from hypothesis import strategies as st

from collector_gui.actions.documents import invoice_pdf, statement_pdf
from collector_gui.core.model import Client, Invoice
from collector_gui.core.money import format_minor
from collector_gui.documents import pdf_text
from collector_gui.documents.labels import LABELS
from collector_gui.documents.pdf_text import Formatter, TextFitter, fonts_dir

THAI = "บริษัท ไทย"  # DejaVu Sans has no Thai


def test_the_font_is_shipped_with_its_licence():
    folder = fonts_dir()
    assert (folder / "DejaVuSans.ttf").stat().st_size > 500_000
    assert (folder / "DejaVuSans-Bold.ttf").stat().st_size > 500_000
    assert "Bitstream" in (folder / "LICENSE-DejaVu.txt").read_text()


def test_markup_escapes_and_keeps_lines():
    t = TextFitter()
    assert t.markup("A & B <b>x</b>\r\nline 2\tend") == (
        "A &amp; B &lt;b&gt;x&lt;/b&gt;<br/>line 2 end")
    assert t.markup("José Núñez Łódź Ελληνική Ана € £ ¥") == "José Núñez Łódź Ελληνική Ана € £ ¥"
    assert t.replaced == {}


def test_control_characters_and_invisible_joiners_are_dropped_not_boxed():
    t = TextFitter()
    # U+2066/U+2069 (bidi isolates) are format characters DejaVu Sans has no glyph for
    assert t.markup("a\x00b\x07c\u2066d\u2069") == "abcd"
    assert t.plain("a\x1bb\u2066c") == "abc"
    assert t.replaced == {}


@pytest.mark.parametrize("text, font", [
    ("山田 商事", "STSong-Light"),
    ("やまだ 山田", "HeiseiKakuGo-W5"),  # kana: Japanese, and its kanji go with it
    ("김민준", "HYGothic-Medium"),
])
def test_cjk_goes_to_a_cid_font(text, font):
    t = TextFitter()
    out = t.markup(f"Client {text}!")
    assert out.startswith("Client ") and out.endswith("!")
    assert f'<font name="{font}">' in out
    assert t.plain(text) is None  # a plain table cell cannot hold it: a Paragraph will
    assert t.replaced == {}


def test_a_character_no_font_has_becomes_a_question_mark_and_is_remembered():
    t = TextFitter()
    assert t.markup(f"Acme {THAI}") == "Acme ?????? ???"
    assert t.plain(THAI) == "?????? ???"
    assert "ษ" in t.replaced


def test_bold_text_is_checked_against_the_bold_face():
    fs = pdf_text.fonts()
    only_regular = sorted(fs.regular - fs.bold)[0]
    t = TextFitter()
    assert t.markup(only_regular) == only_regular
    assert t.markup(only_regular, bold=True) == "?"


def test_unprintable_characters_are_printed_as_question_marks_with_a_warning(
        docs_store, tmp_path, caplog):
    set_business(docs_store)
    c = docs_store.add_client(Client(f"Acme {THAI}"))
    docs_store.add_invoice(Invoice("T-1", c.id, AS_OF, AS_OF, "EUR", 1000))
    with caplog.at_level(logging.WARNING, logger="collector_gui.documents"):
        out = invoice_pdf(docs_store, "T-1", tmp_path / "t.pdf", created=CREATED)
    text = pdf_pages(out)[0]
    assert "Acme ?????? ???" in text
    assert "U+0E29" in caplog.text and "printed as '?'" in caplog.text


def _page_fonts(path: Path) -> set[str]:
    reader = pypdf.PdfReader(str(path))
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


def test_cjk_names_print_through_a_cid_font(docs_store, tmp_path):
    set_business(docs_store)
    c = docs_store.add_client(Client(CJK, address="東京都千代田区"))
    docs_store.add_invoice(Invoice("J-1", c.id, AS_OF, AS_OF, "JPY", 5000))
    out = statement_pdf(docs_store, CJK, tmp_path / "s.pdf", as_of=AS_OF, created=CREATED)
    text = pdf_pages(out)[0]
    assert CJK in text and "東京都千代田区" in text and "?" not in text
    fonts = _page_fonts(out)
    assert any("STSong-Light" in f for f in fonts)
    assert any(f.endswith("+DejaVuSans") for f in fonts)


@given(minor=st.integers(-10**15, 10**15),
       currency=st.sampled_from(["EUR", "JPY", "KWD", "GBP", "USD", "CLF", "XAF", "INR",
                                 "CHF", "BHD"]),
       language=st.sampled_from(["en", "es"]))
def test_fast_money_formatting_is_babels(minor, currency, language):
    f = Formatter(language)
    assert f.money(minor, currency) == format_minor(minor, currency, f.locale)


@pytest.mark.parametrize("language, expected", [
    ("en", ("€1,250.50", "Jan 15, 2025", "1.5", "21%")),
    ("es", ("1.250,50\xa0€", "15 ene 2025", "1,5", "21\xa0%")),
])
def test_formats_follow_the_clients_language(language, expected):
    import datetime as dt

    f = Formatter(language)
    got = (f.money(125050, "EUR"), f.date(dt.date(2025, 1, 15)), f.quantity(Decimal("1.5")),
           f.percent(Decimal(21)))
    assert got == expected


def test_labels_have_the_same_keys_and_placeholders_in_every_language():
    en, es = LABELS["en"], LABELS["es"]
    assert set(en) == set(es)
    fields = re.compile(r"\{(\w+)\}")
    for key in en:
        assert set(fields.findall(en[key])) == set(fields.findall(es[key])), key
        assert es[key].strip(), key


def test_documents_layer_holds_no_qt_and_no_sql():
    """ARCHITECTURE: documents imports neither Qt nor the ledger; SQL stays in ledger/."""
    root = Path(pdf_text.__file__).parent
    for path in sorted(root.glob("*.py")):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else [
                    node.module or ""]
                for name in names:
                    assert not name.startswith(("PySide6", "sqlite", "collector_gui.ledger",
                                                "collector_gui.ui")), (path.name, name)
