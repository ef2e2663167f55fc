"""A short thank-you when a payment clears an invoice that was reminded (off by default:
the thanks.enabled setting).

Written in the payment's own transaction (thanks_rules.after_payment), in the client's
language, and left in the outbox as not sent yet; it goes with the next mail sent (a reminder
run, `collector outbox retry --all`) or alone (`collector outbox send`), through the outbox's
retry: re-checked, claimed, sent, and marked sent, failed or unknown exactly as a reminder,
never twice. Never for a part payment, a void invoice, an invoice never reminded (a reminder
email with status sent), or an invoice already thanked. Two invoices cleared before the first
thank-you went out are thanked in one message.
"""

from __future__ import annotations

import datetime as dt
import logging
import ssl
from collections.abc import Callable

from collector_gui.actions.config import AskPassword, settings_of
from collector_gui.actions.delivery import Clock, DeliverySummary, MessageResult, retry
from collector_gui.core import clock
from collector_gui.core import settings as S
from collector_gui.core.i18n import N_, _
from collector_gui.core.model import Invoice
from collector_gui.core.progress import Task
from collector_gui.documents.thanks import render_thanks, thanks_context
from collector_gui.ledger import outbox as ob
from collector_gui.ledger import thanks as lt
from collector_gui.ledger.store import Store
from collector_gui.mail import compose
from collector_gui.mail.secrets import Secret

log = logging.getLogger(__name__)

# The reason a thank-you shows in the outbox until it is sent.
# (short: `collector outbox` shows 70 characters of it)
WAITING = N_("not sent yet: goes with the next mail (collector outbox send)")


def _cleared(inv: Invoice) -> bool:
    return not inv.void and not inv.draft and inv.balance_minor <= 0 and inv.total_minor > 0


def _received(store: Store, inv: Invoice) -> tuple[int, dt.date]:
    """The money received for the invoice (payments proper: not credits or discounts) and
    the day of the last payment."""
    payments = [p for p in store.payments_of(inv.id)
                if str(getattr(p, "kind", "payment")) == "payment"]
    amount = sum(p.amount_minor for p in payments) or inv.paid_minor
    day = max((p.date for p in payments), default=clock.today())
    return amount, day


def queue_thanks(store: Store, invoice_id: int) -> int | None:
    """Queue a thank-you for the invoice if it calls for one (see the module's rules); call
    it inside the payment's transaction. Returns the outbox event's id, or None."""
    with store.ledger.write():
        inv = store.get_invoice(invoice_id)
        if not _cleared(inv) or not lt.reminder_sent(store, invoice_id) \
                or lt.thanked(store, invoice_id):
            return None
        settings = settings_of(store)
        client = store.get_client(inv.client_id)
        recipient = client.reminder_email.strip()
        sender = (settings.get(S.SMTP_FROM).strip() or settings.get(S.BUSINESS_EMAIL).strip())
        if not recipient or not sender:
            log.info("no thank-you for invoice %s: no %s address", inv.number,
                     "client" if not recipient else "From")
            return None
        earlier = lt.waiting(store, client.id)  # not sent yet: one message for all of them
        ids = list(dict.fromkeys([i for _e, got in earlier for i in got] + [invoice_id]))
        invoices = [i for i in (store.get_invoice(n) for n in ids) if _cleared(i)]
        lt.drop_waiting(store, [event_id for event_id, _got in earlier])
        paid = sorted(((i, *_received(store, i)) for i in invoices),
                      key=lambda t: (t[2], t[0].number))
        now = clock.now()
        context = thanks_context(client=client, paid=paid,
                                 others_open=lt.others_open(store, client.id, ids),
                                 settings=settings, as_of=now.date())
        message = render_thanks(context)
        msg = compose.compose(
            sender=sender, sender_name=settings.get(S.BUSINESS_NAME).strip(),
            recipient=recipient, recipient_name=client.billing_name or client.name,
            subject=message.subject, text=message.text, html=message.html, date=now,
            reply_to=settings.get(S.BUSINESS_EMAIL).strip(), language=context["lang"])
        event_id = ob.queue_message(
            store, client_id=client.id, at=now, stage=lt.THANKS_STAGE, subject=message.subject,
            invoice_ids=[i.id for i, _a, _d in paid], message_id=str(msg["Message-ID"]),
            raw=compose.serialize(msg), balances={i.id: 0 for i, _a, _d in paid})
        assert event_id is not None
        ob.mark_failed(store, event_id, _(WAITING))
    return event_id


def waiting_ids(store: Store) -> list[int]:
    """The thank-yous in the outbox not delivered yet (safe to send), oldest first."""
    return [event_id for event_id, _ids in lt.waiting(store)]


def send_waiting(store: Store, *, password: str | Secret | None = None,
                 ask_password: AskPassword | None = None,
                 ssl_context: ssl.SSLContext | None = None, task: Task | None = None,
                 now: Clock | None = None,
                 on_result: Callable[[MessageResult], None] | None = None) -> DeliverySummary:
    """Send every thank-you waiting in the outbox (nothing, and no connection, when none
    waits): the outbox's retry, so each is checked, claimed and recorded as a reminder is."""
    ids = waiting_ids(store)
    if not ids:
        return DeliverySummary()
    return retry(store, ids, password=password, ask_password=ask_password,
                 ssl_context=ssl_context, task=task, now=now, on_result=on_result)


def send_after(store: Store, summary: DeliverySummary, *, password: str | Secret | None,
               ssl_context: ssl.SSLContext | None,
               on_result: Callable[[MessageResult], None] | None) -> None:
    """After a reminder run: the thank-yous waiting go too (their results join *summary*),
    unless the run was stopped or the server could not be reached."""
    if summary.cancelled or summary.interrupted or any(
            r.connection_failed for r in summary.results):
        return
    summary.results += send_waiting(store, password=password, ssl_context=ssl_context,
                                    on_result=on_result).results
