"""Escape sequences in names never reach a terminal; into a pipe, data stays exact."""

from __future__ import annotations

import datetime as dt
import json
import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest

from collector_gui.console import json_text, printable
from collector_gui.core.model import Client, Invoice
from collector_gui.ledger.database import Ledger
from collector_gui.ledger.store import Store

EXE = str(Path(sys.executable).with_name("collector"))
# Retitle the window (OSC 0 … BEL), clear the screen (CSI 2J), a C1 CSI (0x9b), DEL.
EVIL = "Evil\x1b]0;pwned\x07 Corp\x1b[2J\x9b31m\x7f"
CONTROL_BYTES = (b"\x1b", b"\x07", "\x9b".encode(), b"\x7f")


@pytest.fixture
def evil_ledger(tmp_path):
    path = tmp_path / "evil.sqlite"
    with Ledger.open(path) as ledger:
        store = Store(ledger)
        client = store.add_client(Client(EVIL, email="a@evil.test"))
        day = dt.date(2026, 1, 5)
        store.add_invoice(Invoice("E-1", client.id, day, day, "EUR", 12_345,
                                  description="line one\x1b[1Ahidden"))
    return path


def _on_a_terminal(*args: str) -> bytes:
    """Run `collector ARGS` with stdout and stderr on a pseudo-terminal; all it wrote."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen([EXE, *args], stdout=follower, stderr=follower,
                            stdin=subprocess.DEVNULL, env={**os.environ, "COLUMNS": "200"})
    os.close(follower)
    out = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 60)
        assert ready, "no output for a minute"
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the program ended and the terminal closed
            break
        if not chunk:
            break
        out += chunk
    os.close(leader)
    assert proc.wait(timeout=60) == 0, out
    return out


@pytest.mark.parametrize("command", [["overdue"], ["overdue", "--json"], ["aging"],
                                     ["export", "clients", "-"], ["export", "invoices", "-"]],
                         ids=" ".join)
def test_nothing_a_terminal_acts_on_reaches_it(evil_ledger, command):
    out = _on_a_terminal(*command, "--ledger", str(evil_ledger), "--as-of", "2026-11-23"
                         ) if command[0] in ("overdue", "aging") else \
        _on_a_terminal(*command, "--ledger", str(evil_ledger))
    for byte in CONTROL_BYTES:
        assert byte not in out, (byte, out)
    if command[0] != "aging":
        assert "Evil".encode() in out and "Corp".encode() in out


def test_into_a_pipe_the_data_is_exact(evil_ledger):
    done = subprocess.run([EXE, "export", "clients", "-", "--ledger", str(evil_ledger)],
                          capture_output=True, text=True, timeout=60, check=True)
    assert EVIL in done.stdout
    done = subprocess.run([EXE, "overdue", "--json", "--as-of", "2026-11-23",
                           "--ledger", str(evil_ledger)],
                          capture_output=True, text=True, timeout=60, check=True)
    for char in "\x1b\x07\x9b\x7f":
        assert char not in done.stdout
    assert json.loads(done.stdout)["invoices"][0]["client"] == EVIL


def test_printable_and_json_text():
    assert printable("a\x1b[2Jb\tc\nd\r") == "a\ufffd[2Jb\tc\nd\ufffd"
    assert printable("50%\r", keep="\r") == "50%\r"
    assert printable("José Núñez ¥ €") == "José Núñez ¥ €"
    text = json_text({"n": "Núñez\x9b\x7f\x1b"})
    assert "Núñez" in text and "\\u009b" in text and "\\u007f" in text and "\\u001b" in text
    assert json.loads(text) == {"n": "Núñez\x9b\x7f\x1b"}
