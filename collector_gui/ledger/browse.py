"""The paged, sorted and filtered queries the window's tables read.

Tables in the window never load a whole table: they ask for one page at a time with a
keyset ("seek") condition, so the 5,000th page costs what the first does, and sorting and
filtering happen here, in SQL. Rows are NamedTuples (plain tuples: cheap when a table has
fetched many pages), which the garbage collector is told to leave alone (_untrack: a table
scrolled to 50,000 rows otherwise made its full collections walk them all, 100-130 ms with the
GIL held while the window waited). Money stays integer minor units; the window formats it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import NamedTuple

from collector_gui.core.aging import (
    AgingReport,
    average_days_to_pay,
    collected_per_month,
    last_months,
)
from collector_gui.core.search import fold
from collector_gui.ledger.database import Ledger

PAGE_SIZE = 200


def _gc_untrack() -> Callable[[object], None]:
    """CPython's PyObject_GC_UnTrack, or a no-op where there is none (another Python).

    Why: CPython stops tracking a plain tuple of atoms at its first collection, but never a
    tuple subclass (a NamedTuple): every row a table holds stays tracked, counts towards the
    next full collection and is walked by it. A row here holds only what SQLite returns (int,
    float, str, bytes, None), none of which can refer back to anything, so the row can never
    be part of a reference cycle, and leaving it out of the collector is what CPython itself
    does for a plain tuple. Freed by its reference count as before.
    """
    try:
        import ctypes

        untrack = ctypes.PYFUNCTYPE(None, ctypes.py_object)(
            ("PyObject_GC_UnTrack", ctypes.pythonapi))
    except (ImportError, AttributeError, OSError):
        return lambda _obj: None
    return untrack


_ATOMS = frozenset({int, float, str, bytes, type(None)})  # what SQLite gives back
_untrack_row: Callable[[object], None] | None = None  # resolved on first use (no ctypes at start)


def untracked_rows(row_type: type, raw: list[tuple]) -> list:
    """*raw* SQLite rows, their trailing sort key left out, as *row_type*s the garbage
    collector does not track (see _gc_untrack)."""
    global _untrack_row
    rows = [row_type(*r[:-1]) for r in raw]
    # a tuple type without a __dict__: its fields are all it refers to (and its type)
    if not (issubclass(row_type, tuple) and row_type.__dictoffset__ == 0):
        return rows
    if _untrack_row is None:
        _untrack_row = _gc_untrack()
    untrack = _untrack_row
    for row in rows:
        if all(type(v) in _ATOMS for v in row):
            untrack(row)  # it refers to no other object, so it can never be in a cycle
    return rows


def _found(key_expr: str) -> str:
    """The condition "the folded search text is in *key_expr*" (a search key column: its
    searched columns folded by core/search, so case and accents never matter, in any script).
    instr() on the folded key: no LIKE wildcards to escape, and faster than LIKE."""
    return f"instr({key_expr}, :text) > 0"


# A client's name alone, from its search key (the name is the key's first part).
_NAME_KEY = "substr(c.search_key, 1, instr(c.search_key || char(31), char(31)) - 1)"
# The clients whose name has the text: one pass over the clients, then a lookup per row.
_CLIENT_NAMED = f"(SELECT c.id FROM clients AS c WHERE {_found(_NAME_KEY)})"


def _amount_in_currency(currency: str, amount: str) -> str:
    """A sort key for an amount that keeps currencies apart: the currency first, then the
    amount (never ¥1,000,819 between two euro amounts). Amounts here are never negative, so
    zero-padded digits sort as numbers do."""
    return f"({currency} || printf('%020d', {amount}))"


def _like(text: str) -> str:
    """A LIKE pattern that finds *text* anywhere, with its own % and _ taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


@dataclass(frozen=True)
class Sort:
    """Sort by one of a query's sort keys; rows with equal keys follow their id."""

    key: str
    descending: bool = False


