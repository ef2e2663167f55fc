"""Reminders through a real SMTP server: what arrives is what the client reads."""

from __future__ import annotations

import io
from email import policy
from email.parser import BytesParser

import pypdf
import pytest

from collector_gui.actions import config, remind
from collector_gui.core.model import EventStatus
from collector_gui.ledger import outbox as ob
from collector_gui.mail.smtp import SmtpConnection
from tests.helpers.smtp import AS_OF, PASSWORD, configure


def _parse(raw: bytes):
    return BytesParser(policy=policy.default).parsebytes(raw)


def _send(store, server, client_tls, **kw):
    configure(store, server.settings)
    flow = remind.plan_reminders(store, AS_OF)
    return flow, flow.send(password=kw.pop("password", PASSWORD), ssl_context=client_tls, **kw)


def test_starttls_auth_delivers_text_html_and_a_readable_pdf(store, debtor, starttls_server,
                                                            client_tls):
    flow, summary = _send(store, starttls_server, client_tls)
    assert [r.status for r in summary.results] == ["sent"]
    (got,) = starttls_server.handler.received
    assert got.rcpt_tos == ["cuentas@penalver.es"]
    assert got.mail_from == "marta@example.org"
    msg = _parse(got.data)

    # Headers, with the accents of the subject and the names encoded as RFC 2047 words.
    raw_headers = got.data.split(b"\r\n\r\n", 1)[0]
    assert raw_headers.isascii()
    assert msg["Subject"] == "Recordatorio: factura 2026-0042, vencida el 3 de noviembre de 2026"
    assert msg["To"].addresses[0].display_name == "Begoña Núñez"
    assert msg["From"].addresses[0].display_name == "Marta Ruiz Diseño"
    assert msg["From"].addresses[0].addr_spec == "marta@example.org"
    assert msg["Message-ID"] == summary.results[0].message_id
    assert msg["Message-ID"].endswith("@example.org>")
    assert msg["Date"].datetime is not None

    text = msg.get_body(("plain",)).get_content()
    html = msg.get_body(("html",)).get_content()
    assert "Hola, Begoña:" in text
    assert "2026-0042" in text and "1.815,00\u00a0€" in text and "20 días de retraso" in text
    assert "ES91 2100 0418 4502 0005 1332" in text
    assert "Begoña" in html and "1.815,00\u00a0€" in html and "20 días de retraso" in html
    assert '<html lang="es">' in html

    (pdf_part,) = list(msg.iter_attachments())
    assert pdf_part.get_filename() == "factura-2026-0042.pdf"
    assert pdf_part.get_content_type() == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(pdf_part.get_content()))
    page_text = "".join(page.extract_text() for page in reader.pages)
    assert "2026-0042" in page_text

    # Recorded as sent, with the Message-ID and a readable history (not the MIME).
    events = store.events_of(debtor.id)
    assert [(e.status, e.stage) for e in events] == [(EventStatus.SENT, "polite")]
    assert events[0].message_id == msg["Message-ID"]
    assert events[0].body.startswith("To: cuentas@penalver.es\nAttachments: factura-2026-0042.pdf\n")
    assert "Content-Transfer-Encoding" not in events[0].body
    assert ob.pending_messages(store) == []


def test_running_twice_the_same_day_sends_nothing_the_second_time(store, debtor,
                                                                  starttls_server, client_tls):
    _send(store, starttls_server, client_tls)
    flow, summary = _send(store, starttls_server, client_tls)
    assert flow.drafts() == []
    assert summary.results == []
    assert len(starttls_server.handler.received) == 1


def test_implicit_ssl(store, debtor, ssl_server, client_tls):
    _, summary = _send(store, ssl_server, client_tls)
    assert [r.status for r in summary.results] == ["sent"]
    assert len(ssl_server.handler.received) == 1


