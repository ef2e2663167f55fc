"""What the reminder plan looks like outside the wizard: the dry-run text of `collector
remind`, the dashboard's "to chase today", and the template editor's preview. All come from
the same `ReminderFlow` the wizard and the command line use, so they cannot disagree with it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from collector_gui.actions.delivery import OutboxItem
from collector_gui.actions.remind import ReminderFlow
from collector_gui.core.dunning import Stage, manual_plan
from collector_gui.core.errors import CollectorError
from collector_gui.core.i18n import N_, _, ngettext
from collector_gui.core.money import format_minor
from collector_gui.documents.messages import RenderedMessage
from collector_gui.ledger import outbox as ob
from collector_gui.ledger.store import Store


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
    for item in flow.held_back():
        out.append(held_back_text(item))
    for client, decision in flow.manual_steps():
        out.append(_("Manual step for {client}, invoice {number}: {explanation}").format(
            client=client.name, number=decision.invoice.number, explanation=decision.explain()))
    return "\n".join(out).rstrip() + "\n"


def held_back_text(item: OutboxItem) -> str:
    """Why a client is not in today's plan: its unfinished message (`collector outbox`)."""
    if item.status == "unknown":
        text = _("Held back: {client}: message #{id} may or may not have arrived ({reason}); "
                 "resolve it with `collector outbox resolve {id} --sent` or `--resend`.")
    elif item.status == "failed":
        text = _("Held back: {client}: message #{id} failed ({reason}); retry or discard "
                 "it with `collector outbox`.")
    else:
        text = _("Held back: {client}: message #{id} is being sent.")
    return text.format(client=item.client, id=item.event_id, reason=item.error)


# -- the dashboard's "to chase today" -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ChaseInvoice:
    """One invoice of a client to chase, and what is due for it today."""

    id: int
    number: str
    due_date: dt.date
    currency: str
    balance_minor: int
    action: str  # the reminder stage due ("polite", "firm", …), or "manual" (call, dossier)


@dataclass(frozen=True, slots=True)
class ChaseGroup:
    """A client to chase today: the stage of the message due (None when only a call or a
    dossier is), whether a manual step is due too, and the invoices concerned."""

    client_id: int
    client: str
    stage: str | None
    manual: bool
    invoices: tuple[ChaseInvoice, ...]

    def totals(self) -> dict[str, int]:
        """What the client owes on these invoices, per currency (in order of first use)."""
        out: dict[str, int] = {}
        for inv in self.invoices:
            out[inv.currency] = out.get(inv.currency, 0) + inv.balance_minor
        return out

    @property
    def oldest_due(self) -> dt.date:
        return min(inv.due_date for inv in self.invoices)


def _chase_groups(flow: ReminderFlow) -> tuple[ChaseGroup, ...]:
    """The plan's invoices, one group per client, the client most overdue first."""
    found: dict[int, dict] = {}

    def group(client) -> dict:
        return found.setdefault(client.id, {"client": client.name, "stage": None,
                                            "manual": False, "invoices": {}})

    def add(g: dict, inv, action: str) -> None:
        if inv.id is not None and inv.id not in g["invoices"]:
            g["invoices"][inv.id] = ChaseInvoice(inv.id, inv.number, inv.due_date, inv.currency,
                                                 inv.balance_minor, action)

    for e in flow.entries:
        if e.by_hand:
            continue
        g = group(e.client)
        g["stage"] = str(e.stage)
        for inv in e.invoices:
            add(g, inv, str(e.stage))
    for client, d in flow.manual_steps():
        g = group(client)
        g["manual"] = True
        add(g, d.invoice, "manual")
    groups = [ChaseGroup(cid, g["client"], g["stage"], g["manual"],
                         tuple(sorted(g["invoices"].values(), key=lambda i: (i.due_date, i.id))))
              for cid, g in found.items() if g["invoices"]]
    return tuple(sorted(groups, key=lambda g: (g.oldest_due, g.client.casefold(), g.client_id)))


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
    groups: tuple[ChaseGroup, ...] = ()  # the same invoices, one group per client

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
                   tuple(sorted(i for i in manual if i is not None)), _chase_groups(flow))


def chase_today(store: Store, as_of: dt.date | None = None) -> ChaseToday:
    """The invoices to act on today, from the same plan as the wizard's (reminders due,
    manual steps). Reads every unpaid invoice's history: run it off the window's thread."""
    return ChaseToday.of(ReminderFlow(store, as_of))


# -- the template editor's preview -----------------------------------------------------------


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
    flow.entries.append(flow.entry_for_plan(files[0], plan, by_hand=True))
    return flow.preview(found.id, overrides)


__all__ = ["ChaseGroup", "ChaseInvoice", "ChaseToday", "chase_today", "format_drafts", "held_back_text", "preview_template"]
