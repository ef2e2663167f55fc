"""core/terms.py: what an invoice really asks to be paid (base + VAT − IRPF), never a float,
and the early-payment discount's window."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from collector_gui.core.fields import FieldError
from collector_gui.core.model import Invoice, InvoiceLine, invoice_totals, round_half_up
from collector_gui.core.terms import (
    credit_lines,
    credit_of,
    discount_deadline,
    discount_earned,
    discount_minor,
    parse_rate,
    payable,
)

rates = st.decimals(min_value=0, max_value=100, places=2)
lines_st = st.lists(
    st.builds(InvoiceLine, st.text(max_size=5),
              st.decimals(min_value=0, max_value=1000, places=3),
              st.integers(min_value=-10**8, max_value=10**8),
              st.sampled_from([Decimal(0), Decimal(4), Decimal(10), Decimal(21), Decimal("5.5")])),
    min_size=1, max_size=6)


@given(lines_st, rates)
def test_payable_is_base_plus_vat_minus_irpf_in_integers(lines, irpf):
    p = payable(lines, irpf)
    for value in (p.net_minor, p.vat_minor, p.irpf_minor, p.total_minor):
        assert type(value) is int
    assert p.net_minor == sum(line.net_minor for line in lines)
    assert p.vat_minor == invoice_totals(lines).total_minor - p.net_minor
    assert p.irpf_minor == round_half_up(Decimal(p.net_minor) * irpf / 100)
    assert p.total_minor == p.net_minor + p.vat_minor - p.irpf_minor


@given(lines_st, rates)
def test_a_full_credit_note_is_exactly_the_invoice_negated(lines, irpf):
    """Half-up rounding is symmetric, so a credit note of every line takes off exactly what
    the invoice asked: nothing left over by a cent."""
    invoice = Invoice("F-1", 1, dt.date(2026, 11, 1), dt.date(2026, 12, 1), "EUR", 0,
                      lines=tuple(lines), irpf_rate=irpf)
    assert credit_of(credit_lines(invoice, None, "x"), irpf) == payable(lines, irpf).total_minor


def test_spanish_professional_invoice():
    """1,000.00 base, IVA 21 %, IRPF 15 %: the client pays 1,060.00."""
    p = payable([InvoiceLine("Design", Decimal(1), 100000, Decimal(21))], Decimal(15))
    assert (p.net_minor, p.vat_minor, p.irpf_minor, p.total_minor) == (100000, 21000, 15000,
                                                                       106000)


def test_irpf_rounds_half_up_once_on_the_base():
    # base 0.50 at 7 % = 3.5 cents -> 4
    p = payable([InvoiceLine("x", Decimal(1), 50, Decimal(0))], Decimal(7))
    assert p.irpf_minor == 4 and p.total_minor == 46


def test_parse_rate():
    assert parse_rate("15", "r") == Decimal(15)
    assert parse_rate("2,5 %", "r") == Decimal("2.5")
    assert parse_rate("", "r") == 0
    for bad in ("-1", "101", "abc", "1.234", "nan"):
        with pytest.raises(FieldError):
            parse_rate(bad, "r")


def _discounted(**kw) -> Invoice:
    return Invoice("F-2", 1, dt.date(2026, 11, 30), dt.date(2026, 12, 30), "EUR", 100000,
                   discount_percent=Decimal(2), discount_days=10, **kw)


def test_discount_window_and_amount():
    inv = _discounted()
    assert discount_deadline(inv) == dt.date(2026, 12, 10)
    assert discount_minor(inv) == 2000
    assert discount_earned(inv, 98000, dt.date(2026, 12, 10)) == 2000
    assert discount_earned(inv, 98000, dt.date(2026, 12, 11)) == 0  # after the window
    assert discount_earned(inv, 97000, dt.date(2026, 12, 1)) == 0  # not yet the whole of it
    assert discount_minor(_discounted(kind="credit_note")) == 0


def test_partial_credit_refuses_mixed_rates():
    inv = Invoice("F-3", 1, dt.date(2026, 11, 1), dt.date(2026, 12, 1), "EUR", 0, lines=(
        InvoiceLine("a", Decimal(1), 100, Decimal(21)), InvoiceLine("b", Decimal(1), 100,
                                                                     Decimal(10))))
    with pytest.raises(FieldError):
        credit_lines(inv, 50, "r")
    assert credit_lines(inv, None, "r")[0].unit_price_minor == -100
