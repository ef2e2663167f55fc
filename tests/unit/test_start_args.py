"""`collector` with only --ledger/--sample opens the window without the commands' parser
(collector_gui/start.py); anything else reaches cli.main, which parses it as it always did."""

from __future__ import annotations

from pathlib import Path

import pytest

from collector_gui import start
from collector_gui.start import window_arguments


@pytest.mark.parametrize("argv, expected", [
    ([], (None, False)),
    (["--sample"], (None, True)),
    (["--ledger", "books.sqlite"], (Path("books.sqlite"), False)),
    (["--ledger=books.sqlite"], (Path("books.sqlite"), False)),
    (["--sample", "--ledger", "a b.sqlite"], (Path("a b.sqlite"), True)),
    (["--ledger", "~/x.sqlite", "--sample"], (Path("~/x.sqlite"), True)),
])
def test_only_the_windows_options_open_it_straight_away(argv, expected):
    assert window_arguments(argv) == expected


@pytest.mark.parametrize("argv", [
    ["aging"],                                   # a command
    ["--ledger", "x.sqlite", "aging"],
    ["--help"], ["-h"], ["--version"],
    ["--led", "x.sqlite"], ["--samp"],           # argparse's abbreviations: its own to read
    ["--ledger"], ["--ledger", "--sample"], ["--ledger="], ["--ledger", ""],
    ["--ledger", "a", "--ledger", "b"], ["--sample", "--sample"],
    ["--", "--sample"], ["--bogus"],
])
def test_everything_else_goes_to_the_command_parser(argv):
    assert window_arguments(argv) is None


def test_commands_and_mistakes_are_the_command_lines(monkeypatch, capsys):
    seen: list[list[str]] = []
    monkeypatch.setattr("collector_gui.cli.main", lambda words: seen.append(words) or 7)
    assert start.main(["--ledger", "x.sqlite", "aging"]) == 7
    assert seen == [["--ledger", "x.sqlite", "aging"]]


def test_the_window_gets_the_ledger_and_sample_asked_for(monkeypatch):
    seen: list = []
    monkeypatch.setattr("collector_gui.app.run_app",
                        lambda ledger, *, sample: seen.append((ledger, sample)) or 0)
    assert start.main(["--ledger=books.sqlite"]) == 0
    assert start.main(["--sample"]) == 0
    assert seen == [(Path("books.sqlite"), False), (None, True)]


def test_a_mistake_is_said_as_before(capsys):
    with pytest.raises(SystemExit) as exc:
        start.main(["--ledger"])
    assert exc.value.code == 2
    assert "--ledger" in capsys.readouterr().err