class CurrencyTotal(NamedTuple):
    currency: str
    count: int  # rows in this currency
    total_minor: int  # their totals (an overdue list's: their balances)
    owed_minor: int  # what is still owed on them (void and draft invoices owe nothing)


@dataclass(frozen=True)
class Summary:
    """A filtered list as a whole: how many rows, and their amounts per currency."""

    count: int
    per_currency: tuple[CurrencyTotal, ...] = ()


@dataclass(frozen=True)
class _Paged:
    """A SELECT read in pages, ordered by (sort expression, id) and sought past the last row."""

    select: str  # the result columns (a row type's fields, in order)
    from_: str
    where: list[str] = field(default_factory=list)
    params: dict = field(default_factory=dict)
    id_expr: str = "id"
    with_: str = ""  # a WITH clause's body (named sub-queries), or nothing
    # (currency expression, total expression, owed expression): summed per currency by
    # summary(); empty for a list without amounts
    totals: tuple[str, ...] = ()
    # what summary() reads, when the filter needs less than from_ (the invoice lists' filters
    # never name the joined client: without the join the sums are three times faster)
    totals_from: str = ""

    def _head(self) -> str:
        return f"WITH {self.with_} " if self.with_ else ""

    def page(self, ledger: Ledger, sort_expr: str, descending: bool, after: tuple | None,
             limit: int) -> list[tuple]:
        where = list(self.where)
        params = dict(self.params)
        if after is not None:
            where.append(f"({sort_expr}, {self.id_expr}) {'<' if descending else '>'} (:_k, :_id)")
            params["_k"], params["_id"] = after
        direction = "DESC" if descending else "ASC"
        sql = (
            f"{self._head()}SELECT {self.select}, {sort_expr} AS _sort_key FROM {self.from_}"
            + (f" WHERE {' AND '.join(where)}" if where else "")
            + f" ORDER BY {sort_expr} {direction}, {self.id_expr} {direction} LIMIT {int(limit)}"
        )
        with ledger.read() as db:
            return db.execute(sql, params).fetchall()

    def count(self, ledger: Ledger) -> int:
        sql = f"{self._head()}SELECT count(*) FROM {self.from_}" + (
            f" WHERE {' AND '.join(self.where)}" if self.where else "")
        with ledger.read() as db:
            return db.execute(sql, self.params).fetchone()[0]

    def summary(self, ledger: Ledger) -> Summary:
        """How many rows match, and (with `totals`) their amounts per currency: one query
        over the whole filter, not over the rows read so far."""
        if not self.totals:
            return Summary(self.count(ledger))
        currency, *amounts = self.totals
        sql = (f"{self._head()}SELECT {currency}, count(*), "
               + ", ".join(f"SUM({a})" for a in amounts) + f" FROM {self.totals_from or self.from_}"
               + (f" WHERE {' AND '.join(self.where)}" if self.where else "")
               + f" GROUP BY {currency} ORDER BY {currency}")
        with ledger.read() as db:
            rows = db.execute(sql, self.params).fetchall()
        per = tuple(CurrencyTotal(r[0], r[1], *r[2:]) for r in rows)
        return Summary(sum(t.count for t in per), per)


class Pager:
    """Reads one query page by page: each call to next_page() continues after the last row."""

    def __init__(self, ledger: Ledger, query: _Paged, sort_expr: str, descending: bool,
                 row_type: type, page_size: int = PAGE_SIZE) -> None:
        self._ledger = ledger
        self._query = query
        self._sort_expr = sort_expr
        self._descending = descending
        self._row_type = row_type
        self._page_size = page_size
        self._after: tuple | None = None
        self.exhausted = False

    def next_page(self) -> list:
        if self.exhausted:
            return []
        raw = self._query.page(self._ledger, self._sort_expr, self._descending, self._after,
                               self._page_size + 1)
        if len(raw) <= self._page_size:
            self.exhausted = True
        raw = raw[: self._page_size]
        if raw:
            last = raw[-1]
            self._after = (last[-1], last[0])  # (sort key, id): id is every row's first field
        return untracked_rows(self._row_type, raw)

    def count(self) -> int:
        return self._query.count(self._ledger)

    def summary(self) -> Summary:
        return self._query.summary(self._ledger)


