"""First start with no server configured: connect to a server, or try the demo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.qt_util import named


class WelcomeDialog(QDialog):
    """`choice` is "connect" or "demo" after accept()."""

    def __init__(self, parent: QWidget | None = None, *, demo_available: bool = True) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome — Collection Desk"))
        self.setMinimumWidth(440)
        self.choice = ""
        title = named(QLabel(self.tr("Collection Desk")), "borrowerName")
        text = QLabel(
            self.tr(
                "No server is configured yet. Connect to your company's server, or try the "
                "desk with a generated demo portfolio on this computer."
            )
        )
        text.setWordWrap(True)
        connect = named(QPushButton(self.tr("Connect to a server…")), "primaryButton")
        demo = QPushButton(self.tr("Try the demo"))
        demo.setVisible(demo_available)
        connect.clicked.connect(lambda: self._choose("connect"))
        demo.clicked.connect(lambda: self._choose("demo"))
        layout = QVBoxLayout(self)
        layout.addWidget(title, alignment=Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(text)
        layout.addSpacing(8)
        layout.addWidget(connect)
        layout.addWidget(demo)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()
