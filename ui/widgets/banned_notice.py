"""The banned-phrase warnings under the note editor, by severity (issue 14 point 4).

Red (``errorText``): the agent's own words, "block" hits - a violation; the wrap-up form asks
for a second Save before storing the note flagged. Amber (``fieldWarning``): "review" hits a
person should judge - a quote of the borrower, a denial, a phrase split by punctuation, a
sound-alike - shown with the reason, never counted as a violation.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel

from app.domain.banned_phrases import BannedHit
from ui.i18n import current_language
from ui.qt_util import named


class BannedNotice(QObject):
    """Two word-wrapped labels (`banned`, `review`) for the owner's layout, hidden while
    there is nothing to say. (Labels, not a container widget: a word-wrapped label in a
    nested widget is not given the height its lines need.)"""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.banned = named(QLabel(), "errorText")
        self.review = named(QLabel(), "fieldWarning")
        for label in (self.banned, self.review):
            label.setWordWrap(True)
            label.hide()

    def show_hits(self, hits: list[BannedHit], *, saving: bool) -> None:
        """Show `hits` (one per phrase); `saving` words the red one for a held-up Save."""
        sep = "、" if current_language() == "zh_CN" else ", "
        block = [h.phrase for h in hits if h.severity == "block"]
        review = [h for h in hits if h.severity != "block"]
        if saving:
            text = self.tr(
                "Banned wording: %1. Rephrase it, or press Save again to store the note "
                "flagged as a violation."
            )
        else:
            text = self.tr(
                "Banned wording: %1. Rephrase it: saved as it is, the note is flagged as a "
                "violation."
            )
        self.banned.setText(text.replace("%1", sep.join(block)))
        self.banned.setVisible(bool(block))
        reasons = {
            "quote": self.tr("a quote"),
            "denial": self.tr("a denial"),
            "split": self.tr("split by punctuation"),
            "sound": self.tr("sounds alike"),
        }
        listed = sep.join(
            f"{h.phrase}（{reasons.get(h.reason, h.reason)}）"
            if sep == "、"
            else f"{h.phrase} ({reasons.get(h.reason, h.reason)})"
            for h in review
        )
        self.review.setText(
            self.tr(
                "Check the wording: %1. Not a violation if these are not your own words."
            ).replace("%1", listed)
        )
        self.review.setVisible(bool(review))

    def shown(self) -> dict[str, str]:
        """The warnings on show, by severity (tests and screenshots)."""
        on = {"block": self.banned, "review": self.review}
        return {k: v.text() for k, v in on.items() if not v.isHidden()}