def test_plain_server_without_login(store, debtor, plain_server):
    configure(store, plain_server.settings)
    summary = remind.plan_reminders(store, AS_OF).send()
    assert [r.status for r in summary.results] == ["sent"]
    msg = _parse(plain_server.handler.received[0].data)
    assert msg.get_body(("plain",)) is not None


def test_password_from_the_keyring(store, debtor, starttls_server, client_tls, memory_keyring):
    configure(store, starttls_server.settings)
    config.set_smtp_password(store, PASSWORD + "\n")
    assert config.has_saved_password(store)
    summary = remind.plan_reminders(store, AS_OF).send(ssl_context=client_tls)
    assert [r.status for r in summary.results] == ["sent"]


def test_password_asked_when_no_keyring_works(store, debtor, starttls_server, client_tls,
                                              monkeypatch):
    from keyring.backends import fail

    import keyring

    keyring.set_keyring(fail.Keyring())
    configure(store, starttls_server.settings)
    status = config.keyring_status()
    assert not status.available and "ask" in status.reason
    with pytest.raises(remind.KeyringUnavailable, match="keyring"):
        config.set_smtp_password(store, PASSWORD)
    asked = []

    def ask(settings, why):
        asked.append(why)
        return PASSWORD

    summary = remind.plan_reminders(store, AS_OF).send(ask_password=ask, ssl_context=client_tls)
    assert [r.status for r in summary.results] == ["sent"]
    assert asked == [status.reason]


def test_declining_the_password_prompt_sends_nothing_and_queues_nothing(store, debtor,
                                                                       starttls_server,
                                                                       client_tls):
    configure(store, starttls_server.settings)
    with pytest.raises(remind.Cancelled):
        remind.plan_reminders(store, AS_OF).send(ask_password=lambda s, why: None,
                                                 ssl_context=client_tls)
    assert store.events_of(debtor.id) == []


def test_test_email(store, starttls_server, client_tls):
    configure(store, starttls_server.settings)
    message_id = config.send_test_email(store, "me@example.org", password=PASSWORD,
                                        ssl_context=client_tls)
    (got,) = starttls_server.handler.received
    assert got.rcpt_tos == ["me@example.org"]
    assert _parse(got.data)["Message-ID"] == message_id
    assert store.counts()["contact_events"] == 0


def test_one_connection_for_several_messages(store, starttls_server, client_tls):
    settings = starttls_server.settings
    from collector_gui.mail.compose import compose, serialize
    from collector_gui.mail.secrets import Secret

    with SmtpConnection(settings, Secret(PASSWORD), ssl_context=client_tls) as conn:
        for n in range(3):
            raw = serialize(compose(sender=settings.from_address, recipient=f"c{n}@example.org",
                                    subject=f"n{n}", text="hola"))
            conn.send(raw, settings.from_address, [f"c{n}@example.org"])
    assert [r.rcpt_tos for r in starttls_server.handler.received] == [
        ["c0@example.org"], ["c1@example.org"], ["c2@example.org"]]


def test_subject_with_accents_and_euro_sign_is_encoded_and_reads_back(store, debtor,
                                                                      starttls_server,
                                                                      client_tls):
    configure(store, starttls_server.settings)
    flow = remind.plan_reminders(store, AS_OF)
    flow.set_stage(debtor.id, "firm")
    flow.update_draft(debtor.id, subject="Pago vencido: factura 2026-0042 (20 días, 1.815,00 €)")
    assert [r.status for r in flow.send(password=PASSWORD, ssl_context=client_tls).results] == [
        "sent"]
    raw = starttls_server.handler.received[0].data
    (subject_line,) = [line for line in raw.split(b"\r\n\r\n", 1)[0].split(b"\r\n")
                       if line.startswith(b"Subject:")]
    assert b"=?utf-8?" in subject_line.lower()
    assert _parse(raw)["Subject"] == "Pago vencido: factura 2026-0042 (20 días, 1.815,00 €)"
    assert _parse(raw)["Content-Language"] == "es"
