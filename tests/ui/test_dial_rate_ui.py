"""The desk shows the dial route's 429 clearly (issue #18 point 2): a 'dialing paused' box
and the status bar say how many dials the server allows and when to try again; nothing is
handed to the softphone. Real in-process server; rendered in both languages at 1366x768."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from sqlalchemy import update

from app.client.online import OnlineActions
from app.client.session import Session
from app.server.models import Phone
from app.server.settings import Settings
from tests.server.conftest import FAST_ARGON2
from tests.ui.fakes import FakeDeskService
from ui.i18n import install_language
from ui.main_window import MainWindow
from ui.signal_hub import SignalHub


@pytest.fixture
def settings(db_url: str) -> Settings:
    return Settings(database_url=db_url, dial_rate_limit=1, **FAST_ARGON2)  # type: ignore[arg-type]


def test_a_429_on_dial_is_shown_and_nothing_is_dialled(  # type: ignore[no-untyped-def]
    qtbot, live, make_user, make_case, session_factory, memory_keyring, screenshot_dir: Path
) -> None:
    agent = make_user("agent", username="agent-rate")
    case = make_case(agent, dpd=20)
    with session_factory() as s:
        s.execute(update(Phone).values(timezone="UTC"))
        s.commit()
    session = Session(live.url, agent.username, timeout=5)
    session.login(agent.clear_password)
    online = OnlineActions(session.api)
    try:  # the one dial the minute allows (blocked or not, it counts)
        online.dial(case.case_id, case.phone_ids[0])
    except Exception:
        pass
    handed: list[Any] = []
    fake = FakeDeskService(3)
    window = MainWindow(
        fake, SignalHub(), restore=False, online=online, softphone=handed.append, reminders=False
    )
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.load()
    # a case the desk's own guard lets through (the fake book blocks every third one)
    detail = next(d for d in fake.details.values() if d.policy[0].allowed)
    phone = detail.policy[0].phone_id
    calls = window.calls
    app = QApplication.instance()
    # the server answers 429 before it looks the case up (the rate comes first)
    for lang in ("en", "zh_CN"):
        install_language(app, lang)
        calls.notice = None
        assert calls.dial(detail, phone)
        qtbot.waitUntil(lambda: calls.notice is not None, timeout=10_000)
        box = calls.notice
        assert box is not None and box.isVisible()
        if lang == "en":
            assert "Too many dials" in box.text() and "Try again in" in box.text()
            assert "at most 1 in 60 s" in box.text()
        else:
            assert "拨号过于频繁" in box.text()
        assert handed == [] and calls.active is None and not calls.pending
        qtbot.wait(50)
        window.grab().save(str(screenshot_dir / f"dial_rate_limited_{lang}.png"))
        box.grab().save(str(screenshot_dir / f"dial_rate_limited_box_{lang}.png"))
        box.close()
    install_language(app, "en")
