"""Every dial is an attempt from the moment it is dialled (issue #17 point 3), on both
contact-policy profiles (cn: 6 unanswered per number per day; us: 7 attempts in 7 days) and
both backends: the dial opens a provisional attempt that counts against the caps, the
wrap-up and/or the phone's end event complete that same attempt once, the job closes a dial
left without an outcome and it stays counted; the KPIs count each attempt once."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from app.server.app_factory import create_app
from app.server.jobs.daily import close_dials
from app.server.models import AuditLog, ContactAttempt, Note, Phone, User
from app.server.settings import Settings
from tests.server.conftest import SeededCase, SmallBook
from tests.server.sync_helpers import push

Headers = Callable[[User], dict[str, str]]
#: the dial that the cap refuses is the one after this many (profiles' YAML)
CAPS = {"cn": 6, "us": 7}


@pytest.fixture(params=["cn", "us"])
def profile(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def profile_settings(settings: Settings, profile: str) -> Settings:
    return settings.model_copy(update={"contact_policy_profile": profile})


@pytest.fixture
def pclient(profile_settings: Settings, engine: Engine) -> Iterator[TestClient]:
    with TestClient(create_app(profile_settings, engine=engine)) as c:
        yield c


def _day_zone() -> str:
    """A fixed-offset zone where it is 10:00-19:59 now: inside both profiles' call window
    and far from the borrower's midnight (every call of the test is on one local day)."""
    hour = datetime.now(UTC).hour
    offset = next(o for o in range(-12, 15) if 10 <= (hour + o) % 24 < 20)
    return f"Etc/GMT{'-' if offset >= 0 else '+'}{abs(offset)}"  # POSIX sign


def _daytime(sf: sessionmaker[Session], case: SeededCase) -> str:
    with sf() as s:
        s.execute(update(Phone).where(Phone.id == case.phone_ids[0]).values(timezone=_day_zone()))
        s.commit()
    return case.phone_ids[0]


def _dial(c: TestClient, h: dict[str, str], case: SeededCase, **extra: Any) -> Any:
    return c.post(f"/cases/{case.case_id}/dial", json={"phone_id": case.phone_ids[0], **extra},
                  headers=h)  # fmt: skip


def _contact(phone: str, disposition: str, at: datetime, **extra: Any) -> dict[str, Any]:
    return {"phone_id": phone, "channel": "outbound_call", "disposition": disposition,
            "started_at": at.isoformat(), **extra}  # fmt: skip


def _op(kind: str, case_id: str, entity_id: str, payload: dict[str, Any]) -> dict[str, Any]:
    return {"op_id": str(uuid.uuid4()), "kind": kind, "case_id": case_id,
            "entity_id": entity_id, "payload": payload}  # fmt: skip


def _rows(sf: sessionmaker[Session], case: SeededCase) -> list[ContactAttempt]:
    with sf() as s:
        return list(s.scalars(select(ContactAttempt).where(ContactAttempt.case_id == case.case_id)))


def _dials_until_blocked(c: TestClient, h: dict[str, str], case: SeededCase, limit: int) -> int:
    """Dial (never wrapping up) until the server refuses; how many dials went through."""
    for n in range(limit):
        r = _dial(c, h, case)
        if r.status_code == 409:
            assert r.json()["error"]["code"] == "policy_blocked"
            return n
        assert r.status_code == 200, r.text
    return limit


def test_dials_without_wrap_up_hit_the_cap_at_the_same_dial_as_unanswered_calls(
    pclient: TestClient, small_book: SmallBook, auth_headers: Headers,
    session_factory: sessionmaker[Session], profile: str,
) -> None:  # fmt: skip
    agent = small_book.agents["team-a"][0]
    h = auth_headers(agent)
    dialled, recorded = small_book.cases[agent.username][:2]
    _daytime(session_factory, dialled)
    phone = _daytime(session_factory, recorded)
    cap = CAPS[profile]
    # N dials, no wrap-up: the (cap+1)-th is refused
    assert _dials_until_blocked(pclient, h, dialled, cap + 3) == cap
    assert len(_rows(session_factory, dialled)) == cap  # one attempt per dial, no more
    # N recorded unanswered calls: the (cap+1)-th dial is refused all the same
    now = datetime.now(UTC)
    ops = [_op("contact.create", recorded.case_id, str(uuid.uuid4()),
               _contact(phone, "no_answer", now - timedelta(seconds=60 - i)))
           for i in range(cap)]  # fmt: skip
    assert [r["status"] for r in push(pclient, h, *ops)] == ["applied"] * cap
    assert _dials_until_blocked(pclient, h, recorded, 3) == 0
    # and with one call fewer, one dial goes through, then the cap
    other = small_book.cases[small_book.agents["team-a"][1].username][0]
    phone = _daytime(session_factory, other)
    h2 = auth_headers(small_book.agents["team-a"][1])
    ops = [_op("contact.create", other.case_id, str(uuid.uuid4()),
               _contact(phone, "no_answer", now - timedelta(seconds=60 - i)))
           for i in range(cap - 1)]  # fmt: skip
    assert [r["status"] for r in push(pclient, h2, *ops)] == ["applied"] * (cap - 1)
    assert _dials_until_blocked(pclient, h2, other, 3) == 1


