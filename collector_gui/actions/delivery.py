"""The outbox: reminders that wait (failed, or interrupted while sending), sent again or
discarded; and the delivery of one queued message, which `ReminderFlow.send` (remind.py) and
`retry` share.

A message is in the ledger, as a queued contact event holding the whole message, before it
goes to the server; it is marked sent or failed after (ledger/outbox.py keeps those records).
"""

from __future__ import annotations

import datetime as dt
import logging
import ssl
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from collector_gui.core import clock
from collector_gui.actions.config import AskPassword, password_for, smtp_settings
from collector_gui.core.errors import Cancelled, CollectorError
from collector_gui.core.i18n import _, ngettext
from collector_gui.core.model import EventStatus
from collector_gui.core.progress import Task
from collector_gui.ledger import outbox as ob
from collector_gui.ledger.store import Store
from collector_gui.mail import compose
from collector_gui.mail.secrets import Secret
from collector_gui.mail.smtp import SmtpConfigError, SmtpConnection, SmtpError

log = logging.getLogger(__name__)

Clock = Callable[[], dt.datetime]
T = TypeVar("T")


def wall_clock() -> dt.datetime:
    """Now, to the second (the time written on messages and contact events)."""
    return clock.now()


# -- how sending went ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MessageResult:
    client: str
    recipient: str
    subject: str
    status: str  # "sent", "failed", "saved" or "skipped"
    event_id: int | None = None
    message_id: str = ""
    error: str = ""
    path: Path | None = None
    transient: bool = False  # a failure a later retry may cure


@dataclass
class DeliverySummary:
    results: list[MessageResult] = field(default_factory=list)
    cancelled: bool = False

    def _with(self, status: str) -> list[MessageResult]:
        return [r for r in self.results if r.status == status]

    @property
    def sent(self) -> list[MessageResult]:
        return self._with("sent")

    @property
    def failed(self) -> list[MessageResult]:
        return self._with("failed")

    @property
    def saved(self) -> list[MessageResult]:
        return self._with("saved")

    @property
    def skipped(self) -> list[MessageResult]:
        return self._with("skipped")

    @property
    def ok(self) -> bool:
        return not self.failed and not self.cancelled

    def text(self) -> str:
        """The summary the wizard's last page and the command line show."""
        parts = []
        if self.sent:
            n = len(self.sent)
            parts.append(ngettext("{n} sent", "{n} sent", n).format(n=n))
        if self.saved:
            n = len(self.saved)
            parts.append(ngettext("{n} saved as .eml", "{n} saved as .eml", n).format(n=n))
        if self.failed:
            n = len(self.failed)
            parts.append(ngettext("{n} failed", "{n} failed", n).format(n=n))
        if self.skipped:
            n = len(self.skipped)
            parts.append(ngettext("{n} skipped", "{n} skipped", n).format(n=n))
        lines = [", ".join(parts) + "." if parts else _("Nothing was sent.")]
        for r in self.results:
            if r.status == "sent":
                line = _("sent to {client} <{recipient}>: {subject}").format(
                    client=r.client, recipient=r.recipient, subject=r.subject)
            elif r.status == "saved":
                line = _("saved for {client}: {path}").format(client=r.client, path=r.path)
            elif r.status == "failed" and r.event_id is not None:
                line = _("FAILED for {client} <{recipient}> (waits in the outbox): {error}"
                         ).format(client=r.client, recipient=r.recipient, error=r.error)
            elif r.status == "failed":
                line = _("FAILED for {client} <{recipient}>: {error}").format(
                    client=r.client, recipient=r.recipient, error=r.error)
            else:
                line = _("skipped {client}: {error}").format(client=r.client, error=r.error)
            lines.append("  " + line)
        if self.cancelled:
            lines.append(_("Cancelled: the messages not listed above were not sent."))
        return "\n".join(lines)


def finish_task(task: Task, total: int) -> None:
    """Report the end; a cancel asked for after the last message changes nothing."""
    try:
        task.step(total, total, "")
    except Cancelled:
        pass


def send_each(conn: SmtpConnection, items: Sequence[T], name_of: Callable[[T], str],
              send_one: Callable[[T, str], tuple[MessageResult, bool] | None], *, task: Task,
              on_result: Callable[[MessageResult], None] | None = None) -> DeliverySummary:
    """Send *items* one by one over *conn* (closed at the end), with progress and cancel.

    `send_one(item, fatal)` sends one and says how it went, and whether the connection itself
    failed; once it has, *fatal* is that reason and the rest are marked failed without trying.
    None: nothing to report for that item (another program dealt with it meanwhile)."""
    summary = DeliverySummary()
    fatal = ""
    try:
        for done, item in enumerate(items):
            try:
                task.step(done, len(items), name_of(item))
            except Cancelled:
                summary.cancelled = True
                break
            outcome = send_one(item, fatal)
            if outcome is None:
                continue
            result, broken = outcome
            if broken:
                fatal = result.error
            summary.results.append(result)
            if on_result is not None:
                on_result(result)
        else:
            finish_task(task, len(items))
    finally:
        conn.close()
    return summary


