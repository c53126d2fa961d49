"""Issue #18 point 8: the desk's data encrypted at rest.

After a sync against the real in-process server, a draft and a pending note, no file of
the desk's data directory (store, WAL, SHM, anything else) holds a borrower's name,
phone, address or the note/draft text as UTF-8 bytes; the store opens again with its key
and refuses a wrong one; a plain store left by an older desk is encrypted in place with
its outbox and drafts; a disabled account's desk wipes its store and key.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update

from app.client import paths
from app.client.desk_guard import password_ok, remember_password, wipe_desk
from app.client.store import LocalStore, StoreLocked, cipher, keys
from app.server.models import User
from tests.client.harness import Desk
from tests.server.conftest import TEST_PASSWORD

NOTE = "借款人称下周三卖车还款，要求暂缓催收"
DRAFT = "草稿：配偶李娜电话已接通，承诺月底前"
SECRETS = ("13812345678", "13987654321", "北京市朝阳区建国路1号", "李娜", NOTE, DRAFT)


def _files(data_dir: Path) -> list[Path]:
    return [p for p in data_dir.rglob("*") if p.is_file()]


def _leaks(data_dir: Path, needles: list[str]) -> list[tuple[str, str]]:
    found = []
    for file in _files(data_dir):
        content = file.read_bytes()
        found += [(file.name, n) for n in needles if n.encode("utf-8") in content]
    return found


def _needles(names: list[str]) -> list[str]:
    return [*names, *SECRETS]


def test_no_personal_data_in_any_file_of_the_data_directory(desk: Desk, cases: list[str]) -> None:
    d = desk.desk
    names = [r[0] for r in desk.store.connection().execute("SELECT borrower_name FROM cases")]
    assert len(names) == 5 and "张5" in names
    # the desk holds the personal data in the clear through its own connection
    payloads = " ".join(r[0] for r in desk.store.connection().execute("SELECT data FROM borrowers"))
    assert "北京市朝阳区建国路1号" in payloads
    d.save_note(cases[0], NOTE)  # a pending note in the outbox
    d.save_draft(cases[1], DRAFT)  # the draft saved as the agent types
    assert desk.outbox_statuses() == ["pending"]
    # the WAL holds the last commits right now (no checkpoint yet): scan it as it is
    files = {p.name for p in _files(desk.data_dir)}
    assert any(n.endswith("-wal") for n in files), files
    assert _leaks(desk.data_dir, _needles(names)) == []
    # and after the desk closes (checkpoint into the main file)
    desk.store.close()
    assert _leaks(desk.data_dir, _needles(names)) == []
    # the store opens again with its key (from the keyring) and holds everything
    again = LocalStore(desk.store.path)
    conn = again.connection()
    assert conn.execute("SELECT text FROM drafts").fetchone()[0] == DRAFT
    assert conn.execute("SELECT count(*) FROM outbox").fetchone()[0] == 1
    assert again.check_integrity()
    again.close()


def test_a_wrong_key_fails_clearly_and_leaves_the_file_alone(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    store = LocalStore(path)
    with store.transaction() as tx:
        tx.execute("INSERT INTO drafts(case_id, text, updated_at) VALUES ('c', ?, 'now')", (DRAFT,))
    store.close()
    before = path.read_bytes()
    with pytest.raises(StoreLocked, match="cannot be decrypted"):
        LocalStore(path, key=b"\x01" * 32)
    with pytest.raises(sqlite3.DatabaseError):  # not readable as a plain SQLite file either
        sqlite3.connect(path).execute("SELECT * FROM drafts").fetchall()
    assert path.read_bytes() == before
    assert LocalStore(path).connection().execute("SELECT text FROM drafts").fetchone()[0] == DRAFT


def test_without_a_keyring_the_key_comes_from_the_password(tmp_path: Path) -> None:
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())  # a headless box: no usable keyring
    path = tmp_path / "s.sqlite3"
    with pytest.raises(StoreLocked, match="password"):
        LocalStore(path)
    store = LocalStore(path, password="right-pass-1")
    with store.transaction() as tx:
        tx.execute("INSERT INTO drafts(case_id, text, updated_at) VALUES ('c', ?, 'now')", (DRAFT,))
    store.close()
    salt = keys.salt_path(path).read_bytes()
    assert len(salt) == keys.SALT_BYTES and salt not in path.read_bytes()
    with pytest.raises(StoreLocked):
        LocalStore(path, password="wrong-pass")
    again = LocalStore(path, password="right-pass-1")
    assert again.connection().execute("SELECT text FROM drafts").fetchone()[0] == DRAFT
    again.close()


def test_a_plain_store_is_encrypted_in_place_keeping_the_outbox_and_drafts(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.sqlite3"
    store = LocalStore(path, key=b"\x02" * 32)
    store.close()
    # the same schema written by the desk before encryption: a plain SQLite file
    plain = tmp_path / "plain.sqlite3"
    enc = cipher.connect(path, b"\x02" * 32, isolation_level=None)
    enc.execute(f"ATTACH DATABASE '{plain}' AS p KEY ''")
    enc.execute("SELECT sqlcipher_export('p')")
    enc.execute("DETACH DATABASE p")
    enc.close()
    path.unlink()
    plain.rename(path)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("INSERT INTO drafts(case_id, text, updated_at) VALUES ('c', ?, 'now')", (DRAFT,))
    conn.execute(
        "INSERT INTO outbox(op_id, kind, case_id, entity_id, payload, created_at) "
        "VALUES ('op1', 'note', 'c', 'n1', ?, 'now')",
        (f'{{"text": "{NOTE}"}}',),
    )
    conn.close()
    assert DRAFT.encode() in path.read_bytes()
    migrated = LocalStore(path)  # a fresh key from the keyring
    c = migrated.connection()
    assert c.execute("SELECT text FROM drafts").fetchone()[0] == DRAFT
    assert NOTE in c.execute("SELECT payload FROM outbox").fetchone()[0]
    migrated.close()
    assert _leaks(tmp_path, [DRAFT, NOTE]) == []
    assert sorted(p.name for p in _files(tmp_path)) == ["old.sqlite3"]


def test_a_disabled_account_wipes_the_desk(
    desk: Desk, cases: list[str], agent: Any, session_factory: Any
) -> None:
    d = desk.desk
    d.save_note(cases[0], NOTE)
    assert desk.sync().outcome == "ok"  # pushed while the account was active
    d.save_note(cases[1], "第二条")  # written after: cannot reach the server any more
    with session_factory() as s:
        s.execute(update(User).where(User.id == agent.id).values(active=False))
        s.commit()
    report = desk.sync()
    assert report.outcome == "disabled", report.summary()
    path = desk.store.path
    desk.engine.close()
    wiped = wipe_desk(desk.store)
    assert wiped.unsent == 1
    assert not path.exists() and not Path(f"{path}-wal").exists()
    assert keys.SERVICE not in {s for s, _u in _keyring_entries()}
    assert [p for p in _files(desk.data_dir) if "sqlite3" in p.name] == []


def _keyring_entries() -> list[tuple[str, str]]:
    import keyring

    kr = keyring.get_keyring()
    return list(getattr(kr, "secrets", {}).keys())


def test_an_expired_session_is_not_a_disabled_account(desk: Desk) -> None:
    """Only the server's 'user disabled' wipes: a revoked token asks for the password."""
    access, refresh = desk.session.api.tokens.access_token, desk.session.api.tokens.refresh_token
    desk.session.logout()  # the server revokes the whole login
    desk.session.api.tokens.access_token = access
    desk.session.api.tokens.refresh_token = refresh
    assert desk.sync().outcome == "unauthorized"
    assert desk.store.path.exists()


