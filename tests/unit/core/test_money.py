from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from collector_gui.core.money import (
    CurrencyMismatch,
    Money,
    MoneyError,
    format_minor,
    minor_digits,
    minor_to_string,
    parse_minor,
)

CURRENCIES = ["EUR", "USD", "GBP", "JPY", "KWD", "MXN", "CLP", "BHD"]


@pytest.mark.parametrize(
    ("currency", "digits"), [("EUR", 2), ("JPY", 0), ("KWD", 3), ("USD", 2), ("BHD", 3)]
)
def test_minor_digits_come_from_iso_data(currency, digits):
    assert minor_digits(currency) == digits


@pytest.mark.parametrize(
    ("text", "currency", "minor"),
    [
        ("1250.5", "EUR", 125050),
        ("1250.50", "EUR", 125050),
        ("0.01", "EUR", 1),
        ("7", "EUR", 700),
        ("150000", "JPY", 150000),
        ("1.234", "KWD", 1234),
        (" 12.3 ", "USD", 1230),
    ],
)
def test_parse(text, currency, minor):
    assert parse_minor(text, currency) == minor


@pytest.mark.parametrize(
    ("text", "currency", "reason"),
    [
        ("1.5", "JPY", "no minor units"),
        ("1.234", "EUR", "more than 2 decimals"),
        ("1.2345", "KWD", "more than 3 decimals"),
        ("1,250.00", "EUR", "decimal point"),
        ("1250,5", "EUR", "decimal point"),
        ("-5", "EUR", "negative"),
        ("abc", "EUR", "not a number"),
        ("", "EUR", "empty"),
        ("1e3", "EUR", "not a number"),
        ("1.", "EUR", "not a number"),
    ],
)
def test_parse_rejects(text, currency, reason):
    with pytest.raises(MoneyError, match=reason):
        parse_minor(text, currency)


def test_unknown_currency_is_refused():
    with pytest.raises(MoneyError, match="unknown currency"):
        Money(1, "XYZ")
    with pytest.raises(MoneyError):
        Money.parse("1", "XXX")  # "no currency" is not money one invoices in


def test_minor_must_be_int():
    with pytest.raises(TypeError):
        Money(1.5, "EUR")  # type: ignore[arg-type]


def test_arithmetic_and_currency_mismatch():
    a, b = Money(1050, "EUR"), Money(250, "EUR")
    assert a + b == Money(1300, "EUR")
    assert a - b == Money(800, "EUR")
    assert -b == Money(-250, "EUR")
    assert b < a
    with pytest.raises(CurrencyMismatch):
        _ = a + Money(1, "USD")
    with pytest.raises(CurrencyMismatch):
        _ = a < Money(1, "USD")


@pytest.mark.parametrize(
    ("minor", "currency", "locale", "text"),
    [
        (125050, "EUR", "es_ES", "1.250,50\xa0€"),
        (125050, "EUR", "en_US", "€1,250.50"),
        (150000, "JPY", "en_US", "¥150,000"),
        (1234, "KWD", "en_US", "KWD\u00a01.234"),
    ],
)
def test_format_with_babel(minor, currency, locale, text):
    assert format_minor(minor, currency, locale) == text


@pytest.mark.parametrize(
    ("minor", "currency", "text"),
    [(5, "EUR", "0.05"), (-5, "EUR", "-0.05"), (100, "JPY", "100"), (1, "KWD", "0.001"), (0, "EUR", "0.00")],
)
def test_minor_to_string(minor, currency, text):
    assert minor_to_string(minor, currency) == text


@given(st.integers(min_value=0, max_value=10**15 - 1), st.sampled_from(CURRENCIES))
def test_string_round_trip(minor, currency):
    text = minor_to_string(minor, currency)
    assert parse_minor(text, currency) == minor
    assert Money.parse(text, currency).decimal() == Decimal(text)


@given(st.integers(min_value=-10**12, max_value=10**12), st.sampled_from(CURRENCIES),
       st.sampled_from(["en_US", "es_ES", "en_GB"]))
def test_formatting_keeps_every_digit(minor, currency, locale):
    """Babel's text, stripped of everything but digits, is the amount's digits."""
    digits = "".join(ch for ch in format_minor(minor, currency, locale) if ch.isdigit())
    assert int(digits) == abs(minor)
