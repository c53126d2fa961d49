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


def test_next_action_says_what_to_do_in_both_languages(qapp) -> None:  # type: ignore[no-untyped-def]
    """A broken promise shows the promised date (not the time the job noticed it), a
    promise due today its due time or "today", a callback its time."""
    from dataclasses import replace
    from datetime import date, timedelta

    from app.client.views import WorklistPage, WorklistRow
    from ui import labels
    from ui.i18n import install_language

    today = date(2026, 11, 29)
    base = WorklistRow(
        case_id="c0",
        borrower_name="王强",
        bucket="M1",
        dpd=12,
        overdue_total_fen=100_00,
        last_contact_at=None,
        next_action_at=None,
        next_action_kind="none",
        callable_now=True,
        priority=1,
        phone_masked=None,
        contract_no="HT-1",
        plate="京A12345",
    )
    job_time = datetime(2026, 11, 28, 22, 0, tzinfo=UTC)  # 06:00 in Shanghai
    rows = (
        replace(
            base,
            case_id="broken",
            next_action_kind="broken_promise",
            next_action_at=job_time,
            promised_on=date(2026, 11, 24),
        ),
        replace(base, case_id="due", next_action_kind="promise_due", promised_on=today),
        replace(
            base,
            case_id="due-timed",
            next_action_kind="promise_due",
            promised_on=today,
            next_action_at=datetime(2026, 11, 29, 1, 0, tzinfo=UTC),
        ),
        replace(
            base,
            case_id="callback",
            next_action_kind="callback",
            next_action_at=datetime(2026, 11, 29, 6, 30, tzinfo=UTC),
        ),
        replace(
            base,
            case_id="later",
            next_action_kind="callback",
            next_action_at=datetime(2026, 11, 29, 6, 30, tzinfo=UTC) + timedelta(days=3),
        ),
        replace(base, case_id="none"),
    )

    def texts() -> list[str]:
        labels.clear_cache()
        model = WorklistModel(
            lambda q: WorklistPage(rows=rows, total=len(rows), bucket_counts={}, query=q)
        )
        model.set_query(WorklistQuery(), today=today)
        col = COLUMNS.index("next_action")
        return [model.data(model.index(i, col)) for i in range(len(rows))]

    assert texts() == [
        "! PTP broken · 11-24",
        "! PTP due · today",
        "! PTP due · 09:00",
        "Callback · 14:30",
        "Callback · 12-02 14:30",
        "",
    ]
    try:
        install_language(qapp, "zh_CN")
        assert texts() == [
            "！承诺违约 11-24",
            "！承诺到期 今日",
            "！承诺到期 09:00",
            "回访 14:30",
            "回访 12-02 14:30",
            "",
        ]
    finally:
        install_language(qapp, "en")
        labels.clear_cache()


def test_rejected_ops_model_says_why_a_write_was_refused_in_the_desks_language(qapp) -> None:  # type: ignore[no-untyped-def]
    """The write-scope refusals (issue #18) read in the desk's language, not the server's
    English message; other codes keep the server's message."""
    from ui.i18n import install_language

    at = datetime(2026, 11, 29, tzinfo=UTC)
    ops = [
        RejectedOp("o1", "note.create", "c1", "e1", "case_not_held", "server words", at, {}),
        RejectedOp("o2", "promise.create", "c1", "e2", "handover_grace_expired", "x", at, {}),
        RejectedOp("o3", "plan.propose", "c1", "e3", "plan_not_holder", "x", at, {}),
        RejectedOp("o4", "note.create", "c1", "e4", "validation_error", "text: too long", at, {}),
    ]
    model = RejectedOpsModel()
    model.set_rows(ops)

    def reasons() -> list[str]:
        return [model.data(model.index(r, 2)) for r in range(model.rowCount())]

    english = reasons()
    assert english[0] == "The case is no longer yours: this was not made while you held it."
    assert english[3] == "text: too long"
    try:
        install_language(qapp, "zh_CN")
        chinese = reasons()
    finally:
        install_language(qapp, "en")
    assert chinese[0] == "该案件已不由您负责：这条记录不是在您负责期间形成的，无法提交。"
    assert "期限" in chinese[1] and "当前负责人" in chinese[2]
    assert chinese[3] == english[3]  # the server's own message otherwise
