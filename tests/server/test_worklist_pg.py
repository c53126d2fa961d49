"""The PostgreSQL-written worklist page (services/worklist_pg.py) must be the JSON the
validated WorklistPage model writes (same keys in the same order, same values; a UTC instant
may be spelled "+00:00" instead of "Z"), for every role and filter shape, including datetimes
with and without a fraction of a second, flags and null columns."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from app.protocol.desk import WorklistPage
from app.server.db import is_sqlite
from app.server.models import AuthToken, Case, User
from app.server.services.worklist import WorklistFilter, worklist_page
from app.server.services.worklist_pg import worklist_body_pg
from tests.server.conftest import SmallBook, due_callback


def _canonical(raw: bytes) -> Any:
    """The JSON as ordered (key, value) pairs, with `*_at` instants parsed (so "Z" and
    "+00:00" compare equal, and nothing else is forgiven)."""

    def pairs(items: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
        out = []
        for key, value in items:
            if key.endswith("_at") and isinstance(value, str):
                parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
                assert parsed.utcoffset() == timedelta(0), value
                value = parsed
            out.append((key, value))
        return out

    return json.loads(raw, object_pairs_hook=pairs)


FILTERS = [
    WorklistFilter(),
    WorklistFilter(sort="name", limit=3, offset=1),
    WorklistFilter(sort="dpd", order="asc", buckets=("M2",)),
    WorklistFilter(sort="amount", buckets=("M1", "M2")),
    WorklistFilter(status="all", search="张"),
    WorklistFilter(search="5678"),
    WorklistFilter(search='a"\\%_'),
    WorklistFilter(offset=100),
    WorklistFilter(status="closed"),
]


def test_pg_body_equals_the_model(
    client: TestClient,
    small_book: SmallBook,
    auth_headers: Callable[[User], dict[str, str]],
    session_factory: sessionmaker[Session],
    db_url: str,
) -> None:
    if is_sqlite(db_url):
        pytest.skip("PostgreSQL only (set COLLECTION_DESK_TEST_PG_URL)")
    agent = small_book.agents["team-a"][0]
    first, second = (c.case_id for c in small_book.cases[agent.username][:2])
    now = datetime.now(UTC).replace(microsecond=123456)
    cb = {"id": str(uuid.uuid4()), **due_callback(now), "note": "x"}
    resp = client.post(f"/cases/{first}/callbacks", json=cb, headers=auth_headers(agent))
    assert resp.status_code == 201, resp.text
    with session_factory() as s:  # whole seconds, a fraction, flags with quotes
        s.execute(
            update(Case)
            .where(Case.id == second)
            .values(
                last_contact_at=now.replace(microsecond=0) - timedelta(days=1),
                flags=["vip", 'say "hi"', "中文"],
            )
        )
        s.commit()
    callers = [small_book.admin, small_book.leads["team-a"], agent]
    day_end = now + timedelta(hours=8)
    seen_rows = 0
    with session_factory() as s:
        for user in callers:
            for f in FILTERS:
                raw = s.connection().connection.driver_connection
                fast = worklist_body_pg(raw, user, f, now=now, day_end=day_end)
                model = worklist_page(s, user, f, now=now, day_end=day_end)
                assert _canonical(fast) == _canonical(model.model_dump_json().encode()), (
                    user.username,
                    f,
                )
                assert WorklistPage.model_validate_json(fast) == model
                seen_rows += len(model.rows)
    assert seen_rows > 0
    page = client.get("/worklist", headers=auth_headers(agent)).json()
    assert any(r["next_action_kind"] == "callback" for r in page["rows"])
    assert any(r["flags"] == ["vip", 'say "hi"', "中文"] for r in page["rows"])


def test_worklist_token_checked_every_request(
    client: TestClient,
    small_book: SmallBook,
    auth_headers: Callable[[User], dict[str, str]],
    session_factory: sessionmaker[Session],
) -> None:
    """Both backends: a revoked token, an expired one or a disabled user get 401 at once."""
    agent, other = small_book.agents["team-a"][:2]
    h = auth_headers(agent)
    assert client.get("/worklist", headers=h).status_code == 200
    assert client.get("/worklist", headers={"Authorization": "Bearer nope"}).status_code == 401
    assert client.post("/auth/logout", headers=h).status_code == 204
    resp = client.get("/worklist", headers=h)
    assert resp.status_code == 401 and resp.headers["WWW-Authenticate"] == "Bearer"
    h2 = auth_headers(other)
    assert client.get("/worklist", headers=h2).status_code == 200
    with session_factory() as s:
        s.execute(update(User).where(User.id == other.id).values(active=False))
        s.commit()
    assert client.get("/worklist", headers=h2).status_code == 401
    lead = small_book.leads["team-a"]
    hl = auth_headers(lead)
    assert client.get("/worklist", headers=hl).status_code == 200
    with session_factory() as s:
        s.execute(
            update(AuthToken)
            .where(AuthToken.user_id == lead.id)
            .values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
        )
        s.commit()
    assert client.get("/worklist", headers=hl).status_code == 401
