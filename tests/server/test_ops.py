"""The op appliers' domain rules: contact policy breaches are recorded and audited, plans
beyond authority await approval, invalid plans are refused, promises/callbacks set the next
action."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from app.server.models import AuditLog, Case, ContactAttempt, Plan
from tests.server.conftest import SmallBook, business_today, later_callback
from tests.server.sync_helpers import push


def _op(kind: str, case_id: str, payload: dict[str, Any]) -> dict[str, Any]:
    return {
        "op_id": str(uuid.uuid4()),
        "kind": kind,
        "case_id": case_id,
        "entity_id": str(uuid.uuid4()),
        "payload": payload,
    }


def _contact(
    case_id: str, phone_id: str, at: datetime, disposition: str = "no_answer"
) -> dict[str, Any]:
    return _op(
        "contact.create",
        case_id,
        {
            "phone_id": phone_id,
            "channel": "outbound_call",
            "disposition": disposition,
            "started_at": at.isoformat(),
            "duration_s": 0,
        },
    )


def test_contact_policy_breach_is_recorded_and_audited(
    client: TestClient,
    small_book: SmallBook,
    auth_headers: Callable[..., dict[str, str]],
    session_factory: sessionmaker[Session],
) -> None:
    agent = small_book.agents["team-a"][0]
    seeded = small_book.cases[agent.username][0]
    own, emergency = seeded.phone_ids
    headers = auth_headers(agent)
    day = datetime(2026, 3, 2, tzinfo=UTC)
    ok = _contact(seeded.case_id, own, day + timedelta(hours=2))  # 10:00 Beijing
    night = _contact(seeded.case_id, own, day + timedelta(hours=15, minutes=30))  # 23:30
    third = _contact(seeded.case_id, emergency, day + timedelta(hours=3))  # not unreachable
    results = push(client, headers, ok, night, third)
    assert [r["status"] for r in results] == ["applied", "applied", "applied"]
    assert results[0]["message"] is None
    assert "outside_call_window" in results[1]["message"]
    assert "third_party_requires_unreachable" in results[2]["message"]
    with session_factory() as session:
        rows = {a.id: a.policy_violation for a in session.scalars(select(ContactAttempt))}
        assert rows[ok["entity_id"]] is None
        assert rows[night["entity_id"]] == "outside_call_window"
        audited = session.scalars(
            select(AuditLog.entity_id).where(AuditLog.action == "contact.policy_violation")
        ).all()
        assert set(audited) == {night["entity_id"], third["entity_id"]}
        case = session.get(Case, seeded.case_id)
        assert case is not None and case.last_contact_at == day + timedelta(hours=15, minutes=30)


def test_contact_with_foreign_phone_is_rejected(
    client: TestClient, small_book: SmallBook, auth_headers: Callable[..., dict[str, str]]
) -> None:
    agent = small_book.agents["team-a"][0]
    mine, other = small_book.cases[agent.username]
    res = push(
        client, auth_headers(agent), _contact(mine.case_id, other.phone_ids[0], datetime.now(UTC))
    )
    assert res[0]["status"] == "rejected" and res[0]["code"] == "invalid_reference"


def _plan(case_id: str, **kw: Any) -> dict[str, Any]:
    today = business_today()
    payload = {
        "kind": "catch_up",
        "payments": 3,
        "first_date": (today + timedelta(days=5)).isoformat(),
        "created_at": datetime.now(UTC).isoformat(),
        **kw,
    }
    return _op("plan.propose", case_id, payload)


def test_plan_beyond_authority_awaits_approval(
    client: TestClient,
    small_book: SmallBook,
    auth_headers: Callable[..., dict[str, str]],
    session_factory: sessionmaker[Session],
) -> None:
    agent = small_book.agents["team-b"][0]
    case_id = small_book.cases[agent.username][1].case_id
    with session_factory() as session:
        session.execute(
            update(Case)
            .where(Case.id == case_id)
            .values(overdue_penalty=10_000, overdue_total=Case.overdue_total + 10_000)
        )
        session.commit()
    headers = auth_headers(agent)
    within = _plan(case_id, waive_penalty=5_000)
    beyond = _plan(case_id, waive_penalty=10_000)
    results = push(client, headers, within, beyond)
    assert [r["message"] for r in results] == ["plan approved", "plan pending_approval"]
    with session_factory() as session:
        plans = {p.id: p for p in session.scalars(select(Plan))}
        assert plans[within["entity_id"]].approved_by_id == agent.id
        pending = plans[beyond["entity_id"]]
        assert pending.status == "pending_approval" and pending.approved_by_id is None
        assert any(v.startswith("authority_") for v in pending.violations)
        assert sum(ln.amount for ln in pending.lines) == pending.total > 0
    # the lead may waive it all: agreed directly
    lead = small_book.leads["team-b"]
    res = push(client, auth_headers(lead), _plan(case_id, waive_penalty=10_000))
    assert res[0]["message"] == "plan approved"


def test_invalid_plan_is_rejected_with_reasons(
    client: TestClient, small_book: SmallBook, auth_headers: Callable[..., dict[str, str]]
) -> None:
    agent = small_book.agents["team-b"][0]
    case_id = small_book.cases[agent.username][1].case_id
    far = (business_today() + timedelta(days=200)).isoformat()
    res = push(client, auth_headers(agent), _plan(case_id, first_date=far))
    assert res[0]["status"] == "rejected" and res[0]["code"] == "plan_invalid"
    assert res[0]["message"]


def test_promise_and_callback_set_next_action(
    client: TestClient,
    small_book: SmallBook,
    auth_headers: Callable[..., dict[str, str]],
    session_factory: sessionmaker[Session],
) -> None:
    agent = small_book.agents["team-a"][1]
    case_id = small_book.cases[agent.username][0].case_id
    headers = auth_headers(agent)
    now = datetime.now(UTC)
    promise = _op(
        "promise.create",
        case_id,
        {
            "amount": 304_219,
            "promised_on": (business_today() + timedelta(days=7)).isoformat(),
            "created_at": now.isoformat(),
        },
    )
    callback = _op(
        "callback.create",
        case_id,
        {
            "due_at": later_callback().isoformat(),
            "note": "晚上再打",
        },
    )
    assert [r["status"] for r in push(client, headers, promise, callback)] == ["applied"] * 2
    with session_factory() as session:
        case = session.get(Case, case_id)
        assert case is not None and case.next_action_kind == "callback"
    past = _op(
        "promise.create",
        case_id,
        {
            "amount": 100,
            "promised_on": "2020-01-01",
            "created_at": now.isoformat(),
        },
    )
    assert push(client, headers, past)[0]["code"] == "validation_error"
