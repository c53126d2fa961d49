"""The team console's screenshots in both languages against the real server, as the demo's
screenshot run renders them; rendering writes nothing (no move applied, no plan decided)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.client.team_api import TeamApi
from app.server.models import AuditLog, Plan
from tests.client.harness import Desk
from tests.client.live import LiveServer
from tests.client.team_book import TeamBook
from tests.server.conftest import TEST_PASSWORD
from ui.i18n import current_language
from ui.team.screens import render_team_screens


def test_team_screens_render_in_chinese_and_english(  # type: ignore[no-untyped-def]
    qtbot,
    live: LiveServer,
    team_book: TeamBook,
    session_factory: sessionmaker[Session],
    tmp_path: Path,
    screenshot_dir: Path,
) -> None:
    lead = Desk(live.url, "lead-t", TEST_PASSWORD, tmp_path / "lead")
    assert lead.sync().outcome == "ok"
    files = render_team_screens(
        lead.desk, TeamApi(lead.session.api), screenshot_dir, user_label="王组长 · team-1"
    )
    names = {f.name for f in files}
    for lang in ("zh_CN", "en"):
        for screen in ("team_worklist", "reassign_preview", "approvals", "dashboard"):
            assert f"{screen}_{lang}.png" in names
    image = QImage(str(screenshot_dir / "dashboard_zh_CN.png"))
    assert (image.width(), image.height()) == (1680, 1050)
    assert current_language() == "en"
    with session_factory() as s:
        assert s.scalar(select(Plan.status).where(Plan.id == team_book.plan_id)) == (
            "pending_approval"
        )
        assert not s.scalars(select(AuditLog).where(AuditLog.action.like("case.reassign%"))).all()
