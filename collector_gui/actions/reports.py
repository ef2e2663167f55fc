"""The aging report and the overdue list, as the command line and the window show them."""

from __future__ import annotations

import datetime as dt

from babel import Locale, UnknownLocaleError, default_locale
from babel.numbers import format_decimal

from collector_gui.core.aging import AgingReport
from collector_gui.core.errors import CollectorError
from collector_gui.core.i18n import _, ngettext
from collector_gui.core.money import decimal_formatter
from collector_gui.ledger.store import OverdueRow, Store


def user_locale() -> str:
    """The user's locale for numbers and dates (from LC_ALL/LC_MONETARY/LANG), else English."""
    name = default_locale(("LC_ALL", "LC_MONETARY", "LANG")) or "en"
    try:
        locale = Locale.parse(name)
    except (ValueError, UnknownLocaleError):
        return "en"
    if locale.variant == "POSIX" or locale.language in ("c", "posix"):
        return "en"
    return str(locale)


def record_count(table: str, n: int) -> str:
    """How many records of a ledger table there are, for people ("1,200 invoices")."""
    if table == "clients":
        text = ngettext("{n} client", "{n} clients", n)
    elif table == "invoices":
        text = ngettext("{n} invoice", "{n} invoices", n)
    elif table == "invoice_lines":
        text = ngettext("{n} invoice line", "{n} invoice lines", n)
    elif table == "payments":
        text = ngettext("{n} payment", "{n} payments", n)
    elif table == "contact_events":
        text = ngettext("{n} contact event", "{n} contact events", n)
    else:
        return f"{n} {table.replace('_', ' ')}"
    return text.format(n=format_decimal(n, locale=user_locale()))


def aging(store: Store, as_of: dt.date) -> AgingReport:
    return store.aging(as_of)


def overdue(store: Store, as_of: dt.date, client: str | None = None) -> list[OverdueRow]:
    client_id = None
    if client is not None:
        found = store.find_client(client)
        if found is None:
            raise CollectorError(_("There is no client named {name}.").format(name=repr(client)))
        client_id = found.id
    return store.overdue(as_of, client_id)


def overdue_json(rows: list[OverdueRow], as_of: dt.date) -> dict:
    """The shape `collector overdue --json` prints."""
    # This runs once per overdue invoice (tens of thousands in a large ledger): look up each
    # currency's formatter and each due date's text once.
    dates: dict[dt.date, str] = {}
    invoices = []
    for r in rows:
        due = dates.get(r.due_date)
        if due is None:
            due = dates[r.due_date] = r.due_date.isoformat()
        invoices.append({
            "number": r.number,
            "client": r.client,
            "due_date": due,
            "days_overdue": r.days_overdue,
            "balance": decimal_formatter(r.currency)(r.balance_minor),
            "currency": r.currency,
        })
    return {"as_of": as_of.isoformat(), "invoices": invoices}
