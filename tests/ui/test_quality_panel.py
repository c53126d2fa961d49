"""The lead's quality queue panel against the real server: worst first, a call's transcript
with its findings, a verdict saved; and its screenshots in both languages (1366×768)."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.client.team_api import TeamApi
from app.server.models import ContactAttempt
from app.server.models.quality import QualityFinding
from app.server.quality.review_run import run_day
from app.server.quality.store import import_transcripts, parse_import
from app.server.settings import Settings
from tests.client.team_book import TeamBook
from ui.i18n import install_language
from ui.team.quality_panel import HIGHLIGHT, QualityPanel

SF = sessionmaker[Session]
WAIT = 10_000
OPEN = "您好，我是安达汽车金融的客服小李，本次通话将被录音。请问是本人吗？"
CALLS = (
    [OPEN, "是我。", "您的车贷逾期了，应还三千五百元，再不还就让你坐牢。", "我下周五还三千五。"],
    ["您好，我是客服小李。请问是本人吗？", "是的。", "您这期月供还没还，什么时候能处理？",
     "月底吧。"],
)  # fmt: skip


def _review_the_calls(sf: SF) -> None:
    """Transcripts for the book's two connected calls, reviewed for their day."""
    tz = Settings().lender_timezone
    with sf() as s:
        attempts = s.scalars(
            select(ContactAttempt)
            .where(ContactAttempt.disposition == "right_party")
            .order_by(ContactAttempt.started_at)
        ).all()
        docs = []
        for attempt, lines in zip(attempts, CALLS, strict=True):
            segments = [
                {"speaker": "agent" if i % 2 == 0 else "customer", "start": 4.0 * i,
                 "end": 4.0 * i + 3.5, "text": text}
                for i, text in enumerate(lines)
            ]  # fmt: skip
            docs.append({"call_ref": attempt.id, "language": "zh", "segments": segments})
        import_transcripts(s, parse_import(docs), source="import", lender_timezone=tz)
        run_day(s, attempts[0].started_at.astimezone(ZoneInfo(tz)).date(), lender_timezone=tz)
        s.commit()


def _panel(qtbot, lead_api: TeamApi) -> QualityPanel:  # type: ignore[no-untyped-def]
    panel = QualityPanel(lead_api)
    qtbot.addWidget(panel)
    panel.resize(1366, 768)
    panel.show()
    with qtbot.waitSignal(panel.loaded, timeout=WAIT):
        panel.set_team(None)
    return panel


def _open_first(qtbot, panel: QualityPanel) -> None:  # type: ignore[no-untyped-def]
    panel.table.selectRow(0)
    qtbot.waitUntil(lambda: panel.call is not None, timeout=WAIT)


def test_worst_first_transcript_highlighted_and_a_verdict(  # type: ignore[no-untyped-def]
    qtbot, lead_api: TeamApi, team_book: TeamBook, session_factory: SF
) -> None:
    _review_the_calls(session_factory)
    panel = _panel(qtbot, lead_api)
    assert panel.table.rowCount() == 2
    scores = [int(panel.table.item(r, 0).text()) for r in range(2)]
    assert scores == sorted(scores) and scores[0] < 100
    assert "Banned phrase" in panel.table.item(0, 4).text()
    _open_first(qtbot, panel)
    assert panel.call is not None
    shown = panel.transcript.toHtml()
    assert "坐牢" in shown and HIGHLIGHT in shown
    assert panel.findings.count() == len(panel.call.findings) >= 1
    panel.findings.setCurrentRow(0)
    panel.comment.setText("明显威胁")
    fid = panel.call.findings[0].id
    panel.agree.click()
    qtbot.waitUntil(lambda: panel.call is not None and panel.call.findings[0].verdict == "agree",
                    timeout=WAIT)  # fmt: skip
    assert "agreed" in panel.findings.item(0).text()
    with session_factory() as s:
        row = s.get(QualityFinding, fid)
        assert row is not None and (row.verdict, row.verdict_comment) == ("agree", "明显威胁")


def test_quality_screenshots_in_both_languages(  # type: ignore[no-untyped-def]
    qtbot, lead_api: TeamApi, team_book: TeamBook, session_factory: SF, screenshot_dir: Path
) -> None:
    _review_the_calls(session_factory)
    app = QApplication.instance()
    assert app is not None
    try:
        for lang in ("zh_CN", "en"):
            install_language(app, lang)
            panel = _panel(qtbot, lead_api)
            for name in ("qa_queue", "qa_call"):
                if name == "qa_call":
                    _open_first(qtbot, panel)
                app.processEvents()
                path = screenshot_dir / f"{name}_{lang}.png"
                assert panel.grab().save(str(path))
                image = QImage(str(path))
                assert (image.width(), image.height()) == (1366, 768)
            panel.close()
    finally:
        install_language(app, "en")
