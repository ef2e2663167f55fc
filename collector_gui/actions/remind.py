"""Reminders, as the user does them: plan who to remind, review the drafts, send or save.

`ReminderFlow` is the reminder wizard without Qt: the plan (clients with a stage due, each
with its stage, invoices and recipient), changes to it (untick, change the stage, add a
client), the drafts (editable), then `send()` or `save_eml()` with progress per message and
a summary. The command line (`collector remind`) drives the same object, so the window and
the command line cannot behave differently.

Sending is safe against crashes and double sends: each message is written to the ledger
as a queued event (with the whole message) before it goes to the server, and marked sent
or failed after; failed ones wait in the outbox (`outbox`, `retry`, `discard`).

The `collector config` actions (settings, the SMTP password, a test email) are in config.py.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import ssl
import tempfile
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from collector_gui.core import reminder_settings as RS
from collector_gui.core import settings as S
from collector_gui.core.dunning import (
    ClientFile,
    ClientPlan,
    Decision,
    DunningPolicy,
    Outcome,
    Stage,
    is_reminder,
    manual_plan,
    parse_stage,
    plan_client,
)
from collector_gui.core.errors import Cancelled, CollectorError
from collector_gui.core.fields import FieldError, parse_email
from collector_gui.core.i18n import N_, _, ngettext
from collector_gui.core.latefees import LateCharges, LatePolicy, late_charges
from collector_gui.core.model import Client, ContactEvent, EventStatus, Invoice
from collector_gui.core.money import format_minor
from collector_gui.core.progress import Task
from collector_gui.documents import messages
from collector_gui.documents.messages import RenderedMessage
from collector_gui.ledger import outbox as ob
from collector_gui.actions.config import AskPassword, password_for, settings_of, smtp_settings
from collector_gui.ledger.store import Store
from collector_gui.mail import compose
from collector_gui.mail.compose import Attachment
from collector_gui.mail.secrets import KeyringUnavailable, Secret
from collector_gui.mail.smtp import (
    SmtpConfigError,
    SmtpConnection,
    SmtpError,
    SmtpSettings,
)

log = logging.getLogger(__name__)

# Up to this many invoices, each one's PDF is attached; beyond, one statement of account.
MAX_INVOICE_PDFS = 4

Clock = Callable[[], dt.datetime]


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def dunning_policy(store: Store) -> DunningPolicy:
    return DunningPolicy.from_settings(settings_of(store))


# -- the plan ----------------------------------------------------------------------------------


# Why a client's message covers no invoice, per stage.
_NO_INVOICE_FITS = {
    Stage.PRE_DUE: N_("No invoice of {client} fits a pre-due reminder."),
    Stage.DUE: N_("No invoice of {client} fits a due reminder."),
    Stage.POLITE: N_("No invoice of {client} fits a polite reminder."),
    Stage.FIRM: N_("No invoice of {client} fits a firm reminder."),
    Stage.FINAL: N_("No invoice of {client} fits a final reminder."),
}


@dataclass
class PlanEntry:
    """One client's message in the wizard: the user may untick it, change its stage or
    recipient. `decisions` say why each of the client's invoices is (not) in it."""

    client: Client
    stage: Stage
    invoices: tuple[Invoice, ...]
    recipient: str
    file: ClientFile
    decisions: tuple[Decision, ...] = ()
    broken_promise: ContactEvent | None = None
    included: bool = True
    by_hand: bool = False  # added or changed by the user, not proposed by the policy

    @property
    def client_id(self) -> int:
        assert self.client.id is not None
        return self.client.id

    @property
    def problems(self) -> list[str]:
        out = []
        if not self.recipient:
            out.append(_("{client} has no email address.").format(client=self.client.name))
        if not self.invoices:
            out.append(_(_NO_INVOICE_FITS[self.stage]).format(client=self.client.name))
        return out

    @property
    def reminded_before(self) -> bool:
        ids = {inv.id for inv in self.invoices}
        return any(is_reminder(e) and ids & set(e.invoice_ids) for e in self.file.events)


