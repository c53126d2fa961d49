"""Test-wide settings: Qt offscreen, no real OS keyring, deterministic hypothesis profile."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import keyring
import pytest
from hypothesis import HealthCheck, settings
from keyring.backend import KeyringBackend

settings.register_profile(
    "ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("ci")


class MemoryKeyring(KeyringBackend):
    """A keyring backend that keeps secrets in a dict (tests only)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


@pytest.fixture(autouse=True)
def store_key_keyring() -> Iterator[MemoryKeyring]:
    """Every test runs with an in-memory keyring (the desk's encrypted store keeps its key
    there); tests about a machine without a keyring install the fail backend themselves."""
    previous = keyring.get_keyring()
    kr = MemoryKeyring()
    keyring.set_keyring(kr)
    yield kr
    keyring.set_keyring(previous)


def raw_store_connection(path: object, **kwargs: object) -> sqlite3.Connection:
    """A plain DB-API connection to an (encrypted) desk store with its key from the keyring:
    what a support tool or a test that damages the file uses instead of sqlite3.connect."""
    from pathlib import Path

    from app.client.store import cipher, keys

    p = Path(str(path))
    return cipher.connect(p, keys.store_key(p), **kwargs)  # type: ignore[arg-type]
