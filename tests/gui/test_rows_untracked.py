"""The rows the tables hold are left out of Python's garbage collector (issue 18).

A NamedTuple stays tracked for life (CPython only untracks exact tuples), so a table scrolled
to ~50,000 rows made every full collection walk them: 100-130 ms with the GIL held, while the
window waited. browse.untracked_rows takes them out; these tests hold that, without timing.
"""

from __future__ import annotations

import gc
import sys

import pytest
from PySide6.QtCore import QModelIndex

from collector_gui.ledger import browse
from collector_gui.ledger.browse import Sort
from collector_gui.ui import models

from tests.helpers.dates import TODAY
from tests.helpers.gui import wait_loaded

PAGERS = {
    "invoices": lambda led: browse.invoice_pager(led, browse.InvoiceFilter(), Sort("number"),
                                                 TODAY, page_size=50),
    "overdue": lambda led: browse.overdue_pager(led, TODAY, page_size=50),
    "clients": lambda led: browse.client_pager(led, browse.ClientFilter(), Sort("name"), TODAY,
                                               page_size=50),
    "events": lambda led: browse.event_pager(led, browse.EventFilter(), page_size=50),
    "payments": lambda led: browse.payment_pager(led, page_size=50),
}


@pytest.mark.parametrize("name", list(PAGERS))
def test_pager_rows_are_not_tracked(demo_ledger, name):
    pager = PAGERS[name](demo_ledger)
    rows = pager.next_page() + pager.next_page()
    assert rows, "the sample ledger has rows of every kind"
    assert [r for r in rows if gc.is_tracked(r)] == []
    assert rows[0].id == rows[0][0]  # still the row type, fields by name


def test_untracked_rows_are_freed_and_equal():
    raw = [(7, "2026-11-01", 3, "F-7", "EUR", 1250, "transfer", None, "sort key")]
    row_type = browse.PaymentRow
    before = sys.getrefcount(row_type)
    rows = browse.untracked_rows(row_type, raw)
    assert rows == [row_type(7, "2026-11-01", 3, "F-7", "EUR", 1250, "transfer", None)]
    assert sys.getrefcount(row_type) == before + 1  # the row refers to its type
    del rows
    assert sys.getrefcount(row_type) == before  # freed by its reference count


def test_a_row_holding_a_container_stays_tracked():
    """Only rows of atoms leave the collector: one holding a list could be in a cycle."""
    rows = browse.untracked_rows(browse.PaymentRow,
                                 [(1, "d", 2, "n", "EUR", 5, "m", "r", "k"),
                                  (1, "d", 2, "n", "EUR", 5, "m", ["r"], "k")])
    assert [gc.is_tracked(r) for r in rows] == [False, True]


def test_rows_the_model_holds_are_not_tracked(qtbot, demo_ctx):
    model = models.InvoicesModel(demo_ctx)
    model.refresh()
    wait_loaded(qtbot, model)
    with qtbot.waitSignal(model.rowsInserted):
        model.fetchMore(QModelIndex())
    wait_loaded(qtbot, model)
    assert model.rowCount() == 300
    held = [model.row_at(i) for i in range(model.rowCount())]
    assert [r for r in held if gc.is_tracked(r)] == []
    model.reload()  # read again in place: the new rows too
    wait_loaded(qtbot, model)
    assert [i for i in range(model.rowCount()) if gc.is_tracked(model.row_at(i))] == []
