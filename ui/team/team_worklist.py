"""The team worklist: every case of the team with its agent, bucket, DPD, amount, last
contact and promise; filter by agent, bucket, status and promise, search, sort by a header.

Paged from the server (GET /team/cases, 200 rows a page as the view scrolls): the server
holds the assignment the lead reassigns from, every agent's last contact and promise, and
filters, sorts and searches over indexes, so 20,000+ cases cost one page each time. The
lead's own store holds the same cases but not who else holds what right now (a reassignment
must name each case's current holder). Search is debounced like the agent worklist's.

Select one case or many and "Reassign…" moves them (each with the holder listed); a refusal
is said in words, the list refreshes and the lead can try again. Double-click opens the
case in the lead's own desk.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Literal

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.client.team_api import ReassignRefused
from app.client.team_views import (
    AgentLoadView,
    ApplyOutcome,
    CaseMoveSpec,
    TeamCasePage,
    TeamCaseQuery,
    TeamCaseRow,
    TeamCaseSort,
)
from ui.qt_util import named
from ui.team.calls import LatestCall, error_text, refusal_text
from ui.team.export import ExportButton, exported_text
from ui.team.models import TeamCasesModel
from ui.team.parts import Banner, BucketChips, fit_combo, table_view, title

SEARCH_DEBOUNCE_MS = 250  # a network round trip per query: a little longer than the desk's
UNASSIGNED = "\x00unassigned"
SORT_KEYS: dict[str, TeamCaseSort] = {
    "agent": "agent",
    "name": "name",
    "bucket": "dpd",
    "dpd": "dpd",
    "overdue": "amount",
    "last_contact": "last_contact",
    "next": "next_action",
}
WIDTHS = (120, 90, 56, 56, 110, 110, 210, 160)


class TeamWorklistPanel(QWidget):
    """See module docstring."""

    message = Signal(str)  # a status line for the window
    open_case = Signal(str)  # case id, to show in the lead's own desk
    moved = Signal()  # a reassignment was applied (the other screens refresh)
    loaded = Signal()  # a first page arrived

    def __init__(self, api: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.api = api
        self.team: str | None = None
        self.agents: tuple[AgentLoadView, ...] = ()
        self.model = TeamCasesModel(self)
        self._sort: TeamCaseSort = "next_action"
        self._order: Literal["asc", "desc"] | None = None
        self._apply = LatestCall(self)
        self._debounce = QTimer(self, singleShot=True, interval=SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.refresh)

        self.heading = title()
        self.search = named(QLineEdit(), "teamSearch")
        self.search.setPlaceholderText(self.tr("Search name, phone, contract, plate"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(260)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.search.returnPressed.connect(self.refresh)
        self.agent = QComboBox()
        self.agent.setMinimumWidth(150)
        self.set_agents(())
        self.status = QComboBox()
        for code, text in (
            ("active", self.tr("Open and recovery")),
            ("open", self.tr("Open")),
            ("recovery", self.tr("Recovery")),
            ("closed", self.tr("Closed")),
            ("all", self.tr("All statuses")),
        ):
            self.status.addItem(text, code)
        self.promise = QComboBox()
        for code, text in (
            ("", self.tr("Any promise")),
            ("pending", self.tr("Promise pending")),
            ("broken", self.tr("Promise broken")),
            ("kept", self.tr("Promise kept")),
            ("none", self.tr("No promise")),
        ):
            self.promise.addItem(text, code)
        fit_combo(self.status)
        fit_combo(self.promise)
        for combo in (self.agent, self.status, self.promise):
            combo.currentIndexChanged.connect(self.refresh)
        self.chips = BucketChips()
        self.chips.changed.connect(self.refresh)
        head = QHBoxLayout()
        head.addWidget(self.heading)
        head.addStretch(1)
        head.addWidget(self.search)
        filters = QHBoxLayout()
        filters.addWidget(self.chips)
        filters.addStretch(1)
        for combo in (self.agent, self.status, self.promise):
            filters.addWidget(combo)

        self.table = table_view(self.model, widths=WIDTHS, multi=True, sortable=True)
        self.table.doubleClicked.connect(self._open)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._keep_indicator)
        self.model.sort_requested.connect(self._sort_by)
        self.model.page_loaded.connect(self._on_page)
        self.model.failed.connect(self._load_failed)
        self._load_error = False
        self._scroll_to: int | None = None  # where to scroll once a refresh in place lands

        self.banner = Banner()
        self.selected = named(QLabel(), "muted")
        self.reassign_button = named(QPushButton(self.tr("Reassign selected…")), "primaryButton")
        self.reassign_button.setEnabled(False)
        self.reassign_button.clicked.connect(self.reassign_selected)
        self.export = ExportButton(api, "team_cases", lambda: self.current_query().filter_params())
        self.export.exported.connect(lambda p, n: self.message.emit(exported_text(p, n)))
        self.export.cancelled.connect(self.message.emit)
        self.export.failed.connect(self.banner.say)
        foot = QHBoxLayout()
        foot.addWidget(self.selected)
        foot.addStretch(1)
        foot.addWidget(self.export)
        foot.addWidget(self.reassign_button)

        box = QVBoxLayout(self)
        box.setContentsMargins(8, 8, 8, 8)
        box.addLayout(head)
        box.addLayout(filters)
        box.addWidget(self.banner)
        box.addWidget(self.table, 1)
        box.addLayout(foot)
        self._selection_changed()

    @property
    def busy(self) -> bool:
        """A page or a reassignment is on its way."""
        return self.model.loading or self._apply.busy

    # --- filters ------------------------------------------------------------------------
    def set_team(self, team: str | None) -> None:
        self.team = team
        self.refresh()

    def set_agents(self, agents: tuple[AgentLoadView, ...]) -> None:
        """The team's agents for the agent filter and the reassign dialog."""
        self.agents = agents
        current = self.agent.currentData()
        self.agent.blockSignals(True)
        self.agent.clear()
        self.agent.addItem(self.tr("All agents"), "")
        self.agent.addItem(self.tr("Unassigned"), UNASSIGNED)
        for a in agents:
            text = a.display_name
            if a.on_leave:
                text = self.tr("%1 — on leave").replace("%1", text)
            self.agent.addItem(text, a.username)
        index = self.agent.findData(current) if current else 0
        self.agent.setCurrentIndex(max(index, 0))
        self.agent.blockSignals(False)
        fit_combo(self.agent)

    def current_query(self) -> TeamCaseQuery:
        agent = str(self.agent.currentData() or "")
        return TeamCaseQuery(
            team=self.team,
            agent=agent if agent and agent != UNASSIGNED else None,
            unassigned=agent == UNASSIGNED,
            buckets=self.chips.checked(),
            status=self.status.currentData() or "active",
            promise=self.promise.currentData() or None,
            search=self.search.text().strip(),
            sort=self._sort,
            order=self._order,
        )

    def refresh(self, *, keep_place: bool = False) -> None:
        """Ask the server for the first page of the current filter; with `keep_place` (after
        a reassignment) for as many rows as the list shows, and scroll back to where the
        lead was."""
        self._debounce.stop()
        query = self.current_query()
        api = self.api
        keep = self.model.rowCount() if keep_place else 0
        self._scroll_to = self.table.verticalScrollBar().value() if keep_place else None
        self.model.load(
            lambda offset, limit: api.team_cases(replace(query, offset=offset, limit=limit)),
            keep_rows=keep,
        )

    def _sort_by(self, key: str, descending: bool) -> None:
        self._sort, self._order = SORT_KEYS[key], ("desc" if descending else "asc")
        self.refresh()

    def _keep_indicator(self, column: int, _order: Qt.SortOrder) -> None:
        """A click on a column the server cannot sort by leaves the indicator where it was."""
        keys = [c.key for c in self.model.columns()]
        if 0 <= column < len(keys) and keys[column] not in self.model.sortable:
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
            header.blockSignals(False)

    def _load_failed(self, exc: BaseException) -> None:
        self._load_error = True
        self.banner.say(error_text(exc))

    def _on_page(self, page: TeamCasePage) -> None:
        if self._load_error:  # a refusal stays on screen; a load error is over
            self._load_error = False
            self.banner.clear()
        self.heading.setText(self.tr("Team cases (%1)").replace("%1", f"{page.total:,}"))
        self.chips.set_counts(page.bucket_counts)
        if self._scroll_to is not None:
            self.table.verticalScrollBar().setValue(self._scroll_to)
            self._scroll_to = None
        self._selection_changed()
        self.loaded.emit()

    # --- selection and reassignment -----------------------------------------------------
    def selected_rows(self) -> list[TeamCaseRow]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.row_at(r) for r in rows]

    def _selection_changed(self, *_args: Any) -> None:
        n = len(self.table.selectionModel().selectedRows())
        self.reassign_button.setEnabled(n > 0 and not self._apply.busy)
        self.selected.setText(
            self.tr("%1 selected").replace("%1", f"{n:,}")
            if n
            else self.tr("Select cases to reassign them (Ctrl/Shift for several)")
        )

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_case.emit(self.model.row_at(index.row()).case_id)

    def reassign_selected(self) -> None:
        from ui.team.move_dialog import MoveDialog

        rows = self.selected_rows()
        if not rows:
            return
        dialog = MoveDialog(rows, self.agents, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.moves():
            self.apply_moves(dialog.moves(), dialog.reason.text())

    def apply_moves(self, moves: list[CaseMoveSpec], reason: str = "") -> None:
        """Send the moves (all or nothing); then refresh, whatever the answer."""
        names = {r.case_id: r.borrower_name for r in self.model.rows()}
        api = self.api
        self.reassign_button.setEnabled(False)
        self.banner.clear()

        def refused(exc: BaseException) -> None:
            text = refusal_text(exc, names) if isinstance(exc, ReassignRefused) else None
            self.banner.say(text or error_text(exc))
            self.refresh(keep_place=True)
            self.moved.emit()  # the agents' load may have changed under us too

        self._apply.run(lambda: api.apply(moves, reason=reason), self._applied, refused)

    def _applied(self, outcome: ApplyOutcome) -> None:
        self.message.emit(
            self.tr(
                "%1 case(s) reassigned; both agents' desks get them at their next sync."
            ).replace("%1", f"{outcome.moved:,}")
        )
        self.table.clearSelection()
        self.refresh(keep_place=True)
        self.moved.emit()
