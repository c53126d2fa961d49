"""qtmodeltester on every item model of the desk, plus SQL-side sort/filter/paging."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QModelIndex, Qt

from app.client.views import RejectedOp, WorklistQuery
from tests.ui.fakes import FakeDeskService
from ui.dialogs.attention_dialog import RejectedOpsModel
from ui.models.case_models import ContactsModel, NotesModel, PaymentsModel, ScheduleModel
from ui.models.worklist_model import CASE_ID_ROLE, COLUMNS, WorklistModel


def test_worklist_model_passes_qtmodeltester(qtmodeltester, fake_service) -> None:  # type: ignore[no-untyped-def]
    model = WorklistModel(fake_service.worklist, page_size=25)
    model.set_query(WorklistQuery())
    assert model.rowCount() == 25  # first page only
    qtmodeltester.check(model)  # the tester also drives fetchMore
    assert model.total == 60 and model.rowCount() % 25 in (0, 10)


def test_worklist_pages_on_demand(fake_service) -> None:  # type: ignore[no-untyped-def]
    model = WorklistModel(fake_service.worklist, page_size=25)
    model.set_query(WorklistQuery())
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 60
    assert len({model.row_at(i).case_id for i in range(60)}) == 60


def test_worklist_sort_goes_to_the_service(fake_service) -> None:  # type: ignore[no-untyped-def]
    seen: list[WorklistQuery] = []

    def fetch(q: WorklistQuery):  # type: ignore[no-untyped-def]
        seen.append(q)
        return fake_service.worklist(q)

    model = WorklistModel(fetch, page_size=100)
    model.set_query(WorklistQuery())
    model.sort(COLUMNS.index("overdue"), Qt.SortOrder.DescendingOrder)
    assert seen[-1].sort == "overdue" and seen[-1].descending
    amounts = [model.row_at(i).overdue_total_fen for i in range(model.rowCount())]
    assert amounts == sorted(amounts, reverse=True)


def test_worklist_display_and_roles(fake_service) -> None:  # type: ignore[no-untyped-def]
    model = WorklistModel(fake_service.worklist)
    model.set_query(WorklistQuery(sort="overdue", descending=True))
    row = model.row_at(0)
    overdue = model.index(0, COLUMNS.index("overdue"))
    assert row.overdue_total_fen == 1_231_237
    assert model.data(overdue) == "¥12,312.37"
    assert model.data(model.index(0, 0), CASE_ID_ROLE) == row.case_id
    assert model.data(model.index(0, 0)) in ("●", "○", "–")


def test_case_models_pass_qtmodeltester(qtmodeltester, fake_service) -> None:  # type: ignore[no-untyped-def]
    detail = fake_service.case_detail(fake_service.rows[0].case_id)
    for model, rows in (
        (ScheduleModel(), detail.installments),
        (PaymentsModel(), detail.payments),
        (ContactsModel(), detail.contacts),
        (NotesModel(), detail.notes),
    ):
        model.set_rows(rows)
        qtmodeltester.check(model)
        assert model.rowCount() == len(rows)
    empty = ScheduleModel()
    qtmodeltester.check(empty)


def test_schedule_states_are_labelled(fake_service) -> None:  # type: ignore[no-untyped-def]
    detail = fake_service.case_detail(fake_service.rows[0].case_id)
    model = ScheduleModel()
    model.set_rows(detail.installments)
    state_col = 7
    texts = {model.data(model.index(r, state_col)) for r in range(model.rowCount())}
    assert {"Paid", "Overdue", "Upcoming"} <= texts


def test_rejected_ops_model_passes_qtmodeltester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = RejectedOpsModel()
    model.set_rows(
        [
            RejectedOp(
                "op1",
                "note.create",
                "c1",
                "e1",
                "case_not_visible",
                "not yours",
                datetime(2026, 11, 29, tzinfo=UTC),
                {"text": "hello"},
            ),
            RejectedOp(
                "op2",
                "case.update",
                "c1",
                "e2",
                "stale_version",
                None,
                datetime(2026, 11, 29, tzinfo=UTC),
                {},
                {"flags": []},
            ),
        ]
    )
    qtmodeltester.check(model)
    assert model.data(model.index(0, 2)) == "not yours"
    assert model.data(model.index(1, 2)) == "stale_version"


def test_fake_service_is_consistent_with_models() -> None:
    svc = FakeDeskService(8)
    page = svc.worklist(WorklistQuery(buckets=("M1",)))
    assert page.total == 2 and all(r.bucket == "M1" for r in page.rows)
