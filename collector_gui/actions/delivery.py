"""Delivering queued messages, how a run went, the send loop `ReminderFlow.send` (remind.py)
and the outbox's retry share, and the outbox itself: list, retry, discard, resolve.

A message is in the ledger, as a queued contact event holding the whole message, before it
goes to the server. After, it is exactly one of:
- sent: the server accepted it (recorded even when the ledger is busy: the small write is
  tried for a while, then kept in the delivery journal and recorded at the next open);
- failed: refused before the server took the whole message; safe to send again (retry);
- unknown: the server took it all but its answer never came (or the program was stopped
  while sending): it may have arrived, so only the user decides (outbox resolve).
After a connection failure the next message connects again; after two in a row (or one that
cannot cure itself: settings, TLS, login) the rest wait in the outbox untried.
"""

from __future__ import annotations

import datetime as dt
import logging
import ssl
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from collector_gui.actions.config import AskPassword, password_for, settings_of, smtp_settings
from collector_gui.actions.recheck import Recheck, recheck
from collector_gui.core import clock
from collector_gui.core.dunning import DunningPolicy
from collector_gui.core.errors import Cancelled, CollectorError
from collector_gui.core.i18n import _, ngettext
from collector_gui.core.model import EventStatus
from collector_gui.core.progress import Task
from collector_gui.ledger import journal
from collector_gui.ledger import outbox as ob
from collector_gui.ledger import thanks as ledger_thanks
from collector_gui.ledger.database import LedgerBusy, LedgerError
from collector_gui.ledger.store import Store
from collector_gui.mail import compose
from collector_gui.mail.secrets import Secret
from collector_gui.mail.smtp import (
    SmtpConfigError,
    SmtpConnection,
    SmtpError,
    SmtpOutcomeUnknown,
)

log = logging.getLogger(__name__)

Clock = Callable[[], dt.datetime]
T = TypeVar("T")

# Consecutive connection failures after which the rest of a run is not tried.
MAX_CONNECTION_FAILURES = 2
# How long the record of a delivered message is retried while the ledger is busy (seconds).
RECORD_PATIENCE = 30.0


def wall_clock() -> dt.datetime:
    """Now, to the second (the time written on messages and contact events)."""
    return clock.now()


# -- how sending went ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MessageResult:
    client: str
    recipient: str
    subject: str
    status: str  # "sent", "failed", "unknown", "saved" or "skipped"
    event_id: int | None = None
    message_id: str = ""
    error: str = ""
    path: Path | None = None
    transient: bool = False  # a failure a later retry may cure
    recorded: bool = True  # False: delivered, but the ledger could not record it yet
    connection_failed: bool = False  # the session broke: connect again for the next one
    give_up: bool = False  # the connection cannot work as set up: do not try the rest


@dataclass
class DeliverySummary:
    results: list[MessageResult] = field(default_factory=list)
    cancelled: bool = False
    interrupted: bool = False  # stopped by Ctrl+C: what is listed is what happened

    def _with(self, status: str) -> list[MessageResult]:
        return [r for r in self.results if r.status == status]

    @property
    def sent(self) -> list[MessageResult]:
        return self._with("sent")

    @property
    def failed(self) -> list[MessageResult]:
        return self._with("failed")

    @property
    def unknown(self) -> list[MessageResult]:
        return self._with("unknown")

    @property
    def saved(self) -> list[MessageResult]:
        return self._with("saved")

    @property
    def skipped(self) -> list[MessageResult]:
        return self._with("skipped")

    @property
    def ok(self) -> bool:
        return not self.failed and not self.unknown and not self.cancelled \
            and not self.interrupted

    def text(self) -> str:
        """The summary the command line shows (the window has its own words, in Qt's)."""
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
        if self.unknown:
            n = len(self.unknown)
            parts.append(ngettext("{n} unknown", "{n} unknown", n).format(n=n))
        if self.skipped:
            n = len(self.skipped)
            parts.append(ngettext("{n} skipped", "{n} skipped", n).format(n=n))
        lines = [", ".join(parts) + "." if parts else _("Nothing was sent.")]
        lines += ["  " + result_text(r) for r in self.results]
        if self.unknown:
            lines.append(_("Check with the client (or in your mail account's sent folder) "
                           "whether each unknown message arrived, then: collector outbox "
                           "resolve ID --sent, or --resend."))
        if self.cancelled:
            lines.append(_("Cancelled: the messages not listed above were not sent."))
        if self.interrupted:
            lines.append(_("Interrupted: the messages listed above went as said; the others "
                           "were not sent."))
        return "\n".join(lines)


