"""Reassignment: scope rules, all-or-nothing, audit, and the old holder's tombstone."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.server.models import AuditLog, Case, CaseAssignment, User
from tests.server.conftest import SmallBook


def _feed_case_ids(
    client: TestClient, h: dict[str, str], cursor: str | None = None
) -> tuple[set[str], set[str], str]:
    params = {"cursor": cursor} if cursor else {}
    body = client.get("/sync/changes", params=params, headers=h).json()
    ups = {u["id"] for u in body["upserts"] if u["entity"] == "case"}
    tombs = {t["id"] for t in body["tombstones"] if t["entity"] == "case"}
    return ups, tombs, body["cursor"]


def test_lead_reassigns_one_case(
    client: TestClient,
    small_book: SmallBook,
    auth_headers: Callable[[User], dict[str, str]],
    session_factory: sessionmaker[Session],
) -> None:
    a1, a2 = small_book.agents["team-a"]
    case_id = small_book.cases[a1.username][0].case_id
    h1, h2 = auth_headers(a1), auth_headers(a2)
    ups1, _, cur1 = _feed_case_ids(client, h1)
    assert case_id in ups1
    _, _, cur2 = _feed_case_ids(client, h2)
    lead = small_book.leads["team-a"]
    resp = client.post(
        "/reassign",
        json={"case_ids": [case_id], "to_agent": a2.username, "reason": "休假"},
        headers=auth_headers(lead),
    )
    assert resp.status_code == 200, resp.text
    assert resp.json() == {
        "to_agent": a2.username,
        "moved": 1,
        "unchanged": 0,
        "case_ids": [case_id],
    }
    # the old holder gets a tombstone, the new one the case
    ups, tombs, _ = _feed_case_ids(client, h1, cur1)
    assert case_id in tombs and case_id not in ups
    ups, tombs, _ = _feed_case_ids(client, h2, cur2)
    assert case_id in ups
    assert client.get(f"/cases/{case_id}", headers=h1).status_code == 404
    assert client.get(f"/cases/{case_id}", headers=h2).status_code == 200
    with session_factory() as s:
        audit = s.scalars(select(AuditLog).where(AuditLog.action == "case.reassign")).all()
        assert [(a.actor, a.entity_id, a.details["to_user"]) for a in audit] == [
            (lead.username, case_id, a2.username)
        ]
        history = s.scalars(
            select(CaseAssignment)
            .where(CaseAssignment.case_id == case_id)
            .order_by(CaseAssignment.id)
        ).all()
        assert [(h.user_id, h.ended_at is not None) for h in history] == [
            (a1.id, True),
            (a2.id, False),
        ]
    # sending it again changes nothing
    again = client.post(
        "/reassign",
        json={"case_ids": [case_id], "to_agent": a2.username},
        headers=auth_headers(lead),
    )
    assert again.json()["moved"] == 0 and again.json()["unchanged"] == 1


def test_lead_reassigns_all_of_an_agent(
    client: TestClient,
    small_book: SmallBook,
    auth_headers: Callable[[User], dict[str, str]],
    session_factory: sessionmaker[Session],
) -> None:
    a1, a2 = small_book.agents["team-b"]
    lead = small_book.leads["team-b"]
    resp = client.post(
        "/reassign",
        json={"from_agent": a1.username, "to_agent": a2.username},
        headers=auth_headers(lead),
    )
    assert resp.status_code == 200, resp.text
    assert resp.json()["moved"] == 2
    with session_factory() as s:
        owners = s.scalars(select(Case.assigned_to_id).where(Case.team_id == a2.team_id)).all()
    assert set(owners) == {a2.id}
    assert client.get("/worklist", headers=auth_headers(a1)).json()["total"] == 0
    assert client.get("/worklist", headers=auth_headers(a2)).json()["total"] == 4


def test_scope_and_validation(
    client: TestClient,
    small_book: SmallBook,
    auth_headers: Callable[[User], dict[str, str]],
    session_factory: sessionmaker[Session],
) -> None:
    a1, a2 = small_book.agents["team-a"]
    b1 = small_book.agents["team-b"][0]
    lead = small_book.leads["team-a"]
    hl = auth_headers(lead)
    own = small_book.cases[a1.username][0].case_id
    foreign = small_book.cases[b1.username][0].case_id
    # an agent may not reassign
    assert (
        client.post(
            "/reassign", json={"case_ids": [own], "to_agent": a2.username}, headers=auth_headers(a1)
        ).status_code
        == 403
    )
    # another team's case (even mixed with an own one), or agent: 404, nothing moves
    r = client.post(
        "/reassign", json={"case_ids": [own, foreign], "to_agent": a2.username}, headers=hl
    )
    assert r.status_code == 404
    assert (
        client.post(
            "/reassign", json={"case_ids": [own], "to_agent": b1.username}, headers=hl
        ).status_code
        == 404
    )
    assert (
        client.post(
            "/reassign", json={"from_agent": b1.username, "to_agent": a2.username}, headers=hl
        ).status_code
        == 404
    )
    with session_factory() as s:
        assert s.get(Case, own).assigned_to_id == a1.id  # type: ignore[union-attr]
    # exactly one selector; a lead is not an agent target; unknown fields refused
    assert client.post("/reassign", json={"to_agent": a2.username}, headers=hl).status_code == 422
    assert (
        client.post(
            "/reassign",
            json={"case_ids": [own], "from_agent": a1.username, "to_agent": a2.username},
            headers=hl,
        ).status_code
        == 422
    )
    assert (
        client.post(
            "/reassign", json={"case_ids": [own], "to_agent": lead.username}, headers=hl
        ).status_code
        == 422
    )
    assert (
        client.post(
            "/reassign", json={"case_ids": [own], "to_agent": a2.username, "x": 1}, headers=hl
        ).status_code
        == 422
    )
    assert (
        client.post(
            "/reassign", json={"case_ids": [own] * 1001, "to_agent": a2.username}, headers=hl
        ).status_code
        == 422
    )
    # the admin moves a case across teams
    admin = auth_headers(small_book.admin)
    r = client.post(
        "/reassign", json={"case_ids": [foreign], "to_agent": a2.username}, headers=admin
    )
    assert r.status_code == 200 and r.json()["moved"] == 1
    with session_factory() as s:
        moved = s.get(Case, foreign)
        assert moved is not None and moved.team_id == a2.team_id and moved.assigned_to_id == a2.id
    assert client.get(f"/cases/{foreign}", headers=hl).status_code == 200
    assert (
        client.get(
            f"/cases/{foreign}", headers=auth_headers(small_book.leads["team-b"])
        ).status_code
        == 404
    )
