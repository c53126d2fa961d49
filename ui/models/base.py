"""A small read-only table model over a tuple of frozen records, one column spec each."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

R = TypeVar("R")

# Plain ints: comparing the int `role` with Qt enum members costs an enum call each time,
# and data() runs thousands of times per repaint.
DISPLAY = int(Qt.ItemDataRole.DisplayRole)
ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
NO_FLAGS = Qt.ItemFlag.NoItemFlags
ALIGN_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
ALIGN_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
ALIGN_CENTER = int(Qt.AlignmentFlag.AlignCenter)

_BRUSHES: dict[str, QBrush] = {}


def brush(color: str) -> QBrush:
    """A cached QBrush for a hex colour (data() is called very often)."""
    b = _BRUSHES.get(color)
    if b is None:
        b = _BRUSHES[color] = QBrush(QColor(color))
    return b


@dataclass(frozen=True, slots=True)
class Column(Generic[R]):
    """How one column shows a record: text, optional alignment, colour and tooltip."""

    key: str
    text: Callable[[R], str]
    align: int = ALIGN_LEFT
    foreground: Callable[[R], str | None] | None = None
    tooltip: Callable[[R], str] | None = None


Index = QModelIndex | QPersistentModelIndex


class RecordTableModel(QAbstractTableModel, Generic[R]):
    """Read-only rows of records; subclasses provide `columns()` and `header(key)`."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: tuple[R, ...] = ()
        self._columns: Sequence[Column[R]] = self.columns()

    # subclass hooks -------------------------------------------------------------------
    def columns(self) -> Sequence[Column[R]]:
        raise NotImplementedError

    def header(self, key: str) -> str:
        raise NotImplementedError

    # data -----------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    def rows(self) -> tuple[R, ...]:
        return self._rows

    def row_at(self, row: int) -> R:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if role not in _ROLES:
            return None
        row = index.row()
        if row < 0 or row >= len(self._rows):
            return None
        col = self._columns[index.column()]
        rec = self._rows[row]
        if role == DISPLAY:
            return col.text(rec)
        if role == ALIGNMENT:
            return col.align
        if role == FOREGROUND:
            if col.foreground is None:
                return None
            color = col.foreground(rec)
            return brush(color) if color else None
        if role == TOOLTIP and col.tooltip is not None:
            return col.tooltip(rec)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            return self.header(self._columns[section].key)
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return ROW_FLAGS if index.isValid() else NO_FLAGS


_ROLES = frozenset((DISPLAY, ALIGNMENT, FOREGROUND, TOOLTIP))
