"""The call bar above the right pane: idle, or the call in progress — its state (dialling,
ringing, talking, ended with the reason) when the softphone reports it, a timer and
"End call (F6)" — and which phone mode the desk is in ("baresip": the desk controls the
softphone and knows the call's state; "hand-off": the number is handed to the workstation's
softphone and the timer runs from the dial)."""

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
        self.state_label = named(QLabel(), "callState")
        self.timer_label = named(QLabel(), "callTimer")
        self.mode_label = named(QLabel(), "muted")
        self.end_button = named(QPushButton(self.tr("End call (F6)")), "endCallButton")
        self.end_button.clicked.connect(self.end_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.state_label)
        layout.addWidget(self.timer_label)
        layout.addWidget(self.mode_label)
        layout.addWidget(self.end_button)
        self.state = "idle"
        self._started: datetime | None = None
        self._tick = QTimer(self, interval=1000)
        self._tick.timeout.connect(self._update)
        self.set_mode("hand-off")
        self.idle()

    def set_mode(self, mode: str) -> None:
        """Say which phone mode is active."""
        self.mode = mode
        text = "baresip" if mode == "baresip" else self.tr("hand-off")
        self.mode_label.setText(text)
        self.mode_label.setToolTip(
            self.tr("The desk controls the softphone (baresip) and sees the call's state.")
            if mode == "baresip"
            else self.tr("Numbers are handed to the workstation's softphone; no call state.")
        )

    def idle(self) -> None:
        self.state = "idle"
        self._started = None
        self._tick.stop()
        self.label.setText(self.tr("Not in a call · F5 calls the borrower"))
        self.state_label.setText("")
        self.timer_label.setText("")
        self.end_button.setEnabled(False)
        self._set_active(False)

    def calling(self, who: str, started_at: datetime) -> None:
        """Hand-off mode: the number was handed over; the timer runs from now."""
        self.state = "calling"
        self.label.setText(self.tr("In call: %1").replace("%1", who))
        self.state_label.setText("")
        self._run_timer(started_at)

    def dialling(self, who: str) -> None:
        """Baresip mode: the softphone took the number; no timer before the answer."""
        self._waiting("dialling", who, self.tr("Dialling…"))

    def ringing(self, who: str) -> None:
        self._waiting("ringing", who, self.tr("Ringing…"))

    def answered(self, who: str, answered_at: datetime) -> None:
        """The far end answered: the timer starts at the answer."""
        self.state = "answered"
        self.label.setText(self.tr("In call: %1").replace("%1", who))
        self.state_label.setText(self.tr("Talking"))
        self._run_timer(answered_at)

    def ended(self, who: str, reason: str, talk_s: int) -> None:
        """The call ended (baresip mode): why, and the talk time; F5 may dial again."""
        self.state = "ended"
        self._started = None
        self._tick.stop()
        self.label.setText(self.tr("Call ended: %1").replace("%1", who))
        self.state_label.setText(reason)
        self.timer_label.setText(formatting.duration(talk_s))
        self.end_button.setEnabled(False)
        self._set_active(False)

    def _waiting(self, state: str, who: str, text: str) -> None:
        self.state = state
        self._started = None
        self._tick.stop()
        self.label.setText(self.tr("Calling %1").replace("%1", who))
        self.state_label.setText(text)
        self.timer_label.setText(formatting.duration(0))
        self.end_button.setEnabled(True)
        self._set_active(True)

    def _run_timer(self, started_at: datetime) -> None:
        self._started = started_at
        self.end_button.setEnabled(True)
        self._set_active(True)
        self._update()
        self._tick.start()

    def _set_active(self, on: bool) -> None:
        self.setProperty("active", on)
        self.setStyle(self.style())

    def elapsed_s(self, now: datetime | None = None) -> int:
        if self._started is None:
            return 0
        return max(0, int(((now or datetime.now(UTC)) - self._started).total_seconds()))

    def _update(self) -> None:
        self.timer_label.setText(formatting.duration(self.elapsed_s()))
