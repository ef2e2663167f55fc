"""Real SMTP servers for the mail tests: aiosmtpd on 127.0.0.1 (a free port, never any other
address), with a trustme certificate for STARTTLS and SSL, AUTH with a known password, and
handlers that can refuse or drop a message on cue. The keyring is an in-memory one."""

from __future__ import annotations

import datetime as dt
import socket
import ssl
import warnings
from decimal import Decimal

import pytest
import trustme

from collector_gui.core.model import Client, Invoice, InvoiceLine
from collector_gui.mail.smtp import SmtpSettings
from tests.helpers.keyring import memory_keyring  # noqa: F401 (the fixture, offered here)
from tests.helpers.smtp import (  # noqa: F401 (shared with the other tests)
    AS_OF, PASSWORD, TIMEOUT, USER, Handler, Received, Server, authenticator, configure,
    free_port, start_server,
)


@pytest.fixture(autouse=True)
def _keyring_in_memory(memory_keyring):
    """Every mail test runs with the in-memory keyring (tests/helpers/keyring.py)."""
    return memory_keyring


@pytest.fixture(autouse=True)
def _quiet_aiosmtpd():
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*login_data is deprecated.*")
        warnings.filterwarnings("ignore", message="Requiring AUTH while not requiring TLS")
        yield


@pytest.fixture(scope="session")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture(scope="session")
def server_tls(ca) -> ssl.SSLContext:
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1", "localhost").configure_cert(ctx)
    return ctx


@pytest.fixture(scope="session")
def client_tls(ca) -> ssl.SSLContext:
    """What Collector's client trusts in these tests: the trustme CA."""
    ctx = ssl.create_default_context()
    ca.configure_trust(ctx)
    return ctx


@pytest.fixture
def starttls_server(server_tls):
    """STARTTLS required, AUTH required."""
    handler = Handler()
    controller, port = start_server(handler, tls_context=server_tls, require_starttls=True,
                              authenticator=authenticator, auth_required=True)
    yield Server(handler, port, SmtpSettings("127.0.0.1", port, "starttls", USER,
                                             "marta@example.org", TIMEOUT))
    controller.stop()


@pytest.fixture
def ssl_server(server_tls):
    """Implicit TLS (SMTPS), AUTH required."""
    handler = Handler()
    # aiosmtpd does not count implicit TLS as TLS for AUTH: say so (the link is encrypted).
    controller, port = start_server(handler, ssl_context=server_tls, authenticator=authenticator,
                              auth_required=True, auth_require_tls=False)
    yield Server(handler, port, SmtpSettings("127.0.0.1", port, "ssl", USER,
                                             "marta@example.org", TIMEOUT))
    controller.stop()


@pytest.fixture
def plain_server():
    """No TLS, no AUTH: a local relay."""
    handler = Handler()
    controller, port = start_server(handler)
    yield Server(handler, port, SmtpSettings("127.0.0.1", port, "none", "",
                                             "marta@example.org", TIMEOUT))
    controller.stop()


@pytest.fixture
def silent_port():
    """A port that accepts connections and never says a word (a hung server)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    yield sock.getsockname()[1]
    sock.close()


# -- a ledger with someone to remind -----------------------------------------------------------

@pytest.fixture
def debtor(store):
    """A Spanish client with one invoice 20 days overdue (a polite reminder due today)."""
    store.set_setting("business.name", "Marta Ruiz Diseño")
    store.set_setting("business.email", "marta@example.org")
    store.set_setting("business.iban", "ES9121000418450200051332")
    client = store.add_client(Client(name="Peñalver & Hijos S.L.", email="info@penalver.es",
                                     billing_email="cuentas@penalver.es", language="es",
                                     billing_name="Begoña Núñez"))
    store.add_invoice(Invoice("2026-0042", client.id, dt.date(2026, 10, 4),
                              dt.date(2026, 11, 3), "EUR", 0,
                              lines=(InvoiceLine("Diseño de catálogo", Decimal(1), 150000, Decimal(21)),)))
    return client


@pytest.fixture
def scripted():
    """A server whose every reply the test decides (tests/mail/scripted.py)."""
    from tests.mail.scripted import ScriptedSmtp

    server = ScriptedSmtp()
    yield server
    server.stop()
