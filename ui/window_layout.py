"""A main window's layout kept between runs: geometry, toolbar/dock state and the named
splitters' sizes, in the desk's settings (ui.settings). A window without a saved layout
gets `default_size`."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QMainWindow, QSplitter

from ui import settings


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
