"""Opening the local store never disturbs a connection that already holds it.

POSIX file locks belong to a process and a file: closing ANY descriptor of the file drops
every lock the process holds on it, SQLite's included. SQLite's WAL mode relies on the
shared lock each connection keeps on the database file: a process that closes its last
connection takes the exclusive lock when nobody holds a shared one, checkpoints, and
deletes the WAL. If the open-time check of the store opened and closed the file with
Python's open() while a connection of this process held it, that lock was silently gone:
another process's exit then deleted the WAL under our connection, and what we wrote next
went to a deleted file (lost, or a "damaged" store at the next start).

So the check uses SQLite itself, and one process never opens the same store twice (a
second `open_store` returns the open one, a second `LocalStore` is refused).
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from app.client.store import LocalStore, StoreCorrupted, StoreInUse, keys, open_store
from tests.conftest import raw_store_connection


def _key(path: Path) -> str:
    """The store's key (from the test keyring) for the other processes of these tests."""
    return keys.store_key(path).hex()


WRITE = """
import sys
from app.client.store import cipher
conn = cipher.connect(sys.argv[1], bytes.fromhex(sys.argv[4]), timeout=30, isolation_level=None)
for i in range(int(sys.argv[3])):
    conn.execute("INSERT INTO sync_state(key, value) VALUES (?, 'x')", (f"{sys.argv[2]}-{i}",))
conn.close()  # the last connection of this process: checkpoint + WAL removed if it may
"""

READ = """
import sys
from app.client.store import cipher
conn = cipher.connect(sys.argv[1], bytes.fromhex(sys.argv[2]), timeout=30)
print(conn.execute("PRAGMA quick_check").fetchone()[0])
for (key,) in conn.execute("SELECT key FROM sync_state WHERE key LIKE 'k-%' ORDER BY key"):
    print(key)
"""


def _other_process_writes(path: Path, prefix: str, rows: int = 1) -> None:
    subprocess.run(
        [sys.executable, "-c", WRITE, str(path), prefix, str(rows), _key(path)], check=True
    )


def _seen_by_another_process(path: Path) -> tuple[str, set[str]]:
    done = subprocess.run(
        [sys.executable, "-c", READ, str(path), _key(path)],
        check=True,
        capture_output=True,
        text=True,
    )
    lines = done.stdout.split()
    return lines[0], set(lines[1:])


def _put(store: LocalStore, key: str) -> None:
    with store.transaction() as tx:
        tx.execute("INSERT INTO sync_state(key, value) VALUES (?, 'x')", (key,))


def test_a_second_opener_does_not_drop_the_first_ones_locks(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    first = open_store(path)
    _put(first, "k-1-first")
    second = open_store(path)  # the desk and a tool in one process, say
    _other_process_writes(path, "k-2-other")
    _put(first, "k-3-first-again")
    _put(second, "k-4-second")
    check, keys = _seen_by_another_process(path)
    assert check == "ok"
    assert keys == {"k-1-first", "k-2-other-0", "k-3-first-again", "k-4-second"}
    first.close()
    LocalStore(path).close()  # opens cleanly again: not "damaged"


def test_opening_a_store_keeps_the_locks_of_other_connections_of_this_process(
    tmp_path: Path,
) -> None:
    """The open-time check itself: a plain SQLite connection of this process (a support
    tool, a salvage) holds the file while the store is opened."""
    path = tmp_path / "s.sqlite3"
    LocalStore(path).close()
    held = raw_store_connection(path, isolation_level=None)
    held.execute("INSERT INTO sync_state(key, value) VALUES ('k-1-held', 'x')")
    store = LocalStore(path)
    _other_process_writes(path, "k-2-other")
    held.execute("INSERT INTO sync_state(key, value) VALUES ('k-3-held', 'x')")
    _put(store, "k-4-store")
    check, keys = _seen_by_another_process(path)
    assert check == "ok"
    assert keys == {"k-1-held", "k-2-other-0", "k-3-held", "k-4-store"}
    held.close()
    store.close()


def test_one_process_opens_a_store_once(tmp_path: Path) -> None:
    path = tmp_path / "a" / "s.sqlite3"
    store = LocalStore(path)
    assert open_store(path) is store
    assert open_store(tmp_path / "a" / ".." / "a" / "s.sqlite3") is store  # same file
    with pytest.raises(StoreInUse, match="already open in this process"):
        LocalStore(path)
    # another thread uses the same store (its own connection), it does not open it again
    seen: list[object] = []

    def work() -> None:
        mine = open_store(path)
        seen.extend((mine, mine.connection()))
        mine.close()  # the worker's connection only: the store stays open

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    assert seen[0] is store and seen[1] is not store.connection()
    assert open_store(path) is store
    store.close()  # closed by every thread that used it: free again
    again = LocalStore(path)
    assert again is not store
    again.close()


def test_two_openers_and_a_writing_process_never_see_a_damaged_store(tmp_path: Path) -> None:
    """Another process writes (and checkpoints) without pause while this one opens the
    store again and again and writes through both openers: never "damaged", nothing lost."""
    path = tmp_path / "s.sqlite3"
    LocalStore(path).close()
    writer = subprocess.Popen([sys.executable, "-c", WRITE, str(path), "k-w", "400", _key(path)])
    mine: list[str] = []
    try:
        deadline = time.monotonic() + 60
        n = 0
        while writer.poll() is None and time.monotonic() < deadline:
            first = open_store(path)
            second = open_store(path)
            for store in (first, second):
                key = f"k-m-{n}"
                _put(store, key)
                mine.append(key)
                n += 1
            assert first.check_integrity()
            first.close()
    except StoreCorrupted as exc:  # pragma: no cover - the failure this test guards against
        pytest.fail(f"a healthy store was taken for damaged: {exc}")
    finally:
        writer.wait(timeout=120)
    assert writer.returncode == 0
    check, keys = _seen_by_another_process(path)
    assert check == "ok"
    assert set(mine) <= keys and len(mine) >= 2
    assert {f"k-w-{i}" for i in range(400)} <= keys
