"""What one client's reminder says, and how it reads: the tone rules.

The policy (dunning.py) says which invoices are due for which stage; a client reads one
message. It covers every overdue invoice the client still owes, not just the ones whose
stage fell due today (one amount to pay); its stage is never softer than what the client
received in the last 60 days about a late debt it still asks for; its words follow the age
of the debt ("if you have already paid, please ignore this" only in the first days; a
pay-by date from the firm stage on; late charges named from the firm stage on). Pure: no
I/O, no SQL, no Qt.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from collector_gui.core.dunning import (
    ClientFile,
    Decision,
    DunningPolicy,
    Outcome,
    Reason,
    Stage,
    _by_due,
    decide,
    is_reminder,
    parse_stage,
)
from collector_gui.core.model import Invoice


# A client's last reminder sets the floor of the next one's tone for this many days: a client
# who had a final notice three weeks ago does not get a cheerful "due today" next.
TONE_MEMORY_DAYS = 60
# "If you have already paid, please ignore this" fits only the first days after the due date.
CROSSED_DAYS = 10
# Beyond this many days late, even the first (polite) message says how late it is and asks
# for a date, instead of wondering whether the payment crossed it.
LONG_OVERDUE_DAYS = 30


def recent_stage(file: ClientFile, as_of: dt.date, within_days: int = TONE_MEMORY_DAYS,
                 about: Iterable[Invoice] | None = None) -> Stage | None:
    """The most advanced reminder stage the client received in the last *within_days*; with
    *about*, only the reminders that named one of those invoices (or named none)."""
    since = as_of - dt.timedelta(days=within_days)
    ids = None if about is None else {inv.id for inv in about}
    best: Stage | None = None
    for event in file.events:
        if not is_reminder(event) or not since <= event.at.date() <= as_of:
            continue
        if ids is not None and event.invoice_ids and ids.isdisjoint(event.invoice_ids):
            continue
        stage = parse_stage(event.stage)
        if stage is not None and (best is None or stage.rank > best.rank):
            best = stage
    return best


def message_stage(stage: Stage, file: ClientFile, as_of: dt.date,
                  invoices: Sequence[Invoice]) -> Stage:
    """The stage of a client's message about *invoices*: the one they call for, never softer
    than the escalation stage the client received recently about a debt the message still
    asks for (recent_stage). A final notice about invoices paid since does not make the next
    message final, nor does any notice when none of its invoices is late: a client once got
    "final reminder… a debt collection agency" for an invoice due in two days."""
    if not any(inv.due_date < as_of for inv in invoices):
        return stage
    floor = recent_stage(file, as_of, about=invoices)
    if floor is not None and floor.escalation and floor.rank > stage.rank:
        return floor
    return stage


def message_cover(file: ClientFile, due: Sequence[Invoice], as_of: dt.date,
                  decisions: Sequence[Decision] = ()) -> tuple[tuple[Invoice, ...],
                                                           tuple[Invoice, ...]]:
    """What a client's message covers: the invoices *due* for a reminder plus every other
    overdue invoice the client still owes (already reminded, waiting for a pay-by date, or
    past the email sequence), most overdue first; and, apart, the open invoices on hold
    (disputed or paused), which the message names but does not ask for. An invoice waiting
    for a promise to pay stays out of both (the promise stands)."""
    by_id = {d.invoice.id: d for d in decisions}
    owed: dict[int | None, Invoice] = {inv.id: inv for inv in due}
    held: list[Invoice] = []
    for inv in file.invoices:
        if not inv.is_open() or inv.issue_date > as_of or inv.id in owed:
            continue
        if inv.disputed or inv.reminders_paused:
            held.append(inv)
            continue
        decision = by_id.get(inv.id)
        if decision is None:
            decision = decide(inv, file, as_of, DunningPolicy())
        if decision.outcome is Outcome.SKIP or decision.reason is Reason.PROMISED:
            continue
        if inv.due_date < as_of:
            owed[inv.id] = inv
    return tuple(_by_due(owed.values())), tuple(_by_due(held))


@dataclass(frozen=True, slots=True)
class Tone:
    """How a message reads, from its stage and the age of what it asks for."""

    stage: Stage
    days_overdue: int  # of the most overdue invoice it asks for (0: none overdue)

    @property
    def may_have_crossed(self) -> bool:
        """"If you have already paid, please ignore this": courtesy notices, and a polite
        one in the first days only."""
        if not self.stage.escalation:
            return True
        return self.stage is Stage.POLITE and self.days_overdue <= CROSSED_DAYS

    @property
    def long_overdue(self) -> bool:
        return self.days_overdue > LONG_OVERDUE_DAYS

    @property
    def asks_date(self) -> bool:
        """Firm and final notices give a pay-by date (and a polite one long overdue)."""
        return self.stage in (Stage.FIRM, Stage.FINAL) or (
            self.stage is Stage.POLITE and self.long_overdue)

    @property
    def asks_confirmation(self) -> bool:
        """Courtesy notices ask the client to confirm the invoice arrived and is scheduled."""
        return not self.stage.escalation

    @property
    def shows_charges(self) -> bool:
        """Late charges are named from the firm stage on, never beside "please ignore"."""
        return self.stage in (Stage.FIRM, Stage.FINAL)


def message_tone(stage: Stage, invoices: Iterable[Invoice], as_of: dt.date) -> Tone:
    return Tone(stage, max((inv.days_overdue(as_of) for inv in invoices), default=0))


def pay_by_date(stage: Stage, tone: Tone, as_of: dt.date, policy: DunningPolicy
                ) -> dt.date | None:
    """The date a message asks the payment for (final_pay_within_days after today)."""
    return policy.pay_by(as_of) if tone.asks_date else None
