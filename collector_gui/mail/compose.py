"""Building the email: text and HTML alternatives, PDF attachments, and .eml files.

Messages are serialised with the SMTP policy: CRLF line ends and 7-bit ASCII throughout
(headers with accents are RFC 2047 encoded, bodies quoted-printable or base64), so the
bytes can be kept as text in the ledger, sent to any server and opened by any mail program.
The one exception is an address with accents before the @ (RFC 6531): such a message has
UTF-8 headers (the SMTPUTF8 policy) and needs a server that offers SMTPUTF8.

The Subject and the display names are encoded here, not by the email package: its folding
can cut a non-ASCII text into an empty encoded word (`=?utf-8?q??=`) or lose the spaces
between words, which providers reject or readers show wrongly. Each header is written as
whole encoded words, one per line, and kept as written (`refold_source="none"`).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.parser import BytesParser, Parser
from email.utils import format_datetime, formataddr, getaddresses, make_msgid
from pathlib import Path

from collector_gui.core import clock
from collector_gui.core.errors import CollectorError
from collector_gui.core.fields import FieldError, parse_email
from collector_gui.core.i18n import N_, _
from collector_gui.mail.addresses import ascii_domain


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


# The policies messages are built and written with: headers written here stay as written.
SMTP_POLICY = policy.SMTP.clone(refold_source="none")
SMTPUTF8_POLICY = policy.SMTPUTF8.clone(refold_source="none")
MAX_LINE = 78
# Characters a Q-encoded word may carry as themselves, in a Subject and in a display name
# alike (RFC 2047 section 5 (3), the strictest of its rules).
_Q_SAFE = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!*+-/")
_EW_OVERHEAD = len("=?utf-8?q??=")
_EW_MAX = 75  # RFC 2047: an encoded word is at most 75 characters


def _q(ch: str) -> str:
    out = []
    for byte in ch.encode("utf-8", "replace"):
        if byte == 0x20:
            out.append("_")
        elif byte in _Q_SAFE:
            out.append(chr(byte))
        else:
            out.append(f"={byte:02X}")
    return "".join(out)


def encoded_words(text: str, first_line_used: int) -> list[str]:
    """*text* as RFC 2047 Q-encoded words, each on a line of its own: the first after
    *first_line_used* characters ("Subject: "), the others after one space. A character is
    never split between two words, and no word is empty."""
    words: list[str] = []
    room = min(_EW_MAX, MAX_LINE - first_line_used) - _EW_OVERHEAD
    current = ""
    for ch in text:
        piece = _q(ch)
        if current and len(current) + len(piece) > room:
            words.append(f"=?utf-8?q?{current}?=")
            current, room = "", min(_EW_MAX, MAX_LINE - 1) - _EW_OVERHEAD
        current += piece
    if current:
        words.append(f"=?utf-8?q?{current}?=")
    return words


def _needs_encoding(text: str) -> bool:
    """Whether the email package's own folding of *text* could go wrong (see above)."""
    return not text.isascii() or "=?" in text or any(len(w) > 60 for w in text.split())


def _unstructured(name: str, text: str) -> str:
    """The value of an unstructured header (Subject) as encoded words, one per line."""
    return "\n ".join(encoded_words(text, len(name) + 2))


def _plain_folded(name: str, text: str) -> str:
    """A plain (ASCII, short-worded) header value folded at spaces, here rather than by the
    email package: its folding of a long ASCII Subject made it read back with a leading
    space (found by tests/mail/test_headers.py)."""
    lines: list[str] = []
    line, room = "", MAX_LINE - len(name) - 2
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > room:
            lines.append(line)
            line, room = word, MAX_LINE - 1
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "\n ".join(lines)


def _address(display: str, email: str, what: str, header: str) -> tuple[str, bool]:
    """The header value for one address, and whether it needs SMTPUTF8 (accents before @)."""
    try:
        addr = parse_email(email)
    except FieldError as exc:
        raise ComposeError(_(_NOT_VALID[what]).format(error=exc)) from None
    if not addr:
        raise ComposeError(_(_MISSING[what]))
    user, _at, domain = addr.rpartition("@")
    try:
        spec = f"{user}@{ascii_domain(domain)}"
        Address(username=user, domain=ascii_domain(domain))
    except (ValueError, IndexError) as exc:
        raise ComposeError(_(_ADDRESS_NOT_VALID[what]).format(address=repr(addr),
                                                              error=exc)) from None
    # Header injection and folding cannot happen through a display name without newlines.
    display = " ".join((display or "").split())
    if not display:
        return spec, not user.isascii()
    if not _needs_encoding(display):
        return formataddr((display, spec)), not user.isascii()
    used = len(header) + 2
    return _fold([*_phrase(display, used), f"<{spec}>"], used), not user.isascii()


_ATEXT = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                   "!#$%&'*+-/=?^_`{|}~")


def _phrase(display: str, used: int) -> list[str]:
    """A display name as header tokens: plain words as they are, ASCII words with other
    characters quoted, and each run of words with accents as encoded words.

    Two encoded words side by side are avoided where possible: RFC 2047 readers drop the
    space between them, Python's parser keeps it, so they would read the name differently.
    A run is cut only when it does not fit in one word, and then after a space."""
    tokens: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            tokens.extend(_run_words(run, used))
            run.clear()

    for word in display.split(" "):
        if word and word.isascii() and "=?" not in word:
            flush()
            if all(ch in _ATEXT for ch in word):
                tokens.append(word)
            else:
                tokens.append('"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"')
        else:
            run.append(word)
    flush()
    return tokens


