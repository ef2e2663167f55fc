"""Delivered is recorded as delivered (issue 14, items 5 and 6): through a busy ledger (the
delivery journal), through Ctrl+C, and for .eml files; and the command line's outbox."""

from __future__ import annotations

import json
import sqlite3
import threading

import pytest

from collector_gui.actions import delivery, remind
from collector_gui.actions.ledger import open_ledger
from collector_gui.cli import main
from collector_gui.core.errors import CollectorError
from collector_gui.core.model import EventStatus
from collector_gui.ledger import journal
from collector_gui.ledger import outbox as ob
from tests.helpers.smtp import AS_OF, configure


def cli(store, *args):
    return main(["--ledger", str(store.ledger.path), *args])


class Locker:
    """Another program holding the ledger's write lock, from a moment chosen by the test."""

    def __init__(self, path) -> None:
        self.conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.held = threading.Event()

    def hold(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")
        self.held.set()

    def release(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")
        self.conn.close()


def test_delivered_while_the_ledger_is_busy_is_journaled_then_recorded(store, debtor,
                                                                      plain_server,
                                                                      monkeypatch, capsys):
    monkeypatch.setattr(delivery, "RECORD_PATIENCE", 0.3)
    store.ledger.conn.execute("PRAGMA busy_timeout = 100")
    configure(store, plain_server.settings)
    locker = Locker(store.ledger.path)
    real_handle = plain_server.handler.handle_DATA

    async def accept_then_lock(server, session, envelope):  # the server's thread
        reply = await real_handle(server, session, envelope)
        locker.hold()  # another program takes the ledger before the reply reaches us
        return reply

    monkeypatch.setattr(plain_server.handler, "handle_DATA", accept_then_lock)
    try:
        summary = remind.plan_reminders(store, AS_OF).send()
    finally:
        locker.release()
    (result,) = summary.results
    assert result.status == "sent" and not result.recorded
    assert "delivered to Peñalver & Hijos S.L." in summary.text()
    assert "not yet recorded" in summary.text()
    assert [e["message_id"] for e in journal.pending(store.ledger.path)] == [result.message_id]
    (event,) = store.events_of(debtor.id)
    assert event.status == EventStatus.QUEUED  # as far as the ledger knows, for now
    with open_ledger(store.ledger.path):  # the next start
        pass
    (event,) = store.events_of(debtor.id)
    assert event.status == EventStatus.SENT and "cuentas@penalver.es" in event.body
    assert journal.pending(store.ledger.path) == []
    assert remind.plan_reminders(store, AS_OF).send().results == []
    assert len(plain_server.handler.received) == 1


def test_ctrl_c_after_delivery_reports_it_as_sent(store, debtor, plain_server, monkeypatch,
                                                  capsys):
    configure(store, plain_server.settings)
    real = ob.mark_sent
    calls = []

    def interrupted_once(*a, **kw):
        calls.append(1)
        if len(calls) == 1:
            raise KeyboardInterrupt
        return real(*a, **kw)

    monkeypatch.setattr(ob, "mark_sent", interrupted_once)
    assert cli(store, "remind", "--send", "--yes") == 130
    out = capsys.readouterr()
    assert "sent to Peñalver & Hijos S.L." in out.out and "Interrupted" in out.out
    assert "nothing half-written" not in out.err
    (event,) = store.events_of(debtor.id)
    assert event.status == EventStatus.SENT
    assert len(plain_server.handler.received) == 1


def test_an_eml_is_recorded_before_it_is_written_and_never_twice(store, debtor, tmp_path,
                                                                 monkeypatch):
    store.set_setting("smtp.from", "marta@example.org")
    store.ledger.conn.execute("PRAGMA busy_timeout = 100")
    folder = tmp_path / "eml"
    locker = Locker(store.ledger.path)
    locker.hold()
    try:
        first = remind.plan_reminders(store, AS_OF).save_eml(folder)
    finally:
        locker.release()
    assert [r.status for r in first.results] == ["failed"]
    assert list(folder.glob("*.eml")) == []  # nothing written that is not recorded

    from collector_gui.mail import compose

    def full_disk(raw, path):
        raise CollectorError(f"Could not write {path}: No space left on device.")

    monkeypatch.setattr(compose, "write_eml", full_disk)
    second = remind.plan_reminders(store, AS_OF).save_eml(folder)
    assert [r.status for r in second.results] == ["failed"]
    assert "Nothing was recorded" in second.results[0].error
    assert store.events_of(debtor.id) == []  # the record was taken back
    monkeypatch.undo()

    third = remind.plan_reminders(store, AS_OF).save_eml(folder)
    assert [r.status for r in third.results] == ["saved"]
    assert remind.plan_reminders(store, AS_OF).save_eml(folder).results == []
    names = sorted(p.name for p in folder.glob("*.eml"))
    assert len(names) == 1 and "(2)" not in names[0]


def test_the_command_line_outbox(store, debtor, starttls_server, plain_server, capsys,
                                 monkeypatch):
    configure(store, plain_server.settings)
    plain_server.handler.faults.append(("rcpt", "450 4.2.1 Mailbox busy"))
    assert cli(store, "remind", "--send", "--yes") == 1
    capsys.readouterr()
    assert cli(store, "remind", "--dry-run") == 0
    dry = capsys.readouterr().out
    assert "Held back: Peñalver & Hijos S.L.: message #1 failed" in dry
    assert cli(store, "outbox", "--json") == 0
    (item,) = json.loads(capsys.readouterr().out)["messages"]
    assert (item["id"], item["client"], item["status"]) == (1, "Peñalver & Hijos S.L.",
                                                            "failed")
    assert "450" in item["reason"]
    assert cli(store, "outbox") == 0
    assert "Peñalver" in capsys.readouterr().out
    assert cli(store, "outbox", "retry") == 1  # neither ids nor --all
    assert cli(store, "outbox", "resolve", "1", "--sent") == 1  # failed, not unknown
    capsys.readouterr()
    assert cli(store, "outbox", "retry", "--all") == 0
    assert "1 sent" in capsys.readouterr().out
    assert len(plain_server.handler.received) == 1
    assert cli(store, "outbox") == 0
    assert "empty" in capsys.readouterr().out
    assert cli(store, "outbox", "discard", "1") == 1  # no longer in the outbox


def test_the_command_line_resolves_an_unknown_message(store, debtor, plain_server, capsys):
    configure(store, plain_server.settings)
    plain_server.handler.faults.append(("drop", ""))
    assert cli(store, "remind", "--send", "--yes") == 1
    out = capsys.readouterr().out
    assert "UNKNOWN for Peñalver & Hijos S.L." in out and "resolve" in out
    assert cli(store, "outbox", "retry", "--all") == 0
    assert plain_server.handler.received == []  # never retried on its own
    capsys.readouterr()
    assert cli(store, "outbox", "resolve", "1", "--resend") == 0
    assert "1 sent" in capsys.readouterr().out
    assert len(plain_server.handler.received) == 1
    assert [e.kind for e in store.events_of(debtor.id)] == ["email", "note"]
    assert cli(store, "outbox", "resolve", "1", "--sent") == 1
