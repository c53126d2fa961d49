"""Transcripts import and the daily quality review on the server (app/server/quality)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.server.models import ContactAttempt, Promise, User
from app.server.models.quality import CallTranscript, QualityFinding
from app.server.quality.review_run import run_day
from app.server.quality.store import ImportRefused, import_transcripts, parse_import
from main import main
from tests.server.conftest import SeededCase

TZ = "Asia/Shanghai"
DAY = date(2026, 12, 8)
STARTED = datetime(2026, 12, 8, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai

SEGMENTS = [
    {"speaker": "agent", "start": 0.0, "end": 3.0,
     "text": "您好，我是安达汽车金融的客服，本次通话将被录音。请问是张伟先生本人吗？"},
    {"speaker": "customer", "start": 3.5, "end": 4.5, "text": "是我。"},
    {"speaker": "agent", "start": 5.0, "end": 8.0, "text": "您的车贷逾期了，应还三千五百元。"},
    {"speaker": "customer", "start": 8.5, "end": 10.0, "text": "我下周五还三千五。"},
]  # fmt: skip


def _call(
    sf: sessionmaker[Session], case: SeededCase, agent: User, *, violation: str | None = None
) -> str:
    with sf() as s:
        a = ContactAttempt(
            case_id=case.case_id,
            agent_id=agent.id,
            channel="outbound_call",
            disposition="right_party",
            result="promise_to_pay",
            started_at=STARTED,
            duration_s=60,
            recording_ref=f"rec-{case.case_id[:8]}",
            policy_violation=violation,
        )
        s.add(a)
        s.commit()
        return a.id


def _promise(sf: sessionmaker[Session], case: SeededCase, agent: User, amount: int) -> None:
    with sf() as s:
        s.add(
            Promise(
                case_id=case.case_id,
                agent_id=agent.id,
                amount=amount,
                promised_on=date(2026, 12, 18),
                created_at=STARTED + timedelta(seconds=70),
            )
        )
        s.commit()


def _doc(ref: str, segments: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"call_ref": ref, "language": "zh", "segments": segments or SEGMENTS}


@pytest.fixture
def call(
    session_factory: sessionmaker[Session],
    make_user: Callable[..., User],
    make_case: Callable[..., SeededCase],
) -> tuple[str, SeededCase, User]:
    agent = make_user("agent", "team-1")
    case = make_case(agent)
    return _call(session_factory, case, agent), case, agent


def test_a_day_is_reviewed_from_the_recorded_facts(
    session_factory: sessionmaker[Session], call: tuple[str, SeededCase, User]
) -> None:
    ref, case, agent = call
    _promise(session_factory, case, agent, 500_000)  # the wrap-up says 5,000, the call 3,500
    with session_factory() as s:
        import_transcripts(s, parse_import([_doc(ref)]), source="import", lender_timezone=TZ)
        s.commit()
        summary = run_day(s, DAY, lender_timezone=TZ)
        s.commit()
    assert summary.as_dict()["findings"] == {"promise_mismatch": 1}
    assert (summary.calls, summary.reviewed, summary.untranscribed) == (1, 1, 0)
    with session_factory() as s:
        row = s.scalars(select(CallTranscript)).one()
        (finding,) = s.scalars(select(QualityFinding)).all()
        assert (row.call_date, row.score, row.case_id) == (DAY, 100 - finding.points, case.case_id)
        assert (finding.code, finding.at_ms) == ("promise_mismatch", 8500)


def test_a_rerun_keeps_the_leads_verdict(
    session_factory: sessionmaker[Session], call: tuple[str, SeededCase, User]
) -> None:
    ref, _, _ = call
    threat = [*SEGMENTS, {"speaker": "agent", "start": 11, "end": 13, "text": "不还就让你坐牢。"}]
    with session_factory() as s:
        import_transcripts(s, parse_import([_doc(ref, threat)]), source="x", lender_timezone=TZ)
        run_day(s, DAY, lender_timezone=TZ)
        s.commit()
        finding = s.scalars(select(QualityFinding)).one()
        finding.verdict, finding.verdict_comment = "agree", "clear threat"
        s.commit()
        summary = run_day(s, DAY, lender_timezone=TZ)
        s.commit()
        assert summary.as_dict()["agreement"] == {
            "banned_phrase": {"agree": 1, "disagree": 0, "rate": 1.0}
        }
        again = s.scalars(select(QualityFinding)).one()
        assert (again.code, again.verdict, again.verdict_comment) == (
            "banned_phrase",
            "agree",
            "clear threat",
        )


def test_an_unknown_call_refuses_the_whole_file(
    session_factory: sessionmaker[Session], call: tuple[str, SeededCase, User]
) -> None:
    ref, _, _ = call
    with session_factory() as s, pytest.raises(ImportRefused, match="item 1"):
        import_transcripts(
            s, parse_import([_doc(ref), _doc("no-such-call")]), source="x", lender_timezone=TZ
        )
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(CallTranscript)) == 0


def test_qa_import_and_run_commands_print_no_words(
    db_url: str,
    engine: Engine,
    session_factory: sessionmaker[Session],
    make_user: Callable[..., User],
    make_case: Callable[..., SeededCase],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLLECTION_DESK_LENDER_TIMEZONE", TZ)
    agent = make_user("agent", "team-1")
    cases = [make_case(agent) for _ in range(2)]
    _call(session_factory, cases[0], agent, violation="outside_window")
    _call(session_factory, cases[1], agent)  # no transcript
    file = tmp_path / "t.json"
    # the lender's service knows the recording reference, not our id
    file.write_text(json.dumps([_doc(f"rec-{cases[0].case_id[:8]}")]), encoding="utf-8")
    assert main(["qa", "import", str(file), "--database-url", db_url]) == 0
    assert main(["qa", "run", "--date", DAY.isoformat(), "--database-url", db_url]) == 0
    out = capsys.readouterr().out
    summary = json.loads(out[out.index("{") :])
    assert summary["findings"] == {"outside_contact_rules": 1}
    assert (summary["calls"], summary["reviewed"], summary["without_transcript"]) == (2, 1, 1)
    assert "逾期" not in out and "张伟" not in out


def test_qa_import_refuses_a_bad_file_and_changes_nothing(
    db_url: str,
    session_factory: sessionmaker[Session],
    call: tuple[str, SeededCase, User],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    ref, _, _ = call
    bad = _doc(ref)
    bad["segments"] = [{**SEGMENTS[0], "speaker": "robot"}]
    file = tmp_path / "t.json"
    file.write_text(json.dumps([_doc(ref), bad]), encoding="utf-8")
    assert main(["qa", "import", str(file), "--database-url", db_url]) == 2
    assert "item 1: segments[0].speaker" in capsys.readouterr().err
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(CallTranscript)) == 0
