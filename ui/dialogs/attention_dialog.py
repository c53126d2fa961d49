"""Needs attention: operations the server rejected, with retry / discard per op."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any, Protocol

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.client.views import ChangeSet, RejectedOp
from ui import formatting
from ui.models.base import Column, RecordTableModel
from ui.qt_util import named
from ui.widgets.history_panel import make_table

log = logging.getLogger(__name__)


class AttentionService(Protocol):
    def needs_attention(self) -> tuple[RejectedOp, ...]: ...

    def retry_rejected(self, op_id: str) -> ChangeSet: ...

    def discard_rejected(self, op_id: str) -> ChangeSet: ...


class RejectedOpsModel(RecordTableModel[RejectedOp]):
    """Rejected ops: when, what, why."""

    def columns(self) -> Sequence[Column[RejectedOp]]:
        return (
            Column("when", lambda o: formatting.local_time(o.created_at)),
            Column("kind", lambda o: self._kind(o.kind)),
            Column("reason", self._reason, tooltip=self._detail),
        )

    def _kind(self, kind: str) -> str:
        return {
            "note.create": self.tr("Note"),
            "contact.create": self.tr("Contact"),
            "promise.create": self.tr("Promise to pay"),
            "plan.propose": self.tr("Plan proposal"),
            "callback.create": self.tr("Callback"),
            "case.update": self.tr("Case change"),
            "agreement.export": self.tr("Agreement export"),
        }.get(kind, kind)

    def _reason(self, o: RejectedOp) -> str:
        """The server's reason; the write-scope refusals in the desk's language."""
        known = {
            "case_not_held": self.tr(
                "The case is no longer yours: this was not made while you held it."
            ),
            "handover_grace_expired": self.tr(
                "The case was handed over too long ago: this can no longer be recorded."
            ),
            "plan_not_holder": self.tr(
                "The case is no longer yours: a plan is proposed by whoever holds it now."
            ),
        }
        return known.get(o.code or "") or o.message or o.code or ""

    def _detail(self, o: RejectedOp) -> str:
        text = str(o.payload.get("text", "")) if o.payload else ""
        label = self.tr("Server value")
        current = f"\n{label}: {o.current}" if o.current else ""
        return (text[:300] + current).strip()

    def header(self, key: str) -> str:
        return {"when": self.tr("Time"), "kind": self.tr("Change"), "reason": self.tr("Reason")}[
            key
        ]


class AttentionDialog(QDialog):
    """Lists RejectedOps; Retry puts one back in the queue, Discard drops it (confirmed)."""

    def __init__(self, service: AttentionService, hub: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Needs attention"))
        self.resize(640, 320)
        self._service = service
        self._hub = hub
        self.model = RejectedOpsModel(self)
        self.table = make_table(self.model, (130, 110, 300))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        intro = QLabel(
            self.tr(
                "The server refused these changes. Nothing is lost: retry a change after "
                "fixing the cause, or discard it."
            )
        )
        intro.setWordWrap(True)
        self.empty = named(QLabel(self.tr("Nothing needs attention.")), "emptyState")
        self.retry = QPushButton(self.tr("Retry"))
        self.discard = QPushButton(self.tr("Discard…"))
        self.retry.clicked.connect(self._retry)
        self.discard.clicked.connect(self._discard)
        row = QHBoxLayout()
        row.addWidget(self.retry)
        row.addWidget(self.discard)
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(row)
        layout.addWidget(close)
        self.reload()

    def reload(self) -> None:
        self.model.set_rows(self._service.needs_attention())
        has = self.model.rowCount() > 0
        self.retry.setEnabled(has)
        self.discard.setEnabled(has)
        self.empty.setVisible(not has)
        if has:
            self.table.selectRow(0)

    def _selected(self) -> RejectedOp | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _retry(self) -> None:
        op = self._selected()
        if op is not None:
            self._hub.changed.emit(self._service.retry_rejected(op.op_id))
            self.reload()

    def _discard(self) -> None:
        op = self._selected()
        if op is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Discard change"),
            self.tr("Discard this change for good? It will not reach the server."),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._hub.changed.emit(self._service.discard_rejected(op.op_id))
            self.reload()
