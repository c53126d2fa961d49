"""The worklist route writes its page as JSON in one pass: the text must equal what the
validated WorklistPage model writes, for every role and filter shape."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.protocol.desk import WorklistPage
from app.server.models import User
from app.server.services.worklist import WorklistFilter, worklist_page, worklist_page_json
from tests.server.conftest import SmallBook, due_callback

FILTERS = [
    WorklistFilter(),
    WorklistFilter(sort="name", limit=3, offset=1),
    WorklistFilter(sort="dpd", order="asc", buckets=("M2",)),
    WorklistFilter(status="all", search="张"),
    WorklistFilter(search="5678"),
    WorklistFilter(offset=100),
]


def test_worklist_json_equals_the_model(
    client: TestClient,
    small_book: SmallBook,
    auth_headers: Callable[[User], dict[str, str]],
    session_factory: sessionmaker[Session],
) -> None:
    agent = small_book.agents["team-a"][0]
    case_id = small_book.cases[agent.username][0].case_id
    now = datetime.now(UTC)
    cb = {"id": str(uuid.uuid4()), **due_callback(now), "note": "x"}
    resp = client.post(f"/cases/{case_id}/callbacks", json=cb, headers=auth_headers(agent))
    assert resp.status_code == 201, resp.text
    callers = [small_book.admin, small_book.leads["team-a"], agent]
    day_end = now + timedelta(hours=8)
    seen_rows = 0
    with session_factory() as s:
        for user in callers:
            for f in FILTERS:
                fast = worklist_page_json(s, user, f, now=now, day_end=day_end)
                model = worklist_page(s, user, f, now=now, day_end=day_end)
                assert fast == model.model_dump_json().encode(), (user.username, f)
                assert WorklistPage.model_validate_json(fast) == model
                seen_rows += len(model.rows)
    assert seen_rows > 0
    page = client.get("/worklist", headers=auth_headers(agent)).json()
    assert any(r["next_action_kind"] == "callback" for r in page["rows"])
    assert json.dumps(page)  # the route answers the same JSON