# -- invoices -------------------------------------------------------------------------------

# The status of an invoice as core.model.Invoice.status() decides it (a test keeps them equal).
STATUS_SQL = (
    "CASE WHEN i.void THEN 'void' WHEN i.draft THEN 'draft' "
    "WHEN i.paid_minor >= i.total_minor THEN 'paid' "
    "WHEN i.due_date < :today THEN 'overdue' "
    "WHEN i.paid_minor > 0 THEN 'partially paid' ELSE 'open' END"
)

_OPEN = "i.draft = 0 AND i.void = 0 AND i.paid_minor < i.total_minor"

# What each choice of the invoice list's status filter shows. "open" is everything still
# owed (overdue and partly paid included); "partially paid" is owed with some paid.
STATUS_FILTERS: dict[str, str] = {
    "open": _OPEN,
    "overdue": f"{_OPEN} AND i.due_date < :today",
    "partially paid": f"{_OPEN} AND i.paid_minor > 0",
    "paid": "i.draft = 0 AND i.void = 0 AND i.paid_minor >= i.total_minor",
    "draft": "i.draft = 1 AND i.void = 0",
    "void": "i.void = 1",
    "disputed": "i.disputed = 1 AND i.void = 0",
}


class InvoiceRow(NamedTuple):
    id: int
    number: str
    client_id: int
    client: str
    issue_date: str
    due_date: str
    currency: str
    total_minor: int
    paid_minor: int
    draft: int
    void: int
    disputed: int
    reminders_paused: int
    description: str


INVOICE_SORTS: dict[str, str] = {
    "number": "i.number",
    "client": "c.name",
    "issue_date": "i.issue_date",
    "due_date": "i.due_date",
    "currency": "i.currency",
    "total": _amount_in_currency("i.currency", "i.total_minor"),
    "balance": _amount_in_currency("i.currency", "(i.total_minor - i.paid_minor) * (1 - i.void)"),
    "status": STATUS_SQL,
    "entered": "i.id",
}


@dataclass(frozen=True)
class InvoiceFilter:
    status: str | None = None  # a key of STATUS_FILTERS, or None for all
    text: str = ""  # found in the number, the client's name or the description
    issued_from: dt.date | None = None
    issued_to: dt.date | None = None
    client_id: int | None = None


def _invoice_query(flt: InvoiceFilter, today: dt.date) -> _Paged:
    where: list[str] = []
    params: dict = {"today": today.isoformat()}
    if flt.status:
        where.append(STATUS_FILTERS[flt.status])
    if fold(flt.text.strip()):
        where.append(f"({_found('i.search_key')} OR i.client_id IN {_CLIENT_NAMED})")
        params["text"] = fold(flt.text.strip())
    if flt.issued_from:
        where.append("i.issue_date >= :issued_from")
        params["issued_from"] = flt.issued_from.isoformat()
    if flt.issued_to:
        where.append("i.issue_date <= :issued_to")
        params["issued_to"] = flt.issued_to.isoformat()
    if flt.client_id is not None:
        where.append("i.client_id = :client_id")
        params["client_id"] = flt.client_id
    return _Paged(
        select=", ".join(f"{'c.name' if f == 'client' else 'i.' + f}" for f in InvoiceRow._fields),
        from_="invoices AS i JOIN clients AS c ON c.id = i.client_id",
        where=where, params=params, id_expr="i.id",
        totals=("i.currency", "i.total_minor",
                f"CASE WHEN {_OPEN} THEN i.total_minor - i.paid_minor ELSE 0 END"),
        totals_from="invoices AS i",
    )


def invoice_pager(ledger: Ledger, flt: InvoiceFilter, sort: Sort, today: dt.date,
                  page_size: int = PAGE_SIZE) -> Pager:
    return Pager(ledger, _invoice_query(flt, today), INVOICE_SORTS[sort.key], sort.descending,
                 InvoiceRow, page_size)


