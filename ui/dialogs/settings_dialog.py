"""Settings: the interface language (the desk switches to it at once)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ui import settings
from ui.i18n import LANGUAGE_NAMES, LANGUAGES


class SettingsDialog(QDialog):
    """Pick the language: "system" (follow the OS), 简体中文 or English."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.language = QComboBox()
        self.language.addItem(self.tr("Follow the system"), "")
        for code in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        current = settings.get_str("ui/language")
        self.language.setCurrentIndex(max(self.language.findData(current), 0))
        form = QFormLayout()
        form.addRow(self.tr("Language"), self.language)
        note = QLabel(self.tr("The desk switches to the new language at once."))
        note.setObjectName("muted")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def accept(self) -> None:
        settings.set_str("ui/language", str(self.language.currentData() or ""))
        super().accept()
