"""An invoice says how to pay *its* currency: a dollar invoice never shows the euro IBAN (the
client would pay into an account that sends the money back, with fees), as the reminder
email that attaches it does not either."""

from __future__ import annotations

import datetime as dt

from docs_helpers import add_invoice, pdf_pages, set_business

from collector_gui.actions.documents import invoice_pdf
from collector_gui.core.model import Client

EUR_IBAN = "ES9121000418450200051332"
OTHER_EUR_IBAN = "DE89370400440532013000"


def _text(store, number, tmp_path) -> str:
    return " ".join(pdf_pages(invoice_pdf(store, number, tmp_path / f"{number}.pdf")))


def test_a_dollar_invoice_without_dollar_details_asks_the_client_to_reply(docs_store, tmp_path):
    set_business(docs_store)
    client = docs_store.add_client(Client("Acme Inc", currency="USD"))
    add_invoice(docs_store, client, "U-1", dt.date(2026, 10, 1), total=120_000)
    text = _text(docs_store, "U-1", tmp_path).replace(" ", "")
    assert "2100" not in text and "IBAN" not in text and "Bizum" not in text
    assert "paymentdetailsforUSD" in text


def test_a_dollar_invoice_shows_the_dollar_account(docs_store, tmp_path):
    set_business(docs_store, **{"business.pay.USD": "Chase, ACH routing 021000021, "
                                                    "account 000123456789"})
    client = docs_store.add_client(Client("Acme Inc", currency="USD"))
    add_invoice(docs_store, client, "U-2", dt.date(2026, 10, 1), total=120_000)
    text = _text(docs_store, "U-2", tmp_path).replace(" ", "")
    assert "021000021" in text and "000123456789" in text
    assert "ES91" not in text


def test_a_euro_invoice_uses_the_euro_setting_over_the_old_iban(docs_store, tmp_path):
    set_business(docs_store, **{"business.pay.EUR": f"{OTHER_EUR_IBAN} COBADEFFXXX"})
    client = docs_store.add_client(Client("Müller GmbH", currency="EUR"))
    add_invoice(docs_store, client, "E-1", dt.date(2026, 10, 1), total=50_000)
    text = _text(docs_store, "E-1", tmp_path).replace(" ", "")
    assert OTHER_EUR_IBAN in text and "COBADEFFXXX" in text
    assert EUR_IBAN not in text


def test_a_euro_invoice_keeps_the_business_iban(docs_store, tmp_path):
    set_business(docs_store)
    client = docs_store.add_client(Client("Müller GmbH", currency="EUR"))
    add_invoice(docs_store, client, "E-2", dt.date(2026, 10, 1), total=50_000)
    text = _text(docs_store, "E-2", tmp_path).replace(" ", "")
    assert EUR_IBAN in text and "Bizum" in text
