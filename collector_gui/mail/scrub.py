"""Taking the SMTP credentials out of whatever a server says, before it is stored or shown.

A server's reply to a failed login may echo what it was sent: the AUTH PLAIN argument
(base64 of "authzid\\0user\\0password"), the AUTH LOGIN lines (base64 of the user, of the
password), or the password itself, in any letter case, and a long token may be split over
the lines of a multi-line reply. Every such form is replaced by "****". Matching is done on a
view of the text without white space, reply codes or enhanced status codes at line starts,
and without letter case; base64-looking runs are also decoded (at each of the four
alignments) and dropped if they hold the password or a large part of it.
"""

from __future__ import annotations

import base64
import binascii
import re

MASK = "****"
_BYTE_ENCODINGS = ("utf-8", "latin-1", "cp1252", "utf-16-le", "utf-16-be")
# What a multi-line reply puts before each line: "535-", "535 ", "5.7.8 ".
_PREFIX = re.compile(r"[ \t]*(?:\d{3}[ -])?(?:[245]\.\d{1,3}\.\d{1,3}\b)?")
_B64_RUN_CS = re.compile(r"[A-Za-z0-9+/_=-]{8,}")


def _encodings(text: str) -> list[bytes]:
    out = []
    for encoding in _BYTE_ENCODINGS:
        try:
            data = text.encode(encoding)
        except UnicodeEncodeError:
            continue
        if data not in out:
            out.append(data)
    return out


def _b64_forms(data: bytes) -> set[str]:
    """base64 (standard and URL-safe) of *data*, without its padding."""
    return {base64.b64encode(data).decode().rstrip("="),
            base64.urlsafe_b64encode(data).decode().rstrip("=")}


def _lower(ch: str) -> str:
    low = ch.lower()
    return low if len(low) == 1 else ch


def _squeeze(text: str) -> str:
    return "".join(_lower(c) for c in text if not c.isspace())


class Scrubber:
    """Knows one user's credentials and removes them from texts and raw replies."""

    def __init__(self, user: str, password: str) -> None:
        self.password = password
        forms: set[str] = set()
        self._raw: list[bytes] = []
        self._secret_bytes: list[bytes] = []
        if password:
            forms.add(password)
            for pw in _encodings(password):
                self._raw.append(pw)
                self._secret_bytes.append(pw)
                forms |= _b64_forms(pw)
                forms.add(pw.hex())
                for us in _encodings(user) if user else [b""]:
                    for authzid in (b"", us):
                        forms |= _b64_forms(authzid + b"\0" + us + b"\0" + pw)
        if user and password:
            for us in _encodings(user):
                forms |= _b64_forms(us)  # what AUTH LOGIN sends first
        self._forms = sorted({_squeeze(f) for f in forms if _squeeze(f)}, key=len, reverse=True)
        # A piece of the password this long found in decoded base64 counts as a leak.
        self._piece = max(4, len(password) // 2) if password else 0

    def __bool__(self) -> bool:
        return bool(self.password)

    # -- raw bytes (a reply before it is decoded) ------------------------------------------------

    def scrub_bytes(self, data: bytes) -> bytes:
        for form in sorted(self._raw, key=len, reverse=True):
            data = re.sub(re.escape(form), MASK.encode(), data, flags=re.IGNORECASE)
        return data

    # -- text --------------------------------------------------------------------------------

    def scrub(self, text: str) -> str:
        if not self.password or not text:
            return text
        view, where = self._view(text)
        spans: list[tuple[int, int]] = []
        for form in self._forms:
            start = view.find(form)
            while start >= 0:
                spans.append((where[start], where[start + len(form) - 1] + 1))
                start = view.find(form, start + 1)
        for run in self._runs(text, view, where):
            spans.append(run)
        return _mask(text, spans)

    def _view(self, text: str) -> tuple[str, list[int]]:
        """The text without spaces, line prefixes and case, with each character's origin."""
        chars: list[str] = []
        where: list[int] = []
        i = 0
        at_line_start = True
        while i < len(text):
            if at_line_start:
                at_line_start = False
                i = _PREFIX.match(text, i).end()  # type: ignore[union-attr]
                continue
            ch = text[i]
            if ch in "\r\n":
                at_line_start = True
            elif not ch.isspace():
                chars.append(_lower(ch))
                where.append(i)
            i += 1
        return "".join(chars), where

    def _runs(self, text: str, view: str, where: list[int]) -> list[tuple[int, int]]:
        """Spans of base64-looking runs that decode to the password or a large part of it."""
        # Decoding needs the original letter case: rebuild the view with it.
        cased = "".join(text[i] for i in where)
        spans = []
        for match in _B64_RUN_CS.finditer(cased):
            if self._holds_secret(match.group()):
                spans.append((where[match.start()], where[match.end() - 1] + 1))
        return spans

    def _holds_secret(self, run: str) -> bool:
        run = run.rstrip("=").replace("-", "+").replace("_", "/").replace("=", "")
        for offset in range(4):
            chunk = run[offset:]
            chunk = chunk[: len(chunk) - len(chunk) % 4]
            if len(chunk) < 4:
                break
            try:
                decoded = base64.b64decode(chunk, validate=False)
            except (binascii.Error, ValueError):
                continue
            for secret in self._secret_bytes:
                if len(secret) <= self._piece:
                    if secret in decoded:
                        return True
                    continue
                for start in range(len(secret) - self._piece + 1):
                    if secret[start:start + self._piece] in decoded:
                        return True
        return False


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return text
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out = []
    last = 0
    for start, end in merged:
        out.append(text[last:start])
        out.append(MASK)
        last = end
    out.append(text[last:])
    return "".join(out)
