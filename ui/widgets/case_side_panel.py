"""Right pane: the case's notes and contact history over the note editor."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.client.views import CaseDetail
from ui.models.case_models import ContactsModel, NotesModel
from ui.widgets.note_editor import NoteEditor, NoteService


class CaseSidePanel(QWidget):
    """Notes list and contact history (tabs) above the note editor."""

    def __init__(self, service: NoteService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.notes_model = NotesModel(self)
        self.contacts_model = ContactsModel(self)
        self.notes = _entry_list(self.notes_model)
        self.contacts = _entry_list(self.contacts_model)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.notes, self.tr("Notes"))
        self.tabs.addTab(self.contacts, self.tr("Contact history"))
        self.editor = NoteEditor(service)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("rightSplitter")
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(self.editor)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

    def clear(self) -> None:
        self.notes_model.set_rows(())
        self.contacts_model.set_rows(())
        self.editor.set_case("", None)
        self._update_tab_titles()

    def show_case(self, d: CaseDetail, *, keep_editor: bool = False) -> None:
        """Show the case's notes and contacts; `keep_editor` when only refreshing lists."""
        self.notes_model.set_rows(d.notes)
        self.contacts_model.set_rows(d.contacts)
        if not keep_editor or self.editor.case_id() != d.case.id:
            self.editor.set_case(d.case.id, d.draft)
        self._update_tab_titles()

    def _update_tab_titles(self) -> None:
        self.tabs.setTabText(
            0, self.tr("Notes (%1)").replace("%1", str(self.notes_model.rowCount()))
        )
        self.tabs.setTabText(
            1, self.tr("Contact history (%1)").replace("%1", str(self.contacts_model.rowCount()))
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
