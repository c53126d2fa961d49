"""Fixtures: an agent with five cases on the live server and a desk that synced them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.client.live import LiveServer
from tests.server.conftest import TEST_PASSWORD


@pytest.fixture
def agent(make_user: Callable[..., Any]) -> Any:
    return make_user("agent", "team-1", username="agent-w")


@pytest.fixture
def cases(agent: Any, make_case: Callable[..., Any]) -> list[str]:
    return [make_case(agent, dpd=d, borrower_name=f"张{d}").case_id for d in (5, 20, 35, 50, 95)]


@pytest.fixture
def desk(
    live: LiveServer, agent: Any, cases: list[str], tmp_path: Path, memory_keyring: Any
) -> Any:
    from tests.client.harness import Desk

    d = Desk(live.url, agent.username, TEST_PASSWORD, tmp_path / "desk", push_batch=2)
    report = d.sync()
    assert report.outcome == "ok", report.summary()
    return d
