"""The approval queue: plans beyond their author's authority, oldest first, each with the
calculator's figures on today's arrears and every rule it exceeds (in the desk's language,
as the server words them). Approve, or reject with a comment (required: the agent reads it
on their desk after its next sync). A plan beyond the lead's own authority says that an
administrator must approve it; one that no longer computes says why."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.client.team_views import (
    AgentLoadView,
    ApprovalQueueView,
    ApprovalView,
    PlanDecisionView,
)
from ui import formatting, labels
from ui.i18n import current_language
from ui.qt_util import named
from ui.team.calls import LatestCall, error_text
from ui.team.export import ExportButton, exported_text
from ui.team.models import ApprovalsModel, PlanLinesModel
from ui.team.parts import Banner, muted, table_view, title

QUEUE_WIDTHS = (80, 50, 50, 90, 100, 80, 90, 110)
LINE_WIDTHS = (44, 100, 110, 90)


class ApprovalsPanel(QWidget):
    """See module docstring."""

    message = Signal(str)
    loaded = Signal()
    decided = Signal(object)  # PlanDecisionView

    def __init__(self, api: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.api = api
        self.team: str | None = None
        self.model = ApprovalsModel(self)
        self._load = LatestCall(self)
        self._decide = LatestCall(self)
        self._load_error = False

        self.heading = title(self.tr("Plans awaiting approval"))
        refresh = QPushButton(self.tr("Refresh"))
        refresh.clicked.connect(self.refresh)
        self.export = ExportButton(
            api, "approvals", lambda: {"team": self.team} if self.team else {}
        )
        self.export.exported.connect(lambda p, n: self.message.emit(exported_text(p, n)))
        self.export.cancelled.connect(self.message.emit)
        head = QHBoxLayout()
        head.addWidget(self.heading)
        head.addStretch(1)
        head.addWidget(self.export)
        head.addWidget(refresh)
        self.banner = Banner()
        self.export.failed.connect(self.banner.say)
        self.table = table_view(self.model, widths=QUEUE_WIDTHS)
        self.table.selectionModel().selectionChanged.connect(self._show_selected)
        self.empty = muted()
        left = QWidget()
        lbox = QVBoxLayout(left)
        lbox.setContentsMargins(0, 0, 0, 0)
        lbox.addLayout(head)
        lbox.addWidget(self.banner)
        lbox.addWidget(self.table, 1)
        lbox.addWidget(self.empty)

        # --- the selected plan -----------------------------------------------------------
        self.case_line = named(QLabel(), "borrowerName")
        self.overdue_line = named(QLabel(), "headline")
        self.overdue_line.setWordWrap(True)
        self.plan_line = QLabel()
        self.plan_line.setWordWrap(True)
        self.figures = QFormLayout()
        self.figures.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        self.lines = PlanLinesModel(self)
        self.lines_table = table_view(self.lines, widths=LINE_WIDTHS, stretch_last=False)
        self.lines_table.setMinimumHeight(150)
        self.exceeds = QLabel()
        self.exceeds.setWordWrap(True)
        named(self.exceeds, "fieldWarning")
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        named(self.problems, "fieldError")
        self.authority = QLabel()
        self.authority.setWordWrap(True)
        self.comment = QPlainTextEdit()
        self.comment.setPlaceholderText(
            self.tr("Comment for the agent (required to reject; shown on their desk)")
        )
        self.comment.setFixedHeight(64)
        self.comment.textChanged.connect(self._update_buttons)
        self.reject_button = QPushButton(self.tr("Reject"))
        self.reject_button.clicked.connect(self.reject)
        self.approve_button = named(QPushButton(self.tr("Approve")), "primaryButton")
        self.approve_button.clicked.connect(self.approve)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.reject_button)
        buttons.addWidget(self.approve_button)

        detail = named(QFrame(), "panel")
        dbox = QVBoxLayout(detail)
        dbox.addWidget(self.case_line)
        dbox.addWidget(self.overdue_line)
        dbox.addWidget(self.plan_line)
        dbox.addLayout(self.figures)
        dbox.addWidget(self.lines_table)
        dbox.addWidget(title(self.tr("Rules it exceeds")))
        dbox.addWidget(self.exceeds)
        dbox.addWidget(self.problems)
        dbox.addWidget(self.authority)
        dbox.addStretch(1)
        dbox.addWidget(self.comment)
        dbox.addLayout(buttons)
        scroll = QScrollArea()
        scroll.setWidget(detail)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)

        split = QSplitter()
        split.addWidget(left)
        split.addWidget(scroll)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        box = QVBoxLayout(self)
        box.setContentsMargins(8, 8, 8, 8)
        box.addWidget(split)
        self._show(None)

    @property
    def busy(self) -> bool:
        return self._load.busy or self._decide.busy

    # --- the queue ------------------------------------------------------------------------
    def set_team(self, team: str | None) -> None:
        self.team = team
        self.refresh()

    def set_agents(self, agents: tuple[AgentLoadView, ...]) -> None:
        """Authors by their display names."""
        self.model.names = {a.username: a.display_name for a in agents}
        self.model.layoutChanged.emit()

    def refresh(self) -> None:
        api, team = self.api, self.team
        self._load.run(lambda: api.approvals(team), self._loaded, self._failed)

    def _loaded(self, queue: ApprovalQueueView) -> None:
        keep = self.current()
        if self._load_error:  # a refused decision stays on screen; a load error is over
            self._load_error = False
            self.banner.clear()
        self.model.set_rows(queue.items)
        self.heading.setText(
            self.tr("Plans awaiting approval (%1)").replace("%1", f"{queue.total:,}")
        )
        self.empty.setText("" if queue.items else self.tr("No plan is waiting for a decision."))
        self.empty.setVisible(not queue.items)
        row = next(
            (i for i, it in enumerate(queue.items) if keep and it.plan_id == keep.plan_id), 0
        )
        if queue.items:
            self.table.selectRow(row)
        else:
            self._show(None)
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self._load_error = True
        self.banner.say(error_text(exc))

    def current(self) -> ApprovalView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select_plan(self, plan_id: str) -> bool:
        for row, item in enumerate(self.model.rows()):
            if item.plan_id == plan_id:
                self.table.selectRow(row)
                return True
        return False

    # --- the selected plan ------------------------------------------------------------------
    def _show_selected(self, *_args: Any) -> None:
        self._show(self.current())

    def _show(self, item: ApprovalView | None) -> None:
        while self.figures.rowCount():
            self.figures.removeRow(0)
        if item is None:
            for label in (self.case_line, self.overdue_line, self.plan_line, self.exceeds):
                label.clear()
            self.problems.clear()
            self.authority.clear()
            self.lines.set_rows(())
            self._update_buttons()
            return
        c = item.case
        self.case_line.setText(
            self.tr("%1 · %2 · DPD %3")
            .replace("%1", c.borrower_name)
            .replace("%2", c.bucket)
            .replace("%3", str(c.dpd))
        )
        self.overdue_line.setText(
            self.tr("Overdue %1 = principal %2 + interest %3 + penalty %4 + fees %5")
            .replace("%1", formatting.money(c.overdue_total_fen))
            .replace("%2", formatting.money(c.overdue_principal_fen))
            .replace("%3", formatting.money(c.overdue_interest_fen))
            .replace("%4", formatting.money(c.overdue_penalty_fen))
            .replace("%5", formatting.money(c.overdue_fees_fen))
        )
        self.plan_line.setText(
            self.tr("%1, proposed by %2 on %3 (%4)")
            .replace("%1", labels.label(labels.plan_kinds(), item.kind))
            .replace("%2", self.model.author(item))
            .replace("%3", formatting.local_time(item.created_at))
            .replace("%4", labels.label(labels.frequencies(), item.frequency))
        )
        f = item.figures
        if f is not None:
            rows = [
                (self.tr("Owed after waivers"), formatting.money(f.amount_due_fen)),
                (self.tr("Down payment"), formatting.money(f.down_payment_fen)),
                (
                    self.tr("Payments"),
                    self.tr("%1 from %2")
                    .replace("%1", str(f.payments))
                    .replace("%2", formatting.day(f.first_date)),
                ),
                (self.tr("Total to pay"), formatting.money(f.total_payment_fen)),
                (self.tr("of which interest"), formatting.money(f.total_interest_fen)),
                (
                    self.tr("Waived"),
                    self.tr("%1 (principal %2, interest %3, penalty %4, fees %5)")
                    .replace("%1", formatting.money(f.waived_total_fen))
                    .replace("%2", formatting.money(f.waived_principal_fen))
                    .replace("%3", formatting.money(f.waived_interest_fen))
                    .replace("%4", formatting.money(f.waived_penalty_fen))
                    .replace("%5", formatting.money(f.waived_fees_fen)),
                ),
            ]
            if f.new_principal_fen is not None:
                rows.append((self.tr("New principal"), formatting.money(f.new_principal_fen)))
            if f.extension_months:
                rows.append(
                    (
                        self.tr("Extension"),
                        self.tr("%1 months").replace("%1", str(f.extension_months)),
                    )
                )
            for name, value in rows:
                self.figures.addRow(named(QLabel(name), "fieldName"), QLabel(value))
            self.lines.set_rows(f.lines)
        else:
            self.lines.set_rows(())
        lang = current_language()
        self.exceeds.setText(
            "\n".join(f"• {b.message(lang)}" for b in item.exceeds) or self.tr("None")
        )
        problems = [f"• {b.message(lang)}" for b in item.invalid]
        if item.error:
            problems.append("• " + item.error)
        if problems:
            problems.insert(0, self.tr("It cannot be approved now:"))
        self.problems.setText("\n".join(problems))
        self.problems.setVisible(bool(problems))
        self.authority.setText(
            self.tr("Within your authority: you may approve it.")
            if item.within_your_authority
            else self.tr("Beyond your authority: an administrator must approve it.")
        )
        self._update_buttons()

    def _update_buttons(self) -> None:
        item = self.current()
        busy = self._decide.busy
        self.approve_button.setEnabled(item is not None and item.approvable and not busy)
        self.reject_button.setEnabled(
            item is not None and bool(self.comment.toPlainText().strip()) and not busy
        )
        if item is not None and not item.within_your_authority:
            self.approve_button.setToolTip(self.tr("Beyond your authority"))
        else:
            self.approve_button.setToolTip("")

    # --- decisions --------------------------------------------------------------------------
    def approve(self) -> None:
        self._send(approve=True)

    def reject(self) -> None:
        self._send(approve=False)

    def _send(self, *, approve: bool) -> None:
        item = self.current()
        if item is None:
            return
        comment = self.comment.toPlainText().strip()
        if not approve and not comment:
            self.banner.say(self.tr("Write a comment for the agent to reject the plan."))
            return
        api, plan_id = self.api, item.plan_id
        name = item.case.borrower_name
        self.banner.clear()

        def call() -> PlanDecisionView:
            decided: PlanDecisionView = (
                api.approve(plan_id, comment) if approve else api.reject(plan_id, comment)
            )
            return decided

        def done(decision: PlanDecisionView) -> None:
            self.comment.clear()
            text = (
                self.tr(
                    "The plan for %1 is approved; the agent's desk shows it after its next sync."
                )
                if decision.status == "approved"
                else self.tr(
                    "The plan for %1 is rejected; the agent's desk shows your comment after its next sync."
                )
            )
            self.message.emit(text.replace("%1", name))
            self.decided.emit(decision)
            self.refresh()

        def failed(exc: BaseException) -> None:
            self.banner.say(error_text(exc))
            self._update_buttons()
            self.refresh()

        self._decide.run(call, done, failed)
        self._update_buttons()
