"""The worklist table model: pages of WorklistRow from DeskService, sorted/filtered in SQL.

The model never sorts or filters itself: `set_query` asks the service for the first page,
`fetchMore` appends the next page as the view scrolls, and `sort()` (a header click)
re-queries with a different SQL ordering. Display strings are formatted on demand for the
visible rows only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from app.client.views import WorklistPage, WorklistQuery, WorklistRow
from ui import formatting, labels
from ui.models.base import (
    ALIGN_CENTER,
    ALIGN_LEFT,
    ALIGN_RIGHT,
    ALIGNMENT,
    DISPLAY,
    FOREGROUND,
    NO_FLAGS,
    ROW_FLAGS,
    TOOLTIP,
    brush,
)

Index = QModelIndex | QPersistentModelIndex
Fetch = Callable[[WorklistQuery], WorklistPage]

COLUMNS = ("callable", "next_action", "name", "bucket", "dpd", "overdue", "last_contact")
# header column -> SQL sort key understood by DeskService.worklist
SORT_KEYS = {
    "callable": "priority",
    "next_action": "next_action",
    "name": "name",
    "bucket": "dpd",
    "dpd": "dpd",
    "overdue": "overdue",
    "last_contact": "last_contact",
}
PAGE_SIZE = 200
CASE_ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1

_ROLES = frozenset((DISPLAY, ALIGNMENT, FOREGROUND, TOOLTIP, CASE_ID_ROLE))
_ALIGN = {
    key: ALIGN_RIGHT
    if key in ("dpd", "overdue")
    else ALIGN_CENTER
    if key in ("callable", "bucket")
    else ALIGN_LEFT
    for key in COLUMNS
}
_BUCKET_COLORS = {"M1": "#2f6fab", "M2": "#9a5b00", "M3": "#b44d12", "M3+": "#a61b1b"}


class WorklistModel(QAbstractTableModel):
    """Rows of the agent's worklist; see module docstring."""

    #: emitted after every (re)query: the WorklistPage of the first page
    page_loaded = Signal(object)

    def __init__(self, fetch: Fetch, parent: Any = None, *, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self._page_size = page_size
        self._rows: list[WorklistRow] = []
        self._display: dict[int, tuple[str, ...]] = {}
        self._headers: dict[str, str] | None = None
        self._total = 0
        self._query = WorklistQuery(limit=page_size)
        self._today: date | None = None

    # --- querying ---------------------------------------------------------------------
    @property
    def query(self) -> WorklistQuery:
        return self._query

    @property
    def total(self) -> int:
        return self._total

    def set_query(
        self, query: WorklistQuery, *, today: date | None = None, rows: int = 0
    ) -> WorklistPage:
        """Replace the rows with the first page of `query` (limit forced to the page size;
        `rows` asks for at least that many rows at once, e.g. to keep a scrolled view)."""
        self._query = replace(query, limit=self._page_size, offset=0)
        self._today = today or datetime.now(formatting.local_zone()).date()
        first = self._query
        if rows > self._page_size:
            pages = -(-rows // self._page_size)
            first = replace(self._query, limit=pages * self._page_size)
        page = self._fetch(first)
        self.beginResetModel()
        self._rows = list(page.rows)
        self._display.clear()
        self._total = page.total
        self.endResetModel()
        self.page_loaded.emit(page)
        return page

    def refresh(self) -> WorklistPage:
        """Re-run the current query (after a sync or a local write), keeping as many rows
        loaded as before so a scrolled view can stay where it was."""
        return self.set_query(self._query, rows=len(self._rows))

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if parent.isValid() or len(self._rows) >= self._total:
            return
        page = self._fetch(replace(self._query, offset=len(self._rows)))
        new = list(page.rows)
        if not new:
            self._total = len(self._rows)  # the store shrank meanwhile
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
        self._rows.extend(new)
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        key = SORT_KEYS[COLUMNS[column]]
        descending = order == Qt.SortOrder.DescendingOrder
        if key == self._query.sort and descending == self._query.descending:
            return
        self.set_query(replace(self._query, sort=key, descending=descending))  # type: ignore[arg-type]

    # --- lookups ----------------------------------------------------------------------
    def row_at(self, row: int) -> WorklistRow:
        return self._rows[row]

    def row_of_case(self, case_id: str) -> int:
        """Row of `case_id` among the loaded rows, or -1."""
        for i, r in enumerate(self._rows):
            if r.case_id == case_id:
                return i
        return -1

    # --- Qt model API -----------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def flags(self, index: Index) -> Qt.ItemFlag:
        return ROW_FLAGS if index.isValid() else NO_FLAGS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        key = COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            if self._headers is None:
                self._headers = {k: self._header(k) for k in COLUMNS}
            return self._headers[key]
        if role == Qt.ItemDataRole.ToolTipRole and key == "callable":
            return self.tr("Callable now under the contact policy")
        return None

    def _header(self, key: str) -> str:
        return {
            "callable": "☎",
            "next_action": self.tr("Next action"),
            "name": self.tr("Borrower"),
            "bucket": self.tr("Bucket"),
            "dpd": self.tr("DPD"),
            "overdue": self.tr("Overdue"),
            "last_contact": self.tr("Last contact"),
        }[key]

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if role not in _ROLES:
            return None
        row = index.row()
        if row < 0 or row >= len(self._rows):
            return None
        column = index.column()
        if role == DISPLAY:
            texts = self._display.get(row)
            if texts is None:  # format a row once, on first paint
                r = self._rows[row]
                texts = self._display[row] = tuple(self._text(r, key) for key in COLUMNS)
            return texts[column]
        key = COLUMNS[column]
        if role == CASE_ID_ROLE:
            return self._rows[row].case_id
        if role == ALIGNMENT:
            return _ALIGN[key]
        if role == FOREGROUND:
            return self._color(self._rows[row], key)
        return self._tooltip(self._rows[row], key)

    def _text(self, r: WorklistRow, key: str) -> str:
        if key == "callable":
            return {True: "●", False: "○", None: "–"}[r.callable_now]
        if key == "next_action":
            return self._next_action(r)
        if key == "name":
            return r.borrower_name + (" ↑" if r.pending_ops else "")
        if key == "bucket":
            return r.bucket
        if key == "dpd":
            return str(r.dpd)
        if key == "overdue":
            return formatting.money(r.overdue_total_fen)
        return formatting.local_time(r.last_contact_at, today=self._today)

    def sample_next_actions(self) -> list[str]:
        """Typical next-action texts in the current language (to size the column)."""
        today = self._today or datetime.now(formatting.local_zone()).date()
        at = datetime.combine(today, time(14, 30), formatting.local_zone())
        row = WorklistRow(
            case_id="",
            borrower_name="",
            bucket="M1",
            dpd=0,
            overdue_total_fen=0,
            last_contact_at=None,
            next_action_at=at,
            next_action_kind="broken_promise",
            callable_now=None,
            priority=0,
            phone_masked=None,
            contract_no="",
            plate="",
            promised_on=today.replace(day=28 if today.day < 28 else 1),
        )
        return [
            self._next_action(row),
            self._next_action(replace(row, next_action_kind="promise_due", promised_on=today)),
            self._next_action(
                replace(row, next_action_kind="callback", next_action_at=at + timedelta(days=3))
            ),
        ]

    def _next_action(self, r: WorklistRow) -> str:
        """What the agent has to do and when: "! PTP broken · 11-24" (the promised date),
        "! PTP due · today" / "· 09:00" / "· 12-02", "Callback · 14:30"; "" for none."""
        if r.next_action_kind == "none":
            return self.tr("Care call") if r.kind == "care" else ""
        kind = labels.label(labels.next_actions(), r.next_action_kind)
        today = self._today or datetime.now(formatting.local_zone()).date()
        if r.next_action_kind == "callback":
            when = formatting.local_time(r.next_action_at, today=today)
            return self.tr("%1 · %2").replace("%1", kind).replace("%2", when) if when else kind
        at = r.next_action_at.astimezone(formatting.local_zone()) if r.next_action_at else None
        if r.next_action_kind == "broken_promise":
            when = formatting.short_day(r.promised_on, today=today)
        elif r.promised_on is not None and r.promised_on != today:
            when = formatting.short_day(r.promised_on, today=today)
        elif at is not None and at.date() == today and (at.hour, at.minute) != (0, 0):
            when = at.strftime("%H:%M")
        else:
            when = self.tr("today")
        if not when:
            return self.tr("! %1").replace("%1", kind)
        return self.tr("! %1 · %2").replace("%1", kind).replace("%2", when)

    def _color(self, r: WorklistRow, key: str) -> Any:
        if key == "callable":
            if r.callable_now is None:
                return brush("#9aa5b1")
            return brush("#1f7a3f" if r.callable_now else "#a61b1b")
        if key == "bucket":
            c = _BUCKET_COLORS.get(r.bucket)
            return brush(c) if c else None
        if key == "next_action" and r.next_action_kind in ("promise_due", "broken_promise"):
            return brush("#b44d12")
        return None

    def _tooltip(self, r: WorklistRow, key: str) -> str | None:
        if key == "callable":
            if r.callable_now is None:
                return self.tr("Contact policy not evaluated")
            return self.tr("Callable now") if r.callable_now else self.tr("Not callable now")
        if key == "name":
            parts = [r.contract_no, r.plate, r.phone_masked or ""]
            tip = " · ".join(p for p in parts if p)
            if r.pending_ops:
                tip += "\n" + self.tr("%n change(s) waiting to sync", "", r.pending_ops)
            return tip
        return None
