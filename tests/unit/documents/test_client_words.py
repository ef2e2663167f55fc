"""How a reminder addresses the client: CLDR currency spacing, first names, Spanish
salutations, and the locale a client's address gives."""

from __future__ import annotations

import pytest

from collector_gui.core.model import Client
from collector_gui.core.money import currency_spacing, format_minor
from collector_gui.core.payment import parse_details, reference
from collector_gui.documents.addressing import (
    client_locale,
    country_of,
    first_name,
    spanish_salutation,
)

NBSP = "\u00a0"


@pytest.mark.parametrize("minor, currency, locale, expected", [
    (1443314, "KWD", "en", f"KWD{NBSP}1,443.314"),  # letters next to a digit: a space
    (-1443314, "KWD", "en_GB", f"-KWD{NBSP}1,443.314"),
    (123450, "USD", "en_GB", "US$1,234.50"),  # "$" is a symbol: no space
    (123450, "USD", "es_ES", f"1234,50{NBSP}US$"),  # Babel's own space kept, none added
    (123450, "EUR", "en", "€1,234.50"),
    (123450, "EUR", "es_MX", f"EUR{NBSP}1,234.50"),
    (184000, "JPY", "es_MX", f"JPY{NBSP}184,000"),
    (184000, "JPY", "en_GB", "JP¥184,000"),
])
def test_cldr_currency_spacing(minor, currency, locale, expected):
    assert format_minor(minor, currency, locale).replace("1.234,50", "1234,50") == expected


def test_currency_spacing_rule_on_its_own():
    assert currency_spacing("KWD1.000", "KWD") == f"KWD{NBSP}1.000"
    assert currency_spacing("1.000KWD", "KWD") == f"1.000{NBSP}KWD"  # after the number
    assert currency_spacing("1.000 KWD", "KWD") == "1.000 KWD"  # a space already
    assert currency_spacing("$1.00", "$") == "$1.00"


@pytest.mark.parametrize("client, name", [
    (Client("Taylor & Webb Ltd", billing_name="Accounts Payable (Grace Taylor)"), "Grace"),
    (Client("HN SL", billing_name="José Ángel Hernández Núñez"), "José Ángel"),
    (Client("Acme", billing_name="María López García"), "María"),
    (Client("Acme", billing_name="Mr Smith"), ""),  # a surname only: no first name
    (Client("Acme", billing_name="Dr. Ana Ruiz"), "Ana"),
    (Client("Acme", billing_name="Accounts Payable"), ""),  # a role, not a person
    (Client("Contabilidad", billing_name="Departamento de Contabilidad"), ""),
    (Client("Globex Solutions Ltd"), ""),  # a company without a person
    (Client("Acme"), ""),
    (Client("Lucía Martín"), "Lucía"),  # a client who is a person
    (Client("Ramón Gutiérrez Rubio"), "Ramón"),
    # companies written with dots: not "Estimado/a Consultoría:"
    (Client("Consultoría Los Álamos S.L."), ""),
    (Client("Molina y Echeverría Cerámicas S.A."), ""),
    (Client("Northwind & Walker Inc."), ""),
    (Client("Transportes Suárez e Hijos"), ""),
    (Client("Acme", billing_name="D.ª Carmen Vidal"), "Carmen"),
])
def test_first_name_to_greet(client, name):
    assert first_name(client) == name


def test_spanish_salutation():
    assert spanish_salutation("María") == "Estimada"
    assert spanish_salutation("José Ángel") == "Estimado"
    assert spanish_salutation("Alex") == "Estimado/a"


@pytest.mark.parametrize("language, address, locale", [
    ("en", "12 Fleet Street\nLondon EC4Y 1AA", "en_GB"),
    ("en", "1 Main St\nAustin, TX 78701\nUSA", "en_US"),
    ("en", "Grafton Street\nDublin 2\nIreland", "en_IE"),
    ("en", "", "en"),
    ("es", "Av. Reforma 222\n06600 Ciudad de México\nMéxico", "es_MX"),
    ("es", "Calle Mayor 5\n28013 Madrid", "es_ES"),
    ("es", "", "es_ES"),
    ("es", "12 Fleet Street\nLondon EC4Y 1AA", "es_ES"),  # no Spanish of Britain
])
def test_locale_from_language_and_address(language, address, locale):
    assert client_locale(Client("X", language=language, address=address)) == locale


def test_country_reads_the_last_lines():
    assert country_of("Calle de Londres 3\n28028 Madrid\nEspaña") == "ES"


def test_payment_details_and_reference():
    ach = parse_details("USD", "ACH routing 026009593, account 1234567890")
    assert ach.account.startswith("ACH") and not ach.iban
    gb = parse_details("GBP", "GB33 BUKB 2020 1555 5555 55, BIC BUKBGB22")
    assert (gb.iban, gb.bic) == ("GB33BUKB20201555555555", "BUKBGB22")
    link = parse_details("USD", "https://pay.example.com/sam card or Apple Pay")
    assert link.link == "https://pay.example.com/sam" and link.account == "card or Apple Pay"
    # every invoice the payment is for, when they fit in 35 characters; else the oldest
    assert reference(["INV-2026-111", "INV-2026-112"]) == "INV-2026-111 INV-2026-112"
    assert reference(["2026-0001", " 2026-0002 ", "2026-0001"]) == "2026-0001 2026-0002"
    assert reference(["INV-2026-111", "INV-2026-112", "INV-2026-113"]) == "INV-2026-111"
    assert len(reference(["X" * 80])) == 35
    assert reference([]) == ""
