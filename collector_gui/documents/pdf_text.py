"""Text that always prints, and figures in the client's language.

The embedded Unicode font (DejaVu Sans, shipped in resources/fonts with its licence) is
registered once per process, under a lock, so documents may be rendered on a worker
thread. `TextFitter` turns user text into reportlab markup: Chinese, Japanese and Korean
through reportlab's CID fonts, any other character the font lacks as '?' (remembered, so
the action can warn) and never a silent empty box. `Formatter` formats amounts, dates and
numbers with Babel.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import threading
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

from babel.dates import format_date
from babel.numbers import format_decimal
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont

from collector_gui import paths
from collector_gui.core.money import format_minor, minor_digits
from collector_gui.documents.labels import BABEL_LOCALES

FONT = "CollectorSans"
FONT_BOLD = "CollectorSans-Bold"
FONT_FILES = {FONT: "DejaVuSans.ttf", FONT_BOLD: "DejaVuSans-Bold.ttf"}
# reportlab's CID fonts for Chinese, Japanese and Korean: not embedded (every PDF viewer
# brings its own, or Adobe's language packs); DejaVu Sans has no CJK glyphs.
CJK_FONTS = {"han": "STSong-Light", "kana": "HeiseiKakuGo-W5", "hangul": "HYGothic-Medium"}
REPLACEMENT = "?"


# -- fonts ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _FontSet:
    regular: frozenset[str]  # characters DejaVu Sans can print
    bold: frozenset[str]


_font_lock = threading.Lock()
_fonts: _FontSet | None = None
_cid_registered: set[str] = set()


def fonts_dir() -> Path:
    return paths.bundled_dir("resources") / "fonts"


def fonts() -> _FontSet:
    """Register the embedded fonts (once) and say which characters they cover."""
    global _fonts
    if _fonts is not None:
        return _fonts
    with _font_lock:
        if _fonts is None:
            folder = fonts_dir()
            covered = {}
            for name, filename in FONT_FILES.items():
                font = TTFont(name, str(folder / filename))
                pdfmetrics.registerFont(font)
                covered[name] = frozenset(map(chr, font.face.charToGlyph))
            pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT,
                                          boldItalic=FONT_BOLD)
            _fonts = _FontSet(covered[FONT], covered[FONT_BOLD])
    return _fonts


def _cid_font(script: str) -> str:
    name = CJK_FONTS[script]
    if name not in _cid_registered:
        with _font_lock:
            if name not in _cid_registered:
                pdfmetrics.registerFont(UnicodeCIDFont(name))
                _cid_registered.add(name)
    return name


def cjk_script(ch: str) -> str | None:
    """'kana', 'hangul' or 'han' for the characters reportlab's CID fonts print."""
    cp = ord(ch)
    if 0x3040 <= cp <= 0x30FF or 0x31F0 <= cp <= 0x31FF or 0xFF65 <= cp <= 0xFF9F:
        return "kana"
    if 0xAC00 <= cp <= 0xD7AF or 0x1100 <= cp <= 0x11FF or 0x3130 <= cp <= 0x318F:
        return "hangul"
    if (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0xF900 <= cp <= 0xFAFF
            or 0x3000 <= cp <= 0x303F or 0xFF00 <= cp <= 0xFF64):
        return "han"
    return None


def _ignorable(ch: str) -> bool:
    """Invisible characters that may be dropped when the font lacks them: format
    characters (zero-width space and joiners, BOM) and variation selectors. Combining
    marks are not: a Thai vowel sign dropped would change the name, so it prints as '?'."""
    return unicodedata.category(ch) == "Cf" or 0xFE00 <= ord(ch) <= 0xFE0F


class TextFitter:
    """Turns user text into something reportlab prints: escaped paragraph markup, CJK runs
    in a CID font, and any other character the embedded font lacks as '?' (remembered in
    `replaced`, so the caller can warn) — never a silent empty box."""

    def __init__(self) -> None:
        fs = fonts()
        self._covered = {False: fs.regular, True: fs.bold}
        self._markup_cache: dict[tuple[str, bool], str] = {}
        self._plain_cache: dict[str, str | None] = {}
        self.replaced: dict[str, int] = {}

    @staticmethod
    def clean(text: object) -> str:
        """NFC, newlines as \\n, tabs as spaces, other control characters dropped."""
        s = unicodedata.normalize("NFC", str(text or ""))
        if s.isascii() and s.isprintable():
            return s
        s = s.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
        return "".join(ch for ch in s if ch == "\n" or unicodedata.category(ch) != "Cc")

    def markup(self, text: object, bold: bool = False) -> str:
        """Paragraph markup for *text* (newlines become line breaks)."""
        key = (text if isinstance(text, str) else str(text or ""), bold)
        hit = self._markup_cache.get(key)
        if hit is not None:
            return hit
        s = self.clean(key[0])
        covered = self._covered[bold]
        if covered.issuperset(s.replace("\n", "")):
            out = escape(s)
        else:
            out = self._mixed(s, covered)
        out = out.replace("\n", "<br/>")
        self._markup_cache[key] = out
        return out

    def _mixed(self, s: str, covered: frozenset[str]) -> str:
        scripts = {cjk_script(ch) for ch in s if ch not in covered} - {None}
        # Han characters go with the Japanese font in Japanese text, the Korean one in Korean.
        han_as = "kana" if "kana" in scripts else "hangul" if "hangul" in scripts else "han"
        parts: list[str] = []
        run_font: str | None = None
        run: list[str] = []

        def flush() -> None:
            if run:
                text = escape("".join(run))
                parts.append(f'<font name="{run_font}">{text}</font>' if run_font else text)
                run.clear()

        for ch in s:
            if ch in covered or ch == "\n":
                font = None
            else:
                script = cjk_script(ch)
                if script is not None:
                    font = _cid_font(han_as if script == "han" else script)
                elif _ignorable(ch):
                    continue
                else:
                    self.replaced[ch] = self.replaced.get(ch, 0) + 1
                    ch, font = REPLACEMENT, None
            if font != run_font:
                flush()
                run_font = font
            run.append(ch)
        flush()
        return "".join(parts)

    def bold_ok(self, text: str) -> bool:
        """Whether the bold face has every character of *text*."""
        return self._covered[True].issuperset(text)

    def plain(self, text: object) -> str | None:
        """One line of text for canvas.drawString or a table cell, or None when it needs a
        CID font (then use `markup` in a Paragraph)."""
        key = text if isinstance(text, str) else str(text or "")
        if key in self._plain_cache:
            return self._plain_cache[key]
        s = self.clean(key).replace("\n", " ")
        covered = self._covered[False]
        out: str | None = s
        if not covered.issuperset(s):
            chars = []
            for ch in s:
                if ch in covered:
                    chars.append(ch)
                elif cjk_script(ch) is not None:
                    out = None
                    break
                elif not _ignorable(ch):
                    self.replaced[ch] = self.replaced.get(ch, 0) + 1
                    chars.append(REPLACEMENT)
            else:
                out = "".join(chars)
        self._plain_cache[key] = out
        return out


