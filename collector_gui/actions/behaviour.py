"""A client's payment behaviour, its suggested credit limit, and who is over their limit.

The window's client page and `collector import` both come here: the figures are read from
the ledger (ledger/behaviour.py) and judged by core/behaviour.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from collector_gui.actions.records import Changes, OpResult
from collector_gui.core import behaviour as rules
from collector_gui.core.errors import CollectorError
from collector_gui.core.i18n import _
from collector_gui.core.money import format_minor
from collector_gui.ledger import behaviour as queries
from collector_gui.ledger.database import Ledger
from collector_gui.ledger.store import Store

YEAR = dt.timedelta(days=365)


def client_behaviour(ledger: Ledger, client_id: int, today: dt.date) -> rules.Behaviour:
    """Everything the client page's behaviour card shows, per currency."""
    paid = queries.paid_summaries(ledger, client_id).get(client_id, {})
    promises = rules.count_promises(queries.promises(ledger, client_id), today)
    return rules.behaviour(paid, queries.open_balances(ledger, client_id),
                           queries.invoiced_since(ledger, client_id, today - YEAR, today),
                           promises)


def set_credit_limit(store: Store, client_id: int, limit_minor: int | None
                     ) -> OpResult[int | None]:
    """Set (or clear) the client's credit limit; the value is the limit it had before."""
    with store.ledger.write():
        before = store.get_client(client_id).credit_limit_minor
        store.set_credit_limit(client_id, limit_minor)
    return OpResult(before, Changes.of(clients=[client_id]))


def use_suggested_limit(store: Store, client_id: int, today: dt.date
                        ) -> OpResult[tuple[int | None, int]]:
    """Make the suggested limit (in the client's currency, worked out again now) theirs.
    The value is (the limit before, the one set)."""
    with store.ledger.write():
        client = store.get_client(client_id)
        suggested = client_behaviour(store.ledger, client_id, today).suggested_limit(
            client.currency)
        if suggested is None:
            raise CollectorError(_("There is too little history to suggest a credit limit for "
                                   "{name}.").format(name=client.name))
        store.set_credit_limit(client_id, suggested)
    return OpResult((client.credit_limit_minor, suggested), Changes.of(clients=[client_id]))


@dataclass(frozen=True, slots=True)
class Overrun:
    """A client who owes more than their credit limit (in the limit's currency)."""

    client_id: int
    name: str
    currency: str
    limit_minor: int
    owed_minor: int

    @property
    def excess_minor(self) -> int:
        return self.owed_minor - self.limit_minor

    def message(self, locale: str = "en") -> str:
        return _("collector: warning: {name} is now over their credit limit of {limit} by "
                 "{excess} (they owe {owed}).").format(
            name=self.name, limit=format_minor(self.limit_minor, self.currency, locale),
            excess=format_minor(self.excess_minor, self.currency, locale),
            owed=format_minor(self.owed_minor, self.currency, locale))


def overruns(ledger: Ledger) -> dict[int, Overrun]:
    """Every client over their credit limit, by id."""
    with ledger.read() as db:
        rows = db.execute(
            "SELECT c.id, c.name, c.currency, c.credit_limit_minor, "
            "SUM(i.total_minor - i.paid_minor) AS owed FROM clients AS c JOIN invoices AS i "
            "ON i.client_id = c.id AND i.currency = c.currency "
            "WHERE c.credit_limit_minor IS NOT NULL AND i.draft = 0 AND i.void = 0 "
            "AND i.paid_minor < i.total_minor GROUP BY c.id "
            "HAVING owed > c.credit_limit_minor").fetchall()
    return {r[0]: Overrun(*r) for r in rows}


def new_overruns(before: dict[int, Overrun], after: dict[int, Overrun]) -> list[Overrun]:
    """Who went over their limit, or further over it, between *before* and *after*."""
    return sorted((o for cid, o in after.items()
                   if cid not in before or o.owed_minor > before[cid].owed_minor),
                  key=lambda o: o.name.casefold())
