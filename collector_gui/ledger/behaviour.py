"""The sums a client's payment behaviour is judged from (core/behaviour.py holds the rules).

One query sums every client's paid invoices per currency (count, late count, amounts and
amount x days late); the client list joins a per-client form of it, so its columns sort in
SQL like the others. An invoice's clearing day is the date of its last payment: its
payments add up to its total only once the last one is in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any, NamedTuple

from collector_gui.core.behaviour import PaidSummary, PromiseFacts
from collector_gui.ledger import browse
from collector_gui.ledger.database import Ledger

# Paid invoices with the day they were cleared and their days late (never below 0).
_CLEARED = (
    "cleared AS (SELECT i.client_id, i.currency, i.total_minor AS total, "
    "MAX(0, CAST(julianday(MAX(p.date)) - julianday(i.due_date) AS INTEGER)) AS late "
    "FROM invoices AS i JOIN payments AS p ON p.invoice_id = i.id "
    "WHERE i.draft = 0 AND i.void = 0 AND i.total_minor > 0 AND i.paid_minor >= i.total_minor "
    "{client} GROUP BY i.id)"
)
_PAID_PER_CURRENCY = (
    "paid_cur AS (SELECT client_id, currency, COUNT(*) AS n, SUM(late > 0) AS n_late, "
    "SUM(total) AS amount, SUM(total * late) AS late_days FROM cleared "
    "GROUP BY client_id, currency)"
)
# core.behaviour.average_days_late / share_late in SQL (a test keeps them equal).
_PAID_PER_CLIENT = (
    "behaviour AS (SELECT client_id, "
    "SUM(n * (CASE WHEN amount > 0 THEN CAST(late_days AS REAL) / amount ELSE 0.0 END)) "
    "/ SUM(n) AS avg_late, CAST(SUM(n_late) AS REAL) / SUM(n) AS share_late "
    "FROM paid_cur GROUP BY client_id)"
)


def paid_summaries(ledger: Ledger, client_id: int | None = None
                   ) -> dict[int, dict[str, PaidSummary]]:
    """Every client's (or one client's) paid invoices summed per currency."""
    sql = ("WITH " + _CLEARED.format(client="AND i.client_id = :cid" if client_id is not None else "")
           + ", " + _PAID_PER_CURRENCY
           + " SELECT client_id, currency, n, n_late, amount, late_days FROM paid_cur")
    out: dict[int, dict[str, PaidSummary]] = {}
    with ledger.read() as db:
        for cid, cur, n, n_late, amount, late_days in db.execute(sql, {"cid": client_id}):
            out.setdefault(cid, {})[cur] = PaidSummary(cur, n, n_late, amount, late_days)
    return out


def client_figures(ledger: Ledger) -> dict[int, tuple[float, float]]:
    """client id -> (average days late, share late) as the client list shows them."""
    sql = ("WITH " + _CLEARED.format(client="") + ", " + _PAID_PER_CURRENCY + ", "
           + _PAID_PER_CLIENT + " SELECT client_id, avg_late, share_late FROM behaviour")
    with ledger.read() as db:
        return {cid: (avg, share) for cid, avg, share in db.execute(sql)}


def open_balances(ledger: Ledger, client_id: int) -> dict[str, int]:
    """What the client owes on open invoices, per currency."""
    with ledger.read() as db:
        return dict(db.execute(
            "SELECT currency, SUM(total_minor - paid_minor) FROM invoices WHERE client_id = ? "
            "AND draft = 0 AND void = 0 AND paid_minor < total_minor GROUP BY currency",
            (client_id,)).fetchall())


def invoiced_since(ledger: Ledger, client_id: int, since: dt.date, today: dt.date
                   ) -> dict[str, tuple[int, int]]:
    """currency -> (amount, count) of the client's invoices issued after *since* up to
    *today* (drafts and void ones never count)."""
    with ledger.read() as db:
        rows = db.execute(
            "SELECT currency, SUM(total_minor), COUNT(*) FROM invoices WHERE client_id = ? "
            "AND draft = 0 AND void = 0 AND issue_date > ? AND issue_date <= ? "
            "GROUP BY currency", (client_id, since.isoformat(), today.isoformat())).fetchall()
    return {cur: (amount, count) for cur, amount, count in rows}


def promises(ledger: Ledger, client_id: int) -> list[PromiseFacts]:
    """The client's promises to pay with a date, and what was paid towards each by then."""
    out = []
    with ledger.read() as db:
        events = db.execute(
            "SELECT e.id, e.at, e.promised_date, e.promised_minor, "
            "COALESCE((SELECT i.currency FROM contact_event_invoices AS x JOIN invoices AS i "
            "ON i.id = x.invoice_id WHERE x.event_id = e.id LIMIT 1), c.currency) "
            "FROM contact_events AS e JOIN clients AS c ON c.id = e.client_id "
            "WHERE e.client_id = ? AND e.kind = 'promise' AND e.promised_date IS NOT NULL "
            "ORDER BY e.at, e.id", (client_id,)).fetchall()
        for event_id, at, promised_date, promised_minor, currency in events:
            promised_on = dt.datetime.fromisoformat(at).date().isoformat()
            named = [r[0] for r in db.execute(
                "SELECT x.invoice_id FROM contact_event_invoices AS x JOIN invoices AS i "
                "ON i.id = x.invoice_id WHERE x.event_id = ? AND i.void = 0", (event_id,))]
            if named:
                marks = ", ".join("?" * len(named))
                paid = db.execute(
                    f"SELECT COALESCE(SUM(amount_minor), 0) FROM payments WHERE invoice_id IN "
                    f"({marks}) AND date >= ? AND date <= ?",
                    (*named, promised_on, promised_date)).fetchone()[0]
                left = db.execute(
                    f"SELECT COALESCE(SUM(i.total_minor - (SELECT COALESCE(SUM(p.amount_minor), "
                    f"0) FROM payments AS p WHERE p.invoice_id = i.id AND p.date <= ?)), 0) "
                    f"FROM invoices AS i WHERE i.id IN ({marks})",
                    (promised_date, *named)).fetchone()[0]
            else:
                paid = db.execute(
                    "SELECT COALESCE(SUM(p.amount_minor), 0) FROM payments AS p JOIN invoices "
                    "AS i ON i.id = p.invoice_id WHERE i.client_id = ? AND i.currency = ? "
                    "AND p.date >= ? AND p.date <= ?",
                    (client_id, currency, promised_on, promised_date)).fetchone()[0]
                left = None
            out.append(PromiseFacts(dt.date.fromisoformat(promised_on),
                                    dt.date.fromisoformat(promised_date), promised_minor,
                                    currency, paid, left))
    return out


