"""The call bar above the right pane: idle, or the number being called with a running
timer and "End call (F6)"."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from ui import formatting
from ui.qt_util import named


class CallBar(QFrame):
    """Shows the call in progress; `end_requested` when the agent ends it here."""

    end_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("callBar")
        self.label = named(QLabel(), "callLabel")
        self.timer_label = named(QLabel(), "callTimer")
        self.end_button = named(QPushButton(self.tr("End call (F6)")), "endCallButton")
        self.end_button.clicked.connect(self.end_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.timer_label)
        layout.addWidget(self.end_button)
        self._started: datetime | None = None
        self._tick = QTimer(self, interval=1000)
        self._tick.timeout.connect(self._update)
        self.idle()

    def idle(self) -> None:
        self._started = None
        self._tick.stop()
        self.label.setText(self.tr("Not in a call · F5 calls the borrower"))
        self.timer_label.setText("")
        self.end_button.setEnabled(False)
        self.setProperty("active", False)
        self.setStyle(self.style())

    def calling(self, who: str, started_at: datetime) -> None:
        self._started = started_at
        self.label.setText(self.tr("In call: %1").replace("%1", who))
        self.end_button.setEnabled(True)
        self.setProperty("active", True)
        self.setStyle(self.style())
        self._update()
        self._tick.start()

    def elapsed_s(self, now: datetime | None = None) -> int:
        if self._started is None:
            return 0
        return max(0, int(((now or datetime.now(UTC)) - self._started).total_seconds()))

    def _update(self) -> None:
        self.timer_label.setText(formatting.duration(self.elapsed_s()))
