"""The sent-messages view: every email sent, saved as .eml, failed or of unknown delivery,
newest first, searchable; one opened shows its text and its attachments' names, and can be
saved as an .eml file again. Retrying, resolving and discarding stay the outbox's
(actions/delivery.py): the window's view extends the outbox dialog. Qt-free.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from email.header import decode_header, make_header
from email.utils import getaddresses
from pathlib import Path

from collector_gui.core import clock
from collector_gui.core import settings as S
from collector_gui.core.errors import CollectorError
from collector_gui.core.i18n import _
from collector_gui.ledger import sent as ledger_sent
from collector_gui.ledger.outbox import INTERRUPTED_AFTER
from collector_gui.ledger.store import Store

OUTBOX_STATUSES = ("failed", "unknown", "queued")
_TO = re.compile(r"^To:[ \t]*(.*(?:\r?\n[ \t].*)*)", re.M | re.I)


@dataclass(frozen=True, slots=True)
class SentItem:
    """One email in the list (its `status`: sent, saved, failed, unknown or queued)."""

    event_id: int
    client_id: int
    client: str
    recipient: str
    subject: str
    stage: str | None
    at: dt.datetime
    status: str
    error: str
    message_id: str

    @property
    def in_outbox(self) -> bool:
        return self.status in OUTBOX_STATUSES


@dataclass(frozen=True, slots=True)
class MessageView:
    """An opened email: what a person reads of it."""

    item: SentItem
    text: str
    attachments: list[str] = field(default_factory=list)
    raw: bytes | None = None  # the complete message, while it is in the outbox


def _fold(text: str) -> str:
    """Case and accents folded, so "gutierrez" finds "Gutiérrez" (any script)."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _is_history(body: str) -> bool:
    return body.startswith("To: ")


def _keeps_raw(row: dict) -> bool:
    """An email still in the outbox keeps the complete message in `body`; a sent or saved
    one keeps its history (`To:` line, attachments, text), or only its text (older ones)."""
    return row["status"] in OUTBOX_STATUSES


def _recipient(row: dict, head: str) -> str:
    if _keeps_raw(row):
        match = _TO.search(re.split(r"\r?\n\r?\n", head, maxsplit=1)[0])
    else:
        match = _TO.match(head) if _is_history(head) else None
    if not match:
        return row.get("client_email") or ""
    value = " ".join(match.group(1).split())
    try:
        value = str(make_header(decode_header(value)))
    except (ValueError, LookupError, UnicodeError):
        pass
    return ", ".join(addr for _name, addr in getaddresses([value]) if addr) or value


def _status(row: dict, now: dt.datetime) -> tuple[str, str]:
    status, error = row["status"], row["error"] or ""
    if status == "queued" and now - dt.datetime.fromisoformat(row["at"]) > INTERRUPTED_AFTER:
        return "unknown", error or _("the program stopped while sending it")
    return status, error


def _item(row: dict, head: str, now: dt.datetime) -> SentItem:
    status, error = _status(row, now)
    return SentItem(row["id"], row["client_id"], row["client_name"], _recipient(row, head),
                    row["subject"], row["stage"], dt.datetime.fromisoformat(row["at"]), status,
                    error, row["message_id"])


def sent_messages(store: Store, query: str = "", *, now: dt.datetime | None = None,
                  limit: int = 5000) -> list[SentItem]:
    """The emails, newest first; with *query*, those whose client, recipient or subject hold
    every word of it (case and accents aside)."""
    moment = now or clock.now()
    words = _fold(query).split()
    out = []
    for row in ledger_sent.email_rows(store, limit=limit):
        item = _item(row, row["head"] or "", moment)
        if words:
            hay = _fold(" ".join((item.client, item.recipient, item.subject)))
            if not all(w in hay for w in words):
                continue
        out.append(item)
    return out


def open_message(store: Store, event_id: int, *, now: dt.datetime | None = None
                 ) -> MessageView | None:
    """The email's text and attachments' names (None when there is no such email)."""
    from collector_gui.mail import compose

    row = ledger_sent.email_row(store, event_id)
    if row is None:
        return None
    body = row["body"] or ""
    item = _item(row, body[:ledger_sent.HEAD_CHARS], now or clock.now())
    if not _keeps_raw(row):
        if not _is_history(body):
            return MessageView(item, body)
        head, _sep, text = body.partition("\n\n")
        names = next((line[len("Attachments: "):] for line in head.splitlines()
                      if line.startswith("Attachments: ")), "")
        return MessageView(item, text, [n for n in names.split(", ") if n])
    raw = body.encode("utf-8", "surrogateescape")
    try:
        msg = compose.parse(raw)
        text = compose.text_of(msg)
        names = [part.get_filename() or "" for part in msg.iter_attachments()]
    except (CollectorError, ValueError, LookupError):
        text, names = body, []
    return MessageView(item, text, names, raw)


def eml_bytes(store: Store, event_id: int) -> bytes:
    """The email as an .eml file holds it: the very bytes queued while it is in the outbox;
    once sent, rebuilt from what the history keeps (same Message-ID, date, recipient,
    subject and text; the attachments were not kept, only their names)."""
    from collector_gui.mail import compose

    view = open_message(store, event_id)
    if view is None:
        raise CollectorError(_("There is no such message."))
    if view.raw is not None:
        return view.raw
    values = S.Settings(store.settings())
    sender = values.get(S.SMTP_FROM) or values.get(S.BUSINESS_EMAIL)
    if not sender:
        raise CollectorError(_("Set your email address in Settings first: an .eml file needs "
                               "a sender."))
    item = view.item
    msg = compose.compose(sender=sender, sender_name=values.get(S.BUSINESS_NAME),
                          recipient=item.recipient.split(",")[0].strip(),
                          subject=item.subject, text=view.text,
                          message_id=item.message_id or None, date=item.at)
    return compose.serialize(msg)


def save_eml(store: Store, event_id: int, path: Path | str) -> Path:
    """Write the email to an .eml file that any mail program opens."""
    from collector_gui.mail import compose

    return compose.write_eml(eml_bytes(store, event_id), Path(path))
