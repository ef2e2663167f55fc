"""Importing a statement into the ledger: sure payments recorded through the store (method
"bank", the bank's reference, the booking date), doubtful ones kept for a decision, nothing
recorded twice, a damaged file records nothing, and the reminders see the payments at once."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.helpers.bank_writers import ACME_IBAN, GLOBEX_IBAN, Entry, camt053, csv_es, mt940, norma43

from collector_gui.actions import bank
from collector_gui.actions.remind import plan_reminders
from collector_gui.bank.model import StatementError
from collector_gui.core.errors import CollectorError
from collector_gui.core.progress import Task

D1, D2, D3 = dt.date(2026, 11, 5), dt.date(2026, 11, 6), dt.date(2026, 11, 9)
STATEMENT = [
    Entry(D1, 121000, "TRANSFERENCIA DE ACME SL CONCEPTO FRA 2026-0042", "R1", "ACME SL",
          ACME_IBAN),
    Entry(D1, -5000, "RECIBO TELEFONICA", "R2", "TELEFONICA"),
    Entry(D2, 30000, "Invoices INV-17 and INV-18", "R3", "Globex Ltd", GLOBEX_IBAN),
    Entry(D2, 20000, "A CUENTA FRA 2026-0043", "R4", "ACME SL", ACME_IBAN),
    Entry(D2, 36300, "Payment November", "R5", "Globex Ltd", GLOBEX_IBAN),
    Entry(D3, 99900, "Invoice 2026-0050", "R6", "Initech Inc"),
]


def _import(store, tmp_path, data: bytes, name: str = "statement", **kw):
    path = tmp_path / name
    path.write_bytes(data)
    return bank.import_statement(store, path, **kw)


def _balance(store, books, number):
    inv = store.get_invoice(books[number])
    return inv.total_minor - inv.paid_minor


def test_sure_payments_are_recorded_and_doubtful_ones_wait(store, books, tmp_path):
    result = _import(store, tmp_path, camt053(STATEMENT))
    outcome = [(x.outcome, x.reason) for x in result.lines]
    assert outcome == [("recorded", "named"), ("ignored", "debit"), ("recorded", "named"),
                       ("recorded", "partial"), ("unmatched", "unknown"),
                       ("unmatched", "currency")]
    assert _balance(store, books, "2026-0042") == 0
    assert _balance(store, books, "INV-17") == _balance(store, books, "INV-18") == 0
    assert _balance(store, books, "2026-0043") == 30000
    (payment,) = store.payments_of(books["2026-0042"])
    assert (payment.date, payment.amount_minor, payment.method, payment.reference) == \
        (D1, 121000, "bank", "R1")
    assert [x.id for x in bank.pending(store)] == [result.lines[4].line_id,
                                                       result.lines[5].line_id]
    assert result.summary().startswith("3 recorded, 0 proposed, 2 unmatched, 1 ignored")


@pytest.mark.parametrize("write", [camt053, norma43, mt940])
def test_the_same_statement_twice_records_nothing_twice(store, books, tmp_path, write):
    _import(store, tmp_path, write(STATEMENT), "first")
    paid = store.counts()["payments"]
    again = _import(store, tmp_path, write(STATEMENT), "second")
    assert store.counts()["payments"] == paid == 4
    assert [x.reason for x in again.lines if x.amount_minor > 0] == ["duplicate"] * 5
    assert len(bank.pending(store)) == 2  # not listed twice either


def test_overlapping_statements_record_only_the_new_lines(store, books, tmp_path):
    _import(store, tmp_path, mt940(STATEMENT[:4]), "october")
    later = _import(store, tmp_path, mt940(STATEMENT[2:]), "november")
    assert [x.outcome for x in later.lines] == ["ignored", "ignored", "unmatched", "unmatched"]
    assert store.counts()["payments"] == 4


def test_lines_without_a_reference_stay_apart_when_equal(store, books, tmp_path):
    """Two equal payments on one day without a bank reference (a CSV) are two payments, and
    the same file again adds nothing."""
    twice = [Entry(D1, 10000, "FRA 2026-0044", ""), Entry(D1, 10000, "FRA 2026-0044", "")]
    mapping = "date=Fecha,amount=Importe,text=Concepto,reference=Referencia"
    _import(store, tmp_path, csv_es(twice), "a.csv", bank="Caixa", csv_map=mapping)
    _import(store, tmp_path, csv_es(twice), "b.csv", bank="Caixa")  # the mapping was kept
    assert _balance(store, books, "2026-0044") == 30000


def test_a_dry_run_writes_nothing_and_says_the_same(store, books, tmp_path):
    dry = _import(store, tmp_path, camt053(STATEMENT), dry_run=True)
    assert store.counts()["payments"] == 0 and not bank.pending(store)
    assert bank.last_import_notice(store, dt.date(2026, 11, 23)).startswith("No bank statement")
    real = _import(store, tmp_path, camt053(STATEMENT))
    assert [(x.outcome, x.reason) for x in dry.lines] == \
        [(x.outcome, x.reason) for x in real.lines]


def test_a_damaged_file_records_nothing(store, books, tmp_path):
    data = camt053(STATEMENT).replace(b"<Dt>2026-11-09</Dt>", b"<Dt>2026-11-31</Dt>")
    with pytest.raises(StatementError, match="Ntry #6"):
        _import(store, tmp_path, data)
    assert store.counts()["payments"] == 0 and not bank.pending(store)


def test_a_cancelled_import_records_nothing(store, books, tmp_path):
    """Cancelled after the payments were written in the import's transaction: all undone."""
    def cancel_once_matching(done: int, total: int, text: str) -> None:
        if text.startswith("Matching"):
            task.cancel()

    task = Task(cancel_once_matching)
    with pytest.raises(CollectorError):
        _import(store, tmp_path, camt053(STATEMENT), task=task)
    assert store.counts()["payments"] == 0


