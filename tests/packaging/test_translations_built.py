"""The built translations are committed (nothing is built at start, and `pip install .` carries
them): each must be exactly what its source builds to today."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
QT_SOURCES = sorted((ROOT / "resources" / "translations").glob("collector_*.ts"))
PO_SOURCES = sorted((ROOT / "resources" / "locale").glob("*/LC_MESSAGES/collector.po"))
HOW = "run tools/build-translations and commit the built file"


def test_there_are_sources_to_build():
    assert QT_SOURCES and PO_SOURCES


@pytest.mark.parametrize("ts", QT_SOURCES, ids=lambda p: p.name)
def test_window_translation_is_built_from_its_source(ts, tmp_path):
    built = ts.with_suffix(".qm")
    assert built.exists(), f"{built.name} is missing: {HOW}"
    fresh = tmp_path / built.name
    subprocess.run([str(BIN / "pyside6-lrelease"), "-silent", str(ts), "-qm", str(fresh)],
                   check=True, capture_output=True)
    assert fresh.read_bytes() == built.read_bytes(), f"{built.name} is stale: {HOW}"


@pytest.mark.parametrize("po", PO_SOURCES, ids=lambda p: p.parts[-3])
def test_message_catalogue_is_built_from_its_source(po, tmp_path):
    built = po.with_suffix(".mo")
    assert built.exists(), f"{built} is missing: {HOW}"
    lang = po.parts[-3]
    work = tmp_path / lang / "LC_MESSAGES"
    work.mkdir(parents=True)
    shutil.copy(po, work / po.name)
    subprocess.run([str(BIN / "pybabel"), "-q", "compile", "-d", str(tmp_path), "-D", "collector"],
                   check=True, capture_output=True)
    assert (work / "collector.mo").read_bytes() == built.read_bytes(), f"{built} is stale: {HOW}"
