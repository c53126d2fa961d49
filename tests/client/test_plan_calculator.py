"""The desk's plan calculator: figures from the case, issues mapped to their fields in both
languages, what the borrower saves, bad input refused, and DeskService.propose_plan writing
the plan and its op together (or nothing at all)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from app.client import outbox
from app.client.desk_service import CaseNotFound, DeskService
from app.client.plan_calculator import (
    AmountError,
    PlanCalculator,
    PlanRefused,
    calculate,
    default_form,
    lender_today,
    parse_amount,
)
from app.client.store import LocalStore
from app.client.views import CaseDetail
from app.domain.plan_types import PlanKind
from tests.client.plan_cases import FEES_FEN, PENALTY_FEN, fill_store

NOW = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # 11:00 in Shanghai
TODAY = lender_today(NOW)


@pytest.fixture
def service(store: LocalStore) -> DeskService:
    fill_store(store, TODAY)
    return DeskService(store, user="agent1")


@pytest.fixture
def detail(service: DeskService) -> CaseDetail:
    from tests.client.plan_cases import CASE_ID

    return service.case_detail(CASE_ID, now=NOW)


@pytest.fixture
def calc(detail: CaseDetail) -> PlanCalculator:
    return PlanCalculator(detail, today=TODAY, role="agent")


def _fields(outcome) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    out: dict[str, list[str]] = {}
    for i in outcome.issues:
        out.setdefault(i.field, []).append(i.code)
    return out


def test_figures_come_from_the_case(calc: PlanCalculator, detail: CaseDetail) -> None:
    f = calc.figures
    o = detail.overdue
    assert (
        f.arrears.total.fen
        == o.total_fen
        == o.principal_fen + o.interest_fen + PENALTY_FEN + FEES_FEN
    )
    future = [i for i in detail.installments if i.due_date >= TODAY]
    assert f.remaining_term_months == len(future) == 37
    assert f.remaining_principal.fen == sum(i.principal_fen for i in future)
    assert f.remaining_interest.fen == sum(i.interest_fen for i in future)
    assert f.original_term_months == 60 and f.extensions_granted_months == 0
    assert f.maturity_date == detail.installments[-1].due_date


def test_default_forms_are_valid_for_every_kind(calc: PlanCalculator, detail: CaseDetail) -> None:
    for kind in ("catch_up", "restructure", "settlement"):
        form = default_form(detail, TODAY, kind)
        assert form.first_date == TODAY + timedelta(days=7)
        outcome = calc.calculate(form)
        assert outcome.ok and not outcome.needs_approval and outcome.issues == (), kind
    assert calc.default_form("restructure").new_term_months == 37


def test_catch_up_lines_totals_and_savings(calc: PlanCalculator, detail: CaseDetail) -> None:
    form = replace(
        calc.default_form(), payments=4, down_payment_fen=100_000, waive_penalty_fen=10_000
    )
    out = calc.calculate(form)
    assert out.ok
    owed = detail.overdue.total_fen
    assert out.owed_fen == owed
    assert out.waived_fen == 10_000
    assert out.amount_due_fen == owed - 10_000
    assert [n for n, *_ in out.lines] == [0, 1, 2, 3, 4]
    assert out.lines[0][2] == 100_000 and out.lines[0][1] == form.first_date
    assert sum(a for _n, _d, a, _i in out.lines) == out.total_payment_fen == out.amount_due_fen
    assert out.new_interest_fen == 0
    assert out.savings_fen == 10_000  # a catch-up saves exactly the waivers


def test_settlement_saves_the_waivers_and_the_scheduled_interest(calc: PlanCalculator) -> None:
    out = calc.calculate(
        replace(calc.default_form("settlement"), waive_penalty_fen=PENALTY_FEN // 2)
    )
    assert out.ok and len(out.lines) == 1
    f = calc.figures
    assert out.amount_due_fen == f.arrears.total.fen + f.remaining_principal.fen - PENALTY_FEN // 2
    assert out.savings_fen == PENALTY_FEN // 2 + f.remaining_interest.fen


def test_sixty_month_restructure(calc: PlanCalculator) -> None:
    form = replace(
        calc.default_form("restructure"),
        new_term_months=60,
        down_payment_fen=500_000,
        waive_fees_fen=0,
    )
    out = calc.calculate(form)
    assert out.ok, out.issues
    assert len(out.lines) == 61 and out.lines[0][0] == 0
    assert out.new_principal_fen == out.amount_due_fen - 500_000
    # 展期 runs from the old maturity to the new last due date; the down payment's month
    # counts (the 60 payments start a month after it)
    assert out.extension_months == 60 + 1 - 37
    assert out.new_interest_fen == sum(i for *_x, i in out.lines) > 0
    assert out.total_payment_fen == out.amount_due_fen + out.new_interest_fen
    f = calc.figures
    # a longer term costs more interest than the old schedule: a negative saving
    assert out.savings_fen == f.remaining_interest.fen - out.new_interest_fen < 0


def test_each_rule_is_reported_next_to_its_field(calc: PlanCalculator) -> None:
    base = calc.default_form()
    cases = {
        "first_date": replace(base, first_date=TODAY - timedelta(days=1)),
        "payments": replace(base, payments=40),  # more than 36 catch-up payments
        "frequency": replace(calc.default_form("restructure"), frequency="weekly"),
        "new_term_months": replace(calc.default_form("restructure"), new_term_months=120),
    }
    expected_code = {
        "first_date": "first_date_in_past",
        "payments": "max_payments",
        "frequency": "restructure_monthly",
        "new_term_months": "extension_limit",
    }
    for field, form in cases.items():
        out = calc.calculate(form)
        assert not out.ok
        issues = out.issues_for(field)
        assert [i.code for i in issues] == [expected_code[field]], (field, out.issues)
        assert issues[0].message_zh and issues[0].message_en and issues[0].blocking
        assert issues[0].message("zh_CN") == issues[0].message_zh
    late = calc.calculate(replace(base, first_date=TODAY + timedelta(days=40)))
    assert _fields(late) == {"first_date": ["first_date_too_late"]}
    assert "15 天内" in late.issues[0].message_zh and "within 15 days" in late.issues[0].message_en


def test_small_down_payment_is_the_down_payments_issue(calc: PlanCalculator) -> None:
    out = calc.calculate(replace(calc.default_form(), down_payment_fen=5_000))  # ¥50 < ¥100
    assert _fields(out) == {"down_payment": ["min_payment"]}
    many = calc.calculate(replace(calc.default_form(), payments=36, down_payment_fen=900_000))
    assert "min_payment" in _fields(many)["payments"]


def test_authority_needs_approval_and_is_not_blocking(
    calc: PlanCalculator, detail: CaseDetail
) -> None:
    form = replace(calc.default_form(), waive_penalty_fen=PENALTY_FEN)  # agent: at most 50 %
    out = calc.calculate(form)
    assert out.ok and out.needs_approval and out.status() == "pending_approval"
    (issue,) = out.issues_for("waive_penalty")
    assert issue.code == "authority_penalty" and not issue.blocking
    assert "50%" in issue.message_zh and "needs approval" in issue.message_en
    lead = calculate(detail, form, role="team_lead", today=TODAY)
    assert lead.ok and not lead.needs_approval and lead.status() == "approved"
    fees = calc.calculate(replace(calc.default_form(), waive_fees_fen=100))
    assert fees.issues_for("waive_fees")[0].code == "authority_fees"
    interest = calc.calculate(replace(calc.default_form(), waive_interest_fen=100))
    assert interest.issues_for("waive_interest")[0].code == "authority_interest"


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"first_date": date(1, 1, 1)}, "first_date", "date_out_of_range"),
        ({"first_date": date(9999, 12, 31)}, "first_date", "date_out_of_range"),
        ({"down_payment_fen": -1}, "down_payment", "negative"),
        ({"waive_penalty_fen": -500}, "waive_penalty", "negative"),
        ({"down_payment_fen": 10**14}, "down_payment", "too_large"),
        ({"payments": 0}, "payments", "out_of_range"),
        ({"payments": 121}, "payments", "out_of_range"),
        ({"payments": 10**9}, "payments", "out_of_range"),
        ({"kind": "lottery"}, "kind", "unknown_kind"),
        ({"frequency": "daily"}, "frequency", "unknown_frequency"),
        ({"waive_penalty_fen": PENALTY_FEN + 1}, "waive_penalty", "waiver_exceeds"),
        ({"waive_fees_fen": FEES_FEN + 1}, "waive_fees", "waiver_exceeds"),
        ({"down_payment_fen": 10**10}, "down_payment", "down_payment_too_large"),
    ],
)
def test_bad_input_is_explained_at_its_field(
    calc: PlanCalculator, change: dict[str, object], field: str, code: str
) -> None:
    out = calc.calculate(replace(calc.default_form(), **change))  # type: ignore[arg-type]
    assert not out.ok and not out.calculated and out.lines == ()
    assert [i.code for i in out.issues_for(field)] == [code], out.issues
    assert all(i.message_zh and i.message_en for i in out.issues)


def test_several_bad_fields_are_all_reported(calc: PlanCalculator) -> None:
    form = replace(calc.default_form(), down_payment_fen=-1, payments=0, first_date=date(1, 1, 1))
    assert set(_fields(calc.calculate(form))) == {"down_payment", "payments", "first_date"}


def test_restructure_term_bounds_and_settlement_down_payment(calc: PlanCalculator) -> None:
    r = calc.default_form("restructure")
    assert _fields(calc.calculate(replace(r, new_term_months=0))) == {
        "new_term_months": ["out_of_range"]
    }
    assert _fields(calc.calculate(replace(r, new_term_months=None))) == {
        "new_term_months": ["required"]
    }
    s = replace(calc.default_form("settlement"), down_payment_fen=10_000)
    assert _fields(calc.calculate(s)) == {"down_payment": ["settlement_down_payment"]}


def test_waiving_everything_is_refused(detail: CaseDetail) -> None:
    o = detail.overdue
    lead = PlanCalculator(detail, today=TODAY, role="admin")
    form = replace(
        lead.default_form(),
        waive_penalty_fen=o.penalty_fen,
        waive_fees_fen=o.fees_fen,
        waive_interest_fen=o.interest_fen,
    )
    out = lead.calculate(form)
    assert out.ok  # principal is still owed
    assert out.amount_due_fen == o.principal_fen


@pytest.mark.parametrize(
    ("text", "fen"),
    [
        ("", 0),
        ("0", 0),
        ("1", 100),
        ("1234.5", 123_450),
        ("1,234.56", 123_456),
        ("¥300", 30_000),
        (" 0.01 ", 1),
    ],
)
def test_parse_amount_is_exact(text: str, fen: int) -> None:
    assert parse_amount(text) == fen


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("abc", "not_amount"),
        ("1.234", "decimals"),
        ("-5", "negative"),
        ("1e400", "too_large"),
        ("NaN", "not_amount"),
        ("Infinity", "not_amount"),
        ("9" * 30, "too_large"),
        ("100000000001", "too_large"),
    ],
)
def test_parse_amount_refuses_bad_text(text: str, code: str) -> None:
    with pytest.raises(AmountError) as err:
        parse_amount(text)
    assert err.value.code == code and err.value.message_zh and err.value.message_en


def test_payload_of_each_kind(calc: PlanCalculator) -> None:
    r = replace(calc.default_form("restructure"), new_term_months=48)
    p = r.payload(created_at=NOW)
    assert (p["kind"], p["payments"], p["new_term_months"]) == ("restructure", 48, 48)
    s = calc.default_form("settlement").payload(created_at=NOW)
    assert (s["payments"], s["new_term_months"]) == (1, None)
    c = replace(calc.default_form(), payments=5, new_term_months=12).payload(created_at=NOW)
    assert (c["payments"], c["new_term_months"]) == (5, None)
    assert PlanKind(p["kind"]) is PlanKind.RESTRUCTURE


# --- DeskService.propose_plan ------------------------------------------------------------


def _plans(store: LocalStore) -> list[tuple[str, str]]:
    return list(store.connection().execute("SELECT id, local_state FROM plans"))


def test_propose_writes_the_plan_and_its_op_together(
    service: DeskService, calc: PlanCalculator
) -> None:
    from tests.client.plan_cases import CASE_ID

    form = replace(
        calc.default_form("restructure"), new_term_months=60, waive_penalty_fen=PENALTY_FEN
    )
    changes = service.propose_plan(CASE_ID, form, now=NOW)
    assert changes.case_ids == {CASE_ID} and changes.sync_status
    (plan,) = service.case_detail(CASE_ID, now=NOW).plans
    expected = calc.calculate(form)
    assert plan.status == "pending_approval" and plan.pending and not plan.rejected
    assert plan.lines == tuple((n, d, a) for n, d, a, _i in expected.lines)
    assert plan.total_fen == expected.total_payment_fen
    assert plan.waived_penalty_fen == PENALTY_FEN and plan.new_term_months == 60
    assert plan.violations == ("authority_penalty",)
    conn = service.store.connection()
    (op,) = outbox.pending(conn, limit=10)
    assert op.kind == "plan.propose" and op.entity_id == plan.id and op.case_id == CASE_ID
    assert op.payload["payments"] == 60 and op.payload["waive_penalty"] == PENALTY_FEN
    assert op.payload["first_date"] == form.first_date.isoformat()


def test_within_authority_is_offered_as_approved(
    service: DeskService, calc: PlanCalculator
) -> None:
    from tests.client.plan_cases import CASE_ID

    service.propose_plan(CASE_ID, calc.default_form(), now=NOW)
    (plan,) = service.case_detail(CASE_ID, now=NOW).plans
    assert plan.status == "approved"
    lead = DeskService(service.store, user="lead1", role="team_lead")
    form = replace(calc.default_form(), waive_penalty_fen=PENALTY_FEN, waive_fees_fen=FEES_FEN)
    lead.propose_plan(CASE_ID, form, now=NOW)
    statuses = sorted(p.status for p in lead.case_detail(CASE_ID, now=NOW).plans)
    assert statuses == ["approved", "approved"]


@pytest.mark.parametrize(
    "change",
    [
        {"first_date": date(1, 1, 1)},
        {"first_date": date(9999, 12, 31)},
        {"first_date": TODAY - timedelta(days=3)},
        {"payments": 40},
        {"down_payment_fen": -100},
        {"waive_penalty_fen": PENALTY_FEN + 1},
    ],
)
def test_an_invalid_plan_writes_nothing(
    service: DeskService, calc: PlanCalculator, change: dict[str, object]
) -> None:
    from tests.client.plan_cases import CASE_ID

    form = replace(calc.default_form(), **change)  # type: ignore[arg-type]
    with pytest.raises(PlanRefused) as err:
        service.propose_plan(CASE_ID, form, now=NOW)
    assert err.value.issues and all(i.message_zh and i.message_en for i in err.value.issues)
    assert err.value.field in {i.field for i in err.value.issues}
    assert _plans(service.store) == []
    assert outbox.counts(service.store.connection()) == (0, 0)


def test_propose_on_an_unknown_case(service: DeskService, calc: PlanCalculator) -> None:
    with pytest.raises(CaseNotFound):
        service.propose_plan("00000000-0000-0000-0000-000000000000", calc.default_form(), now=NOW)
    assert _plans(service.store) == []
