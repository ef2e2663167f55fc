"""Real SMTP servers for tests: aiosmtpd on 127.0.0.1 (a free port, never any other address)
with a handler that keeps what arrives or refuses/drops on cue, AUTH with a known password,
and the ledger's SMTP settings set to reach one."""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass, field

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from collector_gui.mail.smtp import SmtpSettings
from tests.helpers.dates import TODAY as AS_OF  # noqa: F401 (the mail tests' name for it)

USER = "marta@example.org"
# Accents and symbols: a password that must survive encoding, and that a leak test can grep.
PASSWORD = "Pässwörd-7fq#Zk!"
TIMEOUT = 3.0  # seconds the client waits for the server in these tests


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = (isinstance(auth_data, LoginPassword) and auth_data.login.decode() == USER
          and auth_data.password.decode() == PASSWORD)
    return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)


@dataclass
class Server:
    handler: Handler
    port: int
    settings: SmtpSettings


def start_server(handler: Handler, **kwargs) -> tuple[Controller, int]:
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port, ready_timeout=5,
                            **kwargs)
    controller.start()
    return controller, port


def configure(store, settings: SmtpSettings) -> None:
    store.set_setting("smtp.host", settings.host)
    store.set_setting("smtp.port", str(settings.port))
    store.set_setting("smtp.security", settings.security)
    store.set_setting("smtp.user", settings.user)
    store.set_setting("smtp.from", settings.from_address)
    store.set_setting("smtp.timeout", str(int(settings.timeout)))
