"""An SMTP server of a few lines on 127.0.0.1 whose every reply a test decides.

aiosmtpd cannot misbehave after DATA the ways real servers do (PLATFORM.md): close without
a reply, reset the connection, answer after the client gave up; nor echo what AUTH sent.
This one reads each command with blocking sockets, one thread per connection, records what
arrived, and asks the test's hooks what to do.
"""

from __future__ import annotations

import socket
import struct
import threading
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Message:
    connection: int
    mail_from: bytes  # the whole MAIL FROM line's argument, parameters included
    rcpt_tos: list[bytes]
    data: bytes  # as it arrived, dots undoubled, without the final dot


@dataclass
class ScriptedSmtp:
    # EHLO keywords beyond the greeting line, e.g. ["SMTPUTF8", "AUTH PLAIN"].
    extensions: list[str] = field(default_factory=lambda: ["8BITMIME"])
    # (connection number, the AUTH lines received) -> the final reply line(s).
    on_auth: Callable[[int, list[bytes]], bytes] = lambda n, lines: b"235 2.7.0 OK"
    # (connection number, the recipient) -> a reply line, or b"drop" to close there.
    on_rcpt: Callable[[int, bytes], bytes] = lambda n, rcpt: b"250 OK"
    # (connection number) -> what to do once the final dot arrived:
    #   b"..." a reply line; "close": close, no reply; "reset": reset (SO_LINGER 0);
    #   "late": wait until the client closes, then reply 250; ("sleep", s): reply after s.
    after_data: Callable[[int], object] = lambda n: b"250 2.0.0 queued"
    messages: list[Message] = field(default_factory=list)
    mail_lines: list[bytes] = field(default_factory=list)
    connections: int = 0

    def __post_init__(self) -> None:
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(8)
        self.port = self._listener.getsockname()[1]
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []
        self._socks: list[socket.socket] = []
        self._stopping = False
        self._accept = threading.Thread(target=self._serve, daemon=True)
        self._accept.start()

    # -- the server --------------------------------------------------------------------------

    def _serve(self) -> None:
        while not self._stopping:
            try:
                sock, _addr = self._listener.accept()
            except OSError:
                return
            with self._lock:
                self.connections += 1
                number = self.connections
                self._socks.append(sock)
            thread = threading.Thread(target=self._session, args=(sock, number), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _session(self, sock: socket.socket, number: int) -> None:
        reader = sock.makefile("rb")
        try:
            self._dialogue(sock, reader, number)
        except OSError:
            pass
        finally:
            reader.close()
            try:
                sock.close()
            except OSError:
                pass

    def _dialogue(self, sock: socket.socket, reader, number: int) -> None:
        def say(*lines: bytes) -> None:
            sock.sendall(b"".join(line + b"\r\n" for line in lines))

        say(b"220 scripted.test ESMTP")
        mail_from, rcpts = b"", []
        while True:
            line = reader.readline()
            if not line:
                return
            command = line.rstrip(b"\r\n")
            verb = command.split(b" ", 1)[0].upper()
            if verb == b"EHLO":
                keywords = [b"scripted.test"] + [e.encode() for e in self.extensions]
                say(*[b"250-" + k for k in keywords[:-1]], b"250 " + keywords[-1])
            elif verb == b"HELO":
                say(b"250 scripted.test")
            elif verb == b"AUTH":
                lines = [command]
                if command.upper().startswith(b"AUTH LOGIN"):
                    if command.upper() == b"AUTH LOGIN":
                        say(b"334 VXNlcm5hbWU6")
                        lines.append(reader.readline().rstrip(b"\r\n"))
                    say(b"334 UGFzc3dvcmQ6")
                    lines.append(reader.readline().rstrip(b"\r\n"))
                say(self.on_auth(number, lines))
            elif verb == b"MAIL":
                mail_from, rcpts = command[len(b"MAIL FROM:"):], []
                with self._lock:
                    self.mail_lines.append(command)
                say(b"250 OK")
            elif verb == b"RCPT":
                rcpt = command[len(b"RCPT TO:"):]
                reply = self.on_rcpt(number, rcpt)
                if reply == b"drop":
                    return
                if reply.startswith(b"25"):
                    rcpts.append(rcpt)
                say(reply)
            elif verb == b"DATA":
                say(b"354 go ahead")
                data = self._read_data(reader)
                with self._lock:
                    self.messages.append(Message(number, mail_from, rcpts, data))
                if not self._after_data(sock, reader, number, say):
                    return
            elif verb in (b"RSET", b"NOOP"):
                say(b"250 OK")
            elif verb == b"QUIT":
                say(b"221 bye")
                return
            else:
                say(b"502 5.5.2 not here")

    @staticmethod
    def _read_data(reader) -> bytes:
        lines = []
        while True:
            line = reader.readline()
            if not line or line == b".\r\n":
                return b"".join(lines)
            lines.append(line[1:] if line.startswith(b"..") else line)

    def _after_data(self, sock: socket.socket, reader, number: int, say) -> bool:
        """Do what the test asked after the final dot; False ends the session."""
        action = self.after_data(number)
        if isinstance(action, bytes):
            say(action)
            return True
        if action == "close":
            sock.shutdown(socket.SHUT_RDWR)
            return False
        if action == "reset":
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            return False
        if action == "late":
            # No sleep decides this: the reply waits for the client to give up and close.
            while reader.readline():
                pass
            say(b"250 2.0.0 queued, too late")
            return False
        if isinstance(action, tuple) and action[0] == "sleep":
            threading.Event().wait(action[1])
            say(b"250 2.0.0 queued after a while")
            return True
        raise AssertionError(action)

    def stop(self) -> None:
        self._stopping = True
        self._listener.close()
        with self._lock:
            socks = list(self._socks)
        for sock in socks:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        for thread in self._threads:
            thread.join(timeout=5)