def invoice_status_sql(ledger: Ledger, invoice_id: int, today: dt.date) -> str:
    """The status the SQL above gives one invoice (for tests that hold it to core's)."""
    with ledger.read() as db:
        return db.execute(f"SELECT {STATUS_SQL} FROM invoices AS i WHERE i.id = :id",
                          {"today": today.isoformat(), "id": invoice_id}).fetchone()[0]


# -- overdue and "to chase today" -----------------------------------------------------------

class OverdueRow(NamedTuple):
    id: int
    number: str
    client_id: int
    client: str
    due_date: str
    currency: str
    balance_minor: int
    stage: str | None  # the furthest reminder stage sent about this invoice so far
    last_contact: str | None  # ISO date-time of the newest contact about this invoice
    disputed: int
    reminders_paused: int


_LAST_CONTACT = (
    "(SELECT MAX(e.at) FROM contact_event_invoices AS x JOIN contact_events AS e "
    "ON e.id = x.event_id WHERE x.invoice_id = i.id "
    "AND e.status NOT IN ('failed', 'queued', 'unknown'))"
)
# The furthest reminder stage sent about the invoice, in core.dunning's order of stages.
_LAST_STAGE = (
    "(SELECT e.stage FROM contact_event_invoices AS x JOIN contact_events AS e "
    "ON e.id = x.event_id WHERE x.invoice_id = i.id AND e.stage IS NOT NULL "
    "AND e.status IN ('sent', 'saved', 'logged') ORDER BY CASE e.stage "
    "WHEN 'final' THEN 5 WHEN 'firm' THEN 4 WHEN 'polite' THEN 3 WHEN 'due' THEN 2 "
    "WHEN 'pre-due' THEN 1 ELSE 0 END DESC, e.at DESC LIMIT 1)"
)

OVERDUE_SORTS: dict[str, str] = {
    # most days overdue first is the earliest due date first
    "days": "i.due_date",
    "number": "i.number",
    "client": "c.name",
    "balance": _amount_in_currency("i.currency", "(i.total_minor - i.paid_minor)"),
    "currency": "i.currency",
    "last_contact": f"COALESCE({_LAST_CONTACT}, '')",
}


def _overdue_query(today: dt.date, *, ids: Collection[int] | None, client_id: int | None,
                   text: str) -> _Paged:
    where = [_OPEN, "i.issue_date <= :today"]
    params: dict = {"today": today.isoformat()}
    if ids is None:
        where.append("i.due_date < :today")
    else:
        # Exactly these invoices (the reminder policy's list: actions.remind_views.chase_today),
        # while still open; one due today or soon is listed too, when a notice is due for it.
        where.append("i.id IN (SELECT value FROM json_each(:ids))")
        params["ids"] = json.dumps(sorted({int(i) for i in ids}))
    if client_id is not None:
        where.append("i.client_id = :client_id")
        params["client_id"] = client_id
    if fold(text.strip()):
        where.append(f"({_found('i.search_key')} OR i.client_id IN {_CLIENT_NAMED})")
        params["text"] = fold(text.strip())
    select = ("i.id, i.number, i.client_id, c.name, i.due_date, i.currency, "
              f"i.total_minor - i.paid_minor, {_LAST_STAGE}, {_LAST_CONTACT}, "
              "i.disputed, i.reminders_paused")
    owed = "i.total_minor - i.paid_minor"
    return _Paged(select=select, from_="invoices AS i JOIN clients AS c ON c.id = i.client_id",
                  where=where, params=params, id_expr="i.id", totals=("i.currency", owed, owed),
                  totals_from="invoices AS i")


