"""Signing out revokes the token on the server from the background helper — the GUI
thread never calls the HTTP client (DESIGN.md §5) — and the window closes afterwards."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from app.client.http_client import ApiClient, Tokens, Unauthorized
from app.client.session import SERVICE
from app.client.store import keys
from ui.launcher import Launcher, login


def test_sign_out_revokes_the_token_off_the_gui_thread(  # type: ignore[no-untyped-def]
    qtbot, live, make_user, make_case, memory_keyring, tmp_path: Path
) -> None:
    agent = make_user("agent", username="agent-leaving")
    make_case(agent, dpd=20, borrower_name="孙丽")
    launcher = Launcher(data_dir=tmp_path)
    session = login(live.url, agent.username, agent.clear_password)
    desk = launcher.open_desk(session, first_sync_dialog=False)
    qtbot.addWidget(desk.window)
    with qtbot.waitSignal(desk.sync.report, timeout=20_000) as first:
        pass
    assert first.args[0].outcome == "ok"
    refresh_token = session.api.tokens.refresh_token
    assert refresh_token
    assert [k for k in memory_keyring.secrets if k[0] == SERVICE]  # remembered at sign-in

    calls: list[tuple[str, bool]] = []
    real_send = session.api._send

    def recording_send(method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        calls.append((path, threading.current_thread() is threading.main_thread()))
        return real_send(method, path, **kwargs)

    session.api._send = recording_send  # type: ignore[method-assign]
    with qtbot.waitSignal(launcher.signed_out, timeout=20_000):
        desk.window.sign_out_requested.emit()
        # the GUI thread returns at once: the window is disabled while the call runs
        assert not desk.window.isEnabled()
    assert ("/auth/logout", False) in calls
    assert all(not on_gui for _path, on_gui in calls), calls
    assert not desk.window.isVisible()

    # the server no longer accepts the refresh token, and the keyring forgot it
    probe = ApiClient(live.url, timeout=5)
    probe.tokens = Tokens(access_token=None, refresh_token=refresh_token)
    with pytest.raises(Unauthorized):
        probe.refresh()
    assert not [k for k in memory_keyring.secrets if k[0] == SERVICE]
    # the store's key stays (the store is kept for the next sign-in; only a disabled
    # account's desk is wiped, tests/ui/test_desk_lock.py)
    assert [k for k in memory_keyring.secrets if k[0] == keys.SERVICE]
    launcher.shutdown()
    desk.store.close()
