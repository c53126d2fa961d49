"""Left pane: the worklist table with bucket chips, status filter, counts and search.

Search text arrives from the toolbar's search box and is debounced (~150 ms) before the
model re-queries the store; every filter and the sort order are applied in SQL by the
service. Selecting a row (mouse or keyboard) announces the case.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.client.views import ALL_BUCKETS, WorklistPage, WorklistQuery
from ui.models.worklist_model import COLUMNS, Fetch, WorklistModel
from ui.qt_util import named

SEARCH_DEBOUNCE_MS = 150
FILTER_BUCKETS = tuple(b for b in ALL_BUCKETS if b != "M0")
COLUMN_WIDTHS = {
    "callable": 26,
    "next_action": 122,
    "name": 70,
    "bucket": 46,
    "dpd": 46,
    "overdue": 84,
    "last_contact": 82,
}


class WorklistPanel(QWidget):
    """The worklist; emits `case_selected(case_id)` when the current row changes."""

    case_selected = Signal(str)

    def __init__(self, fetch: Fetch, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = WorklistModel(fetch, self)
        self._search = ""
        self._debounce = QTimer(self, singleShot=True, interval=SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.apply_filters)

        self.title = named(QLabel(), "panelTitle")
        self.status_combo = QComboBox()
        for code, text in (
            ("open", self.tr("Open")),
            ("recovery", self.tr("Recovery")),
            ("closed", self.tr("Closed")),
            ("", self.tr("All statuses")),
        ):
            self.status_combo.addItem(text, code)
        self.status_combo.currentIndexChanged.connect(self.apply_filters)
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(self.status_combo)

        self.chips: dict[str, QPushButton] = {}
        chips = QHBoxLayout()
        chips.setSpacing(4)
        for bucket in FILTER_BUCKETS:
            chip = named(QPushButton(bucket), "bucketChip")
            chip.setCheckable(True)
            chip.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            chip.setToolTip(self.tr("Show only the checked buckets (none checked: all)"))
            chip.toggled.connect(self.apply_filters)
            self.chips[bucket] = chip
            chips.addWidget(chip)
        chips.addStretch(1)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        # no indicator first: enabling sorting then calls sort(-1), which queries nothing
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        vh = self.table.verticalHeader()
        vh.setVisible(False)
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vh.setDefaultSectionSize(24)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        hh.setStretchLastSection(True)
        hh.setHighlightSections(False)
        self._widths = self._column_widths()
        for i, width in enumerate(self._widths):
            self.table.setColumnWidth(i, width)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)

        self.empty = named(QLabel(alignment=Qt.AlignmentFlag.AlignCenter), "emptyState")
        self.empty.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(head)
        layout.addLayout(chips)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        self.model.page_loaded.connect(self._on_page)
        self._current_case = ""

    def preferred_width(self) -> int:
        """Width that shows every column without a horizontal scroll bar."""
        columns = sum(self._widths)  # the last section stretches: not its current width
        bar = self.table.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        layout = self.layout()
        assert layout is not None
        margins = layout.contentsMargins()
        frame = 2 * self.table.frameWidth()
        return columns + bar + frame + margins.left() + margins.right() + 4

    def _column_widths(self) -> list[int]:
        """The default widths, widened where this language's header (with its sort arrow)
        or a typical next action ("! PTP broken · 11-24") would be clipped."""
        fm = self.table.fontMetrics()
        head = self.table.horizontalHeader().fontMetrics()
        widths = []
        for i, key in enumerate(COLUMNS):
            header = str(self.model.headerData(i, Qt.Orientation.Horizontal) or "")
            width = COLUMN_WIDTHS[key]
            if key != "callable":  # "☎" needs no sort-arrow room
                width = max(width, head.horizontalAdvance(header) + 12)
            if key == "next_action":
                texts = self.model.sample_next_actions()
                width = max(width, *(fm.horizontalAdvance(t) + 12 for t in texts))
            widths.append(width)
        return widths

    # --- filters ----------------------------------------------------------------------
    def set_search(self, text: str) -> None:
        """Search-as-you-type: re-query after a short pause in typing."""
        self._search = text.strip()
        self._debounce.start()

    def current_query(self) -> WorklistQuery:
        buckets = tuple(b for b, chip in self.chips.items() if chip.isChecked())
        status = self.status_combo.currentData() or None
        return replace(self.model.query, search=self._search, buckets=buckets, status=status)

    def apply_filters(self) -> None:
        self._debounce.stop()
        self.model.set_query(self.current_query())
        self._reselect()

    def refresh(self) -> None:
        """Re-run the query after a sync or local write, keeping the current case selected
        and the list scrolled where the agent left it."""
        bar = self.table.verticalScrollBar()
        position = bar.value()
        self.model.refresh()
        self._reselect()
        bar.setValue(position)

    def _reselect(self) -> None:
        if self._current_case:
            row = self.model.row_of_case(self._current_case)
            if row >= 0:
                self.table.selectionModel().blockSignals(True)
                self.table.setCurrentIndex(self.model.index(row, 0))
                self.table.selectionModel().blockSignals(False)

    def _on_page(self, page: WorklistPage) -> None:
        self.title.setText(self.tr("Worklist (%1)").replace("%1", f"{page.total:,}"))
        for bucket, chip in self.chips.items():
            chip.setText(f"{bucket} {page.bucket_counts.get(bucket, 0):,}")
        has_rows = page.total > 0
        self.empty.setVisible(not has_rows)
        if not has_rows:
            self.empty.setText(
                self.tr("No case matches the search")
                if page.query.search or page.query.buckets
                else self.tr("No cases yet — they appear after the first sync")
            )

    # --- navigation -------------------------------------------------------------------
    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = selected.indexes()
        if not rows:
            return
        case_id = self.model.row_at(rows[0].row()).case_id
        if case_id != self._current_case:
            self._current_case = case_id
            self.case_selected.emit(case_id)

    def current_case(self) -> str:
        return self._current_case

    def select_row(self, row: int) -> bool:
        while row >= self.model.rowCount() and self.model.canFetchMore(QModelIndex()):
            self.model.fetchMore(QModelIndex())
        if not 0 <= row < self.model.rowCount():
            return False
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)  # current + selected, so arrow keys move from here
        self.table.scrollTo(index)
        return True

    def next_case(self) -> bool:
        """Move to the case after the current one in the worklist order (F2)."""
        row = self.model.row_of_case(self._current_case) if self._current_case else -1
        return self.select_row(row + 1)

    def select_case(self, case_id: str) -> bool:
        row = self.model.row_of_case(case_id)
        return self.select_row(row) if row >= 0 else False
