"""What every statement reader returns, whatever the bank's format: plain lines of money.

Amounts are signed integers in the currency's minor units (credits positive), dates are
booking dates. A reader that cannot make sense of its file raises `StatementError` naming
the line (or XML element) and nothing is recorded.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from collector_gui.core.errors import CollectorError
from collector_gui.core.i18n import _
from collector_gui.core.money import MoneyError, check_currency, minor_digits


class StatementError(CollectorError):
    """A statement Collector cannot read; the message names where the problem is."""


@dataclass(frozen=True, slots=True)
class StatementLine:
    """One entry of the account, as the bank booked it."""

    booking_date: dt.date
    amount_minor: int  # credits > 0, debits < 0
    currency: str
    text: str = ""  # the remittance information, as free text
    reference: str = ""  # the bank's reference or entry id ("" when the file has none)
    payer_name: str = ""
    payer_iban: str = ""  # compact, validated; "" when unknown
    value_date: dt.date | None = None
    where: str = ""  # "line 12" / "element Ntry #3": for messages

    @property
    def is_credit(self) -> bool:
        return self.amount_minor > 0


@dataclass(slots=True)
class Statement:
    """The lines of one file, for one account (a file with several accounts gives several)."""

    format: str  # "norma43", "camt.053", "camt.054", "ofx", "mt940", "csv"
    account: str  # IBAN, or the bank's own account number, or the CSV bank's name
    lines: list[StatementLine] = field(default_factory=list)


def line_keys(account: str, lines: list[StatementLine]) -> list[str]:
    """The key each line is known by across imports: (account, booking date, amount, bank
    reference). A line without a reference gets a digest of its text and its rank among the
    identical lines of the file, so two equal payments on one day stay two, and the same file
    (or an overlapping one) gives the same keys again."""
    seen: dict[tuple, int] = {}
    keys = []
    for line in lines:
        ref = line.reference.strip()
        if not ref:
            base = (line.booking_date, line.amount_minor, line.text, line.payer_name)
            seen[base] = seen.get(base, 0) + 1
            digest = hashlib.sha1("\x1f".join(map(str, base)).encode()).hexdigest()[:16]
            ref = f"#{digest}.{seen[base]}"
        keys.append("|".join((account, line.booking_date.isoformat(), str(line.amount_minor),
                              ref)))
    return keys


_IBAN_IN_TEXT = re.compile(r"\b([A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?)\b")


def clean_iban(text: str) -> str:
    """The compact IBAN if *text* is a valid one (check digits, length, bank), else ""."""
    raw = re.sub(r"\s+", "", text or "").upper()
    if not raw:
        return ""
    from schwifty import IBAN  # on first use: not at the window's start (0.1 s)
    from schwifty.exceptions import SchwiftyException

    try:
        return IBAN(raw).compact
    except (SchwiftyException, ValueError):
        return ""


def iban_in_text(text: str) -> str:
    """The first valid IBAN written in a remittance text, or ""."""
    for match in _IBAN_IN_TEXT.finditer((text or "").upper()):
        found = clean_iban(match.group(1))
        if found:
            return found
    return ""


def to_minor(amount: Decimal | str, currency: str, where: str) -> int:
    """A decimal amount as minor units of *currency*; refuses more decimals than it has."""
    try:
        currency = check_currency(currency)
        value = Decimal(str(amount))
    except (MoneyError, InvalidOperation) as exc:
        error = str(exc) if isinstance(exc, MoneyError) else \
            _("amount {value} is not a number").format(value=repr(str(amount)))
        raise StatementError(_("{where}: {error}").format(where=where, error=error)) from None
    if not value.is_finite():
        raise StatementError(_("{where}: amount {value} is not a number").format(
            where=where, value=repr(str(amount))))
    scaled = value.scaleb(minor_digits(currency))
    if scaled != scaled.to_integral_value():
        raise StatementError(_("{where}: amount {value} has more decimals than {currency} "
                               "has").format(where=where, value=value, currency=currency))
    return int(scaled)
