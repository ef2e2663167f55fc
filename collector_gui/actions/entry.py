"""Logging records by hand in the window: the rules its dialogs follow, without Qt.

Proposing the next invoice number from the pattern, the due date from the client's terms,
the credit-limit check, and building a contact event from what the user typed.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from collector_gui.core import settings as S
from collector_gui.core.errors import CollectorError
from collector_gui.core.i18n import _
from collector_gui.core.model import Client, ContactEvent, EventKind
from collector_gui.ledger import browse
from collector_gui.ledger.database import Ledger
from collector_gui.ledger.store import Store


class PatternError(CollectorError):
    """The invoice number pattern cannot be used."""


_FIELDS = {"year", "month", "seq"}


def _check_pattern(pattern: str) -> None:
    names = {f for _, f, _, _ in string.Formatter().parse(pattern) if f is not None}
    if "seq" not in names:
        raise PatternError(_("The invoice number pattern {pattern} has no {{seq}}.").format(
            pattern=repr(pattern)))
    unknown = names - _FIELDS
    if unknown:
        raise PatternError(_("The invoice number pattern {pattern} uses unknown fields: "
                             "{fields} (known: year, month, seq).").format(
                                 pattern=repr(pattern), fields=", ".join(sorted(unknown))))


def propose_number(pattern: str, issue_date: dt.date, existing: list[str]) -> str:
    """The next number for *pattern* ("{year}-{seq:04d}"): one more than the highest
    sequence among *existing* numbers of the same shape and period."""
    _check_pattern(pattern)
    # Split the pattern at {seq...}: what comes before and after is fixed for the period.
    before, _sep, rest = pattern.partition("{seq")
    after = rest.partition("}")[2]
    try:
        prefix = before.format(year=issue_date.year, month=issue_date.month)
        suffix = after.format(year=issue_date.year, month=issue_date.month)
    except (ValueError, KeyError, IndexError) as exc:
        raise PatternError(_("The invoice number pattern {pattern} is not valid: {error}").format(
            pattern=repr(pattern), error=exc)) from exc
    shape = re.compile(re.escape(prefix) + r"(\d+)" + re.escape(suffix), re.IGNORECASE)
    highest = 0
    for number in existing:
        match = shape.fullmatch(number)
        if match:
            highest = max(highest, int(match.group(1)))
    try:
        return pattern.format(year=issue_date.year, month=issue_date.month, seq=highest + 1)
    except (ValueError, KeyError, IndexError) as exc:
        raise PatternError(_("The invoice number pattern {pattern} is not valid: {error}").format(
            pattern=repr(pattern), error=exc)) from exc


def next_invoice_number(ledger: Ledger, issue_date: dt.date) -> str:
    """The number to propose for a new invoice issued on *issue_date*."""
    store = Store(ledger)
    pattern = S.Settings(store.settings("invoice.")).get(S.INVOICE_NUMBER_PATTERN)
    _check_pattern(pattern)
    try:
        prefix = pattern.partition("{seq")[0].format(year=issue_date.year,
                                                     month=issue_date.month)
    except (ValueError, KeyError, IndexError) as exc:
        raise PatternError(_("The invoice number pattern {pattern} is not valid: {error}").format(
            pattern=repr(pattern), error=exc)) from exc
    return propose_number(pattern, issue_date, browse.numbers_with_prefix(ledger, prefix))


def due_date_for(client: Client, issue_date: dt.date) -> dt.date:
    """An invoice is due the client's payment terms after it is issued."""
    return issue_date + dt.timedelta(days=max(0, client.payment_terms_days))


@dataclass(frozen=True, slots=True)
class CreditCheck:
    limit_minor: int
    owed_minor: int  # open balance before the new invoice
    new_minor: int

    @property
    def excess_minor(self) -> int:
        return self.owed_minor + self.new_minor - self.limit_minor

    @property
    def exceeded(self) -> bool:
        return self.excess_minor > 0


def credit_check(ledger: Ledger, client: Client, currency: str, new_minor: int,
                 *, replacing_minor: int = 0) -> CreditCheck | None:
    """How a new invoice (or a changed one that was *replacing_minor*) stands against the
    client's credit limit; None when the client has no limit or it is in another currency."""
    if client.credit_limit_minor is None or client.id is None or currency != client.currency:
        return None
    owed = browse.open_balance_of_client(ledger, client.id, currency) - replacing_minor
    return CreditCheck(client.credit_limit_minor, max(0, owed), new_minor)


def contact_event(
    client_id: int,
    kind: EventKind,
    at: dt.datetime,
    *,
    subject: str = "",
    body: str = "",
    invoice_ids: tuple[int, ...] = (),
    promised_date: dt.date | None = None,
    promised_minor: int | None = None,
) -> ContactEvent:
    """A call, letter, note or promise the user logs by hand (emails come from the wizard)."""
    if kind == EventKind.EMAIL:
        raise CollectorError(_("Emails are logged when they are sent, not by hand."))
    if kind == EventKind.PROMISE:
        if promised_date is None:
            raise CollectorError(_("A promise to pay needs the date it was promised for."))
        if promised_minor is not None and promised_minor <= 0:
            raise CollectorError(_("The promised amount must be more than zero."))
    else:
        promised_date = promised_minor = None
    return ContactEvent(
        client_id=client_id, at=at, kind=kind, subject=subject.strip(), body=body.strip(),
        invoice_ids=tuple(invoice_ids), promised_date=promised_date,
        promised_minor=promised_minor,
    )


def parse_amount(text: str, currency: str) -> int:
    """An amount typed in a form, in minor units: "1250.50", or "1250,50" as Spanish users
    type it (a lone comma is the decimal point). Thousands separators are refused."""
    from collector_gui.core.money import parse_minor

    raw = (text or "").strip().replace(" ", "").replace("\u00a0", "")
    if "," in raw and "." not in raw and raw.count(",") == 1:
        raw = raw.replace(",", ".")
    return parse_minor(raw, currency)


def parse_decimal(text: str) -> Decimal:
    """A quantity or a tax rate typed in a form ("1.5" or "1,5"); raises ValueError."""
    raw = (text or "").strip().replace(",", ".")
    if not raw:
        raise ValueError("empty")
    try:
        value = Decimal(raw)
    except InvalidOperation as exc:
        raise ValueError(raw) from exc
    if not value.is_finite():
        raise ValueError(raw)
    return value
