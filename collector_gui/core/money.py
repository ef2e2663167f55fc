"""Money as an integer count of a currency's minor units: never a float.

The number of minor digits comes from the currency (ISO 4217 data shipped with Babel):
JPY has 0, EUR 2, KWD 3. Amounts of different currencies never mix silently.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

# Babel's numbers are imported by the functions that use them: the window's first picture formats
# no amount, and babel with its locale data is ~10 ms of a start (bench/README.md, issue 18).
from collector_gui.core.errors import CollectorError
from collector_gui.core.i18n import _, ngettext

# Codes in ISO 4217 that are not money anyone invoices in.
_NOT_INVOICEABLE = frozenset({"XXX", "XTS"})
_AMOUNT_RE = re.compile(r"(?P<int>[0-9]+)(?:\.(?P<frac>[0-9]+))?")
# The largest amount accepted, in whole units: far above any invoice, and far below what a
# SQLite INTEGER holds in minor units (2**63 - 1 is about 9.2e18).
MAX_WHOLE_DIGITS = 15


class MoneyError(CollectorError, ValueError):
    """An amount or currency that cannot be understood."""


class CurrencyMismatch(MoneyError):
    """Two amounts of different currencies were combined."""


@lru_cache(maxsize=None)
def known_currencies() -> frozenset[str]:
    from babel.numbers import list_currencies
    return frozenset(list_currencies()) - _NOT_INVOICEABLE


def is_currency(code: str) -> bool:
    return code in known_currencies()


def check_currency(code: str) -> str:
    """Return the ISO code in upper case, or raise MoneyError for an unknown one."""
    norm = (code or "").strip().upper()
    if not is_currency(norm):
        raise MoneyError(
            _("unknown currency {code} (expected an ISO 4217 code such as EUR)").format(
                code=repr(code))
        )
    return norm


@lru_cache(maxsize=None)
def minor_digits(currency: str) -> int:
    """How many digits the currency has after the decimal point (JPY 0, EUR 2, KWD 3)."""
    from babel.numbers import get_currency_precision
    return get_currency_precision(check_currency(currency))


def parse_minor(text: str, currency: str, *, shown: str | None = None) -> int:
    """Parse "1250.5" into minor units of *currency* (125050 for EUR).

    Strict on purpose, for CSV files and forms: `.` as the decimal point, no thousands
    separators, no sign, at most the currency's minor digits. *shown* is what the user
    typed, named in the errors when *text* is its normalised form.
    """
    digits = minor_digits(currency)
    raw = (text or "").strip()
    said = repr(shown if shown is not None else raw)
    if not raw:
        raise MoneyError(_("amount is empty"))
    match = _AMOUNT_RE.fullmatch(raw)
    if not match:
        if raw.startswith("-"):
            raise MoneyError(_("amount {value} is negative").format(value=repr(raw)))
        if "," in raw:
            raise MoneyError(
                _("amount {value}: use '.' as the decimal point and no thousands separators")
                .format(value=repr(raw))
            )
        raise MoneyError(_("amount {value} is not a number").format(value=repr(raw)))
    frac = match.group("frac") or ""
    if len(match.group("int").lstrip("0")) > MAX_WHOLE_DIGITS:
        src = shown if shown is not None else raw
        raise MoneyError(_("amount {value} is too large").format(
            value=repr(src[:20]) + ("…" if len(src) > 20 else "")))
    if len(frac) > digits:
        if digits == 0:
            raise MoneyError(
                _("amount {value}: {currency} has no minor units, so no decimals").format(
                    value=said, currency=currency)
            )
        raise MoneyError(
            ngettext("amount {value} has more than {n} decimal for {currency}",
                     "amount {value} has more than {n} decimals for {currency}", digits).format(
                value=said, n=digits, currency=currency)
        )
    return int(match.group("int")) * 10**digits + int(frac.ljust(digits, "0") or "0")


def minor_to_string(minor: int, currency: str) -> str:
    """Minor units as a plain decimal string with exactly the currency's digits ("12.50")."""
    return decimal_formatter(currency)(minor)


@lru_cache(maxsize=None)
def decimal_formatter(currency: str):
    """minor_to_string for one currency, looked up once (for long lists of amounts)."""
    digits = minor_digits(currency)
    if not digits:
        return str
    scale = 10**digits

    def fmt(minor: int) -> str:
        whole, frac = divmod(minor, scale) if minor >= 0 else divmod(-minor, scale)
        return f"{'-' if minor < 0 else ''}{whole}.{frac:0{digits}d}"

    return fmt


