"""The call bar and the wrap-up in baresip mode, with REAL baresip processes and the real
in-process server: F5 dials (the clear number comes from the audited dial route and goes to
the desk's baresip over ctrl_tcp), the bar shows dialling -> ringing -> talking with the
timer from the answer -> ended with the reason; an unanswered call is filled in by the
phone's end and saved with F9 alone; a call nobody answered cannot be saved as a
right-party contact."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select, update

from app.client import paths
from app.client.desk_service import DeskService
from app.client.online import OnlineActions
from app.client.session import Session
from app.client.store import LocalStore
from app.client.sync_engine import SyncEngine
from app.client.telephony.baresip import BaresipPhone
from app.server.models import ContactAttempt, Phone
from tests.client.baresip_rig import BARESIP, Baresip, control, tone_wav
from tests.ui.test_call_flow import _day_zone
from ui import settings
from ui.background import BackgroundSync
from ui.main_window import MainWindow
from ui.signal_hub import SignalHub

if BARESIP is None and os.environ.get("COLLECTION_DESK_REQUIRE_BARESIP"):
    raise RuntimeError("baresip is required here (apt-get install -y baresip-core)")

pytestmark = [
    pytest.mark.baresip,
    pytest.mark.skipif(BARESIP is None, reason="baresip-core is not installed"),
]
BORROWER_NUMBER = "13812345678"  # tests/server/conftest.seed_case's borrower phone


class Desk:
    """A signed-in desk window on the live server, dialling through a real baresip."""

    def __init__(
        self,
        qtbot: Any,
        live: Any,
        make_user: Any,
        make_case: Any,
        sf: Any,
        tmp_path: Path,
        answermode: str,
    ) -> None:
        agent = make_user("agent", username=f"agent-{answermode}")
        self.case = make_case(agent, dpd=30)
        with sf() as s:
            s.execute(update(Phone).values(timezone=_day_zone()))
            s.commit()
        wav = tone_wav(tmp_path / "voice.wav", 2.0)
        # the borrower's side answers to the borrower's number; the desk's account completes
        # a bare number with the borrower side's address (as it would with a PBX's domain)
        self.borrower = Baresip(
            tmp_path, BORROWER_NUMBER, source=wav, answermode=answermode, ctrl=True
        )
        self.desk_phone = Baresip(
            tmp_path,
            "agent",
            source=wav,
            ctrl=True,
            domain=f"127.0.0.1:{self.borrower.sip_port}",
        )
        self.phone = BaresipPhone(self.desk_phone.ctrl_address, ring_timeout_s=0)
        session = Session(live.url, agent.username, timeout=5)
        session.api.backoff.base = 0.0
        session.login(agent.clear_password)
        self.store = LocalStore(paths.store_path(live.url, agent.username, base=tmp_path))
        self.sync = BackgroundSync(
            lambda: SyncEngine(self.store, session.api), interval_ms=3_600_000
        )
        settings.set_str("softphone/template", "tel:{number}")
        self.window = MainWindow(
            DeskService(self.store, user=agent.username),
            SignalHub(),
            sync=self.sync,
            user_label="王芳 · team",
            restore=False,
            online=OnlineActions(session.api),
            phone=self.phone,
            reminders=False,
        )
        qtbot.addWidget(self.window)
        self.window.show()
        self.window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is self.window, timeout=2000)
        self.window.load()
        with qtbot.waitSignal(self.sync.report, timeout=20_000):
            self.sync.start()
        qtbot.waitUntil(lambda: self.window.worklist.model.total == 1, timeout=5000)
        self.window.worklist.select_row(0)

    def close(self) -> None:
        self.window.close()
        self.store.close()
        self.borrower.stop()
        self.desk_phone.stop()


def _wait_state(qtbot: Any, desk: Desk, state: str, timeout: int) -> None:
    """Wait for the call bar's `state`; on a timeout say what the desk and the phones saw."""
    bar = desk.window.side.call_bar
    try:
        qtbot.waitUntil(lambda: bar.state == state, timeout=timeout)
    except Exception as exc:
        raise AssertionError(
            f"call bar {bar.state!r}, not {state!r}; active call {desk.window.calls.active!r};"
            f" status {desk.window.statusBar().currentMessage()!r};"
            f" desk phone: {desk.desk_phone.log_text()[-1500:]}"
            f" borrower: {desk.borrower.log_text()[-800:]}"
        ) from exc


