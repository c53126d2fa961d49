"""Record routes on a case: idempotent by client id, scoped, policy and authority enforced."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from app.server.models import AuditLog, ChangeLog, Note, User
from tests.server.conftest import SmallBook, business_today, later_callback

NOW = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)  # 11:00 in Shanghai


def _note(**extra: Any) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "text": "借款人称下周一还款",
        "created_at": NOW.isoformat(),
        **extra,
    }


def test_note_idempotent_and_scoped(
    client: TestClient,
    small_book: SmallBook,
    auth_headers: Callable[[User], dict[str, str]],
    session_factory: sessionmaker[Session],
) -> None:
    a1, a2 = small_book.agents["team-a"]
    case_id = small_book.cases[a1.username][0].case_id
    body = _note(disposition="right_party")
    first = client.post(f"/cases/{case_id}/notes", json=body, headers=auth_headers(a1))
    assert first.status_code == 201, first.text
    again = client.post(f"/cases/{case_id}/notes", json=body, headers=auth_headers(a1))
    assert again.status_code == 200 and again.json() == first.json()
    assert first.json()["author"] == a1.username
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(Note).where(Note.id == body["id"])) == 1
        assert (
            s.scalar(
                select(func.count()).select_from(ChangeLog).where(ChangeLog.entity_id == body["id"])
            )
            == 1
        )
    # same id from another user, or on another case: conflict, nothing stored
    other_case = small_book.cases[a1.username][1].case_id
    assert (
        client.post(f"/cases/{other_case}/notes", json=body, headers=auth_headers(a1)).status_code
        == 409
    )
    # another agent's case: 404; unknown field: 422; oversize text: 422
    assert (
        client.post(f"/cases/{case_id}/notes", json=_note(), headers=auth_headers(a2)).status_code
        == 404
    )
    assert (
        client.post(
            f"/cases/{case_id}/notes", json=_note(colour="red"), headers=auth_headers(a1)
        ).status_code
        == 422
    )
    assert (
        client.post(
            f"/cases/{case_id}/notes", json=_note(text="x" * 10_001), headers=auth_headers(a1)
        ).status_code
        == 422
    )
    # the lead may write on the team's case; the other team's lead may not
    assert (
        client.post(
            f"/cases/{case_id}/notes",
            json=_note(),
            headers=auth_headers(small_book.leads["team-a"]),
        ).status_code
        == 201
    )
    assert (
        client.post(
            f"/cases/{case_id}/notes",
            json=_note(),
            headers=auth_headers(small_book.leads["team-b"]),
        ).status_code
        == 404
    )
    detail = client.get(f"/cases/{case_id}", headers=auth_headers(a1)).json()
    assert len(detail["notes"]) == 2


def test_contact_policy_violation_recorded_and_audited(
    client: TestClient,
    small_book: SmallBook,
    auth_headers: Callable[[User], dict[str, str]],
    session_factory: sessionmaker[Session],
) -> None:
    agent = small_book.agents["team-a"][0]
    seeded = small_book.cases[agent.username][0]
    h = auth_headers(agent)
    night = datetime(2026, 11, 20, 15, 30, tzinfo=UTC)  # 23:30 in Shanghai
    body = {
        "id": str(uuid.uuid4()),
        "phone_id": seeded.phone_ids[0],
        "channel": "outbound_call",
        "disposition": "no_answer",
        "started_at": night.isoformat(),
    }
    resp = client.post(f"/cases/{seeded.case_id}/contacts", json=body, headers=h)
    assert resp.status_code == 201, resp.text
    assert resp.json()["policy_violation"]
    day = {**body, "id": str(uuid.uuid4()), "started_at": NOW.isoformat()}
    ok = client.post(f"/cases/{seeded.case_id}/contacts", json=day, headers=h)
    assert ok.status_code == 201 and ok.json()["policy_violation"] is None
    with session_factory() as s:
        rows = s.scalars(
            select(AuditLog).where(AuditLog.action == "contact.policy_violation")
        ).all()
    assert [r.entity_id for r in rows] == [body["id"]]
    wrong_phone = {
        **day,
        "id": str(uuid.uuid4()),
        "phone_id": small_book.cases[agent.username][1].phone_ids[0],
    }
    assert client.post(
        f"/cases/{seeded.case_id}/contacts", json=wrong_phone, headers=h
    ).status_code in (404, 422)


def test_promise_and_callback(
    client: TestClient, small_book: SmallBook, auth_headers: Callable[[User], dict[str, str]]
) -> None:
    agent = small_book.agents["team-b"][0]
    case_id = small_book.cases[agent.username][0].case_id
    h = auth_headers(agent)
    now = datetime.now(UTC)
    promise = {
        "id": str(uuid.uuid4()),
        "amount": 150_000,
        "promised_on": (business_today() + timedelta(days=3)).isoformat(),
        "created_at": now.isoformat(),
    }
    resp = client.post(f"/cases/{case_id}/promises", json=promise, headers=h)
    assert resp.status_code == 201, resp.text
    assert resp.json()["status"] == "pending" and resp.json()["amount"] == 150_000
    for bad in ({"amount": 0}, {"amount": 12.5}, {"amount": -5}):
        assert (
            client.post(
                f"/cases/{case_id}/promises",
                json={**promise, "id": str(uuid.uuid4()), **bad},
                headers=h,
            ).status_code
            == 422
        )
    cb = {
        "id": str(uuid.uuid4()),
        "due_at": later_callback().isoformat(),
        "note": "下午再打",
    }
    resp = client.post(f"/cases/{case_id}/callbacks", json=cb, headers=h)
    assert resp.status_code == 201 and resp.json()["done"] is False
    detail = client.get(f"/cases/{case_id}", headers=h).json()
    assert [p["id"] for p in detail["promises"]] == [promise["id"]]
    assert [c["id"] for c in detail["callbacks"]] == [cb["id"]]


def _plan(waive_penalty: int = 0) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "kind": "catch_up",
        "payments": 3,
        "first_date": (business_today() + timedelta(days=7)).isoformat(),
        "waive_penalty": waive_penalty,
        "created_at": datetime.now(UTC).isoformat(),
    }


def test_plan_within_and_beyond_authority(
    client: TestClient, small_book: SmallBook, auth_headers: Callable[[User], dict[str, str]]
) -> None:
    agent = small_book.agents["team-a"][0]
    case_id = small_book.cases[agent.username][1].case_id
    h = auth_headers(agent)
    plain = client.post(f"/cases/{case_id}/plans", json=_plan(), headers=h)
    assert plain.status_code == 201, plain.text
    assert plain.json()["status"] == "approved"
    lines = plain.json()["lines"]
    assert len(lines) == 3 and all(isinstance(ln["amount"], int) for ln in lines)
    # an agent may not waive interest: the plan becomes a proposal awaiting approval
    beyond = {**_plan(), "waive_interest": 1000}
    resp = client.post(f"/cases/{case_id}/plans", json=beyond, headers=h)
    assert resp.status_code == 201, resp.text
    assert resp.json()["status"] == "pending_approval"
    assert any(v.startswith("authority_") for v in resp.json()["violations"])
