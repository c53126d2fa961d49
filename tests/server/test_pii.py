"""PII reveal (reason required, scoped, audited without the clear value) and audit search."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.server.models import AuditLog, User
from tests.server.conftest import SmallBook, due_callback

REASON = "核实身份后回拨本人"


def test_reveal_each_field_and_audit(
    client: TestClient,
    small_book: SmallBook,
    auth_headers: Callable[[User], dict[str, str]],
    session_factory: sessionmaker[Session],
) -> None:
    agent = small_book.agents["team-a"][0]
    seeded = small_book.cases[agent.username][0]
    h = auth_headers(agent)
    url = f"/cases/{seeded.case_id}/reveal"
    got = client.post(url, json={"field": "id_number", "reason": REASON}, headers=h)
    assert got.status_code == 200, got.text
    assert got.json() == {"field": "id_number", "phone_id": None, "value": "110105199001011234"}
    phone = client.post(
        url, json={"field": "phone", "phone_id": seeded.phone_ids[1], "reason": REASON}, headers=h
    )
    assert phone.json()["value"] == "13987654321"
    card = client.post(url, json={"field": "bank_card", "reason": REASON}, headers=h)
    assert card.json()["value"] == "6222020200112233445"
    with session_factory() as s:
        rows = s.scalars(
            select(AuditLog).where(AuditLog.action == "pii.reveal").order_by(AuditLog.id)
        ).all()
    assert [(r.actor, r.details["field"], r.details["reason"]) for r in rows] == [
        (agent.username, "id_number", REASON),
        (agent.username, "phone", REASON),
        (agent.username, "bank_card", REASON),
    ]
    for r in rows:
        assert r.entity == "borrower" and r.entity_id == seeded.borrower_id
        assert "110105199001011234" not in str(r.details) and "13987654321" not in str(r.details)


def test_reveal_refusals(
    client: TestClient,
    small_book: SmallBook,
    auth_headers: Callable[[User], dict[str, str]],
    session_factory: sessionmaker[Session],
) -> None:
    a1, a2 = small_book.agents["team-a"]
    seeded = small_book.cases[a1.username][0]
    url = f"/cases/{seeded.case_id}/reveal"
    h = auth_headers(a1)
    for body in (
        {"field": "id_number"},  # no reason
        {"field": "id_number", "reason": "看"},  # too short
        {"field": "phone", "reason": REASON},  # phone without phone_id
        {"field": "address", "reason": REASON},
        {"field": "id_number", "reason": REASON, "extra": 1},
    ):
        assert client.post(url, json=body, headers=h).status_code == 422, body
    other_phone = small_book.cases[a1.username][1].phone_ids[0]
    assert (
        client.post(
            url, json={"field": "phone", "phone_id": other_phone, "reason": REASON}, headers=h
        ).status_code
        == 404
    )
    assert (
        client.post(
            url, json={"field": "id_number", "reason": REASON}, headers=auth_headers(a2)
        ).status_code
        == 404
    )
    assert (
        client.post(
            url,
            json={"field": "id_number", "reason": REASON},
            headers=auth_headers(small_book.leads["team-b"]),
        ).status_code
        == 404
    )
    with session_factory() as s:
        assert s.scalars(select(AuditLog).where(AuditLog.action == "pii.reveal")).all() == []


def test_audit_search_scope_and_filters(
    client: TestClient, small_book: SmallBook, auth_headers: Callable[[User], dict[str, str]]
) -> None:
    a_agent = small_book.agents["team-a"][0]
    b_agent = small_book.agents["team-b"][0]
    for agent in (a_agent, b_agent):
        case = small_book.cases[agent.username][0]
        r = client.post(
            f"/cases/{case.case_id}/reveal",
            json={"field": "id_number", "reason": REASON},
            headers=auth_headers(agent),
        )
        assert r.status_code == 200
        assert client.get(f"/cases/{case.case_id}", headers=auth_headers(agent)).status_code == 200
    lead_a = auth_headers(small_book.leads["team-a"])
    page = client.get("/audit", headers=lead_a).json()
    assert {e["actor"] for e in page["entries"]} == {a_agent.username}
    assert page["total"] == 2
    reveals = client.get("/audit", params={"action": "pii.reveal"}, headers=lead_a).json()
    assert [e["action"] for e in reveals["entries"]] == ["pii.reveal"]
    admin = auth_headers(small_book.admin)
    assert client.get("/audit", params={"action": "pii."}, headers=admin).json()["total"] == 2
    assert (
        client.get("/audit", params={"actor": b_agent.username}, headers=admin).json()["total"] == 2
    )
    assert (
        client.get("/audit", params={"actor": b_agent.username}, headers=lead_a).json()["total"]
        == 0
    )
    entity = client.get("/audit", params={"entity": "case"}, headers=admin).json()
    assert {e["action"] for e in entity["entries"]} == {"case.view"}
    assert (
        client.get("/audit", params={"since": "2099-01-01T00:00:00Z"}, headers=admin).json()[
            "total"
        ]
        == 0
    )
    newest_first = [e["at"] for e in client.get("/audit", headers=admin).json()["entries"]]
    assert newest_first == sorted(newest_first, reverse=True)
    assert client.get("/audit", headers=auth_headers(a_agent)).status_code == 403
    assert client.get("/audit", params={"limit": 501}, headers=admin).status_code == 422
    assert client.get("/audit", params={"bogus": 1}, headers=admin).status_code == 422


def test_team_agents_load(
    client: TestClient, small_book: SmallBook, auth_headers: Callable[[User], dict[str, str]]
) -> None:
    lead = auth_headers(small_book.leads["team-a"])
    a1 = small_book.agents["team-a"][0]
    case_id = small_book.cases[a1.username][0].case_id
    now = datetime.now(UTC)
    today = now.astimezone(ZoneInfo("Asia/Shanghai")).date()
    promise = {
        "id": str(uuid.uuid4()),
        "amount": 500,
        "promised_on": today.isoformat(),
        "created_at": now.isoformat(),
    }
    assert (
        client.post(
            f"/cases/{case_id}/promises", json=promise, headers=auth_headers(a1)
        ).status_code
        == 201
    )
    callback = {"id": str(uuid.uuid4()), **due_callback(now)}
    assert (
        client.post(
            f"/cases/{case_id}/callbacks", json=callback, headers=auth_headers(a1)
        ).status_code
        == 201
    )
    agents = client.get("/team/agents", headers=lead).json()["agents"]
    assert [a["username"] for a in agents] == sorted(
        a.username for a in small_book.agents["team-a"]
    )
    assert all(a["open_cases"] == 2 and a["overdue_total"] > 0 for a in agents)
    load = {a["username"]: a for a in agents}
    assert load[a1.username]["promises_due_today"] == 1 and load[a1.username]["callbacks_due"] == 1
    other = small_book.agents["team-a"][1].username
    assert load[other]["promises_due_today"] == 0 and load[other]["callbacks_due"] == 0
    assert client.get("/team/agents", params={"team": "team-b"}, headers=lead).status_code == 404
    admin = auth_headers(small_book.admin)
    assert len(client.get("/team/agents", headers=admin).json()["agents"]) == 4
    assert (
        len(client.get("/team/agents", params={"team": "team-b"}, headers=admin).json()["agents"])
        == 2
    )
    assert (
        client.get("/team/agents", headers=auth_headers(small_book.agents["team-a"][0])).status_code
        == 403
    )
