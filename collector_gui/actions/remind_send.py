"""Sending and saving a reminder run: `ReminderFlow.send()` and `save_eml()` (remind.py).

Each draft is checked against the ledger (recheck.py) and queued, or recorded as saved, in one
transaction; then sent (delivery.py) or its .eml file written. One client's problem (a PDF
that cannot be laid out, a template error, a bad address, the ledger busy for that one) is
that client's result, and the run goes on for the others.
"""

from __future__ import annotations

import logging
import re
import ssl
import tempfile
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from collector_gui.actions.config import AskPassword, password_for
from collector_gui.actions.delivery import (
    DeliverySummary,
    MessageResult,
    deliver,
    finish_task,
    send_each,
)
from collector_gui.actions.recheck import recheck
from collector_gui.core import reminder_settings as RS
from collector_gui.core import settings as S
from collector_gui.core.errors import Cancelled, CollectorError
from collector_gui.core.i18n import N_, _
from collector_gui.core.progress import Task
from collector_gui.ledger import outbox as ob
from collector_gui.ledger.store import Store
from collector_gui.mail import compose
from collector_gui.mail.compose import Attachment
from collector_gui.mail.secrets import Secret
from collector_gui.mail.smtp import SmtpConfigError, SmtpConnection, SmtpSettings

if TYPE_CHECKING:
    from collector_gui.actions.remind import Draft

log = logging.getLogger(__name__)


def _file_part(text: str) -> str:
    """Text as part of a file name: letters, digits, '-', '_' and '.' only."""
    norm = unicodedata.normalize("NFKD", text)
    ascii_ = norm.encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_).strip("-.")
    return cleaned[:60] or "document"




