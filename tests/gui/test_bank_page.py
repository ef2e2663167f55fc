"""The Bank page: the lines waiting for a decision, decided from the keyboard (Enter/A accept,
C change, R/Delete reject), each undoable; what it did is read back from the ledger with a
Store of the test's own; a payment accepted there takes the invoice out of the reminders."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QPushButton

from collector_gui.actions import bank
from collector_gui.actions.remind import plan_reminders
from collector_gui.core.model import Client, Invoice
from collector_gui.ledger.bank import BankLedger
from collector_gui.ui.bank_model import BankLinesModel
from tests.helpers.bank_writers import ACME_IBAN, GLOBEX_IBAN, Entry, camt053
from tests.helpers.dates import TODAY
from tests.helpers.gui import wait_loaded, wait_written, wizard_ready, writable

ISSUED = dt.date(2026, 9, 1)
D1, D2 = dt.date(2026, 11, 5), dt.date(2026, 11, 6)
STATEMENT = [
    Entry(D1, 121000, "TRANSFERENCIA DE ACME SL CONCEPTO FRA 2026-0042", "R1", "ACME SL",
          ACME_IBAN),  # recorded at once
    Entry(D2, 36300, "Payment November", "R5", "Globex Ltd", GLOBEX_IBAN),  # proposed: 0051
    Entry(D2, 15000, "TRANSFER 7781", "R7", "Someone Else"),  # unmatched
]


def _books(store) -> dict[str, int]:
    ids: dict[str, int] = {}
    acme = store.add_client(Client(name="Acme SL", email="pagos@acme.es", language="es"))
    globex = store.add_client(Client(name="Globex Ltd", email="ap@globex.co.uk"))
    for number, client, total in (("2026-0042", acme, 121000), ("2026-0043", acme, 50000),
                                  ("2026-0044", acme, 10000), ("INV-17", globex, 5000),
                                  ("2026-0051", globex, 36300)):
        ids[number] = store.add_invoice(Invoice(number, client.id, ISSUED,
                                                ISSUED + dt.timedelta(30), "EUR", total)).id
    ids["acme"], ids["globex"] = acme.id, globex.id
    with store.ledger.write() as db:  # Globex's IBAN was confirmed once before
        BankLedger.learn_payer(db, iban=GLOBEX_IBAN, name="Globex Ltd", client_id=globex.id)
    return ids


@pytest.fixture
def page(qtbot, window, tmp_path):
    store = writable(window.ctx)
    ids = _books(store)
    path = tmp_path / "statement.xml"
    path.write_bytes(camt053(STATEMENT))
    bank.import_statement(store, path)
    window.ctx.notify()
    window.show_page(5)
    page = window.bank
    wait_loaded(qtbot, page.model)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    page.ids = ids
    page.store = store
    page.table.setFocus()
    return page


def _select(qtbot, page, text: str) -> int:
    for row in range(page.model.rowCount()):
        line = page.model.row_at(row)
        if line.text == text:
            page.table.select_id(line.id)
            return line.id
    raise AssertionError(f"no line {text!r} in {[page.model.row_at(r) for r in range(2)]}")


def _line(page, line_id):
    return BankLedger(page.store).line(line_id)


def _paid(page, number) -> int:
    return page.store.get_invoice(page.ids[number]).paid_minor


def _chased(page) -> set[str]:
    return {inv.number for entry in plan_reminders(page.store, TODAY).entries
            for inv in entry.invoices}


def _undo(qtbot, window, command):
    window.ctx.undo.undo()
    wait_written(qtbot, command.task)


def _redo(qtbot, window, command):
    window.ctx.undo.redo()
    wait_written(qtbot, command.task)


def test_the_page_lists_what_waits_with_its_proposal(qtbot, window, page):
    rows = [page.model.row_at(r) for r in range(page.model.rowCount())]
    assert [(r.status, r.invoices) for r in rows] == [("proposed", "2026-0051"),
                                                       ("unmatched", "")]
    assert window.sidebar.item(5).text() == "Bank"
    assert window.act_pages[5].shortcut().toString() == "Ctrl+6"
    page.show_done.setChecked(True)
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)
    assert page.model.row_at(0).status == "recorded"


def test_enter_accepts_the_proposal_and_undo_takes_it_back(qtbot, window, page):
    line_id = _select(qtbot, page, "Payment November")
    assert "2026-0051" in _chased(page)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    command = page.command
    wait_written(qtbot, command.task)
    line = _line(page, line_id)
    assert line.status == "accepted" and _paid(page, "2026-0051") == 36300
    (payment,) = page.store.payments_of(page.ids["2026-0051"])
    assert (payment.date, payment.reference, payment.method) == (D2, "R5", "bank")
    assert "2026-0051" not in _chased(page)  # the payment stops the reminder
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)  # it left the list
    assert page.table.current_id() == page.model.row_at(0).id  # the next line is selected

    _undo(qtbot, window, command)
    line = _line(page, line_id)
    assert line.status == "proposed" and [a.number for a in line.allocations] == ["2026-0051"]
    assert line.allocations[0].payment_id is None
    assert _paid(page, "2026-0051") == 0 and page.store.payments_of(page.ids["2026-0051"]) == []
    assert "2026-0051" in _chased(page)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)

    _redo(qtbot, window, command)
    assert _line(page, line_id).status == "accepted" and _paid(page, "2026-0051") == 36300
    _undo(qtbot, window, command)
    assert _line(page, line_id).status == "proposed" and _paid(page, "2026-0051") == 0


def test_a_accepts_too(qtbot, window, page):
    line_id = _select(qtbot, page, "Payment November")
    qtbot.keyClick(page.table, Qt.Key.Key_A)
    wait_written(qtbot, page.command.task)
    assert _line(page, line_id).status == "accepted"


def test_c_changes_the_invoices_and_teaches_the_payer(qtbot, window, page):
    line_id = _select(qtbot, page, "TRANSFER 7781")
    qtbot.keyClick(page.table, Qt.Key.Key_C)
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.search, "2026-004")
    dialog.search.flush()
    numbers = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert numbers == ["2026-0043", "2026-0044"]  # 0042 was paid by the statement
    dialog.table.selectRow(1)  # 100.00 of 2026-0044, then 50.00 of 2026-0043
    dialog.table.selectionModel().select(
        dialog.table.model().index(0, 0),
        dialog.table.selectionModel().SelectionFlag.Select
        | dialog.table.selectionModel().SelectionFlag.Rows)
    assert dialog.numbers() == ["2026-0044", "2026-0043"]
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    command = page.command
    wait_written(qtbot, command.task)
    line = _line(page, line_id)
    assert line.status == "accepted" and line.client_id == page.ids["acme"]
    assert _paid(page, "2026-0044") == 10000 and _paid(page, "2026-0043") == 5000
    assert BankLedger(page.store).payers().by_name["someone else"] == page.ids["acme"]

    _undo(qtbot, window, command)
    line = _line(page, line_id)
    assert line.status == "unmatched" and line.allocations == () and line.client_id is None
    assert _paid(page, "2026-0044") == 0 and _paid(page, "2026-0043") == 0
    assert "someone else" not in BankLedger(page.store).payers().by_name  # forgotten again


@pytest.mark.parametrize("key", [Qt.Key.Key_R, Qt.Key.Key_Delete])
def test_r_or_delete_rejects_and_undo_puts_it_back(qtbot, window, page, key):
    line_id = _select(qtbot, page, "Payment November")
    qtbot.keyClick(page.table, key)
    command = page.command
    wait_written(qtbot, command.task)
    assert _line(page, line_id).status == "rejected"
    assert _paid(page, "2026-0051") == 0 and "2026-0051" in _chased(page)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    _undo(qtbot, window, command)
    line = _line(page, line_id)
    assert line.status == "proposed" and [a.number for a in line.allocations] == ["2026-0051"]
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)


def test_letters_typed_in_the_search_are_not_decisions(qtbot, window, page):
    _select(qtbot, page, "Payment November")
    page.search.setFocus()
    qtbot.keyClicks(page.search, "ar")
    assert page.command is None
    assert {line.status for line in bank.pending(page.store)} == {"proposed", "unmatched"}


def test_the_search_and_the_sort(qtbot, page):
    page.search.setText("globex")
    page.search.flush()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.model.row_at(0).text == "Payment November"
    page.search.setText("")
    page.search.flush()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    page.table.sortByColumn(BankLinesModel.Col.AMOUNT, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: page.model.row_at(0).amount_minor == 15000)
    page.table.sortByColumn(BankLinesModel.Col.AMOUNT, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: page.model.row_at(0).amount_minor == 36300)


def test_the_model(qtmodeltester, page):
    page.show_done.setChecked(True)
    qtmodeltester.check(page.model)


def _wizard_numbers(qtbot, window) -> tuple[set[str], str]:
    wizard = window.reminders.open_wizard()
    wizard_ready(qtbot, wizard)
    numbers = {inv.number for entry in wizard.flow.entries for inv in entry.invoices}
    notice = wizard.choose.bank_notice.text()
    wizard.reject()
    return numbers, notice


def test_the_wizard_says_when_the_bank_was_read_and_skips_what_was_accepted(qtbot, window,
                                                                           page):
    numbers, notice = _wizard_numbers(qtbot, window)
    assert notice == ("Your last bank import was today: payments since then are not in "
                      "Collector.")
    assert "2026-0051" in numbers
    _select(qtbot, page, "Payment November")
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    wait_written(qtbot, page.command.task)
    numbers, _notice = _wizard_numbers(qtbot, window)
    assert "2026-0051" not in numbers and "2026-0043" in numbers


def test_the_wizard_says_no_statement_was_ever_imported(qtbot, window):
    _books(writable(window.ctx))
    _numbers, notice = _wizard_numbers(qtbot, window)
    assert notice.startswith("No bank statement has been imported yet")
    assert notice.endswith("Import one from File ▸ Import bank statement.")


# -- importing from the window ---------------------------------------------------------------

N = 50_000


@pytest.fixture(scope="module")
def big_statement(tmp_path_factory):
    """50,000 credits, each naming its own invoice; every 1,000th names none (unmatched)."""
    day = dt.date(2026, 11, 2)
    rows = [Entry(day + dt.timedelta(days=k % 20), 10000 + k,
                  f"TRANSFERENCIA CONCEPTO FRA 2026-{k:06d}" if k % 1000 else f"PAGO {k}",
                  f"R{k:09d}") for k in range(N)]
    path = tmp_path_factory.mktemp("bank") / "big.xml"
    path.write_bytes(camt053(rows))
    return path


def _fill(ctx) -> None:
    store = writable(ctx)
    with store.ledger.write() as db:
        db.conn.executemany("INSERT INTO clients (id, name) VALUES (?, ?)",
                            [(c + 1, f"Cliente {c} SL") for c in range(97)])
        db.conn.executemany(
            "INSERT INTO invoices (number, client_id, issue_date, due_date, currency, "
            "total_minor) VALUES (?, ?, '2026-09-01', '2026-10-01', 'EUR', ?)",
            [(f"2026-{k:06d}", k % 97 + 1, 10000 + k) for k in range(N)])


class Heartbeat:
    """A timer on the UI thread: the longest gap between its ticks is how long the window
    could not answer. It also notes what the progress dialog showed."""

    def __init__(self, qtbot, task_of) -> None:
        from PySide6.QtCore import QTimer
        import time

        self._clock = time.perf_counter
        self.last = self._clock()
        self.longest = 0.0
        self.values: set[int] = set()
        self._task_of = task_of
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def tick(self) -> None:
        now = self._clock()
        self.longest = max(self.longest, now - self.last)
        task = self._task_of()
        dialog = task.progress_dialog if task is not None else None
        self.last = now
        if dialog is not None:
            self.values.add(dialog.value())

    def stop(self) -> None:
        self.timer.stop()


@pytest.mark.slow
def test_fifty_thousand_lines_import_with_the_window_answering(qtbot, window, big_statement):
    import time

    _fill(window.ctx)
    page = window.bank
    beat = Heartbeat(qtbot, lambda: page.import_task)
    started = time.perf_counter()
    task = page.start_import(big_statement)
    qtbot.waitUntil(lambda: task.done, timeout=60000)
    took = time.perf_counter() - started
    beat.stop()
    assert task.error is None
    print(f"imported in {took:.1f} s, longest gap {beat.longest * 1000:.0f} ms")
    assert took < 90, took  # about 10 s on 2 cores shared with other work
    # 40-190 ms on this 2-core machine when quiet, up to 430 ms at a load average of 4-6 from
    # other work (the longest stalls come from the XML reader); the import on the UI thread
    # would be one gap of the whole import, 15 s or more.
    assert beat.longest < 0.5, f"the window froze for {beat.longest * 1000:.0f} ms"
    assert len({v for v in beat.values if v > 0}) >= 3, beat.values  # the progress moved
    result = page.last_import
    assert (result.count("recorded"), result.count("unmatched")) == (N - 50, 50)
    store = writable(window.ctx)
    assert store.counts()["payments"] == N - 50
    assert window.current_page() is page  # the page shows the new lines
    qtbot.waitUntil(lambda: page.model.count == 50 and page.model.rowCount() == 50)
    box = window.findChild(QMessageBox)
    assert box is not None and box.text() == result.summary()
    assert box.text().startswith("49,950 recorded, 0 proposed, 50 unmatched, 0 ignored") \
        or box.text().startswith("49950 recorded, 0 proposed, 50 unmatched, 0 ignored")


@pytest.mark.slow
def test_a_cancelled_import_records_nothing(qtbot, window, big_statement):
    _fill(window.ctx)
    page = window.bank
    seen: list[int] = []
    task = page.start_import(big_statement)
    qtbot.waitUntil(lambda: task.progress_dialog is not None
                    and task.progress_dialog.isVisible()
                    and task.progress_dialog.value() > 0, timeout=60000)
    seen.append(task.progress_dialog.value())
    qtbot.mouseClick(task.progress_dialog.findChild(QPushButton),  # its Cancel button
                     Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: task.done, timeout=60000)
    from collector_gui.core.progress import Cancelled

    assert isinstance(task.error, Cancelled) and 0 < seen[0] < N
    store = writable(window.ctx)
    assert store.counts()["payments"] == 0
    with store.ledger.read() as db:
        assert db.execute("SELECT count(*) FROM bank_lines").fetchone()[0] == 0
        assert db.execute("SELECT count(*) FROM bank_imports").fetchone()[0] == 0
    assert page.last_import is None
