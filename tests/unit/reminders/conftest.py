"""Reminder tests never touch the real keyring: an in-memory one stands in."""

from __future__ import annotations

import pytest

from tests.helpers.keyring import memory_keyring  # noqa: F401 (the fixture, offered here)


@pytest.fixture(autouse=True)
def _keyring_in_memory(memory_keyring):
    """Every reminder test runs with the in-memory keyring (tests/helpers/keyring.py)."""
    return memory_keyring
