"""A team for the team console's UI tests, on the real in-process server: a lead, three
agents (cases 6 / 3 / 1), an admin, another team; promises, today's calls and a plan awaiting
approval made through the real API. `lead_api` is the lead's TeamApi."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import requests
from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from app.client.session import Session as DeskSession
from app.client.team_api import TeamApi
from app.server.models import Case, ContactAttempt, Promise, User
from tests.client.live import LiveServer
from tests.server.conftest import TEST_PASSWORD, SeededCase, business_today

NOW = datetime.now(UTC)


@dataclass
class TeamBook:
    lead: User
    admin: User
    agents: dict[str, User]  # agent-a, agent-b, agent-c (team-1)
    stranger: User  # an agent of team-2
    cases: dict[str, list[SeededCase]]  # by username
    plan_id: str  # pending approval, within the lead's authority (on agent-a's first case)

    def names(self) -> dict[str, str]:
        return {c.case_id: str(c.extra.get("name", "")) for cs in self.cases.values() for c in cs}


def token(url: str, username: str) -> dict[str, str]:
    answer = requests.post(
        f"{url}/auth/token", json={"username": username, "password": TEST_PASSWORD}, timeout=10
    )
    answer.raise_for_status()
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


def propose(url: str, agent: str, case_id: str, **terms: Any) -> dict[str, Any]:
    """A plan proposed by `agent` through POST /cases/{id}/plans (the server decides)."""
    first = business_today() + timedelta(days=5)
    body = {"id": str(uuid.uuid4()), "kind": "catch_up", "payments": 3,
            "first_date": first.isoformat(), "created_at": NOW.isoformat(), **terms}  # fmt: skip
    resp = requests.post(
        f"{url}/cases/{case_id}/plans", json=body, headers=token(url, agent), timeout=10
    )
    assert resp.status_code in (200, 201), resp.text
    return dict(resp.json())


@pytest.fixture
def team_book(
    live: LiveServer,
    make_user: Callable[..., User],
    make_case: Callable[..., SeededCase],
    session_factory: sessionmaker[Session],
) -> TeamBook:
    lead = make_user("team_lead", "team-1", username="lead-t", display_name="王组长")
    admin = make_user("admin", None, username="admin-t", display_name="管理员")
    agents = {
        "agent-a": make_user("agent", "team-1", username="agent-a", display_name="张敏"),
        "agent-b": make_user("agent", "team-1", username="agent-b", display_name="李强"),
        "agent-c": make_user("agent", "team-1", username="agent-c", display_name="刘洋"),
    }
    stranger = make_user("agent", "team-2", username="agent-x", display_name="外队")
    surnames = "赵钱孙李周吴郑王冯陈褚卫"
    cases: dict[str, list[SeededCase]] = {}
    k = 0
    for username, dpds in (
        ("agent-a", (5, 12, 20, 35, 50, 95)),
        ("agent-b", (8, 40, 70)),
        ("agent-c", (15,)),
        ("agent-x", (25, 33)),
    ):
        user = agents.get(username, stranger)
        cases[username] = []
        for dpd in dpds:
            name = f"{surnames[k % len(surnames)]}{dpd}号"
            k += 1
            seeded = make_case(user, dpd=dpd, borrower_name=name)
            seeded.extra["name"] = name
            cases[username].append(seeded)
    a_first = cases["agent-a"][0]
    with session_factory() as s:
        s.execute(update(Case).where(Case.id == a_first.case_id).values(
            overdue_penalty=20_000, overdue_total=Case.overdue_total + 20_000))  # fmt: skip
        a, b = agents["agent-a"], agents["agent-b"]
        today = business_today()
        s.add_all(
            [
                Promise(case_id=cases["agent-a"][1].case_id, agent_id=a.id, amount=50_000,
                        status="pending", promised_on=today + timedelta(days=2),
                        created_at=NOW - timedelta(hours=1)),
                Promise(case_id=cases["agent-b"][0].case_id, agent_id=b.id, amount=30_000,
                        status="broken", promised_on=today - timedelta(days=3),
                        created_at=NOW - timedelta(days=5)),
            ]
        )  # fmt: skip
        for i, (user, seeded, disposition) in enumerate(
            (
                (a, cases["agent-a"][1], "right_party"),
                (a, cases["agent-a"][2], "no_answer"),
                (b, cases["agent-b"][0], "right_party"),
                (b, cases["agent-b"][1], "busy"),
            )
        ):
            s.add(ContactAttempt(case_id=seeded.case_id, agent_id=user.id,
                                 channel="outbound_call", disposition=disposition,
                                 started_at=NOW - timedelta(minutes=5 + i),
                                 phone_id=seeded.phone_ids[0]))  # fmt: skip
        s.commit()
    # 75 % of the penalty waived: beyond an agent (50 %), within a lead (100 %)
    plan = propose(live.url, "agent-a", a_first.case_id, waive_penalty=15_000)
    assert plan["status"] == "pending_approval", plan
    return TeamBook(lead, admin, agents, stranger, cases, str(plan["id"]))


def api_for(url: str, username: str) -> TeamApi:
    session = DeskSession(url, username, timeout=10)
    session.api.backoff.base = 0.0
    session.login(TEST_PASSWORD)
    return TeamApi(session.api)


@pytest.fixture
def lead_api(live: LiveServer, team_book: TeamBook, memory_keyring: Any) -> TeamApi:
    return api_for(live.url, team_book.lead.username)
