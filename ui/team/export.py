"""Export a console table to CSV or XLSX: the server builds the file (masked, audited), the
desk downloads it in the background and writes it where the lead chose.

`ExportButton` is the "Export ▾" button of a table; `export_to(path, fmt)` is what it does
once a path is chosen (tests call it directly). The file is written next to its target and
renamed over it, so a failed download never leaves half a file.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Signal
from PySide6.QtWidgets import QFileDialog, QMenu, QToolButton, QWidget

from app.client.team_views import ExportFile, ExportFormat, ExportTable
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
        stamp = datetime.now(formatting.LOCAL_ZONE).strftime("%Y%m%d-%H%M")
        return Path(folder or ".") / f"{self.table}_{stamp}{SUFFIX[fmt]}"

    def choose(self, fmt: ExportFormat) -> None:
        title = self.tr("Export to CSV") if fmt == "csv" else self.tr("Export to Excel")
        pattern = self.tr("CSV files (*.csv)") if fmt == "csv" else self.tr("Excel (*.xlsx)")
        path, _ = QFileDialog.getSaveFileName(self, title, str(self.default_path(fmt)), pattern)
        if path:
            settings.set_str("export/dir", str(Path(path).parent))
            self.export_to(Path(path), fmt)

    def export_to(self, path: Path, fmt: ExportFormat) -> None:
        """Download the table in `fmt` (off the GUI thread) and save it at `path`."""
        api, table, params = self.api, self.table, self.params()
        language = current_language()
        self.setEnabled(False)

        def work() -> tuple[Path, int | None]:
            file = api.export(table, fmt, language=language, params=params)
            return save_export(file, path), file.rows

        self._call.run(work, self._done, self._failed)

    def _done(self, result: tuple[Path, int | None]) -> None:
        self.setEnabled(True)
        self.exported.emit(str(result[0]), result[1])

    def _failed(self, exc: BaseException) -> None:
        self.setEnabled(True)
        self.failed.emit(error_text(exc))


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
