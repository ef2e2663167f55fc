"""The reminder wizard's flow without Qt: plan, change, draft, save as .eml; the config
actions; and the outbox records in the ledger."""

from __future__ import annotations

import datetime as dt
import io
from email import policy
from email.parser import BytesParser

import pypdf
import pytest

from collector_gui.actions import config, remind, remind_views
from collector_gui.core.dunning import Reason, Stage
from collector_gui.core.errors import CollectorError
from collector_gui.core.model import Client, ContactEvent, EventKind, EventStatus, Invoice
from collector_gui.core.progress import Task
from collector_gui.ledger import outbox as ob

AS_OF = dt.date(2026, 11, 23)


def _invoice(store, client, number, due, total=100000, **kw):
    return store.add_invoice(Invoice(number, client.id, due - dt.timedelta(days=30), due, "EUR",
                                     total, **kw))


@pytest.fixture
def ledger_data(store):
    store.set_setting("business.name", "Sam Freelance")
    store.set_setting("business.email", "sam@example.com")
    store.set_setting("business.iban", "DE89370400440532013000")
    ana = store.add_client(Client(name="Ana Ltd", email="office@ana.test",
                                  billing_email="billing@ana.test", billing_name="Ana Smith"))
    bea = store.add_client(Client(name="Bea SL", email="bea@bea.test", language="es"))
    noemail = store.add_client(Client(name="No Mail Co"))
    paused = store.add_client(Client(name="Paused Inc", email="p@p.test", reminders_paused=True))
    inv = {
        "a1": _invoice(store, ana, "A-1", AS_OF - dt.timedelta(days=20)),  # polite
        "a2": _invoice(store, ana, "A-2", AS_OF + dt.timedelta(days=5)),  # pre-due
        "b1": _invoice(store, bea, "B-1", AS_OF + dt.timedelta(days=3)),  # pre-due
        "n1": _invoice(store, noemail, "N-1", AS_OF - dt.timedelta(days=10)),
        "p1": _invoice(store, paused, "P-1", AS_OF - dt.timedelta(days=40)),
    }
    return {"ana": ana, "bea": bea, "noemail": noemail, "paused": paused, **inv}


def test_the_plan(store, ledger_data):
    flow = remind.plan_reminders(store, AS_OF)
    plan = {e.client.name: (e.stage, [i.number for i in e.invoices], e.recipient, e.included)
            for e in flow.entries}
    assert plan == {
        "Ana Ltd": (Stage.POLITE, ["A-1"], "billing@ana.test", True),
        "Bea SL": (Stage.PRE_DUE, ["B-1"], "bea@bea.test", True),
        "No Mail Co": (Stage.POLITE, ["N-1"], "", False),
    }
    assert flow.entry(ledger_data["noemail"].id).problems == ["No Mail Co has no email address."]
    with pytest.raises(CollectorError, match="no email address"):
        flow.set_included(ledger_data["noemail"].id, True)
    (paused,) = flow.not_due()
    assert paused.client.name == "Paused Inc"
    assert paused.decisions[0].reason is Reason.CLIENT_PAUSED
    assert [d.client.name for d in flow.drafts()] == ["Ana Ltd", "Bea SL"]


def test_untick_change_stage_and_recipient(store, ledger_data):
    flow = remind.plan_reminders(store, AS_OF)
    bea, ana = ledger_data["bea"].id, ledger_data["ana"].id
    flow.set_included(bea, False)
    assert [d.client.name for d in flow.drafts()] == ["Ana Ltd"]
    entry = flow.set_stage(ana, "firm")
    assert entry.stage is Stage.FIRM and entry.by_hand
    draft = flow.draft(ana)
    assert draft.stage is Stage.FIRM and draft.subject.startswith("Invoice A-1 is 20 days overdue")
    # a courtesy stage covers the invoices not yet overdue
    assert [i.number for i in flow.set_stage(ana, "pre-due").invoices] == ["A-1", "A-2"]
    flow.set_recipient(ana, "ana.smith@ana.test")
    assert flow.draft(ana).recipient == "ana.smith@ana.test"
    with pytest.raises(CollectorError, match="not an email address"):
        flow.set_recipient(ana, "ana at ana")


