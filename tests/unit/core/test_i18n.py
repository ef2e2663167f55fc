"""The language of messages outside the window: chosen like gettext chooses, switchable by the
window, English when there is no catalogue."""

from __future__ import annotations

import pytest

from collector_gui.core import i18n


@pytest.mark.parametrize("environ, language", [
    ({}, "en"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LANG": "POSIX"}, "en"),
    ({"LANG": "es_ES.UTF-8"}, "es"),
    ({"LANG": "es_MX"}, "es"),
    ({"LANG": "fr_FR.UTF-8"}, "en"),
    ({"LANG": "en_GB.UTF-8", "LC_MESSAGES": "es_AR.UTF-8"}, "es"),
    ({"LANG": "es_ES.UTF-8", "LC_ALL": "C"}, "en"),
    ({"LANG": "es_ES.UTF-8", "LANGUAGE": "fr:en"}, "en"),
    ({"LANG": "en_US.UTF-8", "LANGUAGE": "fr:es"}, "es"),
    ({"LANG": "ca_ES@valencia"}, "en"),
])
def test_language_from_the_environment_as_gettext_reads_it(environ, language):
    assert i18n.language_from_environment(environ) == language


def test_spanish_messages_when_asked_and_english_again():
    assert i18n.set_language("es") == "es"
    assert i18n.current_language() == "es"
    assert i18n._("usage: ") == "uso: "
    assert i18n.set_language("en") == "en"
    assert i18n._("usage: ") == "usage: "


def test_plural_forms_follow_the_count():
    i18n.set_language("es")
    assert i18n.ngettext("expected %s argument", "expected %s arguments", 1) \
        == "se esperaba %s argumento"
    assert i18n.ngettext("expected %s argument", "expected %s arguments", 3) \
        == "se esperaban %s argumentos"


def test_without_a_built_catalogue_messages_stay_english(monkeypatch, tmp_path):
    monkeypatch.setattr(i18n, "locale_dir", lambda: tmp_path)
    assert i18n.set_language("es") == "en"
    assert i18n._("usage: ") == "usage: "


def test_the_environment_decides_when_nobody_chose(monkeypatch):
    monkeypatch.setenv("LANG", "es_ES.UTF-8")
    assert i18n.set_language(None) == "es"
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert i18n.set_language(None) == "en"


def test_marked_constants_are_translated_where_shown():
    text = i18n.N_("usage: ")
    assert text == "usage: "
    i18n.set_language("es")
    assert i18n._(text) == "uso: "
