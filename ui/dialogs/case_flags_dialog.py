"""Case flags: the marks that change how (and whether) a borrower may be contacted.

A checkbox per flag (do not call, cease contact, dispute, hardship, complaint, legal hold)
and one for "debtor unreachable". The dialog only collects the choice; the caller hands it
to DeskService.set_case_flags.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ui import labels
from ui.qt_util import named


class CaseFlagsDialog(QDialog):
    """Edit the flags of one case; `chosen()` after `exec()` returned Accepted."""

    def __init__(
        self,
        borrower: str,
        flags: tuple[str, ...],
        debtor_unreachable: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Case flags — %1").replace("%1", borrower))
        layout = QVBoxLayout(self)
        hint = named(
            QLabel(
                self.tr(
                    "Do not call and cease contact stop every call at once; the change reaches "
                    "the server with the next sync and is audited there."
                )
            ),
            "muted",
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.boxes: dict[str, QCheckBox] = {}
        for key, text in labels.flags().items():
            box = QCheckBox(text)
            box.setChecked(key in flags)
            self.boxes[key] = box
            layout.addWidget(box)
        self.unreachable = QCheckBox(self.tr("Debtor unreachable"))
        self.unreachable.setChecked(debtor_unreachable)
        layout.addWidget(self.unreachable)
        buttons = QDialogButtonBox()
        self.save = buttons.addButton(self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen(self) -> tuple[list[str], bool]:
        """(flags ticked, debtor unreachable)."""
        flags = [key for key, box in self.boxes.items() if box.isChecked()]
        return flags, self.unreachable.isChecked()
