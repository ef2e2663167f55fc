"""A mistyped `--ledger` on a command that reads never makes a new, empty ledger.

It used to: `collector aging --ledger ledgr.sqlite` answered "Nothing is owed" from a ledger it
had just created. Now every command that only reads, reports, exports or backs up says the
file does not exist (exit status 1) and leaves nothing behind; the commands that put data in
(`import`, `demo`, `config set`) still create it, as the window's first run does.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from collector_gui import cli

READING = [
    ["aging"],
    ["aging", "--json"],
    ["overdue"],
    ["export", "clients", "-"],
    ["export", "payments", "OUT/payments.csv"],
    ["statement", "Ana", "OUT/statement.pdf"],
    ["dossier", "Ana", "OUT/dossier.pdf"],
    ["invoice-pdf", "2026-0001", "OUT/invoice.pdf"],
    ["remind", "--dry-run"],
    ["remind", "--eml", "OUT/eml"],
    ["backup", "OUT/backups"],
    ["config", "get", "business.name"],
    ["config", "list"],
]


@pytest.mark.parametrize("args", READING, ids=[" ".join(a) for a in READING])
def test_a_reading_command_on_a_missing_ledger_says_so_and_creates_nothing(
        tmp_path, capsys, args):
    path = tmp_path / "ledgr.sqlite"
    out = tmp_path / "out"
    out.mkdir()
    argv = ["--ledger", str(path), *(a.replace("OUT", str(out)) for a in args)]
    assert cli.main(argv) == 1
    err = capsys.readouterr().err
    assert f"There is no ledger at {path}: the file does not exist" in err
    assert "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no ledger, -wal, backups
    assert list(out.iterdir()) == []


def test_the_same_from_a_real_process(tmp_path):
    path = tmp_path / "ledgr.sqlite"
    run = subprocess.run([sys.executable, "-m", "collector_gui", "aging", "--ledger", str(path)],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 1
    assert run.stdout == ""
    assert run.stderr.strip() == (f"collector: There is no ledger at {path}: the file does not "
                                  "exist. Check the file name and its folder; nothing was "
                                  "created.")
    assert not path.exists()


def test_commands_that_put_data_in_create_the_ledger(tmp_path, capsys):
    clients = tmp_path / "clients.csv"
    clients.write_text("name\nAna\n", encoding="utf-8")
    imported = tmp_path / "imported.sqlite"
    assert cli.main(["--ledger", str(imported), "import", "clients", str(clients)]) == 0
    demo = tmp_path / "demo.sqlite"
    assert cli.main(["--ledger", str(demo), "demo", "--invoices", "5"]) == 0
    configured = tmp_path / "configured.sqlite"
    assert cli.main(["--ledger", str(configured), "config", "set", "business.name", "Marta"]) == 0
    capsys.readouterr()
    for path in (imported, demo, configured):
        assert path.stat().st_size > 0
        assert cli.main(["--ledger", str(path), "aging"]) == 0
    assert cli.main(["--ledger", str(configured), "config", "get", "business.name"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "Marta"
