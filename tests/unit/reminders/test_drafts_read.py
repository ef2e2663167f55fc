"""Every reminder, read as the client reads it: each stage x es/en x {1 invoice, 12 with a
disputed one} x {EUR, another currency}, saved as the .eml the client would receive.

The facts must be there (numbers, amounts, due dates, days overdue), ONE amount to pay per
currency that the attachment repeats (the statement's "to pay now", or the attached invoice's
balance), the disputed invoice named apart and out of that amount, payment details that fit
the currency (never the EUR IBAN for dollars), one short reference, and headers a strict
parser reads back without empty or glued encoded words.
"""

from __future__ import annotations

import io
import re
import subprocess
import tempfile
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pypdf
import pytest

from collector_gui.actions import remind
from collector_gui.core.dunning import Stage
from collector_gui.core.money import format_minor
from collector_gui.documents.addressing import client_locale
from collector_gui.documents.message_context import long_date
from collector_gui.ledger.database import Ledger
from collector_gui.ledger.store import Store
from tests.unit.reminders.draft_scenarios import AS_OF, USD_DETAILS, Scenario, build, scenarios

ENCODED_WORD = re.compile(rb"=\?[^?]*\?[qQbB]\?([^?]*)\?=")


def _header_problems(raw: bytes) -> list[str]:
    head = raw.split(b"\r\n\r\n", 1)[0] if b"\r\n\r\n" in raw else raw.split(b"\n\n", 1)[0]
    problems = []
    for match in ENCODED_WORD.finditer(head):
        if not match.group(1):
            problems.append(f"empty encoded word {match.group(0)!r}")
    if re.search(rb"\?==\?", head):
        problems.append("two encoded words glued together")
    for line in head.splitlines():
        if len(line) > 78:
            problems.append(f"line longer than 78: {line[:40]!r}")
    return problems


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


@pytest.fixture(scope="module")
def drafts(tmp_path_factory):
    """Every scenario's saved message and its store's figures, made once."""
    out: dict[str, tuple[Scenario, bytes, dict]] = {}
    base = tmp_path_factory.mktemp("drafts")
    for sc in scenarios():
        with Ledger.open(base / f"{sc.name}.sqlite") as ledger:
            store = Store(ledger)
            client = build(store, sc)
            flow = remind.plan_reminders(store, AS_OF)
            (entry,) = flow.entries
            (result,) = flow.save_eml(base / sc.name).results
            assert result.status == "saved", result
            invoices = store.invoices_of(client.id)
            facts = {"stage": entry.stage, "owed": list(entry.invoices),
                     "held": list(entry.held), "client": client,
                     "all": invoices}
            out[sc.name] = (sc, result.path.read_bytes(), facts)
    return out


