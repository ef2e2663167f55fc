"""packaging/build makes a one-folder bundle that runs without the virtualenv, and
packaging/install-user puts it, its icons and its menu entry where desktops look."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from tests.helpers import bank_writers as W

ROOT = Path(__file__).resolve().parents[2]
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
BUILD_TIMEOUT = 170  # seconds; about 20 here


def _install(prefix: Path, bundle: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(ROOT / "packaging" / "install-user"), "--prefix", str(prefix),
                           "--bundle", str(bundle), *extra],
                          capture_output=True, text=True, timeout=60, check=True)


def _assert_installed(prefix: Path) -> None:
    share = prefix / "share"
    desktop = share / "applications" / "collector.desktop"
    assert desktop.is_file()
    text = desktop.read_text(encoding="utf-8")
    assert f"Exec={prefix / 'bin' / 'collector'}\n" in text
    assert "Icon=collector\n" in text
    for size in ICON_SIZES:
        assert (share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "collector.png").is_file()
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / "collector.svg").is_file()
    assert (share / "metainfo" / "io.github.collector.Collector.metainfo.xml").is_file()
    launcher = prefix / "bin" / "collector"
    assert launcher.is_symlink()
    assert launcher.resolve() == (share / "collector-app" / "collector").resolve()
    if shutil.which("desktop-file-validate"):
        run = subprocess.run(["desktop-file-validate", str(desktop)],
                             capture_output=True, text=True, timeout=30)
        assert run.stdout.strip() == "", run.stdout


def test_install_user_with_a_prefix_and_uninstall(tmp_path):
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    (bundle / "collector").write_text("#!/bin/sh\necho collector fake\n")
    (bundle / "collector").chmod(0o755)
    (bundle / "_internal").mkdir()
    prefix = tmp_path / "prefix"

    _install(prefix, bundle)
    _assert_installed(prefix)
    run = subprocess.run([str(prefix / "bin" / "collector")], capture_output=True, text=True,
                         timeout=10)
    assert run.stdout == "collector fake\n"

    _install(prefix, bundle)  # again: replaces, never nests
    assert not (prefix / "share" / "collector-app" / "bundle").exists()
    assert not (prefix / "share" / "collector-app.new").exists()

    _install(prefix, bundle, "--uninstall")
    assert not (prefix / "bin" / "collector").exists()
    assert not (prefix / "share" / "collector-app").exists()
    assert not (prefix / "share" / "applications" / "collector.desktop").exists()
    assert not list((prefix / "share" / "icons").rglob("collector.png"))


def test_install_user_refuses_a_missing_bundle(tmp_path):
    run = subprocess.run([str(ROOT / "packaging" / "install-user"), "--prefix", str(tmp_path),
                          "--bundle", str(tmp_path / "nope")],
                         capture_output=True, text=True, timeout=30)
    assert run.returncode == 1
    assert "packaging/build" in run.stderr
    assert not (tmp_path / "bin" / "collector").exists()


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("bundle")
    try:
        subprocess.run([str(ROOT / "packaging" / "build"), str(out)], capture_output=True,
                       text=True, timeout=BUILD_TIMEOUT, check=True)
    except subprocess.CalledProcessError as exc:
        pytest.fail(f"packaging/build failed:\n{exc.stdout[-3000:]}\n{exc.stderr[-3000:]}")
    exe = out / "dist" / "collector" / "collector"
    assert exe.is_file() and os.access(exe, os.X_OK)
    return exe.parent


def _run_bundle(exe: Path, *args: str, env=None) -> subprocess.CompletedProcess:
    # A clean environment: the bundle must not lean on the virtualenv or the source tree.
    base = {k: v for k, v in os.environ.items()
            if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    base["PATH"] = "/usr/bin:/bin"
    base.update(env or {})
    return subprocess.run([str(exe), *args], capture_output=True, text=True, timeout=60,
                          cwd="/", env=base)


@pytest.mark.slow
def test_bundle_runs_version_and_headless_commands(bundle, tmp_path):
    exe = bundle / "collector"
    run = _run_bundle(exe, "--version")
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == f"collector {VERSION}"

    ledger = tmp_path / "ledger.sqlite"
    run = _run_bundle(exe, "--ledger", str(ledger), "demo", "--invoices", "50")
    assert run.returncode == 0, run.stderr
    assert "50 invoices" in run.stdout
    run = _run_bundle(exe, "--ledger", str(ledger), "aging", "--json")
    assert run.returncode == 0, run.stderr
    aging = json.loads(run.stdout)
    assert aging["currencies"], aging
    for buckets in aging["currencies"].values():
        assert set(buckets) >= {"current", "1-30", "31-60", "61-90", "90+", "total"}
    # In Spanish too: the bundle carries the built message catalogue.
    run = _run_bundle(exe, "--ledger", str(ledger), "aging", "--as-of", "2026-11-23",
                      env={"LANG": "es_ES.UTF-8"})
    assert run.stdout.startswith("Antigüedad de saldos a fecha de 2026-11-23\n"), run.stdout
    run = _run_bundle(exe, "--help", env={"LANG": "es_ES.UTF-8"})
    assert run.stdout.startswith("uso: collector") and "\nopciones:\n" in run.stdout


@pytest.mark.slow
@pytest.mark.parametrize("write", [W.norma43, W.camt053, W.ofx_sgml, W.mt940],
                         ids=lambda w: w.__name__)
def test_bundle_reads_bank_statements(bundle, tmp_path, write):
    """The readers' libraries and their data files (schwifty's registries, csb43, ofxtools)
    came with the bundle."""
    exe = bundle / "collector"
    ledger = tmp_path / "ledger.sqlite"
    csv = tmp_path / "invoices.csv"
    csv.write_text("number,client,issue_date,due_date,currency,total\n"
                   "2026-0042,Acme SL,2026-09-01,2026-10-01,EUR,1210.00\n", encoding="utf-8")
    run = _run_bundle(exe, "--ledger", str(ledger), "import", "invoices", str(csv))
    assert run.returncode == 0, run.stderr
    statement = tmp_path / "statement"
    entry = W.Entry(dt.date(2026, 10, 20), 121000, "FRA 2026-0042", ref="TRF-0001",
                    payer="ACME SL", payer_iban=W.ACME_IBAN)
    statement.write_bytes(write([entry]))
    run = _run_bundle(exe, "--ledger", str(ledger), "bank", "import", str(statement), "--json")
    assert run.returncode == 0, run.stderr
    assert "recorded" in run.stdout, run.stdout


@pytest.mark.slow
def test_bundle_carries_resources_and_leaves_out_unused_qt(bundle):
    internal = bundle / "_internal"
    assert (internal / "resources" / "translations" / "collector_es.qm").is_file()
    assert (internal / "resources" / "locale" / "es" / "LC_MESSAGES" / "collector.mo").is_file()
    assert (internal / "resources" / "icons" / "collector.svg").is_file()
    assert (internal / "resources" / "fonts" / "DejaVuSans.ttf").is_file()
    assert (internal / "templates").is_dir()
    # copy_metadata("collector"): a dist-info, or an egg-info from an editable install.
    assert list(internal.glob("collector-*.dist-info")) + list(internal.glob("collector.egg-info")), (
        "copy_metadata('collector') missing")
    names = {p.name for p in internal.rglob("*.so*")}
    for unused in ("libQt6WebEngineCore.so.6", "libQt6Quick.so.6", "libQt6Qml.so.6",
                   "libQt6Pdf.so.6", "libQt6Multimedia.so.6", "libQt63DCore.so.6"):
        assert unused not in names, unused


@pytest.mark.slow
def test_bundle_installs_for_a_user(bundle, tmp_path):
    prefix = tmp_path / "prefix"
    _install(prefix, bundle)
    _assert_installed(prefix)
    run = _run_bundle(prefix / "bin" / "collector", "--version")
    assert run.stdout.strip() == f"collector {VERSION}", run.stderr
