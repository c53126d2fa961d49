"""The lead's quality queue: GET /team/quality, GET /team/quality/{id}, verdicts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.server.models import AuditLog, ContactAttempt, User
from app.server.quality.review_run import run_day
from app.server.quality.store import import_transcripts, parse_import
from tests.server.conftest import SmallBook

TZ = "Asia/Shanghai"
DAY = date(2026, 12, 8)
OPEN = "您好，我是安达汽车金融的客服，本次通话将被录音。请问是张伟先生本人吗？"
LINES = {
    "clean": [OPEN, "您的车贷逾期了，请尽快还款。"],
    "threat": [OPEN, "您的车贷逾期了，再不还就让你坐牢。"],
    "no_notice": ["您好，我是安达汽车金融的客服。请问是张伟先生本人吗？", "您的车贷逾期了。"],
}


def _seed(sf: sessionmaker[Session], book: SmallBook) -> dict[str, str]:
    """One reviewed call per (agent, kind) of team-a and a threat in team-b; ref by kind."""
    refs: dict[str, str] = {}
    docs = []
    with sf() as s:
        plan = [
            (book.agents["team-a"][0], "clean"),
            (book.agents["team-a"][0], "threat"),
            (book.agents["team-a"][1], "no_notice"),
            (book.agents["team-b"][0], "threat_b"),
        ]
        for n, (agent, kind) in enumerate(plan):
            case = book.cases[agent.username][0]
            a = ContactAttempt(
                case_id=case.case_id,
                agent_id=agent.id,
                channel="outbound_call",
                disposition="right_party",
                started_at=datetime(2026, 12, 8, 2, tzinfo=UTC) + timedelta(minutes=n),
            )
            s.add(a)
            s.flush()
            lines = LINES[kind.removesuffix("_b")]
            segments = [
                {"speaker": "agent", "start": 0, "end": 3, "text": lines[0]},
                {"speaker": "customer", "start": 3.5, "end": 4.5, "text": "是我。"},
                {"speaker": "agent", "start": 5, "end": 8, "text": lines[1]},
            ]
            docs.append({"call_ref": a.id, "language": "zh", "segments": segments})
            refs[kind] = a.id
        import_transcripts(s, parse_import(docs), source="import", lender_timezone=TZ)
        run_day(s, DAY, lender_timezone=TZ)
        s.commit()
    return refs


def test_the_queue_is_the_teams_worst_first_with_filters(
    client: TestClient,
    small_book: SmallBook,
    session_factory: sessionmaker[Session],
    auth_headers: Callable[[User], dict[str, str]],
) -> None:
    _seed(session_factory, small_book)
    h = auth_headers(small_book.leads["team-a"])
    page = client.get("/team/quality", headers=h).json()
    assert page["total"] == 3
    assert [i["codes"] for i in page["items"]] == [
        ["banned_phrase"],
        ["recording_notice_missing"],
        [],
    ]
    scores = [i["score"] for i in page["items"]]
    assert scores == sorted(scores) and scores[-1] == 100
    assert all("张伟" not in i["borrower_masked"] for i in page["items"])
    by_rule = client.get("/team/quality?rule=banned_phrase", headers=h).json()
    assert [i["agent"] for i in by_rule["items"]] == ["agent-team-a-1"]
    by_agent = client.get("/team/quality?agent=agent-team-a-2", headers=h).json()
    assert by_agent["total"] == 1
    later = client.get("/team/quality?date_from=2026-12-09", headers=h).json()
    assert later["total"] == 0
    agent = small_book.agents["team-a"][0]
    assert client.get("/team/quality", headers=auth_headers(agent)).status_code == 403


def test_a_call_opens_in_scope_only_and_takes_a_verdict(
    client: TestClient,
    small_book: SmallBook,
    session_factory: sessionmaker[Session],
    auth_headers: Callable[[User], dict[str, str]],
) -> None:
    refs = _seed(session_factory, small_book)
    lead = small_book.leads["team-a"]
    h = auth_headers(lead)
    page = client.get("/team/quality?rule=banned_phrase", headers=h).json()
    tid = page["items"][0]["transcript_id"]
    call = client.get(f"/team/quality/{tid}", headers=h).json()
    assert [s["speaker"] for s in call["segments"]] == ["agent", "customer", "agent"]
    (finding,) = call["findings"]
    assert (finding["code"], finding["at"], finding["verdict"]) == ("banned_phrase", 5.0, None)
    answer = client.post(
        f"/team/quality/findings/{finding['id']}/verdict",
        json={"verdict": "agree", "comment": "威胁用语"},
        headers=h,
    )
    assert answer.status_code == 200, answer.text
    again = client.get(f"/team/quality/{tid}", headers=h).json()["findings"][0]
    assert (again["verdict"], again["verdict_comment"], again["verdict_by"]) == (
        "agree",
        "威胁用语",
        lead.username,
    )
    with session_factory() as s:
        actions = s.scalars(select(AuditLog.action).where(AuditLog.actor == lead.username)).all()
        assert actions.count("quality.view") == 2 and actions.count("quality.verdict") == 1
        b_tid = s.scalar(select(ContactAttempt.id).where(ContactAttempt.id == refs["threat_b"]))
    # team-b's call: not found for team-a's lead, by transcript or by finding
    b_page = client.get("/team/quality", headers=auth_headers(small_book.leads["team-b"])).json()
    b_item = b_page["items"][0]
    assert b_tid is not None and b_page["total"] == 1
    assert client.get(f"/team/quality/{b_item['transcript_id']}", headers=h).status_code == 404
    b_call = client.get(
        f"/team/quality/{b_item['transcript_id']}",
        headers=auth_headers(small_book.leads["team-b"]),
    ).json()
    b_finding = b_call["findings"][0]["id"]
    refused = client.post(
        f"/team/quality/findings/{b_finding}/verdict", json={"verdict": "disagree"}, headers=h
    )
    assert refused.status_code == 404
    bad = client.post(
        f"/team/quality/findings/{finding['id']}/verdict", json={"verdict": "maybe"}, headers=h
    )
    assert bad.status_code == 422
