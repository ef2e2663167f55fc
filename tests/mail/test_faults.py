"""Every way sending can fail ends as a clear failure; the message waits in the outbox, and
a retry sends it exactly once."""

from __future__ import annotations

import datetime as dt
import ssl
import time

import pytest
import trustme

from collector_gui.actions import delivery, remind
from collector_gui.core.model import Client, EventStatus, Invoice
from collector_gui.ledger import outbox as ob
from collector_gui.mail.compose import compose, serialize
from collector_gui.mail.smtp import SmtpSettings
from tests.helpers.smtp import AS_OF, PASSWORD, configure, free_port


def _send(store, settings, client_tls, password=PASSWORD):
    configure(store, settings)
    return remind.plan_reminders(store, AS_OF).send(password=password, ssl_context=client_tls)


def _retry_once_cures_it(store, server, client_tls, debtor):
    """After the cause is gone, a retry sends the waiting message once, and only once."""
    configure(store, server.settings)
    summary = delivery.retry(store, password=PASSWORD, ssl_context=client_tls)
    assert [r.status for r in summary.results] == ["sent"], summary.text()
    assert len(server.handler.received) == 1
    (event,) = store.events_of(debtor.id)
    assert event.status == EventStatus.SENT and event.error == ""
    assert delivery.outbox(store) == []
    again = delivery.retry(store, password=PASSWORD, ssl_context=client_tls)
    assert again.results == []
    assert remind.plan_reminders(store, AS_OF).drafts() == []
    assert len(server.handler.received) == 1


def _failed_and_waiting(store, summary, debtor, *phrases):
    (result,) = summary.results
    assert result.status == "failed"
    for phrase in phrases:
        assert phrase in result.error
    (event,) = store.events_of(debtor.id)
    assert event.status == EventStatus.FAILED and event.error == result.error
    (item,) = delivery.outbox(store)
    assert item.status == "failed" and item.recipient == "cuentas@penalver.es"
    # Waiting in the outbox holds back a new reminder to the same client.
    assert remind.plan_reminders(store, AS_OF).drafts() == []
    return result


def test_connection_refused(store, debtor, starttls_server, client_tls):
    nobody = SmtpSettings("127.0.0.1", free_port(), "starttls", starttls_server.settings.user,
                          "marta@example.org", 3)
    summary = _send(store, nobody, client_tls)
    result = _failed_and_waiting(store, summary, debtor, "refused the connection")
    assert result.transient
    _retry_once_cures_it(store, starttls_server, client_tls, debtor)


def test_tls_certificate_not_trusted(store, debtor, starttls_server, client_tls):
    stranger = ssl.create_default_context()
    trustme.CA().configure_trust(stranger)  # trusts some other CA, not the server's
    summary = _send(store, starttls_server.settings, stranger)
    _failed_and_waiting(store, summary, debtor, "could not prove its identity")
    assert starttls_server.handler.received == []
    _retry_once_cures_it(store, starttls_server, client_tls, debtor)


def test_tls_wrong_mode(store, debtor, starttls_server, client_tls):
    """SSL spoken to a STARTTLS port: a clear TLS failure, not a hang."""
    wrong = SmtpSettings("127.0.0.1", starttls_server.port, "ssl",
                         starttls_server.settings.user, "marta@example.org", 3)
    summary = _send(store, wrong, client_tls)
    _failed_and_waiting(store, summary, debtor, "secure connection")
    _retry_once_cures_it(store, starttls_server, client_tls, debtor)


def test_login_rejected(store, debtor, starttls_server, client_tls):
    summary = _send(store, starttls_server.settings, client_tls, password="wrong password")
    result = _failed_and_waiting(store, summary, debtor, "refused the user name or password",
                                 "535")
    assert not result.transient
    _retry_once_cures_it(store, starttls_server, client_tls, debtor)


@pytest.mark.parametrize("phase, reply, phrase, transient", [
    ("rcpt", "450 4.2.1 Mailbox busy, try later", "450", True),
    ("rcpt", "550 5.1.1 No such user here", "Check the client's email address", False),
    ("data", "451 4.3.0 Local problem, try later", "451", True),
    ("data", "554 5.7.1 Message rejected", "554", False),
])
def test_refused_by_the_server(store, debtor, starttls_server, client_tls, phase, reply, phrase,
                               transient):
    starttls_server.handler.faults.append((phase, reply))
    summary = _send(store, starttls_server.settings, client_tls)
    result = _failed_and_waiting(store, summary, debtor, phrase)
    assert result.transient is transient
    assert starttls_server.handler.received == []
    _retry_once_cures_it(store, starttls_server, client_tls, debtor)


def test_connection_dropped_during_data_is_unknown_and_never_retried_on_its_own(
        store, debtor, starttls_server, client_tls):
    """The whole message went, the answer never came: it may have arrived. Not "failed",
    not retried by a retry of everything; the user resolves it."""
    starttls_server.handler.faults.append(("drop", ""))
    summary = _send(store, starttls_server.settings, client_tls)
    (result,) = summary.results
    assert result.status == "unknown" and "closed" in result.error
    (event,) = store.events_of(debtor.id)
    assert event.status == EventStatus.UNKNOWN
    (item,) = delivery.outbox(store)
    assert item.status == "unknown"
    assert remind.plan_reminders(store, AS_OF).drafts() == []  # the client waits
    assert delivery.retry(store, password=PASSWORD, ssl_context=client_tls).results == []
    assert starttls_server.handler.received == []
    assert "1 unknown" in summary.text() and not summary.ok


