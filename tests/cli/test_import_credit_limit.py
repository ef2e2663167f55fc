"""`collector import invoices` says which clients the new invoices take past their limit."""

from __future__ import annotations

from collector_gui.cli import main
from collector_gui.core.model import Client, Invoice
from collector_gui.ledger.database import Ledger
from collector_gui.ledger.store import Store
from tests.helpers.dates import TODAY

CSV = ("number,client,issue_date,due_date,currency,total\n"
       "N-1,Acme,2026-11-01,2026-12-01,EUR,150.00\n"
       "N-2,Acme,2026-11-02,2026-12-02,EUR,50.00\n"
       "N-3,Roomy,2026-11-02,2026-12-02,EUR,50.00\n"
       "N-4,Already,2026-11-02,2026-12-02,EUR,10.00\n"
       "N-5,Already,2026-11-02,2026-12-02,USD,99999.00\n")


def _ledger(path) -> None:
    with Ledger.open(path) as ledger:
        store = Store(ledger)
        acme = store.add_client(Client("Acme", credit_limit_minor=50000))
        store.add_invoice(Invoice("O-1", acme.id, TODAY, TODAY, "EUR", 40000))
        store.add_client(Client("Roomy", credit_limit_minor=50000))
        already = store.add_client(Client("Already", credit_limit_minor=100))
        store.add_invoice(Invoice("O-2", already.id, TODAY, TODAY, "EUR", 500))
        store.add_client(Client("Still", credit_limit_minor=100))


def test_import_reports_clients_past_their_limit(tmp_path, capsys):
    led = tmp_path / "l.sqlite"
    _ledger(led)
    csv = tmp_path / "i.csv"
    csv.write_text(CSV, encoding="utf-8")
    assert main(["--ledger", str(led), "import", "invoices", str(csv)]) == 0
    out = capsys.readouterr()
    assert "imported" in out.out.lower()
    lines = [line for line in out.err.splitlines() if "credit limit" in line]
    assert lines == [
        "collector: warning: Acme is now over their credit limit of €500.00 by €100.00 "
        "(they owe €600.00).",
        # already over before, and further over now (the USD invoice is not in the limit's
        # currency: it does not count)
        "collector: warning: Already is now over their credit limit of €1.00 by €14.00 "
        "(they owe €15.00).",
    ]


def test_dry_run_and_other_kinds_say_nothing(tmp_path, capsys):
    led = tmp_path / "l.sqlite"
    _ledger(led)
    csv = tmp_path / "i.csv"
    csv.write_text(CSV, encoding="utf-8")
    assert main(["--ledger", str(led), "import", "--dry-run", "invoices", str(csv)]) == 0
    assert "credit limit" not in capsys.readouterr().err