def format_minor(minor: int, currency: str, locale: str = "en") -> str:
    """Minor units formatted for people, in *locale* ("1.250,50 €" in es, "KWD 1,443.314"
    in en: CLDR's currency spacing applied, see currency_spacing)."""
    from babel.numbers import format_currency
    digits = minor_digits(currency)
    text = format_currency(Decimal(minor).scaleb(-digits), currency, locale=locale)
    return currency_spacing(text, _symbol(currency, locale))


# CLDR's currencySpacing (the same in every locale of CLDR 44): between a currency symbol
# and a digit, when the symbol's side that touches the number is not itself a symbol (Unicode
# category S*) nor a space (Z*), a no-break space goes in. "KWD1,443.314" becomes
# "KWD 1,443.314"; "US$1,234.50" and "€1,234.50" stay. Babel does not apply it.
SPACING = "\u00a0"


@lru_cache(maxsize=None)
def _symbol(currency: str, locale: str) -> str:
    from babel.numbers import get_currency_symbol
    try:
        return get_currency_symbol(currency, locale=locale)
    except Exception:  # noqa: BLE001 - an unknown locale: the code itself
        return currency


def _spaceable(ch: str) -> bool:
    """CLDR's currencyMatch [[:^S:]&[:^Z:]]: neither a symbol nor a separator."""
    return not unicodedata.category(ch).startswith(("S", "Z"))


def currency_spacing(text: str, symbol: str) -> str:
    """*text* (an amount Babel formatted with *symbol*) with CLDR's currency spacing."""
    if not symbol:
        return text
    at = text.find(symbol)
    if at < 0:
        return text
    end = at + len(symbol)
    if end < len(text) and text[end].isdigit() and _spaceable(symbol[-1]):
        return text[:end] + SPACING + text[end:]  # symbol before the number
    if at > 0 and text[at - 1].isdigit() and _spaceable(symbol[0]):
        return text[:at] + SPACING + text[at:]  # symbol after the number
    return text


@dataclass(frozen=True, slots=True, order=False)
class Money:
    """An amount in one currency, as integer minor units."""

    minor: int
    currency: str

    def __post_init__(self) -> None:
        if not isinstance(self.minor, int) or isinstance(self.minor, bool):
            raise TypeError(f"Money.minor must be an int, not {type(self.minor).__name__}")
        check_currency(self.currency)

    @classmethod
    def parse(cls, text: str, currency: str) -> Money:
        currency = check_currency(currency)
        return cls(parse_minor(text, currency), currency)

    @classmethod
    def zero(cls, currency: str) -> Money:
        return cls(0, currency)

    def _same(self, other: Money) -> None:
        if not isinstance(other, Money):
            raise TypeError(f"cannot combine Money with {type(other).__name__}")
        if other.currency != self.currency:
            raise CurrencyMismatch(
                _("cannot combine {currency} with {other}").format(
                    currency=self.currency, other=other.currency)
            )

    def __add__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.minor + other.minor, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.minor - other.minor, self.currency)

    def __neg__(self) -> Money:
        return Money(-self.minor, self.currency)

    def __lt__(self, other: Money) -> bool:
        self._same(other)
        return self.minor < other.minor

    def __le__(self, other: Money) -> bool:
        self._same(other)
        return self.minor <= other.minor

    def __gt__(self, other: Money) -> bool:
        self._same(other)
        return self.minor > other.minor

    def __ge__(self, other: Money) -> bool:
        self._same(other)
        return self.minor >= other.minor

    def __bool__(self) -> bool:
        return self.minor != 0

    def __str__(self) -> str:
        return f"{self.amount_string()} {self.currency}"

    def amount_string(self) -> str:
        return minor_to_string(self.minor, self.currency)

    def format(self, locale: str = "en") -> str:
        return format_minor(self.minor, self.currency, locale)

    def decimal(self) -> Decimal:
        return Decimal(self.minor).scaleb(-minor_digits(self.currency))


def sum_money(amounts, currency: str) -> Money:
    """Sum amounts of one currency (an empty sum is zero in that currency)."""
    total = Money.zero(currency)
    for amount in amounts:
        total = total + amount
    return total


# -- amounts as people type them, in their locale -------------------------------------------

_SPACES = " \u00a0\u202f\u2009\t"


@lru_cache(maxsize=32)
def _separators(locale: str) -> tuple[str, str]:
    """(decimal point, thousands separator) of a Babel locale ("," and "." in es_ES)."""
    from babel.numbers import get_decimal_symbol, get_group_symbol
    return get_decimal_symbol(locale), get_group_symbol(locale)


