"""The desk counts a dial the moment it dials (issue #17 point 3), as the server does: the
local guard, offline, refuses the dial after the cap at the same dial as after the same
number of recorded unanswered calls (cn and us profiles); a dial through the server, the
phone's end event and the wrap-up are one attempt on the desk and on the server."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from app.client.call_service import CallService
from app.client.online import OnlineActions
from app.client.store import reads
from app.client.wrap_up import WrapUp
from app.server.models import ContactAttempt, Phone
from tests.client.harness import Desk
from tests.server.conftest import business_today

SF = sessionmaker[Session]
SHANGHAI = ZoneInfo("Asia/Shanghai")
CAPS = {"cn": 6, "us": 7}


def _unanswered(case_id: str, phone: str, at: datetime) -> WrapUp:
    return WrapUp(case_id=case_id, phone_id=phone, contact_id=str(uuid.uuid4()), started_at=at,
                  duration_s=0, disposition="no_answer", text="未接")  # fmt: skip


def _dials_until_blocked(calls: CallService, cid: str, phone: str, t0: datetime, n: int) -> int:
    """Dial on the desk (the softphone without the server), never wrapping up, until the
    local guard refuses; how many dials went through."""
    for k in range(n):
        at = t0 + timedelta(minutes=k)
        if not calls.dial_check(cid, phone, now=at).allowed:
            return k
        calls.record_dial(cid, phone, attempt_id=str(uuid.uuid4()), now=at, on_server=False)
    return n


@pytest.mark.parametrize("profile", ["cn", "us"])
def test_the_local_guard_counts_dials_offline(desk: Desk, cases: list[str], profile: str) -> None:
    calls = CallService(desk.store, user=desk.username, policy_profile=profile)
    offline = desk.faults.add("/", "drop_before", times=10_000)  # the server is unreachable
    t0 = datetime.combine(business_today() - timedelta(days=1), time(9), SHANGHAI)
    cap = CAPS[profile]
    dialled, recorded = cases[0], cases[1]
    phone = desk.desk.case_detail(dialled).borrower.phones[0].id
    assert _dials_until_blocked(calls, dialled, phone, t0, cap + 3) == cap
    blocked = calls.dial_check(dialled, phone, now=t0 + timedelta(minutes=cap))
    assert blocked.codes == (
        ("daily_unanswered_limit",) if profile == "cn" else ("attempts_in_period_limit",)
    )
    # the same number of recorded unanswered calls blocks at the same dial
    phone2 = desk.desk.case_detail(recorded).borrower.phones[0].id
    for k in range(cap):
        at = t0 + timedelta(minutes=k)
        calls.save_wrap_up(_unanswered(recorded, phone2, at), now=at)
    assert _dials_until_blocked(calls, recorded, phone2, t0 + timedelta(minutes=cap), 3) == 0
    # a dial and its wrap-up are one attempt on the desk
    third = cases[2]
    phone3 = desk.desk.case_detail(third).borrower.phones[0].id
    aid = str(uuid.uuid4())
    calls.record_dial(third, phone3, attempt_id=aid, now=t0, on_server=False)
    w = _unanswered(third, phone3, t0)
    calls.save_wrap_up(replace(w, contact_id=aid), now=t0)
    rows = reads.contacts_of_case(desk.store.connection(), third)
    assert [r["id"] for r in rows] == [aid]
    assert _dials_until_blocked(calls, third, phone3, t0 + timedelta(minutes=1), cap + 3) == cap - 1
    assert offline.hits == 0  # the guard never asked the server


def test_dial_end_and_wrap_up_are_one_attempt_on_desk_and_server(
    desk: Desk, cases: list[str], session_factory: SF
) -> None:
    cid = cases[0]
    calls = desk.desk.calls
    phone = desk.desk.case_detail(cid).borrower.phones[0].id
    hour = datetime.now(UTC).hour
    offset = next(o for o in range(-12, 15) if 10 <= (hour + o) % 24 < 20)
    with session_factory() as s:  # day time for the borrower: the server allows the dial
        zone = f"Etc/GMT{'-' if offset >= 0 else '+'}{abs(offset)}"
        s.execute(update(Phone).where(Phone.id == phone).values(timezone=zone))
        s.commit()
    aid = str(uuid.uuid4())
    number = OnlineActions(desk.session.api).dial(cid, phone, attempt_id=aid)
    assert number.attempt_id == aid
    now = datetime.now(UTC)
    calls.record_dial(cid, phone, attempt_id=aid, now=now, on_server=True)
    calls.record_end(cid, aid, answered=False, disposition="busy", duration_s=0, ended_at=now)
    [local] = reads.contacts_of_case(desk.store.connection(), cid)[:1]
    assert (local["dial_state"], local["disposition"]) == ("ended", "busy")
    w = WrapUp(case_id=cid, phone_id=phone, contact_id=aid, started_at=now, duration_s=4,
               disposition="no_answer", text="占线")  # fmt: skip
    calls.save_wrap_up(w, now=now)
    report = desk.sync()
    assert report.outcome == "ok", report.summary()
    assert desk.outbox_statuses() == []  # contact.end, contact.create, note.create applied
    with session_factory() as s:
        rows = list(s.scalars(select(ContactAttempt).where(ContactAttempt.case_id == cid)))
    assert [(r.id, r.dial_state, r.disposition) for r in rows] == [(aid, "completed", "busy")]
    desk.sync()
    local_rows = reads.contacts_of_case(desk.store.connection(), cid)
    assert [(r["id"], r["dial_state"], r["disposition"]) for r in local_rows] == [
        (aid, "completed", "busy")
    ]