def test_dial_then_wrap_up_is_exactly_one_attempt(
    pclient: TestClient, small_book: SmallBook, auth_headers: Headers,
    session_factory: sessionmaker[Session],
) -> None:  # fmt: skip
    agent = small_book.agents["team-a"][0]
    h = auth_headers(agent)
    case = small_book.cases[agent.username][0]
    phone = _daytime(session_factory, case)
    attempt_id = str(uuid.uuid4())
    r = _dial(pclient, h, case, attempt_id=attempt_id)
    assert r.status_code == 200 and r.json()["attempt_id"] == attempt_id
    [row] = _rows(session_factory, case)
    assert (row.id, row.dial_state, row.disposition) == (attempt_id, "provisional", "no_answer")
    wrap = _contact(phone, "right_party", datetime.now(UTC), duration_s=95, result="no_result")
    op = _op("contact.create", case.case_id, attempt_id, wrap)
    note = _op("note.create", case.case_id, str(uuid.uuid4()),
               {"text": "talked", "contact_id": attempt_id,
                "created_at": datetime.now(UTC).isoformat()})  # fmt: skip
    assert [x["status"] for x in push(pclient, h, op, note)] == ["applied", "applied"]
    # the same wrap-up again (a resend under a new op id, and over REST): nothing changes
    again = _op("contact.create", case.case_id, attempt_id, {**wrap, "disposition": "busy"})
    assert push(pclient, h, again)[0]["status"] == "applied"
    rest = pclient.post(f"/cases/{case.case_id}/contacts", json={"id": attempt_id, **wrap},
                        headers=h)  # fmt: skip
    assert rest.status_code == 200 and rest.json()["disposition"] == "right_party"
    [row] = _rows(session_factory, case)
    assert (row.dial_state, row.disposition, row.duration_s, row.result) == (
        "completed", "right_party", 95, "no_result")  # fmt: skip
    # a wrap-up without an attempt id (an inbound call) is recorded as before
    inbound = {**wrap, "channel": "inbound_call", "id": str(uuid.uuid4())}
    r = pclient.post(f"/cases/{case.case_id}/contacts", json=inbound, headers=h)
    assert r.status_code == 201 and r.json()["dial_state"] is None
    assert len(_rows(session_factory, case)) == 2
    # another agent cannot complete this agent's dial
    other = small_book.agents["team-a"][1]
    res = push(pclient, auth_headers(other), _op("contact.create", case.case_id, attempt_id, wrap))
    assert res[0]["status"] == "rejected"


def test_rest_wrap_up_completes_the_dial(
    pclient: TestClient, small_book: SmallBook, auth_headers: Headers,
    session_factory: sessionmaker[Session],
) -> None:  # fmt: skip
    agent = small_book.agents["team-a"][0]
    h = auth_headers(agent)
    case = small_book.cases[agent.username][0]
    phone = _daytime(session_factory, case)
    attempt_id = _dial(pclient, h, case).json()["attempt_id"]  # the server made the id
    body = {"id": attempt_id, **_contact(phone, "no_answer", datetime.now(UTC))}
    r = pclient.post(f"/cases/{case.case_id}/contacts", json=body, headers=h)
    assert r.status_code == 201 and r.json()["dial_state"] == "completed"
    r = pclient.post(f"/cases/{case.case_id}/contacts", json=body, headers=h)
    assert r.status_code == 200
    assert len(_rows(session_factory, case)) == 1
    # a dial cannot reuse the id of an attempt that is no longer a fresh dial
    r = _dial(pclient, h, case, attempt_id=attempt_id)
    assert r.status_code == 409 and r.json()["error"]["code"] == "conflict"
    assert len(_rows(session_factory, case)) == 1


