"""Callback reminders: every half minute the due callbacks of the local store are shown in
the desk (a banner with "Open") and, where the platform has a system tray, as a
notification (with the name masked: a notification can show on a locked screen). Each
callback is reminded once, also across restarts (CallService.mark_reminded)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QSystemTrayIcon

from app.domain.masking import mask_name
from ui import formatting

log = logging.getLogger(__name__)
CHECK_INTERVAL_MS = 30_000


class ReminderCenter(QObject):
    """Emits `due(DueCallback)` for each callback that came due."""

    due = Signal(object)

    def __init__(
        self,
        calls: Any,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        interval_ms: int = CHECK_INTERVAL_MS,
        tray: QSystemTrayIcon | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._calls = calls
        self._clock = clock
        self.tray = tray
        self._timer = QTimer(self, interval=interval_ms)
        self._timer.timeout.connect(self.check)

    def start(self) -> None:
        self._timer.start()
        QTimer.singleShot(0, self.check)

    def stop(self) -> None:
        self._timer.stop()

    def check(self) -> int:
        """Remind what is due now; returns how many."""
        now = self._clock()
        try:
            due = self._calls.due_callbacks(now=now)
        except Exception:  # a store hiccup must not stop the reminders for good
            log.exception("reading the due callbacks failed")
            return 0
        for d in due:
            self.due.emit(d)
            if self.tray is not None and self.tray.isVisible():
                self.tray.showMessage(
                    self.tr("Callback due"),
                    self.tr("%1 at %2")
                    .replace("%1", mask_name(d.borrower_name))
                    .replace("%2", formatting.local_time(d.due_at)),
                )
            self._calls.mark_reminded(d.callback_id, now=now)
        return len(due)


def system_tray(parent: QObject | None = None) -> QSystemTrayIcon | None:
    """A tray icon when the platform has a tray (none offscreen or on a bare X server)."""
    if not QSystemTrayIcon.isSystemTrayAvailable():
        return None
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    icon = app.windowIcon() if isinstance(app, QApplication) else None
    tray = QSystemTrayIcon(parent)
    if icon is not None and not icon.isNull():
        tray.setIcon(icon)
    tray.show()
    return tray
