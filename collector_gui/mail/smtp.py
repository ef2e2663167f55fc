"""Sending over SMTP (STARTTLS, SSL or none), with every failure a clear, typed error.

`SmtpSettings` is what the settings dialog edits (never the password). `SmtpConnection`
opens one session (TLS, then login) and sends serialised messages one at a time. Each
failure becomes an `SmtpError` subclass whose message says what happened and what to do,
and whose `transient` says whether trying again later may help (4xx replies, timeouts,
dropped connections). No message text of an error ever holds the password.
"""

from __future__ import annotations

import base64
import ipaddress
import re
import smtplib
import socket
import ssl
from dataclasses import dataclass

from collector_gui.core import reminder_settings as RS
from collector_gui.core import settings as S
from collector_gui.core.errors import CollectorError
from collector_gui.core.i18n import _
from collector_gui.mail.addresses import wire_address
from collector_gui.mail.scrub import Scrubber
from collector_gui.mail.secrets import Secret

SECURITY_MODES = ("starttls", "ssl", "none")


class SmtpError(CollectorError):
    """Sending failed; the message says why. `transient`: a later retry may work."""

    transient = False
    # Whether the whole connection is unusable (so the other messages of a run cannot go
    # either), rather than this one message being refused.
    fatal = False


class SmtpConfigError(SmtpError):
    fatal = True


class SmtpConnectError(SmtpError):
    transient = True
    fatal = True


class SmtpTlsError(SmtpError):
    fatal = True


class SmtpAuthError(SmtpError):
    fatal = True


class SmtpTimeout(SmtpError):
    transient = True
    fatal = True


class SmtpDisconnected(SmtpError):
    """The connection broke before the whole message was handed over: nothing was delivered,
    so sending it again (after `open()`) is safe."""

    transient = True


class SmtpOutcomeUnknown(SmtpError):
    """The whole message, final dot included, was handed to the server, but its final reply
    never came (the connection closed or was reset, or the reply did not come in time).

    The server may have delivered it: it must never be retried automatically, only by a person
    who has checked. The connection is closed; `open()` again for the other messages."""

    transient = False


class SmtpAddressNotSupported(SmtpError):
    """An address this server cannot carry (accents before the @ and no SMTPUTF8). Nothing
    was sent; the other messages of a run can still go."""


class SmtpRejected(SmtpError):
    """The server refused this message (sender, recipient or content)."""

    def __init__(self, message: str, code: int, phase: str) -> None:
        super().__init__(message)
        self.code = code
        self.phase = phase  # "mail", "rcpt" or "data"
        self.transient = 400 <= code < 500


@dataclass(frozen=True, slots=True)
class SmtpSettings:
    host: str = ""
    port: int = 587
    security: str = "starttls"
    user: str = ""
    from_address: str = ""
    timeout: float = 30.0

    @classmethod
    def from_settings(cls, settings: S.Settings) -> SmtpSettings:
        return cls(
            host=settings.get(RS.SMTP_HOST).strip(),
            port=settings.get(RS.SMTP_PORT),
            security=settings.get(RS.SMTP_SECURITY).strip().lower(),
            user=settings.get(RS.SMTP_USER).strip(),
            from_address=(settings.get(RS.SMTP_FROM).strip()
                          or settings.get(S.BUSINESS_EMAIL).strip()),
            timeout=float(max(1, settings.get(RS.SMTP_TIMEOUT))),
        )

    @property
    def needs_password(self) -> bool:
        return bool(self.user)

    def problems(self) -> list[str]:
        """What keeps these settings from working ([] when nothing does)."""
        out = []
        if not self.host:
            out.append(_("No mail server is set (smtp.host)."))
        if not 0 < self.port < 65536:
            out.append(_("The port {port} is not a valid port number (smtp.port).").format(
                port=self.port))
        if self.security not in SECURITY_MODES:
            out.append(_("Connection security {security} is unknown; use starttls, "
                         "ssl or none (smtp.security).").format(security=repr(self.security)))
        if not self.from_address:
            out.append(_("There is no From address (smtp.from, or business.email)."))
        if self.user and self.security == "none" and not _is_loopback(self.host):
            out.append(_("The password would travel unencrypted: use starttls or ssl "
                         "(smtp.security) with a user name."))
        return out

    def describe(self) -> str:
        return f"{self.host}:{self.port} ({self.security})"


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _login(smtp: smtplib.SMTP, user: str, password: str) -> None:
    """Log in; a user name or password with non-ASCII characters is sent as UTF-8.

    smtplib encodes credentials as ASCII and raises UnicodeEncodeError on "Pässwort"
    (CPython bpo-29750); RFC 4616 (PLAIN) and common practice for LOGIN use UTF-8.
    """
    if user.isascii() and password.isascii():
        smtp.login(user, password)
        return
    smtp.ehlo_or_helo_if_needed()
    methods = (smtp.esmtp_features.get("auth") or "").upper().split()
    if "PLAIN" in methods:
        token = base64.b64encode(b"\0" + user.encode() + b"\0" + password.encode()).decode()
        code, resp = smtp.docmd("AUTH", "PLAIN " + token)
    elif "LOGIN" in methods:
        code, resp = smtp.docmd("AUTH", "LOGIN " + base64.b64encode(user.encode()).decode())
        if code == 334:
            code, resp = smtp.docmd(base64.b64encode(password.encode()).decode())
    elif methods:
        raise SmtpAuthError(_("The mail server offers no login method Collector can use with "
                              "a password that has accents (it offers: {methods}).").format(
                                  methods=" ".join(methods)))
    else:
        raise SmtpAuthError(_("The mail server offers no login method Collector can use with "
                              "a password that has accents (it offers: none)."))
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, resp)


