"""Business and client details checked as they are typed: IBAN and BIC (schwifty), Spanish
NIF/NIE/CIF and EU VAT numbers (python-stdnum), email addresses (`core.fields.parse_email`,
the rule the importer and `collector config set` use).

Each check is a pure function: the text as typed in, None when it is fine (or empty), else
one sentence for people in the user's language (gettext). The window shows it under the
field as the user types; `actions.config` refuses what these refuse, so the command line and
the window agree. A tax id of a kind none of the libraries knows (a US EIN, a UK UTR) is left
alone: it cannot be told wrong.
"""

from __future__ import annotations

import re

from collector_gui.core.errors import CollectorError
from collector_gui.core.i18n import _

_SPACES = re.compile(r"[\s.\-/]+")


def _compact(text: str) -> str:
    return _SPACES.sub("", text or "").upper()


def iban(text: str) -> str | None:
    """Why *text* is not an IBAN (None when it is one, or empty)."""
    from schwifty import IBAN
    from schwifty import exceptions as E

    raw = _compact(text)
    if not raw:
        return None
    try:
        IBAN(raw, validate_bban=True)
    except E.InvalidCountryCode:
        return _("An IBAN starts with a country code such as ES or DE; {value} does not.").format(
            value=raw[:2])
    except E.InvalidLength:
        return _("This IBAN has {n} characters; an IBAN of {country} has {expected}.").format(
            n=len(raw), country=raw[:2], expected=_iban_length(raw[:2]) or "?")
    except (E.InvalidChecksumDigits, E.InvalidBBANChecksum):
        return _("This IBAN fails its check digits: a character is mistyped or missing.")
    except E.SchwiftyException:
        return _("This is not a valid IBAN: check it against your bank's papers.")
    return None


def _iban_length(country: str) -> int | None:
    from schwifty import registry

    try:
        return int(registry.get_iban_spec(country).iban_length)
    except Exception:  # an unknown country or a registry of another shape: say "?"
        return None


def bic(text: str) -> str | None:
    """Why *text* is not a BIC/SWIFT code (None when it is one, or empty)."""
    from schwifty import BIC
    from schwifty import exceptions as E

    raw = _compact(text)
    if not raw:
        return None
    if len(raw) not in (8, 11):
        return _("A BIC has 8 or 11 letters and digits, like CAIXESBBXXX; this has {n}.").format(
            n=len(raw))
    try:
        BIC(raw)
    except E.InvalidCountryCode:
        return _("Letters 5 and 6 of a BIC are a country code such as ES; {value} is not.").format(
            value=raw[4:6])
    except E.SchwiftyException:
        return _("This is not a valid BIC: it looks like CAIXESBBXXX (bank, country, place).")
    return None


def _vat_countries() -> set[str]:
    from stdnum.eu import vat

    return {c.upper() for c in vat.MEMBER_STATES} | {"EL"}


def tax_id(text: str) -> str | None:
    """Why *text* is not a Spanish NIF/NIE/CIF or an EU VAT number, when it is meant as one.

    A number with an EU country prefix (ESB12345674, DE136695976) is checked as that
    country's VAT number; nine characters as Spain writes them (12345678Z, X1234567L,
    B12345674) as a NIF, NIE or CIF; anything else is not judged (None)."""
    raw = _compact(text)
    if not raw:
        return None
    prefix = raw[:2]
    if prefix.isalpha() and prefix in _vat_countries() and any(c.isdigit() for c in raw[2:]):
        from stdnum.eu import vat

        if not vat.is_valid(raw):
            return _("This is not a valid {country} VAT number: a character is mistyped or "
                     "missing.").format(country=prefix)
        return None
    if re.fullmatch(r"[0-9XYZKLM][0-9]{7}[A-Z]|[ABCDEFGHJNPQRSUVW][0-9]{7}[0-9A-J]", raw):
        from stdnum.es import nif

        if not nif.is_valid(raw):
            kind = ("NIE" if raw[0] in "XYZ" else "NIF" if raw[0].isdigit() or raw[0] in "KLM"
                    else "CIF")
            return _("This {kind} fails its control character: a character is mistyped.").format(
                kind=kind)
    return None


def email(text: str) -> str | None:
    """Why *text* is not one plain email address (None when it is, or empty)."""
    from collector_gui.core.fields import FieldError, parse_email

    try:
        parse_email(text)
    except (FieldError, CollectorError) as exc:
        return str(exc)
    return None
