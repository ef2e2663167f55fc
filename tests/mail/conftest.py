"""Real SMTP servers for the mail tests: aiosmtpd on 127.0.0.1 (a free port, never any other
address), with a trustme certificate for STARTTLS and SSL, AUTH with a known password, and
handlers that can refuse or drop a message on cue. The keyring is an in-memory one."""

from __future__ import annotations

import datetime as dt
import socket
import ssl
import threading
import warnings
from decimal import Decimal
from dataclasses import dataclass, field

import keyring
import pytest
import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from keyring.backend import KeyringBackend

from collector_gui.core.model import Client, Invoice, InvoiceLine
from collector_gui.mail.smtp import SmtpSettings

USER = "marta@example.org"
# Accents and symbols: a password that must survive encoding, and that a leak test can grep.
PASSWORD = "Pässwörd-7fq#Zk!"
TIMEOUT = 3.0  # seconds the client waits for the server in these tests


class MemoryKeyring(KeyringBackend):
    """A keyring that keeps passwords in a dict (PLATFORM.md)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.store.get((service, username))

    def set_password(self, service, username, password):
        self.store[(service, username)] = password

    def delete_password(self, service, username):
        from keyring.errors import PasswordDeleteError

        if (service, username) not in self.store:
            raise PasswordDeleteError("not found")
        del self.store[(service, username)]


@pytest.fixture(autouse=True)
def memory_keyring():
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def _quiet_aiosmtpd():
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*login_data is deprecated.*")
        warnings.filterwarnings("ignore", message="Requiring AUTH while not requiring TLS")
        yield


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes


@dataclass
class Handler:
    """Keeps what arrives; `faults` queues what to do to the next messages instead."""

    received: list[Received] = field(default_factory=list)
    # each entry: ("rcpt" | "data" | "drop", reply) used once, in order
    faults: list[tuple[str, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def _fault(self, phase: str) -> str | None:
        with self.lock:
            if self.faults and self.faults[0][0] == phase:
                return self.faults.pop(0)[1]
        return None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        reply = self._fault("rcpt")
        if reply:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self._fault("drop") is not None:
            # The whole message arrived, but the connection is cut before the reply:
            # the client cannot know; the message is not kept (as a server that crashed).
            server.transport.close()
            return "421 closing"
        reply = self._fault("data")
        if reply:
            return reply
        with self.lock:
            self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos),
                                          envelope.original_content or envelope.content))
        return "250 Message accepted"


def _authenticator(server, session, envelope, mechanism, auth_data):
    ok = (isinstance(auth_data, LoginPassword) and auth_data.login.decode() == USER
          and auth_data.password.decode() == PASSWORD)
    return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)


@dataclass
class Server:
    handler: Handler
    port: int
    settings: SmtpSettings


def _start(handler: Handler, **kwargs) -> tuple[Controller, int]:
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port, ready_timeout=5,
                            **kwargs)
    controller.start()
    return controller, port


@pytest.fixture
def starttls_server(server_tls):
    """STARTTLS required, AUTH required."""
    handler = Handler()
    controller, port = _start(handler, tls_context=server_tls, require_starttls=True,
                              authenticator=_authenticator, auth_required=True)
    yield Server(handler, port, SmtpSettings("127.0.0.1", port, "starttls", USER,
                                             "marta@example.org", TIMEOUT))
    controller.stop()


@pytest.fixture
def ssl_server(server_tls):
    """Implicit TLS (SMTPS), AUTH required."""
    handler = Handler()
    # aiosmtpd does not count implicit TLS as TLS for AUTH: say so (the link is encrypted).
    controller, port = _start(handler, ssl_context=server_tls, authenticator=_authenticator,
                              auth_required=True, auth_require_tls=False)
    yield Server(handler, port, SmtpSettings("127.0.0.1", port, "ssl", USER,
                                             "marta@example.org", TIMEOUT))
    controller.stop()


@pytest.fixture
def plain_server():
    """No TLS, no AUTH: a local relay."""
    handler = Handler()
    controller, port = _start(handler)
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

AS_OF = dt.date(2026, 11, 23)


def configure(store, settings: SmtpSettings) -> None:
    store.set_setting("smtp.host", settings.host)
    store.set_setting("smtp.port", str(settings.port))
    store.set_setting("smtp.security", settings.security)
    store.set_setting("smtp.user", settings.user)
    store.set_setting("smtp.from", settings.from_address)
    store.set_setting("smtp.timeout", str(int(settings.timeout)))


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
