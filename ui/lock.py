"""The idle lock (issue #18 point 8): after `lock_after_minutes` without keyboard or mouse
input (setting "security/lock_after_minutes", default 15; 0 turns it off) an opaque
overlay covers the main window and asks for the password. While locked, every key,
shortcut, click and wheel event aimed at the window outside the overlay is swallowed, so
no case data is shown or changed until the password is checked by `check` (the launcher
passes one that asks app.client.desk_guard offline, else the server).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui import settings
from ui.qt_util import named

LOCK_KEY = "security/lock_after_minutes"
DEFAULT_MINUTES = 15

# check(password) -> None when accepted, else the reason shown under the field
Checker = Callable[[str], str | None]

_INPUT = {
    QEvent.Type.KeyPress,
    QEvent.Type.KeyRelease,
    QEvent.Type.ShortcutOverride,
    QEvent.Type.Shortcut,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.Wheel,
}
_ACTIVITY = {*_INPUT, QEvent.Type.MouseMove}


def lock_after_ms() -> int:
    """The idle period from the settings in ms (0: never lock)."""
    raw = settings.get_str(LOCK_KEY)
    try:
        minutes = float(raw) if raw else DEFAULT_MINUTES
    except ValueError:
        minutes = DEFAULT_MINUTES
    return max(0, int(minutes * 60_000))


class LockOverlay(QWidget):
    """Opaque cover over the main window with the password field."""

    def __init__(self, window: QWidget, check: Checker, user_label: str) -> None:
        super().__init__(window)
        self._check = check
        self.setObjectName("lockOverlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(
            "#lockOverlay { background: #1f2933; } "
            "#lockOverlay QLabel { color: #f5f7fa; } "
            "#lockOverlay QLabel#lockError { color: #ffb4a9; }"
        )
        box = QWidget(self)
        box.setFixedWidth(380)
        title = named(QLabel(self.tr("The desk is locked")), "lockTitle")
        title.setStyleSheet("font-size: 20px; font-weight: bold;")
        who = QLabel(
            self.tr("Signed in as %1. Enter your password to continue.").replace("%1", user_label)
        )
        who.setWordWrap(True)
        self.password = named(QLineEdit(), "lockPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Password"))
        self.password.returnPressed.connect(self.try_unlock)
        self.unlock = named(QPushButton(self.tr("Unlock")), "lockUnlock")
        self.unlock.clicked.connect(self.try_unlock)
        self.error = named(QLabel(""), "lockError")
        self.error.setWordWrap(True)
        inner = QVBoxLayout(box)
        for w in (title, who, self.password, self.unlock, self.error):
            inner.addWidget(w)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        self.hide()

    def try_unlock(self) -> None:
        password = self.password.text()
        if not password:
            return
        reason = self._check(password)
        self.password.clear()
        if reason is None:
            self.error.clear()
            self.hide()
        else:
            self.error.setText(reason)
            self.password.setFocus()

    def cover(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.error.clear()
        self.show()
        self.raise_()
        self.password.setFocus(Qt.FocusReason.OtherFocusReason)


class IdleLock(QObject):
    """Watches the application's input; locks `window` after the idle period."""

    def __init__(
        self, window: QWidget, check: Checker, user_label: str, idle_ms: int | None = None
    ) -> None:
        super().__init__(window)
        self.window = window
        self.overlay = LockOverlay(window, check, user_label)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        self.idle_ms = lock_after_ms() if idle_ms is None else idle_ms
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        window.installEventFilter(self)
        self.restart()

    @property
    def locked(self) -> bool:
        return self.overlay.isVisible()

    def restart(self) -> None:
        if self.idle_ms > 0 and not self.locked:
            self.timer.start(self.idle_ms)

    def lock(self) -> None:
        if not self.locked:
            self.overlay.cover()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.window and kind == QEvent.Type.Resize and self.locked:
            self.overlay.setGeometry(self.window.rect())
        if kind not in _ACTIVITY:
            return False
        if self.locked:
            if kind in _INPUT and isinstance(watched, QWidget) and self._guarded(watched):
                return True  # swallowed: the window stays untouchable behind the cover
            if kind == QEvent.Type.Shortcut:
                return True
            return False
        self.restart()
        return False

    def _guarded(self, widget: QWidget) -> bool:
        """A widget of the locked window other than the overlay and its children."""
        if widget is self.overlay or self.overlay.isAncestorOf(widget):
            return False
        return widget is self.window or self.window.isAncestorOf(widget)

    def detach(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.timer.stop()
