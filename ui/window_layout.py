"""A main window's layout: how a window's width is shared between the desk's panes
(`pane_widths`), and the layout kept between runs (geometry, toolbar/dock state and the
named splitters' sizes, in the desk's settings, ui.settings). A window without a saved
layout gets `default_size`."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QMainWindow, QSplitter

from ui import settings

WORKLIST_WIDTH, CENTRE_WIDTH, SIDE_WIDTH = 500, 600, 500


def pane_widths(width: int, *, worklist_wants: int, side_needs: int) -> tuple[int, int, int]:
    """Worklist | case | call widths for a window `width` px wide: at 1600 px and more the
    worklist gets what its columns want (up to WORKLIST_WIDTH plus the side pane's
    slack) and the side pane SIDE_WIDTH; narrower, all three give way in proportion
    (at 1366: about 400 | 470 | 470), never the side pane below what its fields need."""
    usable = max(900, width - 12)
    if width >= WORKLIST_WIDTH + CENTRE_WIDTH + SIDE_WIDTH:
        slack = max(0, SIDE_WIDTH - side_needs)
        extra = max(0, min(slack, worklist_wants - WORKLIST_WIDTH))
        more = width - (WORKLIST_WIDTH + CENTRE_WIDTH + SIDE_WIDTH)  # wider screens:
        side = SIDE_WIDTH - extra + more * 3 // 10  # the call pane takes 30 % of it,
        worklist = WORKLIST_WIDTH + extra + more // 5  # the worklist 20 %, the case the rest
        return worklist, usable - worklist - side, side
    side = max(side_needs, usable * 34 // 100)
    worklist = min(worklist_wants, usable * 30 // 100)
    return worklist, usable - worklist - side, side


def restore(window: QMainWindow, splitters: Iterable[str], default_size: tuple[int, int]) -> None:
    """Apply the saved layout to `window` (splitters found by object name)."""
    s = settings.desk_settings()
    geometry = s.value("window/geometry")
    if isinstance(geometry, QByteArray):
        window.restoreGeometry(geometry)
    else:
        window.resize(*default_size)
    state = s.value("window/state")
    if isinstance(state, QByteArray):
        window.restoreState(state)
    for name in splitters:
        value = s.value(f"splitters/{name}")
        splitter = window.findChild(QSplitter, name)
        if splitter is not None and isinstance(value, QByteArray):
            splitter.restoreState(value)


def save(window: QMainWindow, splitters: Iterable[str]) -> None:
    """Keep `window`'s layout for the next run."""
    s = settings.desk_settings()
    s.setValue("window/geometry", window.saveGeometry())
    s.setValue("window/state", window.saveState())
    for name in splitters:
        splitter = window.findChild(QSplitter, name)
        if splitter is not None:
            s.setValue(f"splitters/{name}", splitter.saveState())
    s.sync()