# -- formatting -------------------------------------------------------------------------------

class _MoneyShape:
    """How Babel formats one currency in one locale, learnt from Babel's own output, so a
    long statement need not call Babel (about 25 µs an amount) for every figure. Checked
    against Babel on probe amounts when made; `None` from `learn` means "ask Babel"."""

    __slots__ = ("digits", "group", "decimal", "pos", "neg")

    def __init__(self, digits, group, decimal, pos, neg) -> None:
        self.digits, self.group, self.decimal, self.pos, self.neg = (
            digits, group, decimal, pos, neg)

    @classmethod
    def learn(cls, currency: str, locale: str) -> _MoneyShape | None:
        digits = minor_digits(currency)
        probe = 1234567 * 10**digits + (int("89"[:digits].ljust(digits, "0")) if digits else 0)
        shapes = []
        for value in (probe, -probe):
            text = format_minor(value, currency, locale)
            start = text.find("1")
            end = max(text.rfind(ch) for ch in "0123456789") + 1
            number = text[start:end]
            match = re.fullmatch(r"1(\D)234(\D)567" + (r"(\D)" + r"\d" * digits if digits
                                                         else r"()"), number)
            if start < 0 or match is None or match.group(1) != match.group(2):
                return None
            shapes.append((match.group(1), match.group(3), (text[:start], text[end:])))
        (group, decimal, pos), (group2, decimal2, neg) = shapes
        if (group, decimal) != (group2, decimal2):
            return None
        shape = cls(digits, group, decimal, pos, neg)
        for value in (0, 1, 7, 99, 100, 1000, 99999, 10**digits * 1000, 10**(digits + 3) - 1,
                      987654321987, -1, -100000, 10**(digits + 6)):
            if shape.format(value) != format_minor(value, currency, locale):
                return None
        return shape

    def format(self, minor: int) -> str:
        whole, frac = divmod(abs(minor), 10**self.digits)
        number = f"{whole:,}".replace(",", self.group)
        if self.digits:
            number += f"{self.decimal}{frac:0{self.digits}d}"
        before, after = self.neg if minor < 0 else self.pos
        return f"{before}{number}{after}"


@functools.cache
def _money_shape(currency: str, locale: str) -> _MoneyShape | None:
    return _MoneyShape.learn(currency, locale)


class Formatter:
    """Amounts, dates and numbers in the client's language, through Babel."""

    def __init__(self, language: str) -> None:
        self.locale = BABEL_LOCALES.get(language, "en")
        self._money: dict[tuple[int, str], str] = {}
        self._dates: dict[dt.date, str] = {}
        self._ints: dict[int, str] = {}

    def money(self, minor: int, currency: str) -> str:
        """As core.money.format_minor (Babel) prints it; a test holds them equal."""
        key = (minor, currency)
        hit = self._money.get(key)
        if hit is None:
            shape = _money_shape(currency, self.locale)
            hit = (shape.format(minor) if shape is not None
                   else format_minor(minor, currency, self.locale))
            self._money[key] = hit
        return hit

    def date(self, day: dt.date | None) -> str:
        if day is None:
            return ""
        hit = self._dates.get(day)
        if hit is None:
            hit = self._dates[day] = format_date(day, "medium", locale=self.locale)
        return hit

    def datetime(self, moment: dt.datetime) -> str:
        return f"{self.date(moment.date())} {moment:%H:%M}"

    def percent(self, rate: Decimal) -> str:
        number = format_decimal(rate, format="#,##0.###", locale=self.locale)
        return f"{number}\u00a0%" if self.locale.startswith("es") else f"{number}%"

    def quantity(self, qty: Decimal) -> str:
        return format_decimal(qty, locale=self.locale, decimal_quantization=False)

    def integer(self, n: int) -> str:
        hit = self._ints.get(n)
        if hit is None:
            hit = self._ints[n] = format_decimal(n, locale=self.locale)
        return hit
