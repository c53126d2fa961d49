"""Why a number may not be dialled now: every reason, the next allowed time in the
borrower's zone, and — for a team lead, when the block may be overridden — a reason field
and "Call anyway" (the server audits the override)."""

from __future__ import annotations

import html

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.client.dial_guard import DialCheck
from ui import labels
from ui.i18n import current_language
from ui.qt_util import named

MIN_REASON = 5


class DialBlockedDialog(QDialog):
    """`exec()` is Accepted only for an override; `override_reason()` then says why."""

    def __init__(self, check: DialCheck, who: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Not allowed to call now"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        owner = labels.label(labels.phone_owners(), check.owner)
        head = named(
            QLabel(f"<b>{html.escape(who or f'{check.number_masked} ({owner})')}</b>"), "headline"
        )
        layout.addWidget(head)
        lang = current_language()
        items = "".join(f"<li>{html.escape(m)}</li>" for m in check.messages(lang))
        self.reasons = named(QLabel(f"<ul style='margin-left:-20px'>{items}</ul>"), "reasons")
        self.reasons.setWordWrap(True)
        layout.addWidget(self.reasons)
        nxt = check.next_allowed_local()
        self.when = named(
            QLabel(
                self.tr("Next allowed: %1 (borrower's time)").replace("%1", nxt)
                if nxt
                else self.tr("Not callable until the block is lifted.")
            ),
            "muted",
        )
        self.when.setWordWrap(True)
        layout.addWidget(self.when)
        self.reason = named(QLineEdit(), "overrideReason")
        self.reason.setPlaceholderText(self.tr("Why call anyway (audited)"))
        buttons = QDialogButtonBox()
        self.call_anyway = QPushButton(self.tr("Call anyway"))
        self.call_anyway.setEnabled(False)
        if check.overridable:
            note = named(
                QLabel(self.tr("As a team lead you may override this block with a reason.")),
                "muted",
            )
            note.setWordWrap(True)
            layout.addWidget(note)
            layout.addWidget(self.reason)
            buttons.addButton(self.call_anyway, QDialogButtonBox.ButtonRole.AcceptRole)
            self.reason.textChanged.connect(
                lambda t: self.call_anyway.setEnabled(len(t.strip()) >= MIN_REASON)
            )
        else:
            self.reason.hide()
        close = buttons.addButton(self.tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def override_reason(self) -> str:
        return self.reason.text().strip()
