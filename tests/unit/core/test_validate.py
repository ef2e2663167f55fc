"""core/validate.py: real IBANs, BICs, Spanish NIF/NIE/CIF, EU VAT numbers and emails, valid
and mistyped, in both languages; and `collector config set` refusing what it refuses."""

from __future__ import annotations

import pytest

from collector_gui.actions import config
from collector_gui.core import i18n
from collector_gui.core import validate
from collector_gui.core.errors import CollectorError
from collector_gui.ledger.store import Store


@pytest.fixture(autouse=True)
def _english():
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.mark.parametrize("text", [
    "ES9121000418450200051332", "ES91 2100 0418 4502 0005 1332", "es7921000813610123456789",
    "DE89370400440532013000", "GB33BUKB20201555555555", "FR1420041010050500013M02606",
    "NL91ABNA0417164300", "",
])
def test_valid_ibans(text):
    assert validate.iban(text) is None


@pytest.mark.parametrize("text, words", [
    ("ES9121000418450200051333", "check digits"),   # last digit mistyped
    ("ES9221000418450200051332", "check digits"),   # IBAN check digits wrong
    ("DE89370400440532013001", "check digits"),
    ("ES91210004184502", "16 characters; an IBAN of ES has 24"),
    ("XX9121000418450200051332", "country code"),
])
def test_invalid_ibans(text, words):
    assert words in validate.iban(text)


@pytest.mark.parametrize("text", ["CAIXESBBXXX", "CAIXESBB", "DEUTDEFF", "BSCHESMM", ""])
def test_valid_bics(text):
    assert validate.bic(text) is None


@pytest.mark.parametrize("text, words", [
    ("CAIXESB", "8 or 11"), ("CAIXESBBXX", "8 or 11"), ("CAIXXXBBXXX", "country code"),
])
def test_invalid_bics(text, words):
    assert words in validate.bic(text)


@pytest.mark.parametrize("text", [
    "12345678Z", "00000000T", "X1234567L", "Y1234567X", "B12345674", "A58818501",  # ES
    "ESB12345674", "ES12345678Z", "ESX1234567L", "DE136695976", "FR40303265045",
    "NL004495445B01", "ATU13585627", "EL094259216",                                 # EU VAT
    "12-3456789", "",                                                               # not judged
])
def test_valid_or_unjudged_tax_ids(text):
    assert validate.tax_id(text) is None


@pytest.mark.parametrize("text, words", [
    ("12345678A", "NIF"), ("X1234567M", "NIE"), ("B12345675", "CIF"),
    ("ESB12345675", "ES VAT number"), ("DE136695977", "DE VAT number"),
    ("FR40303265046", "FR VAT number"),
])
def test_invalid_tax_ids(text, words):
    assert words in validate.tax_id(text)


@pytest.mark.parametrize("text", ["marta@example.es", "josé@café.es", ""])
def test_valid_emails(text):
    assert validate.email(text) is None


@pytest.mark.parametrize("text", ["marta@", "@example.es", "marta@example", "marta example.es",
                                  "Marta <marta@example.es>", "a@b.es, c@d.es"])
def test_invalid_emails(text):
    assert validate.email(text)


def test_messages_in_spanish():
    i18n.set_language("es")
    assert "dígitos de control" in validate.iban("ES9121000418450200051333")
    assert "24" in validate.iban("ES91210004184502")
    assert "BIC" in validate.bic("CAIXESB") and "tiene 7" in validate.bic("CAIXESB")
    assert "carácter de control" in validate.tax_id("12345678A")
    assert "IVA" in validate.tax_id("ESB12345675")
    assert "no es una dirección de correo" in validate.email("marta@")


def test_config_refuses_a_wrong_iban_or_bic(ledger):
    store = Store(ledger)
    with pytest.raises(CollectorError, match="check digits"):
        config.config_set(store, "business.iban", "ES9121000418450200051333")
    with pytest.raises(CollectorError, match="8 or 11"):
        config.config_set(store, "business.bic", "CAIXESB")
    config.config_set(store, "business.iban", "ES91 2100 0418 4502 0005 1332")
    assert store.settings()["business.iban"] == "ES91 2100 0418 4502 0005 1332"
