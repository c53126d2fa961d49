"""The in-app reminder: "Callback due: 张伟 14:30 — note [Open] [Dismiss]" above the
panes; several due callbacks queue and show one after another."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from ui import formatting
from ui.qt_util import named


class ReminderBanner(QFrame):
    """`open_case(case_id)` when the agent opens the reminded case."""

    open_case = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reminderBanner")
        self.text = named(QLabel(), "reminderText")
        self.open_button = named(QPushButton(self.tr("Open")), "primaryButton")
        self.dismiss_button = QPushButton(self.tr("Dismiss"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 4)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.open_button)
        layout.addWidget(self.dismiss_button)
        self.open_button.clicked.connect(self._open)
        self.dismiss_button.clicked.connect(self._next)
        self._queue: list[Any] = []
        self.hide()

    def push(self, due: Any) -> None:
        self._queue.append(due)
        if len(self._queue) == 1:
            self._show_first()

    def pending(self) -> int:
        return len(self._queue)

    def _show_first(self) -> None:
        if not self._queue:
            self.hide()
            return
        d = self._queue[0]
        more = len(self._queue) - 1
        text = (
            self.tr("Callback due: %1 at %2")
            .replace("%1", d.borrower_name)
            .replace("%2", formatting.local_time(d.due_at))
        )
        if d.note:
            text += f" — {d.note}"
        if more:
            text += "  " + self.tr("(+%1 more)").replace("%1", str(more))
        self.text.setText(text)
        self.show()

    def _open(self) -> None:
        if self._queue:
            case_id = self._queue[0].case_id
            self._next()
            self.open_case.emit(case_id)

    def _next(self) -> None:
        if self._queue:
            self._queue.pop(0)
        self._show_first()
