"""The log file gets what the program logs: the modules log under `collector_gui.<module>`
(logging.getLogger(__name__)), the window's own messages under `collector`; the file handler
used to sit on `collector` only, so the file stayed empty of everything the actions logged."""

from __future__ import annotations

import logging

from collector_gui import app, paths
from collector_gui.actions import delivery, remind
from collector_gui.ui import notify as messages  # ui/messages.py is ui/notify.py


def test_records_of_the_actions_reach_the_log_file():
    path = app.setup_logging()
    assert path == paths.log_dir() / messages.LOG_FILENAME
    app.setup_logging()  # twice (the window does it once per start): no second handler
    delivery.log.warning("delivery could not record message %s", 41)
    remind.log.info("reminder plan for %d clients", 3)
    messages.log.error("cannot open %s", "ledger.sqlite")
    for handler in logging.getLogger("collector_gui").handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert sum("delivery could not record message 41" in line for line in lines) == 1, text
    assert any(line.endswith("INFO collector_gui.actions.remind: reminder plan for 3 clients")
               for line in lines), text
    assert any("ERROR collector: cannot open ledger.sqlite" in line for line in lines), text


def test_a_new_log_folder_moves_every_record_there(tmp_path, monkeypatch):
    """COLLECTOR_HOME changes (each test has its own): the records follow to the new file and
    none goes on into the old one."""
    first = app.setup_logging()
    delivery.log.warning("before the move")  # (the file is made with its first record)
    monkeypatch.setenv("COLLECTOR_HOME", str(tmp_path / "elsewhere"))
    second = app.setup_logging()
    assert second != first
    delivery.log.warning("after the move")
    for handler in logging.getLogger("collector_gui").handlers:
        handler.flush()
    assert "after the move" in second.read_text(encoding="utf-8")
    assert "after the move" not in first.read_text(encoding="utf-8")
    assert "before the move" in first.read_text(encoding="utf-8")
