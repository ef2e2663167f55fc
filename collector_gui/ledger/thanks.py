"""The thank-yous' questions to the ledger: was this invoice reminded, was it thanked already,
which thank-yous wait in the outbox, what else the client owes.

A thank-you is an email contact event with the stage `thanks` (never a reminder stage, so the
dunning policy never counts it as a reminder). It is written in the transaction of the payment
that cleared its invoices, as `failed` with a reason saying it was not tried yet: the outbox's
one state for "not delivered, safe to send" (queued means "being sent right now"), so retrying,
recording sent/failed/unknown and never sending twice are the outbox's, as for reminders.

Each function runs inside the caller's transaction (or its own read). No Qt.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from collector_gui.core import settings as S
from collector_gui.core.dunning import Stage
from collector_gui.core.i18n import _
from collector_gui.ledger.outbox import PendingMessage
from collector_gui.ledger.store import Store, StoreError

THANKS_STAGE = "thanks"

_REMINDER_STAGES = json.dumps([str(stage) for stage in Stage])


def reminder_sent(store: Store, invoice_id: int) -> bool:
    """Whether a reminder email naming the invoice went out (status sent)."""
    with store.ledger.read() as db:
        row = db.execute(
            "SELECT 1 FROM contact_events e JOIN contact_event_invoices x ON x.event_id = e.id "
            "WHERE x.invoice_id = ? AND e.kind = 'email' AND e.status = 'sent' "
            "AND lower(trim(e.stage)) IN (SELECT value FROM json_each(?)) LIMIT 1",
            (invoice_id, _REMINDER_STAGES)).fetchone()
    return row is not None


def thanked(store: Store, invoice_id: int) -> bool:
    """Whether a thank-you naming the invoice exists, in the outbox or sent (one given up
    became a note, and counts no more)."""
    with store.ledger.read() as db:
        row = db.execute(
            "SELECT 1 FROM contact_events e JOIN contact_event_invoices x ON x.event_id = e.id "
            "WHERE x.invoice_id = ? AND e.kind = 'email' AND e.stage = ? LIMIT 1",
            (invoice_id, THANKS_STAGE)).fetchone()
    return row is not None


def waiting(store: Store, client_id: int | None = None) -> list[tuple[int, tuple[int, ...]]]:
    """The thank-yous not delivered and safe to send (failed), oldest first, as (event id,
    invoice ids); with *client_id*, that client's only."""
    sql = ("SELECT e.id, group_concat(x.invoice_id) AS ids FROM contact_events e "
           "LEFT JOIN contact_event_invoices x ON x.event_id = e.id "
           "WHERE e.kind = 'email' AND e.stage = ? AND e.status = 'failed'")
    params: list = [THANKS_STAGE]
    if client_id is not None:
        sql += " AND e.client_id = ?"
        params.append(client_id)
    with store.ledger.read() as db:
        rows = db.execute(sql + " GROUP BY e.id ORDER BY e.at, e.id", params).fetchall()
    return [(event_id, tuple(sorted(int(i) for i in ids.split(",")) if ids else ()))
            for event_id, ids in rows]


def drop_waiting(store: Store, event_ids: Iterable[int]) -> int:
    """Delete thank-yous that never reached the client (failed), to be written again as one
    message with a newer payment; returns how many went. Anything else is left alone."""
    gone = 0
    with store.ledger.write() as db:
        for event_id in event_ids:
            gone += db.execute(
                "DELETE FROM contact_events WHERE id = ? AND kind = 'email' AND stage = ? "
                "AND status = 'failed'", (event_id, THANKS_STAGE)).rowcount
    return gone


def last_payment_date(store: Store, invoice_id: int) -> str | None:
    """The date (ISO) of the newest payment of the invoice: the day it was cleared."""
    with store.ledger.read() as db:
        row = db.execute("SELECT max(date) FROM payments WHERE invoice_id = ?",
                         (invoice_id,)).fetchone()
    return row[0] if row else None


def others_open(store: Store, client_id: int, besides: Iterable[int]) -> int:
    """How many other invoices the client still owes (issued, not void, balance left)."""
    skip = json.dumps(sorted(set(besides)))
    with store.ledger.read() as db:
        row = db.execute(
            "SELECT count(*) FROM invoices WHERE client_id = ? AND draft = 0 AND void = 0 "
            "AND paid_minor < total_minor AND id NOT IN (SELECT value FROM json_each(?))",
            (client_id, skip)).fetchone()
    return int(row[0])


def is_thanks(message: PendingMessage) -> bool:
    return message.stage == THANKS_STAGE


def why_not_now(store: Store, message: PendingMessage) -> str:
    """"" when thank-yous are still wanted (thanks.enabled) and every invoice the thank-you is
    about is still paid in full and not void (read in the transaction that claims it);
    otherwise why it must not go."""
    switch = (store.get_setting(S.THANKS_ENABLED.key) or S.THANKS_ENABLED.default).strip()
    if not S.SWITCH_WORDS.get(switch.lower(), False):
        return _("thank-yous were switched off (thanks.enabled)")
    reasons = []
    for invoice_id in message.invoice_ids:
        try:
            inv = store.get_invoice(invoice_id)
        except StoreError:
            reasons.append(_("invoice #{id} was deleted").format(id=invoice_id))
            continue
        if inv.void:
            reasons.append(_("invoice {number} is void").format(number=inv.number))
        elif inv.balance_minor > 0:
            reasons.append(_("invoice {number} is not paid in full any more").format(
                number=inv.number))
    return "; ".join(reasons)
