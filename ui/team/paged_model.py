"""A read-only table model over a server list, one page at a time, off the GUI thread.

`load(fetch)` asks for the first page in the background and replaces the rows when it
arrives (the old rows stay on screen until then); as the view scrolls, `fetchMore` asks for
the next page, and the rows are appended when it arrives. Only the latest `load`'s pages
are taken. `load(fetch, keep_rows=n)` refreshes in place: it takes as many pages as cover
the n rows the view had (up to KEEP_ROWS_MAX), so a list refreshed after a change keeps
the lead's place instead of jumping back to the first page. The model never sorts or filters: a header click emits `sort_requested` with the
column's key and the panel asks the server again (the team's 20,000+ cases are never all
in the desk).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol, TypeVar

from PySide6.QtCore import QModelIndex, Qt, Signal

from ui.models.base import Index, RecordTableModel
from ui.team.calls import LatestCall

R = TypeVar("R")
PAGE_SIZE = 200
KEEP_ROWS_MAX = 2_000  # a refresh in place asks for at most 10 pages of 200


class Page(Protocol):
    """What a fetch returns: the page's rows and the total the filter matches."""

    @property
    def rows(self) -> Sequence[Any]: ...

    @property
    def total(self) -> int: ...


Fetch = Callable[[int, int], Page]  # (offset, limit) -> page


class PagedTableModel(RecordTableModel[R]):
    """See module docstring. Subclasses give `columns()`, `header(key)` and `sortable`."""

    page_loaded = Signal(object)  # the first page of a load
    more_loaded = Signal(int)  # rows appended by fetchMore
    failed = Signal(object)  # the exception of a failed page
    sort_requested = Signal(str, bool)  # column key, descending

    #: column keys a header click may sort by
    sortable: frozenset[str] = frozenset()

    def __init__(self, parent: Any = None, *, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self._page_size = page_size
        self._fetch: Fetch | None = None
        self._total = 0
        self._first = LatestCall(self)
        self._more = LatestCall(self)

    @property
    def total(self) -> int:
        return self._total

    @property
    def loading(self) -> bool:
        return self._first.busy or self._more.busy

    def load(self, fetch: Fetch, *, keep_rows: int = 0) -> None:
        """Replace the rows by the first page of `fetch` (in the background); with
        `keep_rows`, by the pages that cover that many rows (see module docstring)."""
        self._fetch = fetch
        self._more.cancel()
        size = self._page_size
        want = min(max(keep_rows, 0), KEEP_ROWS_MAX)

        def first() -> tuple[Page, tuple[Any, ...]]:
            page = fetch(0, size)
            rows = list(page.rows)
            while len(rows) < min(want, int(page.total)):
                more = fetch(len(rows), size)
                if not more.rows:
                    break
                rows.extend(more.rows)
            return page, tuple(rows)

        self._first.run(first, self._take_first, self.failed.emit)

    def reload(self) -> None:
        if self._fetch is not None:
            self.load(self._fetch)

    def clear(self) -> None:
        self._first.cancel()
        self._more.cancel()
        self._fetch = None
        self._total = 0
        self.set_rows(())

    def _take_first(self, result: tuple[Page, tuple[Any, ...]]) -> None:
        page, rows = result
        self.beginResetModel()
        self._rows = rows
        self._total = int(page.total)
        self.endResetModel()
        self.page_loaded.emit(page)

    # --- paging -------------------------------------------------------------------------
    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return (
            not parent.isValid()
            and self._fetch is not None
            and not self.loading
            and len(self._rows) < self._total
        )

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if not self.canFetchMore(parent) or self._fetch is None:
            return
        fetch, offset, size = self._fetch, len(self._rows), self._page_size
        self._more.run(lambda: fetch(offset, size), self._append, self.failed.emit)

    def _append(self, page: Page) -> None:
        new = tuple(page.rows)
        if not new:
            self._total = len(self._rows)  # the list shrank meanwhile
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
        self._rows = self._rows + new
        self.endInsertRows()
        self.more_loaded.emit(len(new))

    # --- sorting ------------------------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns):
            return
        key = self._columns[column].key
        if key in self.sortable:
            self.sort_requested.emit(key, order == Qt.SortOrder.DescendingOrder)
