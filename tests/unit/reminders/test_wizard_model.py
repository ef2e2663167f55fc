"""The reminder wizard's model without Qt or a display: navigation (what may be pressed while
busy, Next only once the drafts are written), the long steps stopping between clients when
cancelled, the last question's plurals in English and Spanish, and the summary's groups."""

from __future__ import annotations

import datetime as dt

import pytest

from collector_gui.actions import remind
from collector_gui.actions import remind_wizard as rw
from collector_gui.actions.delivery import DeliverySummary, MessageResult
from collector_gui.actions.remind_wizard import Page, WizardModel, Work
from collector_gui.core import i18n
from collector_gui.core.errors import Cancelled
from collector_gui.core.model import Client, Invoice
from collector_gui.core.progress import Task
from collector_gui.ledger.database import Ledger
from collector_gui.ledger.store import Store
from collector_gui.mail.smtp import SmtpSettings

AS_OF = dt.date(2026, 11, 23)


@pytest.fixture
def five_clients(store):
    """Five clients, each with one invoice 20 days late (a polite reminder each)."""
    store.set_setting("business.name", "Sam Freelance")
    store.set_setting("business.email", "sam@example.com")
    ids = []
    for i in range(5):
        client = store.add_client(Client(name=f"Client {i}", email=f"c{i}@example.test"))
        due = AS_OF - dt.timedelta(days=20)
        store.add_invoice(Invoice(f"I-{i}", client.id, due - dt.timedelta(days=30), due, "EUR",
                                  10000 * (i + 1)))
        ids.append(client.id)
    return ids


def _stop_after(steps: int) -> tuple[Task, list[int]]:
    """A Task the user cancels while its *steps*-th step is under way."""
    seen: list[int] = []

    def on_progress(done: int, _total: int, _text: str) -> None:
        seen.append(done)
        if len(seen) >= steps:
            task.cancel()

    task = Task(on_progress)
    return task, seen


def _model_with_plan(store) -> WizardModel:
    model = WizardModel(AS_OF)
    model.start(Work.PLAN)
    model.plan_made(rw.build_plan(store, AS_OF), store)
    model.stopped()  # the UI has shown it
    return model


def test_nothing_can_be_pressed_until_the_plan_is_made(store, five_clients):
    model = WizardModel(AS_OF)
    model.start(Work.PLAN)
    assert model.busy and not model.can_next and not model.can_back and not model.can_finish
    with pytest.raises(RuntimeError):
        model.start(Work.DRAFTS)  # one piece of work at a time
    model.plan_made(rw.build_plan(store, AS_OF), store)
    assert model.busy and not model.can_next  # until the UI has shown the plan
    model.stopped()
    assert not model.busy and model.page is Page.CHOOSE
    assert [e.client.name for e in model.flow.entries] == [f"Client {i}" for i in range(5)]
    assert model.can_next and not model.can_back
    for client_id in five_clients:
        model.flow.set_included(client_id, False)
    assert not model.can_next  # nothing ticked, nothing to go on with


def test_next_waits_for_the_drafts_which_are_written_in_the_background(store, five_clients):
    model = _model_with_plan(store)
    assert model.needs_drafts()
    with pytest.raises(RuntimeError, match="drafts"):
        model.next()
    model.start(Work.DRAFTS)
    assert not model.can_next  # busy: Next is off
    assert rw.render_drafts(model.flow, store) == 5
    model.stopped()
    assert not model.needs_drafts()
    assert model.next() is Page.REVIEW and model.can_back
    assert model.next() is Page.SEND
    assert model.back() is Page.REVIEW
    assert model.back() is Page.CHOOSE
    # a changed stage makes that client's draft to write again, and only that one
    model.flow.set_stage(five_clients[2], "firm")
    assert [e.client_id for e in rw.drafts_missing(model.flow)] == [five_clients[2]]


def test_building_the_plan_stops_between_clients_when_cancelled(store, five_clients,
                                                                monkeypatch):
    planned = []
    real = remind.plan_client
    monkeypatch.setattr(remind, "plan_client",
                        lambda file, *a, **k: planned.append(file.client.name) or real(file, *a, **k))
    task, _seen = _stop_after(2)
    with pytest.raises(Cancelled):
        rw.build_plan(store, AS_OF, task=task)
    assert planned == ["Client 0", "Client 1"]  # not the other three


