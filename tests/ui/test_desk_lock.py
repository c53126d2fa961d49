"""Issue #18 point 8 on the desk: the idle lock and the wipe of a disabled account's desk
(real in-process server, real encrypted store; only the keyring backend is faked)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import update

from app.client import paths
from app.server.models import User
from ui import settings
from ui.launcher import Launcher, login
from ui.lock import LOCK_KEY, IdleLock


def _open(qtbot: Any, live: Any, agent: Any, tmp_path: Path) -> tuple[Launcher, Any]:
    launcher = Launcher(data_dir=tmp_path)
    session = login(live.url, agent.username, agent.clear_password)
    desk = launcher.open_desk(session, first_sync_dialog=False, password=agent.clear_password)
    qtbot.addWidget(desk.window)
    with qtbot.waitSignal(desk.sync.report, timeout=20_000) as first:
        pass
    assert first.args[0].outcome == "ok"
    return launcher, desk


def test_the_desk_locks_when_idle_and_asks_for_the_password(  # type: ignore[no-untyped-def]
    qtbot, live, make_user, make_case, tmp_path: Path
) -> None:
    settings.set_str(LOCK_KEY, "0.005")  # 0.3 s for the test (default 15 minutes)
    agent = make_user("agent", username="agent-idle")
    make_case(agent, dpd=20, borrower_name="孙丽")
    launcher, desk = _open(qtbot, live, agent, tmp_path)
    window = desk.window
    lock = window.findChild(IdleLock)
    assert lock is not None and lock.idle_ms == 300
    qtbot.waitUntil(lambda: lock.locked, timeout=10_000)
    overlay = lock.overlay
    assert overlay.geometry() == window.rect()  # the whole window is covered
    # keys aimed at the window behind the cover do nothing
    qtbot.keyClicks(window.search, "abc")
    assert window.search.text() == ""
    overlay.password.setText("not-the-password")
    overlay.try_unlock()
    assert lock.locked and overlay.error.text() == "Wrong password."
    overlay.password.setText(agent.clear_password)  # checked offline (kept Argon2 hash)
    qtbot.keyClick(overlay.password, Qt.Key.Key_Return)
    assert not lock.locked
    qtbot.keyClicks(window.search, "abc")
    assert window.search.text() == "abc"
    launcher.shutdown()
    desk.store.close()


def test_a_disabled_account_wipes_the_desk_and_says_so(  # type: ignore[no-untyped-def]
    qtbot, live, make_user, make_case, session_factory, tmp_path: Path, monkeypatch
) -> None:
    agent = make_user("agent", username="agent-gone")
    make_case(agent, dpd=20, borrower_name="孙丽")
    launcher, desk = _open(qtbot, live, agent, tmp_path)
    case_id = desk.service.store.connection().execute("SELECT id FROM cases").fetchone()[0]
    desk.service.save_draft(case_id, "草稿内容")
    desk.window.side.wrap_up.text.setPlainText("typing when the account ends")  # unsaved yet
    path = paths.store_path(live.url, agent.username, base=tmp_path)
    assert path.exists()
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warned.append(text))
    with session_factory() as s:
        s.execute(update(User).where(User.id == agent.id).values(active=False))
        s.commit()
    with qtbot.waitSignal(launcher.signed_out, timeout=20_000):
        desk.sync.sync_now()
    assert not path.exists()
    assert [p for p in path.parent.iterdir() if p.name.startswith(path.name)] == []
    assert len(warned) == 1 and "disabled" in warned[0] and "1 draft" in warned[0]
    assert not desk.window.isVisible()
    launcher.shutdown()


def test_without_a_kept_hash_the_lock_asks_the_server(  # type: ignore[no-untyped-def]
    qtbot, live, make_user, make_case, tmp_path: Path
) -> None:
    """A desk resumed from the keyring has no password hash yet: the server checks it
    (off the GUI thread), and the hash is kept for the next, offline, unlock."""
    agent = make_user("agent", username="agent-resumed")
    make_case(agent, dpd=20, borrower_name="孙丽")
    launcher = Launcher(data_dir=tmp_path)
    session = login(live.url, agent.username, agent.clear_password)
    desk = launcher.open_desk(session, first_sync_dialog=False)  # no password typed here
    qtbot.addWidget(desk.window)
    store = desk.service.store
    assert store.get_state("unlock_verifier") is None
    lock = desk.window.findChild(IdleLock)
    lock.lock()
    lock.overlay.password.setText("not-the-password")
    lock.overlay.try_unlock()
    assert lock.locked and lock.overlay.error.text() == "Wrong password."
    lock.overlay.password.setText(agent.clear_password)
    lock.overlay.try_unlock()
    assert not lock.locked
    assert store.get_state("unlock_verifier")
    launcher.shutdown()
    store.close()
