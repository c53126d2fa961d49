"""Note editor: drafts survive switching case and re-opening the desk; save goes to the
outbox; bad input gets a message and loses nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ui.main_window import MainWindow
from ui.signal_hub import SignalHub
from ui.widgets.note_editor import NoteEditor


def _window(qtbot, service):  # type: ignore[no-untyped-def]
    w = MainWindow(service, SignalHub(), restore=False)
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=2000)
    w.load()
    return w


def test_draft_is_saved_as_the_agent_types(qtbot, fake_service) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, fake_service)
    case_id = w.current.case.id
    qtbot.keyClicks(w.side.editor.text, "pays on Monday")
    qtbot.waitUntil(lambda: fake_service.drafts.get(case_id) == "pays on Monday", timeout=3000)
    assert w.side.editor.draft_label.text() == "Draft saved"


def test_draft_survives_switching_case_and_reopening(qtbot, fake_service) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, fake_service)
    first = w.current.case.id
    w.side.editor.text.setPlainText("half-written note")
    w.next_case()  # switching flushes the pending draft at once
    assert fake_service.drafts[first] == "half-written note"
    assert w.side.editor.text.toPlainText() == ""
    w.worklist.select_case(first)
    assert w.side.editor.text.toPlainText() == "half-written note"
    assert w.side.editor.draft_label.text() == "Draft restored"
    w.close()

    again = _window(qtbot, fake_service)  # the desk restarts on the same store
    again.worklist.select_case(first)
    assert again.side.editor.text.toPlainText() == "half-written note"


def test_close_flushes_the_draft(qtbot, fake_service) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, fake_service)
    case_id = w.current.case.id
    w.side.editor.text.setPlainText("typed just before closing")
    w.close()
    assert fake_service.drafts[case_id] == "typed just before closing"


def test_f9_saves_to_the_outbox_and_refreshes_the_notes(qtbot, fake_service) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, fake_service)
    case_id = w.current.case.id
    editor = w.side.editor
    editor.text.setPlainText("本人接听，承诺30日还款")
    editor.disposition.setCurrentIndex(editor.disposition.findData("right_party"))
    editor.has_next.setChecked(True)
    notes_before = w.side.notes_model.rowCount()
    with qtbot.waitSignal(editor.saved, timeout=2000):
        qtbot.keyClick(w, Qt.Key.Key_F9)
    assert len(fake_service.outbox) == 1
    note = fake_service.outbox[0]
    assert (note.case_id, note.text, note.disposition) == (
        case_id,
        "本人接听，承诺30日还款",
        "right_party",
    )
    assert note.next_action_on == editor.next_date.date().toPython()
    assert editor.text.toPlainText() == "" and case_id not in fake_service.drafts
    assert w.side.notes_model.rowCount() == notes_before + 1  # the hub refreshed the case
    top = w.side.notes_model.data(w.side.notes_model.index(0, 0))
    assert "waiting to sync" in top and "本人接听" in top
    assert w.status.pending.text() == "1 pending"


def test_empty_note_is_refused_with_a_message(qtbot, fake_service) -> None:  # type: ignore[no-untyped-def]
    editor = NoteEditor(fake_service)
    qtbot.addWidget(editor)
    editor.set_case(fake_service.rows[0].case_id, None)
    editor.text.setPlainText("   ")
    assert editor.save() is False
    assert editor.message.text() == "Write the note first."
    assert fake_service.outbox == []


def test_store_failure_keeps_the_text(qtbot, fake_service) -> None:  # type: ignore[no-untyped-def]
    class Broken(type(fake_service)):  # type: ignore[misc]
        def save_note(self, *a, **k):  # type: ignore[no-untyped-def]
            raise OSError("database or disk is full")

    svc = Broken(3)
    editor = NoteEditor(svc)
    qtbot.addWidget(editor)
    case_id = svc.rows[0].case_id
    editor.set_case(case_id, None)
    editor.text.setPlainText("must not be lost")
    assert editor.save() is False
    assert editor.text.toPlainText() == "must not be lost"
    assert "could not be written" in editor.message.text()
    qtbot.waitUntil(lambda: svc.drafts.get(case_id) == "must not be lost", timeout=3000)
