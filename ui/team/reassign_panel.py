"""Reassignment by rule: balance the team's cases by count or by overdue amount, per bucket
or over the chosen buckets together; agents on leave give their cases and get none.

Preview first (POST /team/reassign/preview writes nothing): each agent's cases and amount
before and after, and who gives how many cases to whom. Apply sends exactly the preview's
moves, each with the holder the preview saw (POST /team/reassign/apply, all or nothing). A
case that moved meanwhile, or a target that went on leave, refuses the whole apply: the
panel says why in words and asks for a new preview. Changing the rule (or someone's leave)
discards the preview. Selecting an agent in the preview lets the lead switch their leave
right here; the preview is then run again.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.client.team_api import ReassignRefused
from app.client.team_views import (
    AgentLoadView,
    ApplyOutcome,
    ReassignRuleSpec,
    RulePreviewView,
)
from ui import formatting
from ui.qt_util import named
from ui.team.calls import LatestCall, error_text, refusal_text
from ui.team.models import FlowModel, ShareModel, flows
from ui.team.parts import Banner, BucketChips, muted, table_view, title

SHARE_WIDTHS = (130, 120, 90, 90, 70, 130, 130, 130)
FLOW_WIDTHS = (150, 150, 70, 140)


class ReassignPanel(QWidget):
    """See module docstring."""

    message = Signal(str)
    moved = Signal()  # moves were applied, or refused (the lists changed under us)
    previewed = Signal()  # a preview arrived
    leave_changed = Signal()

    def __init__(self, api: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.api = api
        self.team: str | None = None
        self.can_choose_team = False  # an admin must pick one team
        self.preview: RulePreviewView | None = None
        self._preview_call = LatestCall(self)
        self._apply_call = LatestCall(self)
        self._leave_call = LatestCall(self)

        # --- the rule -------------------------------------------------------------------
        self.by_count = QRadioButton(self.tr("By number of cases"))
        self.by_amount = QRadioButton(self.tr("By overdue amount"))
        self.by_count.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.by_count)
        group.addButton(self.by_amount)
        self.chips = BucketChips()
        self.per_bucket = QCheckBox(self.tr("Balance each bucket on its own"))
        self.per_bucket.setChecked(True)
        for signal in (self.by_count.toggled, self.per_bucket.toggled, self.chips.changed):
            signal.connect(self._rule_changed)
        self.preview_button = named(QPushButton(self.tr("Preview")), "primaryButton")
        self.preview_button.clicked.connect(self.run_preview)
        rule = named(QFrame(), "panel")
        form = QVBoxLayout(rule)
        form.addWidget(title(self.tr("Balance the team's cases")))
        form.addWidget(self.by_count)
        form.addWidget(self.by_amount)
        form.addSpacing(6)
        form.addWidget(QLabel(self.tr("Buckets:")))
        form.addWidget(self.chips)
        form.addWidget(self.per_bucket)
        form.addSpacing(6)
        form.addWidget(
            muted(
                self.tr(
                    "Cases of agents on leave or disabled, and cases nobody holds, always "
                    "move; agents on leave receive none. Nothing changes until you apply."
                )
            )
        )
        self.on_leave = muted()
        form.addWidget(self.on_leave)
        form.addStretch(1)
        form.addWidget(self.preview_button)
        rule.setMinimumWidth(300)
        rule.setMaximumWidth(380)

        # --- the preview ----------------------------------------------------------------
        self.summary = named(QLabel(self.tr("No preview yet.")), "headline")
        self.summary.setWordWrap(True)
        self.banner = Banner()
        self.shares = ShareModel(self)
        self.share_table = table_view(self.shares, widths=SHARE_WIDTHS, stretch_last=False)
        self.share_table.selectionModel().selectionChanged.connect(self._share_selected)
        self.leave_button = QPushButton(self.tr("Mark on leave"))
        self.leave_button.setEnabled(False)
        self.leave_button.clicked.connect(self.toggle_leave)
        self.flows = FlowModel(self)
        self.flow_table = table_view(self.flows, widths=FLOW_WIDTHS)
        self.reason = QLineEdit()
        self.reason.setMaxLength(500)
        self.reason.setPlaceholderText(self.tr("Optional: why (kept in the audit log)"))
        self.apply_button = named(QPushButton(self.tr("Apply these moves")), "primaryButton")
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self.apply)

        share_head = QHBoxLayout()
        share_head.addWidget(title(self.tr("Each agent before and after")))
        share_head.addStretch(1)
        share_head.addWidget(self.leave_button)
        right = QWidget()
        rbox = QVBoxLayout(right)
        rbox.setContentsMargins(0, 0, 0, 0)
        rbox.addWidget(self.summary)
        rbox.addWidget(self.banner)
        rbox.addLayout(share_head)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.share_table)
        flow_box = QWidget()
        fbox = QVBoxLayout(flow_box)
        fbox.setContentsMargins(0, 4, 0, 0)
        fbox.addWidget(title(self.tr("Who gives cases to whom")))
        fbox.addWidget(self.flow_table, 1)
        split.addWidget(flow_box)
        split.setChildrenCollapsible(False)
        rbox.addWidget(split, 1)
        apply_row = QHBoxLayout()
        apply_row.addWidget(self.reason, 1)
        apply_row.addWidget(self.apply_button)
        rbox.addLayout(apply_row)

        box = QHBoxLayout(self)
        box.setContentsMargins(8, 8, 8, 8)
        box.addWidget(rule)
        box.addWidget(right, 1)

    @property
    def busy(self) -> bool:
        return self._preview_call.busy or self._apply_call.busy or self._leave_call.busy

    # --- the rule -------------------------------------------------------------------------
    def set_team(self, team: str | None, *, admin: bool = False) -> None:
        self.team = team
        self.can_choose_team = admin
        self._discard(self.tr("No preview yet."))
        self.preview_button.setEnabled(not (admin and team is None))
        if admin and team is None:
            self.summary.setText(self.tr("Choose a team above to balance its cases."))

    def set_agents(self, agents: tuple[AgentLoadView, ...]) -> None:
        """Say who is on leave (they give their cases and get none)."""
        away = [a.display_name for a in agents if a.on_leave]
        self.on_leave.setText(
            self.tr("On leave: %1").replace("%1", ", ".join(away))
            if away
            else self.tr("No agent of the team is on leave.")
        )

    def rule(self) -> ReassignRuleSpec:
        return ReassignRuleSpec(
            team=self.team,
            balance="amount" if self.by_amount.isChecked() else "count",
            buckets=self.chips.checked(),
            per_bucket=self.per_bucket.isChecked(),
        )

    def _rule_changed(self, *_args: Any) -> None:
        if self.preview is not None:
            self._discard(self.tr("The rule changed: preview again to see the moves."))

    def _discard(self, text: str) -> None:
        self._preview_call.cancel()
        self.preview = None
        self.shares.set_rows(())
        self.flows.set_rows(())
        self.apply_button.setEnabled(False)
        self.summary.setText(text)

    # --- preview ----------------------------------------------------------------------------
    def run_preview(self) -> None:
        api, rule = self.api, self.rule()
        self.banner.clear()
        self.summary.setText(self.tr("Calculating the moves…"))
        self.apply_button.setEnabled(False)
        self._preview_call.run(lambda: api.preview(rule), self._show, self._preview_failed)

    def _preview_failed(self, exc: BaseException) -> None:
        self.summary.setText(self.tr("No preview."))
        self.banner.say(error_text(exc))

    def _show(self, preview: RulePreviewView) -> None:
        self.preview = preview
        names = {a.username: a.display_name for a in preview.agents}
        self.shares.set_rows(preview.agents)
        self.flows.set_rows(flows(preview.moves, names, self.tr("Unassigned")))
        if preview.moves:
            text = self.tr(
                "Team %1: %2 of %3 cases move (%4 of %5 overdue). Check the table, then apply."
            )
            text = (
                text.replace("%1", preview.team)
                .replace("%2", f"{len(preview.moves):,}")
                .replace("%3", f"{preview.pool_cases:,}")
                .replace("%4", formatting.money(preview.moved_amount_fen))
                .replace("%5", formatting.money(preview.pool_amount_fen))
            )
        else:
            text = self.tr("Team %1 is already balanced under this rule: nothing moves.").replace(
                "%1", preview.team
            )
        self.summary.setText(text)
        self.apply_button.setEnabled(bool(preview.moves))
        self.previewed.emit()

    # --- apply ------------------------------------------------------------------------------
    def apply(self) -> None:
        preview = self.preview
        if preview is None or not preview.moves:
            return
        api, reason = self.api, self.reason.text()
        moves = [m.spec() for m in preview.moves]
        self.apply_button.setEnabled(False)
        self.preview_button.setEnabled(False)
        self._apply_call.run(
            lambda: api.apply(moves, reason=reason, rule=preview.rule),
            self._applied,
            self._refused,
        )

    def _applied(self, outcome: ApplyOutcome) -> None:
        self.preview_button.setEnabled(True)
        self.reason.clear()
        self._discard(
            self.tr(
                "Applied: %1 case(s) moved. Both agents' desks get them at their next sync."
            ).replace("%1", f"{outcome.moved:,}")
        )
        self.message.emit(self.summary.text())
        self.moved.emit()

    def _refused(self, exc: BaseException) -> None:
        moves = self.preview.moves if self.preview is not None else ()
        names = {m.case_id: m.borrower_name for m in moves if m.borrower_name}
        self.preview_button.setEnabled(True)
        self._discard(self.tr("Nothing was applied. Preview again."))
        text = refusal_text(exc, names) if isinstance(exc, ReassignRefused) else None
        self.banner.say(text or error_text(exc))
        self.moved.emit()

    # --- leave from the preview ------------------------------------------------------------
    def _selected_share(self) -> Any:
        rows = self.share_table.selectionModel().selectedRows()
        return self.shares.row_at(rows[0].row()) if rows else None

    def _share_selected(self, *_args: Any) -> None:
        share = self._selected_share()
        self.leave_button.setEnabled(share is not None and not self._leave_call.busy)
        on_leave = share is not None and share.on_leave
        self.leave_button.setText(
            self.tr("Back from leave") if on_leave else self.tr("Mark on leave")
        )

    def toggle_leave(self) -> None:
        share = self._selected_share()
        if share is None:
            return
        api, on_leave = self.api, not share.on_leave
        self.leave_button.setEnabled(False)

        def done(_changed: bool) -> None:
            self.leave_changed.emit()
            self.run_preview()

        def failed(exc: BaseException) -> None:
            self.banner.say(error_text(exc))
            self._share_selected()

        self._leave_call.run(lambda: api.set_leave(share.username, on_leave), done, failed)