def amount_example(locale: str) -> tuple[str, str]:
    """How *locale* writes an amount, grouped and plain ("12.345,67", "12345,67" in es)."""
    from babel.numbers import format_decimal
    point, _group = _separators(locale)
    grouped = format_decimal(Decimal("12345.67"), format="#,##0.00", locale=locale)
    return grouped, "12345" + point + "67"


def format_local_minor(minor: int, currency: str, locale: str) -> str:
    """Minor units as an editable number in *locale*: its decimal point and thousands
    separator, the currency's digits, no symbol ("1.250,50" in es, "1,250.50" in en)."""
    from babel.numbers import format_decimal
    digits = minor_digits(currency)
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(Decimal(minor).scaleb(-digits), format=pattern, locale=locale)


def _bad_local(raw: str, locale: str) -> MoneyError:
    grouped, plain = amount_example(locale)
    return MoneyError(_("{value} is not an amount; write it like {grouped} or {plain}").format(
        value=repr(raw), grouped=grouped, plain=plain))


def _valid_groups(parts: list[str]) -> bool:
    """Thousands groups: 1 to 3 digits first, then exactly 3 each ("1", "200", "000")."""
    return (bool(parts) and all(p.isascii() and p.isdigit() for p in parts)
            and 1 <= len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:]))


def parse_local_minor(text: str, currency: str, locale: str) -> int:
    """An amount typed the way *locale* writes it, in minor units of *currency*.

    The locale's thousands separator and decimal point ("5.000,00", "1.200", "1200,5" in
    es; "5,000.00", "1,200", "1.5" in en); the plain form with "." (CSV, ISO) still works
    where it cannot be read as thousands ("1250.50" in es: two digits after the dot). What
    the table shows parses back: the currency's symbol or code and spaces are ignored.
    An ambiguous "1.200" is decided by the locale (1200 in es, 1.20 in en)."""
    raw = (text or "").strip()
    if not raw:
        raise MoneyError(_("amount is empty"))
    body = raw
    for mark in sorted({_symbol(currency, locale), currency.upper()}, key=len, reverse=True):
        body = body.replace(mark, "")
    body = "".join(ch for ch in body if ch not in _SPACES)
    if body.startswith(("-", "\u2212")):
        raise MoneyError(_("amount {value} is negative").format(value=repr(raw)))
    whole, frac = _local_parts(raw, body, locale)
    return parse_minor(whole + ("." + frac if frac else ""), currency, shown=raw)


def _local_parts(raw: str, body: str, locale: str) -> tuple[str, str]:
    """The whole and fractional digits of *body* (spaces and symbols gone) read the way
    *locale* writes numbers; MoneyError (quoting *raw*) when it is not one."""
    point, group = _separators(locale)
    if not body or any(not (ch.isdigit() or ch in (point, group, ".")) for ch in body):
        raise _bad_local(raw, locale)
    if point in body:
        whole, _sep, frac = body.rpartition(point)
        if point in whole or not frac.isdigit():
            raise _bad_local(raw, locale)
        if group in whole:
            if not _valid_groups(whole.split(group)):
                raise _bad_local(raw, locale)
            whole = whole.replace(group, "")
    elif group in body:
        parts = body.split(group)
        if _valid_groups(parts):
            whole, frac = "".join(parts), ""
        elif len(parts) == 2 and parts[0] and parts[1] and len(parts[1]) != 3:
            whole, frac = parts  # "1250.5" in es, "1250,5" in en: not thousands, a point
        else:
            raise _bad_local(raw, locale)
    else:
        whole, frac = body, ""
    if not (whole.isascii() and whole.isdigit()) or (frac and not frac.isascii()):
        raise _bad_local(raw, locale)
    return whole, frac


def parse_local_decimal(text: str, locale: str) -> Decimal:
    """A quantity typed the way *locale* writes it ("1,5" or "1.000" in es; "1.5" or "1,000"
    in en; the plain "1.5" still works where it cannot be thousands). ValueError if not."""
    raw = (text or "").strip()
    body = "".join(ch for ch in raw if ch not in _SPACES)
    if not body:
        raise MoneyError(_("amount is empty"))
    whole, frac = _local_parts(raw, body, locale)
    return Decimal(whole + ("." + frac if frac else ""))


def format_local_decimal(value: Decimal, locale: str) -> str:
    """A quantity as *locale* writes it, every digit kept ("1,5" and "1.000" in es), so
    that what is shown parses back with parse_local_decimal."""
    from babel.numbers import format_decimal
    return format_decimal(value, format="#,##0.##########", locale=locale)
