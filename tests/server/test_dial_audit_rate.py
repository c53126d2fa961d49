"""Issue #18 point 2: every dial request is audited, refused ones included, and an agent's
dial requests are rate-limited (a sliding window kept in the database, so several workers
share it) with a 429 in the one error shape and Retry-After. SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session, sessionmaker

from app.server.app_factory import create_app
from app.server.models import AuditLog, Phone, User
from app.server.settings import Settings
from tests.server.conftest import FAST_ARGON2, SmallBook

Headers = Callable[[User], dict[str, str]]
LIMIT = 5


@pytest.fixture
def settings(db_url: str) -> Settings:
    return Settings(database_url=db_url, dial_rate_limit=LIMIT, **FAST_ARGON2)  # type: ignore[arg-type]


def _day_zone() -> str:
    """A fixed-offset zone where it is day time now (the contact policy allows a call)."""
    return next(
        f"Etc/GMT{'-' if o >= 0 else '+'}{abs(o)}"
        for o in range(-12, 15)
        if 10 <= (datetime.now(UTC).hour + o) % 24 < 20
    )


def _daytime(sf: sessionmaker[Session], phone_id: str) -> None:
    with sf() as s:
        s.execute(update(Phone).where(Phone.id == phone_id).values(timezone=_day_zone()))
        s.commit()


def _rows(sf: sessionmaker[Session], actor: User) -> list[AuditLog]:
    with sf() as s:
        return list(
            s.scalars(
                select(AuditLog)
                .where(AuditLog.actor_id == actor.id, AuditLog.action.startswith("contact."))
                .order_by(AuditLog.id)
            )
        )


def test_refused_dials_are_audited(
    client: TestClient,
    small_book: SmallBook,
    auth_headers: Headers,
    session_factory: sessionmaker[Session],
) -> None:
    agent = small_book.agents["team-a"][0]
    case = small_book.cases[agent.username][0]
    other = small_book.cases[small_book.agents["team-b"][0].username][0]
    h = auth_headers(agent)
    url = f"/cases/{case.case_id}/dial"
    # 409: an emergency contact needs "debtor unreachable" first
    blocked = client.post(url, json={"phone_id": case.phone_ids[1]}, headers=h)
    assert blocked.status_code == 409
    # 403: an agent's override
    body = {"phone_id": case.phone_ids[1], "override_reason": "borrower asked for it"}
    assert client.post(url, json=body, headers=h).status_code == 403
    # 404: a phone of another case, a case out of scope
    assert client.post(url, json={"phone_id": other.phone_ids[0]}, headers=h).status_code == 404
    r = client.post(
        f"/cases/{other.case_id}/dial", json={"phone_id": other.phone_ids[0]}, headers=h
    )
    assert r.status_code == 404
    rows = _rows(session_factory, agent)
    assert [(r.action, r.details["status"], r.details["code"]) for r in rows] == [
        ("contact.dial_refused", 409, "policy_blocked"),
        ("contact.dial_refused", 403, "forbidden"),
        ("contact.dial_refused", 404, "not_found"),
        ("contact.dial_refused", 404, "not_found"),
    ]
    assert "third_party_requires_unreachable" in rows[0].details["reasons"]
    assert rows[1].details["override_reason"] == "borrower asked for it"
    assert [(r.entity, r.entity_id, r.details["case_id"]) for r in rows] == [
        ("phone", case.phone_ids[1], case.case_id),
        ("phone", case.phone_ids[1], case.case_id),
        ("phone", other.phone_ids[0], case.case_id),
        ("phone", other.phone_ids[0], other.case_id),
    ]
    # the lead finds them in the audit search, by case too
    lead = auth_headers(small_book.leads["team-a"])
    found = client.get(
        "/audit", params={"action": "contact.dial_refused", "case_id": other.case_id}, headers=lead
    ).json()
    assert found["total"] == 1
    for r in rows:  # the clear number never goes into the audit log
        assert all(n not in str(r.details) for n in ("13987654321", "138"))


def test_the_dial_after_the_limit_is_429_with_retry_after(
    client: TestClient,
    small_book: SmallBook,
    auth_headers: Headers,
    session_factory: sessionmaker[Session],
) -> None:
    agent, neighbour = small_book.agents["team-a"]
    case = small_book.cases[agent.username][0]
    _daytime(session_factory, case.phone_ids[0])
    url = f"/cases/{case.case_id}/dial"
    h = auth_headers(agent)
    # refused requests count too: LIMIT - 1 allowed and one blocked
    for _ in range(LIMIT - 1):
        assert client.post(url, json={"phone_id": case.phone_ids[0]}, headers=h).status_code == 200
    assert client.post(url, json={"phone_id": case.phone_ids[1]}, headers=h).status_code == 409
    over = client.post(url, json={"phone_id": case.phone_ids[0]}, headers=h)
    assert over.status_code == 429, over.text
    err = over.json()["error"]
    assert err["code"] == "dial_rate_limited" and set(over.json()) == {"error"}
    retry = int(over.headers["Retry-After"])
    assert 1 <= retry <= 60 and err["details"]["retry_after_s"] == retry
    assert err["details"]["limit"] == LIMIT and "number" not in over.text
    # audited, and not counted: the count stays LIMIT
    actions = [r.action for r in _rows(session_factory, agent)]
    assert actions.count("contact.dial_rate_limited") == 1
    assert len(actions) == LIMIT + 1
    # the limit is per agent: a neighbour dials their own case
    theirs = small_book.cases[neighbour.username][0]
    _daytime(session_factory, theirs.phone_ids[0])
    r = client.post(
        f"/cases/{theirs.case_id}/dial",
        json={"phone_id": theirs.phone_ids[0]},
        headers=auth_headers(neighbour),
    )
    assert r.status_code == 200
    # the window moves: once the dials are older than a minute the agent dials again
    with session_factory() as s:
        s.execute(
            update(AuditLog)
            .where(AuditLog.actor_id == agent.id)
            .values(at=datetime.now(UTC) - timedelta(seconds=61))
        )
        s.commit()
    assert client.post(url, json={"phone_id": case.phone_ids[0]}, headers=h).status_code == 200


def test_two_workers_share_the_count(
    settings: Settings,
    engine: Engine,
    small_book: SmallBook,
    session_factory: sessionmaker[Session],
) -> None:
    """Two apps (two workers' worth of process memory) on one database, requests sent
    concurrently from threads to both: exactly LIMIT get past the rate."""
    agent = small_book.agents["team-a"][0]
    case = small_book.cases[agent.username][0]
    _daytime(session_factory, case.phone_ids[0])
    statuses: list[int] = []
    lock = threading.Lock()
    with (
        TestClient(create_app(settings, engine=engine)) as one,
        TestClient(create_app(settings, engine=engine)) as two,
    ):
        token = one.post(
            "/auth/token",
            json={"username": agent.username, "password": agent.clear_password},  # type: ignore[attr-defined]
        ).json()["access_token"]
        h = {"Authorization": f"Bearer {token}"}

        def hammer(client: TestClient) -> None:
            for _ in range(3):
                r = client.post(
                    f"/cases/{case.case_id}/dial", json={"phone_id": case.phone_ids[0]}, headers=h
                )
                with lock:
                    statuses.append(r.status_code)

        threads = [threading.Thread(target=hammer, args=(c,)) for c in (one, two, one, two)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert sorted(statuses) == [200] * LIMIT + [429] * (12 - LIMIT)
    actions = [r.action for r in _rows(session_factory, agent)]
    assert actions.count("contact.dial") == LIMIT
    assert actions.count("contact.dial_rate_limited") == 12 - LIMIT


def test_default_settings(db_url: str) -> None:
    s: Any = Settings(database_url=db_url)
    assert s.dial_rate_limit == 30 and s.dial_rate_window_s == 60
    with pytest.raises(ValueError):
        Settings(database_url=db_url, dial_rate_limit=0)