def test_the_lock_checks_the_password_offline(store: LocalStore) -> None:
    assert password_ok(store, TEST_PASSWORD) is None  # nothing kept yet: ask the server
    remember_password(store, TEST_PASSWORD)
    assert password_ok(store, TEST_PASSWORD) is True
    assert password_ok(store, "wrong") is False
    kept = store.get_state("unlock_verifier") or ""
    assert TEST_PASSWORD not in kept


def test_store_path_unchanged(tmp_path: Path) -> None:
    """The encrypted store keeps its place (README: where data lives)."""
    assert paths.store_path("http://h", "u", base=tmp_path).suffix == ".sqlite3"


def test_a_keyring_that_cannot_be_read_locks_the_store_without_touching_it(
    tmp_path: Path, store_key_keyring: Any
) -> None:
    """A keyring read failure (locked keyring, dismissed prompt) is not a lost key: the
    store is not taken for damaged (which would move it aside)."""
    import keyring
    import keyring.errors

    path = tmp_path / "s.sqlite3"
    LocalStore(path).close()
    before = path.read_bytes()

    class Broken(type(store_key_keyring)):  # type: ignore[misc]
        def get_password(self, service: str, username: str) -> str | None:
            raise keyring.errors.KeyringError("keyring locked")

    broken = Broken()
    broken.secrets = dict(store_key_keyring.secrets)
    keyring.set_keyring(broken)
    with pytest.raises(StoreLocked, match="keyring cannot be read"):
        LocalStore(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.sqlite3"]
    keyring.set_keyring(store_key_keyring)
    LocalStore(path).close()
