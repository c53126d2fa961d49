"""Issue 16 point 1 on the server: the next action follows the case's live facts.

A promise broken (judged by the real daily run) puts the case on top; what the agent does
next — a new promise, a callback, a flag — replaces it everywhere the server shows it: the
agent's worklist row, the lead's team worklist and the per-agent broken-promise counts, and
the stored priority's tier. A payment that makes the promise good clears it at the next
daily run. Runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.domain.priority import TIER_SPAN, TIERS
from app.server.jobs.overdue_run import run_overdue
from app.server.models import Case, Payment, Promise, User
from tests.server.conftest import SmallBook, business_today, later_callback
from tests.server.sync_helpers import push

Headers = Callable[[User], dict[str, str]]
SHANGHAI = ZoneInfo("Asia/Shanghai")


def _op(kind: str, case_id: str, payload: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "op_id": str(uuid.uuid4()),
        "kind": kind,
        "case_id": case_id,
        "entity_id": str(uuid.uuid4()),
        "payload": payload,
        **extra,
    }


def _break_a_promise(sf: sessionmaker[Session], engine: Any, case_id: str, agent: User) -> date:
    """A promise made 10 days ago for 8 days ago, never paid; the daily run judges it."""
    today = business_today()
    with sf() as s:
        s.add(
            Promise(
                case_id=case_id,
                agent_id=agent.id,
                amount=300_000,
                promised_on=today - timedelta(days=8),
                status="pending",
                created_at=datetime.combine(today - timedelta(days=10), time(10), SHANGHAI),
            )
        )
        s.commit()
    run_overdue(engine, business_date=today)
    return today


def _views(
    client: TestClient, headers: Headers, agent: User, lead: User, case_id: str
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    rows = client.get("/worklist", params={"limit": 200}, headers=headers(agent)).json()["rows"]
    mine = next(r for r in rows if r["case_id"] == case_id)
    team = client.get("/team/cases", params={"limit": 200}, headers=headers(lead)).json()
    theirs = next(r for r in team["rows"] if r["case_id"] == case_id)
    load = client.get("/team/agents", headers=headers(lead)).json()["agents"]
    return mine, theirs, next(a for a in load if a["username"] == agent.username)


def _tier(sf: sessionmaker[Session], case_id: str) -> int:
    with sf() as s:
        case = s.get(Case, case_id)
        assert case is not None
        return case.priority // TIER_SPAN


def test_a_new_promise_after_a_broken_one_replaces_it_everywhere(
    client: TestClient,
    small_book: SmallBook,
    auth_headers: Headers,
    session_factory: sessionmaker[Session],
    engine: Any,
) -> None:
    agent, lead = small_book.agents["team-a"][0], small_book.leads["team-a"]
    case_id = small_book.cases[agent.username][0].case_id
    today = _break_a_promise(session_factory, engine, case_id, agent)
    mine, theirs, load = _views(client, auth_headers, agent, lead, case_id)
    assert mine["next_action_kind"] == theirs["next_action_kind"] == "broken_promise"
    assert theirs["promise_status"] == "broken" and load["broken_promises"] == 1
    assert _tier(session_factory, case_id) == TIERS["broken_promise"]

    promised_on = today + timedelta(days=5)
    op = _op(
        "promise.create",
        case_id,
        {
            "amount": 300_000,
            "promised_on": promised_on.isoformat(),
            "created_at": datetime.now(UTC).isoformat(),
        },
    )
    assert push(client, auth_headers(agent), op)[0]["status"] == "applied"

    mine, theirs, load = _views(client, auth_headers, agent, lead, case_id)
    due = datetime.combine(promised_on, time(9), SHANGHAI)
    for row in (mine, theirs):
        assert row["next_action_kind"] == "promise_due"
        assert datetime.fromisoformat(row["next_action_at"]) == due
    assert theirs["promise_status"] == "pending" and theirs["promise_amount"] == 300_000
    assert load["broken_promises"] == 0
    assert _tier(session_factory, case_id) == TIERS["promise_due"]
    # the next daily run keeps it so (the broken promise is not brought back)
    run_overdue(engine, business_date=today)
    assert _views(client, auth_headers, agent, lead, case_id)[0]["next_action_kind"] == (
        "promise_due"
    )


def test_a_callback_after_the_break_and_a_flag_replace_it(
    client: TestClient,
    small_book: SmallBook,
    auth_headers: Headers,
    session_factory: sessionmaker[Session],
    engine: Any,
) -> None:
    agent, lead = small_book.agents["team-a"][0], small_book.leads["team-a"]
    seeded = small_book.cases[agent.username][0]
    _break_a_promise(session_factory, engine, seeded.case_id, agent)
    when = later_callback(days=2)
    op = _op(
        "callback.create",
        seeded.case_id,
        {"due_at": when.isoformat(), "created_at": datetime.now(UTC).isoformat()},
    )
    assert push(client, auth_headers(agent), op)[0]["status"] == "applied"
    mine, theirs, load = _views(client, auth_headers, agent, lead, seeded.case_id)
    assert mine["next_action_kind"] == theirs["next_action_kind"] == "callback"
    assert datetime.fromisoformat(mine["next_action_at"]) == when
    assert load["broken_promises"] == 0

    # a dispute flag stops dialing: no next action
    with session_factory() as s:
        case = s.get(Case, seeded.case_id)
        assert case is not None
        version = case.version
    edit = _op("case.update", seeded.case_id, {"flags": ["dispute"]}, base_version=version)
    edit["entity_id"] = seeded.case_id
    assert push(client, auth_headers(agent), edit)[0]["status"] == "applied"
    assert _views(client, auth_headers, agent, lead, seeded.case_id)[0]["next_action_kind"] == (
        "none"
    )


def test_a_payment_that_makes_the_promise_good_clears_it_at_the_daily_run(
    client: TestClient,
    small_book: SmallBook,
    auth_headers: Headers,
    session_factory: sessionmaker[Session],
    engine: Any,
) -> None:
    agent, lead = small_book.agents["team-a"][0], small_book.leads["team-a"]
    seeded = small_book.cases[agent.username][0]
    today = _break_a_promise(session_factory, engine, seeded.case_id, agent)
    with session_factory() as s:
        s.add(Payment(loan_id=seeded.loan_id, paid_on=today, amount=300_000))
        s.commit()
    run_overdue(engine, business_date=today)
    mine, theirs, load = _views(client, auth_headers, agent, lead, seeded.case_id)
    assert mine["next_action_kind"] == theirs["next_action_kind"] == "none"
    assert load["broken_promises"] == 0