def test_accepting_teaches_the_payer_and_the_next_statement_proposes(store, books, tmp_path):
    first = _import(store, tmp_path, camt053(STATEMENT), "november")
    globex_line = first.lines[4].line_id  # "Payment November", 363.00: nothing named
    decided = bank.accept(store, globex_line, ["2026-0051"])
    assert decided.invoices == (("2026-0051", 36300),) and decided.learnt
    assert _balance(store, books, "2026-0051") == 0
    # December: Globex pays INV-xx again without naming it; the amount fits one invoice.
    from collector_gui.core.model import Invoice

    store.add_invoice(Invoice("INV-19", books["globex"], D1, D3, "EUR", 45000))
    store.add_invoice(Invoice("INV-20", books["globex"], D1, D3, "EUR", 12000))
    december = [Entry(dt.date(2026, 12, 2), 45000, "PAYMENT", "D1", "GLOBEX LTD.",
                      GLOBEX_IBAN)]
    result = _import(store, tmp_path, camt053(december), "december")
    (line,) = result.lines
    assert (line.outcome, line.invoices) == ("proposed", (("INV-19", 45000),))
    assert store.payments_of(store.find_invoice("INV-19").id) == []  # proposed, not recorded
    accepted = bank.accept(store, line.line_id)
    assert accepted.status == "accepted"
    assert store.find_invoice("INV-19").paid_minor == 45000
    with pytest.raises(CollectorError, match="already accepted"):
        bank.accept(store, line.line_id)


def test_the_payer_is_known_by_name_when_the_bank_gives_no_iban(store, books, tmp_path):
    first = _import(store, tmp_path, norma43(STATEMENT, sepa=True), "n43")
    bank.accept(store, first.lines[4].line_id, ["2026-0051"])  # Globex Ltd, by name only
    from collector_gui.core.model import Invoice

    store.add_invoice(Invoice("INV-21", books["globex"], D1, D3, "EUR", 7700))
    later = [Entry(dt.date(2026, 12, 1), 7700, "TRANSFER", "X1", "Globex Ltd")]
    (line,) = _import(store, tmp_path, norma43(later, sepa=True), "n43b").lines
    assert line.outcome == "proposed"


