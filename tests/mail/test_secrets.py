"""The SMTP password in the keyring, and a clear answer when there is no usable keyring."""

from __future__ import annotations

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail

from collector_gui.mail import secrets
from collector_gui.mail.secrets import KeyringUnavailable


class _Plaintext(KeyringBackend):
    """Stands for keyrings.alt's file backend: it works, but stores the password as text."""

    priority = 1  # type: ignore[assignment]

    def get_password(self, service, username):
        return None

    def set_password(self, service, username, password):
        raise AssertionError("a plaintext keyring must never be used")

    def delete_password(self, service, username):
        return None


_Plaintext.__module__ = "keyrings.alt.file"


class _EmptyChain(chainer.ChainerBackend):
    """keyring's chainer with no backend behind it."""

    backends = []  # type: ignore[assignment]


def test_memory_keyring_round_trip(memory_keyring):
    assert secrets.keyring_status().available
    secrets.store_password("me", "smtp.example.org", "pw-1")
    assert secrets.load_password("me", "smtp.example.org") == secrets.Secret("pw-1")
    assert secrets.load_password("me", "other.example.org") is None
    assert secrets.delete_password("me", "smtp.example.org")
    assert not secrets.delete_password("me", "smtp.example.org")
    assert secrets.load_password("me", "smtp.example.org") is None


@pytest.mark.parametrize("backend", [fail.Keyring(), _Plaintext(), _EmptyChain()],
                         ids=["fail", "plaintext", "empty-chain"])
def test_no_usable_keyring_is_said_clearly(backend):
    keyring.set_keyring(backend)
    status = secrets.keyring_status()
    assert not status.available
    assert "ask for" in status.reason
    with pytest.raises(KeyringUnavailable, match="ask for"):
        secrets.store_password("me", "smtp.example.org", "pw")
    assert secrets.load_password("me", "smtp.example.org") is None
    assert not secrets.delete_password("me", "smtp.example.org")


def test_empty_password_and_missing_account_are_refused(memory_keyring):
    with pytest.raises(secrets.CollectorError, match="empty"):
        secrets.store_password("me", "smtp.example.org", "")
    with pytest.raises(secrets.CollectorError, match="smtp.host"):
        secrets.store_password("", "smtp.example.org", "pw")
    assert memory_keyring.store == {}
