"""Export a console table to CSV or XLSX: the server builds the file (masked, audited), the
desk downloads it in the background and writes it where the lead chose.

`ExportButton` is the "Export ▾" button of a table; `export_to(path, fmt)` is what it does
once a path is chosen (tests call it directly). The file is written next to its target and
renamed over it, so a failed download never leaves half a file.

Long work shows progress and can be cancelled (DESIGN §5): past half a second a progress
dialog says what is happening (the server preparing the file, then the bytes received of
the total) and its Cancel stops the download at the next chunk; nothing is written then. A
large XLSX takes the server about 4 s (bench/README.md), so the dialog is seen.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMenu, QProgressDialog, QToolButton, QWidget

from app.client.http_client import DownloadCancelled
from app.client.team_views import ExportFile, ExportFormat, ExportTable
from app.client.views import CancelToken
from ui import formatting, settings
from ui.i18n import current_language
from ui.qt_util import named
from ui.team.calls import LatestCall, error_text

SUFFIX = {"csv": ".csv", "xlsx": ".xlsx"}


def save_export(file: ExportFile, path: Path) -> Path:
    """Write the export's bytes to `path` (its suffix added when missing), atomically."""
    fmt_suffix = Path(file.filename).suffix or ".csv"
    if not path.suffix:
        path = path.with_suffix(fmt_suffix)
    tmp = path.with_name(f".{path.name}.part")
    try:
        tmp.write_bytes(file.content)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


class ExportButton(QToolButton):
    """See module docstring. `params()` gives the table's current filter."""

    exported = Signal(str, object)  # path, rows (or None)
    failed = Signal(str)  # the reason in words
    cancelled = Signal(str)  # the lead cancelled: what happened, in words
    progressed = Signal(int, int)  # bytes received, total (-1: unknown); from the worker

    SHOW_PROGRESS_AFTER_MS = 500

    def __init__(
        self,
        api: Any,
        table: ExportTable,
        params: Callable[[], dict[str, Any]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        named(self, "exportButton")
        self.api = api
        self.table = table
        self.params = params
        self._call = LatestCall(self)
        self._token: CancelToken | None = None
        self.progress: QProgressDialog | None = None
        self.progressed.connect(self._progressed)
        self.setText(self.tr("Export"))
        self.setToolTip(self.tr("Save this table as CSV or Excel (masked; the export is audited)"))
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self)
        menu.addAction(self.tr("CSV…"), lambda: self.choose("csv"))
        menu.addAction(self.tr("Excel (XLSX)…"), lambda: self.choose("xlsx"))
        self.setMenu(menu)

    def default_path(self, fmt: ExportFormat) -> Path:
        folder = settings.get_str("export/dir") or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        stamp = datetime.now(formatting.local_zone()).strftime("%Y%m%d-%H%M")
        return Path(folder or ".") / f"{self.table}_{stamp}{SUFFIX[fmt]}"

    def choose(self, fmt: ExportFormat) -> None:
        title = self.tr("Export to CSV") if fmt == "csv" else self.tr("Export to Excel")
        pattern = self.tr("CSV files (*.csv)") if fmt == "csv" else self.tr("Excel (*.xlsx)")
        path, _ = QFileDialog.getSaveFileName(self, title, str(self.default_path(fmt)), pattern)
        if path:
            settings.set_str("export/dir", str(Path(path).parent))
            self.export_to(Path(path), fmt)

    def export_to(self, path: Path, fmt: ExportFormat) -> None:
        """Download the table in `fmt` (off the GUI thread) and save it at `path`, with a
        progress dialog that can cancel it."""
        api, table, params = self.api, self.table, self.params()
        language = current_language()
        token = self._token = CancelToken()
        self.setEnabled(False)
        self._open_progress()

        def report(received: int, total: int | None) -> None:
            try:
                self.progressed.emit(received, -1 if total is None else total)
            except RuntimeError:  # the button is gone (console closed): nobody to tell
                pass

        def work() -> tuple[Path, int | None]:
            file = api.export(
                table,
                fmt,
                language=language,
                params=params,
                progress=report,
                cancelled=lambda: token.cancelled,
            )
            if token.cancelled:  # cancelled after the last byte: still nothing is written
                raise DownloadCancelled()
            return save_export(file, path), file.rows

        self._call.run(work, self._done, self._failed)

    def _open_progress(self) -> None:
        dialog = QProgressDialog(self.window())
        dialog.setWindowTitle(self.tr("Export"))
        dialog.setLabelText(self.tr("The server is preparing the file…"))
        dialog.setCancelButtonText(self.tr("Cancel"))
        dialog.setRange(0, 0)  # busy until the size is known
        # not modal: a modal QProgressDialog runs the event loop inside setValue(), and the
        # answer's slot could then close the dialog under its own setValue call
        dialog.setWindowModality(Qt.WindowModality.NonModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(self.SHOW_PROGRESS_AFTER_MS)
        dialog.canceled.connect(self.cancel)
        dialog.setValue(0)  # starts the minimum-duration clock
        self.progress = dialog

    def cancel(self) -> None:
        """Stop the export in flight (the dialog's Cancel; the dialog hides itself). The
        button stays disabled until the worker has stopped and `cancelled` says so."""
        if self._token is not None:
            self._token.cancel()

    def _progressed(self, received: int, total: int) -> None:
        dialog = self.progress
        if dialog is None or (self._token is not None and self._token.cancelled):
            return
        if total > 0:
            dialog.setRange(0, total)
            dialog.setValue(min(received, total))
            text = self.tr("Downloading %1 of %2").replace("%2", _size(total))
        else:
            text = self.tr("Downloading %1")
        dialog.setLabelText(text.replace("%1", _size(received)))

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.canceled.disconnect(self.cancel)
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        self._token = None
        self.setEnabled(True)

    def _done(self, result: tuple[Path, int | None]) -> None:
        self._close_progress()
        self.exported.emit(str(result[0]), result[1])

    def _failed(self, exc: BaseException) -> None:
        self._close_progress()
        if isinstance(exc, DownloadCancelled):
            self.cancelled.emit(self.tr("Export cancelled; no file was written."))
        else:
            self.failed.emit(error_text(exc))


def _size(n: int) -> str:
    """Bytes as a person reads them: 830 B, 12.4 KB, 3.1 MB."""
    if n < 1024:
        return f"{n} B"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n / (1024 * 1024):.1f} MB"


def exported_text(path: str, rows: Any) -> str:
    """The status line after an export."""
    from PySide6.QtCore import QCoreApplication

    if isinstance(rows, int):
        return (
            QCoreApplication.translate("ExportButton", "Exported %1 rows to %2")
            .replace("%1", f"{rows:,}")
            .replace("%2", path)
        )
    return QCoreApplication.translate("ExportButton", "Exported to %1").replace("%1", path)
