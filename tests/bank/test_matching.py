"""The matching rules (core/matching.py), without a ledger: what is recorded at once, what is
only proposed, and what is left alone because it is doubtful."""

from __future__ import annotations

import pytest

from collector_gui.core.matching import (
    Credit,
    InvoiceIndex,
    OpenInvoice,
    Outcome,
    PayerBook,
    Reason,
    decide,
    payer_key,
)

ACME, GLOBEX = 1, 2


def _index() -> InvoiceIndex:
    return InvoiceIndex([
        OpenInvoice(1, "2026-0042", ACME, "EUR", 121000),
        OpenInvoice(2, "2026-0043", ACME, "EUR", 50000),
        OpenInvoice(3, "2026-0044", ACME, "EUR", 50000),
        OpenInvoice(4, "INV-17", GLOBEX, "EUR", 10000),
        OpenInvoice(5, "INV-18", GLOBEX, "EUR", 20000),
        OpenInvoice(6, "2026-0050", GLOBEX, "USD", 99900),
        OpenInvoice(7, "2026-004", GLOBEX, "EUR", 7000),
        OpenInvoice(8, "17", GLOBEX, "EUR", 1700),
    ])


def _decide(text: str, amount: int, currency: str = "EUR", *, iban: str = "", name: str = "",
            payers: PayerBook | None = None):
    return decide(Credit(amount, currency, text, iban, name), _index(), payers or PayerBook())


@pytest.mark.parametrize("text", [
    "TRANSFERENCIA DE ACME SL CONCEPTO FRA 2026-0042",
    "Fra.2026/0042",
    "factura 2026 0042",
    "FACTURA Nº 2026-0042 ACME",
    "pago fra20260042",
    "Invoice 2026-0042",
    "inv. 2026 - 0042, thanks",
])
def test_the_invoice_named_and_its_balance_is_recorded(text):
    d = _decide(text, 121000)
    assert (d.outcome, d.reason, d.allocations) == (Outcome.RECORDED, Reason.NAMED, ((1, 121000),))


@pytest.mark.parametrize("text", [
    "FRAS 2026-0042 Y 2026-0043", "Invoices 2026-0042 and 2026-0043", "2026-0042/2026-0043",
    "FRA 2026-0042, FRA 2026-0043", "2026-0043 - 2026-0042",
])
def test_several_invoices_named_and_their_sum_is_recorded(text):
    d = _decide(text, 171000)
    assert d.outcome is Outcome.RECORDED
    assert dict(d.allocations) == {1: 121000, 2: 50000}


def test_a_transfer_quoting_a_reminders_reference_is_recorded():
    """The reference a reminder or statement asks the client to quote (core/payment.py)
    names every invoice of the amount asked: paid as asked, the transfer settles them all."""
    from collector_gui.core.payment import reference

    ref = reference(["2026-0042", "2026-0043"])
    for text in (ref, f"TRANSFERENCIA ACME SL {ref}", ref.upper().replace(" ", "/")):
        d = _decide(text, 171000)
        assert d.outcome is Outcome.RECORDED, text
        assert dict(d.allocations) == {1: 121000, 2: 50000}


def test_less_than_the_one_invoice_named_is_a_partial_payment():
    d = _decide("A CUENTA FRA 2026-0042", 60000)
    assert (d.outcome, d.reason, d.allocations) == (Outcome.RECORDED, Reason.PARTIAL,
                                                   ((1, 60000),))


@pytest.mark.parametrize("text, amount, reason", [
    ("FRA 2026-0042", 121001, Reason.OVER),  # more than the balance
    ("FRAS 2026-0042 Y 2026-0043", 171000 - 1, Reason.UNDER_SEVERAL),  # which one is short?
    ("Invoice 2026-0050", 99900, Reason.CURRENCY),  # a USD invoice paid in EUR
    ("transferencia", 50000, Reason.UNKNOWN),  # nothing named, unknown payer
])
def test_doubtful_credits_are_never_recorded(text, amount, reason):
    d = _decide(text, amount)
    assert (d.outcome, d.reason, d.allocations) == (Outcome.UNMATCHED, reason, ())


def test_a_debit_is_ignored():
    assert _decide("FRA 2026-0042", -121000).outcome is Outcome.IGNORED


def test_a_number_is_never_cut_short_or_long():
    # 2026-0042 must not name 2026-004 (nor the other way round).
    d = _decide("FRA 2026-0042", 7000)  # a part of 2026-0042, not all of 2026-004
    assert (d.named, d.reason, d.allocations) == ((1,), Reason.PARTIAL, ((1, 7000),))
    d = _decide("FRA 2026-004", 7000)
    assert d.allocations == ((7, 7000),)


def test_a_short_bare_number_counts_only_after_an_invoice_word():
    assert _decide("PAGO 17 NOVIEMBRE", 1700).outcome is Outcome.UNMATCHED
    assert _decide("PAGO FRA 17 NOVIEMBRE", 1700).allocations == ((8, 1700),)


def test_a_known_payer_is_proposed_the_one_invoice_with_that_balance():
    payers = PayerBook(by_iban={"ES7000491500010512345678": ACME})
    d = _decide("PAGO NOVIEMBRE", 121000, iban="ES7000491500010512345678", payers=payers)
    assert (d.outcome, d.allocations, d.client_id) == (Outcome.PROPOSED, ((1, 121000),), ACME)
    # By name too, whatever its accents, case and punctuation.
    payers = PayerBook(by_name={payer_key("Acme, S.L."): ACME})
    assert _decide("PAGO", 121000, name="ACME SL", payers=payers).outcome is Outcome.PROPOSED
    assert payer_key("Peñalver Hermanos, S.L.") == payer_key("PENALVER HERMANOS SL")


def test_two_invoices_of_the_payer_with_that_balance_are_doubtful():
    payers = PayerBook(by_name={payer_key("Acme SL"): ACME})
    d = _decide("PAGO", 50000, name="Acme SL", payers=payers)  # 2026-0043 and 2026-0044
    assert (d.outcome, d.reason) == (Outcome.UNMATCHED, Reason.SEVERAL_FIT)
    d = _decide("PAGO", 12345, name="Acme SL", payers=payers)
    assert (d.outcome, d.reason) == (Outcome.UNMATCHED, Reason.NO_FIT)


def test_balances_go_down_as_one_statement_pays():
    index = _index()
    first = decide(Credit(121000, "EUR", "FRA 2026-0042"), index, PayerBook())
    index.settle(first.allocations)
    again = decide(Credit(121000, "EUR", "FRA 2026-0042"), index, PayerBook())
    assert first.outcome is Outcome.RECORDED
    # Paid now: the same text names no open invoice, so the second credit waits.
    assert (again.outcome, again.named) == (Outcome.UNMATCHED, ())
