"""The gettext catalogue of the messages outside the window (command line, errors, reports):
every _() string of the code and every word argparse prints is translated, nothing is fuzzy or
stale, placeholders survive translation, and no message reaches a person untranslated."""

from __future__ import annotations

import argparse
import ast
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
CODE = ROOT / "collector_gui"
CATALOGUES = sorted((ROOT / "resources" / "locale").glob("*/LC_MESSAGES/collector.po"))
PLACEHOLDER = re.compile(r"\{(\w*)[^{}]*\}|%\((\w+)\)\w|%[sdr]")


Key = tuple[str, str | None]  # (msgid, context)


def code_messages() -> dict[Key, str]:
    """(msgid, context) -> where it is used: Collector's _()/ngettext()/pgettext()/N_()
    strings, and argparse's."""
    found: dict[Key, str] = {}
    for filename, lineno, message, _comments, context in extract_from_dir(
            str(CODE), method_map=[("**.py", "python")]):
        msgid = message[0] if isinstance(message, tuple) else message
        found.setdefault((msgid, context), f"collector_gui/{filename}:{lineno}")
    for lineno, message, _comments, context in extract_from_file("python", argparse.__file__):
        msgid = message[0] if isinstance(message, tuple) else message
        found.setdefault((msgid, context), f"argparse:{lineno}")
    return found


def catalogue_problems(catalog: Catalog, wanted: dict[Key, str]) -> list[str]:
    problems = []
    for (msgid, context), where in sorted(wanted.items(), key=lambda kv: (kv[0][0], str(kv[0]))):
        entry = catalog.get(msgid, context)
        if entry is None:
            problems.append(f"{where}: {msgid!r} is not in the catalogue")
            continue
        texts = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        if entry.fuzzy:
            problems.append(f"{where}: {msgid!r} is fuzzy")
        elif not all(t and t.strip() for t in texts):
            problems.append(f"{where}: {msgid!r} is not translated")
    for entry in catalog:
        msgid = entry.id[0] if isinstance(entry.id, tuple) else entry.id
        if msgid and (msgid, entry.context) not in wanted:
            problems.append(f"{msgid!r} is in the catalogue but no longer in the code")
    return problems


def placeholder_problems(catalog: Catalog) -> list[str]:
    problems = []
    for entry in catalog:
        if not entry.id:
            continue
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        texts = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        want = {m.group(0) for m in PLACEHOLDER.finditer(ids[-1]) if "{n}" != m.group(0)}
        for text in texts:
            if not text:
                continue
            got = {m.group(0) for m in PLACEHOLDER.finditer(text) if "{n}" != m.group(0)}
            if got != want:
                problems.append(f"{ids[0]!r}: {sorted(want)} became {sorted(got)} in {text!r}")
    return problems


def _read(po: Path) -> Catalog:
    with po.open("rb") as f:
        return read_po(f)


def test_there_is_a_spanish_catalogue():
    assert [p.parts[-3] for p in CATALOGUES] == ["es"]


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: p.parts[-3])
def test_every_message_of_the_code_is_translated(po):
    problems = catalogue_problems(_read(po), code_messages())
    assert not problems, (f"{len(problems)} problems in {po.relative_to(ROOT)} "
                          "(tools/build-translations --update, then translate):\n"
                          + "\n".join(problems[:40]))


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: p.parts[-3])
def test_placeholders_survive_translation(po):
    problems = placeholder_problems(_read(po))
    assert not problems, "\n".join(problems[:40])


def test_the_checks_catch_missing_fuzzy_empty_stale_and_broken_entries():
    catalog = Catalog(locale="es")
    catalog.add("Done", "Hecho")
    catalog.add("Todo", "Pendiente", flags=("fuzzy",))
    catalog.add("Empty", "")
    catalog.add("Gone", "Ido")
    catalog.add(("{n} day", "{n} days"), ("{n} día", ""))
    catalog.add("Owed by {client}", "Debe {cliente}")
    catalog.add("final", "final", context="reminder stage")
    wanted = {(m, None): "x.py:1" for m in ("Done", "Todo", "Empty", "{n} day", "Missing",
                                             "Owed by {client}", "final")}
    problems = catalogue_problems(catalog, wanted)
    assert len(problems) == 7, problems
    for text in ("'Todo' is fuzzy", "'Empty' is not translated", "'{n} day' is not translated",
                 "'Missing' is not in the catalogue", "'Gone' is in the catalogue but no longer",
                 "'final' is not in the catalogue", "'final' is in the catalogue but no longer"):
        assert any(text in p for p in problems), (text, problems)
    assert placeholder_problems(catalog) == [
        "'Owed by {client}': ['{client}'] became ['{cliente}'] in 'Debe {cliente}'"]


# -- no message reaches a person without _() --------------------------------------------------

# Exceptions that mean a bug, not something a person did: their text is for a developer (what a
# person did wrong raises a CollectorError, core/errors.py; the CLI prints only those).
PROGRAMMER_ERRORS = {"TypeError", "ValueError", "AssertionError", "NotImplementedError",
                     "AttributeError", "IndexError", "KeyError", "RuntimeError"}
# Layers whose text a person reads through gettext (ui/ and app.py use Qt's tr()).
GETTEXT_LAYERS = [p for p in CODE.rglob("*.py")
                  if p.relative_to(CODE).parts[0] not in ("ui", "app.py", "__main__.py")]


def _is_prose(node: ast.AST) -> bool:
    if isinstance(node, ast.JoinedStr):
        return True
    return (isinstance(node, ast.Constant) and isinstance(node.value, str)
            and bool(re.search(r"[A-Za-z]{2,}\s+[A-Za-z]", node.value)))


def untranslated_calls(source: str, filename: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        texts: list[ast.AST] = []
        if (name.endswith(("Error", "Exception")) and name not in PROGRAMMER_ERRORS) \
                or name in ("Cancelled", "print", "input", "getpass", "exit"):
            texts = node.args[:1]
        if name in ("add_argument", "add_parser", "ArgumentParser", "add_subparsers"):
            texts = [k.value for k in node.keywords if k.arg in ("help", "description")]
        found += [f"{filename}:{t.lineno}: {ast.unparse(t)[:70]}" for t in texts if _is_prose(t)]
    return found


def test_no_message_for_a_person_skips_translation():
    problems = []
    for path in GETTEXT_LAYERS:
        problems += untranslated_calls(path.read_text(encoding="utf-8"),
                                       str(path.relative_to(ROOT)))
    assert not problems, ("messages a person reads, not wrapped in _():\n"
                          + "\n".join(problems[:40]))


def test_the_guard_sees_bare_messages():
    source = '''
raise CollectorError(f"cannot open {path}")
raise StoreError("No such client.")
raise TypeError("expected a Money")
raise ValueError(f"kind must be one of {KINDS}")
raise StoreError(_("No such client."))
print(f"Wrote {out}")
print(_("Wrote {out}").format(out=out))
print(json.dumps(data))
p.add_argument("--json", action="store_true", help="machine-readable output")
p.add_argument("--yes", help=_("send without asking first"))
'''
    found = untranslated_calls(source, "x.py")
    assert [f.split(":")[1] for f in found] == ["2", "3", "7", "10"], found
