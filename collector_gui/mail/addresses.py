"""Addresses as they go on the wire: the domain as IDNA (punycode), the part before the @
as typed, and whether that part needs the server's SMTPUTF8 extension (RFC 6531).

`core.fields.parse_email` decides what an address may look like; this only turns an address
it accepted into what SMTP and 7-bit headers can carry.
"""

from __future__ import annotations


def ascii_domain(domain: str) -> str:
    """The domain in ASCII: "münchen.de" -> "xn--mnchen-3ya.de" (ValueError if it cannot be)."""
    if domain.isascii():
        return domain
    try:
        return domain.encode("idna").decode("ascii")
    except UnicodeError as exc:
        raise ValueError(str(exc)) from None


def split(address: str) -> tuple[str, str]:
    local, at, domain = address.strip().rpartition("@")
    if not at or not local or not domain:
        raise ValueError(address)
    return local, domain


def wire_address(address: str) -> tuple[str, bool]:
    """(the address for MAIL FROM / RCPT TO, whether it needs SMTPUTF8)."""
    local, domain = split(address)
    return f"{local}@{ascii_domain(domain)}", not local.isascii()


def needs_utf8(address: str) -> bool:
    """Whether the part before the @ has characters beyond ASCII (accents, other scripts)."""
    local, _domain = split(address)
    return not local.isascii()