def overdue_pager(ledger: Ledger, today: dt.date, sort: Sort = Sort("days"), *,
                  ids: Collection[int] | None = None, client_id: int | None = None,
                  text: str = "", page_size: int = PAGE_SIZE) -> Pager:
    """Open invoices past due; with *ids*, only those invoices (open, issued by *today*),
    due or not."""
    query = _overdue_query(today, ids=ids, client_id=client_id, text=text)
    return Pager(ledger, query, OVERDUE_SORTS[sort.key], sort.descending, OverdueRow, page_size)


# -- clients --------------------------------------------------------------------------------

class ClientRow(NamedTuple):
    id: int
    name: str
    email: str
    currency: str
    balance_minor: int  # open balance in the client's own currency
    overdue_minor: int  # the part of it past due
    other_balances: str  # "USD 125000;GBP 1000": open balances (minor units) in other currencies
    oldest_due: str | None  # due date of the oldest open invoice (any currency)
    last_contact: str | None
    on_hold: int
    credit_limit_minor: int | None
    reminders_paused: int


# Open invoices summed per client and currency (read from the partial index of open
# invoices), then one row per client; the list joins both, so each figure is computed once.
_CLIENT_WITH = (
    "per_cur AS (SELECT client_id, currency, SUM(total_minor - paid_minor) AS balance, "
    "SUM(CASE WHEN due_date < :today THEN total_minor - paid_minor ELSE 0 END) AS overdue, "
    "MIN(due_date) AS oldest FROM invoices "
    # "+client_id": group without the client index, which would walk every invoice; the
    # partial index of open invoices is 20 times faster on a million.
    "WHERE draft = 0 AND void = 0 AND paid_minor < total_minor GROUP BY +client_id, currency), "
    "per_client AS (SELECT p.client_id, MIN(p.oldest) AS oldest, "
    "group_concat(CASE WHEN p.currency != k.currency THEN p.currency || ' ' || p.balance END, "
    "';') AS others FROM per_cur AS p JOIN clients AS k ON k.id = p.client_id "
    "GROUP BY p.client_id)"
)
_LAST_CLIENT_CONTACT = "(SELECT MAX(at) FROM contact_events WHERE client_id = c.id)"

CLIENT_SORTS: dict[str, str] = {
    "name": "c.name",
    "balance": "COALESCE(o.balance, 0)",
    "overdue": "COALESCE(o.overdue, 0)",
    # the oldest due date first is the most days first
    "oldest": "COALESCE(pc.oldest, '9999')",
    "last_contact": f"COALESCE({_LAST_CLIENT_CONTACT}, '')",
    "on_hold": "c.on_hold",
    "currency": "c.currency",
}


@dataclass(frozen=True)
class ClientFilter:
    text: str = ""  # in the name, email or billing contact
    on_hold: bool | None = None
    owing: bool = False  # only clients with an open balance


def _client_query(flt: ClientFilter, today: dt.date) -> _Paged:
    where: list[str] = []
    params: dict = {"today": today.isoformat()}
    if fold(flt.text.strip()):  # the name, email or billing contact
        where.append(_found("c.search_key"))
        params["text"] = fold(flt.text.strip())
    if flt.on_hold is not None:
        where.append("c.on_hold = :on_hold")
        params["on_hold"] = int(flt.on_hold)
    if flt.owing:
        where.append("pc.client_id IS NOT NULL")
    select = (
        "c.id, c.name, c.email, c.currency, COALESCE(o.balance, 0), COALESCE(o.overdue, 0), "
        f"COALESCE(pc.others, ''), pc.oldest, {_LAST_CLIENT_CONTACT}, "
        "c.on_hold, c.credit_limit_minor, c.reminders_paused"
    )
    return _Paged(
        select=select,
        from_=("clients AS c LEFT JOIN per_cur AS o "
               "ON o.client_id = c.id AND o.currency = c.currency "
               "LEFT JOIN per_client AS pc ON pc.client_id = c.id"),
        where=where, params=params, id_expr="c.id", with_=_CLIENT_WITH,
    )


def client_pager(ledger: Ledger, flt: ClientFilter, sort: Sort, today: dt.date,
                 page_size: int = PAGE_SIZE) -> Pager:
    return Pager(ledger, _client_query(flt, today), CLIENT_SORTS[sort.key], sort.descending,
                 ClientRow, page_size)


