"""Output piped into `head`, `less` or a closed pipe ends quietly: status 0, no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

EXE = str(Path(sys.executable).with_name("collector"))
# As on a user's machine: Python's own stdout buffer in use (unbuffered output hides the
# failure at the interpreter's last flush, the one users saw).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
COMMANDS = [["aging"], ["overdue"], ["overdue", "--json"], ["export", "invoices", "-"],
            ["export", "payments", "-"], ["remind", "--dry-run"]]


@pytest.fixture(scope="module")
def big_ledger(tmp_path_factory):
    """A ledger whose exports are far larger than a pipe's buffer (64 kB), and whose
    reports are smaller than Python's own (8 kB): both ways a closed pipe is met."""
    path = tmp_path_factory.mktemp("pipes") / "big.sqlite"
    subprocess.run([EXE, "demo", "--invoices", "2000", "--ledger", str(path)], check=True,
                   capture_output=True, timeout=120)
    return path


def _quiet(code: int, err: str) -> None:
    assert "Traceback" not in err and "Exception ignored" not in err, err
    assert "Error" not in err, err
    assert code == 0, (code, err)


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_pipe_closed_before_anything_is_written(big_ledger, command):
    """`collector … | true`: the reader is gone before the first byte (whether the first
    write is in the middle of the command or at the interpreter's last flush)."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run([EXE, *command, "--ledger", str(big_ledger)], stdout=write_end,
                              stderr=subprocess.PIPE, text=True, timeout=120, env=ENV)
    finally:
        os.close(write_end)
    _quiet(done.returncode, done.stderr)


@pytest.mark.parametrize("command", COMMANDS[3:5], ids=" ".join)
def test_a_reader_that_stops_early(big_ledger, command):
    """`collector export invoices - | head -c 100`."""
    proc = subprocess.Popen([EXE, *command, "--ledger", str(big_ledger)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV)
    assert proc.stdout is not None and proc.stderr is not None
    with proc.stderr:
        head = proc.stdout.read(100)
        proc.stdout.close()
        err = proc.stderr.read().decode()
    assert head, err
    _quiet(proc.wait(timeout=120), err)
