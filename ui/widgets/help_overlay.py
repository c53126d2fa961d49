"""F1: the keys of the desk, over the main window (Esc or F1 closes it)."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from ui.qt_util import named


class HelpOverlay(QFrame):
    """A panel that covers its parent and lists the shortcuts."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("helpOverlay")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        card = named(QFrame(), "helpCard")
        grid = QGridLayout(card)
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(6)
        title = named(QLabel(self.tr("Keyboard")), "panelTitle")
        grid.addWidget(title, 0, 0, 1, 2)
        for row, (keys, what) in enumerate(self.keys(), start=1):
            k = named(QLabel(f"<b>{html.escape(keys)}</b>"), "helpKey")
            grid.addWidget(k, row, 0, Qt.AlignmentFlag.AlignRight)
            grid.addWidget(QLabel(what), row, 1)
        close = named(QLabel(self.tr("Esc or F1 closes this list")), "muted")
        grid.addWidget(close, len(self.keys()) + 1, 0, 1, 2)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        parent.installEventFilter(self)
        self.hide()

    def keys(self) -> list[tuple[str, str]]:
        return [
            ("F1", self.tr("Show or hide this list")),
            ("F2", self.tr("Next case in the worklist")),
            ("F5", self.tr("Call the borrower (the contact rules are checked first)")),
            ("F6", self.tr("End the call and go to the wrap-up")),
            ("1 – 9", self.tr("Pick an answer in the script; Backspace goes back")),
            ("Ctrl+W", self.tr("Go to the wrap-up (outcome)")),
            ("F9", self.tr("Save the wrap-up")),
            ("Ctrl+1 … Ctrl+4", self.tr("Script, plan, notes, contact history")),
            ("Ctrl+F", self.tr("Search the worklist")),
            ("Ctrl+R", self.tr("Sync now")),
        ]

    def toggle(self) -> None:
        if self.isVisible():
            self.hide()
            return
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()
        self.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_F1):
            self.hide()
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            parent = self.parentWidget()
            if parent is not None:
                self.setGeometry(parent.rect())
        return False
