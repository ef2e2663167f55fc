"""Parsing and checking what a person typed or a CSV file holds, one field at a time.

The CSV importer and the window's dialogs share these, so a value one accepts the
other accepts too. Each parser returns the value or raises FieldError with a reason
written for the user.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache

from collector_gui.core import clock
from collector_gui.core.errors import CollectorError
from collector_gui.core.i18n import N_, _
from collector_gui.core.model import LANGUAGES
from collector_gui.core.money import (
    MoneyError,
    check_currency,
    parse_local_minor,
    parse_minor,
)

MAX_TERMS_DAYS = 365
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")


class FieldError(CollectorError, ValueError):
    """One value is wrong; the message says why."""


def parse_date(text: str) -> dt.date:
    raw = (text or "").strip()
    if not raw:
        raise FieldError(_("date is empty (use YYYY-MM-DD)"))
    if not _DATE_RE.fullmatch(raw):
        raise FieldError(_("{value} is not a date in the form YYYY-MM-DD").format(value=repr(raw)))
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise FieldError(_("{value} is not a real date").format(value=raw)) from None


def parse_currency(text: str) -> str:
    try:
        return check_currency(text)
    except MoneyError as exc:
        raise FieldError(str(exc)) from None


def parse_amount(text: str, currency: str, *, allow_zero: bool = False) -> int:
    """A positive amount in minor units of *currency* ("1250.50" -> 125050 for EUR)."""
    try:
        minor = parse_minor(text, currency)
    except MoneyError as exc:
        raise FieldError(str(exc)) from None
    if minor == 0 and not allow_zero:
        raise FieldError(_("amount must be more than zero"))
    return minor


def parse_local_amount(text: str, currency: str, locale: str, *,
                       allow_zero: bool = False) -> int:
    """A positive amount typed the way *locale* writes it ("5.000,00" in es_ES), in minor
    units of *currency*; ISO/plain "5000.00" still works (money.parse_local_minor)."""
    try:
        minor = parse_local_minor(text, currency, locale)
    except MoneyError as exc:
        raise FieldError(str(exc)) from None
    if minor == 0 and not allow_zero:
        raise FieldError(_("amount must be more than zero"))
    return minor


def parse_language(text: str) -> str:
    raw = (text or "").strip().lower()
    if raw not in LANGUAGES:
        raise FieldError(
            _("language {value} is not supported (use {first} or {second})").format(
                value=repr(text), first=LANGUAGES[0], second=LANGUAGES[-1])
        )
    return raw


def parse_email(text: str) -> str:
    """One plain address, `local@domain`, or "" for none.

    Nothing else that RFC 5322 would parse: no display name, no <>, no quotes, no comments,
    no group ("billing:boss@x" is a group named billing to a mail program, so the mail would
    go elsewhere than shown), no second address, no line break. Accents are allowed on both
    sides of the @ (SMTPUTF8, IDNA); the domain must have a dot and encode as IDNA."""
    raw = unicodedata.normalize("NFC", (text or "").strip())
    if not raw:
        return ""
    value = repr(raw)
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in raw):
        raise FieldError(_("{value} is not an email address: it has a line break or a "
                           "control character in it").format(value=value))
    if "<" in raw or ">" in raw:
        raise FieldError(_("{value} is not an email address: it has a name or <> around the "
                           "address; give only the address, like ana@example.es").format(
                               value=value))
    if '"' in raw:
        raise FieldError(_("{value} is not an email address: it has quotes; give a plain "
                           "address, like ana@example.es").format(value=value))
    if "," in raw or ";" in raw or raw.count("@") > 1:
        raise FieldError(_("{value} is not one email address: it holds more than one; "
                           "give one only").format(value=value))
    if any(ch.isspace() for ch in raw):
        raise FieldError(_("{value} is not an email address: it has a space in it; give "
                           "only the address, like ana@example.es").format(value=value))
    local, at, domain = raw.partition("@")
    if not at:
        raise FieldError(_("{value} is not an email address").format(value=value))
    if not local or not domain:
        raise FieldError(_("{value} is not an email address: something is missing before or "
                           "after the @").format(value=value))
    for ch in local:
        if not (ch in _ATEXT or (not ch.isascii() and unicodedata.category(ch)[0] in "LMN")):
            raise FieldError(_("{value} is not an email address: {char} cannot be in the part "
                               "before the @").format(value=value, char=repr(ch)))
    if local.startswith(".") or local.endswith(".") or ".." in local:
        raise FieldError(_("{value} is not an email address: the part before the @ cannot "
                           "start or end with a dot, or have two dots together").format(
                               value=value))
    if len(local.encode()) > 64 or len(raw.encode()) > 254:
        raise FieldError(_("{value} is not an email address: it is too long").format(
            value=value))
    if not _valid_domain(domain):
        raise FieldError(_("{value} is not an email address: {domain} is not a domain "
                           "name").format(value=value, domain=repr(domain)))
    return raw


# What the part before the @ may hold unquoted (RFC 5322 atext, and dots between).
_ATEXT = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                   "!#$%&'*+-/=?^_`{|}~.")
_LABEL_RE = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")


def _valid_domain(domain: str) -> bool:
    """A host name with a dot, in letters, digits and hyphens, or accents that IDNA
    (punycode) can carry; the last label not all digits."""
    if domain.isascii():
        ascii_name = domain.lower()
    else:
        try:
            ascii_name = domain.encode("idna").decode("ascii").lower()
        except UnicodeError:
            return False
    labels = ascii_name.split(".")
    return (len(labels) >= 2 and len(ascii_name) <= 253
            and all(_LABEL_RE.fullmatch(label) for label in labels)
            and not labels[-1].isdigit())


def parse_terms_days(text: str) -> int:
    raw = (text or "").strip()
    if not re.fullmatch(r"[0-9]{1,3}", raw) or int(raw) > MAX_TERMS_DAYS:
        raise FieldError(
            _("{value} is not a whole number of days from 0 to {max}").format(
                value=repr(raw[:20]), max=MAX_TERMS_DAYS)
        )
    return int(raw)


# What parse_name() says is missing, one whole message per kind of name.
_REQUIRED = {
    "name": N_("name is required"),
    "client": N_("client is required"),
    "invoice number": N_("invoice number is required"),
}


def parse_name(text: str, what: str = "name") -> str:
    """*what* names the value in the error: "name", "client" or "invoice number"."""
    raw = " ".join((text or "").split())
    if not raw:
        if what in _REQUIRED:
            raise FieldError(_(_REQUIRED[what]))
        raise FieldError(_("{what} is required").format(what=what))
    return raw


# -- dates as people type them, in their locale ---------------------------------------------

_TOKEN_RE = re.compile(r"\d+|[^\W\d_]+")
_FILLER = frozenset({"de", "del", "of", "the"})  # "30 de noviembre de 2026"


def _fold(word: str) -> str:
    """Lower case without accents or a trailing dot ("Sept." -> "sept", "DIC" -> "dic")."""
    decomposed = unicodedata.normalize("NFKD", word.casefold().rstrip("."))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=16)
def _months(locale: str) -> tuple[tuple[int, str, bool], ...]:
    """(month, folded name, is it a wide name) for every name *locale* gives a month."""
    from babel.dates import get_month_names  # (babel: on first use, not at the window's start)

    out: set[tuple[int, str, bool]] = set()
    for width in ("abbreviated", "wide"):
        for context in ("format", "stand-alone"):
            for number, name in get_month_names(width, context, locale=locale).items():
                out.add((number, _fold(name), width == "wide"))
    return tuple(sorted(out))


def _month_of(word: str, locale: str) -> int | None:
    """The month a word names: an abbreviation or full name of *locale*, or of English;
    a start of a full name of three letters or more ("novi", "sep") counts too."""
    folded = _fold(word)
    for loc in (locale, "en_US"):
        found = {n for n, name, wide in _months(loc)
                 if name == folded or (wide and len(folded) >= 3 and name.startswith(folded))}
        if len(found) == 1:
            return found.pop()
    return None


@lru_cache(maxsize=16)
def _order(locale: str, length: str) -> str:
    """The order of day, month and year in *locale*'s *length* date pattern ("dMy")."""
    from babel.dates import get_date_format

    pattern = get_date_format(length, locale=locale).pattern
    seen = ""
    for ch in pattern:
        if ch in "dMLy" and (ch if ch != "L" else "M") not in seen:
            seen += ch if ch != "L" else "M"
    return seen if sorted(seen) == sorted("dMy") else "dMy"


