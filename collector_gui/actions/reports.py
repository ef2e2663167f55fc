"""The aging report and the overdue list, as the command line and the window show them."""

from __future__ import annotations

import datetime as dt

from babel import Locale, UnknownLocaleError, default_locale

from collector_gui.core.aging import AgingReport
from collector_gui.core.errors import CollectorError
from collector_gui.core.money import minor_to_string
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


def aging(store: Store, as_of: dt.date) -> AgingReport:
    return store.aging(as_of)


def overdue(store: Store, as_of: dt.date, client: str | None = None) -> list[OverdueRow]:
    client_id = None
    if client is not None:
        found = store.find_client(client)
        if found is None:
            raise CollectorError(f"There is no client named {client!r}.")
        client_id = found.id
    return store.overdue(as_of, client_id)


def overdue_json(rows: list[OverdueRow], as_of: dt.date) -> dict:
    """The shape `collector overdue --json` prints."""
    return {
        "as_of": as_of.isoformat(),
        "invoices": [
            {
                "number": r.number,
                "client": r.client,
                "due_date": r.due_date.isoformat(),
                "days_overdue": r.days_overdue,
                "balance": minor_to_string(r.balance_minor, r.currency),
                "currency": r.currency,
            }
            for r in rows
        ],
    }