def test_add_a_client_the_policy_held_back(store, ledger_data):
    ana = ledger_data["ana"]
    store.add_event(ContactEvent(client_id=ana.id, at=dt.datetime(2026, 11, 21, 9),
                                 kind=EventKind.EMAIL, stage="polite", status=EventStatus.SENT,
                                 invoice_ids=(ledger_data["a1"].id,)))
    flow = remind.plan_reminders(store, AS_OF)
    assert "Ana Ltd" not in [e.client.name for e in flow.entries]
    assert "Ana Ltd" in [c.name for c in flow.addable_clients()]
    entry = flow.add_client("ana ltd")
    assert entry.by_hand and entry.stage is Stage.FIRM  # the next after the polite one sent
    assert [i.number for i in entry.invoices] == ["A-1"]
    assert flow.draft(ana.id).stage is Stage.FIRM
    with pytest.raises(CollectorError, match="no client named"):
        flow.add_client("Nobody")


def test_edit_a_draft(store, ledger_data):
    flow = remind.plan_reminders(store, AS_OF)
    ana = ledger_data["ana"].id
    original = flow.draft(ana)
    assert "A-1" in original.html
    edited = flow.update_draft(ana, subject=" New\nsubject ", text="Dear Ana,\n\nPlease pay.")
    assert edited.subject == "New subject" and edited.edited
    assert "Please pay." in edited.html and "A-1" not in edited.html
    assert flow.drafts()[0].text == "Dear Ana,\n\nPlease pay.\n"
    with pytest.raises(CollectorError, match="subject"):
        flow.update_draft(ana, subject="  ")
    assert "A-1" in flow.reset_draft(ana).text


def _parse(path):
    return BytesParser(policy=policy.default).parsebytes(path.read_bytes())


def test_save_as_eml_without_smtp(store, ledger_data, tmp_path):
    before = store.counts()["contact_events"]
    flow = remind.plan_reminders(store, AS_OF)
    seen = []
    summary = flow.save_eml(tmp_path / "out", on_result=seen.append)
    assert [(r.client, r.status) for r in summary.results] == [("Ana Ltd", "saved"),
                                                               ("Bea SL", "saved")]
    assert seen == summary.results
    files = sorted((tmp_path / "out").iterdir())
    assert [f.name for f in files] == ["Ana-Ltd-polite-2026-11-23.eml",
                                      "Bea-SL-pre-due-2026-11-23.eml"]
    msg = _parse(files[0])
    assert msg["To"].addresses[0].addr_spec == "billing@ana.test"
    assert msg["X-Unsent"] == "1"
    assert msg["Subject"] == "Reminder: invoice A-1, due November 3, 2026"
    assert b"\r\n" not in files[0].read_bytes()
    (pdf,) = msg.iter_attachments()
    assert pdf.get_filename() == "invoice-A-1.pdf"
    assert "A-1" in pypdf.PdfReader(io.BytesIO(pdf.get_content())).pages[0].extract_text()
    events = store.events_of(ledger_data["ana"].id)
    assert [(e.status, e.stage, e.message_id) for e in events] == [
        (EventStatus.SAVED, "polite", msg["Message-ID"])]
    assert store.counts()["contact_events"] == before + 2
    # Twice the same day: nothing new.
    again = remind.plan_reminders(store, AS_OF)
    assert again.drafts() == []
    assert again.save_eml(tmp_path / "out").results == []
    assert len(list((tmp_path / "out").iterdir())) == 2
    assert ob.last_stages(store)[ledger_data["a1"].id] == ("polite", AS_OF)


def test_dry_run_prints_drafts_and_changes_nothing(store, ledger_data):
    before = store.counts()
    text = remind_views.format_drafts(remind.plan_reminders(store, AS_OF))
    assert "== Ana Ltd: polite reminder to billing@ana.test" in text
    assert "Subject: Reminder: invoice A-1, due November 3, 2026" in text
    assert "A-1  €1,000.00  due 2026-11-03  (20 days overdue)" in text
    assert "Attachments: invoice-A-1.pdf" in text
    assert "  | Hello Ana," in text
    assert "Not included: No Mail Co: No Mail Co has no email address." in text
    assert store.counts() == before