def result_text(r: MessageResult) -> str:
    """One line about one message, for the command line."""
    if r.status == "sent" and not r.recorded:
        return _("delivered to {client} <{recipient}>, not yet recorded (the ledger was "
                 "busy): it is recorded when Collector next opens this ledger").format(
                     client=r.client, recipient=r.recipient)
    if r.status == "sent":
        return _("sent to {client} <{recipient}>: {subject}").format(
            client=r.client, recipient=r.recipient, subject=r.subject)
    if r.status == "saved":
        return _("saved for {client}: {path}").format(client=r.client, path=r.path)
    if r.status == "unknown":
        return _("UNKNOWN for {client} <{recipient}> (#{id}): {error}. It may have arrived; "
                 "it is not sent again unless you say so").format(
                     client=r.client, recipient=r.recipient, id=r.event_id, error=r.error)
    if r.status == "failed" and r.event_id is not None:
        return _("FAILED for {client} <{recipient}> (waits in the outbox): {error}").format(
            client=r.client, recipient=r.recipient, error=r.error)
    if r.status == "failed":
        return _("FAILED for {client} <{recipient}>: {error}").format(
            client=r.client, recipient=r.recipient, error=r.error)
    return _("skipped {client}: {error}").format(client=r.client, error=r.error)


class Interrupted(Exception):
    """Ctrl+C while a message was being sent or recorded: *result* says how it ended."""

    def __init__(self, result: MessageResult | None) -> None:
        super().__init__("interrupted")
        self.result = result


def finish_task(task: Task, total: int) -> None:
    """Report the end; a cancel asked for after the last message changes nothing."""
    try:
        task.step(total, total, "")
    except Cancelled:
        pass


def is_open(conn: SmtpConnection) -> bool:
    value = conn.is_open
    return bool(value() if callable(value) else value)


def send_each(conn: SmtpConnection, items: Sequence[T], name_of: Callable[[T], str],
              send_one: Callable[[T, str], MessageResult | None], *, task: Task,
              on_result: Callable[[MessageResult], None] | None = None) -> DeliverySummary:
    """Send *items* one by one over *conn* (closed at the end), with progress and cancel.

    `send_one(item, fatal)` sends one and says how it went (None: nothing to report, another
    program dealt with it meanwhile). A broken connection is opened again by the next send;
    once it failed MAX_CONNECTION_FAILURES times in a row, or in a way that cannot cure itself,
    *fatal* is the reason and the rest are marked failed (retryable) without trying. Ctrl+C
    ends the run with what happened so far (`interrupted`)."""
    summary = DeliverySummary()
    fatal = ""
    failures = 0

    def report(result: MessageResult) -> None:
        summary.results.append(result)
        if on_result is not None:
            on_result(result)

    try:
        for done, item in enumerate(items):
            try:
                task.step(done, len(items), name_of(item))
            except Cancelled:
                summary.cancelled = True
                break
            try:
                result = send_one(item, fatal)
            except Interrupted as stop:
                if stop.result is not None:
                    report(stop.result)
                summary.interrupted = True
                break
            except KeyboardInterrupt:
                summary.interrupted = True
                break
            if result is None:
                continue
            if result.connection_failed:
                failures += 1
                if result.give_up or failures >= MAX_CONNECTION_FAILURES:
                    fatal = result.error
            elif result.status in ("sent", "failed"):
                failures = 0
            report(result)
        else:
            finish_task(task, len(items))
    finally:
        conn.close()
    return summary