@dataclass
class Draft:
    """A message ready to send or save, as the user may have edited it."""

    client: Client
    stage: Stage
    invoices: tuple[Invoice, ...]
    recipient: str
    subject: str
    text: str
    html: str
    attachments: tuple[str, ...]  # file names; the PDFs are made when sending
    statement: bool  # a statement of account instead of each invoice
    language: str
    pay_by: dt.date | None = None
    edited: bool = False

    @property
    def client_id(self) -> int:
        assert self.client.id is not None
        return self.client.id

    @property
    def invoice_ids(self) -> tuple[int, ...]:
        return tuple(inv.id for inv in self.invoices if inv.id is not None)


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


def _attachment_names(invoices: Sequence[Invoice], lang: str, as_of: dt.date,
                      client: Client) -> tuple[tuple[str, ...], bool]:
    if len(invoices) > MAX_INVOICE_PDFS:
        word = "extracto" if lang == "es" else "statement"
        return (f"{word}-{_file_part(client.name)}-{as_of.isoformat()}.pdf",), True
    word = "factura" if lang == "es" else "invoice"
    return tuple(f"{word}-{_file_part(inv.number)}.pdf" for inv in invoices), False


def _file_part(text: str) -> str:
    """Text as part of a file name: letters, digits, '-', '_' and '.' only."""
    norm = unicodedata.normalize("NFKD", text)
    ascii_ = norm.encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_).strip("-.")
    return cleaned[:60] or "document"


