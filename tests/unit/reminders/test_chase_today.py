"""The dashboard's "to chase today" (actions.remind_views.chase_today): exactly the invoices the
reminder policy says to act on today, the same the wizard and `collector remind` plan.

The ledger below is made so that a simpler rule ("past due, not disputed or paused, nobody
contacted in the last 6 days", the dashboard's old interim rule) gets most of it wrong.
"""

from __future__ import annotations

import datetime as dt

from collector_gui.actions import remind, remind_views
from collector_gui.core.dunning import Outcome, Reason, Stage
from collector_gui.core.model import Client, ContactEvent, EventKind, EventStatus, Invoice

AS_OF = dt.date(2026, 11, 23)


def _ago(days: int) -> dt.date:
    return AS_OF - dt.timedelta(days=days)


def _at(days_ago: int, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(_ago(days_ago), dt.time(hour))


def build_disagreeing_ledger(store) -> dict[str, Invoice]:
    """One client per case (the gap between reminders is per client); invoice numbers say
    what the policy does with them on AS_OF (2026-11-23). The final notice gives 14 days."""
    store.set_setting("business.name", "Sam Freelance")
    store.set_setting("business.email", "sam@example.com")
    store.set_setting("reminders.final_pay_within_days", "14")
    inv: dict[str, Invoice] = {}

    def client(name: str) -> Client:
        slug = name.split()[0].lower()
        return store.add_client(Client(name=name, email=f"{slug}@{slug}.test"))

    def invoice(who: Client, number: str, due: dt.date, **kw) -> Invoice:
        made = store.add_invoice(Invoice(number, who.id, due - dt.timedelta(days=30), due,
                                         "EUR", 100000, **kw))
        inv[number] = made
        return made

    def reminded(who: Client, stage: str, days_ago: int, *invoices: Invoice) -> None:
        store.add_event(ContactEvent(client_id=who.id, at=_at(days_ago), kind=EventKind.EMAIL,
                                     subject=f"{stage} reminder", stage=stage,
                                     status=EventStatus.SENT,
                                     invoice_ids=tuple(i.id for i in invoices)))

    def called(who: Client, days_ago: int, *invoices: Invoice) -> None:
        store.add_event(ContactEvent(client_id=who.id, at=_at(days_ago, 15), kind=EventKind.CALL,
                                     subject="Called", invoice_ids=tuple(i.id for i in invoices)))

    # The final notice went 8 days ago with 14 days to pay: wait (the interim rule chased it).
    pending = client("Pending Pay-by Ltd")
    p = invoice(pending, "WAIT-PAYBY", _ago(50))
    reminded(pending, "polite", 45, p)
    reminded(pending, "firm", 30, p)
    reminded(pending, "final", 8, p)

    # A promise to pay by 3 days ago was broken; the client was called yesterday: the next
    # reminder (firm) is due now and says so (the interim rule waited 6 days after the call).
    broken = client("Broken Promise SL")
    b = invoice(broken, "SEND-BROKEN", _ago(30))
    reminded(broken, "polite", 25, b)
    store.add_event(ContactEvent(client_id=broken.id, at=_at(10), kind=EventKind.PROMISE,
                                 subject="Will pay", promised_date=_ago(3),
                                 promised_minor=100000, invoice_ids=(b.id,)))
    called(broken, 1, b)

    # 20 days overdue, never reminded: the polite reminder first (both rules agree).
    never = client("Never Reminded Inc")
    invoice(never, "SEND-NEVER", _ago(20))

    # Disputed: nothing (both rules agree).
    disputed = client("Disputed Co")
    invoice(disputed, "SKIP-DISPUTED", _ago(40), disputed=True)

    # Every reminder sent, the final notice's pay-by passed: call or a dossier, even though
    # somebody called two days ago (the interim rule hid it for a week).
    done = client("Done Reminding GmbH")
    d = invoice(done, "MANUAL-DONE", _ago(90))
    reminded(done, "polite", 80, d)
    reminded(done, "firm", 65, d)
    reminded(done, "final", 40, d)
    called(done, 2, d)

    # Due today: the courtesy reminder is due (the interim rule waits until it is overdue).
    today = client("Due Today BV")
    invoice(today, "SEND-DUE-TODAY", AS_OF)

    # Reminded 3 days ago about one invoice: the other, newly overdue, waits for the gap
    # (the interim rule chased it: nobody had written about that one).
    gap = client("Gap Between Reminders AB")
    g1 = invoice(gap, "WAIT-GAP-1", _ago(10))
    invoice(gap, "WAIT-GAP-2", _ago(5))
    reminded(gap, "polite", 3, g1)

    # Not due for a month: nothing yet.
    later = client("Later Ltd")
    invoice(later, "WAIT-LATER", AS_OF + dt.timedelta(days=30))
    return inv


ACT_ON = {"SEND-BROKEN", "SEND-NEVER", "MANUAL-DONE", "SEND-DUE-TODAY"}


def _numbers(inv: dict[str, Invoice], ids) -> set[str]:
    by_id = {i.id: n for n, i in inv.items()}
    return {by_id[i] for i in ids}


def test_chase_today_is_what_the_policy_says(store):
    inv = build_disagreeing_ledger(store)
    chase = remind_views.chase_today(store, AS_OF)
    assert chase.as_of == AS_OF
    assert _numbers(inv, chase.ids) == ACT_ON
    assert _numbers(inv, chase.reminders) == {"SEND-BROKEN", "SEND-NEVER", "SEND-DUE-TODAY"}
    assert _numbers(inv, chase.manual) == {"MANUAL-DONE"}
    assert list(chase.ids) == sorted(set(chase.ids))


def test_chase_today_is_the_wizards_plan_plus_manual_steps(store):
    inv = build_disagreeing_ledger(store)
    flow = remind.plan_reminders(store, AS_OF)
    planned = {i.id for e in flow.entries for i in e.invoices}
    manual = {d.invoice.id for _client, d in flow.manual_steps()}
    assert set(remind_views.chase_today(store, AS_OF).ids) == planned | manual
    # and the plan is what each case above says
    stages = {e.client.name: e.stage for e in flow.entries}
    assert stages == {"Broken Promise SL": Stage.FIRM, "Due Today BV": Stage.DUE,
                      "Never Reminded Inc": Stage.POLITE}
    entry = next(e for e in flow.entries if e.client.name == "Broken Promise SL")
    assert entry.broken_promise is not None
    decisions = {d.invoice.number: d for p in flow.client_plans for d in p.decisions}
    assert decisions["WAIT-PAYBY"].reason is Reason.PAY_BY_PENDING
    assert decisions["WAIT-PAYBY"].next_date == _ago(8) + dt.timedelta(days=15)
    assert decisions["MANUAL-DONE"].outcome is Outcome.MANUAL
    assert decisions["SKIP-DISPUTED"].outcome is Outcome.SKIP
    assert decisions["WAIT-GAP-2"].reason is Reason.MIN_GAP
    assert _numbers(inv, planned) == {"SEND-BROKEN", "SEND-NEVER", "SEND-DUE-TODAY"}


def test_chase_today_follows_the_day_and_the_history(store):
    inv = build_disagreeing_ledger(store)
    # The pay-by date of the final notice has passed a week later: a manual step now.
    later = remind_views.chase_today(store, AS_OF + dt.timedelta(days=7))
    assert "WAIT-PAYBY" in _numbers(inv, later.manual)
    # Once the firm reminder to the broken promise went, it waits again.
    store.add_event(ContactEvent(client_id=inv["SEND-BROKEN"].client_id, at=_at(0, 9),
                                 kind=EventKind.EMAIL, stage="firm", status=EventStatus.SENT,
                                 invoice_ids=(inv["SEND-BROKEN"].id,)))
    assert "SEND-BROKEN" not in _numbers(inv, remind_views.chase_today(store, AS_OF).ids)


def test_nothing_to_chase_in_an_empty_ledger(store):
    chase = remind_views.chase_today(store, AS_OF)
    assert chase.ids == () and chase.reminders == () and chase.manual == ()
