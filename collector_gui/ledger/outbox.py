"""The reminder history and the outbox: the queries and writes the reminders need.

A reminder email is written as a `queued` contact event *before* it is sent, with its
Message-ID, the complete message (RFC 5322, attachments included) in `body` and the balance
it quotes per invoice, so that a crash or an error never loses it and a retry sends exactly
the bytes that were queued. After sending it becomes `sent`; `failed` (refused before the
server took it all: safe to send again) or `unknown` (taken whole, answer lost: only the
user decides) keep it in the outbox. Once sent or saved, `body` keeps what a person reads in
the contact history: the recipient, the attachments' names and the text part
(`history_body`). A message given up (discarded by the user, or withdrawn because what it
said is no longer true) becomes a note in the history, never disappears.

Each function is one transaction. No Qt; the SQL of reminders lives here and only here.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass

from collector_gui.core import search
from collector_gui.core.dunning import ClientFile, Stage, parse_stage
from collector_gui.core.model import ContactEvent, EventKind, EventStatus
from collector_gui.ledger.store import (
    Store,
    client_from_row,
    event_from_row,
    invoice_from_row,
    payment_from_row,
)

# A queued message older than this was interrupted (the program stopped while sending it):
# it may or may not have gone out, so it counts as unknown and is only sent again when the
# user says so. Longer than the longest wait for a server's last reply (10 minutes).
INTERRUPTED_AFTER = dt.timedelta(minutes=15)

# The statuses of an email still in the outbox (EventStatus.unfinished), for SQL.
UNFINISHED_SQL = "('queued', 'failed', 'unknown')"

_STAGE_NAMES = json.dumps([str(stage) for stage in Stage])


def _chunks(ids: list[int], size: int = 500) -> Iterable[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


# -- what the policy reads ---------------------------------------------------------------------


# The history the policy reads (core.dunning), and no more: a long-standing client has years
# of reminders and promises about invoices paid long ago, which change nothing today.
# - events about an unpaid invoice (its reminders, promises, anything queued about it);
# - events naming no invoice (a promise about "everything", a general letter);
# - emails in the outbox (queued or failed): the client waits while one is there;
# - the client's newest reminder (dunning.is_reminder: an email or letter with a stage that
#   reached the client), whatever it was about: the gap between reminders counts from it.
_OPEN_INVOICE = "i.draft = 0 AND i.void = 0 AND i.paid_minor < i.total_minor"
_RELEVANT_EVENT = f"""(
    EXISTS (SELECT 1 FROM contact_event_invoices AS x JOIN invoices AS i ON i.id = x.invoice_id
            WHERE x.event_id = e.id AND {_OPEN_INVOICE})
    OR NOT EXISTS (SELECT 1 FROM contact_event_invoices AS x WHERE x.event_id = e.id)
    OR (e.kind = 'email' AND e.status IN ('queued', 'failed', 'unknown'))
    OR e.id IN (SELECT (SELECT r.id FROM contact_events AS r
                        WHERE r.client_id = c.value AND r.kind IN ('email', 'letter')
                          AND lower(trim(r.stage)) IN (SELECT value FROM json_each(:stages))
                          AND NOT (r.kind = 'email'
                                   AND r.status IN ('queued', 'failed', 'unknown'))
                        ORDER BY r.at DESC, r.id DESC LIMIT 1)
                FROM json_each(:clients) AS c))"""


def client_files(store: Store, client_ids: Iterable[int] | None = None, *,
                 complete: bool = False) -> list[ClientFile]:
    """Every client with an unpaid invoice (draft and void ones left out), with those
    invoices, its reminder and promise history, and the payments promises are judged by.

    Disputed and paused invoices are included, so the policy can say why they get nothing.
    Ordered by client name. With *client_ids*, only those clients. The history is what the
    policy reads (see _RELEVANT_EVENT); *complete*: every reminder and promise ever logged
    (the policy decides the same either way: a test holds them equal).
    """
    wanted = list(dict.fromkeys(client_ids)) if client_ids is not None else None
    with store.ledger.read() as db:
        sql = ("SELECT * FROM invoices WHERE draft = 0 AND void = 0 AND paid_minor < total_minor")
        rows: list[dict] = []
        if wanted is None:
            rows = list(db.query(sql))
        else:
            for chunk in _chunks(wanted):
                rows += db.query(sql + f" AND client_id IN ({', '.join('?' * len(chunk))})", chunk)
        by_client: dict[int, list] = {}
        for row in rows:
            by_client.setdefault(row["client_id"], []).append(invoice_from_row(row))
        ids = list(by_client)
        clients: dict[int, dict] = {}
        events: dict[int, list[ContactEvent]] = {i: [] for i in ids}
        for chunk in _chunks(ids):
            marks = ", ".join("?" * len(chunk))
            for row in db.query(f"SELECT * FROM clients WHERE id IN ({marks})", chunk):
                clients[row["id"]] = row
            for row in db.query(
                "SELECT e.*, group_concat(ei.invoice_id) AS invoice_ids FROM contact_events e "
                "LEFT JOIN contact_event_invoices ei ON ei.event_id = e.id "
                "WHERE e.client_id IN (SELECT value FROM json_each(:clients)) "
                "AND e.kind IN ('email', 'letter', 'promise') "
                f"{'' if complete else 'AND ' + _RELEVANT_EVENT} "
                "GROUP BY e.id ORDER BY e.at, e.id",
                {"clients": json.dumps(chunk), "stages": _STAGE_NAMES},
            ):
                events[row["client_id"]].append(event_from_row(row))
        # Payments only matter to judge promises: from the day of the oldest promise on, on
        # the invoices a promise can concern (the unpaid ones, and those a promise names).
        since = {
            cid: min(e.at.date() for e in evs if e.kind == EventKind.PROMISE)
            for cid, evs in events.items() if any(e.kind == EventKind.PROMISE for e in evs)
        }
        payments: dict[int, list] = {cid: [] for cid in since}
        promised = list(since)
        for chunk in _chunks(promised):
            concerned = {inv.id for cid in chunk for inv in by_client[cid]}
            concerned.update(i for cid in chunk for e in events[cid]
                             if e.kind == EventKind.PROMISE for i in e.invoice_ids)
            on = ("i.client_id IN (SELECT value FROM json_each(:clients))" if complete else
                  "p.invoice_id IN (SELECT value FROM json_each(:invoices))")
            for row in db.query(
                "SELECT p.*, i.client_id AS owner FROM payments p JOIN invoices i "
                f"ON i.id = p.invoice_id WHERE {on} AND p.date >= :since ORDER BY p.date, p.id",
                {"clients": json.dumps(chunk), "invoices": json.dumps(sorted(concerned)),
                 "since": min(since[c] for c in chunk).isoformat()},
            ):
                payments[row["owner"]].append(payment_from_row(row))
    files = [
        ClientFile(client_from_row(clients[cid]), tuple(by_client[cid]), tuple(events[cid]),
                   tuple(payments.get(cid, ())))
        for cid in ids
    ]
    return sorted(files, key=lambda f: (f.client.name.casefold(), f.client.id))


def last_stages(store: Store, invoice_ids: Iterable[int] | None = None
                ) -> dict[int, tuple[str, dt.date]]:
    """The most advanced reminder stage sent (or saved) per invoice, and its date.

    For the window's lists: invoice id -> (stage, date of the newest event of that stage).
    """
    sql = (
        "SELECT ei.invoice_id, e.stage, max(e.at) AS at FROM contact_events e "
        "JOIN contact_event_invoices ei ON ei.event_id = e.id "
        "WHERE e.kind IN ('email', 'letter') AND e.stage IS NOT NULL "
        "AND e.status NOT IN ('queued', 'failed', 'unknown')"
    )
    rows: list[dict] = []
    with store.ledger.read() as db:
        if invoice_ids is None:
            rows = list(db.query(sql + " GROUP BY ei.invoice_id, e.stage"))
        else:
            for chunk in _chunks(list(dict.fromkeys(invoice_ids))):
                rows += db.query(sql + f" AND ei.invoice_id IN ({', '.join('?' * len(chunk))})"
                                 " GROUP BY ei.invoice_id, e.stage", chunk)
    out: dict[int, tuple[str, dt.date]] = {}
    for row in rows:
        stage = parse_stage(row["stage"])
        if stage is None:
            continue
        prev = out.get(row["invoice_id"])
        if prev is None or parse_stage(prev[0]).rank < stage.rank:  # type: ignore[union-attr]
            out[row["invoice_id"]] = (str(stage), dt.datetime.fromisoformat(row["at"]).date())
    return out


# -- the outbox --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PendingMessage:
    """An email in the outbox: queued (being sent, or interrupted), failed or unknown."""

    event_id: int
    client_id: int
    client_name: str
    at: dt.datetime
    stage: str | None
    subject: str
    status: EventStatus
    message_id: str
    error: str
    invoice_ids: tuple[int, ...]
    raw: bytes  # the complete message, as queued
    # invoice id -> the balance the message quotes (None: queued before schema step 2)
    quoted: tuple[tuple[int, int | None], ...] = ()

    def interrupted(self, now: dt.datetime) -> bool:
        """Queued long ago and never marked: the program stopped while sending it."""
        return self.status == EventStatus.QUEUED and now - self.at > INTERRUPTED_AFTER

    def unknown(self, now: dt.datetime) -> bool:
        """Whether it may have reached the client: only the user can say (resolve)."""
        return self.status == EventStatus.UNKNOWN or self.interrupted(now)


def _pending_from_row(row: dict) -> PendingMessage:
    ids = row.get("invoice_ids")
    quoted = []
    for pair in (row.get("quoted") or "").split(","):
        if pair:
            inv, _sep, bal = pair.partition(":")
            quoted.append((int(inv), int(bal) if bal else None))
    return PendingMessage(
        event_id=row["id"],
        client_id=row["client_id"],
        client_name=row["client_name"],
        at=dt.datetime.fromisoformat(row["at"]),
        stage=row["stage"],
        subject=row["subject"],
        status=EventStatus(row["status"]),
        message_id=row["message_id"],
        error=row["error"],
        invoice_ids=tuple(sorted(int(i) for i in ids.split(","))) if ids else (),
        raw=row["body"].encode("utf-8", "surrogateescape"),
        quoted=tuple(sorted(quoted)),
    )


_PENDING_SQL = (
    "SELECT e.*, c.name AS client_name, group_concat(ei.invoice_id) AS invoice_ids, "
    "group_concat(ei.invoice_id || ':' || coalesce(ei.balance_minor, '')) AS quoted "
    "FROM contact_events e JOIN clients c ON c.id = e.client_id "
    "LEFT JOIN contact_event_invoices ei ON ei.event_id = e.id "
    f"WHERE e.kind = 'email' AND e.status IN {UNFINISHED_SQL}"
)


def pending_messages(store: Store) -> list[PendingMessage]:
    """Every email in the outbox, oldest first."""
    with store.ledger.read() as db:
        rows = list(db.query(_PENDING_SQL + " GROUP BY e.id ORDER BY e.at, e.id"))
    return [_pending_from_row(r) for r in rows]


def pending_message(store: Store, event_id: int) -> PendingMessage | None:
    with store.ledger.read() as db:
        rows = list(db.query(_PENDING_SQL + " AND e.id = ? GROUP BY e.id", (event_id,)))
    return _pending_from_row(rows[0]) if rows else None


_CONTACTED_SINCE = (
    "SELECT 1 FROM contact_events WHERE client_id = ? AND kind IN ('email', 'letter') "
    "AND stage IS NOT NULL AND (id > ? OR at > ?) LIMIT 1"
)


@dataclass(frozen=True, slots=True)
class Mark:
    """A point in the contact history: what a plan saw (to notice what came after)."""

    last_event_id: int
    at: dt.datetime


def mark(store: Store, now: dt.datetime) -> Mark:
    with store.ledger.read() as db:
        last = db.execute("SELECT coalesce(max(id), 0) FROM contact_events").fetchone()[0]
    return Mark(last, now)


def contacted_since(store: Store, client_id: int, since: Mark) -> bool:
    """Whether a reminder to the client was queued, sent or saved after *since* (a new
    event, or an old one retried later)."""
    with store.ledger.read() as db:
        row = db.execute(_CONTACTED_SINCE, (client_id, since.last_event_id, _iso(since.at))
                         ).fetchone()
    return row is not None


def _iso(moment: dt.datetime) -> str:
    return moment.replace(microsecond=0).isoformat(timespec="seconds")


def queue_message(store: Store, *, client_id: int, at: dt.datetime, stage: str, subject: str,
                  invoice_ids: Iterable[int], message_id: str, raw: bytes,
                  unless_contacted_since: Mark | None = None,
                  balances: dict[int, int] | None = None) -> int | None:
    """Write the message as a queued email event (one transaction); returns its id.

    With *unless_contacted_since*, nothing is queued (None is returned) when a reminder to
    the client was queued, sent or saved since then: the check and the write are one
    transaction, so two windows sending the same plan cannot both send it.
    *raw* is the serialised message: 7-bit ASCII (policy SMTP), or UTF-8 headers for an
    address with accents before the @ (SMTPUTF8), so it is kept as text.
    *balances*: invoice id -> the balance the message quotes (checked before a retry).
    """
    event = ContactEvent(
        client_id=client_id, at=at.replace(microsecond=0), kind=EventKind.EMAIL,
        subject=subject, body=raw.decode("utf-8", "surrogateescape"),
        invoice_ids=tuple(invoice_ids), stage=stage, status=EventStatus.QUEUED,
        message_id=message_id,
    )
    with store.ledger.write() as db:
        since = unless_contacted_since
        if since is not None and db.execute(
            _CONTACTED_SINCE, (client_id, since.last_event_id, _iso(since.at))
        ).fetchone():
            return None
        added = store.add_event(event)
        assert added.id is not None
        _keep_balances(db, added.id, balances)
    return added.id


def _keep_balances(db, event_id: int, balances: dict[int, int] | None) -> None:
    for invoice_id, balance in (balances or {}).items():
        db.execute("UPDATE contact_event_invoices SET balance_minor = ? "
                   "WHERE event_id = ? AND invoice_id = ?", (balance, event_id, invoice_id))


def record_saved(store: Store, *, client_id: int, at: dt.datetime, stage: str, subject: str,
                 invoice_ids: Iterable[int], message_id: str, history: str,
                 balances: dict[int, int] | None = None) -> int:
    """Record a message written to an .eml file (the user sends it from their mail program).
    Recorded *before* the file is written: `unsave` takes it back if the file cannot be."""
    with store.ledger.write() as db:
        event = store.add_event(ContactEvent(
            client_id=client_id, at=at.replace(microsecond=0), kind=EventKind.EMAIL,
            subject=subject, body=history, invoice_ids=tuple(invoice_ids), stage=stage,
            status=EventStatus.SAVED, message_id=message_id,
        ))
        assert event.id is not None
        _keep_balances(db, event.id, balances)
    return event.id


def unsave(store: Store, event_id: int) -> bool:
    """Take back a saved message whose .eml file could not be written (it never existed)."""
    with store.ledger.write() as db:
        cur = db.execute("DELETE FROM contact_events WHERE id = ? AND kind = 'email' "
                         "AND status = 'saved'", (event_id,))
        return cur.rowcount == 1


def _key_with_body(db, event_id: int, body: str) -> str:
    """The event's search key once its body is *body* (its subject stays)."""
    row = db.execute("SELECT subject FROM contact_events WHERE id = ?", (event_id,)).fetchone()
    return search.event_key(row[0] if row else "", body)


