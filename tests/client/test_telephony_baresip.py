"""The baresip adapter against two REAL baresip processes on loopback (TELEPHONY.md): the
desk side with ctrl_tcp, the borrower side answering by itself (and playing a WAV), ringing
without an answer, rejecting, or absent. Each call's end gives the right outcome and talk
time through the adapter. CI installs baresip-core (.ci/run); these tests are never skipped
there (COLLECTION_DESK_REQUIRE_BARESIP=1 makes a missing baresip a failure)."""

from __future__ import annotations

import os
import queue
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.client.telephony.baresip import BaresipPhone
from app.client.telephony.phone import ANSWERED, ENDED, RINGING, CallEvent, PhoneError
from tests.client.baresip_rig import BARESIP, Baresip, Rejecter, free_port, tone_wav

if BARESIP is None and os.environ.get("COLLECTION_DESK_REQUIRE_BARESIP"):
    raise RuntimeError("baresip is required here (apt-get install -y baresip-core)")

pytestmark = [
    pytest.mark.baresip,
    pytest.mark.skipif(BARESIP is None, reason="baresip-core is not installed"),
]


class Rig:
    """The desk's baresip plus its adapter; `events` collects what the adapter reports."""

    def __init__(self, root: Path, ring_timeout_s: float = 30.0) -> None:
        self.root = root
        self.wav = tone_wav(root / "voice.wav", 2.0)
        self.procs: list[Baresip] = []
        self.desk = self.start("agent", ctrl=True)
        self.phone = BaresipPhone(self.desk.ctrl_address, ring_timeout_s=ring_timeout_s)
        self.events: queue.Queue[CallEvent] = queue.Queue()
        self.phone.subscribe(self.events.put)
        self.phone.connect()

    def start(self, user: str, **kw: object) -> Baresip:
        proc = Baresip(self.root, user, source=self.wav, **kw)  # type: ignore[arg-type]
        self.procs.append(proc)
        return proc

    def until_end(self, timeout: float = 40) -> list[CallEvent]:
        seen: list[CallEvent] = []
        while not seen or seen[-1].kind != ENDED:
            seen.append(self.events.get(timeout=timeout))
        return seen

    def close(self) -> None:
        self.phone.close()
        for p in self.procs:
            p.stop()


@pytest.fixture
def rig(tmp_path: Path) -> Iterator[Rig]:
    r = Rig(tmp_path, ring_timeout_s=3.0)
    yield r
    r.close()


def test_answered_call_plays_the_file_and_counts_talk_time_from_the_answer(rig: Rig) -> None:
    borrower = rig.start("borrower", answermode="auto")
    rig.phone.dial(borrower.uri)
    events = rig.until_end()
    kinds = [e.kind for e in events]
    assert kinds == [RINGING, ANSWERED, ENDED]
    end = events[-1].end
    assert end is not None and end.answered
    # the borrower side plays a 2 s file; baresip ends the call when it ends (the talk time
    # counts from the answer: never less than the file, a little more on a loaded machine)
    assert 2 <= end.talk_s <= 4
    assert (end.ended_at - end.answered_at).total_seconds() >= 1.9
    assert end.answered_at == events[1].at
    assert end.dialled_at <= events[0].at <= end.answered_at <= end.ended_at
    assert end.outcome.kind == "answered" and end.outcome.disposition is None
    assert end.outcome.reached_borrower
    assert not rig.phone.in_call


def test_rejected_call_is_busy_with_no_talk_time(rig: Rig) -> None:
    borrower = rig.start("borrower", answermode="manual", ctrl=True)
    rejecter = Rejecter(borrower)
    try:
        rig.phone.dial(borrower.uri)
        events = rig.until_end()
    finally:
        rejecter.close()
    end = events[-1].end
    assert end is not None and not end.answered
    assert end.status == 486
    assert (end.outcome.kind, end.outcome.disposition) == ("busy", "busy")
    assert end.talk_s == 0
    assert rejecter.rejected == 1


def test_unanswered_call_is_hung_up_at_the_ring_timeout(rig: Rig) -> None:
    borrower = rig.start("borrower", answermode="manual")
    rig.phone.dial(borrower.uri)
    events = rig.until_end()
    assert [e.kind for e in events] == [RINGING, ENDED]
    end = events[-1].end
    assert end is not None and end.local_hangup and not end.answered
    assert (end.outcome.kind, end.outcome.disposition) == ("no_answer", "no_answer")
    assert end.talk_s == 0
    assert (end.ended_at - end.dialled_at).total_seconds() >= 3.0


def test_desk_hangs_up_a_ringing_call(rig: Rig) -> None:
    borrower = rig.start("borrower", answermode="manual")
    rig.phone.ring_timeout_s = 0
    rig.phone.dial(borrower.uri)
    assert rig.events.get(timeout=10).kind == RINGING
    rig.phone.hangup()
    end = rig.until_end()[-1].end
    assert end is not None and end.local_hangup
    assert end.outcome.disposition == "no_answer"


def test_unknown_number_is_invalid(rig: Rig) -> None:
    borrower = rig.start("borrower", answermode="auto")
    rig.phone.dial(f"sip:nobody@127.0.0.1:{borrower.sip_port}")
    end = rig.until_end()[-1].end
    assert end is not None
    assert end.status == 404
    assert (end.outcome.kind, end.outcome.disposition) == ("invalid_number", "number_invalid")
    assert end.talk_s == 0


def test_closed_port_is_a_network_failure(rig: Rig) -> None:
    port = free_port()
    rig.phone.dial(f"sip:borrower@127.0.0.1:{port};transport=tcp")
    end = rig.until_end()[-1].end
    assert end is not None and not end.answered
    assert end.outcome.kind == "network_failure"
    assert end.outcome.disposition == "no_answer"
    assert "refused" in end.reason.lower()


def test_commands_that_need_a_connected_call_say_so(rig: Rig) -> None:
    with pytest.raises(PhoneError):
        rig.phone.send_dtmf("1")
    with pytest.raises(PhoneError):
        rig.phone.dial("sip:x@127.0.0.1 ; rm")


def test_baresip_not_listening_is_a_clear_error() -> None:
    phone = BaresipPhone(f"127.0.0.1:{free_port()}")
    with pytest.raises(PhoneError, match="not reachable"):
        phone.dial("123")


def test_hold_mute_and_keypad_tones_during_an_answered_call(rig: Rig) -> None:
    rig.wav = tone_wav(rig.root / "long.wav", 6.0)
    borrower = rig.start("borrower", answermode="auto")
    rig.phone.dial(borrower.uri)
    assert rig.events.get(timeout=10).kind == RINGING
    assert rig.events.get(timeout=10).kind == ANSWERED
    rig.phone.hold(True)
    rig.phone.hold(False)
    rig.phone.mute(True)
    assert rig.phone.muted
    rig.phone.mute(True)  # already muted: nothing sent (baresip's mute is a toggle)
    assert rig.phone.muted
    rig.phone.mute(False)
    assert not rig.phone.muted
    rig.phone.send_dtmf("12#")
    with pytest.raises(PhoneError):
        rig.phone.send_dtmf("1; hangup")
    rig.phone.hangup()
    end = rig.until_end()[-1].end
    assert end is not None and end.answered and end.local_hangup
    assert end.outcome.kind == "answered"
    assert "Connection reset by user" in end.reason
    log = rig.desk.log_text().lower()
    assert all(f"send dtmf digit: '{d}'" in log for d in "12#")
