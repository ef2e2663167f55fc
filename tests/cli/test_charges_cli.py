"""`collector charges`, `collector rates` and the late.* settings of `collector config`."""

from __future__ import annotations

import json

import pytest

from collector_gui.actions.ledger import open_ledger
from collector_gui.cli import main
from collector_gui.ledger.store import Store

INVOICES = (
    "number,client,issue_date,due_date,currency,total\n"
    "E-1,Cerámica Ñ S.L.,2023-05-16,2023-06-15,EUR,10000.00\n"
    "K-1,Kuwait Co,2024-12-01,2025-01-31,KWD,1000.000\n"
    "J-1,Tokyo KK,2023-06-01,2023-06-30,JPY,1000000\n"
    "N-1,Cerámica Ñ S.L.,2026-11-01,2026-12-01,EUR,50.00\n"
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


def test_charges_json_is_exactly_the_contract(led, capsys):
    """E-1 on 15 July 2023, es: 16-30 June at 10.50 %, 1-15 July at 12.00 % on 10,000.00:
    1,000,000 x 337.5 / 36,500 = 9,246.58 c -> 92.47, plus 40.00."""
    assert run(capsys, led, "config", "set", "late.mode", "es")[0] == 0
    code, out, _err = run(capsys, led, "charges", "--as-of", "2023-07-15", "--json")
    assert code == 0
    assert json.loads(out) == {"as_of": "2023-07-15", "invoices": [
        {"number": "E-1", "client": "Cerámica Ñ S.L.", "currency": "EUR", "balance": "10000.00",
         "interest": "92.47", "compensation": "40.00", "rule": "es"},
        {"number": "J-1", "client": "Tokyo KK", "currency": "JPY", "balance": "1000000",
         "interest": "4932", "compensation": "0", "rule": "es"},  # 15 days at 12 %
    ]}


def test_currency_digits_and_client_filter(led, capsys):
    run(capsys, led, "config", "set", "late.mode", "es")
    code, out, _ = run(capsys, led, "charges", "--as-of", "2025-03-02", "--client", "kuwait co",
                       "--json")
    # 1,000,000 fils x 30 days x 11.15 % / 36,500 = 9,164.38 fils
    assert json.loads(out)["invoices"] == [
        {"number": "K-1", "client": "Kuwait Co", "currency": "KWD", "balance": "1000.000",
         "interest": "9.164", "compensation": "0.000", "rule": "es"}]


def test_a_missing_half_year_is_a_warning_until_the_user_adds_it(led, capsys):
    run(capsys, led, "config", "set", "late.mode", "eu")
    code, out, err = run(capsys, led, "charges", "--as-of", "2026-12-31", "--client",
                         "Tokyo KK", "--json")
    data = json.loads(out)
    assert any("2026-H2" in w and "J-1" in w for w in data["warnings"])
    before = int(data["invoices"][0]["interest"])
    code, out, err = run(capsys, led, "charges", "--as-of", "2026-12-31")  # text output
    assert code == 0 and "J-1" in out
    assert "warning: No official eu rate for 2026-H2" in err
    code, out, err = run(capsys, led, "rates", "add", "eu", "2026-H2", "2.15", "--source",
                         "ECB, assumed for the test")
    assert code == 0, err
    code, out, _ = run(capsys, led, "charges", "--as-of", "2026-12-31", "--client", "Tokyo KK",
                       "--json")
    data = json.loads(out)
    assert "warnings" not in data
    # 184 more days at 10.15 % on 1,000,000 yen: 51,167.12 yen
    assert int(data["invoices"][0]["interest"]) == round(
        (before * 36500 + 1000000 * 184 * 10.15) / 36500)


def test_per_client_override_is_read_from_the_ledger(led, capsys):
    run(capsys, led, "config", "set", "late.mode", "es")
    with open_ledger(led) as ledger:
        store = Store(ledger)
        from dataclasses import replace
        store.update_client(replace(store.find_client("Tokyo KK"), late_mode="off"))
    code, out, _ = run(capsys, led, "charges", "--as-of", "2023-07-15", "--json")
    rows = {r["number"]: r for r in json.loads(out)["invoices"]}
    assert rows["J-1"]["rule"] == "off" and rows["J-1"]["interest"] == "0"
    assert rows["E-1"]["rule"] == "es"


def test_rates_list_and_add(led, capsys):
    code, out, _ = run(capsys, led, "rates", "list", "--json")
    rates = json.loads(out)["rates"]
    es_2023 = [r for r in rates if r["rule"] == "es" and r["period"] == "2023-H2"]
    assert es_2023[0]["rate"] == "12.00" and "BOE" in es_2023[0]["source"]
    code, _, err = run(capsys, led, "rates", "add", "es", "2023-H2", "4.00", "--source", "x")
    assert code == 1 and "did you mean 12.00" in err
    code, _, err = run(capsys, led, "rates", "add", "es", "2026-H2", "10.15", "--source", " ")
    assert code == 1 and "--source" in err
    code, _, err = run(capsys, led, "rates", "add", "xx", "2026-H2", "10", "--source", "s")
    assert code == 1 and "es, eu, uk" in err
    code, _, err = run(capsys, led, "rates", "add", "uk", "2026-3", "4", "--source", "s")
    assert code == 1 and "2026-H1" in err
    code, out, err = run(capsys, led, "rates", "add", "uk", "2026-H2", "3.5", "--source",
                         "Bank of England")
    assert code == 0 and "11.5% a year" in out
    code, out, _ = run(capsys, led, "rates", "list")
    assert "(yours) Bank of England" in out


@pytest.mark.parametrize("key, value, saved", [
    ("late.mode", "ES", "es"),
    ("late.mode", "fixed+interest", "fixed+interest"),
    ("late.fixed", "15,50", "15.50"),
    ("late.annual_rate", "9.5", "9.5"),
    ("late.reference_rate", "", ""),
    ("late.compensation", "450 sek; EUR 40", "40.00 EUR; 450.00 SEK"),
])
def test_every_late_setting_is_settable(led, capsys, key, value, saved):
    code, out, err = run(capsys, led, "config", "set", key, value)
    assert code == 0, err
    assert run(capsys, led, "config", "get", key)[1].strip() == saved


@pytest.mark.parametrize("key, value, words", [
    ("late.mode", "weekly", "unknown"),
    ("late.annual_rate", "abc", "percentage"),
    ("late.annual_rate", "-3", "percentage"),
    ("late.reference_rate", "NaN", "percentage"),
    ("late.fixed", "ten", "amount"),
    ("late.compensation", "40", "40 EUR"),
])
def test_a_bad_late_setting_is_refused_with_a_reason(led, capsys, key, value, words):
    before = run(capsys, led, "config", "get", key)[1]
    code, _, err = run(capsys, led, "config", "set", key, value)
    assert code == 1 and words in err, err
    assert run(capsys, led, "config", "get", key)[1] == before  # nothing saved


def test_config_list_shows_the_late_settings(led, capsys):
    code, out, _ = run(capsys, led, "config", "list")
    for key in ("late.mode", "late.fixed", "late.annual_rate", "late.reference_rate",
                "late.compensation"):
        assert key in out
