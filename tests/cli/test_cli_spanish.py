"""The command line in the user's language: a Spanish desktop (LANG=es_ES.UTF-8) gets Spanish
help, reports, import reports and errors; English everywhere else. Run as a user would, through
the installed `collector`, so the built catalogue (.mo) is what is read."""

from __future__ import annotations

import pytest
from babel.numbers import format_decimal

from collector_gui.ledger.database import Ledger
from tests.cli.test_cli import INVOICES, collector, write

ES = {"LANG": "es_ES.UTF-8"}


@pytest.fixture
def led(tmp_path):
    """An empty ledger (a report on a missing file is refused, never answered from a new one)."""
    path = tmp_path / "ledger.sqlite"
    Ledger.open(path).close()
    return str(path)


def test_help_and_usage_errors_in_spanish():
    help_ = collector("--help", env=ES)
    assert help_.returncode == 0
    assert help_.stdout.startswith("uso: collector ")
    assert "\nopciones:\n" in help_.stdout
    assert "muestra esta ayuda y termina" in help_.stdout
    assert "una factura en PDF, tal como la recibe el cliente" in help_.stdout
    assert "show" not in help_.stdout and "usage" not in help_.stdout

    wrong = collector("aging", "--as-of", "mañana", env=ES)
    assert wrong.returncode == 2
    assert "collector aging: error: argumento --as-of: 'mañana' no es una fecha" in wrong.stderr
    missing = collector("import", env=ES)
    assert "faltan estos argumentos obligatorios: kind, FILE.csv" in missing.stderr


def test_reports_and_import_in_spanish(tmp_path, led):
    empty = collector("--ledger", led, "aging", "--as-of", "2026-11-23", env=ES)
    assert empty.stdout.strip() == "No se debe nada a fecha de 2026-11-23."

    imported = collector("--ledger", led, "import", "invoices",
                         write(tmp_path, "i.csv", INVOICES), env=ES)
    assert imported.returncode == 0, imported.stderr
    assert "se han importado 3 facturas; se han creado 2 clientes nuevos" in imported.stdout

    overdue = collector("--ledger", led, "overdue", "--as-of", "2026-11-23", env=ES)
    lines = overdue.stdout.splitlines()
    assert lines[0].split() == ["número", "cliente", "vencimiento", "días", "pendiente"]
    assert "1.250,50\xa0€" in lines[1]


def test_a_bad_import_is_reported_row_by_row_in_spanish(tmp_path, led):
    bad = write(tmp_path, "bad.csv", "number,client,issue_date,due_date,currency,total\n"
                                     "X-1,Ana,2026-02-30,2026-03-01,EUR,10\n")
    result = collector("--ledger", led, "import", "invoices", bad, env=ES)
    assert result.returncode == 1
    # The column name stays as it is in the file; the reason is Spanish.
    assert f"{bad}:2: issue_date: 2026-02-30 no es una fecha que exista" in result.stderr
    assert "1 problema en 1 fila; no se ha importado nada." in result.stderr
    assert "Traceback" not in result.stderr


def test_errors_in_spanish_and_english(tmp_path, led):
    es = collector("--ledger", led, "statement", "Nadie", str(tmp_path / "x.pdf"), env=ES)
    assert es.returncode == 1
    assert es.stderr.strip() == "collector: No hay ningún cliente llamado 'Nadie'."
    en = collector("--ledger", led, "statement", "Nadie", str(tmp_path / "x.pdf"),
                   env={"LANG": "en_GB.UTF-8"})
    assert en.stderr.strip() == "collector: There is no client named 'Nadie'."


def test_language_variable_outranks_lang(led):
    # gettext's order: LANGUAGE, then LC_ALL, LC_MESSAGES, LANG. Numbers still follow LANG.
    en = collector("--ledger", led, "aging", "--as-of", "2026-11-23",
                   env={**ES, "LANGUAGE": "en"})
    assert en.stdout.strip() == "Nothing is owed as of 2026-11-23."
    es = collector("--ledger", led, "aging", "--as-of", "2026-11-23",
                   env={"LANG": "C.UTF-8", "LC_MESSAGES": "es_MX.UTF-8"})
    assert es.stdout.strip() == "No se debe nada a fecha de 2026-11-23."


def test_the_sample_ledger_is_described_in_spanish(tmp_path):
    made = collector("demo", "--invoices", "1500", "--ledger", str(tmp_path / "d.sqlite"),
                     env=ES)
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith(f"Libro de ejemplo en {tmp_path / 'd.sqlite'}: ")
    # counts in Spanish digits, with Spanish plurals
    assert f" clientes, {format_decimal(1500, locale='es_ES')} facturas, " in made.stdout
    assert " líneas de factura, " in made.stdout and "; monedas " in made.stdout
