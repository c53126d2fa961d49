"""Small building blocks the console's screens share: a table view set up the desk's way, a
refusal banner, a section title and the bucket chips."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractItemModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QWidget,
)

from ui.qt_util import named

BUCKETS: tuple[str, ...] = ("M1", "M2", "M3", "M3+")


def table_view(
    model: QAbstractItemModel,
    *,
    widths: Sequence[int] = (),
    multi: bool = False,
    sortable: bool = False,
    stretch_last: bool = True,
) -> QTableView:
    """A read-only row-selecting table: fixed row height, no grid, interactive columns
    (no ResizeToContents: the lists can be long). A table of figures keeps its last column
    at its width (`stretch_last=False`), so the numbers stay under their headers."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(
        QAbstractItemView.SelectionMode.ExtendedSelection
        if multi
        else QAbstractItemView.SelectionMode.SingleSelection
    )
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setShowGrid(False)
    view.setWordWrap(False)
    vh = view.verticalHeader()
    vh.setVisible(False)
    vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vh.setDefaultSectionSize(24)
    hh = view.horizontalHeader()
    hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    hh.setStretchLastSection(stretch_last)
    hh.setHighlightSections(False)
    if sortable:
        hh.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)
    head = hh.fontMetrics()
    for i, width in enumerate(widths):
        header = str(model.headerData(i, Qt.Orientation.Horizontal) or "")
        view.setColumnWidth(i, max(width, head.horizontalAdvance(header) + 22))
    return view


def fit_combo(combo: QComboBox) -> QComboBox:
    """Wide enough for its longest item in this language, with room for the arrow (the
    desk's stylesheet pads combos, which Qt's size hint does not count)."""
    fm = combo.fontMetrics()
    longest = max(
        (fm.horizontalAdvance(combo.itemText(i)) for i in range(combo.count())), default=0
    )
    combo.setMinimumWidth(longest + 48)
    return combo


def title(text: str = "") -> QLabel:
    return named(QLabel(text), "panelTitle")


def muted(text: str = "") -> QLabel:
    label = named(QLabel(text), "muted")
    label.setWordWrap(True)
    return label


class Banner(QLabel):
    """A warning line above a screen (a refused request, the server out of reach); hidden
    while there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "bannerWarning")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def say(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))

    def clear(self) -> None:
        self.setText("")
        self.hide()


class BucketChips(QWidget):
    """Checkable bucket chips (none checked: every bucket); `changed` when one toggles."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        self.chips: dict[str, QPushButton] = {}
        for bucket in BUCKETS:
            chip = named(QPushButton(bucket), "bucketChip")
            chip.setCheckable(True)
            chip.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            chip.setToolTip(self.tr("Only the checked buckets (none checked: all)"))
            chip.toggled.connect(self.changed)
            self.chips[bucket] = chip
            row.addWidget(chip)

    def checked(self) -> tuple[str, ...]:
        return tuple(b for b, chip in self.chips.items() if chip.isChecked())

    def set_counts(self, counts: dict[str, int]) -> None:
        for bucket, chip in self.chips.items():
            chip.setText(f"{bucket} {counts.get(bucket, 0):,}")
