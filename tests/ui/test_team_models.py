"""qtmodeltester on every item model of the team console, filled from the real server's
answers; the paged models fetch their pages off the GUI thread and only from the server."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QModelIndex, Qt

from app.client.team_api import TeamApi
from app.client.team_views import KpiView, RateView, ReassignRuleSpec, RollView, TeamCaseQuery
from tests.client.team_book import TeamBook
from ui.team.kpi_views import KpiModel, RollModel, roll_rows
from ui.team.models import (
    AgentLoadModel,
    ApprovalsModel,
    AuditModel,
    FlowModel,
    PlanLinesModel,
    ShareModel,
    TeamCasesModel,
    flows,
)


def _load(qtbot, model, fetch) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(model.page_loaded, timeout=10_000):
        model.load(fetch)


def test_team_cases_model_pages_from_the_server(qtbot, qtmodeltester, lead_api: TeamApi) -> None:  # type: ignore[no-untyped-def]
    model = TeamCasesModel(page_size=4)
    asked: list[tuple[int, int]] = []

    def fetch(offset: int, limit: int):  # type: ignore[no-untyped-def]
        asked.append((offset, limit))
        return lead_api.team_cases(TeamCaseQuery(offset=offset, limit=limit))

    _load(qtbot, model, fetch)
    assert model.rowCount() == 4 and model.total == 10
    assert model.canFetchMore(QModelIndex())
    with qtbot.waitSignal(model.more_loaded, timeout=10_000):
        model.fetchMore(QModelIndex())
        assert model.loading and not model.canFetchMore(QModelIndex())  # one page at a time
        assert model.rowCount() == 4  # appended when the answer arrives, on this thread
    assert model.rowCount() == 8
    qtmodeltester.check(model)
    qtbot.waitUntil(lambda: not model.loading, timeout=10_000)
    while model.canFetchMore(QModelIndex()):
        with qtbot.waitSignal(model.more_loaded, timeout=10_000):
            model.fetchMore(QModelIndex())
    assert model.rowCount() == 10 and asked[:2] == [(0, 4), (4, 4)]
    assert len({model.row_at(i).case_id for i in range(10)}) == 10
    headers = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]
    assert headers[:4] == ["Agent", "Borrower", "Bucket", "DPD"]
    row = next(i for i in range(10) if model.row_at(i).promise_status == "pending")
    assert model.data(model.index(row, 6)).startswith("Pending · ¥500.00")


def test_a_header_click_asks_the_server_to_sort(qtbot, lead_api: TeamApi) -> None:  # type: ignore[no-untyped-def]
    model = TeamCasesModel()
    seen: list[tuple[str, bool]] = []
    model.sort_requested.connect(lambda key, desc: seen.append((key, desc)))
    model.sort(4, Qt.SortOrder.DescendingOrder)  # overdue
    model.sort(6, Qt.SortOrder.AscendingOrder)  # promise: the server cannot sort by it
    assert seen == [("overdue", True)]


def test_small_models_pass_qtmodeltester(  # type: ignore[no-untyped-def]
    qtbot, qtmodeltester, lead_api: TeamApi, team_book: TeamBook
) -> None:
    agents = AgentLoadModel()
    agents.set_rows(lead_api.agents())
    qtmodeltester.check(agents)
    assert agents.rowCount() == 3
    preview = lead_api.preview(ReassignRuleSpec(per_bucket=False))
    shares = ShareModel()
    shares.set_rows(preview.agents)
    qtmodeltester.check(shares)
    names = {a.username: a.display_name for a in preview.agents}
    flow = FlowModel()
    flow.set_rows(flows(preview.moves, names, "nobody"))
    qtmodeltester.check(flow)
    assert sum(f.cases for f in flow.rows()) == len(preview.moves)
    assert flow.row_at(0).from_label == "张敏"  # agent-a has the most cases to give
    queue = lead_api.approvals()
    approvals = ApprovalsModel()
    approvals.set_rows(queue.items)
    qtmodeltester.check(approvals)
    assert approvals.data(approvals.index(0, 7)) == "You"
    lines = PlanLinesModel()
    assert queue.items[0].figures is not None
    lines.set_rows(queue.items[0].figures.lines)
    qtmodeltester.check(lines)
    assert lines.rowCount() == 3
    dashboard = lead_api.dashboard("today")
    kpis = KpiModel()
    kpis.set_rows((dashboard.total, *dashboard.by_agent))
    qtmodeltester.check(kpis)
    assert kpis.data(kpis.index(0, 0)) == "Team"
    rolls = RollModel()
    rolls.set_rows(roll_rows((dashboard.total, *dashboard.by_bucket), "Team"))
    qtmodeltester.check(rolls)


def test_audit_model_passes_qtmodeltester(qtbot, qtmodeltester, lead_api: TeamApi) -> None:  # type: ignore[no-untyped-def]
    from app.client.team_views import AuditQuerySpec

    model = AuditModel()
    _load(qtbot, model, lambda o, n: lead_api.audit(AuditQuerySpec(offset=o, limit=n)))
    assert model.total >= 1
    qtmodeltester.check(model)
    texts = {model.data(model.index(r, 2)) for r in range(model.rowCount())}
    assert "Sent a plan for approval" in texts


def test_rates_show_a_dash_without_a_denominator() -> None:
    nil = RateView(None, 0, 0)
    none = KpiView("agent-z", "无名", 0, 0, 0, 0, 0, 0, nil, nil, nil, 0, 0, nil, 0, 0, 0, nil, ())
    some = KpiView(
        "", "", 10, 4, 3, 1, 2, 1, RateView(Decimal("0.4"), 4, 10),
        RateView(Decimal("0.75"), 3, 4), RateView(Decimal("0.3333"), 1, 3), 2, 1,
        RateView(Decimal("0.5"), 1, 2), 123_456, 8, 2, RateView(Decimal("0.25"), 2, 8),
        (RollView("M1", "M2", 1_000_000, 125_000, Decimal("0.125")),
         RollView("M2", "M3", 0, 0, None)),
    )  # fmt: skip
    model = KpiModel()
    model.set_rows((some, none))
    row = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    assert row == ["Team", "10", "2", "40.0% (4/10)", "75.0% (3/4)", "33.3% (1/3)", "50.0% (1/2)",
                   "¥1,234.56", "8", "2", "25.0% (2/8)"]  # fmt: skip
    assert [model.data(model.index(1, c)) for c in (3, 4, 5, 6, 10)] == ["—"] * 5
    rolls = RollModel()
    rolls.set_rows(roll_rows((some,), "Team"))
    assert rolls.rowCount() == 1  # M2 held nothing at the start: no M2 roll to show
    assert rolls.data(rolls.index(0, 4)) == "12.5%"


def test_a_care_call_says_so_in_the_next_action_column(  # type: ignore[no-untyped-def]
    qtbot, lead_api: TeamApi, team_book: TeamBook, session_factory
) -> None:
    from sqlalchemy import update

    from app.server.models import Case

    care_id = team_book.cases["agent-c"][0].case_id
    with session_factory() as s:
        s.execute(update(Case).where(Case.id == care_id).values(kind="care"))
        s.commit()
    model = TeamCasesModel()
    _load(
        qtbot,
        model,
        lambda offset, limit: lead_api.team_cases(TeamCaseQuery(offset=offset, limit=limit)),
    )
    column = next(
        i for i in range(model.columnCount())
        if model.headerData(i, Qt.Orientation.Horizontal) == "Next action"
    )  # fmt: skip
    said = {
        model.row_at(i).case_id: model.data(model.index(i, column)) for i in range(model.rowCount())
    }
    assert said[care_id] == "Care call"
    assert [v for k, v in said.items() if k != care_id and v == "Care call"] == []


def test_a_refresh_in_place_takes_the_pages_the_view_had(qtbot, lead_api: TeamApi) -> None:  # type: ignore[no-untyped-def]
    model = TeamCasesModel(page_size=4)
    asked: list[tuple[int, int]] = []

    def fetch(offset: int, limit: int):  # type: ignore[no-untyped-def]
        asked.append((offset, limit))
        return lead_api.team_cases(TeamCaseQuery(offset=offset, limit=limit))

    _load(qtbot, model, fetch)
    with qtbot.waitSignal(model.more_loaded, timeout=10_000):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 8
    before = [model.row_at(i).case_id for i in range(8)]
    asked.clear()
    with qtbot.waitSignal(model.page_loaded, timeout=10_000):
        model.load(fetch, keep_rows=model.rowCount())
    assert asked == [(0, 4), (4, 4)]  # the two pages the view had, in one refresh
    assert [model.row_at(i).case_id for i in range(model.rowCount())] == before
    assert model.canFetchMore(QModelIndex())  # the rest still pages in as before
    asked.clear()
    with qtbot.waitSignal(model.page_loaded, timeout=10_000):
        model.load(fetch)  # a new filter or sort: the first page only
    assert asked == [(0, 4)] and model.rowCount() == 4
