"""The reminder wizard's navigation and rules, without Qt (as Electrum's electrum/wizard.py).

The window's QWizard (ui/reminder_wizard.py) only shows what `WizardModel` says: which page
is current, whether Next, Back and Send may be pressed, what the busy page says, the last
question before sending and the summary's groups. Its long steps are plain functions that a
worker thread runs with its own Store and a `Task` (progress, and a stop between clients when
cancelled): `build_plan` (today's plan, about 1 s at 100,000 invoices) and `render_drafts`
(one draft per ticked client, about 25 s there before the shared Jinja environment). While
one runs the model is *busy*: every button but Cancel is off, so the UI thread never touches
the flow the worker is filling in.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field

from collector_gui.actions.bank import last_import_notice
from collector_gui.actions.config import settings_of
# collector_paused, thaw: in gc_pause.py, kept importable from here for the wizard
from collector_gui.actions.gc_pause import collector_paused, thaw  # noqa: F401
from collector_gui.actions.delivery import Clock, DeliverySummary, MessageResult, OutboxItem
from collector_gui.actions.remind import Draft, PlanEntry, ReminderFlow, plan_reminders
from collector_gui.core.errors import CollectorError
from collector_gui.core.i18n import _, ngettext
from collector_gui.core.progress import ProgressCallback, Task
from collector_gui.ledger.store import Store


class Page(enum.Enum):
    CHOOSE = "choose"  # who to remind, and with which stage
    REVIEW = "review"  # one draft per ticked client, editable
    SEND = "send"  # send or save as .eml, then the summary


class Work(enum.Enum):
    """What the worker thread is doing for the wizard (the busy page names it)."""

    PLAN = "plan"  # working out today's reminders
    DRAFTS = "drafts"  # writing the messages
    DELIVERY = "delivery"  # sending or saving them


@dataclass
class Plan:
    """What `build_plan` hands back to the UI thread."""

    flow: ReminderFlow
    held: list[OutboxItem] = field(default_factory=list)  # clients kept out by the outbox


def relay(task: Task, report: ProgressCallback) -> Task:
    """A Task that stops when *task* is cancelled and also tells *report* (the busy page)."""

    def forward(done: int, total: int, text: str) -> None:
        task.step(done, total, text)  # raises Cancelled once the user asked to stop
        report(done, total, text)

    return Task(forward)


def build_plan(store: Store, as_of: dt.date, *, client: str | None = None,
               task: Task | None = None, now: Clock | None = None) -> Plan:
    """Today's plan (or one client's reminder), read through *store*; stops between clients
    when *task* is cancelled. Runs in a worker thread: it touches no widget and no flow the
    UI holds."""
    task = task or Task()
    flow = plan_reminders(store, as_of, client=client, now=now, task=task)
    if client is not None and not flow.entries:
        found = store.find_client(client)
        if found is not None and found.id is not None:
            try:
                flow.add_client(found.id)
            except CollectorError:
                pass  # the page says there is nothing to remind
    held = flow.held_back()
    task.step(len(flow.client_plans), len(flow.client_plans))
    return Plan(flow, held)


def _rendered(flow: ReminderFlow, entry: PlanEntry) -> bool:
    draft = flow._drafts.get(entry.client_id)
    return draft is not None and draft.stage is entry.stage


def drafts_missing(flow: ReminderFlow) -> list[PlanEntry]:
    """The ticked clients whose draft is not written yet (or was for another stage)."""
    return [e for e in flow.included if not _rendered(flow, e)]


def written_drafts(flow: ReminderFlow) -> list[Draft]:
    """The ticked clients' drafts, all written by now, in one pass (flow.drafts() looks each
    client up in the plan: 150,000 comparisons for 543 clients)."""
    drafts = flow._drafts
    return [drafts[e.client_id] for e in flow.included]


def render_drafts(flow: ReminderFlow, store: Store, task: Task | None = None) -> int:
    """Write the ticked clients' drafts not written yet, reading through *store* (a worker's);
    stops between clients when *task* is cancelled (the drafts written so far are kept).
    Returns how many were written."""
    task = task or Task()
    todo = drafts_missing(flow)
    with flow._on(store):
        for done, entry in enumerate(todo):
            task.step(done, len(todo), _("Writing the messages: {done} of {total}").format(
                done=done, total=len(todo)))
            flow.draft(entry.client_id)
    task.step(len(todo), len(todo))
    return len(todo)


# The summary's groups, in the order they are shown.
SUMMARY_ORDER = ("sent", "saved", "failed", "unknown", "skipped")


def summary_groups(summary: DeliverySummary) -> list[tuple[str, list[MessageResult]]]:
    """(status, results) for each status that has any, in SUMMARY_ORDER."""
    groups = []
    for status in SUMMARY_ORDER:
        results = [r for r in summary.results if r.status == status]
        if results:
            groups.append((status, results))
    return groups


class WizardModel:
    """Where the wizard is and what may be pressed; the UI asks, then shows."""

    def __init__(self, as_of: dt.date, *, client: str | None = None) -> None:
        self.as_of = as_of
        self.client = client
        self.page = Page.CHOOSE
        self.flow: ReminderFlow | None = None
        self.held: list[OutboxItem] = []
        self.work: Work | None = None
        self.summary: DeliverySummary | None = None
        self.error: str = ""  # why the plan could not be made (shown instead of the table)
        self.bank_notice: str = ""  # "your last bank import was 12 days ago: …"

    # -- the long steps --------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self.work is not None

    def start(self, work: Work) -> None:
        if self.busy:
            raise RuntimeError(f"the wizard is already busy ({self.work})")
        if work is not Work.PLAN and self.flow is None:
            raise RuntimeError("there is no plan yet")
        self.work = work

    def stopped(self) -> None:
        """The work ended (done, failed or cancelled)."""
        self.work = None

    def plan_made(self, plan: Plan, store: Store) -> None:
        """The worker's plan, now the UI's: it reads through the UI thread's *store*. Still
        busy until the UI has shown it (`stopped()`): the table fills over a few turns."""
        plan.flow.store = store
        self.flow, self.held = plan.flow, plan.held
        self.error = ""
        # How old the bank's news is, as `collector remind` says first (one small read).
        self.bank_notice = last_import_notice(store, self.as_of, window=True)

    def plan_failed(self, message: str) -> None:
        self.error = message
        self.stopped()

    def settings_changed(self, store: Store) -> None:
        """The user saved settings (the mail server) while the wizard was open: send with
        them, not with those read when the plan was made."""
        if self.flow is not None:
            self.flow._settings = settings_of(store)

    # -- navigation --------------------------------------------------------------------------

    def needs_drafts(self) -> bool:
        return self.flow is not None and bool(drafts_missing(self.flow))

    @property
    def can_next(self) -> bool:
        if self.busy or self.flow is None:
            return False
        if self.page is Page.CHOOSE:
            return bool(self.flow.included)
        return self.page is Page.REVIEW

    @property
    def can_back(self) -> bool:
        return (not self.busy and self.page is not Page.CHOOSE and self.summary is None)

    @property
    def can_finish(self) -> bool:
        return not self.busy and self.summary is not None

    def next(self) -> Page:
        """Go on; from Choose only once every ticked client's draft is written."""
        if not self.can_next:
            raise RuntimeError(f"Next is not possible on {self.page}")
        if self.page is Page.CHOOSE:
            if self.needs_drafts():
                raise RuntimeError("the drafts are not written yet")
            self.page = Page.REVIEW
        else:
            self.page = Page.SEND
        return self.page

    def back(self) -> Page:
        if not self.can_back:
            raise RuntimeError(f"Back is not possible on {self.page}")
        self.page = Page.REVIEW if self.page is Page.SEND else Page.CHOOSE
        return self.page

    def go_to(self, page: Page) -> None:
        """Follow the window (QWizard moves first; this keeps the model in step)."""
        self.page = page

    # -- sending -----------------------------------------------------------------------------

    def messages_to_send(self) -> int:
        return len(self.flow.included) if self.flow is not None else 0

    def can_send(self, smtp_problems: list[str]) -> bool:
        return (not self.busy and self.page is Page.SEND and self.summary is None
                and not smtp_problems and self.messages_to_send() > 0)

    def can_save(self) -> bool:
        return (not self.busy and self.page is Page.SEND and self.summary is None
                and self.messages_to_send() > 0)

    def confirm_question(self) -> str:
        """The last question before anything goes (one message per client)."""
        assert self.flow is not None
        n = len(self.flow.included)
        clients = len({e.client_id for e in self.flow.included})
        assert clients == n, "one message per client"
        return ngettext("Send {n} message to {clients} client?",
                        "Send {n} messages to {clients} clients?", n).format(
                            n=n, clients=clients)

    def delivered(self, summary: DeliverySummary) -> None:
        self.summary = summary
        self.stopped()


__all__ = ["Page", "Plan", "SUMMARY_ORDER", "WizardModel", "Work", "build_plan",
           "collector_paused", "drafts_missing", "thaw", "relay", "render_drafts", "summary_groups",
           "written_drafts"]