class _Unanswered(Exception):
    """The whole message was sent, but no final reply came (why: *reason*)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


_CHUNK = 64 * 1024


def _head(raw: bytes) -> bytes:
    """The header section of a serialised message."""
    end = raw.find(b"\r\n\r\n")
    if end < 0:
        end = raw.find(b"\n\n")
    return raw if end < 0 else raw[:end]


def _data_block(raw: bytes) -> bytes:
    """The message as DATA carries it: CRLF line ends, leading dots doubled, final dot."""
    data = re.sub(rb"\r\n|\r|\n", b"\r\n", raw)
    data = re.sub(rb"(?m)^\.", b"..", data)
    if not data.endswith(b"\r\n"):
        data += b"\r\n"
    return data + b".\r\n"


class SmtpConnection:
    """One SMTP session: connect, secure, log in; then send() any number of messages."""

    # How long to wait for the reply to the final dot of DATA: RFC 5321 4.5.3.2.6 asks for
    # 10 minutes (the server may be scanning the message). Tests make it shorter.
    final_reply_timeout: float = 600.0

    def __init__(self, settings: SmtpSettings, password: Secret | None = None, *,
                 ssl_context: ssl.SSLContext | None = None,
                 final_reply_timeout: float | None = None) -> None:
        self.settings = settings
        if final_reply_timeout is not None:
            self.final_reply_timeout = final_reply_timeout
        self._password = password
        self._scrubber = Scrubber(settings.user, password.reveal() if password else "")
        self._context = ssl_context
        self._smtp: smtplib.SMTP | None = None

    # -- the session -------------------------------------------------------------------------

    def open(self) -> SmtpConnection:
        """Connect, secure and log in; again after a failure closed the session."""
        self.close()
        s = self.settings
        problems = s.problems()
        if problems:
            raise SmtpConfigError(" ".join(problems))
        if s.needs_password and not self._password:
            raise SmtpConfigError(_("The mail server {host} needs the password of {user}, "
                                    "and none was given.").format(host=s.host, user=s.user))
        context = self._context or ssl.create_default_context()
        where = s.describe()
        try:
            if s.security == "ssl":
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout,
                                                     context=context)
            else:
                smtp = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
            self._smtp = smtp
            smtp.ehlo()
            if s.security == "starttls":
                if not smtp.has_extn("starttls"):
                    raise SmtpTlsError(
                        _("The mail server {server} does not offer STARTTLS. Choose ssl (often "
                          "port 465) or check the server's settings.").format(server=where))
                smtp.starttls(context=context)
                smtp.ehlo()
            if s.needs_password:
                assert self._password is not None
                _login(smtp, s.user, self._password.reveal())
        except BaseException as exc:
            self.close()
            if isinstance(exc, SmtpError):
                raise
            raise self._translate(exc, "connect") from None
        return self

    def close(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is None:
            return
        try:
            smtp.quit()
        except (smtplib.SMTPException, OSError):
            try:
                smtp.close()
            except OSError:
                pass

    def __enter__(self) -> SmtpConnection:
        return self.open()

    def __exit__(self, *exc) -> None:
        self.close()

    def is_open(self) -> bool:
        """Whether send() can use this session now; after a connection-level failure it is
        closed, and `open()` connects again for the remaining messages."""
        return self._smtp is not None

    # -- sending -----------------------------------------------------------------------------

    def send(self, raw: bytes, sender: str, recipients: list[str]) -> None:
        """Send one serialised message, or raise an SmtpError saying what happened.

        - `SmtpOutcomeUnknown`: the whole message was handed over but the server's final reply
          never came; it may have been delivered, so it must not be retried on its own.
        - any other SmtpError: it was not delivered (or refused outright), so sending it again
          is safe. After a connection-level failure the session is closed (`is_open()` is
          False); the next send(), or `open()`, connects again.
        """
        if self._smtp is None:
            self.open()
        smtp = self._smtp
        assert smtp is not None
        try:
            mail_from, rcpt_tos, options = self._envelope(smtp, raw, sender, recipients)
            refused = self._transaction(smtp, raw, mail_from, rcpt_tos, options)
        except _Unanswered as exc:
            self._drop()
            raise self._scrubbed(SmtpOutcomeUnknown(
                _("The mail server {server} took the message but the connection broke before "
                  "it confirmed ({reason}); it may have been delivered. Check your Sent folder "
                  "/ ask the client before sending again.").format(
                    server=self.settings.describe(), reason=exc.reason))) from None
        except SmtpError:
            self._reset()
            raise
        except BaseException as exc:
            error = self._translate(exc, "send")
            if isinstance(error, (SmtpDisconnected, SmtpTimeout, SmtpConnectError)):
                self._drop()
            else:
                self._reset()
            raise error from None
        if refused:  # some (not all) recipients refused: the others got it
            code, resp = next(iter(refused.values()))
            raise self._scrubbed(SmtpRejected(
                _("The mail server refused some recipients: {recipients} "
                  "({code} {reply}).").format(recipients=", ".join(refused), code=code,
                                              reply=self._reply_text(resp)), code, "rcpt"))

    def _envelope(self, smtp: smtplib.SMTP, raw: bytes, sender: str,
                  recipients: list[str]) -> tuple[str, list[str], list[str]]:
        """The envelope in wire form (IDNA domains) and the MAIL FROM parameters.

        An address with accents before the @ needs SMTPUTF8; without it, that message fails
        here, before anything is sent (SmtpAddressNotSupported)."""
        wire = []
        for address in [sender, *recipients]:
            try:
                wire.append(wire_address(address))
            except ValueError:
                raise SmtpRejected(_("{address} is not an email address the mail server can be "
                                     "given. Nothing was sent.").format(address=repr(address)),
                                   501, "mail" if address is sender else "rcpt") from None
        utf8 = any(needs for _address, needs in wire) or not _head(raw).isascii()
        options = []
        if utf8:
            if not smtp.has_extn("smtputf8"):
                who = ", ".join(a for a, needs in wire if needs) or sender
                raise SmtpAddressNotSupported(
                    _("The mail server {server} cannot deliver to an address with accents in "
                      "the part before @ ({address}): it does not offer SMTPUTF8. Nothing was "
                      "sent; use another address for this client, or another mail "
                      "server.").format(server=self.settings.describe(), address=who))
            options.append("SMTPUTF8")
        if not raw.isascii() and smtp.has_extn("8bitmime"):
            options.append("BODY=8BITMIME")
        return wire[0][0], [a for a, _needs in wire[1:]], options

    def _transaction(self, smtp: smtplib.SMTP, raw: bytes, mail_from: str, rcpt_tos: list[str],
                     options: list[str]) -> dict[str, tuple[int, bytes]]:
        """MAIL, RCPT, DATA by hand, so that a failure is known to come before or after the
        final dot (smtplib.sendmail cannot tell). Raises _Unanswered for the second kind."""
        smtp.command_encoding = "utf-8" if "SMTPUTF8" in options else "ascii"
        params = "".join(" " + o for o in options) if smtp.does_esmtp else ""
        smtp.putcmd("MAIL", f"FROM:<{mail_from}>{params}")
        code, resp = smtp.getreply()
        if code != 250:
            if code == 421:
                self._drop()
            raise smtplib.SMTPSenderRefused(code, resp, mail_from)
        refused: dict[str, tuple[int, bytes]] = {}
        for rcpt in rcpt_tos:
            smtp.putcmd("RCPT", f"TO:<{rcpt}>")
            code, resp = smtp.getreply()
            if code not in (250, 251):
                refused[rcpt] = (code, resp)
            if code == 421:
                self._drop()
                raise smtplib.SMTPRecipientsRefused(refused)
        if len(refused) == len(rcpt_tos):
            raise smtplib.SMTPRecipientsRefused(refused)
        smtp.putcmd("DATA")
        code, resp = smtp.getreply()
        if code != 354:
            raise smtplib.SMTPDataError(code, resp)
        sock = smtp.sock
        assert sock is not None
        payload = _data_block(raw)
        # Each piece within the ordinary timeout (RFC 5321 4.5.3.2.5 asks 3 minutes per
        # send), not the whole message: a large attachment on a slow line is not a failure.
        for start in range(0, len(payload), _CHUNK):
            sock.sendall(payload[start:start + _CHUNK])
        # The whole message, final dot included, is with the server: from here on a failure
        # means the outcome is unknown. Its reply may take 10 minutes (RFC 5321 4.5.3.2.6).
        sock.settimeout(self.final_reply_timeout)
        try:
            code, resp = smtp.getreply()
        except smtplib.SMTPServerDisconnected as exc:
            raise _Unanswered(self._why_unanswered(exc)) from None
        except OSError as exc:
            raise _Unanswered(self._why_unanswered(exc)) from None
        if smtp.sock is not None:
            smtp.sock.settimeout(self.settings.timeout)
        if not 200 <= code < 600:
            raise _Unanswered(_("an answer that is not SMTP: {reply}").format(
                reply=self._reply_text(resp)))
        if code != 250:
            if code == 421:
                self._drop()
            raise smtplib.SMTPDataError(code, resp)
        return refused

    def _why_unanswered(self, exc: BaseException) -> str:
        text = str(exc)
        cause = exc.__context__
        if isinstance(exc, TimeoutError) or isinstance(cause, TimeoutError) or "timed out" in text:
            return _("no reply within {seconds} seconds").format(
                seconds=f"{self.final_reply_timeout:g}")
        if isinstance(exc, ConnectionResetError) or isinstance(cause, ConnectionResetError) \
                or "reset" in text.lower():
            return _("the connection was reset")
        return _("the connection was closed without a reply")

    def _reset(self) -> None:
        if self._smtp is None:
            return
        try:
            self._smtp.rset()
        except (smtplib.SMTPException, OSError):
            self._drop()

    def _drop(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is not None:
            try:
                smtp.close()
            except OSError:
                pass

    # -- errors ------------------------------------------------------------------------------

    def _translate(self, exc: BaseException, when: str) -> SmtpError:
        return self._scrubbed(self._classify(exc, when))

    def _scrubbed(self, error: SmtpError) -> SmtpError:
        """The same error with the credentials taken out of its text (the server's words
        are in it)."""
        text = str(error)
        clean = self._scrubber.scrub(text)
        if clean != text:
            error.args = (clean,)
        return error

    def _reply_text(self, resp: bytes | str | None) -> str:
        """A server's reply as one line of text, without the credentials in any form."""
        if isinstance(resp, bytes):
            resp = self._scrubber.scrub_bytes(resp).decode("utf-8", "replace")
        return " ".join(self._scrubber.scrub(resp or "").split())

    def _classify(self, exc: BaseException, when: str) -> SmtpError:
        s = self.settings
        where = s.describe()
        if isinstance(exc, smtplib.SMTPAuthenticationError):
            return SmtpAuthError(
                _("The mail server {host} refused the user name or password of {user} "
                  "({code} {reply}). Check them in the settings.").format(
                    host=s.host, user=s.user, code=exc.smtp_code,
                    reply=self._reply_text(exc.smtp_error)))
        if isinstance(exc, smtplib.SMTPNotSupportedError):
            return SmtpTlsError(_("The mail server {server} does not support what was asked: "
                                  "{error}. Check the connection security setting.").format(
                                      server=where, error=exc))
        if isinstance(exc, smtplib.SMTPRecipientsRefused):
            code, resp = next(iter(exc.recipients.values()))
            who = ", ".join(exc.recipients)
            if 400 <= code < 500:
                text = _("The mail server refused the recipient {recipient} "
                         "({code} {reply}). It may work later.")
            else:
                text = _("The mail server refused the recipient {recipient} "
                         "({code} {reply}). Check the client's email address.")
            return SmtpRejected(text.format(recipient=who, code=code,
                                            reply=self._reply_text(resp)),
                                code, "rcpt")
        if isinstance(exc, smtplib.SMTPSenderRefused):
            return SmtpRejected(
                _("The mail server refused the sender {sender} ({code} {reply}). "
                  "Check the From address (smtp.from).").format(
                    sender=exc.sender, code=exc.smtp_code, reply=self._reply_text(exc.smtp_error)),
                exc.smtp_code, "mail")
        if isinstance(exc, smtplib.SMTPDataError):
            if 400 <= exc.smtp_code < 500:
                text = _("The mail server refused the message ({code} {reply}). "
                         "It may work later.")
            else:
                text = _("The mail server refused the message ({code} {reply}).")
            return SmtpRejected(
                text.format(code=exc.smtp_code, reply=self._reply_text(exc.smtp_error)),
                exc.smtp_code, "data")
        if isinstance(exc, smtplib.SMTPServerDisconnected) and (
            isinstance(exc.__context__, TimeoutError) or "timed out" in str(exc)
        ):  # smtplib reports a timeout while reading a reply as a disconnection
            exc = TimeoutError(str(exc))
        if isinstance(exc, smtplib.SMTPServerDisconnected):
            if when == "send":
                text = _("The mail server {server} closed the connection before the whole "
                         "message was sent, so it was not delivered; it can be sent again.")
            else:
                text = _("The mail server {server} closed the connection before Collector "
                         "could log in. Check the port and connection security.")
            return SmtpDisconnected(text.format(server=where))
        if isinstance(exc, smtplib.SMTPConnectError):
            return SmtpConnectError(_("The mail server {server} refused the connection "
                                      "({code} {reply}).").format(
                                          server=where, code=exc.smtp_code,
                                          reply=self._reply_text(exc.smtp_error)))
        if isinstance(exc, smtplib.SMTPResponseException):
            return SmtpRejected(_("The mail server answered {code} {reply}.").format(
                code=exc.smtp_code, reply=self._reply_text(exc.smtp_error)), exc.smtp_code, "mail")
        if isinstance(exc, ssl.SSLCertVerificationError):
            return SmtpTlsError(
                _("The mail server {server} could not prove its identity ({reason}). Check "
                  "the server name; the connection was not trusted and nothing was "
                  "sent.").format(server=where, reason=exc.verify_message or exc.reason))
        if isinstance(exc, ssl.SSLError):
            return SmtpTlsError(
                _("A secure connection to {server} could not be made ({reason}). "
                  "Check the port and the connection security (starttls, usually port 587; "
                  "ssl, usually port 465).").format(server=where, reason=exc.reason or exc))
        if isinstance(exc, (socket.timeout, TimeoutError)):
            return SmtpTimeout(_("The mail server {server} did not answer within "
                                 "{seconds} seconds. Try again later.").format(
                                     server=where, seconds=f"{s.timeout:g}"))
        if isinstance(exc, socket.gaierror):
            return SmtpConnectError(_("The mail server name {host} was not found. "
                                      "Check smtp.host and your internet connection.").format(
                                          host=repr(s.host)))
        if isinstance(exc, ConnectionRefusedError):
            return SmtpConnectError(_("The mail server {server} refused the connection. Check "
                                      "the server name and port.").format(server=where))
        if isinstance(exc, (ConnectionResetError, BrokenPipeError, ConnectionAbortedError)):
            if when == "send":
                text = _("The connection to {server} was cut before the whole message was "
                         "sent, so it was not delivered; it can be sent again.")
            else:
                text = _("The connection to {server} was cut.")
            return SmtpDisconnected(text.format(server=where))
        if isinstance(exc, smtplib.SMTPException):  # (before OSError: it is one)
            return SmtpError(_("Sending through {server} failed: {error}").format(
                server=where, error=exc))
        if isinstance(exc, OSError):
            return SmtpConnectError(_("Could not reach the mail server {server}: "
                                      "{error}.").format(server=where,
                                                         error=exc.strerror or exc))
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise exc
        return SmtpError(_("Sending through {server} failed unexpectedly: "
                           "{error_type}: {error}").format(
                               server=where, error_type=type(exc).__name__, error=exc))
