"""Clients whose history makes the policy propose each stage, for the reminder drafts tests
(and for reading the drafts by hand: `python -m tests.unit.reminders.draft_scenarios DIR`).

Each scenario is one client in its own ledger: 1 invoice, or 12 of which one is disputed,
in EUR or another currency, with the history that makes `plan_reminders` propose the stage.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path

from collector_gui.core.dunning import Stage
from collector_gui.core.model import Client, ContactEvent, EventKind, EventStatus, Invoice, Payment
from collector_gui.ledger.store import Store

AS_OF = dt.date(2026, 11, 23)
STAGES = tuple(Stage)
LANGS = ("en", "es")
SIZES = (1, 12)
USD_DETAILS = "ACH routing 026009593, account 1234567890 (Bank of America, New York)"

# Days past the due date of the newest invoice, and the reminders already sent (stage, days
# ago), that make the policy (defaults: -7, 0, 3, 15, 30; gap 6) propose each stage.
_SHAPE: dict[Stage, tuple[int, tuple[tuple[str, int], ...]]] = {
    Stage.PRE_DUE: (-5, ()),
    Stage.DUE: (0, ()),
    Stage.POLITE: (5, ()),
    Stage.FIRM: (20, (("polite", 15),)),
    Stage.FINAL: (40, (("polite", 35), ("firm", 20))),
}


@dataclass(frozen=True)
class Scenario:
    stage: Stage
    lang: str
    size: int
    currency: str

    @property
    def name(self) -> str:
        return f"{self.stage}-{self.lang}-{self.size}-{self.currency}"


def other_currency(lang: str, size: int) -> str:
    return {("en", 1): "USD", ("en", 12): "KWD", ("es", 1): "JPY", ("es", 12): "USD"}[
        (lang, size)]


def scenarios() -> list[Scenario]:
    return [Scenario(stage, lang, size, cur)
            for stage in STAGES for lang in LANGS for size in SIZES
            for cur in ("EUR", other_currency(lang, size))]


def business(store: Store) -> None:
    store.set_setting("business.name", "Sam Rivera Design")
    store.set_setting("business.email", "sam@rivera-design.test")
    store.set_setting("business.phone", "+34 600 123 456")
    store.set_setting("business.iban", "ES9121000418450200051332")
    store.set_setting("business.bic", "CAIXESBBXXX")
    store.set_setting("business.pay.USD", USD_DETAILS)


def amount(currency: str, k: int) -> int:
    """A different, realistic amount per invoice, in minor units."""
    base = {"EUR": 148860, "USD": 123450, "JPY": 184000, "KWD": 1443314}[currency]
    return base + k * {"EUR": 7310, "USD": 5025, "JPY": 9000, "KWD": 51250}[currency]


def build(store: Store, sc: Scenario) -> Client:
    """The scenario's client, invoices and history in *store* (with the business set)."""
    business(store)
    if sc.lang == "es":
        client = Client(name="Hernández Núñez Arquitectos SL", email="admin@hn.test",
                        language="es", billing_name="José Ángel Hernández Núñez",
                        address="Calle Mayor 5\n28013 Madrid\nEspaña", currency=sc.currency)
    else:
        client = Client(name="Taylor & Webb Ltd", email="office@tw.test", language="en",
                        billing_name="Accounts Payable (Grace Taylor)",
                        billing_email="ap@tw.test",
                        address="12 Fleet Street\nLondon EC4Y 1AA\nUnited Kingdom",
                        currency=sc.currency)
    client = store.add_client(client)
    late, history = _SHAPE[sc.stage]
    newest_due = AS_OF - dt.timedelta(days=late)
    invoices = []
    for k in range(sc.size):
        # Oldest first; courtesy stages keep every invoice in their own window.
        step = 0 if sc.stage is Stage.DUE else (k if sc.stage is Stage.PRE_DUE else 3 * k)
        due = (newest_due + dt.timedelta(days=min(step, 1) if sc.stage is Stage.PRE_DUE else 0)
               if sc.stage in (Stage.PRE_DUE, Stage.DUE)
               else newest_due - dt.timedelta(days=step))
        number = f"{'F' if sc.lang == 'es' else 'INV'}-2026-{101 + k:03d}"
        inv = store.add_invoice(Invoice(
            number, client.id, due - dt.timedelta(days=30), due, sc.currency,
            amount(sc.currency, k), disputed=(sc.size > 1 and k == 4)))
        invoices.append(inv)
    if sc.size > 1:  # one partly paid
        store.add_payment(Payment(invoices[2].id, AS_OF - dt.timedelta(days=2),
                                  amount(sc.currency, 2) // 4, "transfer"))
    owed = [inv.id for inv in invoices if not inv.disputed]
    for stage, days_ago in history:
        store.add_event(ContactEvent(
            client_id=client.id, at=dt.datetime.combine(AS_OF - dt.timedelta(days=days_ago),
                                                         dt.time(9)),
            kind=EventKind.EMAIL, stage=stage, status=EventStatus.SENT,
            subject=f"{stage} reminder", invoice_ids=tuple(owed)))
    return client


def main(folder: str) -> None:
    """Write every scenario's draft (.eml, PDFs inside) and its HTML into *folder*."""
    from collector_gui.core import clock

    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    with clock.pinned(dt.datetime.combine(AS_OF, dt.time(9))):
        for sc in scenarios():
            _write(out, sc)


def _write(out: Path, sc: Scenario) -> None:
    from collector_gui.actions import remind
    from collector_gui.ledger.database import Ledger

    db = out / f"{sc.name}.sqlite"
    db.unlink(missing_ok=True)
    with Ledger.open(db) as ledger:
        store = Store(ledger)
        build(store, sc)
        flow = remind.plan_reminders(store, AS_OF)
        (entry,) = flow.entries
        assert entry.stage is sc.stage, (sc, entry.stage)
        draft = flow.draft(entry.client_id)
        (out / f"{sc.name}.txt").write_text(f"Subject: {draft.subject}\n\n{draft.text}")
        (out / f"{sc.name}.html").write_text(draft.html)
        summary = flow.save_eml(out)
        (result,) = summary.results
        assert result.status == "saved", result
        result.path.rename(out / f"{sc.name}.eml")
    db.unlink()
    for extra in out.glob(f"{sc.name}.sqlite*"):
        extra.unlink()


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tests/unit/reminders/draft_scenarios.py FOLDER  (writes the drafts there)")
    main(sys.argv[1])
