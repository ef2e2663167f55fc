"""The files that make Collector a desktop app: menu entry, AppStream metainfo, icons, and the
Spanish translation (every entry finished). The validators come from tools/bootstrap --test."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
DESKTOP = PACKAGING / "collector.desktop"
METAINFO = PACKAGING / "io.github.collector.Collector.metainfo.xml"
TRANSLATIONS = sorted((ROOT / "resources" / "translations").glob("collector_*.ts"))
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _tool(name: str) -> str:
    path = shutil.which(name)
    assert path, f"{name} is missing: run tools/bootstrap --test"
    return path


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


# -- .desktop --------------------------------------------------------------------------------


def test_desktop_file_validates_without_a_word():
    # desktop-file-validate exits 0 even when it prints hints: the output must be empty.
    run = subprocess.run([_tool("desktop-file-validate"), str(DESKTOP)],
                         capture_output=True, text=True, timeout=30)
    assert run.returncode == 0 and run.stdout.strip() == "" and run.stderr.strip() == "", (
        run.stdout + run.stderr)


def test_desktop_file_names_the_command_icon_and_spanish():
    parser = configparser.RawConfigParser(interpolation=None)
    parser.optionxform = str  # keep Name[es] as written
    parser.read(DESKTOP, encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Exec"] == "collector"
    assert entry["Icon"] == "collector"
    assert entry["Categories"] == "Office;Finance;"
    assert entry["Name[es]"] and entry["Comment[es]"]
    assert entry["Comment[es]"] != entry["Comment"]
    assert _pyproject()["project"]["scripts"]["collector"]  # Exec= is a real command


# -- AppStream metainfo ----------------------------------------------------------------------


def test_metainfo_validates_offline():
    # Without --no-net appstreamcli fails offline (PLATFORM.md).
    run = subprocess.run([_tool("appstreamcli"), "validate", "--no-net", str(METAINFO)],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Validation was successful" in run.stdout, run.stdout


def test_metainfo_release_is_the_pyproject_version():
    root = ET.parse(METAINFO).getroot()
    releases = root.findall("releases/release")
    assert releases, "no <release> in the metainfo"
    # The newest release comes first and is the version being shipped.
    assert releases[0].get("version") == _pyproject()["project"]["version"]
    assert releases[0].find("description") is not None, "release notes are missing"


def test_metainfo_matches_the_project():
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("project_license") == _pyproject()["project"]["license"]
    assert root.findtext("metadata_license") == "CC0-1.0"
    assert root.findtext("developer_name")
    assert root.find("launchable").text == DESKTOP.name
    assert root.find("content_rating").get("type") == "oars-1.1"
    langs = {el.get(XML_LANG) for el in root.findall("summary")}
    assert {None, "es"} <= langs
    assert any(p.get(XML_LANG) == "es" for p in root.findall("description/p"))
    images = root.findall("screenshots/screenshot/image")
    assert {i.get(XML_LANG) for i in images} >= {None, "es"}
    for image in images:
        assert image.text.startswith("https://")
        # The screenshot each URL points to exists in the repository.
        assert (ROOT / "docs" / "screenshots" / Path(image.text).name).is_file(), image.text


# -- icons ----------------------------------------------------------------------------------


@pytest.mark.parametrize("size", ICON_SIZES)
def test_icon_png_rendered_at_every_size(size):
    from PySide6.QtGui import QImage

    png = ROOT / "resources" / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "collector.png"
    image = QImage(str(png))
    assert not image.isNull(), f"{png} is missing: run tools/render-icons"
    assert (image.width(), image.height()) == (size, size)
    assert image.hasAlphaChannel()
    # Not blank: the middle of the icon is drawn.
    assert image.pixelColor(size // 2, size // 2).alpha() > 0


# -- translations ---------------------------------------------------------------------------


def unfinished_entries(ts: Path) -> list[str]:
    """Every source string of a Qt .ts file whose translation is unfinished or empty."""
    problems = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            source = message.findtext("source")
            if translation is None:
                problems.append(f"{name}: {source!r} has no <translation>")
                continue
            kind = translation.get("type")
            if kind in ("vanished", "obsolete"):
                continue  # no longer in the code: never shown
            forms = translation.findall("numerusform")
            texts = [f.text for f in forms] if forms else [translation.text]
            if kind == "unfinished":
                problems.append(f"{name}: {source!r} is unfinished")
            elif not all(t and t.strip() for t in texts):
                problems.append(f"{name}: {source!r} has an empty translation")
    return problems


def test_there_are_translations():
    assert TRANSLATIONS, "no resources/translations/collector_*.ts"


@pytest.mark.parametrize("ts", TRANSLATIONS, ids=lambda p: p.name)
def test_every_translation_is_finished(ts):
    problems = unfinished_entries(ts)
    assert not problems, (f"{len(problems)} entries to translate in {ts.name} "
                          "(.venv/bin/pyside6-linguist):\n" + "\n".join(problems[:40]))


def test_the_check_catches_unfinished_and_empty_entries(tmp_path):
    ts = tmp_path / "collector_xx.ts"
    ts.write_text("""<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS><TS version="2.1" language="es">
<context><name>Main</name>
<message><source>Done</source><translation>Hecho</translation></message>
<message><source>Todo</source><translation type="unfinished">Pendiente</translation></message>
<message><source>Empty</source><translation></translation></message>
<message><source>Gone</source><translation type="vanished">Ido</translation></message>
<message numerus="yes"><source>%n days</source><translation>
  <numerusform>%n día</numerusform><numerusform></numerusform></translation></message>
</context></TS>""", encoding="utf-8")
    problems = unfinished_entries(ts)
    assert len(problems) == 3, problems
    assert any("'Todo' is unfinished" in p for p in problems)
    assert any("'Empty' has an empty" in p for p in problems)
    assert any("'%n days' has an empty" in p for p in problems)


@pytest.mark.parametrize("ts", TRANSLATIONS, ids=lambda p: p.name)
def test_every_string_in_the_code_is_translated(ts, tmp_path):
    # lupdate on a copy: the strings tr() uses now, merged with the committed translations.
    lupdate = ROOT / ".venv" / "bin" / "pyside6-lupdate"
    if not lupdate.exists():
        lupdate = Path(shutil.which("pyside6-lupdate") or "pyside6-lupdate")
    copy = tmp_path / ts.name
    shutil.copy(ts, copy)
    sources = sorted(str(p) for p in (ROOT / "collector_gui" / "ui").rglob("*.py"))
    sources.append(str(ROOT / "collector_gui" / "app.py"))
    subprocess.run([str(lupdate), "-no-obsolete", "-locations", "none", *sources, "-ts",
                    str(copy)], check=True, capture_output=True, timeout=60)
    problems = unfinished_entries(copy)
    assert not problems, (f"{len(problems)} strings of the code are not translated in "
                          f"{ts.name}:\n" + "\n".join(problems[:40]))