def test_server_that_never_answers_times_out(store, debtor, starttls_server, client_tls,
                                             silent_port):
    hung = SmtpSettings("127.0.0.1", silent_port, "starttls", starttls_server.settings.user,
                        "marta@example.org", 1)
    started = time.monotonic()
    summary = _send(store, hung, client_tls)
    assert time.monotonic() - started < 10
    result = _failed_and_waiting(store, summary, debtor, "did not answer within 1 seconds")
    assert result.transient
    _retry_once_cures_it(store, starttls_server, client_tls, debtor)


def _second_debtor(store):
    client = store.add_client(Client(name="Zulema Ortiz", email="zulema@example.net",
                                     language="en"))
    store.add_invoice(Invoice("2026-0050", client.id, dt.date(2026, 10, 1),
                              dt.date(2026, 11, 10), "EUR", 30000))
    return client


def test_one_refused_recipient_does_not_stop_the_others(store, debtor, starttls_server,
                                                        client_tls):
    other = _second_debtor(store)
    starttls_server.handler.faults.append(("rcpt", "550 5.1.1 No such user here"))
    summary = _send(store, starttls_server.settings, client_tls)
    assert [(r.client, r.status) for r in summary.results] == [
        ("Peñalver & Hijos S.L.", "failed"), ("Zulema Ortiz", "sent")]
    assert [r.rcpt_tos for r in starttls_server.handler.received] == [["zulema@example.net"]]
    assert [e.status for e in store.events_of(other.id)] == [EventStatus.SENT]
    assert "1 sent, 1 failed" in summary.text()
    assert "waits in the outbox" in summary.text()


def test_after_the_connection_fails_the_rest_wait_in_the_outbox_untried(store, debtor,
                                                                        starttls_server,
                                                                        client_tls):
    _second_debtor(store)
    summary = _send(store, starttls_server.settings, client_tls, password="wrong")
    assert [r.status for r in summary.results] == ["failed", "failed"]
    assert summary.results[0].error == summary.results[1].error
    assert len(delivery.outbox(store)) == 2
    configure(store, starttls_server.settings)
    retried = delivery.retry(store, password=PASSWORD, ssl_context=client_tls)
    assert [r.status for r in retried.results] == ["sent", "sent"]
    assert len(starttls_server.handler.received) == 2


def test_retry_sends_the_same_message_with_the_same_message_id(store, debtor, starttls_server,
                                                             client_tls):
    starttls_server.handler.faults.append(("data", "451 4.3.0 try later"))
    first = _send(store, starttls_server.settings, client_tls).results[0]
    retried = delivery.retry(store, [first.event_id], password=PASSWORD, ssl_context=client_tls)
    assert retried.results[0].message_id == first.message_id
    from email import policy
    from email.parser import BytesParser

    got = BytesParser(policy=policy.default).parsebytes(starttls_server.handler.received[0].data)
    assert got["Message-ID"] == first.message_id


def test_an_interrupted_send_is_unknown_and_sent_again_only_when_the_user_says(
        store, debtor, starttls_server, client_tls):
    """The program died after queueing (maybe after sending): never resent on its own."""
    configure(store, starttls_server.settings)
    queued_at = dt.datetime(2026, 11, 23, 9, 0)
    raw = serialize(compose(sender="marta@example.org", recipient="cuentas@penalver.es",
                            subject="Recordatorio", text="Hola"))
    event_id = ob.queue_message(store, client_id=debtor.id, at=queued_at, stage="polite",
                                subject="Recordatorio", invoice_ids=[1], message_id="<x@y>",
                                raw=raw)
    soon = lambda: queued_at + dt.timedelta(minutes=1)  # noqa: E731
    later = lambda: queued_at + dt.timedelta(hours=2)  # noqa: E731
    assert [i.status for i in delivery.outbox(store, now=soon)] == ["queued"]
    assert [i.status for i in delivery.outbox(store, now=later)] == ["unknown"]
    assert delivery.retry(store, password=PASSWORD, ssl_context=client_tls, now=later).results == []
    assert delivery.resend(store, event_id, password=PASSWORD, ssl_context=client_tls,
                           now=soon).results == []  # still being sent, maybe: not now
    summary = delivery.resend(store, event_id, password=PASSWORD, ssl_context=client_tls,
                              now=later)
    assert [r.status for r in summary.results] == ["sent"]
    events = store.events_of(debtor.id)
    assert [(e.kind, e.status) for e in events] == [("email", EventStatus.SENT),
                                                    ("note", EventStatus.LOGGED)]
    assert events[0].id == event_id and "send it again" in events[1].body
    assert len(starttls_server.handler.received) == 1


def test_discard_leaves_a_note_and_frees_the_client(store, debtor, starttls_server,
                                                               client_tls):
    starttls_server.handler.faults.append(("rcpt", "550 no"))
    result = _send(store, starttls_server.settings, client_tls).results[0]
    assert delivery.discard(store, result.event_id)
    assert delivery.outbox(store) == []
    (note,) = store.events_of(debtor.id)  # a trace stays: a note, not an email
    assert note.kind == "note" and "discarded by the user" in note.subject.lower()
    assert "cuentas@penalver.es" in note.body
    assert [d.client.name for d in remind.plan_reminders(store, AS_OF).drafts()] == [
        "Peñalver & Hijos S.L."]
    assert not delivery.discard(store, result.event_id)
