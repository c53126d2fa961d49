"""Worklist panel, profile, history and status bar against the fake DeskService."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication

from app.client.views import SyncStatus
from ui.main_window import MainWindow
from ui.signal_hub import SignalHub
from ui.widgets.history_panel import HistoryPanel
from ui.widgets.profile_panel import ProfilePanel
from ui.widgets.status_bar import DeskStatusBar
from ui.widgets.worklist_panel import WorklistPanel


def _window(qtbot, service):  # type: ignore[no-untyped-def]
    w = MainWindow(service, SignalHub(), user_label="王芳 · 组 3", restore=False)
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=2000)
    w.load()
    return w


def test_search_as_you_type_is_debounced_and_filters(qtbot, fake_service) -> None:  # type: ignore[no-untyped-def]
    panel = WorklistPanel(fake_service.worklist)
    qtbot.addWidget(panel)
    panel.apply_filters()
    assert panel.model.total == 60
    for partial in ("刘", "刘洋"):  # typing: only the last text is queried
        panel.set_search(partial)
    assert panel.model.total == 60  # not yet: debounced
    qtbot.waitUntil(lambda: panel.model.total == 6, timeout=2000)
    assert all("刘洋" in panel.model.row_at(i).borrower_name for i in range(6))
    assert panel.title.text() == "Worklist (6)"


def test_bucket_chips_filter_and_show_counts(qtbot, fake_service) -> None:  # type: ignore[no-untyped-def]
    panel = WorklistPanel(fake_service.worklist)
    qtbot.addWidget(panel)
    panel.apply_filters()
    assert panel.chips["M2"].text() == "M2 15"
    panel.chips["M2"].setChecked(True)
    assert panel.model.total == 15
    assert {panel.model.row_at(i).bucket for i in range(15)} == {"M2"}
    panel.chips["M2"].setChecked(False)
    assert panel.model.total == 60


def test_keyboard_navigation_and_next_case(qtbot, fake_service) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, fake_service)
    first = w.worklist.model.row_at(0)
    assert w.current is not None and w.current.case.id == first.case_id
    qtbot.keyClick(w, Qt.Key.Key_F2)
    second = w.worklist.model.row_at(1)
    assert w.current.case.id == second.case_id
    w.worklist.table.setFocus()
    qtbot.keyClick(w.worklist.table, Qt.Key.Key_Down)
    assert w.current.case.id == w.worklist.model.row_at(2).case_id
    qtbot.keyClick(w.worklist.table, Qt.Key.Key_Up)
    assert w.current.case.id == second.case_id


def test_profile_shows_masked_identity_vehicle_loan_and_tags(qtbot, fake_service) -> None:  # type: ignore[no-untyped-def]
    panel = ProfilePanel()
    qtbot.addWidget(panel)
    detail = fake_service.case_detail(fake_service.rows[5].case_id)
    panel.show_case(detail)
    v = panel.values
    assert panel.name.text() == detail.borrower.name
    assert "110105********1234" in v["id_number"].text()
    assert "138****5678" in v["phones"].text()
    assert "[Emergency contact]" in v["contacts"].text() and "李秀英" in v["contacts"].text()
    assert "秦PLUS" in v["vehicle"].text() and "LGXC*********1234" in v["plate"].text()
    assert "¥100,000.00 · 6.00% · 36 months · Equal installment" in v["loan"].text()
    assert "Hardship" in v["flags"].text()  # case 5 carries the hardship flag
    assert panel.overdue.text() == "Overdue ¥6,912.37"


def test_history_shows_breakdown_schedule_payments_and_chart(qtbot, fake_service) -> None:  # type: ignore[no-untyped-def]
    panel = HistoryPanel()
    qtbot.addWidget(panel)
    detail = fake_service.case_detail(fake_service.rows[0].case_id)
    panel.show_case(detail)
    assert panel.values["principal"].text() == "¥5,200.00"
    assert panel.values["penalty"].text() == "¥327.99"
    assert panel.values["total"].text() == "¥6,412.37"
    assert panel.schedule_model.rowCount() == 24
    assert panel.payments_model.rowCount() == 17
    assert len(panel.chart._items) == 24
    panel.show()
    assert not panel.chart.grab().isNull()
    panel.clear()
    assert panel.schedule_model.rowCount() == 0 and panel.values["total"].text() == ""


def test_status_bar_states(qtbot) -> None:  # type: ignore[no-untyped-def]
    bar = DeskStatusBar()
    qtbot.addWidget(bar)
    at = datetime(2026, 11, 29, 6, 2, 11, tzinfo=UTC)
    bar.show_status(SyncStatus("online", 0, 0, at, None, "agent01"))
    assert bar.state.text() == "● online"
    assert bar.pending.text() == "0 pending"
    assert "synced" in bar.last_sync.text() and "14:02" in bar.last_sync.text()
    assert bar.attention.isHidden() and bar.agent.text() == "agent01"
    bar.show_status(
        SyncStatus("offline", 3, 1, None, "connection refused", "agent01", keyring_available=False)
    )
    assert bar.state.text() == "○ offline" and bar.state.toolTip() == "connection refused"
    assert bar.pending.text() == "3 pending"
    assert bar.last_sync.text() == "never synced"
    assert not bar.attention.isHidden() and not bar.keyring.isHidden()
    bar.show_status(SyncStatus("syncing", 1, 0, at, None, "agent01"))
    assert bar.state.text().startswith("⟳")
    bar.show_callable(False)
    assert "not callable" in bar.callable.text()


def test_window_layout_persists(qtbot, fake_service) -> None:  # type: ignore[no-untyped-def]
    w = MainWindow(fake_service, SignalHub(), restore=True)
    qtbot.addWidget(w)
    w.resize(760, 520)  # fits the offscreen platform's 800x600 screen
    w.show()
    w.splitter.setSizes([260, 250, 230])
    sizes = w.splitter.sizes()
    geometry = w.size()
    w.close()
    again = MainWindow(fake_service, SignalHub(), restore=True)
    qtbot.addWidget(again)
    again.show()
    assert again.size() == geometry
    assert again.splitter.sizes() == sizes


def test_refresh_keeps_scroll_position_and_selection(qtbot) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.fakes import FakeDeskService

    service = FakeDeskService(500)
    panel = WorklistPanel(service.worklist)
    qtbot.addWidget(panel)
    panel.resize(500, 400)
    panel.show()
    panel.apply_filters()
    panel.select_row(320)  # fetches pages as needed
    chosen = panel.current_case()
    bar = panel.table.verticalScrollBar()
    before = bar.value()
    assert before > 0 and panel.model.rowCount() >= 321
    panel.refresh()  # e.g. after a background sync
    assert bar.value() == before
    assert panel.model.rowCount() >= 321
    assert panel.table.currentIndex().row() == panel.model.row_of_case(chosen) == 320


def test_enter_in_search_opens_the_first_match(qtbot, fake_service) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, fake_service)
    w.search.setFocus()
    qtbot.keyClicks(w.search, "AL2025000007")
    qtbot.keyClick(w.search, Qt.Key.Key_Return)
    assert w.worklist.model.total == 1
    assert w.current is not None and w.current.loan.contract_no == "AL2025000007"
    assert w.worklist.table.hasFocus()


def test_needs_attention_lists_rejected_ops_and_retries(qtbot, fake_service, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    from app.client.views import RejectedOp
    from ui.dialogs.attention_dialog import AttentionDialog

    at = datetime(2026, 11, 29, 6, 0, tzinfo=UTC)
    fake_service.rejected = [
        RejectedOp(
            "op-1",
            "note.create",
            "c1",
            "n1",
            "case_not_visible",
            "case not assigned to you",
            at,
            {"text": "hi"},
        ),
        RejectedOp(
            "op-2", "case.update", "c1", "c1", "stale_version", "stale", at, {}, {"flags": []}
        ),
    ]
    w = _window(qtbot, fake_service)
    assert not w.status.attention.isHidden()
    assert w.status.attention.text() == "2 need attention"
    hub = SignalHub()
    seen: list[object] = []
    hub.changed.connect(seen.append)
    dialog = AttentionDialog(fake_service, hub, w)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 2 and dialog.empty.isHidden()
    dialog.retry.click()
    assert [o.op_id for o in fake_service.rejected] == ["op-2"] and len(seen) == 1
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    dialog.discard.click()
    assert len(fake_service.rejected) == 1  # not confirmed: kept
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog.discard.click()
    assert fake_service.rejected == [] and not dialog.empty.isHidden()
    assert not dialog.retry.isEnabled()


class FakeSync(QObject):
    """The signals of ui.background.BackgroundSync, emitted by the test."""

    report = Signal(object)
    started = Signal()
    progress = Signal(str, int, int)

    def stop(self) -> None:
        pass


def test_a_cancelled_first_sync_still_shows_what_arrived(qtbot, fake_service) -> None:  # type: ignore[no-untyped-def]
    from app.client.views import SyncReport

    sync = FakeSync()
    w = MainWindow(fake_service, SignalHub(), sync=sync, restore=False)
    qtbot.addWidget(w)
    w.load()
    queries: list[object] = []
    original = fake_service.worklist
    fake_service.worklist = lambda q, **k: queries.append(q) or original(q, **k)  # type: ignore[method-assign]
    w.worklist.model._fetch = fake_service.worklist
    sync.report.emit(SyncReport(outcome="cancelled", pulled_upserts=1200, pages=2))
    assert queries, "the worklist was not reloaded after a partial first sync"


def test_the_worklist_fills_in_while_a_first_sync_pulls(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A long first sync commits page after page: the worklist shows them as they arrive
    (at most once a second), the first case opens, and the status bar counts the records."""
    from tests.ui.fakes import FakeDeskService
    from ui import main_window

    service = FakeDeskService(cases=0)
    sync = FakeSync()
    w = MainWindow(service, SignalHub(), sync=sync, restore=False)
    qtbot.addWidget(w)
    w.load()
    assert w.worklist.model.rowCount() == 0 and w.current is None
    clock = [1000.0]
    monkeypatch.setattr(main_window.time, "monotonic", lambda: clock[0])
    for k in range(30):  # the first page is in the local store
        service._add(k)
    sync.progress.emit("pull", 480, 0)
    assert w.worklist.model.rowCount() == 30
    assert w.current is not None  # the agent can start on the first case
    assert "480" in w.status.state.text()
    for k in range(30, 60):
        service._add(k)
    clock[0] += 0.3  # too soon: the count moves, the list waits
    sync.progress.emit("pull", 960, 0)
    assert w.worklist.model.rowCount() == 30 and "960" in w.status.state.text()
    clock[0] += 1.0
    sync.progress.emit("pull", 1440, 0)
    assert w.worklist.model.rowCount() == 60
    sync.progress.emit("push", 3, 10)
    assert "3" in w.status.state.text() and "10" in w.status.state.text()


