"""The note editor: text, disposition, optional next-action date, Save (F9).

Unsaved text is kept as a local draft as the agent types (debounced DeskService.save_draft),
so switching case, a crash or a power cut loses nothing. Saving goes through
DeskService.save_note (local table + outbox in one transaction) and announces the ChangeSet.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Protocol

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.client.views import ChangeSet
from app.domain.errors import DomainError
from ui import labels

log = logging.getLogger(__name__)
DRAFT_DEBOUNCE_MS = 400
MAX_NOTE_CHARS = 10_000


class NoteService(Protocol):
    """The slice of DeskService the editor uses."""

    def save_note(
        self,
        case_id: str,
        text: str,
        disposition: str | None = None,
        next_action_on: date | None = None,
        *,
        amends: str | None = None,
    ) -> ChangeSet: ...

    def save_draft(self, case_id: str, text: str) -> None: ...

    def clear_draft(self, case_id: str) -> None: ...


class NoteEditor(QFrame):
    """See module docstring. Emits `saved(ChangeSet)` after a note is stored locally."""

    saved = Signal(object)

    def __init__(self, service: NoteService, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="panel")
        self._service = service
        self._case_id = ""
        self._loading = False
        self._dirty = False  # text changed since the last draft write
        self._draft_timer = QTimer(self, singleShot=True, interval=DRAFT_DEBOUNCE_MS)
        self._draft_timer.timeout.connect(self.flush_draft)

        title = QLabel(self.tr("New note"), objectName="panelTitle")
        self.disposition = QComboBox()
        self.disposition.addItem(self.tr("— outcome —"), None)
        for code, text in labels.dispositions().items():
            self.disposition.addItem(text, code)
        self.has_next = QCheckBox(self.tr("Next action on"))
        self.next_date = QDateEdit(calendarPopup=True)
        self.next_date.setDisplayFormat("yyyy-MM-dd")
        self.next_date.setDate(QDate.currentDate().addDays(1))
        self.next_date.setEnabled(False)
        self.has_next.toggled.connect(self.next_date.setEnabled)
        row = QHBoxLayout()
        row.addWidget(self.disposition, 1)
        row.addWidget(self.has_next)
        row.addWidget(self.next_date)

        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(self.tr("What happened on the call, what was agreed…"))
        self.text.textChanged.connect(self._on_text_changed)
        self.message = QLabel(objectName="errorText")
        self.message.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save (F9)"), objectName="primaryButton")
        self.save_button.clicked.connect(self.save)
        self.draft_label = QLabel(objectName="muted")
        bottom = QHBoxLayout()
        bottom.addWidget(self.draft_label, 1)
        bottom.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(title)
        layout.addLayout(row)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.message)
        layout.addLayout(bottom)
        self.message.hide()
        shortcut = QShortcut(QKeySequence(Qt.Key.Key_F9), self)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(self.save)
        self.setEnabled(False)

    # --- case switching ---------------------------------------------------------------
    def set_case(self, case_id: str, draft: str | None) -> None:
        """Show `case_id`'s draft (saving the previous case's pending draft first)."""
        self.flush_draft()
        self._case_id = case_id
        self._loading = True
        try:
            self.text.setPlainText(draft or "")
            self.disposition.setCurrentIndex(0)
            self.has_next.setChecked(False)
            self.message.hide()
            self.draft_label.setText(self.tr("Draft restored") if draft else "")
        finally:
            self._loading = False
        self.setEnabled(bool(case_id))

    def case_id(self) -> str:
        return self._case_id

    # --- drafts -----------------------------------------------------------------------
    def _on_text_changed(self) -> None:
        if self._loading or not self._case_id:
            return
        self._dirty = True
        self._draft_timer.start()

    def flush_draft(self) -> None:
        """Write the pending draft now (on timer, case switch and window close)."""
        self._draft_timer.stop()
        if not self._dirty or not self._case_id:
            return
        self._dirty = False
        text = self.text.toPlainText()
        try:
            if text.strip():
                self._service.save_draft(self._case_id, text)
                self.draft_label.setText(self.tr("Draft saved"))
            else:
                self._service.clear_draft(self._case_id)
                self.draft_label.setText("")
        except Exception:  # a full disk must not take the editor down; the text stays here
            log.exception("could not save the note draft")
            self._dirty = True
            self.draft_label.setText(self.tr("Draft not saved — check disk space"))

    # --- saving -----------------------------------------------------------------------
    def save(self) -> bool:
        """Store the note through the outbox; returns True when stored."""
        if not self._case_id or not self.isEnabled():
            return False
        text = self.text.toPlainText().strip()
        if not text:
            return self._fail(self.tr("Write the note first."))
        if len(text) > MAX_NOTE_CHARS:
            return self._fail(self.tr("The note is too long (at most 10,000 characters)."))
        disposition = self.disposition.currentData()
        next_on = self.next_date.date().toPython() if self.has_next.isChecked() else None
        self._draft_timer.stop()
        try:
            changes = self._service.save_note(self._case_id, text, disposition, next_on)
        except DomainError as exc:
            self._draft_timer.start()  # keep the (still dirty) text as a draft
            return self._fail(self.tr("Not saved: %1").replace("%1", exc.reason))
        except Exception:
            log.exception("saving a note failed")
            # keep the text as a draft so nothing is lost
            self._dirty = True
            self._draft_timer.start()
            return self._fail(
                self.tr(
                    "Not saved: the local store could not be written. Your text is kept; try again."
                )
            )
        self._dirty = False
        self._loading = True
        try:
            self.text.clear()
            self.disposition.setCurrentIndex(0)
            self.has_next.setChecked(False)
        finally:
            self._loading = False
        self.message.hide()
        self.draft_label.setText(self.tr("Saved — it will be sent with the next sync"))
        self.saved.emit(changes)
        return True

    def _fail(self, message: str) -> bool:
        self.message.setText(message)
        self.message.show()
        return False