def test_close_dials_command(
    small_book: SmallBook, session_factory: sessionmaker[Session], db_url: str,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    import main

    case = small_book.cases[small_book.agents["team-a"][0].username][0]
    old = datetime.now(UTC) - timedelta(hours=3)
    with session_factory() as s:
        for minutes in (0, 170):  # 3 h and 10 min ago: only the first is past 2 h
            s.add(ContactAttempt(case_id=case.case_id, agent_id=case.agent_id,
                                 phone_id=case.phone_ids[0], channel="outbound_call",
                                 disposition="no_answer", started_at=old + timedelta(minutes=minutes),
                                 dial_state="provisional"))  # fmt: skip
        s.commit()
    assert main.main(["close-dials", "--database-url", db_url]) == 0
    assert "close-dials: 1 dials without an outcome after 120 min closed" in capsys.readouterr().out
    assert sorted(str(r.dial_state) for r in _rows(session_factory, case)) == [
        "no_outcome", "provisional"]  # fmt: skip


def test_dial_end_event_and_wrap_up_are_one_attempt(
    pclient: TestClient, small_book: SmallBook, auth_headers: Headers,
    session_factory: sessionmaker[Session],
) -> None:  # fmt: skip
    agent = small_book.agents["team-a"][0]
    h = auth_headers(agent)
    busy_case, answered_case = small_book.cases[agent.username][:2]
    phone = _daytime(session_factory, busy_case)
    now = datetime.now(UTC)
    # the phone says busy (REST), then the wrap-up (sync) says no answer with a note:
    # the phone's outcome stays, the wrap-up adds what was missing
    aid = _dial(pclient, h, busy_case).json()["attempt_id"]
    end = {"answered": False, "disposition": "busy", "duration_s": 0,
           "ended_at": now.isoformat(), "recording_ref": "rec-1"}  # fmt: skip
    url = f"/cases/{busy_case.case_id}/contacts/{aid}/end"
    r = pclient.post(url, json=end, headers=h)
    assert r.status_code == 200 and r.json()["dial_state"] == "ended"
    assert pclient.post(url, json=end, headers=h).status_code == 200  # a resend: no change
    note = _op("note.create", busy_case.case_id, str(uuid.uuid4()),
               {"text": "line busy", "contact_id": aid, "created_at": now.isoformat()})  # fmt: skip
    wrap = _op("contact.create", busy_case.case_id, aid,
               _contact(phone, "no_answer", now, duration_s=3))  # fmt: skip
    assert [x["status"] for x in push(pclient, h, wrap, note)] == ["applied", "applied"]
    [row] = _rows(session_factory, busy_case)
    assert (row.dial_state, row.disposition, row.duration_s, row.recording_ref) == (
        "completed", "busy", 0, "rec-1")  # fmt: skip
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(Note).where(Note.contact_id == aid)) == 1
    # answered (sync op): the talk time from the phone, who answered from the wrap-up; an
    # end event after the wrap-up adds nothing
    phone = _daytime(session_factory, answered_case)
    aid = _dial(pclient, h, answered_case).json()["attempt_id"]
    end_op = _op("contact.end", answered_case.case_id, aid,
                 {"answered": True, "duration_s": 140, "ended_at": now.isoformat()})  # fmt: skip
    assert push(pclient, h, end_op)[0]["status"] == "applied"
    [row] = _rows(session_factory, answered_case)
    assert (row.dial_state, row.disposition) == ("answered", "hung_up")  # counts as connected
    wrap = _contact(phone, "right_party", now, duration_s=120, result="no_result")
    r = pclient.post(f"/cases/{answered_case.case_id}/contacts", json={"id": aid, **wrap},
                     headers=h)  # fmt: skip
    assert r.status_code == 201
    late_end = _op(
        "contact.end",
        answered_case.case_id,
        aid,
        {"answered": False, "disposition": "no_answer", "ended_at": now.isoformat()},
    )
    assert push(pclient, h, late_end)[0]["status"] == "applied"
    [row] = _rows(session_factory, answered_case)
    assert (row.dial_state, row.disposition, row.duration_s, row.result) == (
        "completed", "right_party", 140, "no_result")  # fmt: skip
    # an end event for a contact that was not dialled, or a nonsense one, is refused
    r = pclient.post(f"/cases/{answered_case.case_id}/contacts/{uuid.uuid4()}/end",
                     json=end, headers=h)  # fmt: skip
    assert r.status_code == 404
    bad = {**end, "answered": True}
    assert pclient.post(url, json=bad, headers=h).status_code == 422