def _run_words(words: list[str], used: int) -> list[str]:
    """Encoded words for a run of words, each short enough for the header's first line."""
    room = min(_EW_MAX, MAX_LINE - used) - _EW_OVERHEAD
    out: list[str] = []
    current = ""
    for n, word in enumerate(words):
        piece = "".join(_q(ch) for ch in word) + ("_" if n < len(words) - 1 else "")
        if current and len(current) + len(piece) > room:
            out.append(f"=?utf-8?q?{current}?=")
            current = ""
        if len(piece) > room:  # one word too long for a single encoded word
            if current:
                out.append(f"=?utf-8?q?{current}?=")
                current = ""
            parts = encoded_words(word + (" " if n < len(words) - 1 else ""), used)
            out.extend(parts)
            continue
        current += piece
    if current:
        out.append(f"=?utf-8?q?{current}?=")
    return out


def _fold(tokens: list[str], used: int) -> str:
    """Tokens joined by spaces, a new line (starting with a space) when one would pass 78."""
    lines: list[str] = []
    line = ""
    for token in tokens:
        if line and used + len(line) + 1 + len(token) > MAX_LINE:
            lines.append(line)
            line, used = token, 1
        else:
            line = f"{line} {token}" if line else token
    lines.append(line)
    return "\n ".join(lines)


# An image a template put inline as a data URI (the reminders' "scan to pay" code). Mail
# programs block or drop data: images; a related part named by cid: they all show.
_DATA_IMAGE = re.compile(r'src="data:image/(png|jpeg|gif);base64,([A-Za-z0-9+/=\s]+)"')


def _inline_images(html: str, sender: str) -> tuple[str, list[tuple[str, str, bytes]]]:
    """The HTML with each data: image replaced by a cid: reference, and the images
    (subtype, Content-ID, bytes); an image that is not valid base64 stays as it was."""
    images: list[tuple[str, str, bytes]] = []
    seen: dict[str, str] = {}

    def swap(match: re.Match[str]) -> str:
        encoded = "".join(match.group(2).split())
        if encoded in seen:
            return f'src="cid:{seen[encoded]}"'
        try:
            data = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            return match.group(0)
        cid = new_message_id(sender)[1:-1]
        seen[encoded] = cid
        images.append((match.group(1), cid, data))
        return f'src="cid:{cid}"'

    return _DATA_IMAGE.sub(swap, html), images


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
    headers = [("From", *_address(sender_name, sender, "sender", "From")),
               ("To", *_address(recipient_name, recipient, "recipient", "To"))]
    if reply_to and reply_to.strip().lower() != sender.strip().lower():
        headers.append(("Reply-To", *_address(sender_name, reply_to, "reply-to", "Reply-To")))
    utf8 = any(needs_utf8 for _name, _value, needs_utf8 in headers)
    msg = EmailMessage(policy=SMTPUTF8_POLICY if utf8 else SMTP_POLICY)
    for name, value, _needs_utf8 in headers:
        msg.set_raw(name, value)
    subject = " ".join(subject.split())
    if _needs_encoding(subject):
        msg.set_raw("Subject", _unstructured("Subject", subject))
    else:
        msg.set_raw("Subject", _plain_folded("Subject", subject))
    msg["Date"] = format_datetime((date or clock.now()).astimezone())
    msg["Message-ID"] = message_id or new_message_id(sender)
    if unsent:
        msg["X-Unsent"] = "1"
    msg["MIME-Version"] = "1.0"
    msg.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    if html:
        html, images = _inline_images(html, sender)
        msg.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
        html_part = msg.get_body(preferencelist=("html",))
        for subtype, cid, data in images:  # multipart/related: the HTML and its images
            assert html_part is not None
            html_part.add_related(data, maintype="image", subtype=subtype, cid=f"<{cid}>",
                                  disposition="inline")
    for att in attachments:
        maintype, _slash, subtype = att.mimetype.partition("/")
        msg.add_attachment(att.data, maintype=maintype, subtype=subtype, filename=att.filename)
    if language:  # after the parts: making them moves Content-* headers into the first one
        msg["Content-Language"] = language
    return msg


def _wire_policy(utf8: bool) -> policy.EmailPolicy:
    return SMTPUTF8_POLICY if utf8 else SMTP_POLICY


def serialize(msg: EmailMessage) -> bytes:
    """The message as bytes on the wire (CRLF; 7-bit unless an address needs UTF-8)."""
    return msg.as_bytes(policy=_wire_policy(bool(getattr(msg.policy, "utf8", False))))


def parse(raw: bytes) -> EmailMessage:
    """A serialised message read back; UTF-8 headers (SMTPUTF8) are read as UTF-8."""
    if not raw.isascii():
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            return Parser(policy=policy.default).parsestr(text)  # type: ignore[return-value]
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
    # The other headers go out byte for byte as they were (refold_source="none").
    return msg.as_bytes(policy=_wire_policy(not raw.isascii()))


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
