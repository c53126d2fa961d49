"""Penalty during a performing catch-up plan follows the `plan_penalty` setting: "accrue"
(default) runs it as without a plan; "suspend" stops it from the day the plan was made and
charges it again when the plan breaks (issue 14 point 2)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.server.jobs.overdue_run import run_overdue
from app.server.models import Case, User
from app.server.settings import Settings
from tests.server.conftest import SeededCase, business_today

T = business_today()


def _penalty(sf: sessionmaker[Session], case_id: str) -> int:
    with sf() as s:
        case = s.get(Case, case_id)
        assert case is not None
        return case.overdue_penalty


def test_penalty_accrues_or_is_suspended_during_a_performing_catch_up(
    engine: Engine,
    client: TestClient,
    session_factory: sessionmaker[Session],
    make_user: Callable[..., User],
    make_case: Callable[..., SeededCase],
    auth_headers: Callable[[User], dict[str, str]],
) -> None:
    assert Settings().plan_penalty == "accrue"  # the documented default
    sf = session_factory
    agent = make_user("agent", username="agent-penalty")
    h = auth_headers(agent)
    accrue, suspend = make_case(agent, dpd=35), make_case(agent, dpd=35)

    run_overdue(engine, business_date=T)
    at_plan = _penalty(sf, accrue.case_id)
    assert at_plan == _penalty(sf, suspend.case_id) > 0
    for seeded in (accrue, suspend):
        resp = client.post(
            f"/cases/{seeded.case_id}/plans",
            json={
                "id": str(uuid.uuid4()),
                "kind": "catch_up",
                "payments": 3,
                "first_date": (T + timedelta(days=10)).isoformat(),
                "created_at": datetime.now(UTC).isoformat(),
            },
            headers=h,
        )
        assert resp.status_code == 201 and resp.json()["status"] == "approved", resp.text

    day = T + timedelta(days=8)  # the plan performs (its first payment is not due yet)
    run_overdue(engine, business_date=day, plan_penalty="accrue")
    accrued = _penalty(sf, accrue.case_id)
    run_overdue(engine, business_date=day, plan_penalty="suspend")
    suspended = _penalty(sf, suspend.case_id)
    assert accrued > at_plan  # eight more days of penalty
    assert suspended == at_plan  # nothing since the plan was made
    # idempotent under the setting
    again = run_overdue(engine, business_date=day, plan_penalty="suspend")
    assert again.changes_recorded == 0 and _penalty(sf, suspend.case_id) == at_plan

    # the plan breaks (first payment due T+10 missed, 3 days' grace): penalty runs again,
    # the suspended days included, as if there had been no plan
    late = T + timedelta(days=15)
    run_overdue(engine, business_date=late, plan_penalty="suspend")
    assert _penalty(sf, suspend.case_id) == _penalty(sf, accrue.case_id) > accrued
