"""Property-based API test: schemathesis generates requests from the OpenAPI document.

Every operation is called (authenticated as the admin, so scope does not hide the paths)
with a bounded number of generated examples, once with random path ids and once with ids of
real objects. No answer may be a 5xx, and every answer must match what the document
declares (status code, content type, body schema).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from sqlalchemy.orm import Session, sessionmaker

from app.server.models import ContactAttempt, Plan, User
from tests.server.conftest import SmallBook, business_today
from tests.server.reviewed_call import reviewed_call

EXAMPLES = 12
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# logging out would revoke the token the rest of the run uses (covered by the auth tests)
SKIP = {("POST", "/auth/logout")}


def _pending_plan(session_factory: sessionmaker[Session], book: SmallBook) -> str:
    seeded = book.cases[book.agents["team-a"][0].username][1]
    with session_factory() as s:
        plan = Plan(
            case_id=seeded.case_id,
            author_id=seeded.agent_id,
            kind="catch_up",
            status="pending_approval",
            payments=3,
            first_date=business_today() + timedelta(days=7),
            inputs={},
            created_at=datetime.now(UTC),
        )
        s.add(plan)
        s.commit()
        return plan.id


def _dialled_attempt(session_factory: sessionmaker[Session], book: SmallBook) -> str:
    """A provisional attempt (a dial with no outcome yet) of the case the run uses."""
    seeded = book.cases[book.agents["team-a"][0].username][0]
    with session_factory() as s:
        attempt = ContactAttempt(
            case_id=seeded.case_id,
            agent_id=seeded.agent_id,
            phone_id=seeded.phone_ids[0],
            channel="outbound_call",
            disposition="no_answer",
            started_at=datetime.now(UTC),
            dial_state="provisional",
        )
        s.add(attempt)
        s.commit()
        return attempt.id


def _reviewed_call(session_factory: sessionmaker[Session], book: SmallBook) -> dict[str, str]:
    """A reviewed call (transcript and one finding) of the case the run uses."""
    seeded = book.cases[book.agents["team-a"][0].username][0]
    transcript, finding = reviewed_call(session_factory, seeded, call_date=datetime.now(UTC).date())
    return {"transcript_id": transcript, "finding_id": str(finding)}


def _run(operation: Any, headers: dict[str, str], path_parameters: dict[str, str] | None) -> None:
    strategy = (
        operation.as_strategy(path_parameters=path_parameters)
        if path_parameters
        else (operation.as_strategy())
    )

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def check(case: Any) -> None:
        case.call_and_validate(headers=headers, checks=CHECKS)

    check()


def test_openapi_conformance(
    app: FastAPI,
    client: TestClient,
    small_book: SmallBook,
    auth_headers: Callable[[User], dict[str, str]],
    session_factory: sessionmaker[Session],
) -> None:
    headers = auth_headers(small_book.admin)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    seeded = small_book.cases[small_book.agents["team-a"][0].username][0]
    real = {
        "case_id": seeded.case_id,
        "plan_id": _pending_plan(session_factory, small_book),
        "username": small_book.agents["team-a"][0].username,
        "attempt_id": _dialled_attempt(session_factory, small_book),
        **_reviewed_call(session_factory, small_book),
    }
    seen = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        if (operation.method.upper(), operation.path) in SKIP:
            continue
        seen += 1
        _run(operation, headers, None)
        names = {p.name for p in operation.path_parameters}
        if names:
            _run(operation, headers, {n: real[n] for n in names})
    assert seen >= 20