def deliver(store: Store, conn: SmtpConnection, event_id: int, raw: bytes, message_id: str,
            recipient: str, sender: str, attachment_names: Sequence[str], text: str,
            base: dict) -> tuple[MessageResult, bool]:
    """Send one queued message and record how it went; the flag says the connection itself
    failed (refused, TLS, login, timeout), so the next messages cannot go either."""
    try:
        conn.send(raw, sender, [recipient])
    except SmtpError as exc:
        reason = str(exc)
        ob.mark_failed(store, event_id, reason)
        log.warning("reminder to %s failed: %s", recipient, reason)
        return MessageResult(**base, status="failed", event_id=event_id, message_id=message_id,
                             error=reason, transient=exc.transient), exc.fatal
    ob.mark_sent(store, event_id, message_id=message_id,
                 history=ob.history_body(recipient, attachment_names, text))
    log.info("reminder sent to %s (%s)", recipient, message_id)
    return MessageResult(**base, status="sent", event_id=event_id, message_id=message_id), False


# -- the outbox ------------------------------------------------------------------------------


# -- the outbox --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OutboxItem:
    event_id: int
    client: str
    recipient: str
    subject: str
    stage: str | None
    at: dt.datetime
    status: str  # "failed", "queued" (being sent now) or "interrupted"
    error: str
    message_id: str


def outbox(store: Store, *, now: Clock | None = None) -> list[OutboxItem]:
    """The messages waiting in the outbox: failed ones (retry or discard), and queued ones
    (being sent, or "interrupted": the program stopped while sending them; they may or may
    not have gone out, so they are retried only when the user says so)."""
    moment = (now or wall_clock)()
    items = []
    for p in ob.pending_messages(store):
        try:
            _, recipients = compose.envelope(p.raw)
        except CollectorError:
            recipients = []
        status = str(p.status)
        if p.interrupted(moment):
            status = "interrupted"
        items.append(OutboxItem(p.event_id, p.client_name, ", ".join(recipients), p.subject,
                                p.stage, p.at, status, p.error, p.message_id))
    return items


def retry(store: Store, event_ids: Sequence[int] | None = None, *,
          password: str | Secret | None = None, ask_password: AskPassword | None = None,
          ssl_context: ssl.SSLContext | None = None, include_interrupted: bool = False,
          task: Task | None = None, now: Clock | None = None,
          on_result: Callable[[MessageResult], None] | None = None) -> DeliverySummary:
    """Send failed messages again (all of them, or *event_ids*): the same message with the
    same Message-ID, dated now. Each is taken back to queued in one transaction first, so
    two retries at once cannot both send it."""
    clock = now or wall_clock
    smtp = smtp_settings(store)
    problems = smtp.problems()
    if problems:
        raise SmtpConfigError(" ".join(problems))
    wanted = set(event_ids) if event_ids is not None else None
    moment = clock()
    pending = [p for p in ob.pending_messages(store)
               if (wanted is None or p.event_id in wanted)
               and (p.status == EventStatus.FAILED
                    or (include_interrupted and p.interrupted(moment)))]
    if not pending:
        return DeliverySummary()
    secret = password_for(smtp, password, ask_password)

    def one(p: ob.PendingMessage, fatal: str) -> tuple[MessageResult, bool] | None:
        claimed = ob.claim_for_retry(store, p.event_id, now=clock(),
                                     include_interrupted=include_interrupted)
        if claimed is None:
            return None  # sent, discarded or being retried elsewhere meanwhile
        raw = compose.with_new_date(claimed.raw, clock())
        ob.replace_raw(store, p.event_id, raw)
        msg = compose.parse(raw)
        sender, recipients = compose.envelope(raw)
        base = {"client": p.client_name, "recipient": ", ".join(recipients),
                "subject": p.subject}
        if fatal:
            ob.mark_failed(store, p.event_id, fatal)
            return MessageResult(**base, status="failed", event_id=p.event_id,
                                 message_id=p.message_id, error=fatal, transient=True), False
        names = [name for name, _ in compose.attachments_of(msg)]
        return deliver(store, conn, p.event_id, raw, p.message_id, base["recipient"], sender,
                       names, compose.text_of(msg), base)

    conn = SmtpConnection(smtp, secret, ssl_context=ssl_context)
    return send_each(conn, pending, lambda p: p.client_name, one, task=task or Task(),
                     on_result=on_result)


def discard(store: Store, event_id: int) -> bool:
    """Remove a message from the outbox without sending it; False when it was not there."""
    return ob.discard(store, event_id)


__all__ = [
    "Clock", "DeliverySummary", "MessageResult", "OutboxItem", "deliver", "discard",
    "finish_task", "outbox", "retry", "send_each", "wall_clock",
]