# -- contact events (activity) --------------------------------------------------------------

class EventRow(NamedTuple):
    id: int
    at: str
    kind: str
    client_id: int
    client: str
    subject: str
    body: str
    status: str
    stage: str | None
    promised_date: str | None
    promised_minor: int | None
    currency: str  # of the promise: the first concerned invoice's, else the client's
    invoices: str  # the numbers of the invoices it concerned, comma separated


EVENT_SORTS: dict[str, str] = {
    "at": "e.at",
    "kind": "e.kind",
    "client": "c.name",
    "subject": "e.subject",
}


@dataclass(frozen=True)
class EventFilter:
    kind: str | None = None
    text: str = ""
    client_id: int | None = None


def event_pager(ledger: Ledger, flt: EventFilter, sort: Sort = Sort("at", True),
                page_size: int = PAGE_SIZE) -> Pager:
    where: list[str] = []
    params: dict = {}
    if flt.kind:
        where.append("e.kind = :kind")
        params["kind"] = flt.kind
    if flt.client_id is not None:
        where.append("e.client_id = :client_id")
        params["client_id"] = flt.client_id
    if fold(flt.text.strip()):
        where.append(f"({_found('e.search_key')} OR e.client_id IN {_CLIENT_NAMED})")
        params["text"] = fold(flt.text.strip())
    select = (
        "e.id, e.at, e.kind, e.client_id, c.name, e.subject, e.body, e.status, e.stage, "
        "e.promised_date, e.promised_minor, "
        "COALESCE((SELECT i.currency FROM contact_event_invoices AS x JOIN invoices AS i "
        "ON i.id = x.invoice_id WHERE x.event_id = e.id LIMIT 1), c.currency), "
        "COALESCE((SELECT group_concat(i.number, ', ') FROM contact_event_invoices AS x "
        "JOIN invoices AS i ON i.id = x.invoice_id WHERE x.event_id = e.id), '')"
    )
    query = _Paged(select=select,
                   from_="contact_events AS e JOIN clients AS c ON c.id = e.client_id",
                   where=where, params=params, id_expr="e.id")
    return Pager(ledger, query, EVENT_SORTS[sort.key], sort.descending, EventRow, page_size)


# -- payments -------------------------------------------------------------------------------

class PaymentRow(NamedTuple):
    id: int
    date: str
    invoice_id: int
    number: str
    currency: str
    amount_minor: int
    method: str
    reference: str


def payment_pager(ledger: Ledger, client_id: int | None = None,
                  sort: Sort = Sort("date", True), page_size: int = PAGE_SIZE) -> Pager:
    where, params = [], {}
    if client_id is not None:
        where.append("i.client_id = :client_id")
        params["client_id"] = client_id
    query = _Paged(
        select=("p.id, p.date, p.invoice_id, i.number, i.currency, p.amount_minor, p.method, "
                "p.reference"),
        from_="payments AS p JOIN invoices AS i ON i.id = p.invoice_id",
        where=where, params=params, id_expr="p.id",
    )
    sorts = {"date": "p.date", "number": "i.number", "amount": "p.amount_minor"}
    return Pager(ledger, query, sorts[sort.key], sort.descending, PaymentRow, page_size)


# -- the dashboard --------------------------------------------------------------------------

@dataclass(frozen=True)
class Dashboard:
    """Everything the dashboard shows, read in one snapshot."""

    today: dt.date
    aging: AgingReport
    months: list[str]  # "YYYY-MM", oldest first
    collected: dict[str, list[int]]  # currency -> amount per month
    average_days_to_pay: float | None  # over invoices fully paid in the last 12 months
    counts: dict[str, int] = field(default_factory=dict)


