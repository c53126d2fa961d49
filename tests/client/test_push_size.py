"""The desk keeps its pushes under the server's byte cap: a big outbox is sent in batches
small enough (and a 413 splits the batch), so long notes written offline all arrive."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from app.client import sync_engine
from app.server.app_factory import create_app
from app.server.models import Note
from app.server.settings import Settings
from tests.client.harness import Desk
from tests.client.live import LiveServer
from tests.server.conftest import TEST_PASSWORD

SERVER_CAP = 200 * 1024


@pytest.fixture
def capped_live(settings: Settings, engine: Engine) -> Iterator[LiveServer]:
    app = create_app(settings.model_copy(update={"push_max_body_bytes": SERVER_CAP}), engine=engine)
    server = LiveServer(app).start()
    yield server
    server.stop()


@pytest.mark.usefixtures("memory_keyring")
def test_long_notes_written_offline_all_arrive_under_the_cap(
    capped_live: LiveServer,
    make_user: Callable[..., Any],
    make_case: Callable[..., Any],
    session_factory: sessionmaker[Session],
    tmp_path: Path,
) -> None:
    agent = make_user("agent", "team-1", username="agent-long")
    case_id = make_case(agent).case_id
    desk = Desk(capped_live.url, agent.username, TEST_PASSWORD, tmp_path / "d", push_batch=200)
    assert desk.sync().outcome == "ok"
    text = "客户说下周一定还款，" * 900  # 9,000 characters: ~54 KB as JSON on the wire
    for i in range(60):  # ~3.2 MB of ops: over the desk's own target and the server's cap
        desk.desk.save_note(case_id, f"{i}: {text}")
    report = desk.sync()
    assert report.outcome == "ok", report.summary()
    assert report.pushed_applied == 60 and report.pushed_rejected == 0
    assert desk.desk.sync_status().pending_ops == 0
    with session_factory() as session:
        assert session.scalar(select(func.count()).select_from(Note)) == 60
    assert sync_engine.PUSH_BODY_TARGET > SERVER_CAP  # so the 413 path was taken too
