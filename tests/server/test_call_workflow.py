"""The call on the server: dialling under the contact policy (with a lead's override), the
attempt checked again when it arrives, banned phrases flagged on notes, promise and callback
rules, callbacks done by a later contact. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from fastapi.testclient import TestClient
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from app.server.models import AuditLog, Callback, Case, ContactAttempt, Note, Phone, User
from tests.server.conftest import SmallBook, business_today, later_callback
from tests.server.sync_helpers import note_op, push

Headers = Callable[[User], dict[str, str]]
SHANGHAI = ZoneInfo("Asia/Shanghai")


def _night_zone(now: datetime) -> str:
    """A fixed-offset zone where it is 23:xx right now (outside 08:00-22:00)."""
    for offset in range(-12, 15):
        if (now.hour + offset) % 24 == 23:
            # Etc/GMT-5 is UTC+5 (POSIX sign)
            return f"Etc/GMT{'-' if offset >= 0 else '+'}{abs(offset)}"
    raise AssertionError("no zone")


def _op(kind: str, case_id: str, payload: dict[str, Any]) -> dict[str, Any]:
    return {
        "op_id": str(uuid.uuid4()),
        "kind": kind,
        "case_id": case_id,
        "entity_id": str(uuid.uuid4()),
        "payload": payload,
    }


def _audit_actions(sf: sessionmaker[Session]) -> list[str]:
    with sf() as s:
        return list(s.scalars(select(AuditLog.action).order_by(AuditLog.at)))


def test_dial_allowed_returns_the_number_and_is_audited(
    client: TestClient, small_book: SmallBook, auth_headers: Headers, session_factory: Any
) -> None:
    agent = small_book.agents["team-a"][0]
    case = small_book.cases[agent.username][0]
    with session_factory() as s:  # a zone where it is day time now
        day_zone = next(
            f"Etc/GMT{'-' if o >= 0 else '+'}{abs(o)}"
            for o in range(-12, 15)
            if 10 <= (datetime.now(UTC).hour + o) % 24 < 20
        )
        s.execute(update(Phone).where(Phone.id == case.phone_ids[0]).values(timezone=day_zone))
        s.commit()
    r = client.post(
        f"/cases/{case.case_id}/dial",
        json={"phone_id": case.phone_ids[0]},
        headers=auth_headers(agent),
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["allowed"] and not body["overridden"] and "*" not in body["number"]
    assert "contact.dial" in _audit_actions(session_factory)
    # an emergency contact needs "debtor unreachable" first: 409 with the reason
    r = client.post(
        f"/cases/{case.case_id}/dial",
        json={"phone_id": case.phone_ids[1]},
        headers=auth_headers(agent),
    )
    assert r.status_code == 409 and r.json()["error"]["code"] == "policy_blocked"
    codes = {x["code"] for x in r.json()["error"]["details"]["reasons"]}
    assert "third_party_requires_unreachable" in codes
    # someone else's case: not found
    other = small_book.cases[small_book.agents["team-b"][0].username][0]
    r = client.post(
        f"/cases/{other.case_id}/dial",
        json={"phone_id": other.phone_ids[0]},
        headers=auth_headers(agent),
    )
    assert r.status_code == 404


def test_dial_at_night_is_blocked_and_only_a_lead_may_override(
    client: TestClient, small_book: SmallBook, auth_headers: Headers, session_factory: Any
) -> None:
    agent = small_book.agents["team-a"][0]
    lead = small_book.leads["team-a"]
    case = small_book.cases[agent.username][0]
    with session_factory() as s:
        zone = _night_zone(datetime.now(UTC))
        s.execute(update(Phone).where(Phone.id == case.phone_ids[0]).values(timezone=zone))
        s.commit()
    url = f"/cases/{case.case_id}/dial"
    r = client.post(url, json={"phone_id": case.phone_ids[0]}, headers=auth_headers(agent))
    assert r.status_code == 409
    details = r.json()["error"]["details"]
    assert [x["code"] for x in details["reasons"]] == ["outside_call_window"]
    assert details["next_allowed_at"] is not None
    body = {"phone_id": case.phone_ids[0], "override_reason": "borrower asked for a late call"}
    assert client.post(url, json=body, headers=auth_headers(agent)).status_code == 403
    r = client.post(url, json=body, headers=auth_headers(lead))
    assert r.status_code == 200 and r.json()["overridden"] is True
    assert _audit_actions(session_factory).count("contact.policy_override_dial") == 1
    # a blank or short reason is not a reason
    r = client.post(url, json={**body, "override_reason": "  "}, headers=auth_headers(lead))
    assert r.status_code == 422


def test_recorded_attempts_are_checked_again(
    client: TestClient, small_book: SmallBook, auth_headers: Headers, session_factory: Any
) -> None:
    """The daily limit and the night window, judged by the attempt's own time; an agent's
    'override' is not honoured, a lead's is recorded and audited."""
    agent = small_book.agents["team-a"][0]
    lead = small_book.leads["team-a"]
    case = small_book.cases[agent.username][1]
    phone = case.phone_ids[0]
    day = business_today() - timedelta(days=1)
    morning = [datetime.combine(day, time(9 + i), SHANGHAI) for i in range(4)]
    ops = [
        _op(
            "contact.create",
            case.case_id,
            {
                "phone_id": phone,
                "channel": "outbound_call",
                "disposition": "right_party",
                "started_at": at.isoformat(),
                "duration_s": 60,
                "result": "no_result",
            },
        )
        for at in morning
    ]
    night = datetime.combine(day, time(22, 30), SHANGHAI)
    night_op = _op(
        "contact.create",
        case.case_id,
        {
            "phone_id": phone,
            "channel": "outbound_call",
            "disposition": "no_answer",
            "started_at": night.isoformat(),
            "override_reason": "I say so",
        },
    )
    results = push(client, auth_headers(agent), *ops, night_op)
    assert [r["status"] for r in results] == ["applied"] * 5
    lead_op = _op(
        "contact.create",
        case.case_id,
        {
            "phone_id": phone,
            "channel": "outbound_call",
            "disposition": "no_answer",
            "started_at": (night + timedelta(minutes=5)).isoformat(),
            "override_reason": "borrower asked to be called after work",
        },
    )
    assert push(client, auth_headers(lead), lead_op)[0]["status"] == "applied"
    with session_factory() as s:
        rows = {
            a.id: a
            for a in s.scalars(select(ContactAttempt).where(ContactAttempt.case_id == case.case_id))
        }
    got = [rows[o["entity_id"]] for o in (*ops, night_op, lead_op)]
    assert [a.policy_violation for a in got[:3]] == [None, None, None]
    assert got[3].policy_violation == "daily_connected_limit"  # the 4th connected call that day
    assert got[4].policy_violation is not None and "outside_call_window" in got[4].policy_violation
    assert got[4].override_reason is None  # an agent cannot override
    assert got[5].override_reason == "borrower asked to be called after work"
    assert got[0].result == "no_result"
    actions = _audit_actions(session_factory)
    assert actions.count("contact.policy_violation") == 2
    assert actions.count("contact.policy_override") == 1