def mark_sent(store: Store, event_id: int, *, message_id: str, history: str) -> bool:
    """A message went out (the server accepted it, or the user checked it arrived): `sent`,
    and `body` becomes the readable history. Whatever the outbox thought (queued, failed,
    unknown), the server's acceptance is the truth; the Message-ID must match, so a stale
    record (a journal entry after a restore) changes nothing.

    Returns False when there was no such message in the outbox (nothing changed).
    """
    with store.ledger.write() as db:
        cur = db.execute(
            "UPDATE contact_events SET status = 'sent', error = '', body = ?, search_key = ? "
            f"WHERE id = ? AND kind = 'email' AND status IN {UNFINISHED_SQL} "
            "AND message_id = ?",
            (history, _key_with_body(db, event_id, history), event_id, message_id),
        )
        return cur.rowcount == 1


def mark_unknown(store: Store, event_id: int, reason: str) -> bool:
    """The server took the whole message and its answer never came (or the program was
    stopped mid-send): `unknown`. Never sent again without the user's word."""
    with store.ledger.write() as db:
        cur = db.execute(
            "UPDATE contact_events SET status = 'unknown', error = ? "
            "WHERE id = ? AND kind = 'email' AND status = 'queued'",
            (reason, event_id),
        )
        return cur.rowcount == 1


