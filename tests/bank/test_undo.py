"""The window's decisions as operations (OpResult/Changes) and their undo: an accepted line
goes back to proposed with its payment deleted, a rejected one back to waiting, what was
learnt of the payer is forgotten again; an undo of a line changed since is refused."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.helpers.bank_writers import GLOBEX_IBAN, Entry, camt053

from collector_gui.actions import bank
from collector_gui.core.errors import CollectorError
from collector_gui.ledger.bank import BankLedger

D2 = dt.date(2026, 11, 6)


@pytest.fixture
def lines(store, books, tmp_path):
    with store.ledger.write() as db:
        BankLedger.learn_payer(db, iban=GLOBEX_IBAN, name="", client_id=books["globex"])
    path = tmp_path / "s.xml"
    path.write_bytes(camt053([Entry(D2, 36300, "Payment November", "R5", "Globex Ltd",
                                    GLOBEX_IBAN),
                              Entry(D2, 15000, "TRANSFER 7781", "R7", "Someone Else")]))
    result = bank.import_statement(store, path)
    assert [x.outcome for x in result.lines] == ["proposed", "unmatched"]
    return [x.line_id for x in result.lines]


def test_accept_and_its_undo(store, books, lines):
    proposed = lines[0]
    op = bank.accept_line(store, proposed)
    assert op.value.result.status == "accepted"
    assert op.changes.ids["bank_lines"] == {proposed}
    assert books["2026-0051"] in op.changes.ids["invoices"] and op.changes.ids["payments"]
    assert store.get_invoice(books["2026-0051"]).paid_minor == 36300
    assert BankLedger(store).payers().by_name == {"globex ltd": books["globex"]}
    undone = bank.undo_decision(store, op.value.before)
    line = BankLedger(store).line(proposed)
    assert line.status == "proposed" and line == undone.value
    assert store.get_invoice(books["2026-0051"]).paid_minor == 0
    assert store.payments_of(books["2026-0051"]) == []
    assert BankLedger(store).payers().by_name == {}
    with pytest.raises(CollectorError, match="no longer as that decision left it"):
        bank.undo_decision(store, op.value.before)  # twice: nothing to take back


def test_accept_against_chosen_invoices_and_reject_and_their_undo(store, books, lines):
    unmatched = lines[1]
    op = bank.accept_line(store, unmatched, ["INV-17", "INV-18"])
    assert [a.number for a in BankLedger(store).line(unmatched).allocations] == \
        ["INV-17", "INV-18"]
    bank.undo_decision(store, op.value.before)
    line = BankLedger(store).line(unmatched)
    assert (line.status, line.allocations, line.client_id) == ("unmatched", (), None)
    assert store.get_invoice(books["INV-17"]).paid_minor == 0
    rejected = bank.reject_line(store, lines[0])
    assert BankLedger(store).line(lines[0]).allocations == ()
    bank.undo_decision(store, rejected.value.before)
    line = BankLedger(store).line(lines[0])
    assert line.status == "proposed" and [a.number for a in line.allocations] == ["2026-0051"]
