"""The team worklist against the real server: filter by agent, bucket and promise, search
(debounced), sort by a header, page; reassign a selection (each case from the holder the
lead saw); a case that moved meanwhile or a target on leave refuses the whole move, said in
words, and the list refreshes; export what the list shows."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.client.team_api import TeamApi
from app.client.team_views import CaseMoveSpec
from app.server.models import AuditLog, Case, User
from tests.client.team_book import TeamBook
from ui.team.move_dialog import MoveDialog
from ui.team.team_worklist import TeamWorklistPanel

SF = sessionmaker[Session]


def holder(sf: SF, case_id: str) -> str | None:
    with sf() as s:
        return s.scalar(
            select(User.username)
            .join(Case, Case.assigned_to_id == User.id)
            .where(Case.id == case_id)
        )


def _panel(qtbot, lead_api: TeamApi) -> TeamWorklistPanel:  # type: ignore[no-untyped-def]
    panel = TeamWorklistPanel(lead_api)
    qtbot.addWidget(panel)
    panel.resize(1200, 700)
    panel.show()
    panel.set_agents(lead_api.agents())
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        panel.refresh()
    return panel


def test_filters_search_sort_and_counts(qtbot, lead_api: TeamApi, team_book: TeamBook) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(qtbot, lead_api)
    assert panel.heading.text() == "Team cases (10)" and panel.model.rowCount() == 10
    assert panel.chips.chips["M1"].text().startswith("M1 ")
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        panel.agent.setCurrentIndex(panel.agent.findData("agent-b"))
    assert {panel.model.row_at(r).assigned_to for r in range(panel.model.rowCount())} == {"agent-b"}
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        panel.agent.setCurrentIndex(0)
    target = team_book.cases["agent-c"][0]
    with qtbot.waitSignal(panel.loaded, timeout=10_000):  # typed, then one query
        qtbot.keyClicks(panel.search, target.contract_no)
    assert [panel.model.row_at(r).case_id for r in range(panel.model.rowCount())] == [
        target.case_id
    ]
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        panel.search.clear()
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        panel.promise.setCurrentIndex(panel.promise.findData("broken"))
    assert panel.model.rowCount() == 1
    assert panel.model.data(panel.model.index(0, 6)).startswith("Broken")
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        panel.promise.setCurrentIndex(0)
    with qtbot.waitSignal(panel.loaded, timeout=10_000):  # a header click: the server sorts
        panel.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    dpds = [panel.model.row_at(r).dpd for r in range(panel.model.rowCount())]
    assert dpds == sorted(dpds, reverse=True) and panel.current_query().sort == "dpd"
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        panel.chips.chips["M3"].setChecked(True)
    assert {panel.model.row_at(r).bucket for r in range(panel.model.rowCount())} == {"M3"}


def test_reassign_a_selection_with_the_dialog(  # type: ignore[no-untyped-def]
    qtbot, lead_api: TeamApi, team_book: TeamBook, session_factory: SF
) -> None:
    lead_api.set_leave("agent-c", True)
    panel = _panel(qtbot, lead_api)
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        panel.agent.setCurrentIndex(panel.agent.findData("agent-a"))
    assert "on leave" in panel.agent.itemText(panel.agent.findData("agent-c"))
    panel.table.selectRow(0)
    panel.table.selectionModel().select(
        panel.model.index(1, 0),
        panel.table.selectionModel().SelectionFlag.Select
        | panel.table.selectionModel().SelectionFlag.Rows,
    )
    rows = panel.selected_rows()
    assert len(rows) == 2 and panel.reassign_button.isEnabled()
    assert panel.selected.text() == "2 selected"
    dialog = MoveDialog(rows, panel.agents, panel)
    qtbot.addWidget(dialog)
    on_leave = dialog.target.findData("agent-c")
    assert not dialog.target.model().item(on_leave).isEnabled()  # type: ignore[attr-defined]
    dialog.target.setCurrentIndex(dialog.target.findData("agent-b"))
    moves = dialog.moves()
    assert moves == [CaseMoveSpec(r.case_id, "agent-a", "agent-b") for r in rows]
    with qtbot.waitSignal(panel.message, timeout=10_000) as said:
        panel.apply_moves(moves, "客户要求换人")
    assert said.args[0].startswith("2 case(s) reassigned")
    assert all(holder(session_factory, r.case_id) == "agent-b" for r in rows)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 4 and not panel.busy, timeout=10_000)
    with session_factory() as s:
        audited = s.scalars(select(AuditLog.entity_id).where(AuditLog.action == "case.reassign"))
        assert set(audited) == {r.case_id for r in rows}


def test_a_move_refused_whole_is_said_in_words_and_the_list_refreshes(  # type: ignore[no-untyped-def]
    qtbot, lead_api: TeamApi, team_book: TeamBook, session_factory: SF
) -> None:
    panel = _panel(qtbot, lead_api)
    listed = [panel.model.row_at(r) for r in range(panel.model.rowCount())]
    a_rows = [r for r in listed if r.assigned_to == "agent-a"][:3]
    # meanwhile someone moves one of them (another lead's window, an admin)
    lead_api.apply([CaseMoveSpec(a_rows[0].case_id, "agent-a", "agent-c")])
    moves = [CaseMoveSpec(r.case_id, r.assigned_to, "agent-b") for r in a_rows]
    with qtbot.waitSignal(panel.loaded, timeout=10_000):  # refused, then refreshed
        panel.apply_moves(moves)
    text = panel.banner.text()
    assert panel.banner.isVisible() and text.startswith("Nothing was moved: 1 case(s)")
    assert f"{a_rows[0].borrower_name}: you saw agent-a, now agent-c" in text
    assert [holder(session_factory, r.case_id) for r in a_rows] == [
        "agent-c",
        "agent-a",
        "agent-a",
    ]  # the other two did not move
    fresh = {panel.model.row_at(r).case_id: panel.model.row_at(r) for r in range(10)}
    assert fresh[a_rows[0].case_id].assigned_to == "agent-c"  # the list shows the new holder
    # a target gone on leave: refused whole, with the reason
    lead_api.set_leave("agent-b", True)
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        panel.apply_moves([CaseMoveSpec(a_rows[1].case_id, "agent-a", "agent-b")])
    assert "agent-b (on leave) cannot receive cases" in panel.banner.text()
    assert holder(session_factory, a_rows[1].case_id) == "agent-a"


def test_double_click_asks_to_open_the_case(qtbot, lead_api: TeamApi) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(qtbot, lead_api)
    with qtbot.waitSignal(panel.open_case, timeout=2_000) as opened:
        panel.table.doubleClicked.emit(panel.model.index(2, 1))
    assert opened.args == [panel.model.row_at(2).case_id]


def test_export_saves_what_the_list_shows(  # type: ignore[no-untyped-def]
    qtbot, lead_api: TeamApi, team_book: TeamBook, session_factory: SF, tmp_path: Path
) -> None:
    panel = _panel(qtbot, lead_api)
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        panel.agent.setCurrentIndex(panel.agent.findData("agent-b"))
    target = tmp_path / "cases"
    with qtbot.waitSignal(panel.message, timeout=10_000) as said:
        panel.export.export_to(target, "csv")
    saved = tmp_path / "cases.csv"
    assert said.args[0] == f"Exported 3 rows to {saved}"
    lines = saved.read_text(encoding="utf-8-sig").strip().splitlines()
    assert len(lines) == 4 and not list(tmp_path.glob(".*.part"))
    with session_factory() as s:
        row = s.scalars(select(AuditLog).where(AuditLog.action == "export.team_cases")).one()
        assert row.details["filters"]["agent"] == "agent-b" and row.details["rows"] == 3


def test_an_export_shows_its_progress_and_can_be_cancelled(  # type: ignore[no-untyped-def]
    qtbot, lead_api: TeamApi, team_book: TeamBook, tmp_path: Path
) -> None:
    panel = _panel(qtbot, lead_api)
    button = panel.export
    button.SHOW_PROGRESS_AFTER_MS = 0
    seen: list[tuple[int, int]] = []
    button.progressed.connect(lambda got, total: seen.append((got, total)))
    with qtbot.waitSignal(panel.message, timeout=10_000) as said:
        button.export_to(tmp_path / "all.csv", "csv")
        assert button.progress is not None and not button.isEnabled()
    size = (tmp_path / "all.csv").stat().st_size
    assert said.args[0].startswith("Exported 10 rows")
    assert seen and seen[-1] == (size, size)  # bytes received of the Content-Length
    assert button.progress is None and button.isEnabled()
    # cancelled: the download stops, nothing is written, the lead is told, the button is back
    with qtbot.waitSignal(panel.message, timeout=10_000) as said:
        button.export_to(tmp_path / "never.csv", "csv")
        dialog = button.progress
        assert dialog is not None
        qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)  # Cancel
        assert not button.isEnabled()  # until the worker has stopped
    assert said.args[0] == "Export cancelled; no file was written."
    assert not (tmp_path / "never.csv").exists() and not list(tmp_path.glob(".*.part"))
    assert button.progress is None and button.isEnabled()