def _patiently(write: Callable[[], object], patience: float) -> tuple[bool, bool]:
    """Do a small ledger write, again while the ledger is busy (up to *patience* seconds),
    and to the end even through Ctrl+C. Returns (written, interrupted)."""
    deadline = time.monotonic() + patience
    interrupted = False
    while True:
        try:
            write()
            return True, interrupted
        except KeyboardInterrupt:
            interrupted = True
        except LedgerBusy:
            if time.monotonic() >= deadline:
                return False, interrupted
            time.sleep(0.1)
        except LedgerError:
            log.exception("could not record the outcome of a message")
            return False, interrupted


def deliver(store: Store, conn: SmtpConnection, event_id: int, raw: bytes, message_id: str,
            recipient: str, sender: str, attachment_names: Sequence[str], text: str,
            base: dict) -> MessageResult:
    """Send one queued message and record how it went (sent, failed or unknown)."""
    ids = {"event_id": event_id, "message_id": message_id}
    try:
        conn.send(raw, sender, [recipient])
    except SmtpOutcomeUnknown as exc:
        reason = str(exc)
        _patiently(lambda: ob.mark_unknown(store, event_id, reason), RECORD_PATIENCE)
        log.warning("reminder to %s: outcome unknown: %s", recipient, reason)
        return MessageResult(**base, **ids, status="unknown", error=reason,
                             connection_failed=True)
    except SmtpError as exc:
        reason = str(exc)
        _patiently(lambda: ob.mark_failed(store, event_id, reason), RECORD_PATIENCE)
        log.warning("reminder to %s failed: %s", recipient, reason)
        broken = exc.fatal or not is_open(conn)
        return MessageResult(**base, **ids, status="failed", error=reason,
                             transient=exc.transient, connection_failed=broken,
                             give_up=broken and exc.fatal and not exc.transient)
    except KeyboardInterrupt:
        reason = _("interrupted while it was being sent")
        _patiently(lambda: ob.mark_unknown(store, event_id, reason), RECORD_PATIENCE)
        raise Interrupted(MessageResult(**base, **ids, status="unknown", error=reason)) from None
    history = ob.history_body(recipient, attachment_names, text)
    written, interrupted = _patiently(
        lambda: ob.mark_sent(store, event_id, message_id=message_id, history=history),
        RECORD_PATIENCE)
    if not written:
        journal.append(store.ledger.path, event_id=event_id, message_id=message_id,
                       history=history)
        log.warning("reminder to %s delivered, not yet recorded (ledger busy)", recipient)
    else:
        log.info("reminder sent to %s (%s)", recipient, message_id)
    result = MessageResult(**base, **ids, status="sent", recorded=written)
    if interrupted:
        raise Interrupted(result)
    return result


# -- the outbox --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OutboxItem:
    event_id: int
    client: str
    recipient: str
    subject: str
    stage: str | None
    at: dt.datetime
    status: str  # "failed", "queued" (being sent now) or "unknown" (interrupted included)
    error: str
    message_id: str
    client_id: int = 0

    def as_json(self) -> dict:
        return {"id": self.event_id, "client": self.client, "recipient": self.recipient,
                "subject": self.subject, "stage": self.stage, "at": self.at.isoformat(),
                "status": self.status, "reason": self.error, "message_id": self.message_id}


