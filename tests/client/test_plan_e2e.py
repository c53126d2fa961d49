"""End to end against the real in-process server: plans made offline on the desk sync later
with their identity; the server's stored lines, totals and status equal the desk's own
calculation for the same inputs; a plan beyond authority arrives pending approval; one the
server refuses stays visible with the server's reason; the daily run's new status reaches the
desk."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session, sessionmaker

from app.client.plan_calculator import PlanCalculator, PlanOutcome, lender_today
from app.server.jobs.overdue_run import run_overdue
from app.server.models import Case, Installment, Loan, Plan
from tests.client.live import LiveServer


def _server_plan(session_factory: sessionmaker[Session], plan_id: str) -> Plan | None:
    with session_factory() as s:
        plan = s.get(Plan, plan_id)
        if plan is not None:
            _ = plan.lines  # load before the session closes
        return plan


def _lines(outcome: PlanOutcome) -> list[tuple[Any, ...]]:
    return [(n, d, a) for n, d, a, _i in outcome.lines]


def test_desk_figures_equal_the_servers_end_to_end(
    desk: Any,
    cases: list[str],
    live: LiveServer,
    engine: Engine,
    session_factory: sessionmaker[Session],
) -> None:
    case_id = cases[2]  # 35 days past due
    now = datetime.now(UTC)
    today = lender_today(now)
    detail = desk.desk.case_detail(case_id, now=now)
    calc = PlanCalculator(detail, today=today, role="agent")
    remaining = calc.figures.remaining_term_months
    forms = {
        "catch_up": replace(calc.default_form(), payments=5, down_payment_fen=50_000),
        "restructure": replace(calc.default_form("restructure"), new_term_months=remaining + 6),
        "settlement": calc.default_form("settlement"),
        "beyond": replace(calc.default_form(), waive_interest_fen=1_000),  # agents may not
        "refused": replace(calc.default_form("restructure"), new_term_months=remaining + 4),
    }
    outcomes = {k: calc.calculate(f) for k, f in forms.items()}
    assert all(o.ok for o in outcomes.values()), {k: o.issues for k, o in outcomes.items()}
    assert outcomes["beyond"].needs_approval

    live.stop()  # the network goes away: the agent goes on working
    for form in forms.values():
        desk.desk.propose_plan(case_id, form, now=now)
    assert desk.sync().outcome == "offline"
    local = {p.id: p for p in desk.desk.case_detail(case_id, now=now).plans}
    assert len(local) == 5 and all(p.pending for p in local.values())
    ids = {}
    for kind, outcome in outcomes.items():
        (pid,) = [p.id for p in local.values() if p.lines == tuple(_lines(outcome))]
        ids[kind] = pid
        assert local[pid].status == outcome.status()

    # meanwhile the server learns of earlier extensions the desk has not pulled: with 15
    # months already granted, 4 more exceed the 18 months allowed on a 36-month loan
    with session_factory() as s:
        loan_id = detail.loan.id
        s.execute(update(Loan).where(Loan.id == loan_id).values(extensions_months=15))
        s.commit()
    # ... and the restructure of remaining + 6 months is also refused now; keep it apart
    live.start()
    report = desk.sync()
    assert report.outcome == "ok", report.summary()
    assert report.pushed_applied == 3 and report.pushed_rejected == 2

    for kind in ("catch_up", "settlement", "beyond"):
        server = _server_plan(session_factory, ids[kind])
        assert server is not None, kind  # same identity as on the desk
        outcome = outcomes[kind]
        assert [(ln.n, ln.due_date, ln.amount) for ln in server.lines] == _lines(outcome), kind
        assert server.total == outcome.total_payment_fen
        assert server.status == outcome.status()
        assert server.made_on == today
        assert (server.waived_penalty, server.waived_fees, server.waived_interest) == (
            forms[kind].waive_penalty_fen,
            forms[kind].waive_fees_fen,
            forms[kind].waive_interest_fen,
        )
    assert _server_plan(session_factory, ids["beyond"]).status == "pending_approval"  # type: ignore[union-attr]

    after = {p.id: p for p in desk.desk.case_detail(case_id, now=now).plans}
    assert not after[ids["catch_up"]].pending and after[ids["catch_up"]].status == "approved"
    assert after[ids["beyond"]].status == "pending_approval" and not after[ids["beyond"]].pending
    for kind in ("refused", "restructure"):
        plan = after[ids[kind]]
        assert plan.rejected and plan.rejection_reason
        assert "extension" in plan.rejection_reason and "18 months" in plan.rejection_reason
    attention = {op.entity_id: op for op in desk.desk.needs_attention()}
    assert attention[ids["refused"]].code == "plan_invalid"
    assert attention[ids["refused"]].message == after[ids["refused"]].rejection_reason
    assert _server_plan(session_factory, ids["refused"]) is None

    # the restructure's figures equal the server's once both see the same loan
    with session_factory() as s:
        s.execute(update(Loan).where(Loan.id == loan_id).values(extensions_months=0))
        s.commit()
    desk.desk.retry_rejected(attention[ids["restructure"]].op_id)
    assert desk.sync().pushed_applied == 1
    server = _server_plan(session_factory, ids["restructure"])
    assert server is not None
    assert [(ln.n, ln.due_date, ln.amount) for ln in server.lines] == _lines(
        outcomes["restructure"]
    )
    assert server.total == outcomes["restructure"].total_payment_fen

    # the agreed restructure rebooked the loan (#14 point 2): its arrears are in the new
    # schedule, so the daily run finds the loan current and the case leaves collection
    with session_factory() as s:
        statuses = {
            i.status for i in s.scalars(select(Installment).where(Installment.loan_id == loan_id))
        }
        booked = s.get(Plan, ids["restructure"])
        assert booked is not None and booked.booked_on is not None
    assert {"restructured", "scheduled"} <= statuses
    run_overdue(engine, business_date=forms["catch_up"].first_date)
    assert desk.sync().outcome == "ok"
    with session_factory() as s:
        case = s.get(Case, case_id)
        assert case is not None and case.status == "closed"
        loan = s.get(Loan, loan_id)
        assert loan is not None and loan.dpd == 0


def test_an_agreement_exported_offline_is_audited_once_at_the_next_sync(
    desk: Any,
    cases: list[str],
    live: LiveServer,
    session_factory: sessionmaker[Session],
) -> None:
    from sqlalchemy import select

    from app.server.models import AuditLog

    def exports() -> list[AuditLog]:
        with session_factory() as s:
            return list(s.scalars(select(AuditLog).where(AuditLog.action == "export.agreement")))

    case_id = cases[2]
    now = datetime.now(UTC)
    live.stop()
    desk.desk.record_agreement_export(
        case_id, language="en", plan_kind="catch_up", payments=5, total_fen=1_234_500, now=now
    )
    assert desk.sync().outcome == "offline" and exports() == []
    live.start()
    report = desk.sync()
    assert report.outcome == "ok" and report.pushed_applied == 1, report.summary()
    (row,) = exports()
    assert (row.actor, row.entity, row.entity_id) == (desk.desk.user, "case", case_id)
    assert row.details["language"] == "en" and row.details["plan_kind"] == "catch_up"
    assert row.details["payments"] == 5 and row.details["total"] == 1_234_500
    assert datetime.fromisoformat(row.details["exported_at"]) == now
    assert desk.sync().pushed_applied == 0 and len(exports()) == 1  # exactly once