def test_flags_are_edited_from_the_profile(qtbot, fake_service, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QDialog

    from ui.dialogs.case_flags_dialog import CaseFlagsDialog

    w = _window(qtbot, fake_service)
    assert w.current is not None
    cid = w.current.case.id
    flagged_before = set(w.current.case.flags)
    seen: dict[str, object] = {}

    def fake_exec(dialog: CaseFlagsDialog) -> int:
        # what the dialog offers: every flag, ticked as the case has them
        seen["boxes"] = sorted(dialog.boxes)
        seen["ticked"] = [k for k, b in dialog.boxes.items() if b.isChecked()]
        dialog.boxes["cease"].setChecked(True)
        dialog.boxes["dispute"].setChecked(True)
        dialog.unreachable.setChecked(True)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(CaseFlagsDialog, "exec", fake_exec)
    qtbot.mouseClick(w.profile.edit_flags, Qt.MouseButton.LeftButton)
    assert seen["boxes"] == sorted(
        ["do_not_call", "cease", "dispute", "hardship", "complaint", "legal_hold"]
    )
    had = set(seen["ticked"])  # type: ignore[arg-type]
    assert had == flagged_before  # the dialog opened with the case's own flags ticked
    expected = tuple(sorted(had | {"cease", "dispute"}))
    assert fake_service.flag_edits == [(cid, expected, True)]
    # the profile repaints from the service at once (one hub)
    text = w.profile.values["flags"].text()
    assert "Cease contact" in text and "Dispute" in text and "Debtor unreachable" in text
    # cancelling changes nothing
    monkeypatch.setattr(CaseFlagsDialog, "exec", lambda d: QDialog.DialogCode.Rejected)
    qtbot.mouseClick(w.profile.edit_flags, Qt.MouseButton.LeftButton)
    assert len(fake_service.flag_edits) == 1