class ReminderFlow:
    """The reminder wizard's state and rules, without Qt."""

    def __init__(self, store: Store, as_of: dt.date | None = None, *,
                 client: str | None = None, now: Clock | None = None) -> None:
        self.store = store
        self._clock = now or _now
        self.created_at = self._clock()
        self._seen = ob.mark(store, self.created_at)  # the history this plan was made from
        self.as_of = as_of or self.created_at.date()
        self.policy = dunning_policy(store)
        self._settings = settings_of(store)
        self.late_policy = LatePolicy.from_settings(self._settings)
        only = None
        if client is not None:
            found = store.find_client(client)
            if found is None:
                raise CollectorError(_("There is no client named {name}.").format(
                    name=repr(client.strip())))
            only = [found.id]
        self.client_plans: list[ClientPlan] = []
        self.entries: list[PlanEntry] = []
        for file in ob.client_files(store, only):
            plan = plan_client(file, self.as_of, self.policy)
            self.client_plans.append(plan)
            if plan.due:
                assert plan.stage is not None
                self.entries.append(self._entry(file, plan))
        self._drafts: dict[int, Draft] = {}

    def _entry(self, file: ClientFile, plan: ClientPlan, *, by_hand: bool = False) -> PlanEntry:
        assert plan.stage is not None
        entry = PlanEntry(
            client=file.client, stage=plan.stage, invoices=plan.invoices,
            recipient=file.client.reminder_email, file=file, decisions=plan.decisions,
            broken_promise=plan.broken_promise, by_hand=by_hand,
        )
        entry.included = not entry.problems
        return entry

    # -- the plan page -----------------------------------------------------------------------

    def entry(self, client_id: int) -> PlanEntry:
        for entry in self.entries:
            if entry.client_id == client_id:
                return entry
        raise CollectorError(_("Client #{id} is not in this reminder run.").format(
            id=client_id))

    @property
    def included(self) -> list[PlanEntry]:
        return [e for e in self.entries if e.included]

    def manual_steps(self) -> list[tuple[Client, Decision]]:
        """Invoices whose email reminders are over: call, or a dossier for an agency."""
        return [(plan.client, d) for plan in self.client_plans for d in plan.manual_steps]

    def not_due(self) -> list[ClientPlan]:
        """Clients with unpaid invoices and no reminder today (each decision says why)."""
        planned = {e.client_id for e in self.entries}
        return [p for p in self.client_plans if p.client.id not in planned]

    def set_included(self, client_id: int, included: bool) -> None:
        entry = self.entry(client_id)
        if included and entry.problems:
            raise CollectorError(" ".join(entry.problems))
        entry.included = included

    def set_stage(self, client_id: int, stage: Stage | str) -> PlanEntry:
        """Change the stage of a client's message (the invoices it covers follow: a
        courtesy stage covers open invoices, an escalation stage the overdue ones)."""
        entry = self.entry(client_id)
        stage = Stage(stage)
        if stage is entry.stage:
            return entry
        plan = manual_plan(entry.file, self.as_of, self.policy, stage)
        if stage.escalation == entry.stage.escalation and entry.invoices:
            plan = replace(plan, invoices=entry.invoices)
        new = self._entry(entry.file, plan, by_hand=True)
        new.recipient = entry.recipient
        new.included = entry.included and not new.problems
        self._replace(entry, new)
        return new

    def set_recipient(self, client_id: int, recipient: str) -> None:
        entry = self.entry(client_id)
        try:
            entry.recipient = parse_email(recipient)
        except FieldError as exc:
            raise CollectorError(str(exc)) from None
        if client_id in self._drafts:  # keep the user's edits of the text
            self._drafts[client_id].recipient = entry.recipient

    def addable_clients(self) -> list[Client]:
        """Clients with unpaid invoices that are not in the plan (the "add a client" list)."""
        planned = {e.client_id for e in self.entries}
        return [p.client for p in self.client_plans if p.client.id not in planned]

    def add_client(self, client: int | str, stage: Stage | str | None = None) -> PlanEntry:
        """Add a client the policy did not propose (its history and the gap do not hold a
        message asked for by hand; paid, disputed and paused invoices stay out)."""
        found = (self.store.find_client(client) if isinstance(client, str)
                 else self.store.get_client(client))
        if found is None:
            raise CollectorError(_("There is no client named {name}.").format(
                name=repr(client)))
        assert found.id is not None
        if any(e.client_id == found.id for e in self.entries):
            return self.entry(found.id)
        files = ob.client_files(self.store, [found.id])
        if not files:
            raise CollectorError(_("{client} owes nothing: there is nothing to remind.").format(
                client=found.name))
        plan = manual_plan(files[0], self.as_of, self.policy,
                           Stage(stage) if stage is not None else None)
        if not plan.invoices:
            raise CollectorError(_("{client} has no invoice that can be reminded now "
                                   "(disputed, paused or not yet issued).").format(
                                       client=found.name))
        entry = self._entry(files[0], plan, by_hand=True)
        self.entries.append(entry)
        return entry

    def _replace(self, old: PlanEntry, new: PlanEntry) -> None:
        self.entries[self.entries.index(old)] = new
        self._drafts.pop(new.client_id, None)

    # -- the drafts page ---------------------------------------------------------------------

    def _context(self, entry: PlanEntry, attachments: Sequence[str], statement: bool,
                 pay_by: dt.date | None) -> dict:
        charges: dict[int, LateCharges] = {}
        if self.late_policy.active and entry.stage.escalation:
            for inv in entry.invoices:
                assert inv.id is not None
                charges[inv.id] = late_charges(inv, self.as_of, self.late_policy,
                                               self.store.payments_of(inv.id))
        return messages.message_context(
            client=entry.client, invoices=entry.invoices, stage=entry.stage, as_of=self.as_of,
            settings=self._settings, charges=charges, late_policy=self.late_policy,
            pay_by=pay_by, broken_promise=entry.broken_promise,
            reminded_before=entry.reminded_before, attachments=attachments,
            statement_attached=statement,
        )

    def _render(self, entry: PlanEntry) -> Draft:
        lang = entry.client.language
        names, statement = _attachment_names(entry.invoices, lang, self.as_of, entry.client)
        pay_by = self.policy.pay_by(self.as_of) if entry.stage is Stage.FINAL else None
        rendered = messages.render_message(self._context(entry, names, statement, pay_by),
                                           lang, entry.stage)
        return Draft(entry.client, entry.stage, entry.invoices, entry.recipient,
                     rendered.subject, rendered.text, rendered.html, names, statement, lang,
                     pay_by)

    def draft(self, client_id: int) -> Draft:
        entry = self.entry(client_id)
        draft = self._drafts.get(client_id)
        if draft is None or draft.stage is not entry.stage:
            draft = self._render(entry)
            self._drafts[client_id] = draft
        if draft.recipient != entry.recipient:
            draft.recipient = entry.recipient
        return draft

    def drafts(self) -> list[Draft]:
        """The drafts of the messages ticked in the plan (rendered once, then as edited)."""
        return [self.draft(e.client_id) for e in self.included]

    def update_draft(self, client_id: int, *, subject: str | None = None,
                     text: str | None = None, html: str | None = None,
                     recipient: str | None = None) -> Draft:
        """Keep the user's edits. Text edited without HTML replaces the HTML with the same
        words (otherwise most mail programs would show the client the old HTML)."""
        draft = self.draft(client_id)
        if recipient is not None:
            self.set_recipient(client_id, recipient)
        if subject is not None:
            cleaned = messages.clean_subject(subject)
            if not cleaned:
                raise CollectorError(_("The subject cannot be empty."))
            draft.subject = cleaned
            draft.edited = True
        if text is not None:
            if not text.strip():
                raise CollectorError(_("The message cannot be empty."))
            draft.text = text if text.endswith("\n") else text + "\n"
            draft.html = html if html is not None else messages.text_to_html(text, draft.language)
            draft.edited = True
        elif html is not None:
            draft.html = html
            draft.edited = True
        return draft

    def reset_draft(self, client_id: int) -> Draft:
        self._drafts.pop(client_id, None)
        return self.draft(client_id)

    def preview(self, client_id: int, overrides: dict[str, str] | None = None) -> RenderedMessage:
        """The client's message rendered with unsaved template sources (the editor)."""
        entry = self.entry(client_id)
        names, statement = _attachment_names(entry.invoices, entry.client.language,
                                             self.as_of, entry.client)
        pay_by = self.policy.pay_by(self.as_of) if entry.stage is Stage.FINAL else None
        return messages.render_message(self._context(entry, names, statement, pay_by),
                                       entry.client.language, entry.stage, overrides)

    # -- sending -----------------------------------------------------------------------------

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

        Each is queued in the ledger first, then sent, then marked sent or failed: a failed
        one waits in the outbox. After a failure of the connection itself (refused, TLS,
        login, timeout) the rest are queued as failed with the same reason rather than
        tried one by one; a retry from the outbox sends them once the cause is fixed.
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
        task = task or Task()
        summary = DeliverySummary()
        fatal = ""  # the reason the connection itself failed, once it has
        conn = SmtpConnection(smtp, secret, ssl_context=ssl_context)
        try:
            for done, draft in enumerate(drafts):
                try:
                    task.step(done, len(drafts), draft.client.name)
                except Cancelled:
                    summary.cancelled = True
                    break
                result, broken = self._send_one(draft, sender, conn, fatal)
                if broken:
                    fatal = result.error
                summary.results.append(result)
                if on_result is not None:
                    on_result(result)
            else:
                _done(task, len(drafts))
        finally:
            conn.close()
        return summary

    def _send_one(self, draft: Draft, sender: tuple[str, str], conn: SmtpConnection,
                  fatal: str) -> tuple[MessageResult, bool]:
        base = {"client": draft.client.name, "recipient": draft.recipient,
                "subject": draft.subject}
        try:
            raw, message_id, attachments = self._compose(draft, sender)
        except CollectorError as exc:
            return MessageResult(**base, status="failed",
                                 error=_("The message could not be prepared: {error}").format(
                                     error=exc)), False
        event_id = ob.queue_message(
            self.store, client_id=draft.client_id, at=self._clock(), stage=str(draft.stage),
            subject=draft.subject, invoice_ids=draft.invoice_ids, message_id=message_id,
            raw=raw, unless_contacted_since=self._seen,
        )
        if event_id is None:
            return MessageResult(**base, status="skipped", error=_(_ELSEWHERE)), False
        if fatal:
            ob.mark_failed(self.store, event_id, fatal)
            return MessageResult(**base, status="failed", event_id=event_id,
                                 message_id=message_id, error=fatal, transient=True), False
        return _deliver(self.store, conn, event_id, raw, message_id, draft.recipient,
                        sender[0], [a.filename for a in attachments], draft.text, base)

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
            base = {"client": draft.client.name, "recipient": draft.recipient,
                    "subject": draft.subject}
            try:
                raw, message_id, attachments = self._compose(draft, sender, unsent=True)
                path = _free_name(folder, f"{_file_part(draft.client.name)}-{draft.stage}-"
                                          f"{self.as_of.isoformat()}.eml")
                if ob.contacted_since(self.store, draft.client_id, self._seen):
                    result = MessageResult(**base, status="skipped", error=_(_ELSEWHERE))
                else:
                    compose.write_eml(raw, path)
                    event_id = ob.record_saved(
                        self.store, client_id=draft.client_id, at=self._clock(),
                        stage=str(draft.stage), subject=draft.subject,
                        invoice_ids=draft.invoice_ids, message_id=message_id,
                        history=ob.history_body(draft.recipient,
                                                [a.filename for a in attachments], draft.text),
                    )
                    result = MessageResult(**base, status="saved", event_id=event_id,
                                           message_id=message_id, path=path)
            except CollectorError as exc:
                result = MessageResult(**base, status="failed", error=str(exc))
            summary.results.append(result)
            if on_result is not None:
                on_result(result)
        else:
            _done(task, len(drafts))
        return summary