# -- the client list with its behaviour columns ----------------------------------------------

BehaviourClientRow = NamedTuple(  # type: ignore[misc]
    "BehaviourClientRow",
    [(name, Any) for name in browse.ClientRow._fields]
    + [("avg_days_late", Any), ("share_late", Any)])

# No paid invoice yet: before every figure when ascending (like an empty cell elsewhere).
BEHAVIOUR_SORTS: dict[str, str] = {
    "avg_late": "COALESCE(b.avg_late, -1.0)",
    "share_late": "COALESCE(b.share_late, -1.0)",
}


def client_pager(ledger: Ledger, flt: browse.ClientFilter, sort: browse.Sort, today: dt.date,
                 page_size: int = browse.PAGE_SIZE) -> browse.Pager:
    """The client list's query (browse) with average days late and share late added."""
    base = browse._client_query(flt, today)
    query = replace(
        base,
        select=base.select + ", b.avg_late, b.share_late",
        from_=base.from_ + " LEFT JOIN behaviour AS b ON b.client_id = c.id",
        with_=", ".join(filter(None, (base.with_, _CLEARED.format(client=""),
                                      _PAID_PER_CURRENCY, _PAID_PER_CLIENT))),
    )
    sort_expr = BEHAVIOUR_SORTS.get(sort.key) or browse.CLIENT_SORTS[sort.key]
    return browse.Pager(ledger, query, sort_expr, sort.descending, BehaviourClientRow,
                        page_size)