def outbox(store: Store, *, now: Clock | None = None) -> list[OutboxItem]:
    """The messages not confirmed sent: failed ones (retry or discard), unknown ones (the user
    says whether they arrived: resolve), and queued ones being sent right now. A message
    queued long ago was interrupted (the program stopped while sending it): unknown."""
    moment = (now or wall_clock)()
    items = []
    for p in ob.pending_messages(store):
        try:
            _sender, recipients = compose.envelope(p.raw)
        except CollectorError:
            recipients = []
        status, error = str(p.status), p.error
        if p.interrupted(moment):
            status = "unknown"
            error = error or _("the program stopped while sending it")
        items.append(OutboxItem(p.event_id, p.client_name, ", ".join(recipients), p.subject,
                                p.stage, p.at, status, error, p.message_id, p.client_id))
    return items


def _why_withdrawn(check: Recheck) -> str:
    if check.nothing_owed:
        return _("nothing in it is owed any more ({why})").format(why=check.why())
    return _("what it says changed since it was written ({why}); the next reminder run "
             "proposes a fresh one").format(why=check.why())


def _history_of(raw: bytes) -> str:
    msg = compose.parse(raw)
    _sender, recipients = compose.envelope(raw)
    return ob.history_body(", ".join(recipients),
                           [name for name, _data in compose.attachments_of(msg)],
                           compose.text_of(msg))


def _retry(store: Store, event_ids: Sequence[int] | None, *, resend: bool,
           password: str | Secret | None, ask_password: AskPassword | None,
           ssl_context: ssl.SSLContext | None, task: Task | None, now: Clock | None,
           on_result: Callable[[MessageResult], None] | None) -> DeliverySummary:
    at = now or wall_clock
    smtp = smtp_settings(store)
    problems = smtp.problems()
    if problems:
        raise SmtpConfigError(" ".join(problems))
    wanted = set(event_ids) if event_ids is not None else None
    moment = at()
    pending = [p for p in ob.pending_messages(store)
               if (wanted is None or p.event_id in wanted)
               and (p.unknown(moment) if resend else p.status == EventStatus.FAILED)]
    if not pending:
        return DeliverySummary()
    secret = password_for(smtp, password, ask_password)
    policy = DunningPolicy.from_settings(settings_of(store))

    def one(p: ob.PendingMessage, fatal: str) -> MessageResult | None:
        when = at()
        with store.ledger.write():  # the check and the claim: one transaction
            claimed = ob.claim_for_retry(store, p.event_id, now=when, unknown=resend)
            if claimed is None:
                return None  # sent, discarded or being retried elsewhere meanwhile
            _sender, recipients = compose.envelope(claimed.raw)
            base = {"client": p.client_name, "recipient": ", ".join(recipients),
                    "subject": p.subject}
            thanks = ledger_thanks.is_thanks(claimed)  # paid in full still, not a debt
            check = None if thanks else recheck(store, claimed.client_id, claimed.quoted,
                                                when.date(), policy)
            why = (ledger_thanks.why_not_now(store, claimed) if check is None
                   else _why_withdrawn(check) if check.changed else "")
            if why:
                gone = (_("Thank-you not sent: {subject}") if thanks
                        else _("Reminder not sent: {subject}"))
                ob.withdraw(store, p.event_id, at=when,
                            subject=gone.format(subject=p.subject),
                            body=why + "\n\n" + _history_of(claimed.raw))
                return MessageResult(**base, status="skipped", event_id=p.event_id,
                                     error=_("not sent: {why}").format(why=why))
            if resend:
                ob.add_note(store, client_id=claimed.client_id, at=when,
                            invoice_ids=claimed.invoice_ids,
                            subject=_("Sent again at the user's request: {subject}").format(
                                subject=p.subject),
                            body=_("Whether the first attempt arrived was unknown ({error}); "
                                   "the user asked to send it again.").format(error=p.error))
            raw = compose.with_new_date(claimed.raw, when)
            ob.replace_raw(store, p.event_id, raw)
        if fatal:
            ob.mark_failed(store, p.event_id, fatal)
            return MessageResult(**base, status="failed", event_id=p.event_id,
                                 message_id=p.message_id, error=fatal, transient=True)
        msg = compose.parse(raw)
        sender, _recipients = compose.envelope(raw)
        names = [name for name, _data in compose.attachments_of(msg)]
        return deliver(store, conn, p.event_id, raw, p.message_id, base["recipient"], sender,
                       names, compose.text_of(msg), base)

    conn = SmtpConnection(smtp, secret, ssl_context=ssl_context)
    return send_each(conn, pending, lambda p: p.client_name, one, task=task or Task(),
                     on_result=on_result)