def test_one_client_only(store, ledger_data):
    flow = remind.plan_reminders(store, AS_OF, client="bea sl")
    assert [e.client.name for e in flow.entries] == ["Bea SL"]
    with pytest.raises(CollectorError, match="no client named"):
        remind.plan_reminders(store, AS_OF, client="Zed")


def test_cancel_between_messages(store, ledger_data, tmp_path):
    task = Task()
    flow = remind.plan_reminders(store, AS_OF)
    summary = flow.save_eml(tmp_path, task=task,
                            on_result=lambda r: task.cancel())
    assert summary.cancelled and [r.status for r in summary.results] == ["saved"]
    assert "Cancelled" in summary.text()


def test_two_windows_with_the_same_plan_save_once(store, ledger_data, tmp_path):
    clock = iter([dt.datetime(2026, 11, 23, 9, 0, s) for s in range(0, 60)])
    first = remind.plan_reminders(store, AS_OF, now=lambda: next(clock))
    second = remind.plan_reminders(store, AS_OF, now=lambda: next(clock))
    assert [r.status for r in first.save_eml(tmp_path / "a").results] == ["saved", "saved"]
    later = second.save_eml(tmp_path / "b")
    assert [r.status for r in later.results] == ["skipped", "skipped"]
    assert "elsewhere" in later.results[0].error


def test_many_invoices_get_one_statement(store, ledger_data):
    ana = ledger_data["ana"]
    for n in range(2, 7):
        _invoice(store, ana, f"A-1{n}", AS_OF - dt.timedelta(days=20 + n))
    draft = remind.plan_reminders(store, AS_OF).draft(ana.id)
    assert len(draft.invoices) == 6
    assert draft.statement and draft.attachments == ("statement-Ana-Ltd-2026-11-23.pdf",)
    assert "A statement of your account is attached as a PDF" in draft.text


def test_late_charges_appear_in_escalation_drafts(store, ledger_data):
    from collector_gui.actions.charges import add_rate

    store.set_setting("late.mode", "eu")
    # The shipped rates end before the pinned day's half-year: the user adds it.
    add_rate(store, "eu", "2026-H2", "2.15", "test: ECB main refinancing rate assumed")
    flow = remind.plan_reminders(store, AS_OF)
    # Not in a polite reminder (it may still say "ignore this if you have paid")…
    assert "late-payment charges" not in flow.draft(ledger_data["ana"].id).text
    # …but from the firm stage on, saying they are not in the amount to pay.
    text = flow.draft(flow.set_stage(ledger_data["ana"].id, "firm").client_id).text
    assert "late-payment charges so far: €" in text
    assert "10.15% a year" in text and "not included in the amount to pay" in text


def test_final_notice_has_a_pay_by_date(store, ledger_data):
    flow = remind.plan_reminders(store, AS_OF)
    flow.set_stage(ledger_data["ana"].id, "final")
    draft = flow.draft(ledger_data["ana"].id)
    assert draft.pay_by == AS_OF + dt.timedelta(days=7)
    assert "November 30" in draft.subject and "by November 30" in draft.text


def test_template_preview_on_a_real_client(store, ledger_data):
    msg = remind_views.preview_template(store, "Bea SL", "firm", as_of=AS_OF,
                                  overrides={"subject": "Prueba {{ client.name }} {{ numbers }}"})
    assert msg.subject == "Prueba Bea SL B-1"
    assert "Estimados señores:" in msg.text  # a company, no person: a neutral greeting


# -- config ------------------------------------------------------------------------------------

