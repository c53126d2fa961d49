"""The desk's data at its end of life and behind the lock (issue #18 point 8).

* `account_disabled(exc)`: the server's answer that ends this desk's right to its data
  (401 "user disabled": the account was disabled; every request and every refresh of a
  disabled user gets it, app/server/auth.py).
* `wipe_desk(store)`: destroy the local store (its key first, then the files) and say how
  much unsent work went with it. Pushing first is the sync cycle's own first step; once
  the account is disabled the server accepts nothing more, so what was not pushed before
  is counted and reported, never silently dropped.
* `remember_password` / `password_ok`: an Argon2 hash of the password kept inside the
  encrypted store, so the locked desk checks the password offline.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from app.client.http_client import ApiError, Unauthorized
from app.client.store import LocalStore, keys, wipe_store
from app.client.sync_engine import DISABLED_MESSAGE

log = logging.getLogger(__name__)

VERIFIER_STATE = "unlock_verifier"


def account_disabled(exc: BaseException) -> bool:
    """True when `exc` is the server saying this account is disabled."""
    return isinstance(exc, Unauthorized) and str(exc) == DISABLED_MESSAGE


@dataclass(frozen=True, slots=True)
class WipeReport:
    """What the wipe destroyed that had not reached the server."""

    unsent: int
    drafts: int


def wipe_desk(store: LocalStore) -> WipeReport:
    """Count the unsent work, close this thread's connection and destroy the store (key,
    file, WAL, SHM). Other threads' connections must be closed by their owners first
    (the sync worker is stopped before); on POSIX their open files are unlinked anyway,
    and without the key nothing left is readable."""
    unsent = drafts = 0
    try:
        conn = store.connection()
        unsent = int(conn.execute("SELECT count(*) FROM outbox").fetchone()[0])
        drafts = int(conn.execute("SELECT count(*) FROM drafts").fetchone()[0])
    except Exception:  # a damaged or locked store is wiped all the same
        log.warning("could not count the unsent work before wiping")
    store.close()
    store.wiped = True  # a late draft save must not create the file again
    wipe_store(store.path)
    log.warning("local store wiped (account disabled); %d unsent change(s) discarded", unsent)
    return WipeReport(unsent, drafts)


def remember_password(store: LocalStore, password: str) -> None:
    """Keep an Argon2 hash of the password in the (encrypted) store for offline unlock."""
    with store.transaction() as tx:
        store.set_state(tx, VERIFIER_STATE, keys.verifier(password))


def password_ok(store: LocalStore, password: str) -> bool | None:
    """Check the password against the hash kept in the store: True/False, or None when
    the store holds none yet (the caller then asks the server)."""
    hashed = store.get_state(VERIFIER_STATE)
    if not hashed:
        return None
    return keys.check_password(hashed, password)


def check_online(api_login: Callable[[str], object], password: str) -> bool:
    """Ask the server (a `Session.login`-like callable): True when it accepts the
    password; False when it refuses; ApiError subclasses other than 401 propagate."""
    try:
        api_login(password)
    except Unauthorized:
        return False
    return True


__all__ = [
    "DISABLED_MESSAGE",
    "ApiError",
    "WipeReport",
    "account_disabled",
    "check_online",
    "password_ok",
    "remember_password",
    "wipe_desk",
]
