"""Plan approval: leads and admins decide pending plans within their authority; audited."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from app.server.models import AuditLog, Case, User
from tests.server.conftest import SmallBook, business_today


def _plan(**extra: Any) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "kind": "catch_up",
        "payments": 3,
        "first_date": (business_today() + timedelta(days=7)).isoformat(),
        "created_at": datetime.now(UTC).isoformat(),
        **extra,
    }


def _propose(client: TestClient, h: dict[str, str], case_id: str, **extra: Any) -> dict[str, Any]:
    resp = client.post(f"/cases/{case_id}/plans", json=_plan(**extra), headers=h)
    assert resp.status_code == 201, resp.text
    data: dict[str, Any] = resp.json()
    return data


def test_approve_and_reject(
    client: TestClient,
    small_book: SmallBook,
    auth_headers: Callable[[User], dict[str, str]],
    session_factory: sessionmaker[Session],
) -> None:
    agent = small_book.agents["team-a"][0]
    case_id = small_book.cases[agent.username][1].case_id
    ha = auth_headers(agent)
    pending = _propose(client, ha, case_id, waive_interest=500)
    assert pending["status"] == "pending_approval"
    other = _propose(client, ha, case_id, waive_interest=700)
    lead = small_book.leads["team-a"]
    hl = auth_headers(lead)
    listed = client.get("/plans", headers=hl).json()
    assert {p["id"] for p in listed["plans"]} == {pending["id"], other["id"]}
    assert (
        client.get("/plans", headers=auth_headers(small_book.leads["team-b"])).json()["total"] == 0
    )
    # agents cannot decide; the other team's lead does not see the plan
    assert client.post(f"/plans/{pending['id']}/approve", json={}, headers=ha).status_code == 403
    assert (
        client.post(
            f"/plans/{pending['id']}/approve",
            json={},
            headers=auth_headers(small_book.leads["team-b"]),
        ).status_code
        == 404
    )
    # waiving interest is beyond a team lead: only an admin may approve
    beyond = client.post(f"/plans/{pending['id']}/approve", json={}, headers=hl)
    assert beyond.status_code == 403 and beyond.json()["error"]["code"] == "beyond_authority"
    ok = client.post(
        f"/plans/{pending['id']}/approve",
        json={"reason": "ok"},
        headers=auth_headers(small_book.admin),
    )
    assert ok.status_code == 200, ok.text
    assert ok.json()["status"] == "approved" and ok.json()["approved_by"] == "admin"
    again = client.post(
        f"/plans/{pending['id']}/approve", json={}, headers=auth_headers(small_book.admin)
    )
    assert again.status_code == 409 and again.json()["error"]["code"] == "not_pending"
    # rejecting needs a reason
    assert client.post(f"/plans/{other['id']}/reject", json={}, headers=hl).status_code == 422
    rej = client.post(
        f"/plans/{other['id']}/reject", json={"reason": "减免利息需总部审批"}, headers=hl
    )
    assert rej.status_code == 200 and rej.json()["status"] == "rejected"
    assert (
        client.post(f"/plans/{uuid.uuid4()}/reject", json={"reason": "x"}, headers=hl).status_code
        == 404
    )
    with session_factory() as s:
        actions = [
            (a.action, a.actor)
            for a in s.scalars(
                select(AuditLog)
                .where(AuditLog.action.in_(["plan.approve", "plan.reject"]))
                .order_by(AuditLog.id)
            )
        ]
    assert actions == [("plan.approve", "admin"), ("plan.reject", lead.username)]


def test_lead_approves_penalty_waiver_within_authority(
    client: TestClient,
    small_book: SmallBook,
    auth_headers: Callable[[User], dict[str, str]],
    session_factory: sessionmaker[Session],
) -> None:
    agent = small_book.agents["team-b"][0]
    case_id = small_book.cases[agent.username][1].case_id
    with session_factory() as s:
        s.execute(update(Case).where(Case.id == case_id).values(overdue_penalty=10_000))
        s.commit()
    ha = auth_headers(agent)
    within = _propose(client, ha, case_id, waive_penalty=4_000)  # 40% <= agent's 50%
    assert within["status"] == "approved"
    beyond = _propose(client, ha, case_id, waive_penalty=8_000)  # 80%: needs a lead
    assert beyond["status"] == "pending_approval"
    hl = auth_headers(small_book.leads["team-b"])
    assert client.post(f"/plans/{within['id']}/approve", json={}, headers=hl).status_code == 409
    resp = client.post(f"/plans/{beyond['id']}/approve", json={}, headers=hl)
    assert resp.status_code == 200, resp.text
    assert resp.json()["status"] == "approved"
    assert resp.json()["approved_by"] == small_book.leads["team-b"].username
    # the decision reaches the author's sync feed
    feed = client.get("/sync/changes", headers=ha).json()
    plans = [u for u in feed["upserts"] if u["entity"] == "plan" and u["id"] == beyond["id"]]
    assert plans and plans[0]["data"]["status"] == "approved"


def test_plan_dates_far_in_the_past_or_future_are_refused(
    client: TestClient,
    small_book: SmallBook,
    auth_headers: Callable[[User], dict[str, str]],
    session_factory: sessionmaker[Session],
) -> None:
    from app.server.models import Plan

    agent = small_book.agents["team-a"][0]
    case_id = small_book.cases[agent.username][1].case_id
    ha = auth_headers(agent)
    for first in ("0001-01-01", "9999-12-31"):
        resp = client.post(f"/cases/{case_id}/plans", json=_plan(first_date=first), headers=ha)
        assert 400 <= resp.status_code < 500, (first, resp.text)
        assert resp.json()["error"]["code"] in ("validation_error", "plan_invalid")
    for created in ("0001-01-01T00:00:00Z", "9999-12-31T23:00:00Z"):
        resp = client.post(f"/cases/{case_id}/plans", json=_plan(created_at=created), headers=ha)
        assert resp.status_code == 422, (created, resp.text)
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(Plan)) == 0


def test_a_plan_carries_its_terms_total_and_business_date(
    client: TestClient,
    small_book: SmallBook,
    auth_headers: Callable[[User], dict[str, str]],
    session_factory: sessionmaker[Session],
) -> None:
    from app.server.models import Plan

    agent = small_book.agents["team-a"][0]
    case_id = small_book.cases[agent.username][1].case_id
    plan = _propose(client, auth_headers(agent), case_id, payments=4, down_payment=20_000)
    assert plan["payments"] == 4 and plan["frequency"] == "monthly"
    assert plan["first_date"] == (business_today() + timedelta(days=7)).isoformat()
    assert plan["total"] == sum(ln["amount"] for ln in plan["lines"]) > 0
    assert plan["decision_note"] is None and plan["evaluated_on"] is None
    with session_factory() as s:
        row = s.get(Plan, plan["id"])
        assert row is not None and row.made_on == business_today()