@pytest.mark.parametrize("key, value, saved", [
    ("smtp.host", " smtp.example.org ", "smtp.example.org"),
    ("smtp.port", "465", "465"),
    ("smtp.security", "SSL", "ssl"),
    ("smtp.user", "sam@example.com", "sam@example.com"),
    ("smtp.from", "sam@example.com", "sam@example.com"),
    ("business.name", "Sam Freelance", "Sam Freelance"),
    ("business.address", "1 Main St\\nSpringfield", "1 Main St\nSpringfield"),
    ("business.language", "ES", "es"),
    ("reminders.min_gap_days", "10", "10"),
    ("reminders.stages", "polite,firm,final", "polite,firm,final"),
])
def test_config_set(store, key, value, saved):
    assert config.config_set(store, key, value) == saved
    assert store.get_setting(key) == saved
    assert config.config_get(store, key) == saved


@pytest.mark.parametrize("key, value, message", [
    ("smtp.port", "70000", "from 1 to 65535"),
    ("smtp.port", "abc", "whole number"),
    ("smtp.security", "tls", "starttls, ssl, none"),
    ("smtp.from", "not-an-address", "not an email address"),
    ("smtp.host", "smtp://x", "server name"),
    ("smtp.hots", "x", "Did you mean smtp.host"),
    ("smtp.password", "x", "set-password"),
    ("reminders.firm_days", "2", "must come after the polite"),
])
def test_config_set_refuses(store, key, value, message):
    with pytest.raises(CollectorError, match=message):
        config.config_set(store, key, value)
    assert store.get_setting(key) is None


def test_config_list_and_password(store, memory_keyring):
    keys = [k for k, _, _ in config.config_list(store)]
    assert {"smtp.host", "smtp.port", "smtp.security", "smtp.user", "smtp.from",
            "business.name", "reminders.firm_days"} <= set(keys)
    assert not any("password" in k for k in keys)
    with pytest.raises(CollectorError, match="smtp.host and smtp.user"):
        config.set_smtp_password(store, "pw\n")
    config.config_set(store, "smtp.host", "smtp.example.org")
    config.config_set(store, "smtp.user", "sam")
    config.set_smtp_password(store, "s3cret\n")
    assert memory_keyring.store == {("collector-smtp", "sam@smtp.example.org"): "s3cret"}
    assert config.has_saved_password(store)
    assert "s3cret" not in repr(store.settings())
    assert config.forget_smtp_password(store)


def test_send_refuses_unusable_settings_before_queueing(store, ledger_data):
    with pytest.raises(remind.SmtpConfigError, match="smtp.host"):
        remind.plan_reminders(store, AS_OF).send(password="x")
    config.config_set(store, "smtp.host", "smtp.example.org")
    config.config_set(store, "smtp.user", "sam")
    config.config_set(store, "smtp.security", "none")
    with pytest.raises(remind.SmtpConfigError, match="unencrypted"):
        remind.plan_reminders(store, AS_OF).send(password="x")
    assert all(e.kind != EventKind.EMAIL for c in store.clients() for e in store.events_of(c.id))


def test_changing_the_recipient_keeps_the_edited_text(store, ledger_data):
    flow = remind.plan_reminders(store, AS_OF)
    ana = ledger_data["ana"].id
    flow.update_draft(ana, text="Edited words")
    flow.update_draft(ana, recipient="other@ana.test", subject="Edited subject")
    (draft, _) = flow.drafts()
    assert (draft.recipient, draft.subject, draft.text) == (
        "other@ana.test", "Edited subject", "Edited words\n")


def test_a_worker_thread_saves_through_its_own_connection(store, ledger, ledger_data, tmp_path):
    import threading

    from collector_gui.ledger.database import Ledger
    from collector_gui.ledger.store import Store

    flow = remind.plan_reminders(store, AS_OF)
    flow.drafts()  # reviewed on the window's thread
    out = {}

    def work():
        with Ledger.open(ledger.path) as own:
            out["summary"] = flow.save_eml(tmp_path, store=Store(own))

    worker = threading.Thread(target=work)
    worker.start()
    worker.join(30)
    assert [r.status for r in out["summary"].results] == ["saved", "saved"]
    assert flow.store is store
    assert remind.plan_reminders(store, AS_OF).drafts() == []