@pytest.fixture
def desk_factory(
    qtbot,
    live,
    make_user,
    make_case,
    session_factory,
    memory_keyring,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> Iterator[Any]:
    made: list[Desk] = []

    def make(answermode: str) -> Desk:
        made.append(Desk(qtbot, live, make_user, make_case, session_factory, tmp_path, answermode))
        return made[-1]

    yield make
    for d in made:
        d.close()


def test_the_call_bar_shows_ringing_then_talking_with_the_timer_from_the_answer(  # type: ignore[no-untyped-def]
    qtbot, desk_factory
) -> None:
    desk = desk_factory("manual")
    w = desk.window
    bar = w.side.call_bar
    assert bar.mode_label.text() == "baresip"
    w.call_borrower()  # what F5 does (the keys are the other tests' subject)
    _wait_state(qtbot, desk, "ringing", 30_000)
    assert "Ringing" in bar.state_label.text() and bar.end_button.isEnabled()
    assert bar.elapsed_s() == 0  # no timer before the answer
    call = w.calls.active
    assert call is not None and call.answered_at is None
    control(desk.borrower, "accept")  # the borrower picks up
    qtbot.waitUntil(lambda: bar.state == "answered", timeout=10_000)
    call = w.calls.active
    assert call is not None and call.answered_at is not None
    assert bar.state_label.text() == "Talking"
    assert bar._started == call.answered_at > call.started_at  # the timer runs from the answer
    # the borrower's 2 s file ends and baresip closes the call
    qtbot.waitUntil(lambda: bar.state == "ended", timeout=15_000)
    last = w.calls.last_call
    assert last is not None and last.end is not None and last.end.answered
    assert 2 <= last.end.talk_s <= 4  # the borrower's 2 s file, from the answer
    form = w.side.wrap_up.current()
    assert form.duration_s == last.end.talk_s
    assert form.reached is True and form.disposition is None
    assert "answered" in bar.state_label.text()


def test_an_unanswered_call_is_filled_in_by_the_phone_and_saved_with_one_key(  # type: ignore[no-untyped-def]
    qtbot, desk_factory, session_factory
) -> None:
    desk = desk_factory("manual")
    w = desk.window
    bar = w.side.call_bar
    qtbot.keyClick(w, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: bar.state == "ringing", timeout=10_000)
    qtbot.keyClick(w, Qt.Key.Key_F6)  # nobody picks up: the agent gives up
    qtbot.waitUntil(lambda: bar.state == "ended", timeout=10_000)
    form = w.side.wrap_up
    assert form.disposition.currentData() == "no_answer"
    assert form.current().reached is False and form.current().duration_s == 0
    assert "Connection reset by user" in form.text.toPlainText()
    with qtbot.waitSignal(desk.sync.report, timeout=20_000):
        qtbot.keyClick(w, Qt.Key.Key_F9)  # the one key
    with session_factory() as s:
        attempt = s.scalars(
            select(ContactAttempt).where(ContactAttempt.case_id == desk.case.case_id)
        ).one()
    assert attempt.disposition == "no_answer" and attempt.duration_s == 0
    assert attempt.dial_state == "completed"  # the dial, the phone's end and the wrap-up: one row


def test_a_call_nobody_answered_cannot_be_saved_as_right_party(qtbot, desk_factory) -> None:  # type: ignore[no-untyped-def]
    desk = desk_factory("manual")
    w = desk.window
    bar = w.side.call_bar
    qtbot.keyClick(w, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: bar.state == "ringing", timeout=10_000)
    qtbot.keyClick(w, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: bar.state == "ended", timeout=10_000)
    form = w.side.wrap_up
    form.disposition.setCurrentIndex(form.disposition.findData("right_party"))
    assert not form.save()
    assert "never answered" in form.problems_shown()["disposition"]
