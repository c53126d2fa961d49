"""The daily run moves agreed plans: active from the first date, kept when paid, broken when a
line's due date + grace passed short; idempotent per date; recorded for the desks."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from app.server.jobs.overdue_run import run_overdue
from app.server.models import ChangeLog, Payment, Plan, PlanLine
from tests.server.conftest import SeededCase, business_today

T = business_today()


def _plan(
    session_factory: sessionmaker[Session],
    seeded: SeededCase,
    *,
    status: str = "approved",
    lines: list[tuple[date, int]],
    made_on: date | None = T,
) -> str:
    with session_factory() as s:
        plan = Plan(
            case_id=seeded.case_id,
            author_id=seeded.agent_id,
            kind="catch_up",
            status=status,
            payments=len(lines),
            first_date=lines[0][0],
            total=sum(a for _d, a in lines),
            inputs={},
            made_on=made_on,
            created_at=datetime.combine(T, time(2), UTC),
        )
        plan.lines = [
            PlanLine(plan_id=plan.id, n=n, due_date=d, amount=a)
            for n, (d, a) in enumerate(lines, start=1)
        ]
        s.add(plan)
        s.commit()
        return plan.id


def _pay(session_factory: sessionmaker[Session], seeded: SeededCase, on: date, fen: int) -> None:
    with session_factory() as s:
        s.add(Payment(loan_id=seeded.loan_id, paid_on=on, amount=fen))
        s.commit()


def _status(session_factory: sessionmaker[Session], plan_id: str) -> tuple[str, date | None]:
    with session_factory() as s:
        plan = s.get(Plan, plan_id)
        assert plan is not None
        return plan.status, plan.evaluated_on


def _max_seq(session_factory: sessionmaker[Session]) -> int:
    with session_factory() as s:
        return int(s.scalar(select(func.coalesce(func.max(ChangeLog.seq), 0))) or 0)


def _changed_cases(session_factory: sessionmaker[Session], after: int) -> set[str]:
    with session_factory() as s:
        rows = s.scalars(
            select(ChangeLog.case_id).where(ChangeLog.seq > after, ChangeLog.entity == "case")
        )
        return {r for r in rows if r is not None}


def test_plan_lifecycle_in_the_daily_run(
    engine: Engine,
    session_factory: sessionmaker[Session],
    make_user: Callable[..., Any],
    make_case: Callable[..., SeededCase],
) -> None:
    agent = make_user("agent", username="agent-plans")
    late, paid, early_money, waiting, reserve = (make_case(agent, dpd=35) for _ in range(5))
    two_lines = [(T + timedelta(days=2), 10_000), (T + timedelta(days=32), 10_000)]
    broken_id = _plan(session_factory, late, lines=two_lines)
    kept_id = _plan(session_factory, paid, lines=two_lines)
    before_made_id = _plan(session_factory, early_money, lines=two_lines)
    pending_id = _plan(session_factory, waiting, status="pending_approval", lines=two_lines)
    old_row_id = _plan(session_factory, reserve, lines=two_lines, made_on=None)
    _pay(session_factory, early_money, T - timedelta(days=1), 20_000)  # before the plan: no
    run_overdue(engine, business_date=T)
    assert _status(session_factory, broken_id) == ("approved", None)  # first date not reached

    seq = _max_seq(session_factory)
    report = run_overdue(engine, business_date=T + timedelta(days=2))
    assert report.counts["plans_activated"] == 4 and report.counts["plans_kept"] == 0
    for pid in (broken_id, kept_id, before_made_id, old_row_id):
        assert _status(session_factory, pid) == ("active", T + timedelta(days=2))
    assert _status(session_factory, pending_id) == ("pending_approval", None)
    # the cases whose plans moved are recorded for the sync feed (the whole bundle goes out)
    assert {late.case_id, paid.case_id, early_money.case_id, reserve.case_id} <= _changed_cases(
        session_factory, seq
    )

    again = run_overdue(engine, business_date=T + timedelta(days=2))  # same date: nothing
    assert again.changes_recorded == 0
    assert (again.counts["plans_activated"], again.counts["plans_kept"]) == (0, 0)

    _pay(session_factory, late, T + timedelta(days=3), 10_000)  # only the first line
    _pay(session_factory, paid, T + timedelta(days=20), 20_000)  # everything, early
    report = run_overdue(engine, business_date=T + timedelta(days=20))
    assert (report.counts["plans_kept"], report.counts["plans_broken"]) == (1, 2)
    assert _status(session_factory, kept_id) == ("kept", T + timedelta(days=20))
    assert _status(session_factory, broken_id)[0] == "active"  # the first line was paid
    # nothing paid by the first line's deadline (T+2 + 3 days of grace): broken; money paid
    # before the plan was made never counts; a row without made_on counts from created_at
    assert _status(session_factory, before_made_id) == ("broken", T + timedelta(days=20))
    assert _status(session_factory, old_row_id) == ("broken", T + timedelta(days=20))

    # the second line falls due on T+32; with 3 days' grace it is missed only after T+35
    run_overdue(engine, business_date=T + timedelta(days=35))
    assert _status(session_factory, broken_id)[0] == "active"
    report = run_overdue(engine, business_date=T + timedelta(days=36))
    assert report.counts["plans_broken"] == 1
    assert _status(session_factory, broken_id) == ("broken", T + timedelta(days=36))
    assert _status(session_factory, kept_id)[0] == "kept"  # final
    assert _status(session_factory, pending_id)[0] == "pending_approval"

    # final states stay, even when the money arrives afterwards
    _pay(session_factory, late, T + timedelta(days=37), 50_000)
    run_overdue(engine, business_date=T + timedelta(days=38))
    assert _status(session_factory, broken_id) == ("broken", T + timedelta(days=36))


def test_grace_is_the_promise_grace_setting(
    engine: Engine,
    session_factory: sessionmaker[Session],
    make_user: Callable[..., Any],
    make_case: Callable[..., SeededCase],
) -> None:
    agent = make_user("agent", username="agent-grace")
    seeded = make_case(agent, dpd=35)
    plan_id = _plan(session_factory, seeded, lines=[(T + timedelta(days=1), 10_000)])
    run_overdue(engine, business_date=T + timedelta(days=3), promise_grace_days=5)
    assert _status(session_factory, plan_id)[0] == "active"
    run_overdue(engine, business_date=T + timedelta(days=7), promise_grace_days=5)
    assert _status(session_factory, plan_id)[0] == "broken"
