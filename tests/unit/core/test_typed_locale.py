"""Amounts and dates typed the way the user's locale writes them (core/money, core/fields).

Every amount and date the window shows can be typed back: what the app's own formatters
write (Fmt.money is money.format_minor, Fmt.date is Babel's medium date) parses back to the
same value, in Spanish and in English.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from babel.dates import format_date
from hypothesis import given
from hypothesis import strategies as st

from collector_gui.core.fields import FieldError, parse_local_amount, parse_local_date
from collector_gui.core.money import (
    MoneyError,
    format_local_decimal,
    format_local_minor,
    format_minor,
    parse_local_decimal,
    parse_local_minor,
)

TODAY = dt.date(2026, 11, 23)
LOCALES = ("es_ES", "en_US")


@pytest.mark.parametrize("text,minor", [
    ("5.000,00", 500000), ("1.200", 120000), ("1200,5", 120050), ("5000", 500000),
    ("1.234.567,89", 123456789), ("1250.50", 125050), ("1.5", 150), ("12.345", 1234500),
    ("1.250,50 €", 125050), (" 7 ", 700), ("0,07", 7),
])
def test_spanish_amounts(text, minor):
    assert parse_local_minor(text, "EUR", "es_ES") == minor


@pytest.mark.parametrize("text,minor", [
    ("5,000.00", 500000), ("1,200", 120000), ("1.5", 150), ("5000", 500000),
    ("€1,250.50", 125050), ("1250,5", 125050), ("1,234,567.89", 123456789),
])
def test_english_amounts(text, minor):
    assert parse_local_minor(text, "EUR", "en_US") == minor


@pytest.mark.parametrize("locale,text,hint", [
    ("es_ES", "5,000.00", "12.345,67"), ("es_ES", "1.2.3", "12.345,67"),
    ("es_ES", "12,34,56", "12345,67"), ("es_ES", "abc", "12.345,67"),
    ("en_US", "5.000,00", "12,345.67"), ("en_US", "1.250,50 €", "12345.67"),
    ("en_US", "12,34,567", "12,345.67"),
])
def test_wrong_amounts_say_how_to_write_them(locale, text, hint):
    with pytest.raises(MoneyError, match=hint.replace(".", r"\.")):
        parse_local_minor(text, "EUR", locale)


def test_ambiguous_amounts_follow_the_locale():
    assert parse_local_minor("1.200", "EUR", "es_ES") == 120000
    assert parse_local_minor("1,200", "EUR", "en_US") == 120000
    assert parse_local_minor("1.20", "EUR", "en_US") == 120
    with pytest.raises(MoneyError, match="decimals"):
        parse_local_minor("1,200", "EUR", "es_ES")  # 1.200 in euros has no third decimal
    with pytest.raises(MoneyError, match="decimals"):
        parse_local_minor("1.200", "EUR", "en_US")


def test_amount_limits():
    with pytest.raises(MoneyError, match="negative"):
        parse_local_minor("-5", "EUR", "es_ES")
    with pytest.raises(MoneyError, match="no minor units"):
        parse_local_minor("12,5", "JPY", "es_ES")
    with pytest.raises(MoneyError, match="too large"):
        parse_local_minor("1" * 17, "EUR", "es_ES")
    with pytest.raises(FieldError, match="more than zero"):
        parse_local_amount("0,00", "EUR", "es_ES")
    assert parse_local_amount("0,00", "EUR", "es_ES", allow_zero=True) == 0
    assert parse_local_minor("1.443,314", "KWD", "es_ES") == 1443314


amounts = st.integers(min_value=0, max_value=10**15 - 1)  # money.MAX_WHOLE_DIGITS
currencies = st.sampled_from(["EUR", "USD", "GBP", "JPY", "KWD", "CHF", "MXN"])
locales = st.sampled_from(LOCALES)


@given(amounts, currencies, locales)
def test_every_amount_shown_can_be_typed_back(minor, currency, locale):
    shown = format_minor(minor, currency, locale)  # what the tables show (Fmt.money)
    assert parse_local_minor(shown, currency, locale) == minor
    edited = format_local_minor(minor, currency, locale)  # what an amount field shows
    assert parse_local_minor(edited, currency, locale) == minor


@pytest.mark.parametrize("locale,text", [
    ("es_ES", "30/11/2026"), ("es_ES", "30/11/26"), ("es_ES", "30 nov 2026"),
    ("es_ES", "2026-11-30"), ("es_ES", "30 de noviembre de 2026"), ("es_ES", "30-11-2026"),
    ("es_ES", "30/11"), ("es_ES", "30 NOV. 2026"), ("es_ES", "30.11.26"),
    ("en_US", "11/30/2026"), ("en_US", "11/30/26"), ("en_US", "Nov 30, 2026"),
    ("en_US", "2026-11-30"), ("en_US", "November 30 2026"), ("en_US", "11/30"),
])
def test_local_dates(locale, text):
    assert parse_local_date(text, locale, today=TODAY) == dt.date(2026, 11, 30)


@pytest.mark.parametrize("locale,text", [
    ("es_ES", "31/11/2026"), ("es_ES", "11/30/2026"), ("es_ES", "mañana"), ("es_ES", ""),
    ("en_US", "30/11/2026"), ("en_US", "1/2/3/4"), ("en_US", "Nov 2026"),
    ("es_ES", "30 nov 20266"), ("en_US", "30"),
])
def test_wrong_dates_say_how_to_write_them(locale, text):
    with pytest.raises(FieldError) as caught:
        parse_local_date(text, locale, today=TODAY)
    short = format_date(TODAY, "short", locale=locale)
    assert short in str(caught.value)


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2199, 12, 31)), locales,
       st.sampled_from(["medium", "long"]))
def test_every_date_shown_can_be_typed_back(day, locale, length):
    shown = format_date(day, length, locale=locale)  # "medium" is what the tables show
    assert parse_local_date(shown, locale, today=TODAY) == day
    assert parse_local_date(day.isoformat(), locale, today=TODAY) == day


# A short date's two-digit year is read as the one from 79 years back to 20 years ahead.
@given(st.dates(min_value=dt.date(1947, 1, 1), max_value=dt.date(2046, 12, 31)), locales)
def test_every_short_date_can_be_typed_back(day, locale):
    assert parse_local_date(format_date(day, "short", locale=locale), locale, today=TODAY) == day


def test_two_digit_years():
    assert parse_local_date("1/1/99", "es_ES", today=TODAY) == dt.date(1999, 1, 1)
    assert parse_local_date("1/1/46", "es_ES", today=TODAY) == dt.date(2046, 1, 1)
    assert parse_local_date("1/1/47", "es_ES", today=TODAY) == dt.date(1947, 1, 1)


# -- quantities (an invoice line's) ------------------------------------------------------------

@pytest.mark.parametrize("locale,text,value", [
    ("es_ES", "1,5", "1.5"), ("es_ES", "1.5", "1.5"), ("es_ES", "1.000", "1000"),
    ("es_ES", "12.345,25", "12345.25"), ("es_ES", "2", "2"),
    ("en_US", "1.5", "1.5"), ("en_US", "1,000", "1000"), ("en_US", "0,25", "0.25"),
])
def test_quantities_typed_the_locales_way(locale, text, value):
    assert parse_local_decimal(text, locale) == Decimal(value)


@pytest.mark.parametrize("text", ["", "abc", "1.2.3", "1,5,5", "-1"])
def test_what_is_not_a_quantity_is_refused(text):
    with pytest.raises(MoneyError):
        parse_local_decimal(text, "es_ES")


@given(st.decimals(min_value=0, max_value=10**9, places=4, allow_nan=False))
def test_a_quantity_shown_parses_back(value):
    for locale in LOCALES:
        assert parse_local_decimal(format_local_decimal(value, locale), locale) == value