def _done(task: Task, total: int) -> None:
    """Report the end; a cancel asked for after the last message changes nothing."""
    try:
        task.step(total, total, "")
    except Cancelled:
        pass


def _free_name(folder: Path, name: str) -> Path:
    path = folder / name
    n = 1
    while path.exists():
        n += 1
        path = folder / f"{Path(name).stem} ({n}){Path(name).suffix}"
    return path


_ELSEWHERE = N_("a reminder to this client was sent or saved elsewhere (another window or "
                "command) since this plan was made")


def _deliver(store: Store, conn: SmtpConnection, event_id: int, raw: bytes, message_id: str,
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


# -- the command line's pieces ------------------------------------------------------------------


def plan_reminders(store: Store, as_of: dt.date | None = None, *, client: str | None = None,
                   now: Clock | None = None) -> ReminderFlow:
    """The day's reminders, as `collector remind` and the wizard's first page see them."""
    return ReminderFlow(store, as_of, client=client, now=now)


# -- the dashboard's "to chase today" ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ChaseToday:
    """The invoices the reminder policy says to act on today (the dashboard's list).

    `reminders`: the invoices of the messages the plan proposes today (what the wizard and
    `collector remind` would send, a courtesy notice included); `manual`: the invoices whose
    email reminders are over (call the client, or prepare a dossier).
    """

    as_of: dt.date
    reminders: tuple[int, ...] = ()
    manual: tuple[int, ...] = ()

    @property
    def ids(self) -> tuple[int, ...]:
        """Every invoice to act on, each once, by id."""
        return tuple(sorted({*self.reminders, *self.manual}))

    @classmethod
    def of(cls, flow: ReminderFlow) -> ChaseToday:
        """What a plan (as the policy made it, before any change by hand) says to act on."""
        reminders = {inv.id for e in flow.entries if not e.by_hand for inv in e.invoices}
        manual = {d.invoice.id for _client, d in flow.manual_steps()}
        return cls(flow.as_of, tuple(sorted(i for i in reminders if i is not None)),
                   tuple(sorted(i for i in manual if i is not None)))


def chase_today(store: Store, as_of: dt.date | None = None) -> ChaseToday:
    """The invoices to act on today, from the same plan as the wizard's (reminders due,
    manual steps). Reads the whole reminder history: run it off the window's thread."""
    return ChaseToday.of(ReminderFlow(store, as_of))


# The heading of each draft in `collector remind --dry-run`, per stage.
_DRAFT_HEADING = {
    Stage.PRE_DUE: N_("== {client}: pre-due reminder to {recipient}"),
    Stage.DUE: N_("== {client}: due reminder to {recipient}"),
    Stage.POLITE: N_("== {client}: polite reminder to {recipient}"),
    Stage.FIRM: N_("== {client}: firm reminder to {recipient}"),
    Stage.FINAL: N_("== {client}: final reminder to {recipient}"),
}


def format_drafts(flow: ReminderFlow, *, locale: str = "en", with_text: bool = True) -> str:
    """What `collector remind --dry-run` prints: each client's draft, and what is held back."""
    out: list[str] = []
    drafts = flow.drafts()
    if not drafts:
        out.append(_("No reminders are due on {date}.").format(date=flow.as_of.isoformat()))
    for draft in drafts:
        out.append(_(_DRAFT_HEADING[draft.stage]).format(
            client=draft.client.name, recipient=draft.recipient or _("(no email address)")))
        out.append(_("Subject: {subject}").format(subject=draft.subject))
        for inv in draft.invoices:
            days = inv.days_overdue(flow.as_of)
            if days:
                state = ngettext("{n} day overdue", "{n} days overdue", days).format(n=days)
            elif inv.due_date == flow.as_of:
                state = _("due today")
            else:
                state = _("not yet due")
            out.append("  " + _("{number}  {amount}  due {date}  ({state})").format(
                number=inv.number, amount=format_minor(inv.balance_minor, inv.currency, locale),
                date=inv.due_date.isoformat(), state=state))
        if draft.attachments:
            out.append(_("Attachments: {names}").format(names=", ".join(draft.attachments)))
        if with_text:
            out.append("")
            out.extend("  | " + line if line else "  |" for line in draft.text.rstrip().split("\n"))
        out.append("")
    for entry in flow.entries:
        if not entry.included:
            out.append(_("Not included: {client}: {problems}").format(
                client=entry.client.name, problems=" ".join(entry.problems)))
    for client, decision in flow.manual_steps():
        out.append(_("Manual step for {client}, invoice {number}: {explanation}").format(
            client=client.name, number=decision.invoice.number, explanation=decision.explain()))
    return "\n".join(out).rstrip() + "\n"


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
    moment = (now or _now)()
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
    clock = now or _now
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
    summary = DeliverySummary()
    if not pending:
        return summary
    secret = password_for(smtp, password, ask_password)
    task = task or Task()
    conn = SmtpConnection(smtp, secret, ssl_context=ssl_context)
    fatal = ""
    try:
        for done, p in enumerate(pending):
            try:
                task.step(done, len(pending), p.client_name)
            except Cancelled:
                summary.cancelled = True
                break
            claimed = ob.claim_for_retry(store, p.event_id, now=clock(),
                                         include_interrupted=include_interrupted)
            if claimed is None:
                continue  # sent, discarded or being retried elsewhere meanwhile
            raw = compose.with_new_date(claimed.raw, clock())
            ob.replace_raw(store, p.event_id, raw)
            msg = compose.parse(raw)
            sender, recipients = compose.envelope(raw)
            base = {"client": p.client_name, "recipient": ", ".join(recipients),
                    "subject": p.subject}
            if fatal:
                ob.mark_failed(store, p.event_id, fatal)
                result = MessageResult(**base, status="failed", event_id=p.event_id,
                                       message_id=p.message_id, error=fatal, transient=True)
            else:
                names = [name for name, _ in compose.attachments_of(msg)]
                result, broken = _deliver(store, conn, p.event_id, raw, p.message_id,
                                          base["recipient"], sender, names,
                                          compose.text_of(msg), base)
                if broken:
                    fatal = result.error
            summary.results.append(result)
            if on_result is not None:
                on_result(result)
        else:
            _done(task, len(pending))
    finally:
        conn.close()
    return summary


def discard(store: Store, event_id: int) -> bool:
    """Remove a message from the outbox without sending it; False when it was not there."""
    return ob.discard(store, event_id)


# -- the template editor's preview -------------------------------------------------------------


def preview_template(store: Store, client: int | str, stage: Stage | str, *,
                     overrides: dict[str, str] | None = None, as_of: dt.date | None = None
                     ) -> RenderedMessage:
    """A reminder of *stage* to a real client, rendered with the editor's unsaved sources
    (*overrides* maps "subject", "txt" or "html" to a template source). The client needs an
    unpaid invoice; when none fits the stage (a firm letter about invoices not yet due), its
    unpaid ones are shown anyway: it is only a preview."""
    flow = ReminderFlow(store, as_of, client=client if isinstance(client, str) else None)
    found = (store.find_client(client) if isinstance(client, str) else store.get_client(client))
    if found is None:
        raise CollectorError(_("There is no client named {name}.").format(name=repr(client)))
    files = ob.client_files(store, [found.id])
    if not files:
        raise CollectorError(_("{client} owes nothing: a preview needs a client with an "
                               "unpaid invoice.").format(client=found.name))
    plan = manual_plan(files[0], flow.as_of, flow.policy, Stage(stage))
    if not plan.invoices:
        plan = replace(plan, invoices=files[0].invoices)
    flow.entries = [e for e in flow.entries if e.client_id != found.id]
    flow.entries.append(flow._entry(files[0], plan, by_hand=True))
    return flow.preview(found.id, overrides)


__all__ = [
    "AskPassword", "ChaseToday", "DeliverySummary", "Draft", "KeyringUnavailable",
    "MessageResult", "OutboxItem", "Outcome", "PlanEntry", "ReminderFlow", "chase_today",
    "discard", "dunning_policy", "format_drafts", "outbox", "parse_stage", "plan_reminders",
    "preview_template", "retry",
]
