"""Table models of the plan calculator: the calculated plan's lines, and the case's plans.

Both are RecordTableModels over tuples of frozen values (a plan has at most ~121 lines; a
case a handful of plans), formatted on demand.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from app.client.views import PlanView
from ui import formatting, labels
from ui.models.base import ALIGN_CENTER, ALIGN_RIGHT, Column, RecordTableModel

PlanLineRow = tuple[int, date, int, int]  # (n, due_date, amount_fen, interest_fen)

STATUS_COLORS = {
    "pending_approval": "#9a5b00",
    "approved": "#2f6fab",
    "active": "#2f6fab",
    "kept": "#1f7a3f",
    "rejected": "#a61b1b",
    "broken": "#a61b1b",
}


class PlanLinesModel(RecordTableModel[PlanLineRow]):
    """The calculated plan: #, due date, amount, of which new interest (n = 0: down payment)."""

    def columns(self) -> Sequence[Column[PlanLineRow]]:
        return (
            Column("n", self._n, ALIGN_RIGHT),
            Column("due", lambda r: formatting.day(r[1])),
            Column("amount", lambda r: formatting.money(r[2], symbol=False), ALIGN_RIGHT),
            Column("interest", lambda r: formatting.money(r[3], symbol=False), ALIGN_RIGHT),
        )

    def _n(self, row: PlanLineRow) -> str:
        return self.tr("Down") if row[0] == 0 else str(row[0])

    def header(self, key: str) -> str:
        return {
            "n": "#",
            "due": self.tr("Due date"),
            "amount": self.tr("Amount"),
            "interest": self.tr("of which interest"),
        }[key]

    def set_rows(self, rows: Sequence[PlanLineRow]) -> None:
        """Same number of lines (the agent changed an amount): repaint the cells in place
        instead of resetting the model (a reset re-lays out the whole view each keystroke)."""
        new = tuple(rows)
        if len(new) != len(self._rows) or not new:
            super().set_rows(new)
            return
        if new == self._rows:
            return
        self._rows = new
        self.dataChanged.emit(self.index(0, 0), self.index(len(new) - 1, len(self._columns) - 1))


class CasePlansModel(RecordTableModel[PlanView]):
    """The case's plans, newest first: type, status, total, first date, author."""

    def columns(self) -> Sequence[Column[PlanView]]:
        return (
            Column("kind", lambda p: labels.label(labels.plan_kinds(), p.kind)),
            Column(
                "status",
                self._status,
                ALIGN_CENTER,
                foreground=self._color,
                tooltip=self._tooltip,
            ),
            Column("total", lambda p: formatting.money(p.total_fen), ALIGN_RIGHT),
            Column("first", lambda p: formatting.day(p.first_date)),
            Column("author", lambda p: p.author),
        )

    def _status(self, p: PlanView) -> str:
        text = labels.label(labels.plan_statuses(), p.status)
        if p.rejected:
            return self.tr("Refused by the server")
        if p.pending:
            return self.tr("%1 · waiting to sync").replace("%1", text)
        return text

    def _color(self, p: PlanView) -> str | None:
        return "#a61b1b" if p.rejected else STATUS_COLORS.get(p.status)

    def _tooltip(self, p: PlanView) -> str:
        if p.rejected:
            return p.rejection_reason or ""
        if p.status == "broken" and p.broken_due is not None:
            return (
                self.tr("Broken: payment due %1 short by %2")
                .replace("%1", formatting.day(p.broken_due))
                .replace("%2", formatting.money(p.broken_short_fen or 0))
            )
        if p.booked_on is not None and p.status in ("approved", "active"):
            return self.tr("Rebooked onto the loan on %1: its lines are the schedule").replace(
                "%1", formatting.day(p.booked_on)
            )
        if p.decision_note:
            return p.decision_note
        if p.evaluated_on:
            return self.tr("since %1").replace("%1", formatting.day(p.evaluated_on))
        return ""

    def header(self, key: str) -> str:
        return {
            "kind": self.tr("Plan"),
            "status": self.tr("Status"),
            "total": self.tr("Total"),
            "first": self.tr("First payment"),
            "author": self.tr("By"),
        }[key]

    def set_rows(self, rows: Sequence[PlanView]) -> None:
        super().set_rows(sorted(rows, key=lambda p: p.created_at, reverse=True))
