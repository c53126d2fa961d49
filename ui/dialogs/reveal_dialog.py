"""Reveal one masked value (ID number, a phone number, the bank card): the reason comes
from a fixed list (free text alone is not enough), with an optional note; the server
checks and audits the reveal. The clear value is shown here for a short while only — it is
never copied into the profile, the store or a log."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.client.online import REVEAL_REASONS
from app.domain.reveal_note import judge_reveal_note
from ui import labels
from ui.background import run_task
from ui.qt_util import named

SHOW_FOR_MS = 30_000


class RevealDialog(QDialog):
    """`online` is app.client.online.OnlineActions (or a stand-in with its `reveal`)."""

    def __init__(
        self,
        online: Any,
        *,
        case_id: str,
        field: str,
        masked: str,
        phone_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._online, self._case_id, self._field, self._phone_id = online, case_id, field, phone_id
        self.setWindowTitle(self.tr("Reveal %1").replace("%1", masked))
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        hint = named(
            QLabel(
                self.tr(
                    "Revealing personal information is recorded with your reason (PIPL Art. 51). "
                    "Reveal only what this case needs."
                )
            ),
            "muted",
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.reason = named(QComboBox(), "revealReason")
        self.reason.addItem(self.tr("— pick a reason —"), None)
        for code in REVEAL_REASONS:
            self.reason.addItem(labels.label(labels.reveal_reasons(), code), code)
        layout.addWidget(self.reason)
        self.note = named(QLineEdit(), "revealNote")
        self.note.setPlaceholderText(self.tr('Why, in words (required for "Other")'))
        self.note.setMaxLength(500)
        layout.addWidget(self.note)
        self.error = named(QLabel(), "errorText")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        self.value = named(QLabel(), "revealedValue")
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.value.hide()
        layout.addWidget(self.value)
        buttons = QDialogButtonBox()
        self.reveal_button = named(QPushButton(self.tr("Reveal")), "primaryButton")
        self.reveal_button.clicked.connect(self.reveal)
        buttons.addButton(self.reveal_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._hide_timer = QTimer(self, singleShot=True, interval=SHOW_FOR_MS)
        self._hide_timer.timeout.connect(self._forget)

    def problem(self) -> str | None:
        """What is missing before the reveal can be asked for (None: ready). The note is
        judged by app.domain.reveal_note, the function the server applies."""
        code = self.reason.currentData()
        note = self.note.text()
        if code is None:
            return self.tr("Pick a reason from the list.")
        if code == "other" and not note.strip():
            return self.tr("Explain the reason in the note.")
        if not note:
            return None
        judged = judge_reveal_note(note)
        if judged.problem == "padded":
            return self.tr("Remove the spaces before and after the note.")
        if judged.problem is not None:
            return self.tr(
                "Say why in words: at least two words or four Chinese characters "
                "(not “asdf”, repeated letters or punctuation)."
            )
        return None

    def reveal(self) -> None:
        problem = self.problem()
        if problem is not None:
            self._fail(problem)
            return
        self.reveal_button.setEnabled(False)
        code = self.reason.currentData()
        note = judge_reveal_note(self.note.text()).visible or None  # what the server keeps
        run_task(
            lambda: self._online.reveal(
                self._case_id, self._field, reason=code, note=note, phone_id=self._phone_id
            ),
            self._shown,
            self._failed,
        )

    def _shown(self, revealed: Any) -> None:
        self.error.hide()
        self.value.setText(revealed.value)
        self.value.show()
        self._hide_timer.start()

    def _failed(self, exc: BaseException) -> None:
        self.reveal_button.setEnabled(True)
        self._fail(self.tr("Not revealed: %1").replace("%1", str(exc)))

    def _fail(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def _forget(self) -> None:
        self.value.clear()
        self.value.hide()
        self.reveal_button.setEnabled(True)

    def done(self, result: int) -> None:
        self._forget()
        super().done(result)
