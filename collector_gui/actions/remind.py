"""Reminders, as the user does them: plan who to remind, review the drafts, send or save.

`ReminderFlow` is the reminder wizard without Qt: the plan (clients with a stage due, each
with its stage, invoices and recipient), changes to it (untick, change the stage, add a
client), the drafts (editable), then `send()` or `save_eml()` with progress per message and
a summary. The command line (`collector remind`) drives the same object, so the window and
the command line cannot behave differently.

Sending is safe against crashes and double sends: each message is written to the ledger
as a queued event (with the whole message) before it goes to the server, and marked sent,
failed or unknown after; those wait in the outbox (delivery.py). In the transaction that
queues it, its invoices are read again (recheck.py): a message is never sent about what is
no longer owed, nor with figures that changed since the draft. One client's problem (a PDF
that cannot be laid out, a template error, a bad address) is reported for that client and
the run goes on.

Elsewhere: the dry-run text and the dashboard's "to chase today" (remind_views.py), the
`collector config` actions (settings, the SMTP password, a test email: config.py).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace

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
from collector_gui.core.tone import message_cover, message_stage, message_tone, pay_by_date
from collector_gui.core.errors import Cancelled, CollectorError
from collector_gui.core.fields import FieldError, parse_email
from collector_gui.core.i18n import N_, _
from collector_gui.actions.charges import late_policy as charges_policy
from collector_gui.core.latefees import LateCharges, late_charges
from collector_gui.core.model import Client, ContactEvent, Invoice
from collector_gui.core.progress import Task
from collector_gui.documents import messages
from collector_gui.documents.messages import RenderedMessage
from collector_gui.ledger import outbox as ob
from collector_gui.actions.config import AskPassword, settings_of
from collector_gui.actions.delivery import Clock, OutboxItem, outbox, wall_clock
from collector_gui.actions.remind_send import Sending, _file_part
from collector_gui.ledger.store import Store
from collector_gui.mail.secrets import KeyringUnavailable
from collector_gui.mail.smtp import SmtpConfigError

log = logging.getLogger(__name__)

# Up to this many invoices, each one's PDF is attached; beyond, one statement of account.
MAX_INVOICE_PDFS = 4

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
    # The client's open invoices on hold (disputed, paused): named apart, not asked for.
    held: tuple[Invoice, ...] = ()

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


def _attachment_names(invoices: Sequence[Invoice], lang: str, as_of: dt.date,
                      client: Client) -> tuple[tuple[str, ...], bool]:
    if len(invoices) > MAX_INVOICE_PDFS:
        word = "extracto" if lang == "es" else "statement"
        return (f"{word}-{_file_part(client.name)}-{as_of.isoformat()}.pdf",), True
    word = "factura" if lang == "es" else "invoice"
    return tuple(f"{word}-{_file_part(inv.number)}.pdf" for inv in invoices), False


class ReminderFlow(Sending):
    """The reminder wizard's state and rules, without Qt."""

    def __init__(self, store: Store, as_of: dt.date | None = None, *,
                 client: str | None = None, now: Clock | None = None,
                 task: Task | None = None) -> None:
        """*task*: progress, and a stop between clients when cancelled (the wizard builds the
        plan in a worker thread)."""
        self.store = store
        self._clock = now or wall_clock
        self.created_at = self._clock()
        self._seen = ob.mark(store, self.created_at)  # the history this plan was made from
        self.as_of = as_of or self.created_at.date()
        self.policy = dunning_policy(store)
        self._settings = settings_of(store)
        self.late_policy = charges_policy(store)  # official half-year rates included
        only = None
        if client is not None:
            found = store.find_client(client)
            if found is None:
                raise CollectorError(_("There is no client named {name}.").format(
                    name=repr(client.strip())))
            only = [found.id]
        self.client_plans: list[ClientPlan] = []
        self.entries: list[PlanEntry] = []
        files = ob.client_files(store, only)
        for done, file in enumerate(files):
            if task is not None:
                task.step(done, len(files))
            plan = plan_client(file, self.as_of, self.policy)
            self.client_plans.append(plan)
            if plan.due:
                assert plan.stage is not None
                self.entries.append(self.entry_for_plan(file, plan))
        self._drafts: dict[int, Draft] = {}

    def entry_for_plan(self, file: ClientFile, plan: ClientPlan, *,
                       by_hand: bool = False, chosen: bool = False) -> PlanEntry:
        """The client's message: what the plan asks for plus every other overdue invoice
        the client owes (one amount to pay), with a stage never softer than the client's
        recent reminders (unless the user *chosen* it)."""
        assert plan.stage is not None
        owed, held = message_cover(file, plan.invoices, self.as_of, plan.decisions)
        stage = plan.stage if chosen else message_stage(plan.stage, file, self.as_of, owed)
        entry = PlanEntry(
            client=file.client, stage=stage, invoices=owed,
            recipient=file.client.reminder_email, file=file, decisions=plan.decisions,
            broken_promise=plan.broken_promise, by_hand=by_hand, held=held,
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

    def held_back(self) -> list[OutboxItem]:
        """The messages of the outbox (queued, failed, unknown) that keep their clients out of
        this plan until they are sent, resolved or discarded."""
        return outbox(self.store, now=self._clock)

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
        new = self.entry_for_plan(entry.file, plan, by_hand=True, chosen=True)
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
        entry = self.entry_for_plan(files[0], plan, by_hand=True, chosen=stage is not None)
        self.entries.append(entry)
        return entry

    def _replace(self, old: PlanEntry, new: PlanEntry) -> None:
        self.entries[self.entries.index(old)] = new
        self._drafts.pop(new.client_id, None)

    # -- the drafts page ---------------------------------------------------------------------

    def _pay_by(self, entry: PlanEntry) -> dt.date | None:
        """The date the message asks the payment for (firm and final; a polite message
        about a long-overdue invoice too)."""
        tone = message_tone(entry.stage, entry.invoices, self.as_of)
        return pay_by_date(entry.stage, tone, self.as_of, self.policy)

    def _context(self, entry: PlanEntry, attachments: Sequence[str], statement: bool,
                 pay_by: dt.date | None) -> dict:
        charges: dict[int, LateCharges] = {}
        policy = self.late_policy.for_client(entry.client.late_mode)
        tone = message_tone(entry.stage, entry.invoices, self.as_of)
        if policy.active and tone.shows_charges:
            for inv in entry.invoices:
                assert inv.id is not None
                charges[inv.id] = late_charges(inv, self.as_of, policy,
                                               self.store.payments_of(inv.id))
        return messages.message_context(
            client=entry.client, invoices=entry.invoices, stage=entry.stage, as_of=self.as_of,
            settings=self._settings, charges=charges, late_policy=policy,
            pay_by=pay_by, broken_promise=entry.broken_promise,
            reminded_before=entry.reminded_before, attachments=attachments,
            statement_attached=statement, held=entry.held, tone=tone,
        )

    def _render(self, entry: PlanEntry) -> Draft:
        lang = entry.client.language
        names, statement = _attachment_names(entry.invoices, lang, self.as_of, entry.client)
        pay_by = self._pay_by(entry)
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
        pay_by = self._pay_by(entry)
        return messages.render_message(self._context(entry, names, statement, pay_by),
                                       entry.client.language, entry.stage, overrides)


# -- the command line's pieces ------------------------------------------------------------------


def plan_reminders(store: Store, as_of: dt.date | None = None, *, client: str | None = None,
                   now: Clock | None = None, task: Task | None = None) -> ReminderFlow:
    """The day's reminders, as `collector remind` and the wizard's first page see them."""
    return ReminderFlow(store, as_of, client=client, now=now, task=task)


__all__ = [
    "AskPassword", "Cancelled", "Draft", "KeyringUnavailable", "Outcome", "PlanEntry",
    "ReminderFlow", "SmtpConfigError", "dunning_policy", "parse_stage", "plan_reminders",
]
