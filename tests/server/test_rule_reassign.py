"""Reassignment by rule: the preview is deterministic and is exactly what apply does; agents
on leave; refusals change nothing; two concurrent applies on PostgreSQL end consistent."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session, sessionmaker

from app.protocol.team import ApplyMoves, CaseMove
from app.server.errors import ApiError
from app.server.models import AuditLog, Case, CaseAssignment, ChangeLog, User
from app.server.services.rule_reassign import apply_moves
from tests.server.conftest import SeededCase

SF = sessionmaker[Session]


@dataclass
class Team:
    lead: User
    agents: list[User]
    cases: dict[str, list[SeededCase]]


@pytest.fixture
def team(make_user: Callable[..., User], make_case: Callable[..., SeededCase]) -> Team:
    """team-r: a lead and three agents holding 6 / 2 / 0 cases (M1 and M2, various amounts)."""
    lead = make_user("team_lead", "team-r", username="lead-r")
    agents = [make_user("agent", "team-r", username=f"r{i}") for i in range(3)]
    spec = {0: [(10, 100_000), (12, 200_000), (15, 300_000), (40, 400_000), (45, 150_000),
                (50, 250_000)],
            1: [(20, 120_000), (55, 500_000)],
            2: []}  # fmt: skip
    cases = {
        agents[i].username: [make_case(agents[i], dpd=d, installment_fen=f) for d, f in rows]
        for i, rows in spec.items()
    }
    return Team(lead, agents, cases)


def holders(
    sf: SF, team_name: str = "team-r", buckets: list[str] | None = None
) -> dict[str, str | None]:
    """case id -> holder's username, for the team's cases (of `buckets`)."""
    with sf() as s:
        rows = s.execute(
            text(
                "SELECT c.id, u.username, c.bucket FROM cases c"
                " LEFT JOIN users u ON u.id = c.assigned_to_id"
                " JOIN teams t ON t.id = c.team_id WHERE t.name = :t"
            ),
            {"t": team_name},
        ).all()
    return {r[0]: r[1] for r in rows if not buckets or r[2] in buckets}


def apply_body(preview: dict[str, Any], **extra: Any) -> dict[str, Any]:
    moves = [
        {"case_id": m["case_id"], "from_agent": m["from_agent"], "to_agent": m["to_agent"]}
        for m in preview["moves"]
    ]
    return {"moves": moves, "rule": preview["rule"], **extra}


@pytest.mark.parametrize(
    "rule",
    [
        {"balance": "count", "per_bucket": False},
        {"balance": "count", "per_bucket": True},
        {"balance": "amount", "per_bucket": False},
        {"balance": "amount", "per_bucket": True, "buckets": ["M2"]},
    ],
)
def test_preview_equals_what_apply_does(
    rule: dict[str, Any],
    client: TestClient,
    team: Team,
    auth_headers: Callable[[User], dict[str, str]],
    session_factory: SF,
) -> None:
    h = auth_headers(team.lead)
    before = holders(session_factory)
    first = client.post("/team/reassign/preview", json=rule, headers=h)
    assert first.status_code == 200, first.text
    preview = first.json()
    # deterministic: the same book and rule give the same moves; nothing was written
    assert client.post("/team/reassign/preview", json=rule, headers=h).json() == preview
    assert holders(session_factory) == before
    assert preview["moves"], "the book is unbalanced: the rule must move something"
    expected = dict(before)
    for m in preview["moves"]:
        assert before[m["case_id"]] == m["from_agent"] != m["to_agent"]
        expected[m["case_id"]] = m["to_agent"]
    resp = client.post("/team/reassign/apply", json=apply_body(preview, reason="均衡"), headers=h)
    assert resp.status_code == 200, resp.text
    result = resp.json()
    assert result["moved"] == len(preview["moves"]) and result["unchanged"] == 0
    after = holders(session_factory)
    assert after == expected
    # the preview's per-agent figures are the book's (the rule's buckets) after the apply
    counts = Counter(holders(session_factory, buckets=rule.get("buckets")).values())
    for share in preview["agents"]:
        assert share["cases_after"] == counts[share["username"]]
    # balanced: by count every agent within one case of the others (per bucket or overall)
    if rule["balance"] == "count" and not rule["per_bucket"]:
        assert max(counts.values()) - min(counts.values()) <= 1
    # the same rule again moves nothing
    again = client.post("/team/reassign/preview", json=rule, headers=h).json()
    assert again["moves"] == []
    with session_factory() as s:
        audited = s.scalars(
            select(AuditLog.entity_id).where(AuditLog.action == "case.reassign")
        ).all()
        batch = s.scalars(select(AuditLog).where(AuditLog.action == "case.reassign_batch")).one()
        assert batch.details["moved"] == len(preview["moves"])
        assert batch.details["rule"]["balance"] == rule["balance"]
        assert sorted(audited) == sorted(m["case_id"] for m in preview["moves"])
        open_rows = s.execute(
            select(CaseAssignment.case_id, func.count())
            .where(CaseAssignment.ended_at.is_(None))
            .group_by(CaseAssignment.case_id)
        ).all()
        assert all(n == 1 for _, n in open_rows)


def test_agent_on_leave_gives_all_and_gets_none(
    client: TestClient,
    team: Team,
    auth_headers: Callable[[User], dict[str, str]],
    session_factory: SF,
) -> None:
    h = auth_headers(team.lead)
    r0, r1, r2 = team.agents
    resp = client.put(f"/team/agents/{r1.username}/leave", json={"on_leave": True}, headers=h)
    assert resp.json() == {"username": r1.username, "team": "team-r", "on_leave": True,
                           "changed": True}  # fmt: skip
    preview = client.post(
        "/team/reassign/preview", json={"balance": "count", "per_bucket": False}, headers=h
    ).json()
    shares = {s["username"]: s for s in preview["agents"]}
    assert shares[r1.username]["eligible"] is False and shares[r1.username]["on_leave"]
    assert shares[r1.username]["cases_after"] == 0
    assert {shares[a.username]["cases_after"] for a in (r0, r2)} == {4}
    assert all(m["to_agent"] != r1.username for m in preview["moves"])
    moved_from_r1 = {m["case_id"] for m in preview["moves"] if m["from_agent"] == r1.username}
    assert moved_from_r1 == {c.case_id for c in team.cases[r1.username]}
    # a move to an agent on leave is refused
    refused = client.post(
        "/team/reassign/apply",
        json={"moves": [{"case_id": team.cases[r0.username][0].case_id,
                         "from_agent": r0.username, "to_agent": r1.username}]},
        headers=h,
    )  # fmt: skip
    assert refused.status_code == 422
    assert refused.json()["error"]["details"]["agents"] == [
        {"username": r1.username, "reason": "on_leave"}
    ]
    # the legacy /reassign refuses it too
    legacy = client.post(
        "/reassign",
        json={"case_ids": [team.cases[r0.username][0].case_id], "to_agent": r1.username},
        headers=h,
    )
    assert legacy.status_code == 422 and legacy.json()["error"]["code"] == "invalid_target"
    # back from leave: audited twice, idempotent
    client.put(f"/team/agents/{r1.username}/leave", json={"on_leave": False}, headers=h)
    same = client.put(f"/team/agents/{r1.username}/leave", json={"on_leave": False}, headers=h)
    assert same.json()["changed"] is False
    with session_factory() as s:
        actions = s.scalars(
            select(AuditLog.action)
            .where(AuditLog.entity == "user", AuditLog.entity_id == r1.username)
            .order_by(AuditLog.id)
        ).all()
    assert actions == ["agent.leave", "agent.return"]


def test_bad_input_is_refused_with_the_reason_and_nothing_moves(
    client: TestClient,
    team: Team,
    make_user: Callable[..., User],
    make_case: Callable[..., SeededCase],
    auth_headers: Callable[[User], dict[str, str]],
    session_factory: SF,
) -> None:
    h = auth_headers(team.lead)
    r0, r1, r2 = team.agents
    disabled = make_user("agent", "team-r", username="r-gone", active=False)
    outsider = make_user("agent", "team-x", username="x1")
    foreign = make_case(outsider, dpd=20)
    before = holders(session_factory)
    c = [x.case_id for x in team.cases[r0.username]]

    def apply(moves: list[tuple[str, str | None, str]]) -> Any:
        body = {"moves": [{"case_id": a, "from_agent": b, "to_agent": t} for a, b, t in moves]}
        return client.post("/team/reassign/apply", json=body, headers=h)

    # a good move together with a bad target: refused whole
    r = apply([(c[0], r0.username, r2.username), (c[1], r0.username, outsider.username)])
    assert r.status_code == 422, r.text
    assert r.json()["error"]["details"]["agents"] == [
        {"username": outsider.username, "reason": "not_in_team"}
    ]
    r = apply([(c[0], r0.username, disabled.username)])
    assert r.json()["error"]["details"]["agents"][0]["reason"] == "disabled"
    r = apply([(c[0], r0.username, team.lead.username)])
    assert r.json()["error"]["details"]["agents"][0]["reason"] == "not_an_agent"
    # another team's case: not found, and the own case beside it does not move
    r = apply([(c[0], r0.username, r2.username), (foreign.case_id, outsider.username, r2.username)])
    assert r.status_code == 404 and r.json()["error"]["details"]["case_ids"] == [foreign.case_id]
    # a case that moved meanwhile (the lead saw r1 as its holder): 409 with the details
    r = apply([(c[0], r0.username, r2.username), (c[1], r1.username, r2.username)])
    assert r.status_code == 409, r.text
    err = r.json()["error"]
    assert err["code"] == "case_moved"
    assert err["details"]["cases"] == [
        {"case_id": c[1], "expected": r1.username, "actual": r0.username, "status": "open"}
    ]
    # the same case twice
    r = apply([(c[0], r0.username, r2.username), (c[0], r0.username, r1.username)])
    assert r.status_code == 422 and r.json()["error"]["code"] == "duplicate_case"
    # a lead names another team in the rule: not found
    r = client.post("/team/reassign/preview", json={"team": "team-x"}, headers=h)
    assert r.status_code == 404
    # an admin must name the team of a rule
    admin = make_user("admin", None, username="admin-r")
    r = client.post("/team/reassign/preview", json={}, headers=auth_headers(admin))
    assert r.status_code == 422
    assert holders(session_factory) == before
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(AuditLog)) == 0
        assert s.scalar(
            select(func.count()).select_from(ChangeLog).where(ChangeLog.kind == "assign",
                                                             ChangeLog.from_user_id.is_not(None))
        ) == 0  # fmt: skip


def test_apply_reaches_both_feeds(
    client: TestClient,
    team: Team,
    auth_headers: Callable[[User], dict[str, str]],
    session_factory: SF,
) -> None:
    r0, _, r2 = team.agents
    h0, h2 = auth_headers(r0), auth_headers(r2)
    cur0 = client.get("/sync/changes", headers=h0).json()["cursor"]
    cur2 = client.get("/sync/changes", headers=h2).json()["cursor"]
    moved = team.cases[r0.username][0].case_id
    body = {"moves": [{"case_id": moved, "from_agent": r0.username, "to_agent": r2.username}]}
    resp = client.post("/team/reassign/apply", json=body, headers=auth_headers(team.lead))
    assert resp.json()["agents"] == [
        {"username": r0.username, "received": 0, "given": 1},
        {"username": r2.username, "received": 1, "given": 0},
    ]
    with session_factory() as s:
        entry = s.scalars(select(AuditLog).where(AuditLog.action == "case.reassign")).one()
    assert (entry.actor, entry.entity, entry.entity_id) == (team.lead.username, "case", moved)
    assert entry.details == {
        "from_user_id": r0.id, "from_user": r0.username, "from_team_id": r0.team_id,
        "to_user": r2.username, "to_team_id": r2.team_id, "reason": None,
        "batch": resp.json()["batch_id"],
    }  # fmt: skip
    feed0 = client.get("/sync/changes", params={"cursor": cur0}, headers=h0).json()
    feed2 = client.get("/sync/changes", params={"cursor": cur2}, headers=h2).json()
    assert {t["id"] for t in feed0["tombstones"]} == {moved}
    assert moved in {u["id"] for u in feed2["upserts"] if u["entity"] == "case"}


def test_concurrent_applies_on_postgresql_end_consistent(
    backend: str, team: Team, session_factory: SF
) -> None:
    """Two leads move overlapping selections at once: one wins whole, the other is refused
    whole (409 case_moved), and the book, history and change log agree."""
    if backend != "postgresql":
        pytest.skip("row locks and interleaved transactions: PostgreSQL")
    r0, r1, r2 = team.agents
    with session_factory() as s:
        lead = s.get(User, team.lead.id)
        second = User(username="lead-r2", display_name="lead 2", password_hash="x",
                      role="team_lead", team_id=lead.team_id if lead else None)  # fmt: skip
        s.add(second)
        s.commit()
        leads = [s.get(User, team.lead.id), s.get(User, second.id)]
    ids = [c.case_id for c in team.cases[r0.username]]
    jobs = [
        ApplyMoves(moves=[CaseMove(case_id=i, from_agent=r0.username, to_agent=r1.username)
                          for i in ids[:4]]),
        ApplyMoves(moves=[CaseMove(case_id=i, from_agent=r0.username, to_agent=r2.username)
                          for i in ids[2:]]),
    ]  # fmt: skip
    outcomes: list[Any] = [None, None]
    gate = threading.Barrier(3)

    def run(k: int) -> None:
        with session_factory() as s:
            user = s.get(User, leads[k].id)  # type: ignore[union-attr]
            assert user is not None
            gate.wait()
            try:
                outcomes[k] = apply_moves(s, user, jobs[k])
            except ApiError as exc:
                s.rollback()
                outcomes[k] = exc

    # hold one of the shared cases locked so both applies are in flight before either ends
    with session_factory() as blocker:
        blocker.execute(select(Case.id).where(Case.id == ids[3]).with_for_update())
        threads = [threading.Thread(target=run, args=(k,)) for k in (0, 1)]
        for t in threads:
            t.start()
        gate.wait()
        with session_factory() as probe:  # both wait on a row lock now
            for _ in range(200):
                waiting = probe.scalar(
                    text("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                         " AND datname = current_database()")
                )  # fmt: skip
                if waiting and waiting >= 2:
                    break
                threading.Event().wait(0.02)
            assert waiting and waiting >= 2, "both applies should be waiting on the lock"
        blocker.rollback()
        for t in threads:
            t.join(timeout=30)
    winners = [k for k in (0, 1) if not isinstance(outcomes[k], ApiError)]
    losers = [k for k in (0, 1) if isinstance(outcomes[k], ApiError)]
    assert len(winners) == 1 and len(losers) == 1, outcomes
    err = outcomes[losers[0]]
    assert err.status_code == 409 and err.code == "case_moved"
    won = jobs[winners[0]]
    expected = {c: r0.username for c in ids} | {str(m.case_id): m.to_agent for m in won.moves}
    now = holders(session_factory)
    assert {c: now[c] for c in ids} == expected
    with session_factory() as s:
        open_rows = dict(
            s.execute(
                select(CaseAssignment.case_id, func.count())
                .where(CaseAssignment.ended_at.is_(None), CaseAssignment.case_id.in_(ids))
                .group_by(CaseAssignment.case_id)
            ).all()
        )
        assert open_rows == dict.fromkeys(ids, 1)
        assigns = s.scalars(
            select(ChangeLog.case_id).where(
                ChangeLog.kind == "assign", ChangeLog.from_user_id == r0.id
            )
        ).all()
        assert sorted(assigns) == sorted(str(m.case_id) for m in won.moves)
