"""The local SQLite store (offline-first): one file per server and user, WAL mode,
encrypted at rest with SQLCipher (app.client.store.cipher; the key from
app.client.store.keys). A plain store left by an older desk is encrypted in place at open.

Uses the standard `sqlite3` module directly rather than SQLAlchemy: the store is a few
plain tables, the hot paths are bulk `executemany` upserts and tuple selects (the fastest
options measured, DESIGN.md §9), and each thread simply opens its own connection.
Every write goes through `LocalStore.transaction()` (BEGIN IMMEDIATE ... COMMIT).

One process opens a store once: a process-wide registry keyed by the resolved path holds
each open LocalStore (open from its first connection until every thread that used it has
called `close()`); `open_store()` returns the open one, a second `LocalStore()` raises
StoreInUse. And nothing here opens the database file outside SQLite while a connection
of this process may hold it: POSIX drops ALL of a process's locks on a file when ANY of its
descriptors of that file is closed, and SQLite's WAL mode depends on the shared lock each
connection keeps on the file (without it, another process closing its last connection
checkpoints and deletes the WAL under ours, and our next commits go to a deleted file).
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.client.store import cipher, keys
from app.client.store.cipher import WrongKey
from app.client.store.keys import KeyLost, KeyUnavailable
from app.client.store.schema import MIGRATIONS, SCHEMA_VERSION

log = logging.getLogger(__name__)


class StoreError(RuntimeError):
    """The local store cannot be opened or used (corrupted, disk full, newer schema)."""


class StoreFull(StoreError):
    """The disk (or the store's size limit) is full; the change was not written."""


class StoreCorrupted(StoreError):
    """The store file is not a usable database; `path` can be moved aside and rebuilt."""

    def __init__(self, path: Path, detail: str) -> None:
        self.path = path
        super().__init__(f"local store {path.name} is damaged ({detail})")


class StoreLocked(StoreError):
    """The store cannot be decrypted: wrong key (another password, a lost keyring entry)
    or no key available. The file is left untouched (it is not treated as damaged)."""


class StoreInUse(StoreError):
    """This process has the store open already: use that LocalStore (`open_store` returns
    it) rather than a second one."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            f"local store {path.name} is already open in this process (use open_store())"
        )


# resolved path -> the LocalStore of this process that has it open
_OPEN: dict[Path, weakref.ref[LocalStore]] = {}
_OPEN_LOCK = threading.Lock()


ENCRYPTED_PAGE = 4096  # SQLCipher 4's page size


def _holder(key: Path) -> LocalStore | None:
    ref = _OPEN.get(key)
    return ref() if ref is not None else None


class LocalStore:
    """Opens connections to one store file (one per thread) and keeps its schema migrated.

    A process has at most one LocalStore per file (StoreInUse otherwise, see the module
    docstring); it holds the file from its first connection until every thread that used
    it has called `close()`."""

    def __init__(
        self, path: str | Path, *, key: bytes | None = None, password: str | None = None
    ) -> None:
        """`key`: the store key; else it comes from the keyring or from `password`
        (app.client.store.keys). StoreLocked when neither opens the file."""
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._key = self.path.resolve()
        _restore_interrupted_encryption(self.path)
        # a key the keyring kept for this very file cannot be "wrong": failing to decrypt
        # with it means the file is damaged; a given or derived key may be mistyped
        self._key_trusted = key is None and password is None
        try:
            self.cipher_key = key if key is not None else keys.store_key(self.path, password)
        except KeyLost as exc:
            raise StoreCorrupted(self.path, str(exc)) from exc
        except KeyUnavailable as exc:
            raise StoreLocked(str(exc)) from exc
        self._local = threading.local()
        self._conns: set[sqlite3.Connection] = set()  # every thread's open connection
        self.wiped = False  # set by app.client.desk_guard.wipe_desk: never reopened
        if repair_mark(self.path).exists():
            raise StoreCorrupted(self.path, "found damaged while in use")
        conn = self.connection()  # a plain store is encrypted there, before any open
        try:
            _check_length(conn, self.path)  # at open only: a checkpoint may look short
            self._migrate(conn)
        except BaseException:
            self.close()
            raise

    def mark_damaged(self) -> None:
        """Remember that this file was found damaged while in use: the next open raises
        StoreCorrupted, so the desk rebuilds it and salvages the local work."""
        try:
            repair_mark(self.path).touch()
        except OSError:
            log.exception("could not mark the local store for repair")

    # --- connections ------------------------------------------------------------------
    def connection(self) -> sqlite3.Connection:
        """This thread's connection (created on first use)."""
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            if self.wiped:
                raise StoreError("the local store was erased")
            with _OPEN_LOCK:
                holder = _holder(self._key)
                if holder is not None and holder is not self:
                    raise StoreInUse(self.path)
                _OPEN[self._key] = weakref.ref(self)
                first = not self._conns
            try:
                conn = self._open(first=first)
            except BaseException:
                with _OPEN_LOCK:
                    if not self._conns and _holder(self._key) is self:
                        del _OPEN[self._key]
                raise
            with _OPEN_LOCK:
                self._conns.add(conn)
            self._local.conn = conn
        return conn

    def _open(self, *, first: bool) -> sqlite3.Connection:
        if first and cipher.is_plain(self.path):
            log.warning("encrypting the local store (left plain by an older desk)")
            cipher.encrypt_plain(self.path, self.cipher_key)
        try:
            conn = cipher.connect(self.path, self.cipher_key, isolation_level=None, timeout=30.0)
        except WrongKey as exc:
            if self._key_trusted:
                raise StoreCorrupted(self.path, "cannot be decrypted") from exc
            raise StoreLocked(str(exc)) from exc
        except cipher.DatabaseError as exc:  # closed by cipher.connect
            detail = _diagnose(self.path, exc) if first else str(exc)
            raise StoreCorrupted(self.path, detail) from exc
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=OFF")
            conn.execute("PRAGMA temp_store=MEMORY")
            conn.execute("PRAGMA cache_size=-32000")
        except cipher.DatabaseError as exc:
            conn.close()
            # look at the file only when no connection of this store is left to disturb
            detail = _diagnose(self.path, exc) if first else str(exc)
            raise StoreCorrupted(self.path, detail) from exc
        return conn

    def close(self) -> None:
        """Close this thread's connection; once no thread has one, the store is closed and
        this process may open the file again."""
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None
            with _OPEN_LOCK:
                self._conns.discard(conn)
                if not self._conns and _holder(self._key) is self:
                    del _OPEN[self._key]

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT (ROLLBACK on any exception)."""
        conn = self.connection()
        try:
            conn.execute("BEGIN IMMEDIATE")
        except cipher.OperationalError as exc:
            raise _classify(self.path, exc) from exc
        try:
            yield conn
        except BaseException as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(exc, cipher.DatabaseError) and not isinstance(exc, cipher.IntegrityError):
                raise self._classified(exc) from exc  # disk full, damaged file, locked
            raise
        try:
            conn.execute("COMMIT")
        except cipher.DatabaseError as exc:
            conn.execute("ROLLBACK")
            raise self._classified(exc) from exc

    def _classified(self, exc: Exception) -> StoreError:
        error = _classify(self.path, exc)
        if isinstance(error, StoreCorrupted):
            self.mark_damaged()
        return error

    # --- schema -----------------------------------------------------------------------
    def _migrate(self, conn: sqlite3.Connection) -> None:
        try:
            conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
        except cipher.DatabaseError as exc:
            raise StoreCorrupted(self.path, str(exc)) from exc
        current = int(row[0] or 0)
        if current > SCHEMA_VERSION:
            raise StoreError(
                f"local store schema {current} is newer than this program ({SCHEMA_VERSION})"
            )
        for version in range(current + 1, SCHEMA_VERSION + 1):
            log.info("migrating local store to schema %d", version)
            conn.execute("BEGIN IMMEDIATE")
            try:
                for stmt in _split(MIGRATIONS[version - 1]):
                    conn.execute(stmt)
                conn.execute("INSERT INTO schema_version(version) VALUES (?)", (version,))
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise

    @property
    def schema_version(self) -> int:
        row = self.connection().execute("SELECT max(version) FROM schema_version").fetchone()
        return int(row[0] or 0)

    def check_integrity(self) -> bool:
        """PRAGMA quick_check == ok."""
        row = self.connection().execute("PRAGMA quick_check").fetchone()
        return bool(row and row[0] == "ok")

    # --- key/value sync state ---------------------------------------------------------
    def get_state(self, key: str, conn: sqlite3.Connection | None = None) -> str | None:
        c = conn or self.connection()
        row = c.execute("SELECT value FROM sync_state WHERE key=?", (key,)).fetchone()
        return None if row is None else row[0]

    @staticmethod
    def set_state(conn: sqlite3.Connection, key: str, value: str | None) -> None:
        """Set a sync_state value inside the caller's transaction."""
        conn.execute(
            "INSERT INTO sync_state(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value=excluded.value",
            (key, value),
        )


def repair_mark(path: str | Path) -> Path:
    """The marker file that asks the next open to rebuild the store at `path`."""
    p = Path(path)
    return p.with_name(p.name + ".needs-repair")


def _size(path: Path) -> int:
    try:
        return path.stat().st_size  # stat opens no descriptor: no lock is touched
    except FileNotFoundError:
        return 0


def _check_length(conn: sqlite3.Connection, path: Path) -> None:
    """Raise StoreCorrupted when the database SQLite reads (its page count, from the file's
    header or the WAL's last commit) is larger than the file and the WAL together: cut off
    by a crash, a full disk or a bad copy. SQLite itself would only notice when it reads a
    missing page. Asks SQLite on `conn` and stats the files; never opens them."""
    try:
        page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
        pages = int(conn.execute("PRAGMA page_count").fetchone()[0])
    except cipher.DatabaseError as exc:
        raise StoreCorrupted(path, str(exc)) from exc
    # Killed in the middle of a checkpoint, the file may be shorter than its header for a
    # while: the pages still sit in the WAL, and SQLite copies them again. Only a shortfall
    # the WAL cannot cover is damage.
    size = _size(path)
    if size + _size(path.with_name(path.name + "-wal")) < pages * page_size:
        raise StoreCorrupted(path, f"file truncated: {size} of {pages * page_size} bytes")


def _diagnose(path: Path, exc: Exception) -> str:
    """What is wrong with a file SQLite refused at open: "file truncated" when it is
    shorter than its header says and no WAL covers the rest (SQLite reports that as
    "malformed"), else SQLite's message. Reads the 100-byte header itself: only called for
    a store's first connection, once it failed and is closed, and the registry guarantees
    that no other LocalStore of this process has the file open."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return str(exc)
    try:
        header = os.pread(fd, 100, 0)
    finally:
        os.close(fd)
    if len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
        # encrypted: the header is unreadable, but SQLCipher writes whole 4 KiB pages
        size = _size(path)
        if size % ENCRYPTED_PAGE and not _size(path.with_name(path.name + "-wal")):
            return f"file truncated: {size} bytes is not a whole number of pages"
        return str(exc)
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    valid = header[24:28] == header[92:96]  # the in-header size is trustworthy
    size = _size(path)
    expected = pages * page_size
    if valid and size + _size(path.with_name(path.name + "-wal")) < expected:
        return f"file truncated: {size} of {expected} bytes"
    return str(exc)


def _split(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


def _classify(path: Path, exc: Exception) -> StoreError:
    text = str(exc).lower()
    if "disk is full" in text or "database or disk is full" in text:
        return StoreFull(
            "the disk is full: free some space and try again (changes saved earlier are safe)"
        )
    if "malformed" in text or "not a database" in text:
        return StoreCorrupted(path, str(exc))
    return StoreError(str(exc))


def open_store(path: str | Path, *, password: str | None = None) -> LocalStore:
    """The store at `path`: the one this process has open already, else open it (creating
    and migrating it)."""
    with _OPEN_LOCK:
        store = _holder(Path(path).resolve())
    return store if store is not None else LocalStore(path, password=password)


def _restore_interrupted_encryption(path: Path) -> None:
    """A crash between the two renames of `cipher.encrypt_plain` leaves the plain file as
    `<name>.plain` and no `<name>`: put it back, so this open encrypts it again."""
    plain = path.with_name(path.name + ".plain")
    if plain.exists() and not path.exists():
        os.replace(plain, path)
    cipher.shred(path.with_name(path.name + ".encrypting"))
    if plain.exists():
        cipher.shred(plain)


def wipe_store(path: str | Path) -> None:
    """Destroy the store at `path`: its key (keyring entry, salt) first, so whatever the
    disk keeps of the file is unreadable, then the file, WAL, SHM and markers overwritten
    and removed. The caller closes the store first (every thread's connection)."""
    p = Path(path)
    keys.forget(p)
    for suffix in ("", "-wal", "-shm", "-journal", ".needs-repair", ".encrypting", ".plain"):
        cipher.shred(Path(f"{p}{suffix}"))
    for aside in p.parent.glob(f"{p.name}.corrupt-*"):
        cipher.shred(aside)


_SALVAGE = (
    (
        "outbox",
        "op_id, kind, case_id, entity_id, base_version, payload, created_at, attempts, "
        "last_error, status, code, current",
    ),
    ("drafts", "case_id, text, updated_at, form"),
    *(
        (t, "id, case_id, at, data, local_state, gen")
        for t in ("contacts", "notes", "promises", "plans", "callbacks")
    ),
)


def recover_store(path: str | Path) -> tuple[LocalStore, int]:
    """Move a damaged store aside (`<name>.corrupt-<n>`), start a fresh one and copy over
    whatever local work can still be read (outbox, drafts, local-only facts).

    Returns the new store and how many rows were salvaged; the next sync refills the rest
    from the server. The damaged file is kept for support.
    """
    src = Path(path)
    with _OPEN_LOCK:
        if _holder(src.resolve()) is not None:  # never move files an open store uses
            raise StoreInUse(src)
    n = 1
    while src.with_name(f"{src.name}.corrupt-{n}").exists():
        n += 1
    aside = src.with_name(f"{src.name}.corrupt-{n}")
    for suffix in ("", "-wal", "-shm"):
        part = Path(str(src) + suffix)
        if part.exists():
            part.rename(Path(str(aside) + suffix))
    repair_mark(src).unlink(missing_ok=True)
    store = LocalStore(src)
    salvaged = 0
    try:
        if cipher.is_plain(aside):
            old = sqlite3.connect(f"file:{aside}?mode=ro", uri=True)
        else:
            old = cipher.connect(f"file:{aside}?mode=ro", store.cipher_key, uri=True, salvage=True)
        # read what is there even when the file is shorter than its header says
        # (otherwise SQLite refuses the whole file); the connection is read-only
        old.execute("PRAGMA writable_schema=ON")
    except cipher.DatabaseError:
        return store, 0
    except WrongKey:
        return store, 0
    try:
        for table, cols in _SALVAGE:
            where = " WHERE local_state != 'synced'" if "local_state" in cols else ""
            try:
                rows = old.execute(f"SELECT {cols} FROM {table}{where}").fetchall()
            except cipher.DatabaseError:
                log.warning("recover: table %s unreadable", table)
                continue
            marks = ",".join("?" * len(cols.split(",")))
            with store.transaction() as tx:
                tx.executemany(f"INSERT OR IGNORE INTO {table}({cols}) VALUES ({marks})", rows)
            salvaged += len(rows)
    finally:
        old.close()
    log.warning("local store rebuilt; %d rows of local work salvaged", salvaged)
    return store, salvaged


__all__ = [
    "LocalStore",
    "StoreCorrupted",
    "StoreError",
    "StoreFull",
    "StoreInUse",
    "StoreLocked",
    "open_store",
    "recover_store",
    "repair_mark",
    "wipe_store",
]
