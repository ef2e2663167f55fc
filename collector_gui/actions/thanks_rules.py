"""When a thank-you is written: with the payment that cleared a reminded invoice.

Kept light and apart from actions/thanks.py (which renders and sends): the actions package
registers `after_payment` with the store when it is imported, so every payment recorded
through actions (by hand, a bank import, a line accepted from the unmatched list) passes
here inside its own transaction. (Whether one waiting is still true: ledger/thanks.py.)
"""

from __future__ import annotations

import logging

from collector_gui.core import settings as S
from collector_gui.core.model import Payment
from collector_gui.ledger import store as store_module
from collector_gui.ledger.store import Store

log = logging.getLogger(__name__)


def enabled(settings: S.Settings) -> bool:
    """The thanks.enabled setting (off unless the user switched it on)."""
    return S.SWITCH_WORDS.get(settings.get(S.THANKS_ENABLED).strip().lower(), False)


def after_payment(store: Store, payment: Payment) -> None:
    """Called in the payment's transaction: queue a thank-you when this payment cleared an
    invoice that was reminded, and the user wants thank-yous. A thank-you that cannot be
    written (a template error, no address) is logged and never stops the payment."""
    if str(getattr(payment, "kind", "payment")) != "payment":
        return  # a credit note or an early-payment discount is not money received
    if not enabled(S.Settings(store.settings("thanks."))):
        return
    from collector_gui.actions.thanks import queue_thanks

    try:
        with store.ledger.write():  # a savepoint: a failure takes back only the thank-you
            queue_thanks(store, payment.invoice_id)
    except Exception:  # noqa: BLE001 - the payment matters more than the thank-you
        log.exception("no thank-you could be queued for invoice #%s", payment.invoice_id)


def register() -> None:
    """Have the store call after_payment with every payment (once)."""
    if after_payment not in store_module.PAYMENT_HOOKS:
        store_module.PAYMENT_HOOKS.append(after_payment)
