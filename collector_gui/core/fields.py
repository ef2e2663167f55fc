"""Parsing and checking what a person typed or a CSV file holds, one field at a time.

The CSV importer and the window's dialogs share these, so a value one accepts the
other accepts too. Each parser returns the value or raises FieldError with a reason
written for the user.
"""

from __future__ import annotations

import datetime as dt
import re

from collector_gui.core.errors import CollectorError
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
        raise FieldError("date is empty (use YYYY-MM-DD)")
    if not _DATE_RE.fullmatch(raw):
        raise FieldError(f"{raw!r} is not a date in the form YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise FieldError(f"{raw} is not a real date") from None


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
        raise FieldError("amount must be more than zero")
    return minor


def parse_language(text: str) -> str:
    raw = (text or "").strip().lower()
    if raw not in LANGUAGES:
        raise FieldError(f"language {text!r} is not supported (use {' or '.join(LANGUAGES)})")
    return raw


def parse_email(text: str) -> str:
    raw = (text or "").strip()
    if raw and not _EMAIL_RE.fullmatch(raw):
        raise FieldError(f"{raw!r} is not an email address")
    return raw


def parse_terms_days(text: str) -> int:
    raw = (text or "").strip()
    if not re.fullmatch(r"[0-9]{1,3}", raw) or int(raw) > MAX_TERMS_DAYS:
        raise FieldError(f"{raw[:20]!r} is not a whole number of days from 0 to {MAX_TERMS_DAYS}")
    return int(raw)


def parse_name(text: str, what: str = "name") -> str:
    raw = " ".join((text or "").split())
    if not raw:
        raise FieldError(f"{what} is required")
    return raw
