"""Addresses with accents: the domain goes out as IDNA (punycode) on any server; an address
with accents before the @ goes with SMTPUTF8 when the server offers it, and otherwise fails
for that message alone, with a clear error and nothing sent (safe to retry elsewhere)."""

from __future__ import annotations

import pytest

from collector_gui.mail.compose import compose, envelope, parse, serialize, with_new_date
from collector_gui.mail.smtp import (
    SmtpAddressNotSupported,
    SmtpConnection,
    SmtpOutcomeUnknown,
    SmtpSettings,
)

SENDER = "marta@example.org"


def _conn(server) -> SmtpConnection:
    return SmtpConnection(SmtpSettings("127.0.0.1", server.port, "none", "", SENDER, 3.0))


def _raw(recipient: str) -> bytes:
    return serialize(compose(sender=SENDER, sender_name="Marta Ruiz Diseño", recipient=recipient,
                             recipient_name="José Núñez", subject="Factura 2026-0042 (1.815 €)",
                             text="Hola, José."))


def test_an_idn_domain_goes_as_punycode_without_smtputf8(scripted):
    scripted.extensions = ["8BITMIME"]
    raw = _raw("ana@münchen.de")
    assert raw.isascii()
    assert parse(raw)["To"].addresses[0].addr_spec == "ana@xn--mnchen-3ya.de"
    with _conn(scripted) as conn:
        conn.send(raw, SENDER, ["ana@münchen.de"])
    (got,) = scripted.messages
    assert got.rcpt_tos == [b"<ana@xn--mnchen-3ya.de>"]
    assert scripted.mail_lines == [b"MAIL FROM:<marta@example.org>"]


def test_accents_before_the_at_go_with_smtputf8_when_offered(scripted):
    scripted.extensions = ["8BITMIME", "SMTPUTF8"]
    raw = _raw("josé@münchen.de")
    with _conn(scripted) as conn:
        conn.send(raw, SENDER, ["josé@münchen.de"])
    (got,) = scripted.messages
    assert scripted.mail_lines[0].startswith(b"MAIL FROM:<marta@example.org> ")
    assert b"SMTPUTF8" in scripted.mail_lines[0].split()
    assert got.rcpt_tos == ["<josé@xn--mnchen-3ya.de>".encode()]
    msg = parse(got.data)
    (to,) = msg["To"].addresses
    assert (to.display_name, to.username, to.domain) == ("José Núñez", "josé", "xn--mnchen-3ya.de")
    assert msg["Subject"] == "Factura 2026-0042 (1.815 €)"
    assert envelope(got.data) == (SENDER, ["josé@xn--mnchen-3ya.de"])


def test_accents_before_the_at_without_smtputf8_fail_that_message_only(scripted):
    scripted.extensions = ["8BITMIME"]
    conn = _conn(scripted).open()
    with pytest.raises(SmtpAddressNotSupported) as info:
        conn.send(_raw("josé@example.es"), SENDER, ["josé@example.es"])
    assert not isinstance(info.value, SmtpOutcomeUnknown)
    assert "accents in the part before @" in str(info.value)
    assert "josé@example.es" in str(info.value) and "Nothing was sent" in str(info.value)
    assert not info.value.transient and not info.value.fatal
    assert scripted.mail_lines == [] and scripted.messages == []
    # The session goes on for the next client.
    assert conn.is_open()
    conn.send(_raw("ana@example.es"), SENDER, ["ana@example.es"])
    assert [m.rcpt_tos for m in scripted.messages] == [[b"<ana@example.es>"]]
    assert scripted.connections == 1
    conn.close()


def test_a_utf8_message_keeps_its_headers_when_redated():
    raw = _raw("josé@münchen.de")
    assert not raw.isascii()
    again = with_new_date(raw)
    assert parse(again)["To"].addresses[0].username == "josé"
    assert parse(again)["Message-ID"] == parse(raw)["Message-ID"]
    head = again.split(b"\r\n\r\n", 1)[0]
    assert "To: =?utf-8?q?Jos=C3=A9_N=C3=BA=C3=B1ez?= <josé@xn--mnchen-3ya.de>".encode() in head


@pytest.mark.parametrize("offered, status", [(True, "sent"), (False, "failed")])
def test_a_reminder_to_an_address_with_accents(store, debtor, scripted, offered, status):
    """Through the reminder flow and the outbox: sent with SMTPUTF8, or a clear failure;
    never a raw UnicodeEncodeError."""
    import dataclasses

    from collector_gui.actions import remind
    from tests.helpers.smtp import AS_OF, configure

    scripted.extensions = ["8BITMIME", "SMTPUTF8"] if offered else ["8BITMIME"]
    store.update_client(dataclasses.replace(debtor, billing_email="josé@peñalver.es"))
    configure(store, SmtpSettings("127.0.0.1", scripted.port, "none", "", SENDER, 3.0))
    summary = remind.plan_reminders(store, AS_OF).send()
    (result,) = summary.results
    assert result.status == status, summary.text()
    if offered:
        (got,) = scripted.messages
        assert got.rcpt_tos == ["<josé@xn--pealver-5za.es>".encode()]
        assert parse(got.data)["To"].addresses[0].username == "josé"
    else:
        assert "accents in the part before @" in result.error
        assert scripted.messages == []
