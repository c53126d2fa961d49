"""Issue #18 point 3: each user's reveals per business day against a threshold that tells
the lead (a `pii.reveal_threshold` audit row, the Reveals report's flag), and the lead's
view of who revealed what (field, masked value and borrower, case) and why. Both backends."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from app.server.models import AuditLog, User
from app.server.settings import Settings
from tests.server.conftest import FAST_ARGON2, SmallBook

Headers = Callable[[User], dict[str, str]]
THRESHOLD = 3
NOTE = "客户来电核对身份"


@pytest.fixture
def settings(db_url: str) -> Settings:
    return Settings(database_url=db_url, reveal_daily_threshold=THRESHOLD, **FAST_ARGON2)  # type: ignore[arg-type]


def _reveal(client: TestClient, h: dict[str, str], case_id: str, **body: str) -> int:
    payload = {"field": "id_number", "reason": "verify_identity", "note": NOTE, **body}
    return client.post(f"/cases/{case_id}/reveal", json=payload, headers=h).status_code


def _threshold_rows(sf: sessionmaker[Session]) -> list[AuditLog]:
    with sf() as s:
        return list(s.scalars(select(AuditLog).where(AuditLog.action == "pii.reveal_threshold")))


def test_passing_the_daily_threshold_tells_the_lead_once(
    client: TestClient,
    small_book: SmallBook,
    auth_headers: Headers,
    session_factory: sessionmaker[Session],
) -> None:
    agent, calm = small_book.agents["team-a"]
    case = small_book.cases[agent.username][0]
    h = auth_headers(agent)
    lead = auth_headers(small_book.leads["team-a"])
    for _ in range(THRESHOLD):
        assert _reveal(client, h, case.case_id) == 200
    assert _threshold_rows(session_factory) == []
    report = client.get("/team/reveals", headers=lead).json()
    assert report["threshold"] == THRESHOLD
    assert [(a["username"], a["today"], a["over_threshold"]) for a in report["agents"]] == [
        (agent.username, THRESHOLD, False)
    ]
    assert _reveal(client, h, case.case_id) == 200  # one past the threshold
    assert _reveal(client, h, case.case_id) == 200
    rows = _threshold_rows(session_factory)
    assert len(rows) == 1  # once a day
    assert rows[0].actor == agent.username and rows[0].entity_id == agent.username
    assert rows[0].details["count"] == THRESHOLD + 1
    assert rows[0].details["threshold"] == THRESHOLD
    # the lead finds it in the audit log, and the report flags the agent
    found = client.get("/audit", params={"action": "pii.reveal_threshold"}, headers=lead).json()
    assert found["total"] == 1
    report = client.get("/team/reveals", headers=lead).json()
    flagged = {a["username"]: a for a in report["agents"]}
    assert flagged[agent.username]["over_threshold"] is True
    assert flagged[agent.username]["today"] == THRESHOLD + 2
    assert calm.username not in flagged
    # yesterday's reveals count for the week, not for today
    with session_factory() as s:
        s.execute(
            update(AuditLog)
            .where(AuditLog.action.startswith("pii."))
            .values(at=datetime.now(UTC) - timedelta(days=1, hours=1))
        )
        s.commit()
    report = client.get("/team/reveals", headers=lead).json()
    assert report["agents"] == [] or report["agents"][0]["today"] == 0
    assert _reveal(client, h, case.case_id) == 200
    assert len(_threshold_rows(session_factory)) == 1  # a new day starts a new count


def test_the_report_says_who_revealed_what_and_why(
    client: TestClient,
    small_book: SmallBook,
    auth_headers: Headers,
) -> None:
    a1 = small_book.agents["team-a"][0]
    b1 = small_book.agents["team-b"][0]
    seeded = small_book.cases[a1.username][0]
    assert _reveal(client, auth_headers(a1), seeded.case_id) == 200
    assert (
        _reveal(
            client,
            auth_headers(a1),
            seeded.case_id,
            field="phone",
            phone_id=seeded.phone_ids[1],
            reason="confirm_contact_number",
        )
        == 200
    )
    theirs = small_book.cases[b1.username][0]
    assert _reveal(client, auth_headers(b1), theirs.case_id, field="bank_card") == 200
    lead = auth_headers(small_book.leads["team-a"])
    report = client.get("/team/reveals", params={"period": "week"}, headers=lead).json()
    assert report["total"] == 2 and report["period"] == "week"
    newest, oldest = report["entries"]
    assert (newest["field"], newest["reason"], newest["note"]) == (
        "phone",
        "confirm_contact_number",
        NOTE,
    )
    assert (oldest["field"], oldest["case_id"], oldest["username"]) == (
        "id_number",
        seeded.case_id,
        a1.username,
    )
    assert "*" in oldest["masked_value"] and "*" in newest["masked_value"]
    assert "*" in oldest["borrower_masked"]
    text = str(report)
    for clear in ("110105199001011234", "13987654321", "6222020200112233445"):
        assert clear not in text
    # a lead sees their team only; naming another team is not found; an admin sees all
    assert client.get("/team/reveals", params={"team": "team-b"}, headers=lead).status_code == 404
    admin = auth_headers(small_book.admin)
    assert client.get("/team/reveals", headers=admin).json()["total"] == 3
    assert (
        client.get("/team/reveals", params={"team": "team-b"}, headers=admin).json()["total"] == 1
    )
    assert client.get("/team/reveals", headers=auth_headers(a1)).status_code == 403
    assert client.get("/team/reveals", params={"period": "year"}, headers=lead).status_code == 422