@pytest.mark.parametrize("sc", scenarios(), ids=lambda sc: sc.name)
def test_the_draft_reads_right(drafts, sc):
    _sc, raw, facts = drafts[sc.name]
    assert facts["stage"] is sc.stage  # the scenario makes the policy propose this stage
    assert _header_problems(raw.replace(b"\n", b"\r\n")) == []
    msg = BytesParser(policy=policy.default).parsebytes(raw)
    assert msg["Subject"].defects == () and str(msg["Subject"]).strip()
    assert "=?" not in str(msg["Subject"])
    text = msg.get_body(("plain",)).get_content()
    html = msg.get_body(("html",)).get_content()
    flat = " ".join(text.split())
    locale = client_locale(facts["client"])
    owed, held = facts["owed"], facts["held"]
    es = sc.lang == "es"

    # The facts of every invoice asked for.
    for inv in owed:
        assert inv.number in flat
        assert format_minor(inv.balance_minor, inv.currency, locale) in text
        if inv.due_date == AS_OF:  # "due today" is the date, said as a person says it
            assert ("hoy" if es else "today") in flat.lower()
        else:
            assert long_date(inv.due_date, locale) in text
        if sc.stage.escalation:
            days = inv.days_overdue(AS_OF)
            assert (f"{days} días de retraso" if es else f"{days} days overdue") in flat
    # The disputed invoice: named apart, on hold, and not in the amount.
    assert len(held) == (1 if sc.size > 1 else 0)
    for inv in held:
        assert inv.number in flat
        assert ("en espera mientras revisamos su consulta" if es
                else "on hold while we look into your query") in flat
    expected = sum(i.balance_minor for i in owed)
    amount = format_minor(expected, sc.currency, locale)
    if sc.stage is Stage.PRE_DUE:
        label = "Importe con vencimiento hasta el" if es else "Amount due by"
        assert re.search(rf"{label} [^:]+: {re.escape(amount)}", text), text
    else:
        label = "Importe a pagar ahora" if es else "Amount to pay now"
        assert f"{label}: {amount}" in text
    assert amount.replace("\xa0", " ") in " ".join(html.replace("&nbsp;", " ").split()) or \
        amount in html

    # The attachment says the same amount.
    attachments = [(p.get_filename(), p.get_content()) for p in msg.iter_attachments()]
    if sc.size > 1:
        ((name, pdf),) = attachments
        assert name.startswith("extracto" if es else "statement")
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "s.pdf"
            path.write_bytes(pdf)
            poppler = " ".join(subprocess.run(["pdftotext", "-layout", str(path), "-"],
                                              capture_output=True, text=True,
                                              check=True).stdout.split())
        if sc.stage is Stage.PRE_DUE:
            assert f"{sc.currency} " in poppler and _digits(amount) in _digits(poppler)
        else:
            label = "A pagar ahora" if es else "To pay now"
            assert f"{label} {sc.currency} {amount.replace(chr(160), ' ')}" in poppler, poppler
    else:
        ((name, pdf),) = attachments
        (inv,) = owed
        page = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
        # The invoice's balance (its total, when nothing was paid): the last such figure.
        lines = [line.strip() for line in page.splitlines()]
        labels = ("Importe pendiente", "Total") if es else ("Balance due", "Total")
        at = max(i for i, line in enumerate(lines) if line.startswith(labels))
        figure = lines[at] if _digits(lines[at]) else lines[at + 1]
        assert _digits(figure) == _digits(amount), (figure, amount)

    # Payment details that fit the currency, one short reference.
    if sc.currency == "EUR":
        assert "ES91 2100 0418 4502 0005 1332" in text
        assert 'src="cid:' in html and "data:image" not in html  # the scan-to-pay code
        (image,) = [p for p in msg.walk() if p.get_content_type() == "image/png"]
        assert image["Content-ID"].strip("<>") in html
    else:
        assert "IBAN" not in text and "data:image" not in html
        if sc.currency == "USD":
            assert USD_DETAILS in text
        else:
            assert (f"le enviaré los datos para pagar en {sc.currency}" if es
                    else f"send you the payment details for {sc.currency}") in text
    # The reference names every invoice of the amount asked (those due by today, else those
    # falling due), so a transfer quoting it for that amount is matched at once (bank import);
    # the statement attached asks for the same one.
    refs = re.findall(r"(?:Reference|Concepto): (.+)", text)
    if sc.currency in ("EUR", "USD"):
        asked = [i.number for i in owed if i.due_date <= AS_OF] or [i.number for i in owed]
        every = " ".join(asked)  # or, when they do not fit in 35 characters, the oldest
        assert refs == [every if len(every) <= 35 else asked[0]]
        if sc.size > 1:
            assert f"{'Referencia' if es else 'Reference'}: {refs[0]}" in poppler, poppler

    # How it reads: greeting, tone, the ask.
    greeting = text.splitlines()[0]
    formal = sc.stage is Stage.FINAL or (es and sc.stage is Stage.FIRM)
    if es:
        assert greeting == ("Estimado José Ángel:" if formal else "Hola, José Ángel:")
    else:
        assert greeting == ("Dear Grace," if formal else "Hello Grace,")
        if any(inv.due_date != AS_OF for inv in owed):  # a London client's dates
            assert re.search(r"\b\d{1,2} (October|November) 2026\b", text)
            assert not re.search(r"(October|November) \d{1,2}, 2026", text)
    ignore = "no tenga en cuenta este mensaje" if es else "please ignore this"
    assert (ignore in flat) == (sc.stage in (Stage.PRE_DUE, Stage.DUE, Stage.POLITE)
                                and max(i.days_overdue(AS_OF) for i in owed) <= 10)
    if not sc.stage.escalation:
        assert ("que el pago está programado" if es else "the payment is scheduled") in flat
    if sc.stage in (Stage.FIRM, Stage.FINAL):
        by = "30 de noviembre" if es else "30 November"
        assert f"a más tardar el {by}" in flat if es else f"by {by}" in flat
    assert "Le recuerdo amablemente" not in text and "A la atención" not in text
