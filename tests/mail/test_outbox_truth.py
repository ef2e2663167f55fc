"""The outbox tells the truth (issue 14): a reminder goes out once, and only while it is owed.

Misbehaving SMTP servers on 127.0.0.1 that *keep* the message and then drop the connection,
reset it, or answer after the client stopped waiting: exactly the servers with which a retry
mails the client twice. Every test counts the copies per Message-ID the server kept.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import socket
import sqlite3
import struct
from collections import Counter
from dataclasses import dataclass, field
from email import policy
from email.parser import BytesParser

import pytest

from collector_gui.actions import delivery, remind
from collector_gui.core.model import Client, EventStatus, Invoice, Payment
from collector_gui.ledger.database import Ledger
from collector_gui.ledger.store import Store
from collector_gui.mail.smtp import SmtpConnection, SmtpSettings
from tests.helpers.smtp import AS_OF, Handler, Received, start_server as _start, configure


@dataclass
class Misbehaving(Handler):
    """Keeps every message, then does to it what `modes` says (one per message, in order):
    "drop" (close without a reply), "reset" (TCP RST), "slow" (reply after the client gave up)."""

    modes: list[str | None] = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos),
                                          envelope.original_content or envelope.content))
            mode = self.modes.pop(0) if self.modes else None
        if mode == "drop":
            server.transport.close()
        elif mode == "reset":
            sock = server.transport.get_extra_info("socket")
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            server.transport.abort()
        elif mode == "slow":
            await asyncio.sleep(1.5)
        return "250 Message accepted"

    def message_ids(self) -> Counter:
        return Counter(BytesParser(policy=policy.default).parsebytes(r.data)["Message-ID"]
                       for r in self.received)

    def double_sends(self) -> int:
        return sum(n - 1 for n in self.message_ids().values())


@pytest.fixture
def bad_server(monkeypatch):
    monkeypatch.setattr(SmtpConnection, "final_reply_timeout", 0.5)
    handler = Misbehaving()
    controller, port = _start(handler)
    handler.settings = SmtpSettings("127.0.0.1", port, "none", "", "marta@example.org", 3)
    yield handler
    controller.stop()


def _client(store, name, number, total=30000, due=dt.date(2026, 11, 1)):
    client = store.add_client(Client(name=name, email=f"{name.split()[0].lower()}@example.net"))
    store.add_invoice(Invoice(number, client.id, due - dt.timedelta(days=30), due, "EUR", total))
    return client


def _send(store, server):
    configure(store, server.settings)
    return remind.plan_reminders(store, AS_OF).send()


@pytest.mark.parametrize("fault", ["drop", "reset", "slow"])
def test_an_answer_lost_after_the_whole_message_is_unknown_never_a_double_send(
        store, debtor, bad_server, fault):
    other = _client(store, "Zulema Ortiz", "Z-1")
    bad_server.modes = [fault]
    summary = _send(store, bad_server)
    assert [(r.client, r.status) for r in summary.results] == [
        ("Peñalver & Hijos S.L.", "unknown"), ("Zulema Ortiz", "sent")]  # reconnected
    assert [e.status for e in store.events_of(other.id)] == [EventStatus.SENT]
    (item,) = delivery.outbox(store)
    assert item.status == "unknown"
    # Retry everything, plan again, discard: none of it sends the unknown one again.
    assert delivery.retry(store).results == []
    assert remind.plan_reminders(store, AS_OF).send().results == []
    assert delivery.discard(store, item.event_id)
    notes = [e for e in store.events_of(debtor.id) if e.kind == "note"]
    assert len(notes) == 1 and "unknown" in notes[0].body
    assert len(bad_server.received) == 2 and bad_server.double_sends() == 0


def test_resolve_sent_records_it_and_resolve_resend_sends_it_once(store, debtor, bad_server):
    _client(store, "Zulema Ortiz", "Z-1")
    bad_server.modes = ["drop", "drop"]
    first = _send(store, bad_server).results
    assert [r.status for r in first] == ["unknown", "unknown"]
    assert delivery.resolve_sent(store, first[0].event_id)
    assert not delivery.resolve_sent(store, first[0].event_id)
    summary = delivery.resend(store, first[1].event_id)
    assert [r.status for r in summary.results] == ["sent"]
    assert delivery.outbox(store) == []
    kinds = sorted((e.kind, str(e.status)) for c in (1, 2) for e in store.events_of(c))
    assert kinds == [("email", "sent"), ("email", "sent"), ("note", "logged"),
                     ("note", "logged")]
    # The resend is the one copy the user asked for; nothing else went twice.
    assert bad_server.message_ids()[first[1].message_id] == 2
    assert bad_server.message_ids()[first[0].message_id] == 1


def test_after_two_connection_failures_in_a_row_the_rest_wait_untried(store, debtor,
                                                                      bad_server):
    _client(store, "Zulema Ortiz", "Z-1")
    _client(store, "Yago Ruiz", "Y-1")
    bad_server.modes = ["drop", "drop", None]
    summary = _send(store, bad_server)
    assert [r.status for r in summary.results] == ["unknown", "unknown", "failed"]
    assert summary.results[2].transient and len(bad_server.received) == 2
    retried = delivery.retry(store)
    assert [r.status for r in retried.results] == ["sent"]
    assert bad_server.double_sends() == 0


# -- the invoices are read again when the message is queued or retried ----------------------------


def _pay_elsewhere(path, invoice_id, amount):
    """A payment recorded by another program (its own connection) between plan and send."""
    with Ledger.open(path) as other:
        Store(other).add_payment(Payment(invoice_id, AS_OF, amount))


def test_a_payment_between_plan_and_send_keeps_the_message_from_the_server(store, debtor,
                                                                           bad_server):
    configure(store, bad_server.settings)
    flow = remind.plan_reminders(store, AS_OF)
    assert [d.client.name for d in flow.drafts()] == ["Peñalver & Hijos S.L."]
    _pay_elsewhere(store.ledger.path, 1, 181500)
    summary = flow.send()
    (result,) = summary.results
    assert result.status == "skipped" and "owed" in result.error and "paid" in result.error
    assert bad_server.received == []
    assert store.events_of(debtor.id) == []


def test_a_paid_invoice_leaves_the_message_and_a_changed_balance_is_re_rendered(
        store, debtor, bad_server):
    store.add_invoice(Invoice("2026-0043", debtor.id, dt.date(2026, 10, 1),
                              dt.date(2026, 10, 31), "EUR", 50000))
    configure(store, bad_server.settings)
    flow = remind.plan_reminders(store, AS_OF)
    (draft,) = flow.drafts()
    assert [i.number for i in draft.invoices] == ["2026-0043", "2026-0042"]
    _pay_elsewhere(store.ledger.path, 2, 50000)  # 2026-0043 paid
    _pay_elsewhere(store.ledger.path, 1, 81500)  # 2026-0042 now owes 1.000,00
    assert [r.status for r in flow.send().results] == ["sent"]
    (got,) = bad_server.received
    text = BytesParser(policy=policy.default).parsebytes(got.data).get_body(
        ("plain",)).get_content()
    assert "2026-0042" in text and "2026-0043" not in text
    assert "Importe a pagar ahora: 1.000,00" in text  # the balance now, not 1.815,00


def test_an_edited_draft_whose_figures_changed_is_held_back(store, debtor, bad_server):
    configure(store, bad_server.settings)
    flow = remind.plan_reminders(store, AS_OF)
    flow.update_draft(debtor.id, text="Querida Begoña: debe 1.815,00 €.")
    _pay_elsewhere(store.ledger.path, 1, 1500)
    (result,) = flow.send().results
    assert result.status == "skipped" and "changed since you reviewed it" in result.error
    assert bad_server.received == [] and store.events_of(debtor.id) == []


@pytest.mark.parametrize("change", ["paid", "disputed", "promised"])
def test_a_retry_checks_the_invoices_again(store, debtor, bad_server, change):
    bad_server.faults.append(("rcpt", "450 4.2.1 Mailbox busy"))
    (first,) = _send(store, bad_server).results
    assert first.status == "failed"
    if change == "paid":
        _pay_elsewhere(store.ledger.path, 1, 181500)
    elif change == "disputed":
        store.ledger.conn.execute("UPDATE invoices SET disputed = 1 WHERE id = 1")
    else:
        store.ledger.conn.execute(
            "INSERT INTO contact_events (client_id, at, kind, promised_date) "
            "VALUES (?, '2026-11-23T08:00:00', 'promise', '2026-12-10')", (debtor.id,))
    (result,) = delivery.retry(store).results
    assert result.status == "skipped"
    assert bad_server.received == [] and delivery.outbox(store) == []
    assert any(e.kind == "note" and "not sent" in e.subject.lower()
               for e in store.events_of(debtor.id))


# -- one client's problem is that client's -------------------------------------------------------


def test_a_layout_error_for_one_client_does_not_stop_the_others(store, debtor, bad_server,
                                                                monkeypatch, tmp_path):
    from reportlab.platypus.doctemplate import LayoutError

    from collector_gui.actions import documents

    _client(store, "Zulema Ortiz", "Z-1")
    real = documents.invoice_pdf

    def fussy(store_, number, path, *a, **kw):
        if number == "2026-0042":
            raise LayoutError("Flowable too large on page 1")
        return real(store_, number, path, *a, **kw)

    monkeypatch.setattr(documents, "invoice_pdf", fussy)
    summary = _send(store, bad_server)
    assert [(r.client, r.status) for r in summary.results] == [
        ("Peñalver & Hijos S.L.", "failed"), ("Zulema Ortiz", "sent")]
    assert "LayoutError" in summary.results[0].error
    saved = remind.plan_reminders(store, AS_OF).save_eml(tmp_path / "eml")
    assert [(r.client, r.status) for r in saved.results] == [("Peñalver & Hijos S.L.",
                                                              "failed")]
