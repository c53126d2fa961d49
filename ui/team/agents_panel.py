"""Agent load: each agent's cases, overdue amount, contacts today, promises due today,
broken promises, callbacks due, and whether they are on leave — with the leave switch
(PUT /team/agents/{username}/leave, audited). On leave, an agent is given no cases by the
rule reassignment or the daily allocation; their cases move when the lead rebalances."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.client.team_views import AgentLoadView
from ui.team.calls import LatestCall, error_text
from ui.team.export import ExportButton, exported_text
from ui.team.models import AgentLoadModel
from ui.team.parts import Banner, muted, table_view, title

WIDTHS = (140, 90, 80, 130, 110, 130, 110, 110, 80)


class AgentsPanel(QWidget):
    """See module docstring. `agents_changed` carries the fresh list to the other screens."""

    message = Signal(str)
    agents_changed = Signal(object)  # tuple[AgentLoadView, ...]
    loaded = Signal()

    def __init__(self, api: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.api = api
        self.team: str | None = None
        self.model = AgentLoadModel(self)
        self._load = LatestCall(self)
        self._leave = LatestCall(self)

        self.heading = title(self.tr("Agents"))
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        head = QHBoxLayout()
        head.addWidget(self.heading)
        head.addStretch(1)
        head.addWidget(self.refresh_button)
        self.banner = Banner()
        self.table = table_view(self.model, widths=WIDTHS, stretch_last=False)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.reason = QLineEdit()
        self.reason.setMaxLength(500)
        self.reason.setPlaceholderText(self.tr("Optional: reason for the leave (audited)"))
        self.leave_button = QPushButton(self.tr("Mark on leave"))
        self.leave_button.clicked.connect(self.toggle_leave)
        self.export = ExportButton(api, "agents", self._export_params)
        self.export.exported.connect(lambda p, n: self.message.emit(exported_text(p, n)))
        self.export.cancelled.connect(self.message.emit)
        self.export.failed.connect(self.banner.say)
        foot = QHBoxLayout()
        foot.addWidget(self.reason, 1)
        foot.addWidget(self.leave_button)
        foot.addStretch(1)
        foot.addWidget(self.export)

        box = QVBoxLayout(self)
        box.setContentsMargins(8, 8, 8, 8)
        box.addLayout(head)
        box.addWidget(
            muted(
                self.tr(
                    "An agent on leave is given no cases: the rule reassignment moves "
                    "their cases to the others, and the daily allocation skips them."
                )
            )
        )
        box.addWidget(self.banner)
        box.addWidget(self.table, 1)
        box.addLayout(foot)
        self._selection_changed()

    @property
    def busy(self) -> bool:
        return self._load.busy or self._leave.busy

    def _export_params(self) -> dict[str, Any]:
        return {"team": self.team} if self.team else {}

    def set_team(self, team: str | None) -> None:
        self.team = team
        self.refresh()

    def refresh(self) -> None:
        api, team = self.api, self.team
        self._load.run(lambda: api.agents(team), self._loaded, self._failed)

    def _loaded(self, agents: tuple[AgentLoadView, ...]) -> None:
        keep = self.current_agent()
        self.banner.clear()
        self.model.set_rows(agents)
        self.heading.setText(self.tr("Agents (%1)").replace("%1", f"{len(agents):,}"))
        if keep is not None:
            self.select(keep.username)
        self._selection_changed()
        self.agents_changed.emit(agents)
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self.banner.say(error_text(exc))

    def select(self, username: str) -> bool:
        for row, a in enumerate(self.model.rows()):
            if a.username == username:
                self.table.selectRow(row)
                return True
        return False

    def current_agent(self) -> AgentLoadView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _selection_changed(self, *_args: Any) -> None:
        agent = self.current_agent()
        self.leave_button.setEnabled(agent is not None and not self._leave.busy)
        on_leave = agent is not None and agent.on_leave
        self.leave_button.setText(
            self.tr("Back from leave") if on_leave else self.tr("Mark on leave")
        )

    def toggle_leave(self) -> None:
        """Switch the selected agent's leave (audited on the server), then reload."""
        agent = self.current_agent()
        if agent is None:
            return
        api, reason, on_leave = self.api, self.reason.text(), not agent.on_leave
        self.leave_button.setEnabled(False)

        def done(_changed: bool) -> None:
            self.reason.clear()
            text = (
                self.tr("%1 is marked on leave.")
                if on_leave
                else self.tr("%1 is back and can be given cases.")
            )
            self.message.emit(text.replace("%1", agent.display_name))
            self.refresh()

        def failed(exc: BaseException) -> None:
            self.banner.say(error_text(exc))
            self._selection_changed()

        self._leave.run(lambda: api.set_leave(agent.username, on_leave, reason), done, failed)
