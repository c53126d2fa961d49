"""A team lead created without a team oversees nobody (#15 point 2): not the audit log's
team-less actors (admins included), not the team-less agents, in no list and no export.

Before the fix, `audit_search` compared `team_id == user.team_id`, which for a lead without
a team matched every team-less user, and the agents list filtered `User.team_id IS NULL`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.server.models import AuditLog, User


def _audit(session_factory: sessionmaker[Session], actor: User, action: str) -> None:
    with session_factory() as s:
        s.add(AuditLog(actor_id=actor.id, actor=actor.username, action=action, entity="case"))
        s.commit()


def test_a_lead_without_a_team_sees_no_one(
    client: TestClient,
    make_user: Callable[..., User],
    auth_headers: Callable[[User], dict[str, str]],
    session_factory: sessionmaker[Session],
) -> None:
    admin = make_user("admin", team=None, username="root-admin")
    loner = make_user("agent", team=None, username="loner-agent")
    lead = make_user("team_lead", team=None, username="teamless-lead")
    _audit(session_factory, admin, "user.create")
    _audit(session_factory, loner, "pii.reveal")
    h = auth_headers(lead)

    audit = client.get("/audit", headers=h)
    assert audit.status_code == 200
    assert audit.json()["entries"] == [] and audit.json()["total"] == 0

    agents = client.get("/team/agents", headers=h)
    assert agents.status_code in (200, 404)
    assert "loner-agent" not in agents.text

    for path in ("/audit/export", "/team/agents/export"):
        resp = client.get(path, params={"format": "csv"}, headers=h)
        assert "root-admin" not in resp.text and "loner-agent" not in resp.text, path
        assert "user.create" not in resp.text and "pii.reveal" not in resp.text, path

    worklist = client.get("/worklist", params={"agent": "loner-agent"}, headers=h)
    assert worklist.status_code == 404


def test_an_admin_still_sees_every_actor(
    client: TestClient,
    make_user: Callable[..., User],
    auth_headers: Callable[[User], dict[str, str]],
    session_factory: sessionmaker[Session],
) -> None:
    admin = make_user("admin", team=None, username="root-admin")
    loner = make_user("agent", team=None, username="loner-agent")
    _audit(session_factory, loner, "pii.reveal")
    page: dict[str, Any] = client.get("/audit", headers=auth_headers(admin)).json()
    assert [e["actor"] for e in page["entries"]] == ["loner-agent"]
    agents = client.get("/team/agents", headers=auth_headers(admin)).json()["agents"]
    assert "loner-agent" in [a["username"] for a in agents]
