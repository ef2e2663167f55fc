"""`pip install .` as a user does it (not editable): the wheel carries every module and every
data file, and the installed program works from outside the checkout.

The wheel is built from a copy of the files git knows (what a clean clone has, plus new files
not yet committed), installed with its dependencies into a fresh virtual environment, and run
from a folder that is not the checkout, so nothing can come from the source tree.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PIP_TIMEOUT = 300  # seconds; about 15 here with pip's cache warm

pytestmark = pytest.mark.slow


def _source_modules(root: Path) -> set[str]:
    names = set()
    for path in (root / "collector_gui").rglob("*.py"):
        parts = path.relative_to(root).with_suffix("").parts
        names.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


_NOT_SOURCE = {".git", ".venv", "build", "dist", "__pycache__", ".pytest_cache", ".hypothesis"}


def _source_files() -> list[str]:
    """What a clean copy has: the files git knows (and new ones not yet committed), or, in a
    copy without git (an unpacked archive), every file but the build and cache folders."""
    if (ROOT / ".git").exists():
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT, capture_output=True, check=True).stdout.split(b"\0")
        return [os.fsdecode(name) for name in listed if name]
    return [str(p.relative_to(ROOT)) for p in ROOT.rglob("*")
            if p.is_file() and not _NOT_SOURCE.intersection(p.relative_to(ROOT).parts)
            and not any(part.endswith(".egg-info") for part in p.parts)]


def _copy_checkout(dest: Path) -> None:
    for name in _source_files():
        src = ROOT / name
        if src.is_file():
            target = dest / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target)


def _run(cmd: list[str], cwd: Path, env: dict[str, str], timeout: int = 120
         ) -> subprocess.CompletedProcess:
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{cmd} failed:\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, Path, dict[str, str], Path]:
    """(wheel, venv, environment, source copy) with the wheel installed in a fresh venv."""
    work = tmp_path_factory.mktemp("wheel")
    src, dist, venv = work / "src", work / "dist", work / "venv"
    _copy_checkout(src)
    # Without PYTHONPATH, nothing of the checkout leaks in; in run-tests' moved-clock pass that
    # also leaves pip and the installed program on the real date (tests/moved_clock).
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    pip_env = {**env, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    _run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(dist), str(src)],
         work, pip_env, PIP_TIMEOUT)
    (wheel,) = dist.glob("collector-*.whl")
    base = Path(getattr(sys, "_base_executable", sys.executable))
    _run([str(base), "-m", "venv", str(venv)], work, pip_env)
    _run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", str(wheel)], work, pip_env,
         PIP_TIMEOUT)
    home = work / "home"
    home.mkdir()
    env.update(COLLECTOR_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    return wheel, venv, env, src


def test_the_wheel_carries_every_module_and_data_file(installed):
    wheel, _, _, src = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    for module in _source_modules(src):
        path = module.replace(".", "/")
        assert f"{path}.py" in names or f"{path}/__init__.py" in names, module
    for folder, package in (("templates", "_templates"), ("resources", "_resources")):
        files = [p for p in (src / folder).rglob("*")
                 if p.is_file() and not p.name.startswith(".")]  # .keep and the like
        assert files
        for path in files:
            inside = f"collector_gui/{package}/{path.relative_to(src / folder).as_posix()}"
            assert inside in names, f"{path.relative_to(src)} is not in the wheel"


def test_every_module_imports_from_the_installed_wheel(installed, tmp_path):
    _, venv, env, src = installed
    probe = (
        "import importlib, json, pkgutil, collector_gui\n"
        "DATA = ('collector_gui._templates', 'collector_gui._resources')\n"
        "names = ['collector_gui'] + [m.name for m in pkgutil.walk_packages("
        "collector_gui.__path__, 'collector_gui.') if not m.name.startswith(DATA)]\n"
        "for name in names:\n"
        "    if name != 'collector_gui.__main__':  # that one runs the program\n"
        "        importlib.import_module(name)\n"
        "from collector_gui import paths\n"
        "print(json.dumps({'file': collector_gui.__file__, 'modules': names,"
        " 'resources': str(paths.bundled_dir('resources')),"
        " 'templates': str(paths.bundled_dir('templates'))}))\n"
    )
    out = json.loads(_run([str(venv / "bin" / "python"), "-c", probe], tmp_path, env).stdout)
    site = str(venv)
    assert out["file"].startswith(site)
    assert out["resources"].startswith(site) and out["templates"].startswith(site)
    assert set(out["modules"]) == _source_modules(src)


def test_the_installed_command_runs_headless(installed, tmp_path):
    _, venv, env, _ = installed
    collector = str(venv / "bin" / "collector")
    version = _run([collector, "--version"], tmp_path, env).stdout
    assert "0." in version
    ledger = tmp_path / "try.sqlite"
    _run([collector, "demo", "--invoices", "60", "--ledger", str(ledger)], tmp_path, env)
    report = json.loads(_run([collector, "aging", "--json", "--ledger", str(ledger)],
                             tmp_path, env).stdout)
    assert report["currencies"], report
    overdue = json.loads(_run([collector, "overdue", "--json", "--ledger", str(ledger)],
                              tmp_path, env).stdout)
    number = overdue["invoices"][0]["number"]
    pdf = tmp_path / "invoice.pdf"
    _run([collector, "invoice-pdf", number, str(pdf), "--ledger", str(ledger)], tmp_path, env)
    text = _run(["pdftotext", str(pdf), "-"], tmp_path, env).stdout
    assert number in text  # the embedded font came with the wheel
    spanish = dict(env, LANG="es_ES.UTF-8", LANGUAGE="es")
    help_text = _run([collector, "--help"], tmp_path, spanish).stdout
    assert "uso:" in help_text  # the message catalogue came with the wheel