def test_banned_phrases_flag_the_note_never_drop_it(
    client: TestClient, small_book: SmallBook, auth_headers: Headers, session_factory: Any
) -> None:
    agent = small_book.agents["team-a"][0]
    case_id = small_book.cases[agent.username][0].case_id
    bad = note_op(case_id, "客户态度差，已告知不还钱就上征信黑名单")
    reported = note_op(case_id, "已和客户确认还款日期", banned_phrases=["desk-only phrase"])
    clean = note_op(case_id, "客户承诺周五还款")
    results = push(client, auth_headers(agent), bad, reported, clean)
    assert [r["status"] for r in results] == ["applied"] * 3
    with session_factory() as s:
        notes = {n.id: n for n in s.scalars(select(Note).where(Note.case_id == case_id))}
    assert notes[bad["entity_id"]].banned_phrases  # flagged by the server's own check
    assert notes[reported["entity_id"]].banned_phrases == ["desk-only phrase"]
    assert notes[clean["entity_id"]].banned_phrases == []
    detail = client.get(f"/cases/{case_id}", headers=auth_headers(agent)).json()
    flagged = {n["id"]: n["banned_phrases"] for n in detail["notes"]}
    assert flagged[bad["entity_id"]] and flagged[clean["entity_id"]] == []


def test_the_server_flags_disguises_and_not_quotes_or_denials(
    client: TestClient, small_book: SmallBook, auth_headers: Headers, session_factory: Any
) -> None:
    """Issue 14: only a violation (severity "block") flags a note; the server's own check
    sees through pinyin, homophones, look-alike letters and digits."""
    agent = small_book.agents["team-a"][0]
    case_id = small_book.cases[agent.username][0].case_id
    disguised = {
        "不还就上heimingdan": "黑名单",
        "不还钱后果自付": "后果自负",
        "you are on the b1ackl\u0456st": "blacklist",  # a Cyrillic i
    }
    innocent = [
        "客户说：你们这些骗子，再打电话就投诉。",
        "我们没有黑名单，已向客户解释。",
        "We will not call your boss.",
    ]
    ops = [note_op(case_id, t) for t in (*disguised, *innocent)]
    results = push(client, auth_headers(agent), *ops)
    assert [r["status"] for r in results] == ["applied"] * len(ops)
    with session_factory() as s:
        notes = {n.id: n for n in s.scalars(select(Note).where(Note.case_id == case_id))}
    got = [notes[o["entity_id"]].banned_phrases for o in ops]
    assert got == [[p] for p in disguised.values()] + [[]] * len(innocent)


