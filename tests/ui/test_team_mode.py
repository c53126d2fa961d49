"""Team mode of the main window, end to end against the real in-process server: only a lead
or an admin gets it; Ctrl+T switches; a rule reassignment previewed and applied in the
console reaches both agents' desks at their next sync and the team worklist shows the new
holders; a plan approved from the queue shows on the agent's desk after its sync."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.client.plan_calculator import PlanForm
from app.client.team_api import TeamApi
from app.client.views import ChangeSet
from app.server.models import Case, User
from tests.client.harness import Desk
from tests.client.live import LiveServer
from tests.client.team_book import TeamBook
from tests.server.conftest import TEST_PASSWORD, business_today
from ui.main_window import MainWindow
from ui.models.base import TOOLTIP
from ui.signal_hub import SignalHub
from ui.team.console import APPROVALS, REASSIGN, WORKLIST

SF = sessionmaker[Session]
WAIT = 10_000


def _window(qtbot, desk: Desk, role: str, team: Any) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(
        desk.desk,
        SignalHub(),
        user_label=desk.username,
        restore=False,
        reminders=False,
        team=team,
        role=role,
    )
    qtbot.addWidget(window)
    window.resize(1500, 900)
    window.show()
    window.load()
    return window


def _server_cases(sf: SF, username: str) -> set[str]:
    with sf() as s:
        return set(
            s.scalars(
                select(Case.id)
                .join(User, User.id == Case.assigned_to_id)
                .where(User.username == username, Case.status != "closed")
            )
        )


def _local_cases(d: Desk) -> set[str]:
    return {r[0] for r in d.store.connection().execute("SELECT id FROM cases")}


def test_only_leads_and_admins_get_team_mode(  # type: ignore[no-untyped-def]
    qtbot, live: LiveServer, team_book: TeamBook, lead_api: TeamApi, tmp_path: Path
) -> None:
    agent = Desk(live.url, "agent-a", TEST_PASSWORD, tmp_path / "a")
    assert agent.sync().outcome == "ok"
    plain = _window(qtbot, agent, "agent", lead_api)
    assert plain.team_mode is None
    assert "Team console (Ctrl+T)" not in [
        a.text() for a in plain.findChildren(type(plain.sync_action))
    ]
    lead = Desk(live.url, "lead-t", TEST_PASSWORD, tmp_path / "lead")
    assert lead.sync().outcome == "ok"
    window = _window(qtbot, lead, "team_lead", lead_api)
    mode = window.team_mode
    assert mode is not None and not mode.active and mode.console is None  # built when shown
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert mode.active and mode.action.isChecked() and mode.console is not None
    assert not window.next_action.isEnabled() and not window.search.isEnabled()
    assert not mode.console.team_combo.isVisible()  # a lead's team is their own
    qtbot.waitUntil(lambda: mode.console.worklist.model.total == 10, timeout=WAIT)
    mode.action.trigger()
    assert not mode.active and window.next_action.isEnabled()
    admin = Desk(live.url, "admin-t", TEST_PASSWORD, tmp_path / "admin")
    admin_window = _window(qtbot, admin, "admin", TeamApi(admin.session.api))
    admin_window.team_mode.set_active(True)
    console = admin_window.team_mode.console
    assert console.team_combo.isVisible()
    qtbot.waitUntil(lambda: console.team_combo.count() == 3, timeout=WAIT)  # all, team-1, -2
    qtbot.waitUntil(lambda: console.worklist.model.total == 12, timeout=WAIT)  # every team
    console.team_combo.setCurrentIndex(console.team_combo.findData("team-2"))
    qtbot.waitUntil(lambda: console.worklist.model.total == 2, timeout=WAIT)


def test_rule_reassignment_from_the_console_reaches_both_desks(  # type: ignore[no-untyped-def]
    qtbot, live: LiveServer, team_book: TeamBook, session_factory: SF, tmp_path: Path
) -> None:
    desk_a = Desk(live.url, "agent-a", TEST_PASSWORD, tmp_path / "a")
    desk_c = Desk(live.url, "agent-c", TEST_PASSWORD, tmp_path / "c")
    lead = Desk(live.url, "lead-t", TEST_PASSWORD, tmp_path / "lead")
    for d in (desk_a, desk_c, lead):
        assert d.sync().outcome == "ok"
    assert len(_local_cases(desk_a)) == 6 and len(_local_cases(desk_c)) == 1
    window = _window(qtbot, lead, "team_lead", TeamApi(lead.session.api))
    window.team_mode.set_active(True)
    console = window.team_mode.console
    qtbot.waitUntil(lambda: console.worklist.model.total == 10, timeout=WAIT)
    console.show_tab(REASSIGN)
    panel = console.reassign
    panel.per_bucket.setChecked(False)
    with qtbot.waitSignal(panel.previewed, timeout=WAIT):
        qtbot.mouseClick(panel.preview_button, Qt.MouseButton.LeftButton)
    planned = {m.case_id: m.to_agent for m in panel.preview.moves}
    assert planned and panel.apply_button.isEnabled()
    with qtbot.waitSignal(panel.moved, timeout=WAIT):
        qtbot.mouseClick(panel.apply_button, Qt.MouseButton.LeftButton)
    assert "Applied:" in window.statusBar().currentMessage()
    # both agents' desks at their next sync
    for d in (desk_a, desk_c):
        assert d.sync().outcome == "ok"
        assert _local_cases(d) == _server_cases(session_factory, d.username)
    gone = {cid for cid, to in planned.items() if to != "agent-a"}
    assert gone and not gone & _local_cases(desk_a)
    to_c = {cid for cid, to in planned.items() if to == "agent-c"}
    assert to_c <= _local_cases(desk_c)
    # the team worklist shows the new holders when looked at again
    with qtbot.waitSignal(console.worklist.loaded, timeout=WAIT):
        console.show_tab(WORKLIST)
    shown = {
        console.worklist.model.row_at(r).case_id: console.worklist.model.row_at(r).assigned_to
        for r in range(console.worklist.model.rowCount())
    }
    assert all(shown[cid] == to for cid, to in planned.items())
    assert console.agents.model.rowCount() == 3
    # a double-click opens a case in the lead's own desk (its store syncs the team's cases)
    assert lead.sync().outcome == "ok"
    window.apply_changes(ChangeSet(worklist=True, full_reload=True))
    case_id = next(iter(to_c or planned))
    row = next(r for r in range(10) if console.worklist.model.row_at(r).case_id == case_id)
    console.worklist.table.doubleClicked.emit(console.worklist.model.index(row, 1))
    assert not window.team_mode.active and window.current is not None
    assert window.current.case.id == case_id


def test_approve_from_the_queue_shows_on_the_agents_desk(  # type: ignore[no-untyped-def]
    qtbot, live: LiveServer, team_book: TeamBook, tmp_path: Path
) -> None:
    agent = Desk(live.url, "agent-a", TEST_PASSWORD, tmp_path / "a")
    assert agent.sync().outcome == "ok"
    case_id = team_book.cases["agent-a"][0].case_id  # ¥200.00 of penalty
    form = PlanForm(
        kind="catch_up",
        first_date=business_today() + timedelta(days=4),
        payments=4,
        waive_penalty_fen=12_000,  # 60 %: beyond an agent's 50 %
    )
    agent.desk.propose_plan(case_id, form)
    assert agent.sync().outcome == "ok" and agent.outbox_statuses() == []
    [mine] = [p for p in agent.desk.case_detail(case_id).plans if p.author == "agent-a"
              and p.id != team_book.plan_id]  # fmt: skip
    assert mine.status == "pending_approval"
    agent_window = _window(qtbot, agent, "agent", None)
    lead = Desk(live.url, "lead-t", TEST_PASSWORD, tmp_path / "lead")
    window = _window(qtbot, lead, "team_lead", TeamApi(lead.session.api))
    window.team_mode.set_active(True)
    console = window.team_mode.console
    panel = console.approvals
    with qtbot.waitSignal(panel.loaded, timeout=WAIT):
        console.show_tab(APPROVALS)
    assert console.tabs.tabText(APPROVALS) == "Approvals (2)"
    assert panel.select_plan(mine.id) and panel.approve_button.isEnabled()
    panel.comment.setPlainText("同意，按期跟进")
    with qtbot.waitSignal(panel.decided, timeout=WAIT):
        qtbot.mouseClick(panel.approve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: console.tabs.tabText(APPROVALS) == "Approvals (1)", timeout=WAIT)
    # the agent's desk, after its next sync
    assert agent.sync().outcome == "ok"
    agent_window.worklist.select_case(case_id) or agent_window.show_case(case_id)
    agent_window.apply_changes(ChangeSet(case_ids=frozenset({case_id}), full_reload=True))
    plans = agent_window.side.plan.plans_model
    row = next(r for r in range(plans.rowCount()) if plans.row_at(r).id == mine.id)
    assert plans.data(plans.index(row, 1)) == "Approved"
    assert plans.data(plans.index(row, 1), TOOLTIP) == "同意，按期跟进"
    assert "[Plan: Approved · “同意，按期跟进”]" in agent_window.profile.badges.text()
