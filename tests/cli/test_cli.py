"""The `collector` command line: the exact contract other parts rely on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from collector_gui.cli import main

ROOT = Path(__file__).resolve().parents[2]
INVOICES = (
    "number,client,issue_date,due_date,currency,total\n"
    "A-1,José Núñez,2026-08-01,2026-09-01,EUR,1250.50\n"
    "A-2,Acme Ltd,2026-10-01,2026-10-31,JPY,150000\n"
    "A-3,Acme Ltd,2026-11-01,2026-12-01,EUR,99.99\n"
)


@pytest.fixture
def led(tmp_path):
    return str(tmp_path / "ledger.sqlite")


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def collector(*args, env=None, input=None):
    """Run the installed `collector` entry point as a user would."""
    exe = Path(sys.executable).with_name("collector")
    return subprocess.run([str(exe), *args], capture_output=True, text=True, timeout=60,
                          env={**os.environ, **(env or {})}, input=input)


def test_version_matches_pyproject():
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert collector("--version").stdout.strip() == f"collector {version}"
    module = subprocess.run([sys.executable, "-m", "collector_gui", "--version"],
                            capture_output=True, text=True, timeout=60)
    assert module.stdout.strip() == f"collector {version}"


def test_ledger_path_from_environment(tmp_path):
    path = tmp_path / "env-ledger.sqlite"
    inv = write(tmp_path, "i.csv", INVOICES)
    result = collector("import", "invoices", inv, env={"COLLECTOR_LEDGER": str(path)})
    assert result.returncode == 0, result.stderr
    assert path.exists()


def test_import_aging_overdue(tmp_path, led, capsys):
    assert main(["--ledger", led, "import", "invoices", write(tmp_path, "i.csv", INVOICES)]) == 0
    assert "created 2 new clients: José Núñez, Acme Ltd" in capsys.readouterr().out

    assert main(["--ledger", led, "aging", "--as-of", "2026-11-23", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "as_of": "2026-11-23",
        "currencies": {
            "EUR": {"current": "99.99", "1-30": "0.00", "31-60": "0.00", "61-90": "1250.50",
                    "90+": "0.00", "total": "1350.49"},
            "JPY": {"current": "0", "1-30": "150000", "31-60": "0", "61-90": "0", "90+": "0",
                    "total": "150000"},
        },
    }

    assert main(["--ledger", led, "overdue", "--as-of", "2026-11-23", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out == {
        "as_of": "2026-11-23",
        "invoices": [
            {"number": "A-1", "client": "José Núñez", "due_date": "2026-09-01",
             "days_overdue": 83, "balance": "1250.50", "currency": "EUR"},
            {"number": "A-2", "client": "Acme Ltd", "due_date": "2026-10-31",
             "days_overdue": 23, "balance": "150000", "currency": "JPY"},
        ],
    }
    assert main(["--ledger", led, "overdue", "--as-of", "2026-11-23", "--client", "acme ltd",
                 "--json"]) == 0
    assert [i["number"] for i in json.loads(capsys.readouterr().out)["invoices"]] == ["A-2"]


def test_text_tables_use_the_locale(tmp_path, led):
    main(["--ledger", led, "import", "invoices", write(tmp_path, "i.csv", INVOICES)])
    es = collector("--ledger", led, "aging", "--as-of", "2026-11-23", env={"LANG": "es_ES.UTF-8"})
    assert "1.250,50\xa0€" in es.stdout and "total" in es.stdout
    en = collector("--ledger", led, "overdue", "--as-of", "2026-11-23", env={"LANG": "en_US.UTF-8"})
    lines = en.stdout.splitlines()
    assert lines[0].split() == ["number", "client", "due", "days", "balance"]
    assert "€1,250.50" in lines[1] and "A-1" in lines[1]


def test_bad_import_exits_1_with_line_report(tmp_path, led):
    bad = write(tmp_path, "bad.csv", "number,client,issue_date,due_date,currency,total\n"
                                     "X-1,Ana,2026-02-30,2026-03-01,EUR,10\n")
    result = collector("--ledger", led, "import", "invoices", bad)
    assert result.returncode == 1
    assert f"{bad}:2: issue_date: 2026-02-30 is not a real date" in result.stderr
    assert "nothing was imported" in result.stderr
    assert "Traceback" not in result.stderr


def test_import_from_stdin_dry_run(led):
    result = collector("--ledger", led, "import", "clients", "-", "--dry-run",
                       input="name,email\nAna,ana@example.es\n")
    assert result.returncode == 0, result.stderr
    assert "would import 1 client" in result.stdout
    assert collector("--ledger", led, "export", "clients", "-").stdout.count("\n") == 1


def test_export_to_file_and_stdout(tmp_path, led, capsys):
    main(["--ledger", led, "import", "invoices", write(tmp_path, "i.csv", INVOICES)])
    capsys.readouterr()
    out = tmp_path / "inv.csv"
    assert main(["--ledger", led, "export", "invoices", str(out)]) == 0
    assert out.read_text(encoding="utf-8").splitlines()[1].startswith("A-1,José Núñez,2026-08-01")
    assert main(["--ledger", led, "export", "contacts", "-"]) == 0
    assert capsys.readouterr().out.startswith("date,client,kind")


def test_backup(tmp_path, led, capsys):
    main(["--ledger", led, "import", "invoices", write(tmp_path, "i.csv", INVOICES)])
    dest = tmp_path / "safe"
    dest.mkdir()
    assert main(["--ledger", led, "backup", str(dest)]) == 0
    (made,) = dest.iterdir()
    assert str(made) in capsys.readouterr().out
    assert main(["--ledger", str(made), "aging", "--as-of", "2026-11-23", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["currencies"]["EUR"]["total"] == "1350.49"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not a database at all" * 100, "is not a Collector ledger"),
        (b"SQLite format 3\x00" + b"\x00" * 84 + b"\xff" * 8000, "damaged"),
    ],
)
def test_broken_ledger_gives_a_clear_error(tmp_path, content, message):
    path = tmp_path / "broken.sqlite"
    path.write_bytes(content)
    result = collector("--ledger", str(path), "aging")
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == content


def test_usage_errors_exit_2(led):
    result = collector("--ledger", led, "aging", "--as-of", "2026-02-30")
    assert result.returncode == 2 and "not a real date" in result.stderr
    assert collector("--ledger", led, "import", "gizmos", "x.csv").returncode == 2


def test_demo_fills_an_empty_ledger_once(led, capsys):
    assert main(["--ledger", led, "demo", "--invoices", "120", "--seed", "3"]) == 0
    assert "120 invoices" in capsys.readouterr().out
    assert main(["--ledger", led, "aging", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert len(report["currencies"]) >= 2
    assert main(["--ledger", led, "demo"]) == 1
    assert "empty ledger" in capsys.readouterr().err


def test_ledger_may_come_after_the_command_as_the_readme_shows(tmp_path, capsys):
    """`collector demo --invoices 500 --ledger try.sqlite` (README) works, and so does
    `--ledger` after a nested command; given after the command, it wins."""
    first, second = str(tmp_path / "try.sqlite"), str(tmp_path / "other.sqlite")
    assert main(["demo", "--invoices", "40", "--ledger", first]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Sample ledger at {first}: ") and "40 invoices" in out
    assert "invoice lines" in out and "; currencies " in out
    assert main(["config", "set", "business.name", "Marta", "--ledger", second]) == 0
    capsys.readouterr()
    assert main(["--ledger", first, "config", "get", "business.name", "--ledger", second]) == 0
    assert capsys.readouterr().out.strip() == "Marta"
    assert main(["config", "get", "business.name", "--ledger", first]) == 0
    assert capsys.readouterr().out.strip() != "Marta"
    assert main(["aging", "--json", "--ledger", first]) == 0
    assert json.loads(capsys.readouterr().out)["currencies"]