def test_promise_and_callback_rules(
    client: TestClient, small_book: SmallBook, auth_headers: Headers
) -> None:
    agent = small_book.agents["team-a"][0]
    case_id = small_book.cases[agent.username][0].case_id
    now = datetime.now(UTC)
    today = business_today()

    def promise(amount: int, on: Any) -> dict[str, Any]:
        return _op(
            "promise.create",
            case_id,
            {"amount": amount, "promised_on": on.isoformat(), "created_at": now.isoformat()},
        )

    def callback(due: datetime) -> dict[str, Any]:
        return _op(
            "callback.create",
            case_id,
            {"due_at": due.isoformat(), "created_at": now.isoformat()},
        )

    ok_p, far_p, big_p, past_p = (
        promise(100_000, today + timedelta(days=3)),
        promise(100_000, today + timedelta(days=31)),
        promise(10**11, today + timedelta(days=3)),
        promise(100_000, today - timedelta(days=1)),
    )
    night = datetime.combine(today + timedelta(days=1), time(23), SHANGHAI)
    ok_c, night_c, far_c = (
        callback(later_callback()),
        callback(night),
        callback(later_callback(days=40)),
    )
    results = push(client, auth_headers(agent), ok_p, far_p, big_p, past_p, ok_c, night_c, far_c)
    assert [r["status"] for r in results] == [
        "applied",
        "rejected",
        "rejected",
        "rejected",
        "applied",
        "rejected",
        "rejected",
    ]
    messages = [r["message"] for r in results]
    assert "within 30 days" in messages[1]
    assert "owes in total" in messages[2]
    assert "before today" in messages[3]
    assert "outside the allowed hours" in messages[5]
    assert "within 30 days" in messages[6]


def test_a_contact_completes_the_callbacks_due(
    client: TestClient, small_book: SmallBook, auth_headers: Headers, session_factory: Any
) -> None:
    agent = small_book.agents["team-a"][0]
    seeded = small_book.cases[agent.username][0]
    due = datetime.now(UTC) - timedelta(hours=1)
    later = datetime.now(UTC) + timedelta(days=2)
    with session_factory() as s:
        for at in (due, later):
            s.add(Callback(case_id=seeded.case_id, agent_id=agent.id, due_at=at))
        case = s.get(Case, seeded.case_id)
        assert case is not None
        case.next_action_at, case.next_action_kind = due, "callback"
        s.commit()
    contact = _op(
        "contact.create",
        seeded.case_id,
        {
            "phone_id": seeded.phone_ids[0],
            "channel": "outbound_call",
            "disposition": "busy",
            "started_at": datetime.now(UTC).isoformat(),
        },
    )
    assert push(client, auth_headers(agent), contact)[0]["status"] == "applied"
    with session_factory() as s:
        done = dict(
            s.execute(select(Callback.due_at, Callback.done).order_by(Callback.due_at)).all()
        )
        case = s.get(Case, seeded.case_id)
        assert case is not None
        assert list(done.values()) == [True, False]
        assert case.next_action_kind == "callback"
        assert case.next_action_at is not None
        assert abs(case.next_action_at.replace(tzinfo=UTC) - later) < timedelta(seconds=1)
