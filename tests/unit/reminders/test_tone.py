"""The tone of a client's message: set by its most advanced stage, never softer than what the
client received in the last 60 days, its words by the age of what it asks for."""

from __future__ import annotations

import datetime as dt

from collector_gui.actions import remind
from collector_gui.core.dunning import Stage
from collector_gui.core.tone import Tone
from collector_gui.core.model import Client, ContactEvent, EventKind, EventStatus, Invoice, Payment

AS_OF = dt.date(2026, 11, 23)


def _inv(store, client, number, due, total, **kw):
    return store.add_invoice(Invoice(number, client.id, due - dt.timedelta(days=30), due,
                                     "GBP", total, **kw))


def _reminded(store, client, invoice, *sent):
    """Reminders sent about *invoice*: (stage, days before AS_OF) each, at 9:00."""
    for stage, ago in sent:
        at = dt.datetime.combine(AS_OF - dt.timedelta(days=ago), dt.time(9))
        store.add_event(ContactEvent(client.id, at, EventKind.EMAIL, stage=stage,
                                     status=EventStatus.SENT, invoice_ids=(invoice.id,)))


def _business(store):
    store.set_setting("business.name", "Sam Rivera Design")
    store.set_setting("business.email", "sam@rivera-design.test")


def test_after_a_final_notice_a_new_invoice_is_not_a_cheerful_due_note(store):
    """The client had a final notice 20 days ago (its pay-by date passed); a newer invoice
    falls due today. The message covers both, in the final notice's tone, with the whole
    amount: not "due today… thank you!" for the new one alone."""
    _business(store)
    store.set_setting("business.pay.GBP", "Sort code 20-00-00, account 55555555")
    c = store.add_client(Client("Harbour Ltd", email="ap@harbour.test",
                                billing_name="Tom Reed", address="London EC1A 1BB"))
    old = _inv(store, c, "H-1", AS_OF - dt.timedelta(days=60), 241680)
    new = _inv(store, c, "H-2", AS_OF, 148860)
    _reminded(store, c, old, ("polite", 55), ("firm", 40), ("final", 20))
    flow = remind.plan_reminders(store, AS_OF)
    (entry,) = flow.entries
    assert entry.stage is Stage.FINAL
    assert [i.number for i in entry.invoices] == ["H-1", "H-2"]
    text = flow.draft(c.id).text
    assert "Amount to pay now: £3,905.40" in text  # 2,416.80 + 1,488.60
    assert "£1,488.60" in text and "please ignore" not in text
    assert text.startswith("Dear Tom,") and "by 30 November" in text


def test_first_found_99_days_late_gets_the_words_its_age_calls_for(store):
    _business(store)
    c = store.add_client(Client("Quay Ltd", email="ap@quay.test", billing_name="Ann Lee"))
    _inv(store, c, "Q-1", AS_OF - dt.timedelta(days=99), 50000)
    flow = remind.plan_reminders(store, AS_OF)
    (entry,) = flow.entries
    assert entry.stage is Stage.POLITE  # the policy never skips a stage…
    text = " ".join(flow.draft(c.id).text.split())
    for wrong in ("I hope all is well", "crossed", "please ignore"):  # …but the words fit
        assert wrong not in text
    assert "99 days overdue" in text and "by November 30" in text


def test_ignore_this_only_in_the_first_days():
    assert Tone(Stage.PRE_DUE, 0).may_have_crossed and Tone(Stage.DUE, 0).may_have_crossed
    assert Tone(Stage.POLITE, 10).may_have_crossed
    assert not Tone(Stage.POLITE, 11).may_have_crossed
    assert not Tone(Stage.FIRM, 16).may_have_crossed
    assert not Tone(Stage.POLITE, 5).shows_charges and Tone(Stage.FIRM, 16).shows_charges
    assert Tone(Stage.FIRM, 16).asks_date and not Tone(Stage.POLITE, 5).asks_date
    assert Tone(Stage.POLITE, 45).asks_date
    assert Tone(Stage.DUE, 0).asks_confirmation and not Tone(Stage.POLITE, 3).asks_confirmation


def test_an_old_final_notice_no_longer_sets_the_tone(store):
    """After 60 days without reminders, the next message starts from what is due."""
    _business(store)
    c = store.add_client(Client("Old Ltd", email="ap@old.test"))
    _inv(store, c, "O-2", AS_OF, 10000)
    store.add_event(ContactEvent(c.id, dt.datetime(2026, 9, 1, 9), EventKind.EMAIL,
                                 stage="final", status=EventStatus.SENT))
    (entry,) = remind.plan_reminders(store, AS_OF).entries
    assert entry.stage is Stage.DUE


def test_a_final_notice_about_a_paid_debt_does_not_make_a_courtesy_note_final(store):
    """The client had a final notice 20 days ago about an invoice it has paid since; a newer
    invoice falls due in two days. Its reminder is the courtesy note before the due date, not
    a final notice threatening a collection agency for a debt that is not late."""
    _business(store)
    c = store.add_client(Client("Roast Ltd", email="ap@roast.test", billing_name="Mo Khan"))
    old = _inv(store, c, "R-1", AS_OF - dt.timedelta(days=60), 50000)
    store.add_payment(Payment(old.id, AS_OF - dt.timedelta(days=10), 50000))
    _inv(store, c, "R-2", AS_OF + dt.timedelta(days=2), 23800)
    _reminded(store, c, old, ("polite", 55), ("firm", 40), ("final", 20))
    flow = remind.plan_reminders(store, AS_OF)
    (entry,) = flow.entries
    assert entry.stage is Stage.PRE_DUE
    assert [i.number for i in entry.invoices] == ["R-2"]
    text = " ".join(flow.draft(c.id).text.split())
    for wrong in ("final", "Final", "collection agency", "late-payment interest"):
        assert wrong not in text, wrong


def test_a_late_invoice_after_a_paid_final_notice_starts_polite(store):
    """A final notice about R-1, paid since; R-3 is now a week late and never reminded: its
    first reminder is the polite one (the final notice was about another debt)."""
    _business(store)
    c = store.add_client(Client("Mill Ltd", email="ap@mill.test"))
    old = _inv(store, c, "M-1", AS_OF - dt.timedelta(days=60), 50000)
    store.add_payment(Payment(old.id, AS_OF - dt.timedelta(days=10), 50000))
    _inv(store, c, "M-3", AS_OF - dt.timedelta(days=7), 23800)
    _reminded(store, c, old, ("final", 20))
    (entry,) = remind.plan_reminders(store, AS_OF).entries
    assert entry.stage is Stage.POLITE
