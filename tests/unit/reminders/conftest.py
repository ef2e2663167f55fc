"""Reminder tests never touch the real keyring: an in-memory one stands in."""

from __future__ import annotations

import keyring
import pytest

from tests.mail.conftest import MemoryKeyring


@pytest.fixture(autouse=True)
def memory_keyring():
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)
