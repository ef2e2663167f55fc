"""The window's language (Qt Linguist translations) and Babel formatting of money and dates.

The interface follows the system locale unless the user chose a language in the settings
(kept per user in QSettings, not in the ledger). Money and dates are formatted by Babel in
the user's locale: the system's when its language is the interface's, else a default one.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from collector_gui import paths
from collector_gui.core import i18n as messages_i18n
from collector_gui.core.money import format_minor

if TYPE_CHECKING:
    from babel import Locale

# Babel is imported where it formats: nothing in the window's first picture needs it (issue 18).

LANGUAGES = ("en", "es")
# The locale a language's numbers and dates take when the system speaks another language.
_DEFAULT_LOCALE = {"en": "en_US", "es": "es_ES"}
LANGUAGE_KEY = "ui/language"


def user_settings() -> QSettings:
    """The per-user window settings: an INI file in Collector's config folder (never the
    platform's registry, so COLLECTOR_HOME moves it too)."""
    path = paths.config_dir() / "window.ini"
    return QSettings(str(path), QSettings.Format.IniFormat)


def chosen_language(settings: QSettings | None = None) -> str:
    """"" (follow the system), "en" or "es"."""
    value = (settings or user_settings()).value(LANGUAGE_KEY, "")
    return value if value in LANGUAGES else ""


def effective_language(choice: str = "") -> str:
    if choice in LANGUAGES:
        return choice
    lang = QLocale.system().name().split("_")[0]
    return lang if lang in LANGUAGES else "en"


def babel_locale(language: str) -> str:
    """The Babel locale for money and dates: the system's if it speaks *language*."""
    system = QLocale.system().name()  # e.g. "es_MX", or "C" when unset
    if system.split("_")[0] == language and "_" in system:
        return system
    return _DEFAULT_LOCALE.get(language, "en_US")


_installed: list[QTranslator] = []


def install_translators(language: str) -> bool:
    """Install Collector's and Qt's own translations for *language* (none for English), and
    make the messages of the layers below (errors, reports: gettext) speak it too.

    Returns False when Collector's .qm file is missing (tools/build-translations builds it).
    """
    messages_i18n.set_language(language)
    app = QCoreApplication.instance()
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    if language == "en":
        return True
    ok = True
    ours = QTranslator(app)
    qm_dir = paths.bundled_dir("resources") / "translations"
    if ours.load(f"collector_{language}", str(qm_dir)):
        app.installTranslator(ours)
        _installed.append(ours)
    else:
        ok = False
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    return ok


@lru_cache(maxsize=4096)
def _money(minor: int, currency: str, locale: str) -> str:
    return format_minor(minor, currency, locale)


@lru_cache(maxsize=8192)
def _date(value: str, locale: str) -> str:
    from babel.dates import format_date

    return format_date(dt.date.fromisoformat(value[:10]), "medium", locale=_locale(locale))


@lru_cache(maxsize=4096)
def _number(value: float | int, digits: int, locale: str) -> str:
    from babel.numbers import format_decimal

    fmt = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=fmt, locale=_locale(locale))


@lru_cache(maxsize=16)
def _locale(name: str) -> Locale:
    from babel import Locale

    return Locale.parse(name)


class Fmt:
    """Formatting for people, in one Babel locale (cached: tables format the same dates and
    amounts over and over while they repaint)."""

    def __init__(self, locale: str = "en_US") -> None:
        self.locale = locale

    def money(self, minor: int | None, currency: str) -> str:
        if minor is None:
            return ""
        return _money(minor, currency, self.locale)

    def date(self, value: dt.date | str | None) -> str:
        if not value:
            return ""
        return _date(value if isinstance(value, str) else value.isoformat(), self.locale)

    def datetime(self, value: dt.datetime | str | None) -> str:
        if not value:
            return ""
        if isinstance(value, str):
            value = dt.datetime.fromisoformat(value)
        from babel.dates import format_date, format_time

        return (f"{format_date(value.date(), 'medium', locale=self.locale)} "
                f"{format_time(value.time(), 'short', locale=self.locale)}")

    def number(self, value: float | int, digits: int = 0) -> str:
        return _number(value, digits, self.locale)

    def percent(self, value: float) -> str:
        from babel.numbers import format_percent

        return format_percent(value, locale=self.locale)


def tr(text: str, disambiguation: str | None = None) -> str:
    """Translate a window string. One context for the whole window: pyside6-lupdate files
    module-level tr() calls under the empty context, and so does this lookup. The same
    English word used in two senses takes a *disambiguation* ("invoice status")."""
    return QCoreApplication.translate("", text, disambiguation)