def dashboard(ledger: Ledger, today: dt.date, months: int = 12) -> Dashboard:
    """The dashboard's figures. Aging comes from Store.aging, as `collector aging` prints it."""
    from collector_gui.ledger.store import Store  # the one aging query, shared with the CLI

    month_list = last_months(today, months)
    since = f"{month_list[0]}-01"
    with ledger.read() as db:
        report = Store(ledger).aging(today)
        paid_rows = db.execute(
            "SELECT substr(p.date, 1, 7), i.currency, SUM(p.amount_minor) FROM payments AS p "
            "JOIN invoices AS i ON i.id = p.invoice_id WHERE p.date >= :since "
            "AND p.date <= :today GROUP BY 1, 2",
            {"since": since, "today": today.isoformat()},
        ).fetchall()
        histogram = db.execute(
            "SELECT CAST(julianday(p.last) - julianday(i.issue_date) AS INTEGER) AS days, "
            "count(*) FROM (SELECT invoice_id, MAX(date) AS last FROM payments "
            "WHERE date >= :since GROUP BY invoice_id) AS p JOIN invoices AS i "
            "ON i.id = p.invoice_id WHERE i.draft = 0 AND i.void = 0 "
            "AND i.paid_minor >= i.total_minor GROUP BY days",
            {"since": since},
        ).fetchall()
        counts = {
            "clients": db.execute("SELECT count(*) FROM clients").fetchone()[0],
            "open": db.execute(f"SELECT count(*) FROM invoices AS i WHERE {_OPEN}").fetchone()[0],
        }
    return Dashboard(
        today=today,
        aging=report,
        months=month_list,
        collected=collected_per_month(((m, c, a) for m, c, a in paid_rows), month_list),
        average_days_to_pay=average_days_to_pay(histogram),
        counts=counts,
    )


# -- small look-ups the dialogs need --------------------------------------------------------

def client_choices(ledger: Ledger, text: str = "", limit: int = 50) -> list[tuple[int, str]]:
    """(id, name) of clients whose name contains *text* (case and accents aside), by name,
    at most *limit*."""
    with ledger.read() as db:
        return db.execute(
            f"SELECT c.id, c.name FROM clients AS c WHERE {_found(_NAME_KEY)} "
            "ORDER BY c.name LIMIT :limit",
            {"text": fold(text.strip()), "limit": limit},
        ).fetchall()


def open_invoice_choices(ledger: Ledger, client_id: int | None = None, text: str = "",
                         limit: int = 100) -> list[tuple[int, str, str, int, str]]:
    """Open invoices a payment or a contact can concern: (id, number, client, balance, currency)."""
    where = [_OPEN]
    params: list = []
    if client_id is not None:
        where.append("i.client_id = ?")
        params.append(client_id)
    if fold(text.strip()):
        where.append(f"(instr(i.search_key, ?) > 0 OR instr({_NAME_KEY}, ?) > 0)")
        params += [fold(text.strip())] * 2
    with ledger.read() as db:
        return db.execute(
            "SELECT i.id, i.number, c.name, i.total_minor - i.paid_minor, i.currency "
            "FROM invoices AS i JOIN clients AS c ON c.id = i.client_id "
            f"WHERE {' AND '.join(where)} ORDER BY i.due_date, i.id LIMIT ?",
            (*params, limit),
        ).fetchall()


def numbers_with_prefix(ledger: Ledger, prefix: str) -> list[str]:
    """Invoice numbers starting with *prefix* (to propose the next one from a pattern)."""
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    with ledger.read() as db:
        return [r[0] for r in db.execute(
            "SELECT number FROM invoices WHERE number LIKE ? ESCAPE '\\'", (escaped + "%",))]


def open_balance_of_client(ledger: Ledger, client_id: int, currency: str) -> int:
    """What the client owes in *currency* on open invoices (for the credit-limit warning)."""
    with ledger.read() as db:
        return db.execute(
            f"SELECT COALESCE(SUM(i.total_minor - i.paid_minor), 0) FROM invoices AS i "
            f"WHERE {_OPEN} AND i.client_id = ? AND i.currency = ?",
            (client_id, currency),
        ).fetchone()[0]