def mark_failed(store: Store, event_id: int, error: str) -> bool:
    """A queued message could not be sent: `failed`, with the reason; it stays in the outbox."""
    with store.ledger.write() as db:
        cur = db.execute(
            "UPDATE contact_events SET status = 'failed', error = ? "
            "WHERE id = ? AND kind = 'email' AND status = 'queued'",
            (error, event_id),
        )
        return cur.rowcount == 1


def claim_for_retry(store: Store, event_id: int, *, now: dt.datetime,
                    include_interrupted: bool = False, unknown: bool = False
                    ) -> PendingMessage | None:
    """Take a failed message (with *unknown*: an unknown or interrupted one, which the user
    asked to send again) back to `queued` before sending it: one transaction, so two
    windows retrying at once cannot both send it. Returns None when there is nothing to
    retry (already sent, discarded, being sent right now, or not of the kind asked for).
    Call it inside the caller's transaction to check the invoices in the same one."""
    with store.ledger.write() as db:
        rows = list(db.query(_PENDING_SQL + " AND e.id = ? GROUP BY e.id", (event_id,)))
        if not rows:
            return None
        message = _pending_from_row(rows[0])
        if unknown or include_interrupted:
            allowed = message.unknown(now) or (include_interrupted
                                               and message.status == EventStatus.FAILED)
        else:
            allowed = message.status == EventStatus.FAILED
        if not allowed:
            return None
        db.execute(
            "UPDATE contact_events SET status = 'queued', error = '', at = ? WHERE id = ?",
            (_iso(now), event_id),
        )
    return message