def test_writing_the_drafts_stops_between_clients_and_keeps_what_was_written(tmp_path, store,
                                                                            five_clients):
    model = _model_with_plan(store)
    flow = model.flow
    with Ledger.open(store.ledger.path, create=False) as other:  # as a worker thread's own
        worker_store = Store(other)
        task, _seen = _stop_after(3)
        with pytest.raises(Cancelled):
            rw.render_drafts(flow, worker_store, task)
        assert flow.store is store  # the flow reads through the UI's store again
        # Cancel came while the third was written: it stopped before the fourth
        assert len(rw.drafts_missing(flow)) == 2
        assert rw.render_drafts(flow, worker_store, Task()) == 2
    assert not rw.drafts_missing(flow)
    assert [d.client.name for d in flow.drafts()] == [f"Client {i}" for i in range(5)]


def test_the_plan_made_in_a_worker_reads_through_the_ui_store_after(store, five_clients):
    with Ledger.open(store.ledger.path, create=False) as other:
        plan = rw.build_plan(Store(other), AS_OF)
    model = WizardModel(AS_OF)
    model.start(Work.PLAN)
    model.plan_made(plan, store)  # the worker's connection is closed by now
    assert model.flow.store is store
    assert model.flow.held_back() == []  # reads, through the open store


def test_one_clients_plan(store, five_clients):
    plan = rw.build_plan(store, AS_OF, client="Client 3")
    assert [e.client.name for e in plan.flow.entries] == ["Client 3"]


@pytest.mark.parametrize("language, one, two", [
    ("en", "Send 1 message to 1 client?", "Send 2 messages to 2 clients?"),
    ("es", "¿Enviar 1 mensaje a 1 cliente?", "¿Enviar 2 mensajes a 2 clientes?"),
])
def test_the_last_question_counts_right(store, five_clients, language, one, two):
    model = _model_with_plan(store)
    for client_id in five_clients[1:]:
        model.flow.set_included(client_id, False)
    i18n.set_language(language)
    assert model.confirm_question() == one
    model.flow.set_included(five_clients[1], True)
    assert model.confirm_question() == two


def test_send_only_from_the_send_page_with_a_mail_server(store, five_clients):
    model = _model_with_plan(store)
    rw.render_drafts(model.flow, store)
    assert not model.can_send([])  # not on the send page yet
    model.next()
    model.next()
    assert not model.can_send(["No mail server is set."]) and model.can_save()
    assert model.can_send([])
    model.start(Work.DELIVERY)
    assert not model.can_send([]) and not model.can_save() and not model.can_back
    model.delivered(DeliverySummary())
    assert model.can_finish and not model.can_back and not model.can_send([])


def test_settings_saved_while_open_are_the_ones_sent_with(store, five_clients):
    model = _model_with_plan(store)
    assert SmtpSettings.from_settings(model.flow._settings).problems()
    store.set_setting("smtp.host", "127.0.0.1")
    store.set_setting("smtp.port", "2525")
    store.set_setting("smtp.security", "none")
    store.set_setting("smtp.from", "sam@example.com")
    model.settings_changed(store)
    assert SmtpSettings.from_settings(model.flow._settings).problems() == []


def test_summary_groups_each_message_once_in_order():
    def result(client, status):
        return MessageResult(client, f"{client}@x.test", "Subject", status)

    summary = DeliverySummary([result("a", "failed"), result("b", "sent"),
                               result("c", "skipped"), result("d", "sent"),
                               result("e", "unknown")])
    groups = rw.summary_groups(summary)
    assert [(status, [r.client for r in results]) for status, results in groups] == [
        ("sent", ["b", "d"]), ("failed", ["a"]), ("unknown", ["e"]), ("skipped", ["c"])]


def test_the_collector_is_off_while_workers_work_and_frozen_until_thawed():
    import gc
    import threading

    rw.thaw()  # whatever an earlier test's wizard left
    assert gc.isenabled() and gc.get_freeze_count() == 0
    inside = threading.Event()
    leave = threading.Event()
    seen = []

    def worker():
        with rw.collector_paused():
            seen.append(gc.isenabled())
            inside.set()
            assert leave.wait(10)

    other = threading.Thread(target=worker)
    other.start()
    assert inside.wait(10)
    with rw.collector_paused():  # two at once: the first to finish does not turn it back on
        leave.set()
        other.join(10)
        assert not gc.isenabled()
    assert seen == [False]
    assert gc.isenabled() and gc.get_freeze_count() > 0  # what the workers made: left alone
    rw.thaw()
    assert gc.get_freeze_count() == 0


def test_the_collector_stays_off_if_it_was_off():
    import gc

    gc.disable()
    try:
        with rw.collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        rw.thaw()
        gc.enable()
