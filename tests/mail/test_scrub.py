"""A server that echoes what AUTH sent (the AUTH PLAIN argument, the AUTH LOGIN lines, the
password itself; in any case, split over the lines of its reply) never gets the password,
or base64 that decodes to it, into an error, and so never into the ledger."""

from __future__ import annotations

import base64

import pytest

from collector_gui.actions import remind
from collector_gui.mail.scrub import Scrubber
from collector_gui.mail.secrets import Secret
from collector_gui.mail.smtp import SmtpAuthError, SmtpConnection, SmtpSettings
from tests.helpers.smtp import AS_OF, PASSWORD, USER, configure

PW = PASSWORD.encode()
PLAIN = base64.b64encode(b"\0" + USER.encode() + b"\0" + PW)
PLAIN_AUTHZID = base64.b64encode(USER.encode() + b"\0" + USER.encode() + b"\0" + PW)
LOGIN_USER = base64.b64encode(USER.encode())
LOGIN_PW = base64.b64encode(PW)


def _forms() -> list[str]:
    """What must not be seen, in any case or spacing."""
    forms = [PASSWORD, PW.hex()]
    for token in (PLAIN, PLAIN_AUTHZID, LOGIN_USER, LOGIN_PW):
        text = token.decode()
        forms += [text, text.rstrip("=")]
    return forms


def assert_clean(text: str) -> None:
    squeezed = "".join(text.split()).lower()
    for form in _forms():
        assert "".join(form.split()).lower() not in squeezed, (form, text)
    # Nor anything base64 that decodes to the password.
    for word in text.replace("(", " ").replace(")", " ").split():
        for cut in range(4):
            chunk = word[cut:]
            chunk = chunk[: len(chunk) - len(chunk) % 4]
            try:
                assert PW not in base64.b64decode(chunk)
            except ValueError:
                pass


def _split(token: bytes, at: int) -> bytes:
    return (b"535-5.7.8 Username and Password not accepted: " + token[:at]
            + b"\r\n535 5.7.8 " + token[at:])


# What the server says after AUTH PLAIN <token>, given that token.
PLAIN_ECHOES = {
    "token": lambda t: b"535 5.7.8 Authentication failed for " + t,
    "token in lower case": lambda t: b"535 5.7.8 authentication failed for " + t.lower(),
    "token in upper case": lambda t: b"535 5.7.8 AUTHENTICATION FAILED FOR " + t.upper(),
    "token without padding": lambda t: b"535 5.7.8 Bad: " + t.rstrip(b"="),
    "token split over lines": lambda t: _split(t, 17),
    "token split over three lines": lambda t: (b"535-5.7.8 Nope " + t[:9] + b"\r\n535-5.7.8 "
                                               + t[9:30] + b"\r\n535 5.7.8 " + t[30:]),
    "truncated token": lambda t: b"535 5.7.8 Bad token " + t[:-6] + b"...",
    "password": lambda t: b"535 5.7.8 Password " + PW + b" is wrong",
    "password in latin-1": lambda t: b"535 5.7.8 Password " + PASSWORD.encode("latin-1"),
    "password in upper case": lambda t: b"535 5.7.8 PASSWORD " + PASSWORD.upper().encode(),
    "password split over lines": lambda t: b"535-5.7.8 Password " + PW[:5] + b"\r\n535 " + PW[5:],
}


def _server(scripted, extension: str, echo) -> SmtpSettings:
    scripted.extensions = ["8BITMIME", extension]
    scripted.on_auth = lambda n, lines: echo(lines)
    return SmtpSettings("127.0.0.1", scripted.port, "none", USER, USER, 3.0)


@pytest.mark.parametrize("echo", PLAIN_ECHOES.values(), ids=PLAIN_ECHOES.keys())
def test_an_echoing_plain_login_reply_is_scrubbed(scripted, echo):
    settings = _server(scripted, "AUTH PLAIN", lambda lines: echo(lines[0].split()[-1]))
    with pytest.raises(SmtpAuthError) as info:
        SmtpConnection(settings, Secret(PASSWORD)).open()
    message = str(info.value)
    assert "535" in message and "****" in message
    assert_clean(message)
    assert_clean(repr(info.value))


def test_an_echoing_login_reply_is_scrubbed(scripted):
    def echo(lines):  # "AUTH LOGIN <user>", then "<password>", both base64, split over lines
        user, password = lines[0].split()[-1], lines[1]
        return (b"535-5.7.8 Bad " + user[:6] + b"\r\n535-5.7.8 " + user[6:] + b" / "
                + password[:10] + b"\r\n535 5.7.8 " + password[10:].lower())

    settings = _server(scripted, "AUTH LOGIN", echo)
    with pytest.raises(SmtpAuthError) as info:
        SmtpConnection(settings, Secret(PASSWORD)).open()
    assert "****" in str(info.value)
    assert_clean(str(info.value))


def test_what_the_ledger_keeps_of_an_echoing_server_has_no_password(store, ledger, debtor,
                                                                    scripted):
    settings = _server(scripted, "AUTH PLAIN",
                       lambda lines: _split(lines[0].split()[-1], 23))
    configure(store, settings)
    summary = remind.plan_reminders(store, AS_OF).send(password=PASSWORD)
    (result,) = summary.results
    assert result.status == "failed" and "535" in result.error
    assert_clean(result.error)
    assert_clean(summary.text())
    (event,) = store.events_of(debtor.id)
    assert_clean(event.error)
    ledger.conn.execute("PRAGMA wal_checkpoint(FULL)")
    data = ledger.path.read_bytes()
    wal = ledger.path.with_name(ledger.path.name + "-wal")
    data += wal.read_bytes() if wal.exists() else b""
    for token in (PLAIN, PLAIN.rstrip(b"="), PW, LOGIN_PW):
        assert token not in data


def test_a_reply_without_credentials_is_left_as_it_is():
    scrub = Scrubber(USER, PASSWORD)
    for text in ("550 5.1.1 No such user here", "5.7.8 Username and Password not accepted.\n"
                 "Learn more at https://support.example.com/mail/?p=BadCredentials x12sm34",
                 f"refused the user name or password of {USER}"):
        assert scrub.scrub(text) == text
    assert Scrubber(USER, "").scrub(PASSWORD) == PASSWORD  # no password: nothing to hide
