"""The store's database driver: SQLCipher 4 (`sqlcipher3-binary`, a DB-API 2.0 twin of the
standard `sqlite3` module with SQLCipher statically linked), so every page of the store,
its WAL and its rollback journals are AES-256 encrypted with a raw 256-bit key and
authenticated per page (HMAC-SHA512). The rest of app.client keeps using the `sqlite3`
Connection API unchanged: `connect()` hands back a connection with the key applied.

The key is raw (`x'…'`): no PBKDF2 run at each connection (SQLCipher's passphrase KDF costs
~0.1 s per open); it comes from the OS keyring or from Argon2 over the password
(app.client.store.keys), so it is already a full-entropy key.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path
from typing import Any, cast

import sqlcipher3.dbapi2 as _db

log = logging.getLogger(__name__)

KEY_BYTES = 32
PLAIN_HEADER = b"SQLite format 3\x00"

# except clauses accept both drivers' classes (tests and salvage still meet sqlite3's)
DatabaseError: tuple[type[Exception], ...] = (sqlite3.DatabaseError, _db.DatabaseError)
IntegrityError: tuple[type[Exception], ...] = (sqlite3.IntegrityError, _db.IntegrityError)
OperationalError: tuple[type[Exception], ...] = (sqlite3.OperationalError, _db.OperationalError)


class WrongKey(RuntimeError):
    """The store cannot be decrypted with this key (another key, or page 1 damaged)."""


def cipher_version() -> str:
    conn = _db.connect(":memory:")
    try:
        return str(conn.execute("PRAGMA cipher_version").fetchone()[0])
    finally:
        conn.close()


def connect(
    path: str | Path, key: bytes, *, salvage: bool = False, **kwargs: Any
) -> sqlite3.Connection:
    """A connection to the encrypted database at `path` (created when missing) with `key`
    applied; raises WrongKey when the key does not open an existing file. The connection
    has the standard sqlite3 API (typed as such). `salvage`: writable_schema on, to read
    what is left of a file shorter than its header says."""
    if len(key) != KEY_BYTES:
        raise ValueError("a store key is 32 bytes")
    conn = _db.connect(str(path), **kwargs)
    try:
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.execute("PRAGMA cipher_memory_security = OFF")  # mlock per page: slow, no gain here
        if salvage:
            conn.execute("PRAGMA writable_schema=ON")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except _db.DatabaseError as exc:
        conn.close()
        if "not a database" in str(exc).lower():
            raise WrongKey(
                f"the local store {Path(path).name} cannot be decrypted with this key"
            ) from exc
        raise
    return cast(sqlite3.Connection, conn)


def is_plain(path: Path) -> bool:
    """True when `path` is an unencrypted SQLite database (the desk before encryption)."""
    try:
        with open(path, "rb") as f:
            return f.read(16) == PLAIN_HEADER
    except OSError:
        return False


def shred(path: Path) -> None:
    """Overwrite a file with zeros, sync and remove it (best effort: on SSDs and
    copy-on-write file systems old blocks may survive, which is why the store is encrypted
    and its key destroyed as well)."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    try:
        with open(path, "r+b", buffering=0) as f:
            chunk = b"\x00" * 65536
            left = size
            while left > 0:
                left -= f.write(chunk[: min(left, len(chunk))])
            os.fsync(f.fileno())
    except OSError:
        log.warning("could not overwrite %s before removing it", path.name)
    path.unlink(missing_ok=True)


def encrypt_plain(path: Path, key: bytes) -> None:
    """Turn the plain store at `path` into an encrypted one with `key`: an encrypted copy
    is written next to it (`sqlcipher_export`), synced, then moved over the original; the
    plain file, its WAL and SHM are overwritten and removed. No open connection of this
    process may hold `path` (the caller opens it only after)."""
    tmp = path.with_name(path.name + ".encrypting")
    shred(tmp)
    conn = _db.connect(str(path), isolation_level=None)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # fold the plain WAL in
        conn.execute(f"ATTACH DATABASE ? AS enc KEY \"x'{key.hex()}'\"", (str(tmp),))
        conn.execute("SELECT sqlcipher_export('enc')")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute(f"PRAGMA enc.user_version = {int(version)}")
        conn.execute("DETACH DATABASE enc")
    except BaseException:
        conn.close()
        shred(tmp)
        raise
    conn.close()
    with open(tmp, "rb") as f:
        os.fsync(f.fileno())
    plain = path.with_name(path.name + ".plain")
    os.replace(path, plain)  # the encrypted file takes the name only once it is complete
    os.replace(tmp, path)
    for part in (plain, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{plain}-wal")):
        shred(part)
    log.info("local store encrypted in place")
