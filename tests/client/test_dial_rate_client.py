"""The desk's side of the dial rate (issue #18 point 2): OnlineActions turns the server's
429 into DialRateLimited with when to try again, against the real in-process server."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from app.client.http_client import ApiClient
from app.client.online import DialRateLimited, OnlineActions, PolicyBlocked
from app.server.models import Phone
from app.server.settings import Settings
from tests.client.live import LiveServer
from tests.server.conftest import FAST_ARGON2, TEST_PASSWORD

LIMIT = 3


@pytest.fixture
def settings(db_url: str) -> Settings:
    return Settings(database_url=db_url, dial_rate_limit=LIMIT, **FAST_ARGON2)  # type: ignore[arg-type]


def test_the_desk_is_told_when_to_dial_again(
    live: LiveServer,
    make_user: Any,
    make_case: Any,
    session_factory: sessionmaker[Session],
) -> None:
    agent = make_user("agent", "team-1", username="agent-r")
    case = make_case(agent, dpd=20)
    with session_factory() as s:  # the emergency contact: blocked, still counted
        s.execute(update(Phone).where(Phone.id == case.phone_ids[1]).values(timezone="UTC"))
        s.commit()
    api = ApiClient(live.url)
    api.login(agent.username, TEST_PASSWORD)
    online = OnlineActions(api)
    for _ in range(LIMIT):
        with pytest.raises(PolicyBlocked):
            online.dial(case.case_id, case.phone_ids[1])
    with pytest.raises(DialRateLimited) as err:
        online.dial(case.case_id, case.phone_ids[1])
    assert 1 <= err.value.retry_after_s <= 60
    assert (err.value.limit, err.value.window_s) == (LIMIT, 60)
    assert "try again in" in str(err.value)
