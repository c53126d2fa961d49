"""TeamApi against the real in-process server: the team's cases paged, filtered, searched
and sorted; agents and leave; a rule's preview and apply with the server's refusals mapped
(nothing half-applied); approvals decided; the dashboard, the audit log and the exports."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.client.http_client import ClientError
from app.client.team_api import ReassignRefused, TeamApi
from app.client.team_views import (
    AuditQuerySpec,
    ReassignRuleSpec,
    TeamCaseQuery,
    TeamCaseRow,
)
from app.server.models import AuditLog, Case
from tests.client.live import LiveServer
from tests.client.team_book import TeamBook, api_for

SF = sessionmaker[Session]


def holders(sf: SF) -> dict[str, int | None]:
    with sf() as s:
        return dict(s.execute(select(Case.id, Case.assigned_to_id)).all())


def test_team_cases_page_filter_search_and_sort(lead_api: TeamApi, team_book: TeamBook) -> None:
    page = lead_api.team_cases(TeamCaseQuery(limit=4))
    assert page.total == 10 and len(page.rows) == 4  # the team's cases only (not team-2's)
    assert isinstance(page.rows[0], TeamCaseRow) and isinstance(page.rows, tuple)
    rest = lead_api.team_cases(TeamCaseQuery(limit=200, offset=4))
    everyone = {r.case_id for r in page.rows + rest.rows}
    mine = {c.case_id for u in ("agent-a", "agent-b", "agent-c") for c in team_book.cases[u]}
    assert everyone == mine
    by_b = lead_api.team_cases(TeamCaseQuery(agent="agent-b"))
    assert {r.assigned_to for r in by_b.rows} == {"agent-b"} and by_b.total == 3
    assert {r.agent_name for r in by_b.rows} == {"李强"}
    pending = lead_api.team_cases(TeamCaseQuery(promise="pending")).rows
    assert [(r.promise_status, r.promise_amount_fen) for r in pending] == [("pending", 50_000)]
    found = lead_api.team_cases(TeamCaseQuery(search=team_book.cases["agent-c"][0].contract_no))
    assert [r.case_id for r in found.rows] == [team_book.cases["agent-c"][0].case_id]
    dpds = [r.dpd for r in lead_api.team_cases(TeamCaseQuery(sort="dpd", order="asc")).rows]
    assert dpds == sorted(dpds) and dpds[0] == 5
    m1 = lead_api.team_cases(TeamCaseQuery(buckets=("M1",)))
    assert {r.bucket for r in m1.rows} == {"M1"} and m1.bucket_counts["M1"] == m1.total
    assert lead_api.team_cases(TeamCaseQuery(unassigned=True)).total == 0
    with pytest.raises(ClientError) as refused:  # another team by name: not found
        lead_api.team_cases(TeamCaseQuery(team="team-2"))
    assert refused.value.code == "not_found"


def test_agents_load_and_leave(lead_api: TeamApi) -> None:
    agents = {a.username: a for a in lead_api.agents()}
    assert set(agents) == {"agent-a", "agent-b", "agent-c"}
    assert (agents["agent-a"].open_cases, agents["agent-b"].open_cases) == (6, 3)
    assert agents["agent-a"].contacts_today in (1, 2)  # two calls minutes ago (midnight edge)
    assert agents["agent-b"].broken_promises >= 0 and not agents["agent-c"].on_leave
    assert lead_api.set_leave("agent-c", True, "年假") is True
    assert lead_api.set_leave("agent-c", True) is False  # already on leave
    assert {a.username: a.on_leave for a in lead_api.agents()}["agent-c"] is True


def test_preview_apply_and_refusals_change_nothing(
    lead_api: TeamApi, team_book: TeamBook, session_factory: SF
) -> None:
    rule = ReassignRuleSpec(balance="count", per_bucket=False)
    preview = lead_api.preview(rule)
    assert preview.team == "team-1" and preview.pool_cases == 10 and preview.moves
    shares = {a.username: a for a in preview.agents}
    assert sum(a.cases_after for a in shares.values()) == 10
    assert shares["agent-a"].cases_after < shares["agent-a"].cases_before
    before = holders(session_factory)
    # one bad target among good moves: refused whole, with the reason
    lead_api.set_leave("agent-c", True)
    moves = [m.spec() for m in preview.moves]
    bad = [*moves[:-1], replace(moves[-1], to_agent="agent-c")]
    with pytest.raises(ReassignRefused) as on_leave:
        lead_api.apply(bad)
    assert on_leave.value.code == "invalid_target"
    assert [(a.username, a.reason) for a in on_leave.value.agents] == [("agent-c", "on_leave")]
    with pytest.raises(ReassignRefused) as stranger:
        lead_api.apply([replace(moves[0], to_agent="agent-x")])
    assert stranger.value.code == "invalid_target"
    assert holders(session_factory) == before  # nothing half-applied
    lead_api.set_leave("agent-c", False)
    outcome = lead_api.apply(moves, reason="均衡", rule=rule)
    assert outcome.moved == len(moves)
    # the same moves again: every case has moved meanwhile
    with pytest.raises(ReassignRefused) as moved:
        lead_api.apply(moves)
    assert moved.value.code == "case_moved" and moved.value.count == len(moves)
    first = moved.value.cases[0]
    assert (first.expected, first.actual) == (moves[0].from_agent, moves[0].to_agent)


def test_approve_and_reject_with_a_comment(lead_api: TeamApi, team_book: TeamBook) -> None:
    queue = lead_api.approvals()
    [item] = queue.items
    assert item.plan_id == team_book.plan_id and item.approvable
    assert [b.code for b in item.exceeds] == ["authority_penalty"]
    assert "需上级审批" in item.exceeds[0].message("zh_CN")
    assert item.figures is not None and item.figures.waived_penalty_fen == 15_000
    assert sum(ln.amount_fen for ln in item.figures.lines) == item.figures.amount_due_fen
    with pytest.raises(ValueError):
        lead_api.reject(item.plan_id, "   ")
    decided = lead_api.reject(item.plan_id, "减免过多，请重新协商")
    assert (decided.status, decided.decision_note) == ("rejected", "减免过多，请重新协商")
    assert lead_api.approvals().total == 0


def test_dashboard_audit_and_exports(
    lead_api: TeamApi, team_book: TeamBook, live: LiveServer, session_factory: SF
) -> None:
    today = lead_api.dashboard("today")
    assert today.period == "today" and today.total.attempts in (3, 4)  # midnight edge
    assert {k.key for k in today.by_agent} == {"agent-a", "agent-b", "agent-c"}
    assert lead_api.dashboard("month").start.day == 1
    page = lead_api.audit(AuditQuerySpec(action="plan."))
    assert [e.action for e in page.rows] == ["plan.pending_approval"] and page.total == 1
    csv = lead_api.export(
        "team_cases", "csv", language="zh_CN", params=TeamCaseQuery(agent="agent-b").filter_params()
    )
    text = csv.content.decode("utf-8-sig")
    assert csv.rows == 3 and len(text.strip().splitlines()) == 4  # header + 3 cases
    names = {c.extra["name"] for c in team_book.cases["agent-b"]}
    assert not any(n in text for n in names)  # borrower names are masked (张*)
    xlsx = lead_api.export("agents", "xlsx", language="en")
    assert xlsx.filename.endswith(".xlsx") and zipfile.is_zipfile(io.BytesIO(xlsx.content))
    with session_factory() as s:
        actions = set(s.scalars(select(AuditLog.action).where(AuditLog.action.like("export.%"))))
    assert actions == {"export.team_cases", "export.agent_load"}
    # an agent has no team console
    agent_api = api_for(live.url, "agent-a")
    with pytest.raises(Exception) as no:
        agent_api.team_cases(TeamCaseQuery())
    assert getattr(no.value, "status", None) == 403


def test_a_download_reports_progress_and_stops_when_cancelled(lead_api: TeamApi) -> None:
    from app.client.http_client import DownloadCancelled

    seen: list[tuple[int, int | None]] = []
    file = lead_api.export(
        "team_cases", "csv", language="en", progress=lambda got, total: seen.append((got, total))
    )
    assert seen[-1] == (len(file.content), len(file.content))
    assert [got for got, _ in seen] == sorted(got for got, _ in seen)
    with pytest.raises(DownloadCancelled):
        lead_api.export("team_cases", "csv", language="en", cancelled=lambda: True)
