"""The call script: the current step's words rendered with the case's values, numbered
choices that move through the conversation (keys 1–9; Backspace goes back), and whether the
right party is verified yet (nothing about the debt is shown to say before that).

A thin widget over app.client.call_script: the walk is a value the panel holds; each move
emits `walked(progress, sets, capture)` so the wrap-up form can take what the choices set
(disposition, reason, result) and open the fields the step captures (promise, callback).
"""

from __future__ import annotations

import html
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.client import call_script as cs
from app.client.call_script import ScriptProgress
from app.client.views import CaseDetail
from app.domain.scripts import Script
from ui.qt_util import named

MAX_CHOICES = 9


class ScriptPanel(QFrame):
    """See module docstring."""

    walked = Signal(object, object, object)  # ScriptProgress, sets dict, capture tuple

    def __init__(self, agent_name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panel")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._agent = agent_name
        self._detail: CaseDetail | None = None
        self._script: Script | None = None
        self._progress: ScriptProgress | None = None
        self._values: dict[str, object] = {}
        self._today = date.today()

        self.title = named(QLabel(), "panelTitle")
        self.title.setWordWrap(True)
        self.language = named(QComboBox(), "scriptLanguage")
        self.language.addItem("中文", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setToolTip(self.tr("Language of the script (the borrower's by default)"))
        self.language.currentIndexChanged.connect(self._language_changed)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.language)

        self.status = named(QLabel(), "scriptStatus")
        self.status.setWordWrap(True)
        self.text = named(QLabel(), "scriptText")
        self.text.setTextFormat(Qt.TextFormat.RichText)  # escaped text with <br> breaks
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.buttons: list[QPushButton] = []
        self.choices = QVBoxLayout()
        self.choices.setSpacing(4)
        for i in range(MAX_CHOICES):
            b = named(QPushButton(), "scriptChoice")
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys 1-9 choose; focus stays here
            b.clicked.connect(lambda _=False, k=i: self.choose(k))
            b.hide()
            self.buttons.append(b)
            self.choices.addWidget(b)
        self.back_button = QPushButton(self.tr("← Back (Backspace)"))
        self.back_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.back_button.clicked.connect(self.back)
        self.restart_button = QPushButton(self.tr("Start over"))
        self.restart_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.restart_button.clicked.connect(self.restart)
        nav = QHBoxLayout()
        nav.addWidget(self.back_button)
        nav.addWidget(self.restart_button)
        nav.addStretch(1)
        self.hint = named(QLabel(), "muted")
        self.hint.setWordWrap(True)
        self.warning = named(QLabel(), "errorText")
        self.warning.setWordWrap(True)
        self.warning.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.text)
        layout.addLayout(self.choices)
        layout.addLayout(nav)
        layout.addWidget(self.hint)
        layout.addWidget(self.warning)
        layout.addStretch(1)
        self.setEnabled(False)

    # --- case -------------------------------------------------------------------------
    def show_case(
        self, detail: CaseDetail, *, today: date, saved: dict[str, Any] | None = None
    ) -> None:
        """The case's script from its start, or where a saved draft left it."""
        self._detail = detail
        self._today = today
        lang = cs.script_language(detail)
        if saved and saved.get("lang") in ("zh_CN", "en"):
            lang = str(saved["lang"])
        self.language.blockSignals(True)
        self.language.setCurrentIndex(max(0, self.language.findData(lang)))
        self.language.blockSignals(False)
        self._load(lang, (saved or {}).get("trail"), emit=False)
        self.setEnabled(True)

    def clear(self) -> None:
        self._detail = self._script = self._progress = None
        self.title.setText("")
        self.status.setText("")
        self.text.setText(self.tr("Select a case to see its call script."))
        for b in self.buttons:
            b.hide()
        self.setEnabled(False)

    def _language_changed(self) -> None:
        if self._detail is not None:
            trail = self._progress.trail if self._progress else ()
            self._load(str(self.language.currentData()), [list(t) for t in trail], emit=True)

    def _load(self, lang: str, trail: object, *, emit: bool) -> None:
        assert self._detail is not None
        self._script = cs.script(cs.script_name_for(self._detail), lang)
        self._values = cs.script_values(
            self._detail, agent_name=self._agent, lang=lang, today=self._today
        )
        self._progress = cs.restore(self._script, trail)
        self._render(emit=emit)

    # --- walking ----------------------------------------------------------------------
    def choose(self, index: int) -> bool:
        """Take choice `index` of the current step (False when there is none)."""
        if self._script is None or self._progress is None:
            return False
        try:
            self._progress = cs.choose(self._progress, self._script, index)
        except IndexError:
            return False
        self._render(emit=True)
        return True

    def back(self) -> None:
        if self._progress is not None and self._progress.trail:
            self._progress = cs.back(self._progress)
            self._render(emit=True)

    def restart(self) -> None:
        if self._script is not None:
            self._progress = cs.start(self._script)
            self._render(emit=True)

    def progress(self) -> ScriptProgress | None:
        return self._progress

    def saved_state(self) -> dict[str, Any]:
        """What a draft keeps of the walk."""
        if self._progress is None:
            return {}
        return {
            "id": self._progress.script_id,
            "lang": self._progress.lang,
            "trail": [list(t) for t in self._progress.trail],
        }

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_9 and not event.modifiers():
            if self.choose(key - Qt.Key.Key_1):
                return
        elif key == Qt.Key.Key_Backspace:
            self.back()
            return
        super().keyPressEvent(event)

    # --- painting ---------------------------------------------------------------------
    def _render(self, *, emit: bool) -> None:
        assert self._script is not None and self._progress is not None
        v = cs.view(self._progress, self._script, self._values)
        self.title.setText(v.title)
        if v.verified:
            self.status.setText(
                self.tr("Step %1 · identity verified").replace("%1", str(v.step_number))
            )
            self.status.setObjectName("scriptVerified")
        else:
            self.status.setText(
                self.tr("Step %1 · not verified: say nothing about the debt").replace(
                    "%1", str(v.step_number)
                )
            )
            self.status.setObjectName("scriptUnverified")
        self.status.setStyle(self.status.style())  # re-apply the style for the new name
        self.text.setText(html.escape(v.step.text).replace("\n", "<br>"))
        for i, b in enumerate(self.buttons):
            if i < len(v.step.choices):
                b.setText(f"{i + 1}  {v.step.choices[i].label}")
                b.show()
            else:
                b.hide()
        self.back_button.setEnabled(v.can_go_back)
        self.restart_button.setEnabled(v.can_go_back)
        hints = []
        if "promise" in v.step.capture:
            hints.append(self.tr("Record the promised amount and date in the wrap-up."))
        if "callback" in v.step.capture:
            hints.append(self.tr("Pick the callback time in the wrap-up."))
        if "plan" in v.step.capture:
            hints.append(self.tr("Build the plan in the Plan tab."))
        if v.step.end:
            hints.append(self.tr("End of the script: end the call (F6) and save the wrap-up."))
        self.hint.setText(" ".join(hints))
        self.warning.setVisible(bool(v.warnings))
        self.warning.setText(
            self.tr("Not shown (banned phrase in the value): %1").replace(
                "%1", ", ".join(v.warnings)
            )
        )
        if emit:
            self.walked.emit(self._progress, v.sets, v.step.capture)
