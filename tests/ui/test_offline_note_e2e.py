"""End to end with the real in-process server: the desk syncs, the server goes away, the
agent writes a note offline, the server comes back, and the note reaches the server
exactly once — through the real DeskService, outbox, SyncEngine and BackgroundSync."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from app.client import paths
from app.client.desk_service import DeskService
from app.client.session import Session
from app.client.store import LocalStore
from app.client.sync_engine import SyncEngine
from app.server.models import Note
from ui.background import BackgroundSync
from ui.main_window import MainWindow
from ui.signal_hub import SignalHub


def _notes_on_server(session_factory, case_id: str, text: str) -> int:  # type: ignore[no-untyped-def]
    with session_factory() as s:
        return int(
            s.scalar(
                select(func.count())
                .select_from(Note)
                .where(Note.case_id == case_id, Note.text == text)
            )
        )


def _sync(qtbot, sync: BackgroundSync):  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(sync.report, timeout=20_000) as blocker:
        sync.sync_now()
    return blocker.args[0]


def test_note_typed_offline_reaches_the_server_exactly_once(  # type: ignore[no-untyped-def]
    qtbot, live, make_user, make_case, session_factory, memory_keyring, tmp_path: Path
) -> None:
    agent = make_user("agent", username="agent-e2e")
    case = make_case(agent, dpd=45, borrower_name="张伟")
    make_case(agent, dpd=12, borrower_name="李娜")

    session = Session(live.url, "agent-e2e", timeout=5)
    session.api.backoff.base = 0.0  # retry at once in tests
    session.login(agent.clear_password)
    store = LocalStore(paths.store_path(live.url, "agent-e2e", base=tmp_path))
    service = DeskService(store, user="agent-e2e")
    hub = SignalHub()
    sync = BackgroundSync(lambda: SyncEngine(store, session.api), interval_ms=3_600_000)
    window = MainWindow(service, hub, sync=sync, user_label="agent-e2e", restore=False)
    qtbot.addWidget(window)
    window.show()
    window.load()
    assert window.worklist.model.total == 0  # nothing cached yet

    with qtbot.waitSignal(sync.report, timeout=20_000) as first:
        sync.start()  # first sync on start
    assert first.args[0].outcome == "ok", first.args[0].summary()
    qtbot.waitUntil(lambda: window.worklist.model.total == 2, timeout=5_000)
    assert window.status.state.text() == "● online"

    # --- the network goes away -------------------------------------------------------
    live.stop()
    assert window.worklist.select_case(case.case_id)
    assert window.current is not None and window.current.borrower.name == "张伟"
    editor = window.side.wrap_up
    editor.text.setPlainText("离线记录：客户承诺周五还款")
    editor.disposition.setCurrentIndex(editor.disposition.findData("right_party"))
    with qtbot.waitSignal(sync.report, timeout=20_000) as tried:
        assert editor.save()  # a saved wrap-up is sent at once (here: the server is gone)
        assert window.status.pending.text() == "1 pending"
    report = tried.args[0]
    assert report.outcome == "offline"
    assert window.status.state.text() == "○ offline"
    assert window.status.pending.text() == "1 pending"
    top = window.side.notes_model.data(window.side.notes_model.index(0, 0))
    assert "waiting to sync" in top and "离线记录" in top
    assert _notes_on_server(session_factory, case.case_id, "离线记录：客户承诺周五还款") == 0

    # --- back online: pushed once, and only once ----------------------------------------
    live.start()
    report = _sync(qtbot, sync)
    assert report.outcome == "ok", report.summary()
    assert report.pushed_applied == 1
    assert _notes_on_server(session_factory, case.case_id, "离线记录：客户承诺周五还款") == 1
    report = _sync(qtbot, sync)
    assert report.outcome == "ok" and report.pushed_applied == 0
    assert _notes_on_server(session_factory, case.case_id, "离线记录：客户承诺周五还款") == 1
    assert window.status.pending.text() == "0 pending"
    assert window.status.state.text() == "● online"
    top = window.side.notes_model.data(window.side.notes_model.index(0, 0))
    assert "离线记录" in top and "waiting to sync" not in top
    window.close()
    store.close()
