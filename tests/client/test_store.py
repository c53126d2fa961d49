"""Local store: schema/migrations, bulk apply, tombstones, generations sweep, corruption."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.client.store import LocalStore, StoreCorrupted, StoreError, cipher
from app.client.store.apply import (
    PayloadError,
    apply_tombstones,
    apply_upserts,
    normalize_search,
    sweep_older_generations,
)
from app.client.store.schema import SCHEMA_VERSION
from tests.client import factories as f
from tests.conftest import raw_store_connection


def test_new_store_is_migrated_and_in_wal_mode(tmp_path: Path) -> None:
    s = LocalStore(tmp_path / "a" / "s.sqlite3")
    assert s.schema_version == SCHEMA_VERSION
    assert s.connection().execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    s.close()
    again = LocalStore(tmp_path / "a" / "s.sqlite3")  # reopening does not re-run migrations
    assert again.schema_version == SCHEMA_VERSION
    assert again.check_integrity()


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    s = LocalStore(tmp_path / "s.sqlite3")
    s.connection().execute("INSERT INTO schema_version VALUES (?)", (SCHEMA_VERSION + 1,))
    s.close()
    with pytest.raises(StoreError, match="newer"):
        LocalStore(tmp_path / "s.sqlite3")


def test_garbage_file_is_reported_as_corrupted(tmp_path: Path) -> None:
    p = tmp_path / "s.sqlite3"
    p.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreCorrupted):
        LocalStore(p)


def test_bulk_apply_fills_worklist_columns(store: LocalStore) -> None:
    with store.transaction() as tx:
        res = apply_upserts(tx, f.book(3), gen=1)
    assert res.upserts == 9 and len(res.case_ids) == 3
    row = (
        store.connection()
        .execute(
            "SELECT borrower_name, contract_no, plate, phone_masked, search_text FROM cases "
            "WHERE loan_id='l000001'"
        )
        .fetchone()
    )
    assert row[0] == "张芳1" and row[1] == "HT-2025-000001" and row[2] == "京A·00001"
    assert row[3] == "138****0001"
    assert normalize_search("京A·00001") in row[4] and "0001" in row[4]


def test_borrower_update_refreshes_denormalised_name(store: LocalStore) -> None:
    with store.transaction() as tx:
        apply_upserts(tx, f.book(2), gen=1)
    b = f.borrower("b000000", 0) | {"name": "王五"}
    with store.transaction() as tx:
        res = apply_upserts(tx, [{"entity": "borrower", "id": "b000000", "data": b}], gen=1)
    assert res.case_ids == {f.book(1)[2]["id"]}
    names = {r[0] for r in store.connection().execute("SELECT borrower_name FROM cases")}
    assert names == {"王五", "张芳1"}


def test_case_tombstone_removes_synced_children_but_keeps_pending(store: LocalStore) -> None:
    up = f.book(1)
    cid = up[2]["id"]
    note = {
        "id": f.uid(),
        "case_id": cid,
        "author": "a",
        "text": "x",
        "created_at": "2026-11-01T00:00:00Z",
    }
    with store.transaction() as tx:
        apply_upserts(tx, [*up, {"entity": "note", "id": note["id"], "data": note}], gen=1)
        tx.execute(
            "INSERT INTO notes(id, case_id, at, data, local_state) VALUES "
            "('local', ?, '2026', '{}', 'pending')",
            (cid,),
        )
    with store.transaction() as tx:
        res = apply_upserts(tx, [], gen=1)
        apply_tombstones(tx, [{"entity": "case", "id": cid, "reason": "reassigned"}], res)
    c = store.connection()
    assert c.execute("SELECT count(*) FROM cases").fetchone()[0] == 0
    assert c.execute("SELECT count(*) FROM loans").fetchone()[0] == 0
    assert c.execute("SELECT count(*) FROM borrowers").fetchone()[0] == 0
    assert [r[0] for r in c.execute("SELECT id FROM notes")] == ["local"]
    assert res.removed_case_ids == {cid}


def test_sweep_removes_rows_not_seen_by_the_resync(store: LocalStore) -> None:
    with store.transaction() as tx:
        apply_upserts(tx, f.book(3), gen=1)
    with store.transaction() as tx:
        apply_upserts(tx, f.book(1, start=1), gen=2)  # resync only sees case 1
        removed = sweep_older_generations(tx, 2)
    assert len(removed) == 2
    rows = store.connection().execute("SELECT loan_id FROM cases").fetchall()
    assert rows == [("l000001",)]


def test_malformed_upsert_is_a_payload_error_and_rolls_back(store: LocalStore) -> None:
    bad = f.book(1)
    del bad[2]["data"]["bucket"]
    with pytest.raises(PayloadError), store.transaction() as tx:
        apply_upserts(tx, bad, gen=1)
    assert store.connection().execute("SELECT count(*) FROM borrowers").fetchone()[0] == 0


def test_transaction_rolls_back_on_error(store: LocalStore) -> None:
    with pytest.raises(cipher.IntegrityError), store.transaction() as tx:
        tx.execute("INSERT INTO drafts(case_id, text, updated_at) VALUES ('c', 't', 'now')")
        tx.execute("INSERT INTO drafts(case_id, text, updated_at) VALUES ('c', 't', 'now')")
    assert store.connection().execute("SELECT count(*) FROM drafts").fetchone()[0] == 0


def test_recover_store_salvages_local_work(tmp_path: Path) -> None:
    from app.client.desk_service import DeskService
    from app.client.store import recover_store

    path = tmp_path / "s.sqlite3"
    store = LocalStore(path)
    with store.transaction() as tx:
        apply_upserts(tx, f.book(2), gen=1)
    desk = DeskService(store, user="a", policy_profile=None)
    case_id = f.book(1)[2]["id"]
    desk.save_note(case_id, "saved offline")
    desk.save_draft(case_id, "typing...")
    store.close()
    fresh, salvaged = recover_store(path)
    assert salvaged == 3  # the op, its note, the draft
    assert (tmp_path / "s.sqlite3.corrupt-1").exists()
    conn = fresh.connection()
    assert conn.execute("SELECT count(*) FROM cases").fetchone()[0] == 0  # refilled by sync
    assert conn.execute("SELECT count(*) FROM outbox").fetchone()[0] == 1
    assert DeskService(fresh, user="a").load_draft(case_id) == "typing..."


def test_recover_store_from_garbage(tmp_path: Path) -> None:
    from app.client.store import recover_store

    path = tmp_path / "s.sqlite3"
    path.write_bytes(b"garbage" * 1000)
    with pytest.raises(StoreCorrupted):
        LocalStore(path)
    fresh, salvaged = recover_store(path)
    assert salvaged == 0 and fresh.check_integrity()


def test_a_store_found_damaged_in_use_is_rebuilt_at_the_next_open(tmp_path: Path) -> None:
    """Damage seen while running (a malformed page on write) marks the file; the next open
    refuses it, so the desk salvages the outbox into a fresh store, and the mark is gone."""

    from app.client.desk_service import DeskService
    from app.client.store import recover_store, repair_mark

    path = tmp_path / "s.sqlite3"
    store = LocalStore(path)
    with store.transaction() as tx:
        apply_upserts(tx, f.book(1), gen=1)
    case_id = f.book(1)[2]["id"]
    DeskService(store, user="a").save_note(case_id, "before the damage")
    with pytest.raises(StoreCorrupted), store.transaction():
        raise sqlite3.DatabaseError("database disk image is malformed")
    store.close()
    assert repair_mark(path).exists()
    with pytest.raises(StoreCorrupted):
        LocalStore(path)
    fresh, _ = recover_store(path)
    assert not repair_mark(path).exists()
    assert fresh.connection().execute("SELECT count(*) FROM outbox").fetchone()[0] == 1
    fresh.close()
    LocalStore(path).close()  # opens normally again


def test_tombstoned_case_keeps_its_queued_ops_until_acked(store: LocalStore) -> None:
    from app.client import outbox
    from app.client.desk_service import DeskService

    with store.transaction() as tx:
        apply_upserts(tx, f.book(1), gen=1)
    cid = f.book(1)[2]["id"]
    DeskService(store, user="a", policy_profile=None).save_note(cid, "written before removal")
    with store.transaction() as tx:
        res = apply_upserts(tx, [], gen=1)
        apply_tombstones(tx, [{"entity": "case", "id": cid}], res)
    conn = store.connection()
    (op,) = outbox.pending(conn, limit=10)
    assert conn.execute("SELECT local_state FROM notes").fetchall() == [("pending",)]
    with store.transaction() as tx:
        outbox.record_ack(tx, op, "applied")
    assert conn.execute("SELECT count(*) FROM notes").fetchone()[0] == 0  # lives on the server
    assert conn.execute("SELECT status FROM acks").fetchall() == [("applied",)]
    assert outbox.counts(conn) == (0, 0)


def test_full_disk_is_a_clear_error_and_loses_nothing(store: LocalStore) -> None:
    from app.client.desk_service import DeskService
    from app.client.store import StoreFull

    with store.transaction() as tx:
        apply_upserts(tx, f.book(1), gen=1)
    desk = DeskService(store, user="a", policy_profile=None)
    cid = f.book(1)[2]["id"]
    desk.save_note(cid, "saved before the disk filled up")
    conn = store.connection()
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")  # the "disk" is now full
    with pytest.raises(StoreFull, match="disk is full"):
        desk.save_note(cid, "x" * 9000 + "长" * 900)
    conn.execute("PRAGMA max_page_count = 1073741823")
    assert desk.sync_status().pending_ops == 1
    assert [n.text for n in desk.case_detail(cid).notes] == ["saved before the disk filled up"]
    desk.save_note(cid, "after freeing space")
    assert desk.sync_status().pending_ops == 2


def test_a_checkpoint_cut_short_is_not_taken_for_a_damaged_file(tmp_path: Path) -> None:
    """Killed while SQLite copied the WAL into the main file: the header already counts the
    new pages, the file is not that long yet, the WAL still holds them. SQLite recovers this
    on open; the store must not call it damaged (a file cut short with no WAL still is)."""
    import shutil

    path = tmp_path / "s.sqlite3"
    LocalStore(path).close()
    before = path.stat().st_size
    conn = raw_store_connection(path)
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute("INSERT INTO sync_state(key, value) VALUES ('filler', ?)", ("x" * 400_000,))
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(PASSIVE)")  # copied into the file, WAL kept
    # the state a kill mid-checkpoint leaves: the WAL, and a main file missing its tail
    shutil.copyfile(path.with_name("s.sqlite3-wal"), tmp_path / "wal")
    conn.close()
    shutil.copyfile(tmp_path / "wal", path.with_name("s.sqlite3-wal"))
    cut = before + (path.stat().st_size - before) // 2  # half the new pages not copied yet
    with path.open("r+b") as f:
        f.truncate(cut)
    store = LocalStore(path)
    assert store.check_integrity()
    value = store.connection().execute("SELECT value FROM sync_state WHERE key='filler'")
    assert value.fetchone()[0] == "x" * 400_000
    store.close()
    # the same shortfall with the WAL gone is a damaged file
    path.with_name("s.sqlite3-wal").unlink(missing_ok=True)
    with path.open("r+b") as f:
        f.truncate(cut)
    with pytest.raises(StoreCorrupted, match="truncated"):
        LocalStore(path)
