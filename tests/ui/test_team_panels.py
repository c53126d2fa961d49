"""The team console's other screens against the real server: agent load and leave; the rule
reassignment's preview, apply and refusal; the approval queue (approve, reject with a
comment, beyond authority); the dashboard (periods, groups, charts with the numbers beside);
the audit viewer's search; exports saved where the lead chose."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolTip
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.client.team_api import TeamApi
from app.client.team_views import CaseMoveSpec
from app.server.models import AuditLog, Case, ContactAttempt, Plan, User
from tests.client.live import LiveServer
from tests.client.team_book import TeamBook, propose
from ui import formatting
from ui.team.agents_panel import AgentsPanel
from ui.team.approvals_panel import ApprovalsPanel
from ui.team.audit_panel import AuditPanel
from ui.team.dashboard_panel import DashboardPanel
from ui.team.reassign_panel import ReassignPanel

SF = sessionmaker[Session]
WAIT = 10_000


def _show(qtbot, widget):  # type: ignore[no-untyped-def]
    qtbot.addWidget(widget)
    widget.resize(1400, 860)
    widget.show()
    return widget


def _holders(sf: SF) -> dict[str, int | None]:
    with sf() as s:
        return dict(s.execute(select(Case.id, Case.assigned_to_id)).all())


def test_agents_load_and_the_leave_switch(qtbot, lead_api: TeamApi, session_factory: SF) -> None:  # type: ignore[no-untyped-def]
    panel = _show(qtbot, AgentsPanel(lead_api))
    with qtbot.waitSignal(panel.loaded, timeout=WAIT):
        panel.set_team(None)
    rows = {a.username: r for r, a in enumerate(panel.model.rows())}
    assert panel.heading.text() == "Agents (3)"
    assert panel.model.data(panel.model.index(rows["agent-a"], 2)) == "6"
    assert not panel.leave_button.isEnabled()
    panel.table.selectRow(rows["agent-c"])
    assert panel.leave_button.text() == "Mark on leave"
    panel.reason.setText("年假")
    with qtbot.waitSignal(panel.loaded, timeout=WAIT):
        panel.leave_button.click()
    assert panel.current_agent() is not None and panel.current_agent().on_leave  # type: ignore[union-attr]
    assert panel.leave_button.text() == "Back from leave"
    row = {a.username: r for r, a in enumerate(panel.model.rows())}["agent-c"]
    assert panel.model.data(panel.model.index(row, 8)) == "On leave"
    with session_factory() as s:
        assert s.scalar(select(User.on_leave).where(User.username == "agent-c")) is True
        entry = s.scalars(select(AuditLog).where(AuditLog.action == "agent.leave")).one()
        assert entry.details.get("reason") == "年假"


def test_rule_preview_apply_and_a_refusal(  # type: ignore[no-untyped-def]
    qtbot, lead_api: TeamApi, team_book: TeamBook, session_factory: SF
) -> None:
    panel = _show(qtbot, ReassignPanel(lead_api))
    panel.set_team(None)
    panel.per_bucket.setChecked(False)
    with qtbot.waitSignal(panel.previewed, timeout=WAIT):
        panel.preview_button.click()
    preview = panel.preview
    assert preview is not None and preview.moves and panel.apply_button.isEnabled()
    assert panel.summary.text().startswith(f"Team team-1: {len(preview.moves)} of 10 cases move")
    assert panel.shares.rowCount() == 3 and panel.flows.row_at(0).from_label == "张敏"
    # the rule changes: the preview is gone, nothing can be applied
    panel.by_amount.setChecked(True)
    assert panel.preview is None and not panel.apply_button.isEnabled()
    panel.by_count.setChecked(True)
    with qtbot.waitSignal(panel.previewed, timeout=WAIT):
        panel.run_preview()
    assert panel.preview is not None
    first = panel.preview.moves[0]
    # meanwhile one of the cases moves: the apply is refused whole, in words
    lead_api.apply([CaseMoveSpec(first.case_id, first.from_agent, "agent-b")])
    before = _holders(session_factory)
    with qtbot.waitSignal(panel.moved, timeout=WAIT):
        panel.apply_button.click()
    assert panel.banner.isVisible() and panel.banner.text().startswith(
        "Nothing was moved: 1 case(s) changed holder"
    )
    name = team_book.names()[first.case_id]
    assert first.borrower_name == name  # the refusal names the borrower, not an id
    assert f"{name}: you saw {first.from_agent}, now agent-b" in panel.banner.text()
    assert _holders(session_factory) == before and panel.preview is None
    assert panel.summary.text() == "Nothing was applied. Preview again."
    with qtbot.waitSignal(panel.previewed, timeout=WAIT):
        panel.preview_button.click()
    moves = panel.preview.moves  # type: ignore[union-attr]
    panel.reason.setText("月初均衡")
    with qtbot.waitSignal(panel.moved, timeout=WAIT) as applied:
        panel.apply_button.click()
    assert applied.signal_triggered and not panel.banner.isVisible()
    after = _holders(session_factory)
    with session_factory() as s:
        names = dict(s.execute(select(User.id, User.username)).all())
    assert all(names[after[m.case_id] or 0] == m.to_agent for m in moves)
    with session_factory() as s:
        batch = s.scalars(select(AuditLog).where(AuditLog.action == "case.reassign_batch")).all()
        ruled = [b.details for b in batch if b.details.get("rule")]  # the panel sends its rule
        assert [(d["reason"], d["moved"]) for d in ruled] == [("月初均衡", len(moves))]


def test_switching_leave_from_the_preview(qtbot, lead_api: TeamApi, team_book: TeamBook) -> None:  # type: ignore[no-untyped-def]
    panel = _show(qtbot, ReassignPanel(lead_api))
    panel.set_team(None)
    panel.set_agents(lead_api.agents())
    assert panel.on_leave.text() == "No agent of the team is on leave."
    with qtbot.waitSignal(panel.previewed, timeout=WAIT):
        panel.run_preview()
    row = next(i for i, a in enumerate(panel.shares.rows()) if a.username == "agent-b")
    panel.share_table.selectRow(row)
    with qtbot.waitSignal(panel.previewed, timeout=WAIT):  # leave switched, preview again
        panel.leave_button.click()
    share = next(a for a in panel.preview.agents if a.username == "agent-b")  # type: ignore[union-attr]
    assert share.on_leave and share.cases_after == 0
    assert panel.shares.data(panel.shares.index(row, 1)) == "No — on leave"


def test_approve_reject_and_beyond_authority(  # type: ignore[no-untyped-def]
    qtbot, lead_api: TeamApi, team_book: TeamBook, live: LiveServer, session_factory: SF
) -> None:
    b_case = team_book.cases["agent-b"][1]
    beyond = propose(live.url, "agent-b", b_case.case_id, kind="settlement", payments=1,
                     waive_interest=1_000)  # fmt: skip
    panel = _show(qtbot, ApprovalsPanel(lead_api))
    panel.set_agents(lead_api.agents())
    with qtbot.waitSignal(panel.loaded, timeout=WAIT):
        panel.set_team(None)
    assert panel.heading.text() == "Plans awaiting approval (2)"
    assert panel.select_plan(beyond["id"])
    assert not panel.approve_button.isEnabled()
    assert panel.authority.text() == "Beyond your authority: an administrator must approve it."
    assert "may not waive interest" in panel.exceeds.text()
    assert panel.select_plan(team_book.plan_id)
    assert panel.case_line.text().startswith(team_book.cases["agent-a"][0].extra["name"])
    assert "proposed by 张敏" in panel.plan_line.text()
    assert "at most 50% of penalty" in panel.exceeds.text()
    assert panel.lines.rowCount() == 3 and panel.approve_button.isEnabled()
    assert not panel.reject_button.isEnabled()  # a rejection needs a comment
    panel.comment.setPlainText("减免过多，请先收一半")
    assert panel.reject_button.isEnabled()
    with qtbot.waitSignal(panel.decided, timeout=WAIT) as decided:
        panel.reject_button.click()
    assert decided.args[0].status == "rejected"
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1 and not panel.busy, timeout=WAIT)
    with session_factory() as s:
        plan = s.get(Plan, team_book.plan_id)
        assert plan is not None and (plan.status, plan.decision_note) == (
            "rejected",
            "减免过多，请先收一半",
        )
    # approving the one beyond authority directly: the server's refusal, in words
    with qtbot.waitSignal(panel.loaded, timeout=WAIT):
        panel._send(approve=True)
    assert panel.banner.text() == (
        "This plan is beyond your authority: an administrator must approve it."
    )


def test_dashboard_periods_groups_and_charts(qtbot, lead_api: TeamApi, team_book: TeamBook) -> None:  # type: ignore[no-untyped-def]
    panel = _show(qtbot, DashboardPanel(lead_api))
    with qtbot.waitSignal(panel.loaded, timeout=WAIT):
        panel.set_team(None)
    view = panel.view
    assert view is not None and view.period == "today"
    assert panel.cards["calls"].value.text() == str(view.total.attempts)
    assert panel.kpis.rowCount() == 1 + 3  # the team, then each agent
    values = panel.rates_chart.values()
    assert len(values) == 4 and all(len(v) == 3 for v in values)  # 4 rates × 3 agents
    a = next(k for k in view.by_agent if k.key == "agent-a")
    row = 1 + list(view.by_agent).index(a)
    r = a.contact_rate
    assert r.value is not None
    assert panel.kpis.data(panel.kpis.index(row, 3)) == (
        f"{r.value * 100:.1f}% ({r.numerator}/{r.denominator})"
    )
    c = next(k for k in view.by_agent if k.key == "agent-c")  # no calls: no contact rate
    assert panel.kpis.data(panel.kpis.index(1 + list(view.by_agent).index(c), 3)) == "—"
    # hovering a bar names its group and series and gives the exact figure
    chart = panel.rates_chart
    assert chart.series is not None
    contact = chart.series.barSets()[0]
    ia, ic = list(view.by_agent).index(a), list(view.by_agent).index(c)
    assert chart.bar_text(0, ia).endswith(
        f"{contact.label()}: {formatting.percent(r.value)} ({r.numerator}/{r.denominator})"
    )
    assert chart.bar_text(0, ic).endswith(": —")  # no calls: no rate, not "0%"
    chart.series.hovered.emit(True, ia, contact)
    assert QToolTip.text() == chart.bar_text(0, ia)
    chart.series.hovered.emit(False, ia, contact)
    panel.group.setCurrentIndex(panel.group.findData("bucket"))
    assert panel.kpis.rowCount() == 1 + len(view.by_bucket)
    with qtbot.waitSignal(panel.loaded, timeout=WAIT):
        panel.set_period("week")
    assert panel.view is not None and panel.view.period == "week"
    assert panel.span.text().startswith(panel.view.start.isoformat())


def test_dashboard_shows_what_each_rate_is_made_of(  # type: ignore[no-untyped-def]
    qtbot, lead_api: TeamApi, team_book: TeamBook, session_factory: SF
) -> None:
    """Every rate on screen carries its numerator and denominator, and inbound calls are a
    figure of their own. The book today: agent-a dialled twice (a right-party contact, no
    answer), agent-b twice (a right-party contact, busy); here the borrower of agent-a's
    first case also calls in. Hand-computed: team contact 2 of 4 outbound calls, right
    party 2 of 2; agent-a contact 1 of 2, right party 1 of 1 (a 100 % from one call)."""
    seeded = team_book.cases["agent-a"][1]
    with session_factory() as s:
        a_id = s.scalar(select(User.id).where(User.username == "agent-a"))
        s.add(ContactAttempt(case_id=seeded.case_id, agent_id=a_id, channel="inbound_call",
                             disposition="right_party", bucket="M2",
                             started_at=datetime.now(UTC) - timedelta(minutes=2)))  # fmt: skip
        s.commit()
    panel = _show(qtbot, DashboardPanel(lead_api))
    with qtbot.waitSignal(panel.loaded, timeout=WAIT):
        panel.set_team(None)
    assert panel.cards["contact"].value.text() == "50.0%"
    assert panel.cards["contact"].detail.text() == "2 of 4 outbound calls"
    assert panel.cards["rpc"].detail.text() == "2 of 2 connected calls"
    assert (panel.cards["calls"].value.text(), panel.cards["calls"].detail.text()) == (
        "4",
        "inbound: 1",
    )
    headers = [panel.kpis.headerData(i, Qt.Orientation.Horizontal) for i in range(5)]
    assert headers == ["Group", "Outbound", "Inbound", "Contact", "Right party"]
    assert "÷ outbound call attempts" in panel.kpis.headerData(
        3, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole
    )
    cells = {panel.kpis.data(panel.kpis.index(r, 0)): r for r in range(panel.kpis.rowCount())}
    team, a = cells["Team"], cells["张敏"]

    def cell(row: int, col: int, role: int = Qt.ItemDataRole.DisplayRole) -> str:
        return str(panel.kpis.data(panel.kpis.index(row, col), role))

    assert [cell(team, i) for i in (1, 2, 3, 4)] == ["4", "1", "50.0% (2/4)", "100.0% (2/2)"]
    assert [cell(a, i) for i in (1, 2, 3, 4)] == ["2", "1", "50.0% (1/2)", "100.0% (1/1)"]
    assert cell(a, 4, Qt.ItemDataRole.ToolTipRole).endswith("1 of 1")
    chart = panel.rates_chart
    ia = [g.key for g in panel.groups()].index("agent-a")
    assert chart.bar_text(1, ia).endswith("100.0% (1/1)")


def test_audit_search(qtbot, lead_api: TeamApi, team_book: TeamBook) -> None:  # type: ignore[no-untyped-def]
    lead_api.set_leave("agent-c", True, "病假")
    panel = _show(qtbot, AuditPanel(lead_api))
    with qtbot.waitSignal(panel.loaded, timeout=WAIT):
        panel.set_team(None)
    assert panel.model.total >= 2
    with qtbot.waitSignal(panel.loaded, timeout=WAIT):
        panel.action.setCurrentIndex(panel.action.findData("agent."))
    assert panel.model.rowCount() == 1
    assert panel.model.data(panel.model.index(0, 2)) == "Marked an agent on leave"
    panel.table.selectRow(0)
    assert "reason: 病假" in panel.details.toPlainText()
    with qtbot.waitSignal(panel.loaded, timeout=WAIT):
        panel.action.setCurrentIndex(0)
    panel.case.setText(team_book.cases["agent-a"][0].case_id)
    with qtbot.waitSignal(panel.loaded, timeout=WAIT):
        panel.search_button.click()
    assert [panel.model.row_at(r).action for r in range(panel.model.rowCount())] == [
        "plan.pending_approval"
    ]
    panel.case.clear()
    panel.actor.setText("nobody-at-all")
    with qtbot.waitSignal(panel.loaded, timeout=WAIT):
        panel.search_button.click()
    assert panel.model.rowCount() == 0 and panel.heading.text() == "Audit log (0)"
    panel.actor.clear()
    with qtbot.waitSignal(panel.loaded, timeout=WAIT):
        panel.range.setCurrentIndex(panel.range.findData("today"))
    assert panel.current_query().since is not None and panel.model.rowCount() >= 2


def test_exports_are_saved_where_chosen_and_audited(  # type: ignore[no-untyped-def]
    qtbot, lead_api: TeamApi, team_book: TeamBook, session_factory: SF, tmp_path: Path
) -> None:
    approvals = _show(qtbot, ApprovalsPanel(lead_api))
    with qtbot.waitSignal(approvals.message, timeout=WAIT) as said:
        approvals.export.export_to(tmp_path / "queue.xlsx", "xlsx")
    assert said.args[0] == f"Exported 1 rows to {tmp_path / 'queue.xlsx'}"
    assert zipfile.is_zipfile(io.BytesIO((tmp_path / "queue.xlsx").read_bytes()))
    dashboard = _show(qtbot, DashboardPanel(lead_api))
    dashboard.set_period("month")
    with qtbot.waitSignal(dashboard.message, timeout=WAIT):
        dashboard.export.export_to(tmp_path / "kpis.csv", "csv")
    assert (tmp_path / "kpis.csv").read_text(encoding="utf-8-sig").count("\n") >= 4
    audit = _show(qtbot, AuditPanel(lead_api))
    with qtbot.waitSignal(audit.message, timeout=WAIT):
        audit.export.export_to(tmp_path / "audit.csv", "csv")
    agents = _show(qtbot, AgentsPanel(lead_api))
    with qtbot.waitSignal(agents.message, timeout=WAIT):
        agents.export.export_to(tmp_path / "agents.xlsx", "xlsx")
    with session_factory() as s:
        exported = s.execute(
            select(AuditLog.action, AuditLog.details).where(AuditLog.action.like("export.%"))
        ).all()
    assert {a for a, _ in exported} == {
        "export.approvals",
        "export.dashboard",
        "export.audit",
        "export.agent_load",
    }
    assert next(d for a, d in exported if a == "export.dashboard")["filters"]["period"] == "month"
    # the server unreachable: said in words, nothing written
    lead_api.api.base_url = "http://127.0.0.1:9"
    lead_api.api.backoff.base = 0.0
    with qtbot.waitSignal(agents.export.failed, timeout=WAIT) as failed:
        agents.export.export_to(tmp_path / "never.csv", "csv")
    assert failed.args[0].startswith("The server cannot be reached")
    assert not (tmp_path / "never.csv").exists()
