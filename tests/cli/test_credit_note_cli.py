"""`collector credit-note`: a credit note from the command line, its effect on the balance,
the overdue list and aging, and its refusals; the IRPF and discount settings of `config`."""

from __future__ import annotations

import json

import pytest

from collector_gui.cli import main

INVOICES = (
    "number,client,issue_date,due_date,currency,total\n"
    "F-1,Acme Ñ,2026-09-01,2026-10-01,EUR,1210.00\n"
    "F-2,Acme Ñ,2026-09-05,2026-10-05,EUR,500.00\n"
)


@pytest.fixture
def led(tmp_path):
    path = tmp_path / "ledger.sqlite"
    src = tmp_path / "i.csv"
    src.write_text(INVOICES, encoding="utf-8")
    assert main(["--ledger", str(path), "import", "invoices", str(src)]) == 0
    return str(path)


def run(capsys, led, *args):
    code = main(["--ledger", led, *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_partial_then_full_credit(led, capsys, tmp_path):
    code, out, _ = run(capsys, led, "credit-note", "F-1", "--amount", "210", "--reason",
                       "Fewer hours", "--json", "--pdf", str(tmp_path / "r.pdf"))
    assert code == 0
    assert json.loads(out) == {"credit_note": "R-2026-0001", "corrects": "F-1",
                               "issue_date": "2026-11-23", "currency": "EUR", "credit": "210.00",
                               "balance": "1000.00", "reason": "Fewer hours"}
    assert (tmp_path / "r.pdf").stat().st_size > 1000
    code, out, _ = run(capsys, led, "overdue", "--json")
    balances = {r["number"]: r["balance"] for r in json.loads(out)["invoices"]}
    assert balances == {"F-1": "1000.00", "F-2": "500.00"}
    code, out, _ = run(capsys, led, "credit-note", "F-1", "--full", "--reason", "Cancelled")
    assert code == 1  # 1,210.00 is more than the 1,000.00 still owed
    code, out, err = run(capsys, led, "credit-note", "F-2", "--full", "--reason", "Cancelled")
    assert code == 0 and "R-2026-0002" in out and "€0.00" in out
    code, out, _ = run(capsys, led, "overdue", "--json")
    assert [r["number"] for r in json.loads(out)["invoices"]] == ["F-1"]


def test_refusals_say_why(led, capsys):
    code, _, err = run(capsys, led, "credit-note", "F-9", "--full", "--reason", "x")
    assert code == 1 and "F-9" in err
    code, _, err = run(capsys, led, "credit-note", "F-1", "--amount", "abc", "--reason", "x")
    assert code == 1 and "--amount" in err
    code, _, err = run(capsys, led, "credit-note", "F-1", "--full", "--reason", " ")
    assert code == 1 and "reason" in err
    with pytest.raises(SystemExit):  # --amount or --full, one of them
        main(["--ledger", led, "credit-note", "F-1", "--reason", "x"])


def test_terms_settings(led, capsys):
    assert run(capsys, led, "config", "set", "business.irpf_rate", "15 %")[0] == 0
    assert run(capsys, led, "config", "set", "business.vat_rate", "21")[0] == 0
    assert run(capsys, led, "config", "set", "business.discount_percent", "2,5")[0] == 0
    assert run(capsys, led, "config", "set", "business.discount_days", "10")[0] == 0
    code, _, err = run(capsys, led, "config", "set", "business.irpf_rate", "150")
    assert code == 1 and "percentage" in err
    code, out, _ = run(capsys, led, "config", "get", "business.discount_percent")
    assert out.strip().endswith("2.5")
