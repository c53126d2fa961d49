"""Write scope bounded in time (issue #18 point 1; DESIGN.md §4 Conflicts), the whole class:
every kind of write (note, contact, promise, callback, plan) x who writes (the holder now; a
former holder within the grace period, outside it, or with a fact made after the hand-over;
an agent who never held the case; the lead of the team holding it now, of a team that once
held it, of a team that never did) x both channels (`POST /sync/push` and the REST record
routes) x both backends.

The case starts with `old` (team-old) and was handed over to `new` (team-new); the history
is moved back in time to put the hand-over 1 hour or 10 days (grace: 7) ago, after `old` held
the case for a day.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from app.server.app_factory import create_app
from app.server.models import (
    AuditLog,
    Callback,
    Case,
    CaseAssignment,
    ContactAttempt,
    Note,
    Plan,
    Promise,
    User,
)
from app.server.services.assignment import assign_case
from app.server.settings import Settings
from tests.server.conftest import TEST_PASSWORD, SeededCase

KINDS = ("note", "contact", "promise", "callback", "plan")
_SHANGHAI = ZoneInfo("Asia/Shanghai")
_FACTS = ("note", "contact", "promise", "callback")


def _all(outcome: str) -> dict[str, str]:
    return dict.fromkeys(KINDS, outcome)


def _facts(outcome: str, plan: str) -> dict[str, str]:
    return {**dict.fromkeys(_FACTS, outcome), "plan": plan}


@dataclass(frozen=True)
class Relation:
    """Who writes, when the hand-over was, when the facts were made, and what must happen."""

    writer: str  # a key of World.users
    handover_ago: timedelta
    made: str  # "now" | "before_handover"
    expected: dict[str, str]


HOUR, TEN_DAYS = timedelta(hours=1), timedelta(days=10)
RELATIONS = {
    "agent_holder_now": Relation("new", HOUR, "now", _all("ok")),
    "agent_former_within_grace": Relation(
        "old", HOUR, "before_handover", _facts("ok", "plan_not_holder")
    ),
    "agent_former_outside_grace": Relation(
        "old", TEN_DAYS, "before_handover", _facts("handover_grace_expired", "plan_not_holder")
    ),
    "agent_former_made_after_handover": Relation(
        "old", HOUR, "now", _facts("case_not_held", "plan_not_holder")
    ),
    "agent_never_held": Relation("stranger", HOUR, "now", _all("not_found")),
    "lead_current_team": Relation("lead_new", HOUR, "now", _all("ok")),
    "lead_former_team": Relation(
        "lead_old", HOUR, "before_handover", _facts("case_not_held", "plan_not_holder")
    ),
    "lead_never_held": Relation("lead_other", HOUR, "now", _all("not_found")),
}

_MODELS: dict[str, Any] = {
    "note": Note,
    "contact": ContactAttempt,
    "promise": Promise,
    "callback": Callback,
    "plan": Plan,
}
_OP = {
    "note": "note.create",
    "contact": "contact.create",
    "promise": "promise.create",
    "callback": "callback.create",
    "plan": "plan.propose",
}
_ROUTE = {
    "note": "notes",
    "contact": "contacts",
    "promise": "promises",
    "callback": "callbacks",
    "plan": "plans",
}


@dataclass
class World:
    case: SeededCase
    users: dict[str, User]
    handover_at: datetime


def _build(
    make_user: Callable[..., User],
    make_case: Callable[..., SeededCase],
    session_factory: sessionmaker[Session],
    handover_ago: timedelta,
) -> World:
    users = {
        "old": make_user("agent", "team-old", username="old"),
        "new": make_user("agent", "team-new", username="new"),
        "stranger": make_user("agent", "team-new", username="stranger"),
        "lead_old": make_user("team_lead", "team-old", username="lead-old"),
        "lead_new": make_user("team_lead", "team-new", username="lead-new"),
        "lead_other": make_user("team_lead", "team-other", username="lead-other"),
    }
    seeded = make_case(users["old"])
    with session_factory() as s:
        case = s.get(Case, seeded.case_id)
        assert case is not None
        assign_case(s, case, to_user=users["new"])  # the real hand-over
        s.commit()
        # move the history back: the hand-over was `handover_ago` ago
        rows = s.scalars(
            select(CaseAssignment).where(CaseAssignment.case_id == seeded.case_id)
        ).all()
        for row in rows:
            row.assigned_at -= handover_ago
            if row.ended_at is not None:  # `old` held it for a day before the hand-over
                row.ended_at -= handover_ago
                row.assigned_at = row.ended_at - timedelta(days=1)
        assert case.assigned_at is not None
        case.assigned_at -= handover_ago
        s.commit()
        ended = s.scalar(
            select(CaseAssignment.ended_at).where(
                CaseAssignment.case_id == seeded.case_id,
                CaseAssignment.user_id == users["old"].id,
            )
        )
    assert ended is not None
    return World(seeded, users, ended)


def _payload(kind: str, made_at: datetime, seeded: SeededCase) -> dict[str, Any]:
    """A valid body of `kind`, made at `made_at` (dates relative to that moment)."""
    day = made_at.astimezone(_SHANGHAI).date()
    if kind == "note":
        return {"text": "客户说下周还款", "created_at": made_at.isoformat()}
    if kind == "contact":
        return {
            "phone_id": seeded.phone_ids[0],
            "channel": "outbound_call",
            "disposition": "no_answer",
            "started_at": made_at.isoformat(),
        }
    if kind == "promise":
        return {
            "amount": 10_000,
            "promised_on": (day + timedelta(days=3)).isoformat(),
            "created_at": made_at.isoformat(),
        }
    if kind == "callback":
        due = datetime.combine(day + timedelta(days=2), time(10), _SHANGHAI)
        return {"due_at": due.isoformat(), "created_at": made_at.isoformat()}
    return {
        "kind": "catch_up",
        "payments": 3,
        "first_date": (day + timedelta(days=7)).isoformat(),
        "created_at": made_at.isoformat(),
    }


def _write_sync(client: TestClient, headers: dict[str, str], case_id: str, kind: str,
                eid: str, payload: dict[str, Any]) -> str:  # fmt: skip
    op = {
        "op_id": str(uuid.uuid4()),
        "kind": _OP[kind],
        "case_id": case_id,
        "entity_id": eid,
        "payload": payload,
    }
    resp = client.post("/sync/push", json={"ops": [op]}, headers=headers)
    assert resp.status_code == 200, resp.text
    res = resp.json()["results"][0]
    return "ok" if res["status"] == "applied" else str(res["code"])


_REST_STATUS = {"ok": 201, "not_found": 404}


def _write_rest(client: TestClient, headers: dict[str, str], case_id: str, kind: str,
                eid: str, payload: dict[str, Any]) -> str:  # fmt: skip
    resp = client.post(
        f"/cases/{case_id}/{_ROUTE[kind]}", json={"id": eid, **payload}, headers=headers
    )
    outcome = "ok" if resp.status_code == 201 else resp.json()["error"]["code"]
    # the status goes with the code: 201 recorded, 404 never held, 403 held but refused now
    if resp.status_code != _REST_STATUS.get(outcome, 403):
        return f"{outcome} ({resp.status_code})"
    return str(outcome)


@pytest.mark.parametrize("relation", list(RELATIONS))
@pytest.mark.parametrize("channel", ["sync", "rest"])
def test_write_scope_matrix(
    channel: str,
    relation: str,
    client: TestClient,
    make_user: Callable[..., User],
    make_case: Callable[..., SeededCase],
    auth_headers: Callable[[User], dict[str, str]],
    session_factory: sessionmaker[Session],
) -> None:
    rel = RELATIONS[relation]
    world = _build(make_user, make_case, session_factory, rel.handover_ago)
    writer = world.users[rel.writer]
    made_at = (
        world.handover_at - timedelta(minutes=30)
        if rel.made == "before_handover"
        else datetime.now(UTC)
    )
    write = _write_sync if channel == "sync" else _write_rest
    case_id = world.case.case_id
    ids = {kind: str(uuid.uuid4()) for kind in KINDS}
    observed = {
        kind: write(
            client,
            auth_headers(writer),
            case_id,
            kind,
            ids[kind],
            _payload(kind, made_at, world.case),
        )
        for kind in KINDS
    }
    assert observed == rel.expected, f"{channel} {relation}: observed {observed}"
    # what was accepted is stored, what was refused is not; every refusal of a case the
    # writer knew is audited (ids and codes only)
    with session_factory() as s:
        stored = {k: s.get(_MODELS[k], ids[k]) is not None for k in KINDS}
        refusals = list(
            s.scalars(
                select(AuditLog.details).where(
                    AuditLog.action == "write.refused", AuditLog.actor_id == writer.id
                )
            )
        )
    audited = sorted(d["code"] for d in refusals)
    assert all(set(d) == {"kind", "code"} for d in refusals)
    assert stored == {k: v == "ok" for k, v in rel.expected.items()}
    assert audited == sorted(v for v in rel.expected.values() if v not in ("ok", "not_found"))


def test_a_fact_made_before_the_holding_began_is_refused(
    client: TestClient,
    make_user: Callable[..., User],
    make_case: Callable[..., SeededCase],
    auth_headers: Callable[[User], dict[str, str]],
    session_factory: sessionmaker[Session],
) -> None:
    """The holding bounds the fact on both sides (give or take the 5-minute clock skew)."""
    world = _build(make_user, make_case, session_factory, HOUR)
    with session_factory() as s:
        began = s.scalar(
            select(func.min(CaseAssignment.assigned_at)).where(
                CaseAssignment.case_id == world.case.case_id
            )
        )
    assert began is not None
    headers = auth_headers(world.users["old"])
    for offset, expected in (
        (timedelta(minutes=-10), "case_not_held"),
        (timedelta(minutes=-4), "ok"),  # within the skew allowance
    ):
        body = _payload("note", began + offset, world.case)
        got = _write_sync(client, headers, world.case.case_id, "note", str(uuid.uuid4()), body)
        assert got == expected, offset
    # and after the hand-over: 4 minutes late is skew, 10 minutes is not
    for offset, expected in (
        (timedelta(minutes=4), "ok"),
        (timedelta(minutes=10), "case_not_held"),
    ):
        body = _payload("note", world.handover_at + offset, world.case)
        got = _write_sync(client, headers, world.case.case_id, "note", str(uuid.uuid4()), body)
        assert got == expected, offset


def test_the_grace_period_is_a_setting(
    settings: Settings,
    engine: Engine,
    make_user: Callable[..., User],
    make_case: Callable[..., SeededCase],
    session_factory: sessionmaker[Session],
) -> None:
    """The same late note (made during the holding, the hand-over 1 hour ago) is accepted
    with the default 7 days and refused when the grace period is 0 days; negative or
    absurd settings do not start."""
    world = _build(make_user, make_case, session_factory, HOUR)
    body = _payload("note", world.handover_at - timedelta(minutes=30), world.case)
    outcomes = []
    for grace in (7, 0):
        app = create_app(settings.model_copy(update={"handover_grace_days": grace}), engine=engine)
        with TestClient(app) as client:
            token = client.post(
                "/auth/token", json={"username": "old", "password": TEST_PASSWORD}
            ).json()["access_token"]
            headers = {"Authorization": f"Bearer {token}"}
            outcomes.append(
                _write_sync(client, headers, world.case.case_id, "note", str(uuid.uuid4()), body)
            )
    assert outcomes == ["ok", "handover_grace_expired"]
    for bad in ({"handover_grace_days": -1}, {"handover_clock_skew_s": -5}):
        with pytest.raises(ValidationError):
            Settings(**bad)  # type: ignore[arg-type]
