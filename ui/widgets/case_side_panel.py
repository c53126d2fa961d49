"""Right pane: the call. The call bar on top; tabs with the call script, the plan
calculator, the case's notes and its contact history; the wrap-up form below.

Answers picked in the script fill the wrap-up (disposition, reason, result) and open the
fields its step captures (promise, callback); the script's walk is kept in the wrap-up's
draft, so a restarted desk is back at the same step.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QListView,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.client.views import CaseDetail
from ui import formatting
from ui.models.case_models import ContactsModel, NotesModel
from ui.qt_util import named
from ui.widgets.call_bar import CallBar
from ui.widgets.plan_panel import PlanPanel
from ui.widgets.script_panel import ScriptPanel
from ui.widgets.wrap_up_form import WrapUpForm

SCRIPT_TAB, PLAN_TAB, NOTES_TAB, CONTACTS_TAB = range(4)


class CaseSidePanel(QWidget):
    """See module docstring. `service` is the DeskService (its `calls` serve the form)."""

    amend_requested = Signal(object)  # NoteView

    def __init__(
        self,
        service: Any,
        *,
        agent_name: str = "",
        plan_panel: PlanPanel | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.call_bar = CallBar()
        self.script = ScriptPanel(agent_name)
        self.plan = plan_panel or PlanPanel(service)
        self.notes_model = NotesModel(self)
        self.contacts_model = ContactsModel(self)
        self.notes = _entry_list(self.notes_model)
        self.contacts = _entry_list(self.contacts_model)
        correct = QAction(self.tr("Correct this note…"), self.notes)
        correct.triggered.connect(self._amend_selected)
        self.notes.addAction(correct)
        self.notes.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.tabs = named(QTabWidget(), "sideTabs")
        # a script step with many answers scrolls inside its tab instead of raising the
        # window's minimum height above a 768-px screen; focus goes through to the script
        self.script_scroll = QScrollArea()
        self.script_scroll.setWidget(self.script)
        self.script_scroll.setWidgetResizable(True)
        self.script_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.script_scroll.setFocusProxy(self.script)
        self.tabs.addTab(self.script_scroll, self.tr("Script"))
        # the calculator's minimum height must not raise the script tab's: on the plan tab
        # the wrap-up folds away and the calculator has the whole pane
        self.plan.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        self.tabs.addTab(self.plan, self.tr("Plan"))
        self.tabs.addTab(self.notes, self.tr("Notes"))
        self.tabs.addTab(self.contacts, self.tr("Contact history"))
        self.wrap_up = WrapUpForm(service.calls)
        # on a 768-px screen the note box gives way first (two lines at least; it grows
        # with the pane)
        self.wrap_up.text.setMinimumHeight(44)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("rightSplitter")
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(self.wrap_up)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        # the plan tab folds the wrap-up away (the calculator needs the height); the tabs
        # never fold. Ctrl+W / F6 / F9 bring the wrap-up back (show_wrap_up)
        self.splitter.setCollapsible(0, False)
        self.splitter.setCollapsible(1, True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.call_bar)
        layout.addWidget(self.splitter, 1)
        self.script.walked.connect(self._script_walked)
        self._case_id = ""
        # the plan calculator needs height: its tab takes more of the pane than the others;
        # what the agent drags is remembered per kind of tab
        self._sizes: dict[bool, list[int]] = {}
        self._on_plan = False
        self.tabs.currentChanged.connect(self._tab_changed)

    def clear(self) -> None:
        self.notes_model.set_rows(())
        self.contacts_model.set_rows(())
        self.script.clear()
        self.plan.clear()
        self.wrap_up.clear()
        self._case_id = ""
        self._update_tab_titles()

    def show_case(
        self, d: CaseDetail, *, keep_editor: bool = False, now: datetime | None = None
    ) -> None:
        """Show the case; `keep_editor` when only the lists need refreshing (same case)."""
        now = now or datetime.now(UTC)
        self.notes_model.set_rows(d.notes)
        self.contacts_model.set_rows(d.contacts)
        self.plan.show_case(d)  # the same case again keeps what was typed
        if not keep_editor or self._case_id != d.case.id:
            self._case_id = d.case.id
            draft = self.wrap_up.set_case(d.case.id, now=now)
            today = now.astimezone(formatting.local_zone()).date()
            self.script.show_case(d, today=today, saved=draft.script if draft else None)
        self._update_tab_titles()

    def _tab_changed(self, index: int) -> None:
        on_plan = index == PLAN_TAB
        if on_plan == self._on_plan:
            return
        self._sizes[self._on_plan] = self.splitter.sizes()
        self._on_plan = on_plan
        total = sum(self.splitter.sizes()) or 800
        default = [total, 0] if on_plan else self._call_split(total)
        self.splitter.setSizes(self._sizes.get(on_plan, default))

    def _call_split(self, total: int) -> list[int]:
        """Tabs | wrap-up heights out of `total` outside the plan tab: the wrap-up as tall
        as it likes up to half the pane, never below what shows all its fields and the
        Save button, and the script at least 200 px."""
        wanted = min(self.wrap_up.sizeHint().height() + 4, total // 2)
        wrap = min(max(self.wrap_up.minimumSizeHint().height() + 4, wanted), total - 200)
        return [total - wrap, wrap]

    def fit_height(self, total: int) -> None:
        """Split a pane `total` px high between the tabs and the wrap-up (no saved sizes)."""
        self._sizes.clear()
        self.splitter.setSizes([total, 0] if self._on_plan else self._call_split(total))

    def wrap_up_folded(self) -> bool:
        """Is the wrap-up folded away (the plan tab's default)?"""
        return self.splitter.sizes()[1] == 0

    def show_wrap_up(self) -> None:
        """Unfold the wrap-up if the plan tab folded it."""
        if self.wrap_up_folded():
            self.splitter.setSizes(self._call_split(sum(self.splitter.sizes()) or 800))

    def _script_walked(self, progress: Any, sets: dict[str, str], capture: tuple[str, ...]) -> None:
        self.wrap_up.apply_script(sets, capture, self.script.saved_state())

    def _amend_selected(self) -> None:
        rows = self.notes.selectionModel().selectedIndexes()
        if rows:
            note = self.notes_model.row_at(rows[0].row())
            if note is not None:
                self.amend_requested.emit(note)

    def _update_tab_titles(self) -> None:
        self.tabs.setTabText(
            NOTES_TAB, self.tr("Notes (%1)").replace("%1", str(self.notes_model.rowCount()))
        )
        self.tabs.setTabText(
            CONTACTS_TAB,
            self.tr("Contact history (%1)").replace("%1", str(self.contacts_model.rowCount())),
        )


def _entry_list(model: object) -> QListView:
    """A read-only list of word-wrapped multi-line entries (notes, contacts)."""
    view = QListView()
    view.setModel(model)  # type: ignore[arg-type]
    view.setWordWrap(True)
    view.setAlternatingRowColors(True)
    view.setSpacing(2)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    return view
