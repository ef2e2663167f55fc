"""Headers that parse strictly: Spanish subjects and names with "€", accents and long words,
serialised and read back with email.parser and policy.default, come back exactly, with no
empty encoded word (=?utf-8?q??=, which providers reject), none glued to the next, and no
line longer than 78 characters. email.policy.SMTP's own folding fails this (PLATFORM.md)."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from collector_gui.mail.compose import compose, parse, serialize, with_new_date

ENCODED_WORD = re.compile(rb"=\?([^?\s]*)\?([^?\s]*)\?([^?\s]*)\?=")
LETTERS = "abcdefghijklmnopqrstuvwxyzñáéíóúüÁÉÍÓÚÑ€ABCDEFGXYZ0123456789"
PUNCTUATION = ".,:;()-¿?¡!/'\"=_%&"
WORDS = st.one_of(
    st.sampled_from(["Recordatorio:", "factura", "2026-0042", "pendiente", "de", "pago",
                     "1.815,00 €", "€", "días", "(20", "días,", "Peñalver", "Núñez",
                     "señalización",
                     "extraordinariamente", "anticipación", "=?utf-8?q?x?=", "€€€€€€€€",
                     "Pago vencido", "ÁÉÍÓÚáéíóúñÑ"]),
    st.text(alphabet=LETTERS, min_size=1, max_size=40),
    st.text(alphabet=LETTERS + PUNCTUATION, min_size=1, max_size=90),
)
SUBJECTS = (st.lists(WORDS, min_size=1, max_size=16).map(" ".join)
            .map(lambda s: " ".join(s.split())))


def _header_problems(raw: bytes) -> list[str]:
    head = raw.split(b"\r\n\r\n", 1)[0]
    problems = []
    if not head.isascii():
        problems.append("non-ASCII header")
    for line in head.split(b"\r\n"):
        if len(line) > 78:
            problems.append(f"line of {len(line)}: {line!r}")
    for word in ENCODED_WORD.finditer(head):
        if not word.group(3):
            problems.append(f"empty encoded word {word.group()!r}")
        if len(word.group()) > 75:
            problems.append(f"encoded word of {len(word.group())}")
    if re.search(rb"\?==\?", head):
        problems.append("encoded words glued together")
    return problems


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(subject=SUBJECTS)
@example(subject="Recordatorio: Recordatorio: Recordatorio: Recordatorio: Recordatorio: factura")
@example(subject="pendiente pendiente Recordatorio €€€ Recordatorio Peñalver 1.815,00 € "
                 "Peñalver de € señalización Núñez pendiente €")
@example(subject="días días, €€€ € 2026-0042 factura información días señalización de días "
                 "días, extraordinariamente días,")
def test_any_spanish_subject_reads_back_exactly(subject):
    raw = serialize(compose(sender="marta@example.org", recipient="cuentas@penalver.es",
                            subject=subject, text="Hola"))
    assert _header_problems(raw) == []
    msg = parse(raw)
    assert msg["Subject"] == subject
    assert msg["Subject"].defects == ()
    assert parse(with_new_date(raw))["Subject"] == subject


NAMES = st.lists(st.one_of(
    st.sampled_from(["Begoña", "Núñez", "Peñalver", "&", "Hijos", "S.L.", "Diseño", "de",
                     "Muñoz-Pérez", "García", "O'Neil", "Cía."]),
    st.text(alphabet=LETTERS + ".-'&", min_size=1, max_size=12),
), min_size=1, max_size=8).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(name=NAMES, subject=SUBJECTS)
def test_names_with_accents_read_back_and_the_address_is_untouched(name, subject):
    raw = serialize(compose(sender="marta@example.org", sender_name=name,
                            recipient="cuentas@penalver.es", recipient_name=name,
                            subject=subject, text="Hola"))
    assert _header_problems(raw) == []
    msg = parse(raw)
    for header, address in (("From", "marta@example.org"), ("To", "cuentas@penalver.es")):
        (got,) = msg[header].addresses
        assert got.addr_spec == address
        # Python keeps the space RFC 2047 readers drop between two encoded words; a long
        # run of accented words must be cut, so compare words, not spaces.
        assert got.display_name.split() == name.split(), msg[header]
