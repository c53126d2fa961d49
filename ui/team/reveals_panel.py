"""Reveals: who revealed which personal information, on which case and why (GET
/team/reveals; a lead sees the team's members, an admin all or the chosen team), today or
this week. Each agent's count of the day is weighed against the server's daily threshold;
an agent above it is flagged in red at the top (the first reveal past it is also in the
audit log as "Passed the daily reveal threshold"). Values and names stay masked."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.client.reveal_views import RevealsView
from ui import formatting, labels
from ui.team.calls import LatestCall, error_text
from ui.team.parts import Banner, fit_combo, muted, title

ALERT = QColor("#b42318")


def _table(headers: list[str], widths: tuple[int, ...]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(24)
    hh = table.horizontalHeader()
    hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    hh.setStretchLastSection(True)
    for i, width in enumerate(widths):
        table.setColumnWidth(i, max(width, hh.fontMetrics().horizontalAdvance(headers[i]) + 22))
    return table


def _item(text: str, *, right: bool = False, alert: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if alert:
        item.setForeground(QBrush(ALERT))
        font = item.font()
        font.setBold(True)
        item.setFont(font)
    return item


class RevealsPanel(QWidget):
    """See module docstring. `alerts` carries how many agents are over the threshold."""

    message = Signal(str)
    loaded = Signal()
    alerts = Signal(int)

    def __init__(self, api: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.api = api
        self.team: str | None = None
        self.report: RevealsView | None = None
        self._load = LatestCall(self)
        self.heading = title(self.tr("Reveals of personal information"))
        self.period = QComboBox()
        self.period.addItem(self.tr("Today"), "today")
        self.period.addItem(self.tr("This week"), "week")
        fit_combo(self.period)
        self.period.currentIndexChanged.connect(self.refresh)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        head = QHBoxLayout()
        head.addWidget(self.heading)
        head.addStretch(1)
        head.addWidget(self.period)
        head.addWidget(self.refresh_button)
        self.hint = muted()
        self.alert = Banner()
        self.banner = Banner()
        self.agents = _table(
            [self.tr("Agent"), self.tr("Today"), self.tr("This week"), self.tr("Threshold")],
            (150, 70, 80, 160),
        )
        self.entries = _table(
            [
                self.tr("When"),
                self.tr("Agent"),
                self.tr("What"),
                self.tr("Value (masked)"),
                self.tr("Borrower"),
                self.tr("Case"),
                self.tr("Reason"),
                self.tr("Note"),
            ],
            (110, 110, 90, 170, 80, 90, 240, 200),
        )
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.agents)
        split.addWidget(self.entries)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        split.setChildrenCollapsible(False)
        box = QVBoxLayout(self)
        box.setContentsMargins(8, 8, 8, 8)
        box.addLayout(head)
        box.addWidget(self.hint)
        box.addWidget(self.alert)
        box.addWidget(self.banner)
        box.addWidget(split, 1)

    @property
    def busy(self) -> bool:
        return self._load.busy

    def set_team(self, team: str | None) -> None:
        self.team = team
        self.refresh()

    def refresh(self) -> None:
        api, team, period = self.api, self.team, str(self.period.currentData())
        self._load.run(lambda: api.reveals(period, team), self._loaded, self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.banner.say(error_text(exc))

    def _loaded(self, report: RevealsView) -> None:
        self.report = report
        self.banner.clear()
        self.hint.setText(
            self.tr(
                "Every reveal is recorded with its reason (PIPL Art. 51). An agent who "
                "reveals more than %1 values in a day is flagged here and in the audit log."
            ).replace("%1", str(report.threshold))
        )
        over = report.over_threshold
        self.alert.say(
            self.tr("Above the daily threshold of %1 reveals: %2. Ask them why.")
            .replace("%1", str(report.threshold))
            .replace(
                "%2",
                self.tr(", ").join(
                    self.tr("%1 (%2 today)")
                    .replace("%1", a.display_name or a.username)
                    .replace("%2", str(a.today))
                    for a in over
                ),
            )
            if over
            else ""
        )
        self._fill_agents(report)
        self._fill_entries(report)
        self.heading.setText(
            self.tr("Reveals of personal information (%1)").replace("%1", f"{report.total:,}")
        )
        self.alerts.emit(len(over))
        self.loaded.emit()

    def _fill_agents(self, report: RevealsView) -> None:
        self.agents.setRowCount(len(report.agents))
        for row, a in enumerate(report.agents):
            flag = self.tr("Above the threshold") if a.over_threshold else ""
            cells = (
                _item(a.display_name or a.username, alert=a.over_threshold),
                _item(str(a.today), right=True, alert=a.over_threshold),
                _item(str(a.week), right=True),
                _item(flag, alert=a.over_threshold),
            )
            for col, cell in enumerate(cells):
                self.agents.setItem(row, col, cell)

    def _fill_entries(self, report: RevealsView) -> None:
        self.entries.setRowCount(len(report.entries))
        for row, e in enumerate(report.entries):
            cells = (
                formatting.local_time(e.at, today=report.today),
                e.display_name or e.username,
                labels.label(labels.reveal_fields(), e.field),
                e.masked_value,
                e.borrower_masked,
                (e.case_id or "")[:8],
                labels.label(labels.reveal_reasons(), e.reason),
                e.note or "",
            )
            for col, text in enumerate(cells):
                item = _item(text)
                if col == 5 and e.case_id:
                    item.setToolTip(e.case_id)
                if col == 7 and e.note:
                    item.setToolTip(e.note)
                self.entries.setItem(row, col, item)
