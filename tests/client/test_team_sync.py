"""The team console seen from the agents' desks (real desks against the in-process server):
a rule reassignment reaches both agents' stores at their next sync and they converge; a
plan proposed offline goes through the outbox, the lead approves it through the API, and
the agent's desk shows the outcome after its next sync."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from app.client import outbox
from app.server.models import Case, Plan, User
from tests.client.harness import Desk
from tests.client.live import LiveServer
from tests.server.conftest import TEST_PASSWORD, SeededCase, business_today

pytestmark = pytest.mark.usefixtures("memory_keyring")
SF = sessionmaker[Session]


class Lead:
    """The team lead's calls to the console API (what the desk's team mode will send)."""

    def __init__(self, url: str, username: str) -> None:
        self.url = url
        token = requests.post(
            f"{url}/auth/token",
            json={"username": username, "password": TEST_PASSWORD},
            timeout=10,
        ).json()["access_token"]
        self.h = {"Authorization": f"Bearer {token}"}

    def call(self, method: str, path: str, **kw: Any) -> Any:
        resp = requests.request(method, f"{self.url}{path}", headers=self.h, timeout=30, **kw)
        assert resp.status_code == 200, resp.text
        return resp.json()


def local_case_ids(d: Desk) -> set[str]:
    return {r[0] for r in d.store.connection().execute("SELECT id FROM cases")}


def server_case_ids(sf: SF, user: User) -> set[str]:
    with sf() as s:
        return set(
            s.scalars(
                select(Case.id).where(Case.assigned_to_id == user.id, Case.status != "closed")
            )
        )


def same_as_fresh(d: Desk, tmp_path: Path, name: str) -> None:
    fresh = Desk(d.url, d.username, TEST_PASSWORD, tmp_path / name)
    assert fresh.sync().outcome == "ok"
    mine, theirs = d.snapshot(), fresh.snapshot()
    for table in mine:
        assert mine[table] == theirs[table], table


def test_rule_reassignment_reaches_both_desks(
    live: LiveServer,
    make_user: Callable[..., User],
    make_case: Callable[..., SeededCase],
    session_factory: SF,
    tmp_path: Path,
) -> None:
    lead = make_user("team_lead", "team-s", username="lead-s")
    a = make_user("agent", "team-s", username="agent-s1")
    b = make_user("agent", "team-s", username="agent-s2")
    cases = [make_case(a, dpd=d, borrower_name=f"王{d}").case_id for d in (5, 15, 25, 35, 45, 55)]
    desk_a = Desk(live.url, a.username, TEST_PASSWORD, tmp_path / "a")
    desk_b = Desk(live.url, b.username, TEST_PASSWORD, tmp_path / "b")
    assert desk_a.sync().outcome == "ok" and desk_b.sync().outcome == "ok"
    assert local_case_ids(desk_a) == set(cases) and local_case_ids(desk_b) == set()
    # agent A, offline, writes a note on a case that is about to move
    live.stop()
    desk_a.desk.save_note(cases[0], "客户称下周发工资后还款", "right_party")
    live.start()
    console = Lead(live.url, lead.username)
    preview = console.call(
        "POST", "/team/reassign/preview", json={"balance": "count", "per_bucket": False}
    )
    assert len(preview["moves"]) == 3
    moves = [{k: m[k] for k in ("case_id", "from_agent", "to_agent")} for m in preview["moves"]]
    result = console.call("POST", "/team/reassign/apply", json={"moves": moves, "reason": "均衡"})
    assert result["moved"] == 3
    moved = {m["case_id"] for m in moves}
    assert desk_a.sync().outcome == "ok" and desk_b.sync().outcome == "ok"
    assert local_case_ids(desk_a) == server_case_ids(session_factory, a) == set(cases) - moved
    assert local_case_ids(desk_b) == server_case_ids(session_factory, b) == moved
    assert desk_a.outbox_statuses() == []  # the note was accepted (the work happened)
    # by count the lowest-priority cases move first: the one with the offline note is among them
    assert cases[0] in moved
    notes = desk_b.desk.case_detail(cases[0]).notes
    assert [n.text for n in notes] == ["客户称下周发工资后还款"]
    same_as_fresh(desk_a, tmp_path, "fresh-a")
    same_as_fresh(desk_b, tmp_path, "fresh-b")


def _propose_offline(d: Desk, case_id: str, payload: dict[str, Any]) -> str:
    """What the desk's plan tab does: the local row and its outbox op in one transaction."""
    plan_id = str(uuid.uuid4())
    data = {"id": plan_id, "case_id": case_id, "author": d.username, "status": "draft",
            "down_payment": payload.get("down_payment", 0), "lines": [], **payload}  # fmt: skip
    with d.store.transaction() as tx:
        tx.execute(
            "INSERT INTO plans(id, case_id, at, data, local_state, gen) VALUES (?,?,?,?,"
            " 'pending', 0)",
            (plan_id, case_id, payload["created_at"], json.dumps(data, ensure_ascii=False)),
        )
        outbox.enqueue(tx, kind="plan.propose", case_id=case_id, entity_id=plan_id, payload=payload)
    return plan_id


def test_plan_approval_end_to_end(
    live: LiveServer,
    make_user: Callable[..., User],
    make_case: Callable[..., SeededCase],
    session_factory: SF,
    tmp_path: Path,
) -> None:
    lead = make_user("team_lead", "team-p", username="lead-p")
    agent = make_user("agent", "team-p", username="agent-p")
    case_id = make_case(agent, dpd=40).case_id
    with session_factory() as s:  # a penalty to waive
        s.execute(update(Case).where(Case.id == case_id).values(
            overdue_penalty=20_000, overdue_total=Case.overdue_total + 20_000))  # fmt: skip
        s.commit()
    desk = Desk(live.url, agent.username, TEST_PASSWORD, tmp_path / "p")
    assert desk.sync().outcome == "ok"
    live.stop()
    first = business_today() + timedelta(days=5)
    payload = {"kind": "catch_up", "payments": 4, "frequency": "monthly",
               "first_date": first.isoformat(), "down_payment": 0,
               "waive_penalty": 15_000, "waive_fees": 0, "waive_interest": 0,
               "new_term_months": None,
               "created_at": datetime.now(UTC).isoformat()}  # 75 % of the penalty: beyond an agent  # fmt: skip
    plan_id = _propose_offline(desk, case_id, payload)
    assert desk.sync().outcome == "offline"
    live.start()
    assert desk.sync().outcome == "ok"
    assert desk.outbox_statuses() == []
    [plan] = desk.desk.case_detail(case_id).plans
    assert (plan.id, plan.status, plan.pending) == (plan_id, "pending_approval", False)
    console = Lead(live.url, lead.username)
    queue = console.call("GET", "/team/approvals")
    [item] = queue["items"]
    assert item["plan"]["id"] == plan_id and item["within_your_authority"] is True
    assert [b["code"] for b in item["exceeds"]] == ["authority_penalty"]
    assert item["figures"]["waived_penalty"] == 15_000
    decided = console.call("POST", f"/plans/{plan_id}/approve", json={"reason": "同意，按期跟进"})
    assert decided["status"] == "approved"
    assert desk.sync().outcome == "ok"
    [plan] = desk.desk.case_detail(case_id).plans
    assert (plan.status, plan.approved_by, plan.decision_note) == (
        "approved", lead.username, "同意，按期跟进",
    )  # fmt: skip
    with session_factory() as s:
        stored = s.get(Plan, plan_id)
        assert stored is not None and stored.status == "approved"
    same_as_fresh(desk, tmp_path, "fresh-p")
