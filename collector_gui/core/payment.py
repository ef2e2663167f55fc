"""How a client pays an amount in one currency: the business's details for that currency, and
one short reference.

A reminder that shows the EUR IBAN to a client who owes dollars sends the money astray (or
back, with fees), so details are per currency (`business.pay.<CODE>` settings) and none are
shown where none fits: the message then asks the client to reply for them. EUR falls back
to the long-standing business.iban/business.bic. Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from collector_gui.core import settings as S

# What a bank lets a payer type as a reference: SEPA's remittance field is 140 characters,
# but many banking apps cut at 35, and a list of eleven invoice numbers is not a reference.
MAX_REFERENCE = 35
_BIC_RE = re.compile(r"[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?")
_LINK_RE = re.compile(r"https?://\S+", re.IGNORECASE)


def compact(text: str) -> str:
    return "".join((text or "").split()).upper()


def iban_ok(iban: str) -> bool:
    """ISO 13616: country, check digits, mod 97."""
    code = compact(iban)
    if not (15 <= len(code) <= 34) or not code.isascii() or not code.isalnum():
        return False
    if not (code[:2].isalpha() and code[2:4].isdigit()):
        return False
    return int("".join(str(int(ch, 36)) for ch in code[4:] + code[:4])) % 97 == 1


def grouped(iban: str) -> str:
    code = compact(iban)
    return " ".join(code[i:i + 4] for i in range(0, len(code), 4))


@dataclass(frozen=True, slots=True)
class PaymentDetails:
    """What a client needs to pay in one currency; all empty: nothing fits."""

    currency: str
    iban: str = ""  # compact
    bic: str = ""
    account: str = ""  # an account in words (ACH, sort code, …)
    link: str = ""  # a payment page
    instructions: str = ""  # the business's free text (shown with EUR, as before)

    @property
    def empty(self) -> bool:
        return not (self.iban or self.account or self.link)

    @property
    def iban_grouped(self) -> str:
        return grouped(self.iban) if self.iban else ""


def parse_details(currency: str, text: str) -> PaymentDetails:
    """A business.pay.<CODE> value: a link, an IBAN (with a BIC after it), or account text."""
    text = (text or "").strip()
    link_match = _LINK_RE.search(text)
    if link_match:
        rest = (text[:link_match.start()] + text[link_match.end():]).strip(" \n;,")
        return PaymentDetails(currency, link=link_match.group(0), account=rest)
    words = text.replace(",", " ").replace(";", " ").split()
    # An IBAN typed in groups of four: take words while they build one.
    for end in range(len(words), 0, -1):
        head = "".join(w for w in words[:end] if w.upper() not in ("IBAN", "IBAN:"))
        if iban_ok(head):
            tail = [w.upper().strip(":") for w in words[end:]]
            bic = next((w for w in tail if _BIC_RE.fullmatch(w)), "")
            return PaymentDetails(currency, iban=compact(head), bic=bic)
    return PaymentDetails(currency, account=text)


def payment_details(settings: S.Settings, currency: str) -> PaymentDetails:
    """The details for *currency*: its business.pay setting, else (EUR only) business.iban."""
    return details_for(currency, settings.payment_texts(), iban=settings.get(S.BUSINESS_IBAN),
                       bic=settings.get(S.BUSINESS_BIC),
                       instructions=settings.get(S.BUSINESS_PAYMENT_INSTRUCTIONS))


def details_for(currency: str, texts: Mapping[str, str], *, iban: str = "", bic: str = "",
                instructions: str = "") -> PaymentDetails:
    """payment_details from the values themselves (*texts*: business.pay.<CODE> by code), as
    the PDFs have them."""
    currency = currency.upper()
    instructions = (instructions or "").strip()
    text = (texts.get(currency) or "").strip()
    if text:
        found = parse_details(currency, text)
        if currency == "EUR":
            found = PaymentDetails(found.currency, found.iban, found.bic, found.account,
                                   found.link, instructions)
        return found
    if currency == "EUR":
        if compact(iban):
            return PaymentDetails("EUR", iban=compact(iban), bic=compact(bic),
                                  instructions=instructions)
        if instructions:
            return PaymentDetails("EUR", account=instructions)
    return PaymentDetails(currency)


def reference(numbers: Sequence[str]) -> str:
    """One short reference for a payment of the invoices *numbers* (one currency, oldest
    first): every number, space-separated, when they fit in 35 characters; else the oldest.

    Every number, because a transfer quoting them all for their sum is recorded against them
    when the statement is read (core/matching.py); quoting the oldest alone, a client who
    paid two invoices as asked left a payment larger than the one it named, unmatched."""
    cleaned = [" ".join(n.split()) for n in numbers if n.strip()]
    every = " ".join(dict.fromkeys(cleaned))
    if len(every) <= MAX_REFERENCE:
        return every
    return cleaned[0][:MAX_REFERENCE]
