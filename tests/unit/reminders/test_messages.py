"""The reminder templates: every stage in both languages says what it must, in text and HTML,
and the user's edited copies are checked, used, and kept apart from the bundled ones."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

import pytest

from collector_gui.core.dunning import Stage
from collector_gui.core.model import Client, Invoice
from collector_gui.core.settings import Settings
from collector_gui.documents import messages
from collector_gui.documents.messages import MessageError, render_message, sample_context

LANGS = ("en", "es")
STAGES = list(Stage)


class _Text(HTMLParser):
    """The words of an HTML message, as a reader sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "title", "head"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("style", "title", "head"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)

    def text(self) -> str:
        return _flat(" ".join(self.parts))


def html_words(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return parser.text()


def _flat(text: str) -> str:
    """Line breaks and runs of spaces as one space (a no-break space stays: it is meant)."""
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("stage", STAGES)
def test_every_message_names_what_the_client_needs(lang, stage):
    ctx = sample_context(lang, stage)
    msg = render_message(ctx, lang, stage)
    assert msg.subject and "\n" not in msg.subject
    words = html_words(msg.html)
    for body in (_flat(msg.text), words):
        for inv in ctx["invoices"]:
            assert inv["number"] in body
            assert inv["amount_due"] in body
            assert inv["due_date"] in body
            if stage.escalation:
                assert inv["days_overdue_text"] in body
        assert ctx["total_due"] in body
        assert ctx["business"]["iban"] in body  # how to pay
        assert ("PDF" in body)  # says the PDF is attached
        assert ctx["business"]["name"] in body
        if stage is Stage.FINAL:
            assert ctx["pay_by"] in body
            assert ("collection agency" in body) or ("agencia de recobro" in body)
        if stage.escalation:
            assert ctx["broken_promise"]["date"] in body  # the broken promise is named
            assert ctx["late"]["total"] in body  # late charges shown in drafts
    for out in (msg.subject, msg.text, msg.html):
        assert "{{" not in out and "{%" not in out and "None" not in out


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("stage", STAGES)
def test_text_is_tidy(lang, stage):
    text = render_message(sample_context(lang, stage), lang, stage).text
    assert "\n\n\n" not in text
    assert not any(line != line.rstrip() for line in text.split("\n"))
    assert "  ." not in text and " ," not in text and "..\n" not in text
    assert not re.search(r"[^\s] {2,}[^\s]", text.replace("\n  ", "\n")), text


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("stage", STAGES)
def test_one_invoice_and_no_bank_details(lang, stage):
    ctx = sample_context(lang, stage)
    ctx.update(invoices=ctx["invoices"][1:], count=1, numbers=ctx["invoices"][1]["number"],
               broken_promise=None, reminded_before=False,
               any_overdue=ctx["invoices"][1]["overdue"], held=[])
    ctx["business"].update(iban="", bic="", payment_instructions="")
    for t in ctx["totals"]:
        t["pay"].update(iban="", bic="", account="", link="", instructions="", empty=True)
    ctx["late"].update(any=False, active=False, rate="", eu=False, total="")
    msg = render_message(ctx, lang, stage)
    body = _flat(msg.text)
    assert ctx["invoices"][0]["number"] in msg.subject or stage is Stage.FINAL
    assert "IBAN" not in body
    # No details fit: the client is asked to reply for them (never someone else's IBAN).
    assert ("send you the payment details" in body) or ("le enviaré los datos" in body)
    assert ("invoices" not in body.replace("Invoice", "")) if lang == "en" else True


def test_names_are_escaped_in_html_and_not_in_text():
    ctx = sample_context("en", Stage.POLITE)
    ctx["client"]["first_name"] = "<b>Tom & Jerry</b>"
    msg = render_message(ctx, "en", Stage.POLITE)
    assert "&lt;b&gt;Tom &amp; Jerry&lt;/b&gt;" in msg.html and "<b>Tom" not in msg.html
    assert "Hello <b>Tom & Jerry</b>," in msg.text


def test_a_real_context_from_records():
    client = Client(name="Acme", billing_name="", language="es", id=3)
    invoice = Invoice("F-7", 3, dt.date(2026, 9, 1), dt.date(2026, 10, 1), "USD", 123456, id=9)
    ctx = messages.message_context(client=client, invoices=[invoice], stage="firm",
                                   as_of=dt.date(2026, 10, 16), settings=Settings({}))
    msg = render_message(ctx, "es", "firm")
    assert msg.text.startswith("Estimados señores:\n")  # a company: no first name
    assert "15 días de retraso" in msg.text and "1.234,56\xa0US$" in msg.text
    assert "IBAN" not in msg.text and "le enviaré los datos para pagar en USD" in msg.text
    assert msg.subject == ("Factura F-7 con 15 días de retraso: pago a más tardar el "
                           "23 de octubre")


def test_unknown_language_falls_back_to_english():
    client = Client(name="Acme", language="fr", id=3)  # type: ignore[arg-type]
    invoice = Invoice("F-7", 3, dt.date(2026, 9, 1), dt.date(2026, 10, 1), "EUR", 100, id=9)
    ctx = messages.message_context(client=client, invoices=[invoice], stage="due",
                                   as_of=dt.date(2026, 10, 1), settings=Settings({}))
    assert ctx["lang"] == "en"
    assert "due today" in render_message(ctx, "en", "due").text


# -- the user's copies ------------------------------------------------------------------------

def test_a_user_copy_overrides_the_bundled_template_and_can_be_reset():
    source, is_user = messages.template_source("en", "polite", "subject")
    assert not is_user and "Reminder" in source
    messages.save_user_copy("en", "polite", "subject", "Gentle nudge: {{ numbers }}")
    assert messages.template_source("en", "polite", "subject")[1]
    msg = render_message(sample_context("en", "polite"), "en", "polite")
    assert msg.subject == "Gentle nudge: 2026-0007, 2026-0011"
    assert messages.reset_user_copy("en", "polite", "subject")
    assert not messages.reset_user_copy("en", "polite", "subject")
    assert render_message(sample_context("en", "polite"), "en", "polite").subject.startswith(
        "Reminder:")


def test_a_broken_user_copy_is_refused_and_the_bundled_one_kept():
    with pytest.raises(MessageError, match="line 1"):
        messages.save_user_copy("es", "firm", "txt", "Hola {{ client.nmae }")
    assert not messages.user_template_path("es", "firm", "txt").exists()


def test_preview_with_unsaved_source():
    msg = render_message(sample_context("es", "final"), "es", "final",
                         overrides={"subject": "Aviso final ({{ count }})"})
    assert msg.subject == "Aviso final (2)"


def test_a_user_copy_that_fails_at_render_time_names_template_and_line(tmp_path):
    path = messages.user_template_path("en", "due", "txt")
    path.parent.mkdir(parents=True)
    path.write_text("Hello\n{{ invoices[0].nope }}\n", encoding="utf-8")
    with pytest.raises(MessageError, match=r"reminders/en/due.txt.j2, line 2"):
        render_message(sample_context("en", "due"), "en", "due")


@pytest.mark.parametrize("source, kind, line, words", [
    ("Hello {{ client.name }", "txt", 1, "unexpected"),
    ("a\nb\n{% if count %}\nno end", "txt", 4, "endif"),
    ("Dear {{ clint.name }}", "txt", 1, "clint"),
    ("{{ client.nickname }}", "html", 1, "nickname"),
    ("{{ ''.__class__.__mro__ }}", "txt", 1, "unsafe"),
    ("{% include 'nowhere.j2' %}", "txt", None, "nowhere.j2"),
    ("   ", "subject", None, "empty"),
    ("{% for i in range(300) %}x{% endfor %}", "subject", None, "longer than"),
])
def test_validate_template_finds_problems(source, kind, line, words):
    problems = messages.validate_template(source, kind)
    assert problems, source
    assert problems[0].line == line
    assert words in problems[0].message


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("stage", STAGES)
@pytest.mark.parametrize("kind", messages.KINDS)
def test_every_bundled_template_validates(lang, stage, kind):
    source, _ = messages.template_source(lang, stage, kind)
    assert messages.validate_template(source, kind, lang=lang, stage=stage) == []


def test_edited_text_gets_matching_html():
    html = messages.text_to_html("Hola <Ana> & co,\n\nPague ya.\nGracias", "es")
    assert "<p>Hola &lt;Ana&gt; &amp; co,</p>" in html
    assert "<p>Pague ya.<br>\nGracias</p>" in html
    assert html_words(html) == "Hola <Ana> & co, Pague ya. Gracias"
