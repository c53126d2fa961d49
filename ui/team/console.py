"""The team console: one tab per screen — team worklist, agents, reassignment by rule,
approvals, dashboard, audit, reveals, quality queue — over one TeamApi.

A team lead sees their own team (the server decides which); an admin picks a team, or
every team, above the tabs. A tab asks the server when it is first shown and again when the
team changes; a reassignment (or a refused one, or a leave switched) refreshes the agents'
load and marks the other lists stale, so each shows the new holders when next looked at.
The reveals are asked for when the console starts: agents above the daily reveal
threshold show on the tab's title ("Reveals (⚠ 1)") whichever tab is open.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from app.client.team_views import AgentLoadView
from ui.qt_util import named
from ui.team.agents_panel import AgentsPanel
from ui.team.approvals_panel import ApprovalsPanel
from ui.team.audit_panel import AuditPanel
from ui.team.dashboard_panel import DashboardPanel
from ui.team.quality_panel import QualityPanel
from ui.team.reassign_panel import ReassignPanel
from ui.team.reveals_panel import RevealsPanel
from ui.team.team_worklist import TeamWorklistPanel

WORKLIST, AGENTS, REASSIGN, APPROVALS, DASHBOARD, AUDIT, REVEALS, QUALITY = range(8)


class TeamConsole(QWidget):
    """See module docstring. `role` is the signed-in user's (team_lead or admin)."""

    message = Signal(str)
    open_case = Signal(str)

    def __init__(self, api: Any, *, role: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "teamConsole")
        self.api = api
        self.admin = role == "admin"
        self.team: str | None = None
        self.worklist = TeamWorklistPanel(api)
        self.agents = AgentsPanel(api)
        self.reassign = ReassignPanel(api)
        self.approvals = ApprovalsPanel(api)
        self.dashboard = DashboardPanel(api)
        self.audit = AuditPanel(api)
        self.reveals = RevealsPanel(api)
        self.quality = QualityPanel(api)
        self.panels: tuple[Any, ...] = (
            self.worklist,
            self.agents,
            self.reassign,
            self.approvals,
            self.dashboard,
            self.audit,
            self.reveals,
            self.quality,
        )
        self._fresh: set[int] = set()

        self.tabs = named(QTabWidget(), "teamTabs")
        self.tabs.setDocumentMode(True)
        for panel, text in zip(
            self.panels,
            (
                self.tr("Team worklist"),
                self.tr("Agents"),
                self.tr("Reassign"),
                self.tr("Approvals"),
                self.tr("Dashboard"),
                self.tr("Audit"),
                self.tr("Reveals"),
                self.tr("Quality"),
            ),
            strict=True,
        ):
            self.tabs.addTab(panel, text)
        self.tabs.currentChanged.connect(self._tab_shown)

        self.team_combo = QComboBox()
        self.team_combo.addItem(self.tr("All teams"), "")
        self.team_combo.currentIndexChanged.connect(self._team_chosen)
        head = QHBoxLayout()
        head.setContentsMargins(8, 6, 8, 0)
        head.addWidget(named(QLabel(self.tr("Team console")), "panelTitle"))
        head.addStretch(1)
        if self.admin:
            head.addWidget(QLabel(self.tr("Team:")))
            head.addWidget(self.team_combo)
        else:
            self.team_combo.hide()
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(head)
        box.addWidget(self.tabs, 1)

        for panel in self.panels:
            panel.message.connect(self.message)
        self.worklist.open_case.connect(self.open_case)
        self.agents.agents_changed.connect(self._agents_changed)
        self.worklist.moved.connect(lambda: self._lists_changed(WORKLIST))
        self.reassign.moved.connect(lambda: self._lists_changed(REASSIGN))
        self.reassign.leave_changed.connect(lambda: self._lists_changed(REASSIGN))
        self.agents.loaded.connect(lambda: self._fresh.add(AGENTS))
        self.approvals.loaded.connect(self._approvals_counted)
        self.reveals.alerts.connect(self._reveal_alerts)
        self.reassign.set_team(None, admin=self.admin)

    # --- loading ----------------------------------------------------------------------------
    def start(self) -> None:
        """First show: the agents (every screen needs them) and the visible tab."""
        self.agents.set_team(self.team)
        self._fresh.add(AGENTS)
        self._load_reveals()
        self._tab_shown(self.tabs.currentIndex())

    def _load_reveals(self) -> None:
        """The reveals' alert is wanted whichever tab is open."""
        self.reveals.set_team(self.team)
        self._fresh.add(REVEALS)

    def _tab_shown(self, index: int) -> None:
        if index in self._fresh or not 0 <= index < len(self.panels):
            return
        self._fresh.add(index)
        panel = self.panels[index]
        if index == REASSIGN:
            panel.set_team(self.team, admin=self.admin)
        elif index != AGENTS:
            panel.set_team(self.team)
        else:
            panel.refresh()

    def show_tab(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)
        self._tab_shown(index)

    def _team_chosen(self) -> None:
        self.team = str(self.team_combo.currentData() or "") or None
        self._fresh.clear()
        self.agents.set_team(self.team)
        self._fresh.add(AGENTS)
        self._load_reveals()
        self._tab_shown(self.tabs.currentIndex())

    def _agents_changed(self, agents: tuple[AgentLoadView, ...]) -> None:
        self.worklist.set_agents(agents)
        self.reassign.set_agents(agents)
        self.approvals.set_agents(agents)
        if self.admin and self.team is None:
            known = {self.team_combo.itemData(i) for i in range(self.team_combo.count())}
            for name in sorted({a.team for a in agents if a.team} - known):
                self.team_combo.addItem(name, name)

    def _lists_changed(self, source: int) -> None:
        """Cases moved (or a move was refused): the agents' load now, the rest when shown."""
        self._fresh = {source} if source != AGENTS else set()
        self.agents.refresh()
        self._fresh.add(AGENTS)

    def _approvals_counted(self) -> None:
        n = self.approvals.model.rowCount()
        text = self.tr("Approvals")
        self.tabs.setTabText(APPROVALS, f"{text} ({n})" if n else text)

    def _reveal_alerts(self, over: int) -> None:
        text = self.tr("Reveals")
        self.tabs.setTabText(REVEALS, f"{text} (⚠ {over})" if over else text)
