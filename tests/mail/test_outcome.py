"""The transport tells the truth: once the whole message (final dot included) is with the
server and no reply comes, the outcome is unknown (never safe to resend on its own); any
failure before that is a plain, retryable error, and the connection can be opened again."""

from __future__ import annotations

import pytest

from collector_gui.mail.compose import compose, serialize
from collector_gui.mail.smtp import (
    SmtpConnection,
    SmtpDisconnected,
    SmtpOutcomeUnknown,
    SmtpRejected,
    SmtpSettings,
)

SENDER = "marta@example.org"
TO = "cuentas@penalver.es"


def _settings(server, timeout: float = 3.0) -> SmtpSettings:
    return SmtpSettings("127.0.0.1", server.port, "none", "", SENDER, timeout)


def _raw(subject: str = "Recordatorio: factura 2026-0042") -> bytes:
    return serialize(compose(sender=SENDER, recipient=TO, subject=subject,
                             text="Hola.\n.\n..una línea con punto\n"))


@pytest.mark.parametrize("action, reason", [
    ("close", "closed without a reply"),
    ("reset", "connection was reset"),
    ("late", "no reply within 0.5 seconds"),
])
def test_whole_message_sent_and_no_final_reply_is_an_unknown_outcome(scripted, action, reason):
    scripted.after_data = lambda n: action if n == 1 else b"250 2.0.0 queued"
    conn = SmtpConnection(_settings(scripted), final_reply_timeout=0.5).open()
    raw = _raw()
    with pytest.raises(SmtpOutcomeUnknown) as info:
        conn.send(raw, SENDER, [TO])
    message = str(info.value)
    assert "may have been delivered" in message and reason in message
    assert "Check your Sent folder" in message
    assert not info.value.transient
    # The server did get all of it (dots and all): resending would mail the client twice.
    (got,) = scripted.messages
    assert got.data == raw
    assert not conn.is_open()
    # The other messages of a run can go over a new connection.
    conn.open()
    assert conn.is_open()
    conn.send(_raw("second"), SENDER, [TO])
    assert [m.connection for m in scripted.messages] == [1, 2]
    conn.close()


def test_the_final_reply_is_waited_for_longer_than_a_command_reply(scripted):
    """RFC 5321 4.5.3.2.6: a server may take minutes after the final dot (scanning)."""
    command_timeout = 0.3
    scripted.after_data = lambda n: ("sleep", 4 * command_timeout)
    conn = SmtpConnection(_settings(scripted, timeout=command_timeout),
                          final_reply_timeout=30).open()
    conn.send(_raw(), SENDER, [TO])
    assert len(scripted.messages) == 1
    assert conn.is_open()
    conn.close()


def test_the_final_reply_timeout_is_ten_minutes_unless_told(plain_server):
    assert SmtpConnection(plain_server.settings).final_reply_timeout == 600
    assert SmtpConnection(plain_server.settings, final_reply_timeout=5).final_reply_timeout == 5


def test_dropped_at_rcpt_is_retryable_and_reconnecting_sends_it(scripted):
    scripted.on_rcpt = lambda n, rcpt: b"drop" if n == 1 else b"250 OK"
    conn = SmtpConnection(_settings(scripted)).open()
    raw = _raw()
    with pytest.raises(SmtpDisconnected) as info:
        conn.send(raw, SENDER, [TO])
    assert not isinstance(info.value, SmtpOutcomeUnknown)
    assert info.value.transient
    assert "not delivered" in str(info.value)
    assert scripted.messages == []
    assert not conn.is_open()
    conn.open()
    conn.send(raw, SENDER, [TO])
    (got,) = scripted.messages
    assert got.connection == 2 and got.rcpt_tos == [b"<cuentas@penalver.es>"]
    conn.close()


def test_a_refusal_after_the_final_dot_is_a_refusal_and_the_session_goes_on(scripted):
    replies = iter([b"554 5.7.1 Message rejected", b"250 OK"])
    scripted.after_data = lambda n: next(replies)
    conn = SmtpConnection(_settings(scripted)).open()
    with pytest.raises(SmtpRejected) as info:
        conn.send(_raw(), SENDER, [TO])
    assert not isinstance(info.value, SmtpOutcomeUnknown)
    assert info.value.code == 554 and info.value.phase == "data"
    assert conn.is_open()
    conn.send(_raw(), SENDER, [TO])
    assert scripted.connections == 1 and len(scripted.messages) == 2
    conn.close()


def test_an_answer_that_is_not_smtp_after_the_dot_is_an_unknown_outcome(scripted):
    scripted.after_data = lambda n: b"garbage from a broken proxy"
    conn = SmtpConnection(_settings(scripted)).open()
    with pytest.raises(SmtpOutcomeUnknown, match="may have been delivered"):
        conn.send(_raw(), SENDER, [TO])
    assert not conn.is_open()
