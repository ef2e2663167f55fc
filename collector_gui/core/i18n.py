"""The language of the messages written outside the window: the command line's output, and the
errors and reports that core/, ledger/, mail/ and actions/ write for a person to read.

GNU gettext catalogues: resources/locale/<lang>/LC_MESSAGES/collector.po, compiled to .mo by
tools/build-translations (run after a change; the built .mo files are committed). The window's own
strings are Qt Linguist's (ui/window_language.py); it calls set_language() with the language it shows, so
an error raised here reads in the window's language. PDFs and reminders speak the *client's*
language instead (documents/labels.py, templates/reminders/).

Writing a message: `_("Client {name} is on hold.").format(name=name)`: whole sentences, named
placeholders, never an f-string inside _(), never sentences glued from pieces; counts take
ngettext(). A message kept in a module-level constant is marked with N_() and translated with
_() where it is shown.
"""

from __future__ import annotations

import gettext
import os
from pathlib import Path

from collector_gui.core import bundle

DOMAIN = "collector"
LANGUAGES = ("en", "es")

_translations: gettext.NullTranslations | None = None
_language = "en"


def locale_dir() -> Path:
    resources = bundle.find("resources")
    if resources is None:  # no catalogue to translate with: the messages stay English
        # Marked, not translated: without resources/ there is no catalogue to translate with.
        raise FileNotFoundError(N_("Collector's {name}/ folder is missing (looked in "
                                   "{candidates})").format(
            name="resources", candidates=bundle.candidates("resources")))
    return resources / "locale"


def language_from_environment(environ: dict[str, str] | os._Environ = os.environ) -> str:
    """The language gettext would choose (LANGUAGE, LC_ALL, LC_MESSAGES, LANG; the first one
    set decides), narrowed to one Collector speaks; "en" otherwise (C, POSIX, unset)."""
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(var, "")
        if not value:
            continue
        for entry in value.split(":"):
            lang = entry.split(".")[0].split("@")[0].split("_")[0].lower()
            if lang in LANGUAGES:
                return lang
        return "en"
    return "en"


def set_language(language: str | None = None) -> str:
    """Write messages in *language* ("en", "es") from now on; None: the environment's.
    Without a built catalogue (.mo) the messages stay English. Returns the language set."""
    global _translations, _language
    lang = language if language in LANGUAGES else language_from_environment()
    translations: gettext.NullTranslations = gettext.NullTranslations()
    if lang != "en":
        try:
            translations = gettext.translation(DOMAIN, str(locale_dir()), languages=[lang])
        except (OSError, FileNotFoundError):
            lang = "en"
    _translations, _language = translations, lang
    return lang


def current_language() -> str:
    _catalogue()
    return _language


def _catalogue() -> gettext.NullTranslations:
    if _translations is None:
        set_language(None)
    return _translations  # type: ignore[return-value]


def _(message: str) -> str:
    """*message* in the current language."""
    return _catalogue().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for *n*, in the current language."""
    return _catalogue().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """*message* in the current language, told apart by *context* from the same English word
    in another sense ("final" as a reminder stage)."""
    return _catalogue().pgettext(context, message)


def N_(message: str) -> str:
    """Marks *message* for translation without translating it (for constants: translate with
    _() where the message is shown)."""
    return message


def translate_stdlib() -> None:
    """Let argparse's own words ("usage:", "options", its error messages) come from
    Collector's catalogue too: argparse asks gettext's default domain, in the environment's
    language, which is the command line's."""
    gettext.bindtextdomain(DOMAIN, str(locale_dir()))
    gettext.textdomain(DOMAIN)
