"""An address is one plain local@domain: whatever else RFC 5322 could read into the field
(a group, a comment, quotes, a name, a second address, a line break) is refused with a
reason, because the mail would go somewhere else than the screen shows."""

from __future__ import annotations

import pytest

from collector_gui.core.fields import FieldError, parse_email
from collector_gui.mail.compose import ComposeError, compose

REFUSED = [
    ("billing:boss@example.com", "':' cannot be in the part before the @"),
    ("billing: boss@example.com;", "more than one"),
    ("a(b)@example.com", "'(' cannot be in the part before the @"),
    ("ana@example.com(Ana)", "is not a domain name"),
    ('"a b"@example.com', "quotes"),
    ('"ana"@example.com', "quotes"),
    ("Ana <ana@example.com>", "a name or <>"),
    ("<ana@example.com>", "a name or <>"),
    ("ana@example.com, bob@example.com", "more than one"),
    ("ana@example.com;bob@example.com", "more than one"),
    ("ana@example.com bob@example.com", "more than one"),
    ("ana@bob@example.com", "more than one"),
    ("ana@example.com\r\nBcc: spy@example.net", "line break"),
    ("ana@example.com\nBcc: spy@example.net", "line break"),
    ("ana\r@example.com", "line break"),
    ("ana\u202e@example.com", "control character"),  # right-to-left override
    ("Ana García ana@example.com", "space"),
    ("ana @example.com", "space"),
    ("ana", "is not an email address"),
    ("@example.com", "something is missing"),
    ("ana@", "something is missing"),
    (".ana@example.com", "dot"),
    ("ana.@example.com", "dot"),
    ("an..a@example.com", "dot"),
    ("ana@example", "is not a domain name"),
    ("ana@example..com", "is not a domain name"),
    ("ana@-example.com", "is not a domain name"),
    ("ana@exam_ple.com", "is not a domain name"),
    ("ana@[192.0.2.1]", "is not a domain name"),
    ("ana@192.0.2.1", "is not a domain name"),
    ("ana\\b@example.com", "'\\\\' cannot be in the part before the @"),
    ("a" * 65 + "@example.com", "too long"),
    ("ana@" + "a" * 64 + ".com", "is not a domain name"),
]

ACCEPTED = [
    "ana@example.es",
    "Ana.Garcia+facturas@sub.example.co.uk",
    "o'neil@example.ie",
    "billing-dept_2@example.com",
    "josé@example.es",
    "ana@münchen.de",
    "ñandú@ñandú.es",
    "x@xn--mnchen-3ya.de",
]


@pytest.mark.parametrize("text, reason", REFUSED, ids=[repr(t) for t, _r in REFUSED])
def test_refused_with_a_reason(text, reason):
    with pytest.raises(FieldError) as info:
        parse_email(text)
    assert reason in str(info.value)
    with pytest.raises(ComposeError, match="The recipient address is not valid"):
        compose(sender="marta@example.org", recipient=text, subject="s", text="t")


@pytest.mark.parametrize("text", ACCEPTED)
def test_plain_addresses_pass_unchanged(text):
    assert parse_email(f"  {text} ") == text
    compose(sender="marta@example.org", recipient=text, subject="s", text="t")


def test_nothing_is_no_address():
    assert parse_email("") == "" and parse_email("   ") == ""
