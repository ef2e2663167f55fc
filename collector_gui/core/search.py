"""Search that forgives case and accents in any script.

SQLite's LIKE folds only ASCII letters, so "gutierrez" never found "Gutiérrez". Each searched
row keeps a *search key*: its searched columns folded once, when written (clients.search_key,
invoices.search_key, contact_events.search_key; see ledger/migrations.m005_search_keys), and a
search folds the typed text the same way and looks for it in the key. Changing fold() changes
every key: that takes a new migration step that recomputes them.

Folding: Unicode compatibility decomposition (NFKD: "ﬁ" -> "fi", "²" -> "2"), combining marks
dropped (é -> e, Å -> A, Й -> И, Greek tonos), then full case folding (ß -> ss, final ς -> σ,
Cyrillic and Greek capitals). A few Latin letters that carry their mark inside the letter and
so do not decompose are mapped to the letter people type on an English or Spanish keyboard:
Turkish dotless ı -> i (so "isik" finds "Işık"; İ already decomposes to I + dot), ø -> o,
ł -> l, đ/ð -> d, æ -> ae, œ -> oe, þ -> th. A search box should rather find too much than
miss the row the user is looking at.
"""

from __future__ import annotations

import unicodedata

# Joins a row's folded columns in its key: a control character nobody types in a search.
SEPARATOR = "\x1f"
# A column is searched in its first this many characters: a queued email's body is the whole
# raw message with its PDFs until it is sent, and a search never looks that deep.
COLUMN_LIMIT = 10_000

_LETTERS = str.maketrans({
    "ı": "i", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "æ": "ae", "œ": "oe", "þ": "th",
    "ħ": "h", "ŧ": "t",
})

# Japanese voicing marks decompose as combining marks, but カ and ガ are different sounds,
# not one letter with an accent: they are kept.
_KEPT_MARKS = {"\u3099", "\u309a"}


def _unmarked(text: str) -> str:
    return "".join(c for c in text if c in _KEPT_MARKS or not unicodedata.combining(c))


def fold(text: str | None) -> str:
    """*text* without case or accents: what a search compares."""
    if not text:
        return ""
    plain = _unmarked(unicodedata.normalize("NFKD", text))
    # casefold can itself produce decomposable letters (rare): decompose once more.
    return _unmarked(unicodedata.normalize("NFKD", plain.casefold().translate(_LETTERS)))


def key(*columns: str | None) -> str:
    """The search key of a row: its searched columns folded, joined by SEPARATOR."""
    return SEPARATOR.join(fold((c or "")[:COLUMN_LIMIT]) for c in columns)


def client_key(name: str | None, email: str | None, billing_name: str | None,
               billing_email: str | None) -> str:
    return key(name, email, billing_name, billing_email)


def invoice_key(number: str | None, description: str | None) -> str:
    return key(number, description)


def event_key(subject: str | None, body: str | None) -> str:
    return key(subject, body)

