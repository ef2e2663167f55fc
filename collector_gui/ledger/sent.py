"""The sent-messages view's queries: every email Collector sent, saved as .eml, or has in
its outbox (failed, unknown, being sent), newest first.

Kept apart from ledger/outbox.py (the reminder flow's writes) because this is only reading.
No Qt. A sent or saved email's `body` is its readable history (`outbox.history_body`); one
still in the outbox keeps the complete message, so only the first part of `body` is read
for the list (enough for the To line or header); the whole of it when one is opened.
"""

from __future__ import annotations

from collector_gui.ledger.store import Store

HEAD_CHARS = 4000  # the To line of a history, or the header block of a queued message

_LIST_SQL = (
    "SELECT e.id, e.client_id, c.name AS client_name, c.email AS client_email, e.at, e.subject, e.stage, e.status, "
    "e.error, e.message_id, substr(e.body, 1, ?) AS head "
    "FROM contact_events e JOIN clients c ON c.id = e.client_id "
    "WHERE e.kind = 'email' AND e.status IN ('sent', 'saved', 'failed', 'unknown', 'queued') "
    "ORDER BY e.at DESC, e.id DESC LIMIT ?"
)


def email_rows(store: Store, *, limit: int = 5000) -> list[dict]:
    """The newest *limit* emails (no body, its head only), newest first."""
    with store.ledger.read() as db:
        return list(db.query(_LIST_SQL, (HEAD_CHARS, limit)))


def email_row(store: Store, event_id: int) -> dict | None:
    """One email, with its whole body."""
    with store.ledger.read() as db:
        rows = list(db.query(
            "SELECT e.*, c.name AS client_name, c.email AS client_email FROM contact_events e "
            "JOIN clients c ON c.id = e.client_id WHERE e.id = ? AND e.kind = 'email'",
            (event_id,)))
    return rows[0] if rows else None
