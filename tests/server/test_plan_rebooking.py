"""An agreed plan changes the loan (issue 14 point 2): a restructure rebooks the schedule,
the daily run measures DPD, bucket and penalty on it, a second restructure is limited by
the cumulative 展期, and a broken plan returns the case with the reason on the wire."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from app.domain.plans import months_to_reach
from app.server.jobs.overdue_run import run_overdue
from app.server.models import AuditLog, Case, Installment, Loan, Plan, User
from tests.server.conftest import SeededCase, business_today

T = business_today()


def _restructure(
    client: TestClient, h: dict[str, str], case_id: str, *, term: int, first: date, **extra: Any
) -> Any:
    body = {
        "id": str(uuid.uuid4()),
        "kind": "restructure",
        "payments": term,
        "new_term_months": term,
        "first_date": first.isoformat(),
        "created_at": datetime.now(UTC).isoformat(),
        **extra,
    }
    return client.post(f"/cases/{case_id}/plans", json=body, headers=h)


def _installments(sf: sessionmaker[Session], loan_id: str) -> list[Installment]:
    with sf() as s:
        return list(
            s.scalars(
                select(Installment).where(Installment.loan_id == loan_id).order_by(Installment.n)
            )
        )


def _loan(sf: sessionmaker[Session], loan_id: str) -> Loan:
    with sf() as s:
        loan = s.get(Loan, loan_id)
        assert loan is not None
        s.expunge(loan)
        return loan


def _active_case(sf: sessionmaker[Session], loan_id: str) -> Case | None:
    with sf() as s:
        case = s.scalar(select(Case).where(Case.loan_id == loan_id, Case.status != "closed"))
        if case is not None:
            s.expunge(case)
        return case


def _agreed_restructure(
    engine: Engine,
    client: TestClient,
    sf: sessionmaker[Session],
    agent: User,
    seeded: SeededCase,
    h: dict[str, str],
    *,
    term: int,
) -> tuple[dict[str, Any], list[Installment], list[Installment]]:
    run_overdue(engine, business_date=T)  # the case's figures from its installments
    before = _installments(sf, seeded.loan_id)
    resp = _restructure(client, h, seeded.case_id, term=term, first=T + timedelta(days=7))
    assert resp.status_code == 201, resp.text
    plan = resp.json()
    assert plan["status"] == "approved"  # no waivers: within an agent's authority
    return plan, before, _installments(sf, seeded.loan_id)


def test_agreed_restructure_rebooks_the_loan_and_the_run_follows_it(
    engine: Engine,
    client: TestClient,
    session_factory: sessionmaker[Session],
    make_user: Callable[..., User],
    make_case: Callable[..., SeededCase],
    auth_headers: Callable[[User], dict[str, str]],
) -> None:
    sf = session_factory
    agent = make_user("agent", username="agent-rebook")
    seeded = make_case(agent, dpd=35, months=36, paid_installments=10)
    h = auth_headers(agent)
    plan, before, after = _agreed_restructure(engine, client, sf, agent, seeded, h, term=30)

    owing_before = {i.n for i in before if i.paid_principal < i.principal}
    old_maturity = max(i.due_date for i in before)
    closed = [i for i in after if i.status == "restructured"]
    booked = [i for i in after if i.status == "scheduled" and i.plan_id == plan["id"]]
    # the old open installments are closed (kept), the paid ones stay in force as history
    assert {i.n for i in closed} == owing_before
    assert all(i.status == "scheduled" for i in after if i.n not in owing_before)
    # the plan's lines are the loan's schedule, numbered after the old ones
    assert [(i.due_date, i.payment) for i in booked] == [
        (
            ln["due_date"]
            if isinstance(ln["due_date"], date)
            else date.fromisoformat(ln["due_date"]),
            ln["amount"],
        )
        for ln in plan["lines"]
    ]
    assert min(i.n for i in booked) == max(i.n for i in before) + 1
    new_maturity = max(i.due_date for i in booked)
    loan = _loan(sf, seeded.loan_id)
    assert loan.extensions_months == months_to_reach(old_maturity, new_maturity) > 0
    assert loan.outstanding_principal == sum(i.principal for i in booked)
    with sf() as s:
        audits = list(s.scalars(select(AuditLog).where(AuditLog.action == "plan.book")))
    assert [a.entity_id for a in audits] == [seeded.loan_id]
    assert audits[0].details["extension_months"] == loan.extensions_months

    # the next day: nothing is due on the new schedule, the loan is current, the case cured
    run_overdue(engine, business_date=T + timedelta(days=1))
    loan = _loan(sf, seeded.loan_id)
    assert (loan.dpd, loan.bucket) == (0, "M0")
    assert _active_case(sf, seeded.loan_id) is None
    frozen = {
        i.n: i.penalty for i in _installments(sf, seeded.loan_id) if i.status == "restructured"
    }

    # the first rebooked payment is missed: DPD, bucket and penalty run from ITS due date
    first_due = min(i.due_date for i in booked)
    day = first_due + timedelta(days=10)
    report = run_overdue(engine, business_date=day)
    loan = _loan(sf, seeded.loan_id)
    assert (loan.dpd, loan.bucket) == (10, "M1")
    case = _active_case(sf, seeded.loan_id)
    assert case is not None and case.dpd == 10
    first = next(i for i in booked if i.due_date == first_due)
    assert case.overdue_principal == first.principal and case.overdue_interest == first.interest
    rows = {i.n: i for i in _installments(sf, seeded.loan_id)}
    assert rows[first.n].penalty > 0 and case.overdue_penalty == rows[first.n].penalty
    assert {n: rows[n].penalty for n in frozen} == frozen  # history does not accrue
    # the plan is broken (its first line's deadline passed) and the case shows why
    with sf() as s:
        stored = s.get(Plan, plan["id"])
        assert stored is not None
        assert (stored.status, stored.broken_due, stored.broken_short) == (
            "broken",
            first_due,
            first.payment,
        )
    assert case.return_plan_id == plan["id"]
    assert report.counts["plans_broken"] == 1

    # idempotent: the same day again changes nothing
    again = run_overdue(engine, business_date=day)
    assert again.changes_recorded == 0
    assert {i.n: (i.penalty, i.status) for i in _installments(sf, seeded.loan_id)} == {
        n: (i.penalty, i.status) for n, i in rows.items()
    }

    # on the wire: the case API carries the broken plan that returned the case
    detail = client.get(f"/cases/{case.id}", headers=h).json()
    ret = detail["case"]["plan_return"]
    assert ret["plan_id"] == plan["id"] and ret["kind"] == "restructure"
    assert ret["due_date"] == first_due.isoformat() and ret["shortfall"] == first.payment
    # ... and the schedule it carries is the one in force (no restructured lines)
    assert {i["n"] for i in detail["loan"]["installments"]} == {
        n for n, i in rows.items() if i.status == "scheduled"
    }


def test_second_restructure_is_measured_from_the_rebooked_maturity(
    engine: Engine,
    client: TestClient,
    session_factory: sessionmaker[Session],
    make_user: Callable[..., User],
    make_case: Callable[..., SeededCase],
    auth_headers: Callable[[User], dict[str, str]],
) -> None:
    sf = session_factory
    agent = make_user("agent", username="agent-second")
    # a 24-month loan may be extended by 12 months in all (贷款通则 Art. 12)
    seeded = make_case(agent, dpd=35, months=24, paid_installments=10)
    h = auth_headers(agent)
    plan, _before, after = _agreed_restructure(engine, client, sf, agent, seeded, h, term=20)
    granted = _loan(sf, seeded.loan_id).extensions_months
    assert 0 < granted < 12
    booked = [i for i in after if i.plan_id == plan["id"]]
    # the borrower misses the first rebooked payment: a new case on the rebooked schedule
    day = booked[0].due_date + timedelta(days=5)
    run_overdue(engine, business_date=day)
    case = _active_case(sf, seeded.loan_id)
    assert case is not None
    with sf() as s:
        s.execute(Case.__table__.update().where(Case.id == case.id).values(assigned_to_id=agent.id))
        s.commit()

    rebooked_maturity = max(i.due_date for i in booked)
    first = day + timedelta(days=3)
    # what is still allowed: 12 months in all less what the first restructure granted,
    # measured from the rebooked maturity (not the contract's)
    room = 12 - granted
    reach = months_to_reach(first, rebooked_maturity)  # plan months up to that maturity
    too_far = _restructure(client, h, case.id, term=reach + room + 1, first=first)
    assert too_far.status_code == 422, too_far.text
    assert too_far.json()["error"]["code"] == "plan_invalid"
    assert f"({room + 1} now, {granted} before)" in too_far.json()["error"]["message"]
    ok = _restructure(client, h, case.id, term=reach + room, first=first)
    assert ok.status_code == 201, ok.text
    assert ok.json()["status"] == "approved"
    loan = _loan(sf, seeded.loan_id)
    assert loan.extensions_months == 12  # cumulative, at the limit and not beyond
