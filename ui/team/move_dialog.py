"""Reassign one case or a selection of the team worklist to an agent of the team.

The dialog says what moves (how many cases, from whom, how much) and asks for the target
and an optional reason. Agents on leave are listed but cannot be chosen (the server would
refuse them). The panel sends the moves, each with the holder it listed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.client.team_views import AgentLoadView, CaseMoveSpec, TeamCaseRow
from ui import formatting


class MoveDialog(QDialog):
    """See module docstring; `moves()` after it was accepted."""

    def __init__(
        self,
        rows: Sequence[TeamCaseRow],
        agents: Sequence[AgentLoadView],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Reassign cases"))
        self.rows = tuple(rows)
        amount = sum(r.overdue_total_fen for r in self.rows)
        holders = Counter(r.agent_name or r.assigned_to or self.tr("nobody") for r in self.rows)
        if len(self.rows) == 1:
            r = self.rows[0]
            what = self.tr("%1 (%2, DPD %3, %4), now with %5")
            what = (
                what.replace("%1", r.borrower_name)
                .replace("%2", r.bucket)
                .replace("%3", str(r.dpd))
                .replace("%4", formatting.money(r.overdue_total_fen))
                .replace("%5", next(iter(holders)))
            )
        else:
            what = (
                self.tr("%1 cases, %2 overdue, now with %3")
                .replace("%1", f"{len(self.rows):,}")
                .replace("%2", formatting.money(amount))
                .replace("%3", ", ".join(f"{name} ({n})" for name, n in holders.most_common()))
            )
        summary = QLabel(what)
        summary.setWordWrap(True)

        self.target = QComboBox()
        model = self.target.model()
        for a in agents:
            text = a.display_name
            if a.on_leave:
                text = self.tr("%1 — on leave").replace("%1", text)
            self.target.addItem(text, a.username)
            if a.on_leave and isinstance(model, QStandardItemModel):
                item = model.item(self.target.count() - 1)
                if item is not None:
                    item.setEnabled(False)
        first = next((i for i, a in enumerate(agents) if not a.on_leave), -1)
        self.target.setCurrentIndex(first)
        self.reason = QLineEdit()
        self.reason.setMaxLength(500)
        self.reason.setPlaceholderText(self.tr("Optional: why (kept in the audit log)"))

        form = QFormLayout()
        form.addRow(self.tr("Cases:"), summary)
        form.addRow(self.tr("To:"), self.target)
        form.addRow(self.tr("Reason:"), self.reason)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Reassign"))
        ok.setEnabled(first >= 0)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(buttons)
        self.setMinimumWidth(460)
        self.target.setFocus(Qt.FocusReason.OtherFocusReason)

    def to_agent(self) -> str | None:
        value = self.target.currentData()
        return str(value) if value else None

    def moves(self) -> list[CaseMoveSpec]:
        """Each case from the holder the lead saw to the chosen agent."""
        target = self.to_agent()
        if target is None:
            return []
        return [CaseMoveSpec(r.case_id, r.assigned_to, target) for r in self.rows]