def replace_raw(store: Store, event_id: int, raw: bytes) -> None:
    """Keep the bytes about to be sent again (a retry refreshes the Date header)."""
    with store.ledger.write() as db:
        db.execute(
            "UPDATE contact_events SET body = ?, search_key = ? WHERE id = ? AND status = 'queued'",
            (body := raw.decode("utf-8", "surrogateescape"),
             _key_with_body(db, event_id, body), event_id),
        )


def withdraw(store: Store, event_id: int, *, at: dt.datetime, subject: str, body: str,
             statuses: Iterable[EventStatus] = (EventStatus.FAILED, EventStatus.UNKNOWN,
                                                EventStatus.QUEUED)) -> bool:
    """Take a message out of the outbox without sending it, leaving a note in the history
    (*subject*, *body*: why, and what the message said). The client is free for the next
    reminder run. False when it was not in the outbox with one of *statuses*."""
    wanted = tuple(str(s) for s in statuses)
    with store.ledger.write() as db:
        cur = db.execute(
            "UPDATE contact_events SET kind = 'note', stage = NULL, status = 'logged', "
            "error = '', subject = ?, body = ?, at = ?, search_key = ? "
            f"WHERE id = ? AND kind = 'email' AND status IN ({', '.join('?' * len(wanted))})",
            (subject, body, _iso(at), search.event_key(subject, body), event_id, *wanted),
        )
        return cur.rowcount == 1


def add_note(store: Store, *, client_id: int, at: dt.datetime, subject: str, body: str,
             invoice_ids: Iterable[int] = ()) -> int:
    """A note in the client's history (a decision about a message of the outbox)."""
    event = store.add_event(ContactEvent(
        client_id=client_id, at=at.replace(microsecond=0), kind=EventKind.NOTE,
        subject=subject, body=body, invoice_ids=tuple(invoice_ids)))
    assert event.id is not None
    return event.id


def history_body(recipient: str, attachments: Iterable[str], text: str) -> str:
    """What the contact history keeps of a sent or saved email."""
    names = ", ".join(attachments)
    head = f"To: {recipient}\n" + (f"Attachments: {names}\n" if names else "")
    return f"{head}\n{text}"