def test_yes_accepts_proposals_at_once(store, books, tmp_path):
    first = _import(store, tmp_path, camt053(STATEMENT), "november")
    bank.accept(store, first.lines[4].line_id, ["2026-0051"])
    from collector_gui.core.model import Invoice

    store.add_invoice(Invoice("INV-19", books["globex"], D1, D3, "EUR", 45000))
    december = [Entry(dt.date(2026, 12, 2), 45000, "PAYMENT", "D1", "Globex", GLOBEX_IBAN)]
    (line,) = _import(store, tmp_path, camt053(december), "dec", accept_proposed=True).lines
    assert line.outcome == "accepted"
    assert store.find_invoice("INV-19").paid_minor == 45000


def test_accept_refuses_what_does_not_fit(store, books, tmp_path):
    result = _import(store, tmp_path, camt053(STATEMENT))
    usd_line = result.lines[5].line_id  # 999.00 EUR against a USD invoice
    with pytest.raises(CollectorError, match="USD"):
        bank.accept(store, usd_line, ["2026-0050"])
    with pytest.raises(CollectorError, match="more than the balance"):
        bank.accept(store, result.lines[4].line_id, ["2026-0043"])  # 363.00 > 300.00 left
    with pytest.raises(CollectorError, match="cannot take"):
        bank.accept(store, result.lines[4].line_id, ["INV-17"])  # paid by R3
    with pytest.raises(CollectorError, match="no proposal"):
        bank.accept(store, usd_line)
    with pytest.raises(CollectorError, match="no bank line"):
        bank.accept(store, 9999)
    assert store.counts()["payments"] == 4  # R1, R3 (INV-17 and INV-18), R4: nothing more


def test_reject_takes_a_line_off_the_list(store, books, tmp_path):
    result = _import(store, tmp_path, camt053(STATEMENT))
    decided = bank.reject(store, result.lines[5].line_id)
    assert decided.status == "rejected"
    assert [x.id for x in bank.pending(store)] == [result.lines[4].line_id]
    with pytest.raises(CollectorError, match="already rejected"):
        bank.reject(store, result.lines[5].line_id)


def test_the_reminders_see_the_payments_at_once(store, books, tmp_path):
    def chased() -> set[str]:
        return {inv.number for entry in plan_reminders(store).entries for inv in entry.invoices}

    assert "2026-0042" in chased()
    _import(store, tmp_path, camt053(STATEMENT))
    assert "2026-0042" not in chased() and "2026-0043" in chased()  # paid in part only


def test_a_client_who_pays_as_the_reminder_asks_is_matched_at_once(store, books, tmp_path):
    """Acme owes three invoices; its reminder asks for their sum under one reference. The
    transfer made as asked (that amount, that reference) is recorded against all three, and
    the next reminder run has nothing left to ask Acme for. (The reference once named the
    oldest invoice alone: the transfer, larger than it, waited unmatched.)"""
    import re

    store.set_setting("business.name", "Sam Rivera Design")
    store.set_setting("business.email", "sam@rivera-design.test")
    store.set_setting("business.iban", "ES9121000418450200051332")
    flow = plan_reminders(store)
    text = flow.draft(books["acme"]).text
    (reference,) = re.findall(r"Concepto: (.+)", text)
    assert reference == "2026-0042 2026-0043 2026-0044"
    assert "Importe a pagar ahora: 2.210,00\xa0€" in text
    result = _import(store, tmp_path, camt053([
        Entry(D3, 221000, f"TRANSFERENCIA DE ACME SL CONCEPTO {reference}", "R9", "ACME SL",
              ACME_IBAN)]))
    assert [(x.outcome, x.reason) for x in result.lines] == [("recorded", "named")]
    for number in ("2026-0042", "2026-0043", "2026-0044"):
        assert _balance(store, books, number) == 0
    assert books["acme"] not in {entry.client_id for entry in plan_reminders(store).entries}


def test_the_last_import_notice(store, books, tmp_path):
    today = dt.date(2026, 11, 23)
    assert bank.last_import_notice(store, today).startswith(
        "No bank statement has been imported yet")
    _import(store, tmp_path, camt053(STATEMENT))  # the clock is pinned to 2026-11-23
    assert bank.last_import_notice(store, today) == \
        "Your last bank import was today: payments since then are not in Collector."
    assert bank.last_import_notice(store, today + dt.timedelta(days=12)) == \
        "Your last bank import was 12 days ago: payments since then are not in Collector."
    assert "1 day ago" in bank.last_import_notice(store, today + dt.timedelta(days=1))