class Sending:
    """ReminderFlow's sending half (a mixin: the flow's store, clock, plan and drafts)."""

    def _attachments(self, draft: Draft) -> list[Attachment]:
        from collector_gui.actions.documents import invoice_pdf, statement_pdf

        out = []
        with tempfile.TemporaryDirectory(prefix="collector-attach-") as tmp:
            for i, name in enumerate(draft.attachments):
                path = Path(tmp) / f"{i}.pdf"
                if draft.statement:
                    statement_pdf(self.store, draft.client.name, path, as_of=self.as_of)
                else:
                    invoice_pdf(self.store, draft.invoices[i].number, path)
                out.append(Attachment(name, path.read_bytes()))
        return out

    def _sender(self) -> tuple[str, str]:
        address = (self._settings.get(RS.SMTP_FROM).strip()
                   or self._settings.get(S.BUSINESS_EMAIL).strip())
        if not address:
            raise CollectorError(
                _("There is no From address: set business.email (or smtp.from)."))
        return address, self._settings.get(S.BUSINESS_NAME).strip()

    def _compose(self, draft: Draft, sender: tuple[str, str], *, unsent: bool = False
                 ) -> tuple[bytes, str, list[Attachment]]:
        attachments = self._attachments(draft)
        reply_to = self._settings.get(S.BUSINESS_EMAIL).strip()
        msg = compose.compose(
            sender=sender[0], sender_name=sender[1], recipient=draft.recipient,
            recipient_name=draft.client.billing_name or draft.client.name,
            subject=draft.subject, text=draft.text, html=draft.html, attachments=attachments,
            date=self._clock(), reply_to=reply_to, language=draft.language, unsent=unsent,
        )
        return compose.serialize(msg), str(msg["Message-ID"]), attachments

    @contextmanager
    def _on(self, store: Store | None) -> Iterator[None]:
        """Use *store* for the duration (a worker thread's own connection to the ledger)."""
        if store is None or store is self.store:
            yield
            return
        saved, self.store = self.store, store
        try:
            yield
        finally:
            self.store = saved

    def send(self, *, password: str | Secret | None = None,
             ask_password: AskPassword | None = None,
             ssl_context: ssl.SSLContext | None = None, task: Task | None = None,
             on_result: Callable[[MessageResult], None] | None = None,
             store: Store | None = None) -> DeliverySummary:
        """Send the ticked drafts through the configured SMTP server, one message each.

        Each is checked against the ledger and queued in one transaction, then sent, then
        marked sent, failed or unknown: those wait in the outbox. After a failure of the
        connection itself the next message connects again; after two in a row, or one that
        cannot cure itself (settings, TLS, login), the rest are queued as failed with that
        reason; a retry from the outbox sends them once the cause is fixed.
        *store*: the worker thread's own Store on the same ledger (a SQLite connection
        belongs to the thread that opened it); by default the flow's.
        """
        with self._on(store):
            return self._send(password=password, ask_password=ask_password,
                              ssl_context=ssl_context, task=task, on_result=on_result)

    def _send(self, *, password: str | Secret | None, ask_password: AskPassword | None,
              ssl_context: ssl.SSLContext | None, task: Task | None,
              on_result: Callable[[MessageResult], None] | None) -> DeliverySummary:
        smtp = SmtpSettings.from_settings(self._settings)
        problems = smtp.problems()
        if problems:
            raise SmtpConfigError(" ".join(problems))
        drafts = self.drafts()
        if not drafts:
            return DeliverySummary()
        secret = password_for(smtp, password, ask_password)
        sender = (smtp.from_address, self._settings.get(S.BUSINESS_NAME).strip())
        conn = SmtpConnection(smtp, secret, ssl_context=ssl_context)
        summary = send_each(conn, drafts, lambda d: d.client.name,
                            lambda d, fatal: self._one(d, sender, conn, fatal),
                            task=task or Task(), on_result=on_result)
        from collector_gui.actions.thanks import send_after

        send_after(self.store, summary, password=secret, ssl_context=ssl_context,
                   on_result=on_result)  # the thank-yous waiting in the outbox go too
        return summary

    def _still_true(self, draft: Draft) -> tuple[Draft | None, str]:
        """Inside the queueing transaction: the draft as it may go now (re-rendered from
        today's figures if they changed and the user had not edited it), or None and why
        it is held back."""
        if ob.contacted_since(self.store, draft.client_id, self._seen):
            return None, _(_ELSEWHERE)
        check = recheck(self.store, draft.client_id,
                        [(inv.id, inv.balance_minor) for inv in draft.invoices
                         if inv.id is not None], self.as_of, self.policy)
        if check.nothing_owed:
            return None, _("nothing in it is owed any more ({why})").format(why=check.why())
        if not check.changed:
            return draft, ""
        if draft.edited:
            return None, _("changed since you reviewed it ({why}); review it again").format(
                why=check.why())
        entry = replace(self.entry(draft.client_id), invoices=check.keep)
        fresh = self._render(entry)
        fresh.recipient = draft.recipient
        return fresh, ""

    def _prepare(self, draft: Draft, sender: tuple[str, str], *, unsent: bool = False
                 ) -> tuple[Draft, bytes, str, list[Attachment]] | MessageResult:
        """Check the draft against the ledger and compose it, or say why not (one client's
        problem, whatever it is, is that client's result)."""
        base = {"client": draft.client.name, "recipient": draft.recipient,
                "subject": draft.subject}
        try:
            current, why = self._still_true(draft)
            if current is None:
                return MessageResult(**base, status="skipped", error=why)
            raw, message_id, attachments = self._compose(current, sender, unsent=unsent)
        except Exception as exc:  # noqa: BLE001 - a layout, template or data problem
            if not isinstance(exc, CollectorError):
                log.exception("the reminder to %s could not be prepared", draft.client.name)
            error = str(exc) if isinstance(exc, CollectorError) else f"{type(exc).__name__}: {exc}"
            return MessageResult(**base, status="failed",
                                 error=_("The message could not be prepared: {error}").format(
                                     error=error))
        return current, raw, message_id, attachments

    def _send_one(self, draft: Draft, sender: tuple[str, str], conn: SmtpConnection,
                  fatal: str) -> MessageResult:
        with self.store.ledger.write():  # the check and the queueing: one transaction
            prepared = self._prepare(draft, sender)
            if isinstance(prepared, MessageResult):
                return prepared
            draft, raw, message_id, attachments = prepared
            event_id = ob.queue_message(
                self.store, client_id=draft.client_id, at=self._clock(),
                stage=str(draft.stage), subject=draft.subject, invoice_ids=draft.invoice_ids,
                message_id=message_id, raw=raw,
                balances={inv.id: inv.balance_minor for inv in draft.invoices
                          if inv.id is not None},
            )
        assert event_id is not None
        base = {"client": draft.client.name, "recipient": draft.recipient,
                "subject": draft.subject}
        if fatal:
            ob.mark_failed(self.store, event_id, fatal)
            return MessageResult(**base, status="failed", event_id=event_id,
                                 message_id=message_id, error=fatal, transient=True)
        return deliver(self.store, conn, event_id, raw, message_id, draft.recipient,
                       sender[0], [a.filename for a in attachments], draft.text, base)

    def _one(self, draft: Draft, sender: tuple[str, str], conn: SmtpConnection,
             fatal: str) -> MessageResult:
        try:
            return self._send_one(draft, sender, conn, fatal)
        except CollectorError as exc:  # the ledger, busy too long for this one
            return MessageResult(client=draft.client.name, recipient=draft.recipient,
                                 subject=draft.subject, status="failed", error=str(exc))

    def save_eml(self, folder: Path | str, *, task: Task | None = None,
                 on_result: Callable[[MessageResult], None] | None = None,
                 store: Store | None = None) -> DeliverySummary:
        """Write each ticked draft as an .eml file (PDFs attached) into *folder*, and record
        it as saved: the user sends it from their own mail program. Needs no SMTP.
        *store*: as for send()."""
        with self._on(store):
            return self._save_eml(folder, task=task, on_result=on_result)

    def _save_eml(self, folder: Path | str, *, task: Task | None,
                  on_result: Callable[[MessageResult], None] | None) -> DeliverySummary:
        folder = Path(folder).expanduser()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CollectorError(_("Cannot create the folder {folder}: {reason}.").format(
                folder=folder, reason=exc.strerror or exc)) from exc
        sender = self._sender()
        drafts = self.drafts()
        task = task or Task()
        summary = DeliverySummary()
        for done, draft in enumerate(drafts):
            try:
                task.step(done, len(drafts), draft.client.name)
            except Cancelled:
                summary.cancelled = True
                break
            result = self._save_one(draft, sender, folder)
            summary.results.append(result)
            if on_result is not None:
                on_result(result)
        else:
            finish_task(task, len(drafts))
        return summary


    def _save_one(self, draft: Draft, sender: tuple[str, str], folder: Path) -> MessageResult:
        """Check, record as saved, then write the file; a file that cannot be written takes
        its record back (so a second run neither misses it nor writes a "(2)" copy)."""
        base = {"client": draft.client.name, "recipient": draft.recipient,
                "subject": draft.subject}
        try:
            with self.store.ledger.write():
                prepared = self._prepare(draft, sender, unsent=True)
                if isinstance(prepared, MessageResult):
                    return prepared
                draft, raw, message_id, attachments = prepared
                path = _free_name(folder, f"{_file_part(draft.client.name)}-{draft.stage}-"
                                          f"{self.as_of.isoformat()}.eml")
                event_id = ob.record_saved(
                    self.store, client_id=draft.client_id, at=self._clock(),
                    stage=str(draft.stage), subject=draft.subject,
                    invoice_ids=draft.invoice_ids, message_id=message_id,
                    history=ob.history_body(draft.recipient,
                                            [a.filename for a in attachments], draft.text),
                    balances={inv.id: inv.balance_minor for inv in draft.invoices
                              if inv.id is not None},
                )
        except CollectorError as exc:
            return MessageResult(**base, status="failed", error=str(exc))
        base["subject"] = draft.subject
        try:
            compose.write_eml(raw, path)
        except BaseException as exc:
            ob.unsave(self.store, event_id)
            if not isinstance(exc, CollectorError):
                raise
            return MessageResult(**base, status="failed",
                                 error=_("{error} Nothing was recorded; the next run tries "
                                         "again.").format(error=exc))
        return MessageResult(**base, status="saved", event_id=event_id,
                             message_id=message_id, path=path)


def _free_name(folder: Path, name: str) -> Path:
    path = folder / name
    n = 1
    while path.exists():
        n += 1
        path = folder / f"{Path(name).stem} ({n}){Path(name).suffix}"
    return path


_ELSEWHERE = N_("a reminder to this client was sent or saved elsewhere (another window or "
                "command) since this plan was made")
