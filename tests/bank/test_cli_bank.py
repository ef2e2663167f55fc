"""`collector bank …` and the line `collector remind` prints about the last bank import."""

from __future__ import annotations

import datetime as dt
import io
import json

from tests.helpers.bank_writers import ACME_IBAN, GLOBEX_IBAN, Entry, camt053, csv_es

from collector_gui import cli

D = dt.date(2026, 11, 5)
STATEMENT = [
    Entry(D, 121000, "TRANSFERENCIA DE ACME SL CONCEPTO FRA 2026-0042", "R1", "ACME SL",
          ACME_IBAN),
    Entry(D, -5000, "RECIBO TELEFONICA", "R2", "TELEFONICA"),
    Entry(D, 36300, "Payment November", "R5", "Globex Ltd", GLOBEX_IBAN),
]


def run(store, *args) -> int:
    return cli.main(["--ledger", str(store.ledger.path), *args])


def test_import_prints_each_credit_and_what_was_done(store, books, tmp_path, capsys):
    path = tmp_path / "nov.xml"
    path.write_bytes(camt053(STATEMENT))
    assert run(store, "bank", "import", str(path), "--dry-run") == 0
    out = capsys.readouterr().out
    assert "recorded" in out and "2026-0042" in out and "Dry run: nothing was written." in out
    assert store.counts()["payments"] == 0

    assert run(store, "bank", "import", str(path), "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert [x["outcome"] for x in data["lines"]] == ["recorded", "ignored", "unmatched"]
    assert data["counts"]["recorded"] == 1 and store.counts()["payments"] == 1

    assert run(store, "bank", "import", str(path)) == 0  # again: duplicates, exit 0
    out = capsys.readouterr().out
    assert "0 recorded, 0 proposed, 0 unmatched, 3 ignored." in out


def test_unmatched_accept_and_reject(store, books, tmp_path, capsys):
    path = tmp_path / "nov.xml"
    path.write_bytes(camt053(STATEMENT))
    assert run(store, "bank", "import", str(path), "--json") == 0
    line_id = json.loads(capsys.readouterr().out)["lines"][2]["line_id"]
    assert run(store, "bank", "unmatched", "--json") == 0
    (waiting,) = json.loads(capsys.readouterr().out)["lines"]
    assert (waiting["line_id"], waiting["status"], waiting["payer_iban"]) == \
        (line_id, "unmatched", GLOBEX_IBAN)
    assert run(store, "bank", "accept", str(line_id), "2026-0051") == 0
    assert "recorded against 2026-0051" in capsys.readouterr().out
    assert store.find_invoice("2026-0051").paid_minor == 36300
    assert run(store, "bank", "unmatched") == 0
    assert "Nothing waits for a decision" in capsys.readouterr().out
    assert run(store, "bank", "reject", str(line_id)) == 1
    assert "already accepted" in capsys.readouterr().err


def test_a_csv_mapping_is_saved_per_bank_and_reused(store, books, tmp_path, capsys):
    path = tmp_path / "movimientos.csv"
    path.write_bytes(csv_es(STATEMENT[:1]))
    assert run(store, "bank", "import", str(path)) == 1
    assert "--csv-map" in capsys.readouterr().err
    mapping = "date=Fecha,amount=Importe,text=Concepto,reference=Referencia"
    assert run(store, "bank", "import", str(path), "--bank", "CaixaBank", "--csv-map",
               mapping) == 0
    assert store.find_invoice("2026-0042").paid_minor == 121000
    later = tmp_path / "diciembre.csv"
    later.write_bytes(csv_es([Entry(dt.date(2026, 12, 1), 50000, "FRA 2026-0044", "R9")]))
    assert run(store, "bank", "import", str(later), "--bank", "caixabank") == 0
    assert store.find_invoice("2026-0044").paid_minor == 50000


def test_a_malformed_file_names_the_line_and_records_nothing(store, books, tmp_path, capsys):
    path = tmp_path / "bad.xml"
    path.write_bytes(camt053(STATEMENT).replace(b">1210.00<", b">1.210,00<"))
    assert run(store, "bank", "import", str(path)) == 1
    assert "Ntry #1 Amt" in capsys.readouterr().err
    assert store.counts()["payments"] == 0


def test_remind_says_when_the_last_bank_import_was(store, books, tmp_path, capsys,
                                                  monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert run(store, "remind", "--dry-run") == 0
    assert capsys.readouterr().out.startswith("No bank statement has been imported yet")
    path = tmp_path / "nov.xml"
    path.write_bytes(camt053(STATEMENT))
    assert run(store, "bank", "import", str(path)) == 0
    capsys.readouterr()
    assert run(store, "remind", "--dry-run", "--as-of", "2026-12-05") == 0
    assert capsys.readouterr().out.startswith(
        "Your last bank import was 12 days ago: payments since then are not in Collector.")
