"""The reminder policy: examples of each rule, then many generated histories (hypothesis)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from collector_gui.core import reminder_settings as RS
from collector_gui.core.dunning import (
    ClientFile,
    DunningError,
    DunningPolicy,
    Outcome,
    Reason,
    Stage,
    decide,
    manual_plan,
    plan_client,
)
from collector_gui.core.model import (
    Client,
    ContactEvent,
    EventKind,
    EventStatus,
    Invoice,
    Payment,
)
from collector_gui.core.settings import Settings

DUE = dt.date(2026, 10, 1)
POLICY = DunningPolicy()
CLIENT = Client(name="Acme", email="a@acme.test", id=1)


def day(n: int) -> dt.date:
    """n days after the due date (negative: before)."""
    return DUE + dt.timedelta(days=n)


def inv(id_: int = 1, due: dt.date = DUE, **kw) -> Invoice:
    return Invoice(f"2026-{id_:04d}", 1, due - dt.timedelta(days=30), due, "EUR",
                   kw.pop("total_minor", 10000), id=id_, **kw)


def sent(stage: str, on: dt.date, *invoices: int, status=EventStatus.SENT,
         kind=EventKind.EMAIL) -> ContactEvent:
    return ContactEvent(client_id=1, at=dt.datetime.combine(on, dt.time(10)), kind=kind,
                        invoice_ids=invoices or (1,), stage=stage, status=status)


def promise(made: dt.date, by: dt.date, *invoices: int, amount: int | None = None) -> ContactEvent:
    return ContactEvent(client_id=1, at=dt.datetime.combine(made, dt.time(11)),
                        kind=EventKind.PROMISE, invoice_ids=invoices, promised_date=by,
                        promised_minor=amount)


def decide_on(n: int, *events: ContactEvent, invoice: Invoice | None = None,
              client: Client = CLIENT, payments=(), policy=POLICY):
    invoice = invoice or inv()
    file = ClientFile(client, (invoice,), tuple(events), tuple(payments))
    return decide(invoice, file, day(n), policy)


# -- stages by date, with no history ------------------------------------------------------------

@pytest.mark.parametrize("n, outcome, stage", [
    (-30, Outcome.WAIT, None), (-8, Outcome.WAIT, None),
    (-7, Outcome.SEND, Stage.PRE_DUE), (-1, Outcome.SEND, Stage.PRE_DUE),
    (0, Outcome.SEND, Stage.DUE), (2, Outcome.SEND, Stage.DUE),
    (3, Outcome.SEND, Stage.POLITE), (14, Outcome.SEND, Stage.POLITE),
    # an invoice found late gets the polite reminder first: escalation is never skipped
    (15, Outcome.SEND, Stage.POLITE), (90, Outcome.SEND, Stage.POLITE),
])
def test_the_first_reminder_by_date(n, outcome, stage):
    decision = decide_on(n)
    assert (decision.outcome, decision.stage) == (outcome, stage)


def test_too_early_says_when():
    decision = decide_on(-10)
    assert decision.reason is Reason.NOT_YET and decision.next_date == day(-7)
    assert "2026-09-24" in decision.explain()


# -- the sequence goes on, never back, never twice ------------------------------------------------

@pytest.mark.parametrize("history, n, outcome, stage, reason", [
    ([("pre-due", -7)], -3, Outcome.WAIT, None, Reason.ALREADY_SENT),
    ([("pre-due", -7)], 0, Outcome.SEND, Stage.DUE, Reason.DUE),
    # due sent on the day, polite day has come but the 6-day gap has not passed
    ([("pre-due", -7), ("due", 0)], 3, Outcome.WAIT, Stage.POLITE, Reason.MIN_GAP),
    ([("pre-due", -7), ("due", 0)], 6, Outcome.SEND, Stage.POLITE, Reason.DUE),
    ([("polite", 3)], 10, Outcome.WAIT, None, Reason.ALREADY_SENT),
    ([("polite", 3)], 15, Outcome.SEND, Stage.FIRM, Reason.DUE),
    ([("polite", 3), ("firm", 15)], 29, Outcome.WAIT, None, Reason.ALREADY_SENT),
    ([("polite", 3), ("firm", 15)], 30, Outcome.SEND, Stage.FINAL, Reason.DUE),
    # found late: polite on day 40, then firm (not final) once the gap allows
    ([("polite", 40)], 41, Outcome.WAIT, Stage.FIRM, Reason.MIN_GAP),
    ([("polite", 40)], 46, Outcome.SEND, Stage.FIRM, Reason.DUE),
    ([("polite", 40), ("firm", 46)], 52, Outcome.SEND, Stage.FINAL, Reason.DUE),
    # after the final notice: its pay-by date (7 days), then a manual step, never more email
    ([("final", 30)], 37, Outcome.WAIT, None, Reason.PAY_BY_PENDING),
    ([("final", 30)], 38, Outcome.MANUAL, None, Reason.SEQUENCE_DONE),
    ([("final", 30)], 300, Outcome.MANUAL, None, Reason.SEQUENCE_DONE),
    # a stage sent out of order (by hand) still never goes back
    ([("firm", 4)], 14, Outcome.WAIT, None, Reason.ALREADY_SENT),
])
def test_history(history, n, outcome, stage, reason):
    decision = decide_on(n, *(sent(s, day(d)) for s, d in history))
    assert (decision.outcome, decision.stage, decision.reason) == (outcome, stage, reason)


def test_the_gap_counts_reminders_about_any_invoice_of_the_client():
    other_invoice_reminder = sent("polite", day(12), 2)
    decision = decide_on(15, other_invoice_reminder)
    assert decision.reason is Reason.MIN_GAP and decision.next_date == day(18)


@pytest.mark.parametrize("status", [EventStatus.QUEUED, EventStatus.FAILED])
def test_a_message_in_the_outbox_is_not_sent_and_holds_back_the_next(status):
    decision = decide_on(20, sent("polite", day(3), status=status))
    # not counted as sent (the polite one is still due), and nothing new meanwhile
    assert (decision.outcome, decision.reason, decision.stage) == (
        Outcome.WAIT, Reason.IN_OUTBOX, Stage.POLITE)
    assert decision.last_stage is None


@pytest.mark.parametrize("status", [EventStatus.SAVED, EventStatus.LOGGED])
def test_saved_eml_and_logged_letters_count_as_sent(status):
    kind = EventKind.LETTER if status is EventStatus.LOGGED else EventKind.EMAIL
    decision = decide_on(10, sent("polite", day(3), status=status, kind=kind))
    assert decision.reason is Reason.ALREADY_SENT and decision.last_stage is Stage.POLITE


def test_calls_and_notes_without_a_stage_are_not_reminders():
    call = ContactEvent(client_id=1, at=dt.datetime.combine(day(2), dt.time(9)),
                        kind=EventKind.CALL, invoice_ids=(1,))
    assert decide_on(3, call).outcome is Outcome.SEND


# -- nothing for … ------------------------------------------------------------------------------

@pytest.mark.parametrize("change, reason", [
    ({"paid_minor": 10000}, Reason.PAID),
    ({"void": True}, Reason.VOID),
    ({"draft": True}, Reason.DRAFT),
    ({"disputed": True}, Reason.DISPUTED),
    ({"reminders_paused": True}, Reason.INVOICE_PAUSED),
])
def test_no_reminder_for(change, reason):
    decision = decide_on(20, invoice=replace(inv(), **change))
    assert (decision.outcome, decision.reason) == (Outcome.SKIP, reason)


def test_no_reminder_for_a_client_whose_reminders_are_paused():
    decision = decide_on(20, client=replace(CLIENT, reminders_paused=True))
    assert decision.reason is Reason.CLIENT_PAUSED


def test_a_client_on_hold_is_still_reminded():
    assert decide_on(20, client=replace(CLIENT, on_hold=True)).outcome is Outcome.SEND


def test_a_partly_paid_invoice_is_still_reminded():
    assert decide_on(20, invoice=inv(paid_minor=4000)).outcome is Outcome.SEND


# -- promises to pay ----------------------------------------------------------------------------

def test_a_promise_holds_reminders_until_its_date():
    p = promise(day(5), day(12), 1)
    waiting = decide_on(12, p)
    assert (waiting.outcome, waiting.reason, waiting.next_date) == (
        Outcome.WAIT, Reason.PROMISED, day(13))
    assert "2026-10-13" in waiting.explain()


def test_a_broken_promise_resumes_the_sequence_and_is_mentioned_once():
    p = promise(day(5), day(12), 1)
    broken = decide_on(13, p)
    assert (broken.outcome, broken.stage, broken.broken_promise) == (Outcome.SEND, Stage.POLITE, p)
    after = decide_on(30, p, sent("polite", day(13)))
    assert after.stage is Stage.FIRM and after.broken_promise is None


def test_a_promise_naming_no_invoice_covers_all_of_them():
    assert decide_on(10, promise(day(5), day(12))).reason is Reason.PROMISED


def test_a_promise_about_another_invoice_does_not_hold_this_one():
    assert decide_on(10, promise(day(5), day(12), 2)).outcome is Outcome.SEND


def test_a_kept_promise_is_not_called_broken():
    p = promise(day(5), day(12), 1, amount=3000)
    paid = Payment(1, day(8), 3000)
    decision = decide_on(13, p, invoice=inv(paid_minor=3000), payments=[paid])
    assert decision.outcome is Outcome.SEND and decision.broken_promise is None


def test_a_promise_half_kept_is_broken():
    p = promise(day(5), day(12), 1, amount=3000)
    paid = Payment(1, day(8), 1000)
    decision = decide_on(13, p, invoice=inv(paid_minor=1000), payments=[paid])
    assert decision.broken_promise == p


# -- one client, several invoices ----------------------------------------------------------------

def test_one_message_with_the_most_advanced_stage():
    a = inv(1, due=day(0))
    b = inv(2, due=day(15))
    file = ClientFile(CLIENT, (b, a), (sent("polite", day(3), 1),))
    plan = plan_client(file, day(20), POLICY)  # a: firm due; b: polite due
    assert plan.stage is Stage.FIRM
    assert [i.number for i in plan.invoices] == [a.number, b.number]


def test_an_escalation_message_leaves_out_invoices_not_yet_due():
    overdue = inv(1, due=day(0))
    coming = inv(2, due=day(25))
    plan = plan_client(ClientFile(CLIENT, (overdue, coming)), day(20), POLICY)
    assert plan.stage is Stage.POLITE and plan.invoices == (overdue,)


def test_courtesy_message_covers_both_coming_invoices():
    a, b = inv(1, due=day(3)), inv(2, due=day(5))
    plan = plan_client(ClientFile(CLIENT, (a, b)), day(0), POLICY)
    assert plan.stage is Stage.PRE_DUE and plan.invoices == (a, b)


def test_no_message_when_nothing_is_due():
    plan = plan_client(ClientFile(CLIENT, (inv(paid_minor=10000),)), day(20), POLICY)
    assert not plan.due and plan.stage is None


def test_manual_steps_are_listed():
    plan = plan_client(ClientFile(CLIENT, (inv(),), (sent("final", day(30)),)), day(40), POLICY)
    assert not plan.due
    (step,) = plan.manual_steps
    assert "collection agency" in step.explain()


def test_a_message_by_hand_ignores_the_gap_but_not_the_hard_rules():
    a, disputed = inv(1), inv(2, disputed=True)
    file = ClientFile(CLIENT, (a, disputed), (sent("polite", day(18), 1),))
    plan = manual_plan(file, day(20), POLICY)
    assert plan.stage is Stage.FIRM and plan.invoices == (a,)
    assert manual_plan(file, day(20), POLICY, Stage.FINAL).stage is Stage.FINAL


# -- the policy's own settings ------------------------------------------------------------------

def test_from_settings_defaults_and_changes():
    assert DunningPolicy.from_settings(Settings({})) == POLICY
    custom = DunningPolicy.from_settings(Settings({
        RS.REMINDER_PRE_DUE_DAYS.key: "3", RS.REMINDER_FIRM_DAYS.key: "20",
        RS.REMINDER_STAGES.key: "polite, firm,final", RS.REMINDER_MIN_GAP.key: "10",
    }))
    assert custom.offsets[Stage.PRE_DUE] == -3 and custom.offsets[Stage.FIRM] == 20
    assert custom.sequence == (Stage.POLITE, Stage.FIRM, Stage.FINAL)
    assert custom.min_gap_days == 10


@pytest.mark.parametrize("raw, message", [
    ({RS.REMINDER_FIRM_DAYS.key: "2"}, "firm reminder .* must come after the polite"),
    ({RS.REMINDER_STAGES.key: "polite,gentle"}, "unknown stage 'gentle'"),
    ({RS.REMINDER_STAGES.key: " , "}, "At least one"),
    ({RS.REMINDER_POLITE_DAYS.key: "0"}, "at least a day after"),
])
def test_contradictory_settings_are_refused(raw, message):
    with pytest.raises(DunningError, match=message):
        DunningPolicy.from_settings(Settings(raw))


def test_switched_off_stages_are_not_sent():
    policy = replace(POLICY, enabled=frozenset({Stage.POLITE, Stage.FINAL}))
    assert decide_on(-3, policy=policy).reason is Reason.NOT_YET
    assert decide_on(0, policy=policy).reason is Reason.NOT_YET
    assert decide_on(20, sent("polite", day(3)), policy=policy).reason is Reason.ALREADY_SENT
    assert decide_on(30, sent("polite", day(3)), policy=policy).stage is Stage.FINAL


# -- many histories ----------------------------------------------------------------------------

HORIZON = 150


@st.composite
def policies(draw) -> DunningPolicy:
    pre = -draw(st.integers(1, 14))
    due = draw(st.integers(0, 3))
    polite = due + draw(st.integers(1, 10))
    firm = polite + draw(st.integers(1, 20))
    final = firm + draw(st.integers(1, 20))
    enabled = draw(st.sets(st.sampled_from(list(Stage)), min_size=1))
    return DunningPolicy(
        offsets={Stage.PRE_DUE: pre, Stage.DUE: due, Stage.POLITE: polite, Stage.FIRM: firm,
                 Stage.FINAL: final},
        enabled=frozenset(enabled), min_gap_days=draw(st.integers(0, 10)),
        final_pay_within_days=draw(st.integers(0, 14)),
    )


ACTIONS = st.one_of(
    st.tuples(st.just("pay"), st.integers(0, 2), st.sampled_from([1000, 5000, 10000])),
    st.tuples(st.just("promise"), st.integers(0, 2), st.integers(0, 20)),
    st.tuples(st.sampled_from(["dispute", "undispute", "pause", "unpause"]), st.integers(0, 2),
              st.just(0)),
    st.tuples(st.sampled_from(["client pause", "client unpause"]), st.just(0), st.just(0)),
)


@st.composite
def scenarios(draw):
    policy = draw(policies())
    count = draw(st.integers(1, 3))
    dues = [draw(st.integers(10, 60)) for _ in range(count)]
    runs = draw(st.sets(st.integers(0, HORIZON), min_size=1, max_size=HORIZON))
    daily = draw(st.booleans())
    actions = draw(st.dictionaries(st.integers(0, HORIZON), ACTIONS, max_size=8))
    return policy, dues, sorted(range(HORIZON + 1) if daily else runs), actions


START = dt.date(2026, 1, 1)


def _date(n: int) -> dt.date:
    return START + dt.timedelta(days=n)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_policy_properties_over_many_histories(scenario):
    policy, dues, run_days, actions = scenario
    invoices = [Invoice(f"N{i}", 1, _date(0), _date(d), "EUR", 10000, id=i + 1)
                for i, d in enumerate(dues)]
    client = CLIENT
    events: list[ContactEvent] = []
    payments: list[Payment] = []
    sent_days: list[int] = []
    stages_of: dict[int, list[Stage]] = {i.id: [] for i in invoices}
    mentioned: set[int] = set()

    def promise_pending(invoice_id: int, today: int) -> bool:
        for e in events:
            made = (e.at.date() - START).days
            if e.kind is EventKind.PROMISE and made <= today and (
                    not e.invoice_ids or invoice_id in e.invoice_ids):
                until = (e.promised_date - START).days
                paid = any(made <= (p.date - START).days <= today for p in payments)
                if until >= today and not paid:
                    return True
        return False

    for today in range(HORIZON + 1):
        act = actions.get(today)
        if act is not None:
            what, index, value = act
            index = min(index, len(invoices) - 1)
            target = invoices[index]
            if what == "pay" and target.balance_minor > 0:
                amount = min(value, target.balance_minor)
                payments.append(Payment(target.id, _date(today), amount))
                invoices[index] = replace(target, paid_minor=target.paid_minor + amount)
            elif what == "promise":
                events.append(ContactEvent(
                    client_id=1, at=dt.datetime.combine(_date(today), dt.time(8)),
                    kind=EventKind.PROMISE, invoice_ids=(target.id,),
                    promised_date=_date(today + value)))
            elif what in ("dispute", "undispute"):
                invoices[index] = replace(target, disputed=what == "dispute")
            elif what in ("pause", "unpause"):
                invoices[index] = replace(target, reminders_paused=what == "pause")
            else:
                client = replace(client, reminders_paused=what == "client pause")
        if today not in run_days:
            continue
        file = ClientFile(client, tuple(invoices), tuple(events), tuple(payments))
        plan = plan_client(file, _date(today), policy)
        if not plan.due:
            continue
        stage = plan.stage
        assert stage in policy.enabled
        assert not client.reminders_paused
        # the minimum gap between two reminders to the client
        if sent_days:
            assert today - sent_days[-1] >= policy.min_gap_days
        # never early: the stage's day has come for the invoice that calls for it
        leaders = [d for d in plan.decisions if d.outcome is Outcome.SEND and d.stage is stage]
        assert leaders
        assert all((_date(today) - d.invoice.due_date).days >= policy.offsets[stage]
                   for d in leaders)
        if stage is Stage.PRE_DUE:
            assert all(_date(today) < i.due_date for i in plan.invoices)
        for covered in plan.invoices:
            assert covered.balance_minor > 0
            assert not covered.disputed and not covered.reminders_paused
            assert not promise_pending(covered.id, today)
            history = stages_of[covered.id]
            # never back, never the same stage twice
            assert not history or stage.rank > history[-1].rank
            history.append(stage)
        if plan.broken_promise is not None:
            assert plan.broken_promise.promised_date < _date(today)
            assert id(plan.broken_promise) not in mentioned
            mentioned.add(id(plan.broken_promise))
        events.append(ContactEvent(client_id=1, at=dt.datetime.combine(_date(today), dt.time(9)),
                                   kind=EventKind.EMAIL, stage=str(stage),
                                   invoice_ids=tuple(i.id for i in plan.invoices),
                                   status=EventStatus.SENT))
        sent_days.append(today)

    if len(invoices) == 1:
        # One invoice: its escalation stages come in order, none skipped.
        escalation = [s for s in stages_of[invoices[0].id] if s.escalation]
        expected = [s for s in policy.sequence if s.escalation]
        assert escalation == expected[: len(escalation)]


@settings(max_examples=200, deadline=None)
@given(policies(), st.integers(10, 40))
def test_run_daily_with_nothing_in_the_way_the_sequence_ends_in_a_manual_step(policy, due_in):
    invoice = Invoice("N1", 1, _date(0), _date(due_in), "EUR", 10000, id=1)
    events: list[ContactEvent] = []
    last_outcome = None
    end = due_in + policy.offsets[Stage.FINAL] + 4 * policy.min_gap_days + \
        policy.final_pay_within_days + 10
    for today in range(end + 1):
        file = ClientFile(CLIENT, (invoice,), tuple(events))
        plan = plan_client(file, _date(today), policy)
        if plan.due:
            events.append(ContactEvent(client_id=1, at=dt.datetime.combine(_date(today),
                                                                           dt.time(9)),
                                       kind=EventKind.EMAIL, stage=str(plan.stage),
                                       invoice_ids=(1,), status=EventStatus.SENT))
        last_outcome = plan.decisions[0].outcome
    sent_stages = [e.stage for e in events]
    assert sent_stages[-1] == str(policy.sequence[-1])
    assert last_outcome is Outcome.MANUAL
    escalation = [s for s in policy.sequence if s.escalation]
    assert [s for s in sent_stages if Stage(s).escalation] == [str(s) for s in escalation]
