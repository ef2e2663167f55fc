"""The SMTP password, kept in the system keyring and nowhere else.

On a machine with no working keyring (a headless Linux box has only keyring's `fail`
backend), `keyring_status()` says so in words the settings dialog can show, storing raises
KeyringUnavailable, and the password is asked for at send time instead. It is never written
to the ledger, a file or a log: a plaintext keyring (keyrings.alt) counts as no keyring.

The password travels as a `Secret`, whose repr and str never show it, so a stray log line
or exception message cannot leak it.
"""

from __future__ import annotations

from dataclasses import dataclass

import keyring
import keyring.errors
from keyring.backends import chainer, fail

from collector_gui.core.errors import CollectorError
from collector_gui.core.i18n import N_, _

SERVICE = "collector-smtp"
# Backends that keep the password in a file readable as text: as good as no keyring.
_INSECURE_MODULES = ("keyrings.alt",)


class KeyringUnavailable(CollectorError):
    """No secure keyring works here: the password must be typed at send time."""


class Secret:
    """A password that does not show itself in logs, reprs or tracebacks."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __bool__(self) -> bool:
        return bool(self._value)

    def __repr__(self) -> str:
        return "Secret('****')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


@dataclass(frozen=True, slots=True)
class KeyringStatus:
    available: bool
    backend: str  # the backend's name, for the settings dialog
    reason: str = ""  # why it is not available, written for the user


def _backend_problem(backend) -> str:
    """Why *backend* cannot keep the password safely ("" when it can)."""
    module = type(backend).__module__
    if isinstance(backend, chainer.ChainerBackend):
        problems = [_backend_problem(b) for b in getattr(backend, "backends", [])]
        if problems and not all(problems):
            return ""
        return problems[0] if problems else _(_NONE)
    if isinstance(backend, fail.Keyring):
        return _(_NONE)
    if module.startswith(_INSECURE_MODULES):
        return _("The only password store available ({module}) keeps passwords in a plain "
                 "file, so Collector does not use it. It will ask for the SMTP password each "
                 "time it sends mail.").format(module=module)
    try:
        priority = backend.priority
    except Exception:  # a backend raises here to say it cannot work on this system
        priority = 0
    if priority is not None and priority <= 0:
        return _(_NONE)
    return ""


_NONE = N_("No password store (keyring) works on this system, so the SMTP password cannot be "
           "saved. Collector will ask for it each time it sends mail.")


def keyring_status() -> KeyringStatus:
    """Whether the password can be kept in the system keyring here, and if not, why."""
    backend = keyring.get_keyring()
    name = getattr(backend, "name", type(backend).__name__)
    problem = _backend_problem(backend)
    return KeyringStatus(not problem, str(name), problem)


def account(user: str, host: str) -> str:
    """The keyring entry's user name: one password per SMTP user and server."""
    return f"{user}@{host}"


def _check() -> None:
    status = keyring_status()
    if not status.available:
        raise KeyringUnavailable(status.reason)


def store_password(user: str, host: str, password: str) -> None:
    """Keep the SMTP password in the keyring (raises KeyringUnavailable when there is none)."""
    if not user or not host:
        raise CollectorError(_("Set smtp.host and smtp.user before saving the password."))
    if not password:
        raise CollectorError(_("The password is empty; nothing was saved."))
    _check()
    try:
        keyring.set_password(SERVICE, account(user, host), password)
    except keyring.errors.KeyringError as exc:
        raise KeyringUnavailable(
            _("The system password store refused to save the password ({error}). "
              "Collector will ask for it each time it sends mail.").format(
                error=type(exc).__name__)
        ) from None


def load_password(user: str, host: str) -> Secret | None:
    """The saved SMTP password, or None (none saved, or no keyring: ask the user)."""
    if not user or not host or not keyring_status().available:
        return None
    try:
        value = keyring.get_password(SERVICE, account(user, host))
    except keyring.errors.KeyringError:
        return None
    return Secret(value) if value else None


def delete_password(user: str, host: str) -> bool:
    """Forget the saved password; True when there was one."""
    if not user or not host or not keyring_status().available:
        return False
    try:
        keyring.delete_password(SERVICE, account(user, host))
    except keyring.errors.PasswordDeleteError:
        return False
    except keyring.errors.KeyringError:
        return False
    return True
