"""Table models over the ledger's paged queries (ledger/browse.py), on the PagedModel base
(ui/paged_model.py: pages from the reader thread, the filter's summary). Sorting and
filtering happen in SQL; the sort role gives the raw value (an integer amount, an ISO
date), never the formatted text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from enum import IntEnum

from PySide6.QtGui import QBrush, QColor

from collector_gui.ui.window_language import tr
from collector_gui.core.aging import bucket_for, days_overdue
from collector_gui.core.model import Invoice
from collector_gui.ledger import browse
from collector_gui.ledger.browse import Sort
from collector_gui.ui import display_names
from collector_gui.ui.context import AppContext
from collector_gui.ui.counts import (  # noqa: F401  (the pages take them from here too)
    clients_text,
    days_late_text,
    entries_text,
    invoices_text,
    payments_text,
    rows_text,
)
from collector_gui.ui.paged_model import (  # noqa: F401  (imported from here by the pages)
    IdRole,
    PagedModel,
    RowRole,
    SortRole,
)

_LATE = QBrush(QColor("#b3261e"))
_MUTED = QBrush(QColor("#777777"))



def _date(iso: str | None) -> dt.date | None:
    return dt.date.fromisoformat(iso[:10]) if iso else None


def _flags(row) -> str:
    out = []
    if getattr(row, "disputed", 0):
        out.append(display_names.status_label("disputed"))
    if getattr(row, "reminders_paused", 0):
        out.append(tr("reminders paused"))
    return ", ".join(out)


class InvoicesModel(PagedModel):
    class Col(IntEnum):
        NUMBER = 0
        CLIENT = 1
        ISSUED = 2
        DUE = 3
        TOTAL = 4
        BALANCE = 5
        STATUS = 6

    SORTS = {Col.NUMBER: ("number", False), Col.CLIENT: ("client", False),
             Col.ISSUED: ("issue_date", False), Col.DUE: ("due_date", False),
             Col.TOTAL: ("total", False), Col.BALANCE: ("balance", False),
             Col.STATUS: ("status", False)}
    MONEY = frozenset({Col.TOTAL, Col.BALANCE})
    WIDTHS = (11, 28, 14, 14, 13, 13, 20)
    # Newest entered first: the order the ledger keeps anyway, instant on any size.
    DEFAULT_SORT = Sort("entered", True)

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(ctx, parent)
        self.filter = browse.InvoiceFilter()

    def set_filter(self, flt: browse.InvoiceFilter) -> None:
        self.filter = flt
        self.refresh()

    def make_pager(self, ledger, today, sort):
        return browse.invoice_pager(ledger, self.filter, sort, today)

    def count_text(self, n: int) -> str:
        return invoices_text(n, self._ctx.fmt)

    def summary_text(self) -> str:
        text = super().summary_text()
        if self.summary is None or not self.summary.per_currency:
            return text
        parts = [text, tr("total {amounts}").format(amounts=self._amounts("total_minor"))]
        owed = self._amounts("owed_minor")
        if owed:
            parts.append(tr("owed {amounts}").format(amounts=owed))
        return "  ·  ".join(parts)

    def headers(self):
        return [tr("Number"), tr("Client"), tr("Issued"), tr("Due"), tr("Total"),
                tr("Balance"), tr("Status")]

    @staticmethod
    def invoice(row: browse.InvoiceRow) -> Invoice:
        return Invoice(number=row.number, client_id=row.client_id,
                       issue_date=dt.date.fromisoformat(row.issue_date),
                       due_date=dt.date.fromisoformat(row.due_date), currency=row.currency,
                       total_minor=row.total_minor, paid_minor=row.paid_minor,
                       draft=bool(row.draft), void=bool(row.void), disputed=bool(row.disputed),
                       reminders_paused=bool(row.reminders_paused), id=row.id)

    def status(self, row) -> str:
        return str(self.invoice(row).status(self._ctx.today()))

    def display(self, row, col):
        fmt = self._ctx.fmt
        C = self.Col
        if col == C.NUMBER:
            return row.number
        if col == C.CLIENT:
            return row.client
        if col == C.ISSUED:
            return fmt.date(row.issue_date)
        if col == C.DUE:
            return fmt.date(row.due_date)
        if col == C.TOTAL:
            return fmt.money(row.total_minor, row.currency)
        if col == C.BALANCE:
            if row.void:  # a void invoice owes nothing: no balance to show
                return ""
            return fmt.money(row.total_minor - row.paid_minor, row.currency)
        text = display_names.status_label(self.status(row))
        flags = _flags(row)
        return f"{text} ({flags})" if flags else text

    def raw(self, row, col):
        C = self.Col
        return {C.NUMBER: row.number, C.CLIENT: row.client, C.ISSUED: row.issue_date,
                C.DUE: row.due_date, C.TOTAL: row.total_minor,
                C.BALANCE: 0 if row.void else row.total_minor - row.paid_minor,
                C.STATUS: self.status(row)}[col]

    def foreground(self, row, col):
        status = self.status(row)
        if status == "overdue" and col in (self.Col.DUE, self.Col.STATUS, self.Col.BALANCE):
            return _LATE
        if status in ("void", "draft"):
            return _MUTED
        return None

    def tooltip(self, row, col):
        return row.description or None


class OverdueModel(PagedModel):
    class Col(IntEnum):
        DAYS = 0
        BUCKET = 1
        NUMBER = 2
        CLIENT = 3
        DUE = 4
        BALANCE = 5
        STAGE = 6
        LAST_CONTACT = 7

    # Most days overdue is the earliest due date: "days" sorts by due date, reversed.
    SORTS = {Col.DAYS: ("days", True), Col.BUCKET: ("days", True), Col.DUE: ("days", False),
             Col.NUMBER: ("number", False), Col.CLIENT: ("client", False),
             Col.BALANCE: ("balance", False), Col.LAST_CONTACT: ("last_contact", False)}
    MONEY = frozenset({Col.BALANCE, Col.DAYS})
    WIDTHS = (16, 16, 11, 28, 14, 13, 26, 14)
    DEFAULT_SORT = Sort("days")

    def __init__(self, ctx: AppContext, parent=None, *, only_ids: Sequence[int] | None = None,
                 client_id: int | None = None) -> None:
        super().__init__(ctx, parent)
        # None: every overdue invoice; a list: only those invoices (the dashboard's "to chase
        # today", worked out by actions.remind_views.chase_today)
        self.only_ids: tuple[int, ...] | None = (
            tuple(only_ids) if only_ids is not None else None)
        self.client_id = client_id
        self.text = ""

    def set_text(self, text: str) -> None:
        self.text = text
        self.refresh()

    def set_only_ids(self, ids: Sequence[int]) -> None:
        """Show exactly these invoices (while open), read again now."""
        self.only_ids = tuple(ids)
        self.refresh()

    def make_pager(self, ledger, today, sort):
        return browse.overdue_pager(ledger, today, sort, ids=self.only_ids,
                                    client_id=self.client_id, text=self.text)

    def count_text(self, n: int) -> str:
        return invoices_text(n, self._ctx.fmt)

    def summary_text(self) -> str:
        text = super().summary_text()
        owed = self._amounts("owed_minor") if self.summary is not None else ""
        return "  ·  ".join([text, tr("owed {amounts}").format(amounts=owed)]) if owed else text

    def headers(self):
        return [tr("Days overdue"), tr("Age"), tr("Number"), tr("Client"), tr("Due"),
                tr("Balance"), tr("Reminder reached"), tr("Last contact")]

    def days(self, row) -> int:
        return days_overdue(dt.date.fromisoformat(row.due_date), self._ctx.today())

    def display(self, row, col):
        C = self.Col
        fmt = self._ctx.fmt
        if col == C.DAYS:
            # blank for one not due yet (the chase list holds those a courtesy note is due for)
            if row.due_date > self._ctx.today().isoformat():
                return ""
            return fmt.number(self.days(row))
        if col == C.BUCKET:
            return display_names.bucket_label(bucket_for(self.days(row)))
        if col == C.NUMBER:
            return row.number
        if col == C.CLIENT:
            return row.client
        if col == C.DUE:
            return fmt.date(row.due_date)
        if col == C.BALANCE:
            return fmt.money(row.balance_minor, row.currency)
        if col == C.STAGE:
            flags = _flags(row)
            stage = display_names.stage_label(row.stage)
            return ", ".join(x for x in (stage, flags) if x)
        return fmt.date(row.last_contact) if row.last_contact else tr("never")

    def raw(self, row, col):
        C = self.Col
        return {C.DAYS: self.days(row), C.BUCKET: self.days(row), C.NUMBER: row.number,
                C.CLIENT: row.client, C.DUE: row.due_date, C.BALANCE: row.balance_minor,
                C.STAGE: row.stage or "", C.LAST_CONTACT: row.last_contact or ""}[col]

    def foreground(self, row, col):
        if col in (self.Col.DAYS, self.Col.BUCKET) and self.days(row) > 60:
            return _LATE
        return None


class ClientsModel(PagedModel):
    class Col(IntEnum):
        NAME = 0
        EMAIL = 1
        BALANCE = 2
        OVERDUE = 3
        OLDEST = 4
        LAST_CONTACT = 5
        ON_HOLD = 6

    SORTS = {Col.NAME: ("name", False), Col.BALANCE: ("balance", False),
             Col.OVERDUE: ("overdue", False), Col.OLDEST: ("oldest", True),
             Col.LAST_CONTACT: ("last_contact", False), Col.ON_HOLD: ("on_hold", False)}
    MONEY = frozenset({Col.BALANCE, Col.OVERDUE, Col.OLDEST})
    WIDTHS = (32, 30, 20, 14, 15, 14, 10)
    DEFAULT_SORT = Sort("name")

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(ctx, parent)
        self.filter = browse.ClientFilter()

    def set_filter(self, flt: browse.ClientFilter) -> None:
        self.filter = flt
        self.refresh()

    def make_pager(self, ledger, today, sort):
        return browse.client_pager(ledger, self.filter, sort, today)

    def count_text(self, n: int) -> str:
        return clients_text(n, self._ctx.fmt)

    def headers(self):
        return [tr("Client"), tr("Email"), tr("Balance"), tr("Overdue"),
                tr("Oldest (days)"), tr("Last contact"), tr("On hold")]

    def oldest_days(self, row) -> int | None:
        due = _date(row.oldest_due)
        return days_overdue(due, self._ctx.today()) if due else None

    def others(self, row) -> str:
        parts = []
        for item in filter(None, row.other_balances.split(";")):
            currency, minor = item.split(" ")
            parts.append(self._ctx.fmt.money(int(minor), currency))
        return " + ".join(parts)

    def display(self, row, col):
        C = self.Col
        fmt = self._ctx.fmt
        if col == C.NAME:
            return row.name
        if col == C.EMAIL:
            return row.email
        if col == C.BALANCE:
            text = fmt.money(row.balance_minor, row.currency)
            others = self.others(row)
            return f"{text} + {others}" if others else text
        if col == C.OVERDUE:
            return fmt.money(row.overdue_minor, row.currency)
        if col == C.OLDEST:
            days = self.oldest_days(row)
            return "" if days is None else fmt.number(days)
        if col == C.LAST_CONTACT:
            return fmt.date(row.last_contact)
        return tr("On hold") if row.on_hold else ""

    def raw(self, row, col):
        C = self.Col
        return {C.NAME: row.name, C.EMAIL: row.email, C.BALANCE: row.balance_minor,
                C.OVERDUE: row.overdue_minor, C.OLDEST: self.oldest_days(row) or 0,
                C.LAST_CONTACT: row.last_contact or "", C.ON_HOLD: row.on_hold}[col]

    def foreground(self, row, col):
        if col == self.Col.OVERDUE and row.overdue_minor > 0:
            return _LATE
        if col == self.Col.ON_HOLD and row.on_hold:
            return _LATE
        return None

    def tooltip(self, row, col):
        if col == self.Col.BALANCE and row.credit_limit_minor is not None:
            return tr("Credit limit: {limit}").format(
                limit=self._ctx.fmt.money(row.credit_limit_minor, row.currency))
        return None


class EventsModel(PagedModel):
    class Col(IntEnum):
        AT = 0
        KIND = 1
        CLIENT = 2
        SUBJECT = 3
        INVOICES = 4
        PROMISE = 5
        STATUS = 6

    SORTS = {Col.AT: ("at", False), Col.KIND: ("kind", False), Col.CLIENT: ("client", False),
             Col.SUBJECT: ("subject", False)}
    DEFAULT_SORT = Sort("at", True)
    WIDTHS = (22, 24, 26, 44, 16, 26, 10)

    def __init__(self, ctx: AppContext, parent=None, *, client_id: int | None = None) -> None:
        super().__init__(ctx, parent)
        self.filter = browse.EventFilter(client_id=client_id)

    def set_filter(self, flt: browse.EventFilter) -> None:
        self.filter = flt
        self.refresh()

    def make_pager(self, ledger, today, sort):
        return browse.event_pager(ledger, self.filter, sort)

    def count_text(self, n: int) -> str:
        return entries_text(n, self._ctx.fmt)

    def headers(self):
        return [tr("When"), tr("Kind"), tr("Client"), tr("Subject or note"), tr("Invoices"),
                tr("Promised"), tr("Status")]

    def display(self, row, col):
        C = self.Col
        fmt = self._ctx.fmt
        if col == C.AT:
            return fmt.datetime(row.at)
        if col == C.KIND:
            stage = display_names.stage_label(row.stage)
            kind = display_names.kind_label(row.kind)
            return f"{kind} ({stage})" if stage else kind
        if col == C.CLIENT:
            return row.client
        if col == C.SUBJECT:
            text = row.subject or row.body
            return text.splitlines()[0] if text else ""
        if col == C.INVOICES:
            return row.invoices
        if col == C.PROMISE:
            if row.kind != "promise":
                return ""
            amount = fmt.money(row.promised_minor, row.currency) if row.promised_minor else ""
            when = fmt.date(row.promised_date)
            return tr("{amount} by {date}").format(amount=amount, date=when) if amount else when
        return display_names.event_status_label(row.status)

    def raw(self, row, col):
        C = self.Col
        return {C.AT: row.at, C.KIND: row.kind, C.CLIENT: row.client, C.SUBJECT: row.subject,
                C.INVOICES: row.invoices, C.PROMISE: row.promised_date or "",
                C.STATUS: row.status}[col]

    def tooltip(self, row, col):
        return row.body or None

    def foreground(self, row, col):
        return _LATE if row.status == "failed" else None


class PaymentsModel(PagedModel):
    class Col(IntEnum):
        DATE = 0
        INVOICE = 1
        AMOUNT = 2
        METHOD = 3
        REFERENCE = 4

    SORTS = {Col.DATE: ("date", False), Col.INVOICE: ("number", False),
             Col.AMOUNT: ("amount", False)}
    MONEY = frozenset({Col.AMOUNT})
    WIDTHS = (14, 12, 13, 18, 20)
    DEFAULT_SORT = Sort("date", True)

    def __init__(self, ctx: AppContext, parent=None, *, client_id: int | None = None) -> None:
        super().__init__(ctx, parent)
        self.client_id = client_id

    def make_pager(self, ledger, today, sort):
        return browse.payment_pager(ledger, self.client_id, sort)

    def count_text(self, n: int) -> str:
        return payments_text(n, self._ctx.fmt)

    def headers(self):
        return [tr("Date"), tr("Invoice"), tr("Amount"), tr("Method"), tr("Reference")]

    def display(self, row, col):
        C = self.Col
        if col == C.DATE:
            return self._ctx.fmt.date(row.date)
        if col == C.INVOICE:
            return row.number
        if col == C.AMOUNT:
            return self._ctx.fmt.money(row.amount_minor, row.currency)
        return row.method if col == C.METHOD else row.reference

    def raw(self, row, col):
        C = self.Col
        return {C.DATE: row.date, C.INVOICE: row.number, C.AMOUNT: row.amount_minor,
                C.METHOD: row.method, C.REFERENCE: row.reference}[col]
