"""The store's key: 32 random bytes kept in the OS keyring, or derived from the password.

* With a usable keyring (app.client.session.keyring_usable) the key is generated on the
  store's first open and kept under service "CollectionDesk-store", user = the store's
  file name (one key per server and user). Nothing on disk holds it.
* Without one, the key is Argon2id(password, salt) with a random per-store salt kept next
  to the store (`<store>.salt`, not secret); the desk then needs the password to open it.
* `verifier` / `check_password`: an Argon2 hash of the password, kept inside the encrypted
  store, lets the locked desk check the password offline.
* `forget` destroys the key (and salt): the encrypted file is then unreadable for good.
"""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path

import keyring
import keyring.errors

from app.client.keyring_check import keyring_usable
from app.client.store.cipher import KEY_BYTES

log = logging.getLogger(__name__)

SERVICE = "CollectionDesk-store"
SALT_BYTES = 16
# Argon2id, RFC 9106 "second recommended" profile scaled to a desk opening once a day
ARGON_TIME, ARGON_MEMORY_KIB, ARGON_LANES = 3, 64 * 1024, 2


class KeyUnavailable(RuntimeError):
    """No key for this store: no usable keyring holds one and no password was given."""


class KeyLost(KeyUnavailable):
    """The keyring is usable but holds no key for an existing encrypted store (the entry
    was deleted): the file can never be read again."""


def salt_path(store: Path) -> Path:
    return store.with_name(store.name + ".salt")


def derive(password: str, salt: bytes) -> bytes:
    """Argon2id of the password with the store's salt: the store key without a keyring."""
    from argon2.low_level import Type, hash_secret_raw  # only without a keyring: not at start

    return hash_secret_raw(
        password.encode("utf-8"),
        salt,
        time_cost=ARGON_TIME,
        memory_cost=ARGON_MEMORY_KIB,
        parallelism=ARGON_LANES,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def _keyring_usable() -> bool:
    return keyring_usable()


def store_key(store: Path, password: str | None = None) -> bytes:
    """The key of the store at `store`: from the keyring (created there with the store),
    else derived from `password` with the store's salt; KeyUnavailable when neither is
    possible (a keyring that cannot be read now is that too, never "lost"); KeyLost when a
    readable keyring holds no key for an existing encrypted store that has no salt. A key is
    never replaced under an existing encrypted file."""
    usable = _keyring_usable()
    if usable:
        try:
            found = keyring.get_password(SERVICE, store.name)
        except keyring.errors.KeyringError as exc:
            log.warning("keyring read failed for the store key")
            if password is None:
                raise KeyUnavailable("the keyring cannot be read: try again") from exc
            found = None
            usable = False
        if found:
            return bytes.fromhex(found)
        if not store.exists() or store.stat().st_size == 0 or _plain(store):
            key = secrets.token_bytes(KEY_BYTES)
            try:
                keyring.set_password(SERVICE, store.name, key.hex())
                return key
            except keyring.errors.KeyringError:
                log.warning("keyring write failed; the store key comes from the password")
    salt_file = salt_path(store)
    if usable and not salt_file.exists() and store.exists():
        raise KeyLost("the keyring no longer holds the local store's key")
    if password is None:
        raise KeyUnavailable(
            "the local store's key is not in the keyring: sign in with the password to open it"
        )
    if salt_file.exists():
        salt = salt_file.read_bytes()
    else:
        salt = secrets.token_bytes(SALT_BYTES)
        salt_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = salt_file.with_name(salt_file.name + ".tmp")
        tmp.write_bytes(salt)
        os.replace(tmp, salt_file)
    return derive(password, salt)


def _plain(store: Path) -> bool:
    from app.client.store.cipher import is_plain

    return is_plain(store)


def forget(store: Path) -> None:
    """Destroy the store's key (keyring entry and salt)."""
    try:
        keyring.delete_password(SERVICE, store.name)
    except keyring.errors.PasswordDeleteError:
        pass
    except keyring.errors.KeyringError:
        log.warning("could not delete the store key from the keyring")
    salt_path(store).unlink(missing_ok=True)


def verifier(password: str) -> str:
    """An Argon2 hash of the password (kept inside the encrypted store)."""
    from argon2 import PasswordHasher

    return PasswordHasher().hash(password)


def check_password(hashed: str, password: str) -> bool:
    from argon2 import PasswordHasher
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return PasswordHasher().verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return False
