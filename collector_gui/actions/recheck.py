"""Is a reminder still true? The invoices of a message are read again, in the transaction that
queues (or takes back for a retry) the message, just before it goes out.

Between the plan and the send a payment may be imported, an invoice voided, disputed or
paused, or a promise to pay logged, by this program or another. The rules are core.dunning's
(`decide`): an invoice the policy would skip today (paid, void, draft, disputed, paused, not
issued) or that waits for a promise leaves the message; a message left with nothing owed is
not sent. An invoice whose balance changed is still owed, but the message quotes the old
figure: the caller renders it again, or holds it back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from collector_gui.core.dunning import (
    ClientFile,
    DunningPolicy,
    Outcome,
    Reason,
    decide,
)
from collector_gui.core.i18n import _
from collector_gui.core.model import Invoice
from collector_gui.ledger import outbox as ob
from collector_gui.ledger.store import Store, StoreError


@dataclass(frozen=True, slots=True)
class Recheck:
    """What is left of a message's invoices now."""

    keep: tuple[Invoice, ...]  # still owed and remindable, with today's figures
    dropped: tuple[tuple[str, str], ...]  # (invoice number, why it left)
    changed_amounts: tuple[str, ...]  # numbers of kept invoices whose balance changed

    @property
    def nothing_owed(self) -> bool:
        return not self.keep

    @property
    def changed(self) -> bool:
        """The message as written is no longer exact."""
        return bool(self.dropped or self.changed_amounts)

    def why(self) -> str:
        """For people: what changed since the message was written."""
        parts = [_("invoice {number}: {reason}").format(number=n, reason=r)
                 for n, r in self.dropped]
        parts += [_("invoice {number}: its balance changed").format(number=n)
                  for n in self.changed_amounts]
        return "; ".join(parts)


def recheck(store: Store, client_id: int, quoted: Iterable[tuple[int, int | None]],
            as_of: dt.date, policy: DunningPolicy) -> Recheck:
    """Read the message's invoices again (*quoted*: invoice id and the balance the message
    quotes, None when unknown) and say which still stand. Run it inside the transaction that
    queues or claims the message, so nothing can change between the check and the write."""
    files = ob.client_files(store, [client_id])
    file = files[0] if files else None
    current = {inv.id: inv for inv in file.invoices} if file else {}
    keep: list[Invoice] = []
    dropped: list[tuple[str, str]] = []
    changed: list[str] = []
    for invoice_id, balance in quoted:
        inv = current.get(invoice_id)
        if inv is None:  # paid, void or a draft now (client_files reads unpaid ones only)
            try:
                inv = store.get_invoice(invoice_id)
            except StoreError:
                dropped.append((f"#{invoice_id}", _("deleted")))
                continue
            client = file.client if file else store.get_client(client_id)
            decision = decide(inv, file or ClientFile(client, (inv,)), as_of, policy)
        else:
            assert file is not None
            decision = decide(inv, file, as_of, policy)
        if decision.outcome is Outcome.SKIP or decision.reason is Reason.PROMISED:
            dropped.append((inv.number, decision.explain()))
            continue
        keep.append(inv)
        if balance is not None and balance != inv.balance_minor:
            changed.append(inv.number)
    return Recheck(tuple(keep), tuple(dropped), tuple(changed))
