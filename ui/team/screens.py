"""Screenshots of the team console (demo --screenshot, tests): the team worklist, a rule
reassignment's preview, the approval queue and the dashboard, in both languages, as a team
lead sees them in a 1680×1050 window.

Everything is read from the server through `api` (a TeamApi signed in as the lead); nothing
is written — the preview writes nothing and nothing is applied or decided. The window's desk
page (not shown; its status bar is) reads `service`, the lead's own desk, through a
ReadOnlyService.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QWidget

from ui import labels
from ui.call_screens import ReadOnlyService, screen_size
from ui.i18n import LANGUAGES, current_language, install_language
from ui.main_window import MainWindow
from ui.signal_hub import SignalHub
from ui.team.console import APPROVALS, DASHBOARD, REASSIGN, WORKLIST

log = logging.getLogger(__name__)
WAIT_S = 60.0


def _wait(done: Callable[[], bool], what: str, timeout_s: float = WAIT_S) -> None:
    """Run the event loop until `done()` (the console's requests answer by signal)."""
    app = QApplication.instance()
    deadline = time.monotonic() + timeout_s
    while True:
        if app is not None:
            app.processEvents()
        if done():
            break
        if time.monotonic() > deadline:
            raise TimeoutError(f"the team console did not finish loading {what}")
        time.sleep(0.01)
    for _ in range(4):  # let the layout settle after the last answer
        if app is not None:
            app.processEvents()


def _save(widget: QWidget, out: Path, name: str, lang: str) -> Path:
    path = out / f"{name}_{lang}.png"
    if not widget.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    return path


def render_team_screens(
    service: Any,
    api: Any,
    out_dir: str | Path,
    *,
    user_label: str,
    role: str = "team_lead",
    languages: Sequence[str] = LANGUAGES,
) -> list[Path]:
    """Write team_worklist, reassign_preview, approvals and dashboard PNGs per language."""
    app = QApplication.instance()
    assert app is not None
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    before = current_language()
    written: list[Path] = []
    try:
        for lang in languages:
            install_language(app, lang)
            labels.clear_cache()
            window = MainWindow(
                ReadOnlyService(service),
                SignalHub(),
                user_label=user_label,
                restore=False,
                reminders=False,
                team=api,
                role=role,
            )
            try:
                window.fit_panes(*screen_size())
                window.show()
                window.load()
                window.team_mode.set_active(True)
                written += _render(window, window.team_mode.console, out, lang)
            finally:
                window.close()
                window.deleteLater()
    finally:
        install_language(app, before)
        labels.clear_cache()
    log.info("wrote %d team screenshots to %s", len(written), out)
    return written


def _render(window: QWidget, console: Any, out: Path, lang: str) -> list[Path]:
    written: list[Path] = []
    worklist = console.worklist
    console.show_tab(WORKLIST)
    _wait(lambda: worklist.model.total > 0 and not worklist.busy, "the team's cases")
    _wait(lambda: not console.agents.busy, "the agents")
    for row in range(min(3, worklist.model.rowCount())):
        worklist.table.selectRow(row) if row == 0 else _extend(worklist.table, row)
    written.append(_save(window, out, "team_worklist", lang))

    reassign = console.reassign
    console.show_tab(REASSIGN)
    for balance in ("amount", "count"):  # the demo deals by count: by amount shows moves
        (reassign.by_amount if balance == "amount" else reassign.by_count).setChecked(True)
        reassign.run_preview()
        _wait(lambda: not reassign.busy, "the preview")
        if reassign.preview is not None and reassign.preview.moves:
            break
    written.append(_save(window, out, "reassign_preview", lang))

    approvals = console.approvals
    console.show_tab(APPROVALS)
    _wait(lambda: not approvals.busy, "the approvals")
    for row, item in enumerate(approvals.model.rows()):
        if item.approvable:
            approvals.table.selectRow(row)
            break
    written.append(_save(window, out, "approvals", lang))

    dashboard = console.dashboard
    console.show_tab(DASHBOARD)
    dashboard.set_period("month")
    _wait(
        lambda: (
            not dashboard.busy and dashboard.view is not None and dashboard.view.period == "month"
        ),
        "the dashboard",
    )
    written.append(_save(window, out, "dashboard", lang))
    return written


def _extend(table: Any, row: int) -> None:
    from PySide6.QtCore import QItemSelectionModel

    index = table.model().index(row, 0)
    table.selectionModel().select(
        index,
        QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
    )
