"""Status bar: online / offline / syncing, pending ops, last successful sync, agent, and a
"needs attention" button when the server rejected something."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPushButton, QStatusBar, QWidget

from app.client.views import SyncStatus
from ui import formatting
from ui.qt_util import named


class DeskStatusBar(QStatusBar):
    """Shows a SyncStatus; emits `attention_requested` when its button is clicked."""

    attention_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeGripEnabled(False)
        self.state = QLabel()
        self.pending = QLabel()
        self.last_sync = QLabel()
        self.keyring = named(QLabel(), "statusOffline")
        self.attention = named(QPushButton(), "attentionButton")
        self.attention.clicked.connect(self.attention_requested)
        self.attention.hide()
        self.keyring.hide()
        self.agent = named(QLabel(), "muted")
        self.callable = QLabel()
        for w in (self.state, self.pending, self.last_sync, self.attention, self.keyring):
            self.addWidget(w)
        self.addPermanentWidget(self.callable)
        self.addPermanentWidget(self.agent)
        self.show_status(SyncStatus("offline", 0, 0, None, None, None))

    def show_status(self, s: SyncStatus) -> None:
        text, name = {
            "online": (self.tr("● online"), "statusOnline"),
            "offline": (self.tr("○ offline"), "statusOffline"),
            "syncing": (self.tr("⟳ syncing…"), "statusSyncing"),
            "error": (self.tr("✕ sync error"), "statusError"),
        }.get(s.state, (s.state, "statusError"))
        self.state.setText(text)
        if self.state.objectName() != name:
            self.state.setObjectName(name)
            self.state.style().unpolish(self.state)
            self.state.style().polish(self.state)
        self.state.setToolTip(s.last_error or "")
        self.pending.setText(self.tr("%n pending", "", s.pending_ops))
        self.last_sync.setText(
            self.tr("synced %1").replace("%1", self._when(s.last_success_at))
            if s.last_success_at
            else self.tr("never synced")
        )
        self.attention.setVisible(s.rejected_ops > 0)
        self.attention.setText(self.tr("%n need(s) attention", "", s.rejected_ops))
        self.keyring.setVisible(not s.keyring_available)
        self.keyring.setText(self.tr("no keyring: password asked at each start"))
        self.agent.setText(s.user or "")

    def show_progress(self, phase: str, done: int, total: int) -> None:
        """While a sync runs: how far it got (ops sent, or records received so far)."""
        if phase == "push":
            text = self.tr("⟳ sending %1 of %2…").replace("%1", f"{done:,}")
            text = text.replace("%2", f"{total:,}")
        else:
            text = self.tr("⟳ receiving… %1 records").replace("%1", f"{done:,}")
        self.state.setText(text)

    def show_callable(self, allowed: bool | None) -> None:
        """The selected case's borrower number: callable now under the contact policy?"""
        if allowed is None:
            self.callable.setText("")
        elif allowed:
            self.callable.setText(self.tr("callable now ✓"))
        else:
            self.callable.setText(self.tr("not callable now ✗"))

    @staticmethod
    def _when(at: datetime) -> str:
        return formatting.local_time(at, today=datetime.now(formatting.local_zone()).date())
