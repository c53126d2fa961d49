"""The desk against the product's embedded server (start_embedded_server), across a restart."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.server.embedded import start_embedded_server
from app.server.settings import Settings
from tests.client.conftest import TEST_PASSWORD
from tests.client.harness import Desk
from tests.server.conftest import FAST_ARGON2


@pytest.mark.usefixtures("memory_keyring")
def test_offline_note_survives_an_embedded_server_restart(
    db_url: str, make_user: Callable[..., Any], make_case: Callable[..., Any], tmp_path: Path
) -> None:
    agent = make_user("agent", "team-1", username="emb")
    case_id = make_case(agent).case_id
    settings = Settings(**FAST_ARGON2)  # type: ignore[arg-type]
    server = start_embedded_server(db_url, settings=settings)
    try:
        desk = Desk(server.url, "emb", TEST_PASSWORD, tmp_path / "d")
        assert desk.sync().outcome == "ok"
        server.stop()
        desk.desk.save_note(case_id, "断网时写的备注")
        assert desk.sync().outcome == "offline"
        server = start_embedded_server(db_url, port=server.port, settings=settings)
        report = desk.sync()
        assert report.outcome == "ok" and report.pushed_applied == 1, report.summary()
        notes = desk.desk.case_detail(case_id).notes
        assert [n.text for n in notes] == ["断网时写的备注"] and not notes[0].pending
    finally:
        server.stop()