def retry(store: Store, event_ids: Sequence[int] | None = None, *,
          password: str | Secret | None = None, ask_password: AskPassword | None = None,
          ssl_context: ssl.SSLContext | None = None, task: Task | None = None,
          now: Clock | None = None,
          on_result: Callable[[MessageResult], None] | None = None) -> DeliverySummary:
    """Send failed messages again (all of them, or *event_ids*; never unknown ones): the
    same message with the same Message-ID, dated now. Each is taken back to queued in one
    transaction with a fresh look at its invoices: one no longer owed, or whose balance
    changed, is not sent but withdrawn with a note (the next run proposes a true one)."""
    return _retry(store, event_ids, resend=False, password=password,
                  ask_password=ask_password, ssl_context=ssl_context, task=task, now=now,
                  on_result=on_result)


def resolve_sent(store: Store, event_id: int, *, now: Clock | None = None) -> bool:
    """The user checked that an unknown message arrived: sent, with a note saying so.
    False when it is not an unknown message of the outbox."""
    when = (now or wall_clock)()
    with store.ledger.write():
        p = ob.pending_message(store, event_id)
        if p is None or not p.unknown(when):
            return False
        ob.mark_sent(store, event_id, message_id=p.message_id, history=_history_of(p.raw))
        ob.add_note(store, client_id=p.client_id, at=when, invoice_ids=p.invoice_ids,
                    subject=_("Confirmed as arrived by the user: {subject}").format(
                        subject=p.subject),
                    body=_("Whether it arrived was unknown ({error}); the user checked that "
                           "it did.").format(error=p.error or _("interrupted")))
    return True


def resend(store: Store, event_id: int, *, password: str | Secret | None = None,
           ask_password: AskPassword | None = None,
           ssl_context: ssl.SSLContext | None = None, task: Task | None = None,
           now: Clock | None = None,
           on_result: Callable[[MessageResult], None] | None = None) -> DeliverySummary:
    """The user decided an unknown message did not arrive: send it again (after the same
    fresh look at its invoices as a retry), with a note of the decision."""
    return _retry(store, [event_id], resend=True, password=password,
                  ask_password=ask_password, ssl_context=ssl_context, task=task, now=now,
                  on_result=on_result)


def discard(store: Store, event_id: int, *, now: Clock | None = None) -> bool:
    """Take a message out of the outbox without sending it; the history keeps a note
    ("discarded by the user"). False when it was not there."""
    when = (now or wall_clock)()
    with store.ledger.write():
        p = ob.pending_message(store, event_id)
        if p is None:
            return False
        if p.unknown(when):
            why = _("Discarded by the user. Whether it reached the client is unknown "
                    "({error}).").format(error=p.error or _("interrupted"))
        else:
            why = _("Discarded by the user; it was not sent.")
        return ob.withdraw(store, event_id, at=when,
                           subject=_("Reminder discarded by the user: {subject}").format(
                               subject=p.subject),
                           body=why + "\n\n" + _history_of(p.raw))


__all__ = [
    "Clock", "DeliverySummary", "Interrupted", "MAX_CONNECTION_FAILURES", "MessageResult",
    "OutboxItem", "RECORD_PATIENCE", "deliver", "discard", "finish_task", "is_open", "outbox",
    "resend", "resolve_sent", "result_text", "retry", "send_each", "wall_clock",
]
