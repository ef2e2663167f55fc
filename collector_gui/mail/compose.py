"""Building the email: text and HTML alternatives, PDF attachments, and .eml files.

Messages are serialised with the SMTP policy: CRLF line ends and 7-bit ASCII throughout
(headers with accents are RFC 2047 encoded, bodies quoted-printable or base64), so the
bytes can be kept as text in the ledger, sent to any server and opened by any mail program.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import format_datetime, getaddresses, make_msgid
from pathlib import Path

from collector_gui.core import clock
from collector_gui.core.errors import CollectorError
from collector_gui.core.fields import FieldError, parse_email
from collector_gui.core.i18n import N_, _


class ComposeError(CollectorError):
    """The message cannot be built (a missing or malformed address)."""


@dataclass(frozen=True, slots=True)
class Attachment:
    filename: str
    data: bytes
    mimetype: str = "application/pdf"


# What is wrong with an address, one whole sentence per kind of address ("sender",
# "recipient", "reply-to"): the reason it is not valid, there is none, the address itself.
_NOT_VALID = {
    "sender": N_("The sender address is not valid: {error}"),
    "recipient": N_("The recipient address is not valid: {error}"),
    "reply-to": N_("The reply-to address is not valid: {error}"),
}
_MISSING = {
    "sender": N_("There is no sender address."),
    "recipient": N_("There is no recipient address."),
    "reply-to": N_("There is no reply-to address."),
}
_ADDRESS_NOT_VALID = {
    "sender": N_("The sender address {address} is not valid: {error}"),
    "recipient": N_("The recipient address {address} is not valid: {error}"),
    "reply-to": N_("The reply-to address {address} is not valid: {error}"),
}


def _address(display: str, email: str, what: str) -> Address:
    try:
        addr = parse_email(email)
    except FieldError as exc:
        raise ComposeError(_(_NOT_VALID[what]).format(error=exc)) from None
    if not addr:
        raise ComposeError(_(_MISSING[what]))
    user, _at, domain = addr.rpartition("@")
    # Header injection and folding cannot happen through a display name without newlines.
    display = " ".join((display or "").split())
    try:
        return Address(display_name=display, username=user, domain=domain)
    except (ValueError, IndexError) as exc:
        raise ComposeError(_(_ADDRESS_NOT_VALID[what]).format(address=repr(addr),
                                                              error=exc)) from None


def new_message_id(sender: str) -> str:
    """A unique Message-ID in the sender's domain (so it does not reveal the host name)."""
    domain = sender.rpartition("@")[2] or "collector.invalid"
    return make_msgid(domain=domain)


def compose(
    *,
    sender: str,
    sender_name: str = "",
    recipient: str,
    recipient_name: str = "",
    subject: str,
    text: str,
    html: str = "",
    attachments: Sequence[Attachment] = (),
    message_id: str | None = None,
    date: dt.datetime | None = None,
    reply_to: str = "",
    language: str = "",
    unsent: bool = False,
) -> EmailMessage:
    """A ready-to-send message. With *unsent*, mail programs that know the X-Unsent header
    (Outlook, Apple Mail) open the .eml as a draft to send."""
    msg = EmailMessage(policy=policy.SMTP)
    msg["From"] = _address(sender_name, sender, "sender")
    msg["To"] = _address(recipient_name, recipient, "recipient")
    if reply_to and reply_to.strip().lower() != sender.strip().lower():
        msg["Reply-To"] = _address(sender_name, reply_to, "reply-to")
    msg["Subject"] = " ".join(subject.split())
    msg["Date"] = format_datetime((date or clock.now()).astimezone())
    msg["Message-ID"] = message_id or new_message_id(sender)
    if unsent:
        msg["X-Unsent"] = "1"
    msg["MIME-Version"] = "1.0"
    msg.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    if html:
        msg.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    for att in attachments:
        maintype, _slash, subtype = att.mimetype.partition("/")
        msg.add_attachment(att.data, maintype=maintype, subtype=subtype, filename=att.filename)
    if language:  # after the parts: making them moves Content-* headers into the first one
        msg["Content-Language"] = language
    return msg


def serialize(msg: EmailMessage) -> bytes:
    """The message as bytes on the wire (CRLF, 7-bit)."""
    return msg.as_bytes(policy=policy.SMTP)


def parse(raw: bytes) -> EmailMessage:
    return BytesParser(policy=policy.default).parsebytes(raw)  # type: ignore[return-value]


def envelope(raw: bytes) -> tuple[str, list[str]]:
    """The envelope sender and recipients of a serialised message (From; To, Cc)."""
    msg = parse(raw)
    senders = getaddresses([str(msg.get("From", ""))])
    recipients = [a for _name, a in getaddresses([str(v) for v in
                                              (msg.get_all("To", []) + msg.get_all("Cc", []))])
                  if a]
    if not senders or not senders[0][1] or not recipients:
        raise ComposeError(_("The message has no sender or no recipient."))
    return senders[0][1], recipients


def with_new_date(raw: bytes, when: dt.datetime | None = None) -> bytes:
    """The same message (same Message-ID) dated now: what a retry sends."""
    msg = parse(raw)
    del msg["Date"]
    msg["Date"] = format_datetime((when or clock.now()).astimezone())
    return msg.as_bytes(policy=policy.SMTP)


def text_of(msg: EmailMessage) -> str:
    part = msg.get_body(preferencelist=("plain",))
    return part.get_content() if part is not None else ""


def html_of(msg: EmailMessage) -> str:
    part = msg.get_body(preferencelist=("html",))
    return part.get_content() if part is not None else ""


def attachments_of(msg: EmailMessage) -> list[tuple[str, bytes]]:
    return [(part.get_filename() or "", part.get_content()) for part in msg.iter_attachments()]


def write_eml(raw: bytes, path: Path) -> Path:
    """Write an .eml file in one step (a temporary file renamed into place).

    Written with LF line ends, as mail programs expect of a file on disk.
    """
    path = Path(path)
    data = raw.replace(b"\r\n", b"\n")
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise CollectorError(_("Could not write {path}: {error}.").format(
            path=path, error=exc.strerror or exc)) from exc
    return path