def test_an_expired_dial_is_closed_by_the_job_and_still_counted(
    pclient: TestClient, small_book: SmallBook, auth_headers: Headers, engine: Engine,
    session_factory: sessionmaker[Session], profile_settings: Settings, profile: str,
) -> None:  # fmt: skip
    agent = small_book.agents["team-a"][0]
    h = auth_headers(agent)
    case = small_book.cases[agent.username][0]
    phone = _daytime(session_factory, case)
    cap = CAPS[profile]
    assert _dials_until_blocked(pclient, h, case, cap + 1) == cap
    now = datetime.now(UTC)
    # not yet expired: nothing closed
    assert close_dials(engine, profile_settings, lambda: now + timedelta(minutes=119)) == (0, 120)
    closed, _m = close_dials(engine, profile_settings, lambda: now + timedelta(minutes=121))
    assert closed == cap
    rows = _rows(session_factory, case)
    assert {r.dial_state for r in rows} == {"no_outcome"} and len(rows) == cap
    assert _dials_until_blocked(pclient, h, case, 2) == 0  # still counted
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(AuditLog)
                        .where(AuditLog.action == "job.close_dials")) == 1  # fmt: skip
    # a late wrap-up still completes the closed attempt (one row, no second one)
    aid = rows[0].id
    op = _op("contact.create", case.case_id, aid, _contact(phone, "no_answer", now))
    assert push(pclient, h, op)[0]["status"] == "applied"
    assert len(_rows(session_factory, case)) == cap
    with session_factory() as s:
        assert s.get(ContactAttempt, aid).dial_state == "completed"  # type: ignore[union-attr]


def test_kpis_count_a_dialled_attempt_once(
    client: TestClient, small_book: SmallBook, auth_headers: Headers,
    session_factory: sessionmaker[Session],
) -> None:  # fmt: skip
    agent = small_book.agents["team-a"][0]
    lead = small_book.leads["team-a"]
    h = auth_headers(agent)

    def totals() -> tuple[int, int, int]:
        r = client.get("/team/dashboard", params={"period": "today"}, headers=auth_headers(lead))
        assert r.status_code == 200, r.text
        t = r.json()["total"]
        return int(t["attempts"]), int(t["connected"]), int(t["right_party"])

    before = totals()
    case = small_book.cases[agent.username][0]
    phone = _daytime(session_factory, case)
    aid = _dial(client, h, case).json()["attempt_id"]
    assert totals() == (before[0] + 1, before[1], before[2])  # a dial is an attempt
    now = datetime.now(UTC)
    end_op = _op("contact.end", case.case_id, aid,
                 {"answered": True, "duration_s": 60, "ended_at": now.isoformat()})  # fmt: skip
    wrap = _op(
        "contact.create",
        case.case_id,
        aid,
        _contact(phone, "right_party", now, duration_s=60, result="no_result"),
    )
    assert [x["status"] for x in push(client, h, end_op, wrap)] == ["applied", "applied"]
    assert totals() == (before[0] + 1, before[1] + 1, before[2] + 1)


def test_a_call_the_phone_reported_unanswered_is_no_right_party_contact(
    pclient: TestClient, small_book: SmallBook, auth_headers: Headers,
    session_factory: sessionmaker[Session],
) -> None:  # fmt: skip
    """#17 point 2 on the server: after the phone's end said busy/no answer, a wrap-up
    claiming a connected outcome is refused (push and REST) and the phone's outcome stays."""
    agent = small_book.agents["team-a"][0]
    h = auth_headers(agent)
    case = small_book.cases[agent.username][0]
    phone = _daytime(session_factory, case)
    now = datetime.now(UTC)
    aid = _dial(pclient, h, case).json()["attempt_id"]
    end = {"answered": False, "disposition": "no_answer", "duration_s": 0,
           "ended_at": now.isoformat()}  # fmt: skip
    assert (
        pclient.post(f"/cases/{case.case_id}/contacts/{aid}/end", json=end, headers=h).status_code
        == 200
    )
    wrap = _op("contact.create", case.case_id, aid, _contact(phone, "right_party", now))
    [result] = push(pclient, h, wrap)
    assert result["status"] == "rejected" and result["code"] == "not_reached"
    r = pclient.post(f"/cases/{case.case_id}/contacts",
                     json={"id": aid, **_contact(phone, "right_party", now)}, headers=h)  # fmt: skip
    assert r.status_code == 409 and r.json()["error"]["code"] == "not_reached"
    [row] = _rows(session_factory, case)
    assert (row.dial_state, row.disposition) == ("ended", "no_answer")
    # the honest wrap-up still completes it
    ok = _op("contact.create", case.case_id, aid, _contact(phone, "no_answer", now))
    assert push(pclient, h, ok)[0]["status"] == "applied"
    [row] = _rows(session_factory, case)
    assert (row.dial_state, row.disposition) == ("completed", "no_answer")
