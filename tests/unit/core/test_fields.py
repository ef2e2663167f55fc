from __future__ import annotations

import datetime as dt

import pytest

from collector_gui.core.fields import (
    FieldError,
    parse_date,
    parse_email,
    parse_language,
    parse_name,
    parse_terms_days,
)


def test_dates():
    assert parse_date(" 2026-02-28 ") == dt.date(2026, 2, 28)
    for bad in ("2026-02-30", "2026-13-01", "28/02/2026", "2026-2-3", "", "20260228"):
        with pytest.raises(FieldError):
            parse_date(bad)


def test_language_email_terms_name():
    assert parse_language(" ES ") == "es"
    with pytest.raises(FieldError, match="not supported"):
        parse_language("fr")
    assert parse_email("") == ""
    assert parse_email("ana@example.es") == "ana@example.es"
    for bad in ("ana", "ana@", "a b@c.d", "ana@example"):
        with pytest.raises(FieldError):
            parse_email(bad)
    assert parse_terms_days("30") == 30
    for bad in ("-1", "30.5", "366", "x"):
        with pytest.raises(FieldError):
            parse_terms_days(bad)
    assert parse_name("  Ana   García ") == "Ana García"
    with pytest.raises(FieldError, match="required"):
        parse_name("   ")
