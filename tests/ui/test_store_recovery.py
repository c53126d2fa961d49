"""A damaged local store loses no work: the launcher salvages the unsent outbox and drafts
into a fresh store, tells the agent what it recovered, and the note reaches the server once."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.client import paths
from app.client.desk_service import DeskService
from app.client.session import Session
from app.client.store import LocalStore
from app.client.sync_engine import SyncEngine
from app.server.models import Note
from tests.conftest import raw_store_connection
from ui.launcher import open_store

NOTE = "损坏前写的记录：客户下周一还款"


def _notes_on_server(session_factory, case_id: str) -> int:  # type: ignore[no-untyped-def]
    with session_factory() as s:
        return int(
            s.scalar(
                select(func.count())
                .select_from(Note)
                .where(Note.case_id == case_id, Note.text == NOTE)
            )
        )


def _damage_page_of(path: Path, table: str) -> None:
    """Overwrite the root page of `table` with garbage (the rest of the file is intact)."""
    conn = raw_store_connection(path)
    page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name=?", (table,)).fetchone()[0]
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    with path.open("r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(b"\xa5" * page_size)


def _cut_off_the_tail(path: Path) -> None:
    """Grow the file with a large value written after the note, then cut the file in the
    middle of that value (as a crash or a bad copy would): the outbox stays readable."""
    conn = raw_store_connection(path)
    before = path.stat().st_size
    conn.execute("INSERT INTO sync_state(key, value) VALUES ('filler', ?)", ("x" * 400_000,))
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    after = path.stat().st_size
    with path.open("r+b") as f:
        f.truncate(before + (after - before) // 2)


@pytest.mark.parametrize("damage", ["bad_page", "truncated"])
def test_a_damaged_store_keeps_the_unsent_note_and_sends_it_once(  # type: ignore[no-untyped-def]
    qtbot,
    live,
    make_user,
    make_case,
    session_factory,
    memory_keyring,
    tmp_path,
    monkeypatch,
    damage: str,
) -> None:
    from PySide6.QtWidgets import QMessageBox

    agent = make_user("agent", username="agent-damaged")
    case = make_case(agent, dpd=33, borrower_name="周杰")
    session = Session(live.url, "agent-damaged", timeout=5)
    session.api.backoff.base = 0.0
    session.login(agent.clear_password)

    path = paths.store_path(live.url, "agent-damaged", base=tmp_path)
    store = LocalStore(path)
    assert SyncEngine(store, session.api).run_once().outcome == "ok"
    service = DeskService(store, user="agent-damaged")
    service.save_note(case.case_id, NOTE, "right_party")  # queued, not yet pushed
    service.save_draft(case.case_id, "还没写完的草稿")
    store.close()
    if damage == "bad_page":
        _damage_page_of(path, "schema_version")
    else:
        _cut_off_the_tail(path)

    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warned.append(text))
    store = open_store(live.url, "agent-damaged", data_dir=tmp_path)
    try:
        assert store.check_integrity()
        kept = [p.name for p in path.parent.iterdir() if ".corrupt-" in p.name]
        assert kept, "the damaged file is kept for support"
        assert warned and "1 unsent change" in warned[0] and "1 draft" in warned[0]
        ops = store.connection().execute("SELECT kind, case_id FROM outbox").fetchall()
        assert ops == [("note.create", case.case_id)]
        assert DeskService(store, user="agent-damaged").load_draft(case.case_id)

        engine = SyncEngine(store, session.api)
        report = engine.run_once()
        assert report.outcome == "ok", report.summary()
        assert _notes_on_server(session_factory, case.case_id) == 1
        assert engine.run_once().outcome == "ok"
        assert _notes_on_server(session_factory, case.case_id) == 1
        assert store.connection().execute("SELECT count(*) FROM outbox").fetchone()[0] == 0
        engine.close()
    finally:
        store.close()


def test_damage_found_during_sync_is_reported_and_repaired_at_next_start(  # type: ignore[no-untyped-def]
    qtbot, tmp_path, monkeypatch
) -> None:
    """A sync that fails on a malformed store: the agent is told once, the file is marked,
    and the next open_store salvages it (the pending note survives)."""
    from PySide6.QtWidgets import QMessageBox

    from app.client.store import repair_mark
    from app.client.store.apply import apply_upserts
    from app.client.views import SyncReport
    from tests.client import factories as f
    from ui.main_window import MainWindow
    from ui.signal_hub import SignalHub

    path = paths.store_path("http://desk.example", "agent01", base=tmp_path)
    store = LocalStore(path)
    with store.transaction() as tx:
        apply_upserts(tx, f.book(1), gen=1)
    service = DeskService(store, user="agent01")
    service.save_note(f.book(1)[2]["id"], NOTE)
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warned.append(text))
    window = MainWindow(service, SignalHub(), user_label="agent01", restore=False)
    qtbot.addWidget(window)
    bad = SyncReport(outcome="error", error="DatabaseError: database disk image is malformed")
    window._sync_finished(bad)
    window._sync_finished(bad)
    assert len(warned) == 1 and "restart" in warned[0]
    assert repair_mark(path).exists()
    window.close()
    store.close()

    store = open_store("http://desk.example", "agent01", data_dir=tmp_path)
    try:
        assert "1 unsent change" in warned[-1]
        assert store.connection().execute("SELECT count(*) FROM outbox").fetchone()[0] == 1
        assert not repair_mark(path).exists()
    finally:
        store.close()