def date_examples(locale: str, today: dt.date | None = None) -> tuple[str, str]:
    """*today* as *locale* writes it short and medium ("23/11/26", "23 nov 2026")."""
    from babel.dates import format_date

    day = today or clock.today()
    return (format_date(day, "short", locale=locale), format_date(day, "medium", locale=locale))


def parse_local_date(text: str, locale: str, *, today: dt.date | None = None) -> dt.date:
    """A date typed the way *locale* writes it: ISO (2026-11-30), the short form
    ("30/11/2026", "30/11/26" in es; "11/30/2026" in en), the medium one the tables show
    ("30 nov 2026", "Nov 30, 2026"), with any separators. Without a year, this year
    (*today*'s); a two-digit year is the one from 79 years back to 20 ahead ("99" is 1999
    and "45" 2045 in 2026)."""
    raw = (text or "").strip()
    short, medium = date_examples(locale, today)
    if not raw:
        raise FieldError(_("date is empty; write it like {short} or {medium}").format(
            short=short, medium=medium))
    bad = FieldError(_("{value} is not a date; write it like {short} or {medium}").format(
        value=repr(raw), short=short, medium=medium))
    tokens = [t for t in _TOKEN_RE.findall(raw) if _fold(t) not in _FILLER]
    leftover = _TOKEN_RE.sub("", raw)
    if any(ch not in " /.-,'\u00a0" for ch in leftover):
        raise bad
    numbers = [t for t in tokens if t.isdigit()]
    words = [t for t in tokens if not t.isdigit()]
    if len(words) > 1 or len(numbers) > 3 or not numbers:
        raise bad
    parts: dict[str, str] = {}
    if words:
        month = _month_of(words[0], locale)
        if month is None or len(numbers) > 2:
            raise bad
        parts["M"] = str(month)
        if len(numbers) == 2 and len(numbers[0]) > 2 >= len(numbers[1]):
            numbers.reverse()  # "2026 nov 30"
        order = "dy" if _order(locale, "medium").index("d") < _order(locale, "medium").index(
            "y") else "yd"
        for key, value in zip(order, numbers):
            parts[key] = value
    else:
        if len(numbers) == 1:
            raise bad
        order = _order(locale, "short")
        if len(numbers[0]) == 4:
            order = "yMd"  # 2026/11/30, ISO with other separators
        elif len(numbers) == 2:
            order = order.replace("y", "")
        for key, value in zip(order, numbers):
            parts[key] = value
    if "d" not in parts:
        raise bad
    year = parts.get("y")
    this_year = (today or clock.today()).year
    if year is None:
        number = this_year
    elif len(year) == 2:  # the one of the 100 years from 79 back to 20 ahead
        number = this_year - 79 + (int(year) - (this_year - 79)) % 100
    elif len(year) == 4:
        number = int(year)
    else:
        raise bad
    try:
        return dt.date(number, int(parts["M"]), int(parts["d"]))
    except ValueError:
        raise FieldError(_("{value} is not a real date; write it like {short} or {medium}").format(
            value=repr(raw), short=short, medium=medium)) from None
