"""The reminder policy: which stage of reminder is due for an invoice on a date.

Stages, in order: `pre-due` (a friendly notice before the due date), `due` (on the due
date), then the escalation `polite`, `firm` and `final`. Each has an offset in days from the
invoice's due date (settings `reminders.*`). The rules:

- No reminder for an invoice that is paid, void, a draft, disputed or paused, for a client
  whose reminders are paused, nor while a promise to pay has not reached its date. A promise
  whose date passed unkept ("broken") lets the sequence resume, and the next message says so.
  (A client *on hold*, i.e. work stopped, is still reminded: stopping work is one of the
  consequences the final notice names, not a reason to stop asking.)
- The stage never goes back and a stage already sent is never sent again.
- The courtesy stages (`pre-due`, `due`) are only sent in their own window (a `pre-due`
  notice after the due date would be wrong, so it is skipped). The escalation stages are
  never skipped: an invoice found 60 days late with no history gets `polite` first, then
  `firm`, then `final`, each at least the minimum gap apart.
- Two reminders to the same client are at least `min_gap_days` apart, and nothing new is
  proposed while a message to the client waits in the outbox (queued or failed).
- After `final` and its pay-by date, the policy proposes a manual step (a call, a dossier
  for a collection agency) instead of more email.

One message per client covers all its invoices with a stage due; it has the stage the most
advanced of them calls for (`plan_client`). A reminder is an email or letter event with a
stage that reached the client (an email queued or failed did not).

Pure: no I/O, no SQL, no Qt. Dates are the caller's "today" (`as_of`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from collector_gui.core import reminder_settings as RS
from collector_gui.core.errors import CollectorError
from collector_gui.core.i18n import _, ngettext, pgettext
from collector_gui.core.model import Client, ContactEvent, EventKind, EventStatus, Invoice, Payment
from collector_gui.core.settings import Settings


class DunningError(CollectorError, ValueError):
    """The reminder settings contradict each other; the message says how."""


class Stage(StrEnum):
    PRE_DUE = "pre-due"
    DUE = "due"
    POLITE = "polite"
    FIRM = "firm"
    FINAL = "final"

    @property
    def rank(self) -> int:
        return _RANK[self]

    @property
    def escalation(self) -> bool:
        """Sent after the due date has passed (polite, firm, final)."""
        return self in ESCALATION

    @property
    def label(self) -> str:
        """The stage's name for people, in the current language (the value is what settings
        and the ledger store)."""
        return {
            "pre-due": pgettext("reminder stage", "pre-due"),
            "due": pgettext("reminder stage", "due"),
            "polite": pgettext("reminder stage", "polite"),
            "firm": pgettext("reminder stage", "firm"),
            "final": pgettext("reminder stage", "final"),
        }[self.value]


STAGES: tuple[Stage, ...] = tuple(Stage)
_RANK = {stage: i for i, stage in enumerate(STAGES)}
COURTESY: tuple[Stage, ...] = (Stage.PRE_DUE, Stage.DUE)
ESCALATION: tuple[Stage, ...] = (Stage.POLITE, Stage.FIRM, Stage.FINAL)


def parse_stage(text: str | None) -> Stage | None:
    """A stage from its name (as stored in contact_events.stage); None for anything else."""
    try:
        return Stage((text or "").strip().lower())
    except ValueError:
        return None


# -- the policy --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DunningPolicy:
    """When each stage is due (days from the due date; pre-due is negative) and the gaps."""

    offsets: Mapping[Stage, int] = field(
        default_factory=lambda: {
            Stage.PRE_DUE: -7, Stage.DUE: 0, Stage.POLITE: 3, Stage.FIRM: 15, Stage.FINAL: 30,
        }
    )
    enabled: frozenset[Stage] = frozenset(STAGES)
    min_gap_days: int = 6
    final_pay_within_days: int = 7

    def __post_init__(self) -> None:
        missing = [s for s in STAGES if s not in self.offsets]
        if missing:
            raise DunningError(
                ngettext("No offset for the stage {stages}.", "No offset for the stages {stages}.",
                         len(missing)).format(stages=", ".join(missing))
            )
        if not self.enabled:
            raise DunningError(_("At least one reminder stage must be switched on."))
        if self.min_gap_days < 0 or self.final_pay_within_days < 0:
            raise DunningError(
                _("The gap between reminders and the pay-by days cannot be negative."))
        if self.offsets[Stage.PRE_DUE] >= 0:
            raise DunningError(_("The pre-due notice must come before the due date."))
        if self.offsets[Stage.DUE] < 0:
            raise DunningError(_("The due-date reminder cannot come before the due date."))
        if self.offsets[Stage.POLITE] < 1:
            raise DunningError(
                _("The polite reminder must come at least a day after the due date."))
        previous = None
        for stage in STAGES:
            if previous is not None and self.offsets[stage] <= self.offsets[previous]:
                raise DunningError(
                    _("The {stage} reminder ({days} days) must come after the {previous} "
                      "reminder ({previous_days} days).").format(
                        stage=stage, days=self.offsets[stage], previous=previous,
                        previous_days=self.offsets[previous])
                )
            previous = stage

    @classmethod
    def from_settings(cls, settings: Settings) -> DunningPolicy:
        enabled = set()
        for name in settings.get(RS.REMINDER_STAGES).split(","):
            if not name.strip():
                continue
            stage = parse_stage(name)
            if stage is None:
                raise DunningError(
                    _("The setting {key} names an unknown stage {stage} (known: {known}).").format(
                        key=RS.REMINDER_STAGES.key, stage=repr(name.strip()),
                        known=", ".join(STAGES))
                )
            enabled.add(stage)
        return cls(
            offsets={
                Stage.PRE_DUE: -abs(settings.get(RS.REMINDER_PRE_DUE_DAYS)),
                Stage.DUE: settings.get(RS.REMINDER_DUE_DAYS),
                Stage.POLITE: settings.get(RS.REMINDER_POLITE_DAYS),
                Stage.FIRM: settings.get(RS.REMINDER_FIRM_DAYS),
                Stage.FINAL: settings.get(RS.REMINDER_FINAL_DAYS),
            },
            enabled=frozenset(enabled),
            min_gap_days=settings.get(RS.REMINDER_MIN_GAP),
            final_pay_within_days=settings.get(RS.REMINDER_FINAL_PAY_WITHIN),
        )

    @property
    def sequence(self) -> tuple[Stage, ...]:
        """The stages switched on, in order."""
        return tuple(s for s in STAGES if s in self.enabled)

    def due_on(self, invoice: Invoice, stage: Stage) -> dt.date:
        """The first day *stage* may be sent for *invoice*."""
        return invoice.due_date + dt.timedelta(days=self.offsets[stage])

    def fitting_stage(self, days_from_due: int) -> Stage | None:
        """The most advanced stage switched on whose day has come (None: too early).

        A courtesy stage only fits in its own window: `pre-due` before the due date, `due`
        until the first escalation stage's day.
        """
        fitting = None
        for stage in self.sequence:
            if self.offsets[stage] <= days_from_due:
                fitting = stage
        if fitting is Stage.PRE_DUE and days_from_due >= 0:
            return None
        return fitting

    def pay_by(self, sent_on: dt.date) -> dt.date:
        """The pay-by date a final notice sent on *sent_on* gives."""
        return sent_on + dt.timedelta(days=self.final_pay_within_days)


# -- the history -------------------------------------------------------------------------------


def reached_client(event: ContactEvent) -> bool:
    """Whether the event is contact the client got (an email queued or failed is not)."""
    return not (event.kind == EventKind.EMAIL and EventStatus(event.status).unfinished)


def is_reminder(event: ContactEvent) -> bool:
    """An email or letter with a reminder stage that reached the client."""
    return (event.kind in (EventKind.EMAIL, EventKind.LETTER)
            and parse_stage(event.stage) is not None and reached_client(event))


def is_pending(event: ContactEvent) -> bool:
    """An email waiting in the outbox (queued, failed and waiting for a retry, or unknown and
    waiting for the user to say whether it arrived)."""
    return event.kind == EventKind.EMAIL and EventStatus(event.status).unfinished


class PromiseOutcome(StrEnum):
    KEPT = "kept"
    BROKEN = "broken"
    PENDING = "pending"


def promise_outcome(promise: ContactEvent, payments: Iterable[Payment], as_of: dt.date,
                    client_invoice_ids: Iterable[int] = ()) -> PromiseOutcome:
    """Whether a promise to pay was kept, as of *as_of*.

    Kept when the payments dated from the day of the promise to the promised date (both
    included) on the invoices it concerned (all *client_invoice_ids* when it named none)
    reach the promised amount (any payment, when it named no amount). Otherwise pending
    until the promised date has passed, then broken.
    """
    start = promise.at.date()
    until = promise.promised_date or start
    concerned = set(promise.invoice_ids) or set(client_invoice_ids)
    paid = sum(p.amount_minor for p in payments
               if p.invoice_id in concerned and start <= p.date <= min(until, as_of))
    target = promise.promised_minor
    if (target is None and paid > 0) or (target is not None and paid >= target):
        return PromiseOutcome.KEPT
    return PromiseOutcome.PENDING if as_of <= until else PromiseOutcome.BROKEN


@dataclass(frozen=True, slots=True)
class ClientFile:
    """All the policy reads about one client: its invoices, contact history and payments."""

    client: Client
    invoices: tuple[Invoice, ...]
    events: tuple[ContactEvent, ...] = ()
    payments: tuple[Payment, ...] = ()
    # The reminders per invoice id, in the order of `events`: made once, since the policy
    # asks for each invoice (a client with hundreds of invoices and events made that
    # quadratic: seconds for a ledger of 100,000 invoices).
    _reminders: dict[int, tuple[ContactEvent, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False)
    _last_reminder: dt.date | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[int, list[ContactEvent]] = {}
        last = None
        for event in self.events:
            if not is_reminder(event):
                continue
            day = event.at.date()
            if last is None or day > last:
                last = day
            for invoice_id in dict.fromkeys(event.invoice_ids):
                index.setdefault(invoice_id, []).append(event)
        object.__setattr__(self, "_reminders", {k: tuple(v) for k, v in index.items()})
        object.__setattr__(self, "_last_reminder", last)

    def reminders_for(self, invoice_id: int) -> list[ContactEvent]:
        return list(self._reminders.get(invoice_id, ()))

    def last_reminder_date(self) -> dt.date | None:
        return self._last_reminder

    def pending(self) -> list[ContactEvent]:
        return [e for e in self.events if is_pending(e)]

    def promises_for(self, invoice_id: int, as_of: dt.date) -> list[ContactEvent]:
        """The promises made by *as_of* that concern the invoice (naming it, or naming no
        invoice at all, which means all of the client's), oldest first."""
        found = [
            e for e in self.events
            if e.kind == EventKind.PROMISE and e.promised_date is not None
            and e.at.date() <= as_of and (not e.invoice_ids or invoice_id in e.invoice_ids)
        ]
        return sorted(found, key=lambda e: (e.at, e.id or 0))


# -- one invoice -------------------------------------------------------------------------------


class Outcome(StrEnum):
    SEND = "send"  # a stage is due today
    WAIT = "wait"  # nothing today; something may be due later (see next_date)
    MANUAL = "manual"  # the email sequence is over: call, or a dossier for an agency
    SKIP = "skip"  # never reminded as things stand (paid, void, disputed, paused, …)


class Reason(StrEnum):
    DUE = "due"
    PAID = "paid"
    VOID = "void"
    DRAFT = "draft"
    DISPUTED = "disputed"
    INVOICE_PAUSED = "invoice paused"
    CLIENT_PAUSED = "client paused"
    NOT_ISSUED = "not issued yet"
    PROMISED = "promised"
    NOT_YET = "not yet"
    ALREADY_SENT = "already sent"
    IN_OUTBOX = "in outbox"
    MIN_GAP = "min gap"
    PAY_BY_PENDING = "pay-by pending"
    SEQUENCE_DONE = "sequence done"


@dataclass(frozen=True, slots=True)
class Decision:
    """What the policy says about one invoice on one day, and why."""

    invoice: Invoice
    outcome: Outcome
    reason: Reason
    stage: Stage | None = None  # the stage due (or that would be due, but for the gap/outbox)
    last_stage: Stage | None = None  # the most advanced stage already sent
    last_stage_on: dt.date | None = None
    next_date: dt.date | None = None  # the first day something may change, when known
    broken_promise: ContactEvent | None = None  # a promise to mention in the next message
    promise: ContactEvent | None = None  # the promise still waiting for its date (PROMISED)

    def explain(self) -> str:
        """One line for the window and the command line."""
        inv = self.invoice
        if self.reason is Reason.DUE:
            if self.broken_promise is not None:
                return _("{stage} reminder due (the promise to pay by {date} was not kept)").format(
                    stage=self.stage.label, date=self.broken_promise.promised_date)
            return _("{stage} reminder due").format(stage=self.stage.label)
        texts = {
            Reason.PAID: _("paid"),
            Reason.VOID: _("void"),
            Reason.DRAFT: _("a draft"),
            Reason.DISPUTED: _("disputed: no reminders until the dispute is settled"),
            Reason.INVOICE_PAUSED: _("reminders paused for this invoice"),
            Reason.CLIENT_PAUSED: _("reminders paused for this client"),
            Reason.IN_OUTBOX: _("a message to this client waits in the outbox"),
        }
        if self.reason is Reason.NOT_ISSUED:
            return _("not issued until {date}").format(date=inv.issue_date)
        if self.reason in texts:
            return texts[self.reason]
        when = self.next_date
        if self.reason is Reason.PROMISED:
            by = self.promise.promised_date if self.promise is not None else None
            if when:
                return _("promised to pay by {by}; reminders resume on {date} if it is not "
                         "kept").format(by=by, date=when)
            return _("promised to pay by {by}; reminders resume if it is not kept").format(by=by)
        if self.reason is Reason.NOT_YET:
            if when:
                return _("nothing due yet; the first reminder on {date}").format(date=when)
            return _("nothing due yet; the first reminder")
        if self.reason is Reason.ALREADY_SENT:
            if when:
                return _("{stage} reminder sent on {sent}; the next on {date}").format(
                    stage=self.last_stage.label, sent=self.last_stage_on, date=when)
            return _("{stage} reminder sent on {sent}").format(
                stage=self.last_stage.label, sent=self.last_stage_on)
        if self.reason is Reason.MIN_GAP:
            if when:
                return _("{stage} reminder due, but the client was reminded less than the "
                         "minimum gap ago; possible on {date}").format(stage=self.stage.label,
                                                                 date=when)
            return _("{stage} reminder due, but the client was reminded less than the "
                     "minimum gap ago; possible").format(stage=self.stage.label)
        if self.reason is Reason.PAY_BY_PENDING:
            if when:
                return _("final notice sent on {sent}; waiting for its pay-by date, "
                         "{date}").format(sent=self.last_stage_on, date=when)
            return _("final notice sent on {sent}; waiting for its pay-by date").format(
                sent=self.last_stage_on)
        return _("the reminders are done ({stage} sent on {sent}): call the client, or "
                 "prepare a dossier for a collection agency").format(
            stage=self.last_stage.label, sent=self.last_stage_on)


def last_stage_sent(file: ClientFile, invoice_id: int) -> tuple[Stage | None, dt.date | None]:
    """The most advanced stage sent for the invoice, and the day it was first sent."""
    best: tuple[Stage, dt.date] | None = None
    for event in file.reminders_for(invoice_id):
        stage = parse_stage(event.stage)
        assert stage is not None
        day = event.at.date()
        if best is None or stage.rank > best[0].rank or (stage is best[0] and day < best[1]):
            best = (stage, day)
    return (best[0], best[1]) if best else (None, None)


def decide(invoice: Invoice, file: ClientFile, as_of: dt.date, policy: DunningPolicy) -> Decision:
    """What the policy says about *invoice* on *as_of*, from its due date and history."""
    skip = _skip_reason(invoice, file.client, as_of)
    if skip is not None:
        return Decision(invoice, Outcome.SKIP, skip)
    assert invoice.id is not None
    last, last_on = last_stage_sent(file, invoice.id)
    base = {"last_stage": last, "last_stage_on": last_on}

    # Any promise whose date has not come holds the reminders; once all have passed, the
    # newest broken one not yet followed by a reminder is mentioned in the next message.
    broken = None
    client_ids = [i.id for i in file.invoices]
    pending, unanswered = [], []
    for promise in file.promises_for(invoice.id, as_of):
        assert promise.promised_date is not None
        outcome = promise_outcome(promise, file.payments, as_of, client_ids)
        if outcome is PromiseOutcome.PENDING:
            pending.append(promise)
        elif outcome is PromiseOutcome.BROKEN and not any(
            e.at.date() > promise.promised_date for e in file.reminders_for(invoice.id)
        ):
            unanswered.append(promise)
    if pending:
        latest = max(pending, key=lambda p: (p.promised_date, p.at))
        assert latest.promised_date is not None
        return Decision(invoice, Outcome.WAIT, Reason.PROMISED, promise=latest,
                        next_date=latest.promised_date + dt.timedelta(days=1), **base)
    if unanswered:
        broken = max(unanswered, key=lambda p: (p.promised_date, p.at))

    days = (as_of - invoice.due_date).days
    sequence = policy.sequence
    if last is not None and last.rank >= sequence[-1].rank:
        # The sequence is over: wait for the final notice's pay-by date, then a manual step.
        assert last_on is not None
        until = policy.pay_by(last_on) if last is Stage.FINAL else (
            last_on + dt.timedelta(days=policy.min_gap_days))
        if as_of <= until:
            return Decision(invoice, Outcome.WAIT, Reason.PAY_BY_PENDING,
                            next_date=until + dt.timedelta(days=1), **base)
        return Decision(invoice, Outcome.MANUAL, Reason.SEQUENCE_DONE, **base)

    fitting = policy.fitting_stage(days)
    if fitting is None or (last is not None and fitting.rank <= last.rank):
        nxt = _next_stage_after(last, sequence, days)
        next_date = policy.due_on(invoice, nxt) if nxt is not None else None
        reason = Reason.NOT_YET if last is None else Reason.ALREADY_SENT
        return Decision(invoice, Outcome.WAIT, reason, next_date=next_date, **base)

    stage = fitting
    if fitting.escalation:
        # Never skip an escalation stage: the first switched-on one after the last sent.
        floor = last.rank if last is not None else -1
        stage = next(s for s in sequence if s.escalation and s.rank > floor)

    if file.pending():
        return Decision(invoice, Outcome.WAIT, Reason.IN_OUTBOX, stage=stage, **base)
    last_any = file.last_reminder_date()
    if last_any is not None and (as_of - last_any).days < policy.min_gap_days:
        return Decision(invoice, Outcome.WAIT, Reason.MIN_GAP, stage=stage,
                        next_date=last_any + dt.timedelta(days=policy.min_gap_days), **base)
    return Decision(invoice, Outcome.SEND, Reason.DUE, stage=stage, broken_promise=broken, **base)


def _skip_reason(invoice: Invoice, client: Client, as_of: dt.date) -> Reason | None:
    if invoice.void:
        return Reason.VOID
    if invoice.draft:
        return Reason.DRAFT
    if invoice.balance_minor <= 0:
        return Reason.PAID
    if invoice.issue_date > as_of:
        return Reason.NOT_ISSUED
    if invoice.disputed:
        return Reason.DISPUTED
    if invoice.reminders_paused:
        return Reason.INVOICE_PAUSED
    if client.reminders_paused:
        return Reason.CLIENT_PAUSED
    return None


def _next_stage_after(last: Stage | None, sequence: Sequence[Stage], days: int) -> Stage | None:
    """The next stage that could still be sent (courtesy stages whose window passed never)."""
    floor = last.rank if last is not None else -1
    for stage in sequence:
        if stage.rank <= floor:
            continue
        if stage is Stage.PRE_DUE and days >= 0:
            continue
        return stage
    return None


# -- one client --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ClientPlan:
    """One client's reminder for the day: the message's stage and the invoices it covers."""

    client: Client
    decisions: tuple[Decision, ...]
    stage: Stage | None  # None: no message today
    invoices: tuple[Invoice, ...]  # what the message covers, most overdue first
    broken_promise: ContactEvent | None = None

    @property
    def due(self) -> bool:
        return self.stage is not None and bool(self.invoices)

    @property
    def manual_steps(self) -> tuple[Decision, ...]:
        return tuple(d for d in self.decisions if d.outcome is Outcome.MANUAL)


def plan_client(file: ClientFile, as_of: dt.date, policy: DunningPolicy) -> ClientPlan:
    """The message a client is due today, if any.

    Its stage is the most advanced one due among the client's invoices. An escalation
    message covers only invoices due for an escalation stage (an invoice not yet overdue
    waits for its own courtesy notice instead of appearing in a firm letter).
    """
    decisions = tuple(decide(inv, file, as_of, policy) for inv in _by_due(file.invoices))
    due = [d for d in decisions if d.outcome is Outcome.SEND]
    if not due:
        return ClientPlan(file.client, decisions, None, ())
    stage = max((d.stage for d in due if d.stage is not None), key=lambda s: s.rank)
    if stage.escalation:
        due = [d for d in due if d.stage is not None and d.stage.escalation]
    broken = next((d.broken_promise for d in due if d.broken_promise is not None), None)
    return ClientPlan(file.client, decisions, stage, tuple(d.invoice for d in due), broken)


def manual_plan(file: ClientFile, as_of: dt.date, policy: DunningPolicy,
                stage: Stage | None = None) -> ClientPlan:
    """A message the user asks for by hand (a client added in the wizard, a stage changed):
    the policy's gap, history and promises do not hold it back, its hard rules do (paid,
    void, draft, disputed and paused invoices stay out).

    It covers the client's overdue invoices, or all open ones for a courtesy stage, and has
    by default the stage the most overdue of them would call for.
    """
    decisions = tuple(decide(inv, file, as_of, policy) for inv in _by_due(file.invoices))
    open_ = [d.invoice for d in decisions if d.outcome is not Outcome.SKIP]
    overdue = [inv for inv in open_ if inv.due_date < as_of]
    if stage is None:
        if overdue:
            last = max((d.last_stage for d in decisions if d.last_stage is not None),
                       key=lambda s: s.rank, default=None)
            fitting = policy.fitting_stage((as_of - overdue[0].due_date).days) or Stage.POLITE
            stage = fitting if fitting.escalation else Stage.POLITE
            if last is not None and last.rank >= stage.rank:
                stage = next((s for s in STAGES if s.escalation and s.rank > last.rank),
                             Stage.FINAL)
        else:
            soon = [inv for inv in open_ if inv.due_date == as_of]
            stage = Stage.DUE if soon else Stage.PRE_DUE
    covered = overdue if stage.escalation else open_
    if not stage.escalation and not covered:
        covered = open_
    broken = next((d.broken_promise for d in decisions
                   if d.broken_promise is not None and d.invoice in covered), None)
    return ClientPlan(file.client, decisions, stage, tuple(covered), broken)


def _by_due(invoices: Iterable[Invoice]) -> list[Invoice]:
    """Most overdue first (oldest due date), then by number."""
    return sorted(invoices, key=lambda inv: (inv.due_date, inv.number))

