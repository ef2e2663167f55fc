"""A ledger with a few clients and open invoices, as a freelancer in Spain has them."""

from __future__ import annotations

import datetime as dt
import pytest

from collector_gui.core.model import Client, Invoice

ISSUED = dt.date(2026, 9, 1)


@pytest.fixture
def books(store):
    """Clients and open invoices; returns {number: invoice id} plus the client ids."""
    ids: dict[str, int] = {}
    acme = store.add_client(Client(name="Acme SL", email="pagos@acme.es", language="es"))
    globex = store.add_client(Client(name="Globex Ltd", email="ap@globex.co.uk"))
    initech = store.add_client(Client(name="Initech Inc", email="ap@initech.com",
                                      currency="USD"))
    for number, client, total, currency in (
            ("2026-0042", acme, 121000, "EUR"), ("2026-0043", acme, 50000, "EUR"),
            ("2026-0044", acme, 50000, "EUR"), ("INV-17", globex, 10000, "EUR"),
            ("INV-18", globex, 20000, "EUR"), ("2026-0050", initech, 99900, "USD"),
            ("2026-0051", globex, 36300, "EUR")):
        inv = store.add_invoice(Invoice(number, client.id, ISSUED, ISSUED + dt.timedelta(30),
                                        currency, total))
        ids[number] = inv.id
    ids["acme"], ids["globex"], ids["initech"] = acme.id, globex.id, initech.id
    return ids
