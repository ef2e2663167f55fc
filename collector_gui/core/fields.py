"""Parsing and checking what a person typed or a CSV file holds, one field at a time.

The CSV importer and the window's dialogs share these, so a value one accepts the
other accepts too. Each parser returns the value or raises FieldError with a reason
written for the user.
"""

from __future__ import annotations

import datetime as dt
import re

from collector_gui.core.errors import CollectorError
from collector_gui.core.i18n import N_, _
from collector_gui.core.model import LANGUAGES
from collector_gui.core.money import MoneyError, check_currency, parse_minor

MAX_TERMS_DAYS = 365
_EMAIL_RE = re.compile(r"[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+")
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


def parse_language(text: str) -> str:
    raw = (text or "").strip().lower()
    if raw not in LANGUAGES:
        raise FieldError(
            _("language {value} is not supported (use {first} or {second})").format(
                value=repr(text), first=LANGUAGES[0], second=LANGUAGES[-1])
        )
    return raw


def parse_email(text: str) -> str:
    raw = (text or "").strip()
    if raw and not _EMAIL_RE.fullmatch(raw):
        raise FieldError(_("{value} is not an email address").format(value=repr(raw)))
    return raw


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
