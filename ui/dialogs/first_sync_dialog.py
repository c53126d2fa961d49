"""Progress for the first (long) sync, with Cancel: the desk stays usable afterwards and
the next sync continues from the last page committed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.client.views import SyncReport


class FirstSyncDialog(QProgressDialog):
    """Follows a BackgroundSync's progress signal; closes itself when the cycle reports."""

    def __init__(self, sync: object, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("First sync"))
        self.setLabelText(self.tr("Downloading your cases…"))
        self.setCancelButtonText(self.tr("Cancel"))
        self.setRange(0, 0)  # the total is unknown until the end
        self.setMinimumDuration(0)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumWidth(380)
        self._sync = sync
        self.report: SyncReport | None = None
        sync.progress.connect(self._on_progress)  # type: ignore[attr-defined]
        sync.report.connect(self._on_report)  # type: ignore[attr-defined]
        self.canceled.connect(sync.cancel)  # type: ignore[attr-defined]

    def _on_progress(self, phase: str, done: int, total: int) -> None:
        if phase == "push":
            self.setLabelText(self.tr("Sending your changes… %1").replace("%1", f"{done:,}"))
        else:
            self.setLabelText(
                self.tr("Downloading your cases… %1 records").replace("%1", f"{done:,}")
            )
        if total:
            self.setRange(0, total)
            self.setValue(min(done, total))

    def _on_report(self, report: SyncReport) -> None:
        self.report = report
        self._disconnect()
        self.done(0)

    def _disconnect(self) -> None:
        for signal, slot in (
            (self._sync.progress, self._on_progress),  # type: ignore[attr-defined]
            (self._sync.report, self._on_report),  # type: ignore[attr-defined]
        ):
            try:
                signal.disconnect(slot)
            except (RuntimeError, TypeError):
                pass
