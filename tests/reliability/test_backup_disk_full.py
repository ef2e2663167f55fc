"""A full backup disk is the backup's failure, not the ledger's, and does not block imports.

It used to read "Writing to the ledger … failed … Free some disk space" (the ledger was never
written), and as `collector import` makes the day's backup first, every import was refused
until the backup disk had room. Now the message names the backup's folder and says the ledger
is unchanged; an import says the backup was not made and goes ahead (an import is saved whole
or not at all: the daily backup is a convenience, not a condition of writing; an upgrade of the
ledger's format still refuses to go on without its backup).

The full disk is real: a small tmpfs mounted over the backup folder in a private mount
namespace (`unshare -m`, nothing stays mounted) and filled up; where mounting is not allowed,
a file-size limit (RLIMIT_FSIZE) below the ledger's size, so no copy of it can be written.
"""

from __future__ import annotations

import shlex
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from collector_gui import paths
from collector_gui.core.model import Client
from collector_gui.ledger.database import Ledger
from collector_gui.ledger.store import Store

FSIZE_LIMIT = 64 * 1024
# Runs the command, then lists what it left in the full folder (gone with the namespace).
_SCRIPT = """
mount -t tmpfs -o size=256k tmpfs {folder} || exit 97
cat /dev/zero > {folder}/filler 2>/dev/null
"$@"
echo "rc=$?"
ls -A {folder}
"""
_LIMITED = ("import resource, signal, sys; signal.signal(signal.SIGXFSZ, signal.SIG_IGN); "
            f"resource.setrlimit(resource.RLIMIT_FSIZE, ({FSIZE_LIMIT}, resource.RLIM_INFINITY)); "
            "from collector_gui.cli import main; sys.exit(main(sys.argv[1:]))")


def _mountable(folder: Path) -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        ["unshare", "-m", "--propagation", "private", "sh", "-c",
         f"mount -t tmpfs -o size=64k tmpfs {shlex.quote(str(folder))} && umount "
         f"{shlex.quote(str(folder))}"], capture_output=True)
    return probe.returncode == 0


def _with_full_folder(folder: Path, args: list[str], env: dict) -> tuple[int, str, list[str]]:
    """Run `collector ARGS` with *folder* on a full disk: (exit status, stderr, files left)."""
    folder.mkdir(parents=True, exist_ok=True)
    if _mountable(folder):
        script = _SCRIPT.format(folder=shlex.quote(str(folder)))
        run = subprocess.run(
            ["unshare", "-m", "--propagation", "private", "sh", "-c", script, "sh",
             sys.executable, "-m", "collector_gui", *args],
            env=env, capture_output=True, text=True, timeout=120)
        out = run.stdout.splitlines()
        marker = next(i for i, line in enumerate(out) if line.startswith("rc="))
        left = [name for name in out[marker + 1:] if name != "filler"]
        return int(out[marker][3:]), run.stderr, left
    run = subprocess.run([sys.executable, "-c", _LIMITED, *args], env=env, capture_output=True,
                         text=True, timeout=120)
    return run.returncode, run.stderr, sorted(p.name for p in folder.iterdir())


def _ledger(path: Path) -> None:
    """A ledger bigger than the file-size limit (so the fallback cannot copy it either)."""
    with Ledger.open(path) as ledger:
        store = Store(ledger)
        with ledger.write():
            for i in range(300):
                store.add_client(Client(f"Cliente {i}", notes="n" * 400))
    assert path.stat().st_size > 2 * FSIZE_LIMIT


def test_collector_backup_to_a_full_disk_names_the_backup(tmp_path, make_child_env):
    path = tmp_path / "ledger.sqlite"
    _ledger(path)
    before = path.read_bytes()
    target = tmp_path / "usb-stick"
    rc, err, left = _with_full_folder(target, ["--ledger", str(path), "backup", str(target)],
                                      make_child_env(COLLECTOR_HOME=str(tmp_path / "home")))
    assert rc == 1, err
    assert f"The backup could not be written in {target} (the disk is full)" in err, err
    assert f"The ledger {path} itself is unchanged" in err
    assert "Writing to the ledger" not in err and "Traceback" not in err
    assert left == []  # no half-written .partial copy left on the stick
    assert path.read_bytes() == before


def test_an_import_goes_ahead_when_the_daily_backup_cannot_be_made(tmp_path, make_child_env):
    path = tmp_path / "ledger.sqlite"
    _ledger(path)
    csv_file = tmp_path / "clients.csv"
    csv_file.write_text("name,email\nNueva Clienta,nueva@example.org\n", encoding="utf-8")
    backups = paths.backups_dir(path)
    rc, err, left = _with_full_folder(
        backups, ["--ledger", str(path), "import", "clients", str(csv_file)],
        make_child_env(COLLECTOR_HOME=str(tmp_path / "home")))
    assert rc == 0, err
    assert err.startswith(f"collector: warning: The backup could not be written in {backups}")
    assert "The import goes ahead without it" in err and "Traceback" not in err
    assert left == []
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT count(*) FROM clients WHERE name = 'Nueva Clienta'"
                            ).fetchone()[0] == 1
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
