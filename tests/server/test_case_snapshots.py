"""The overdue run's daily snapshot (what the KPIs read as the start of a period), and the
daily allocation skipping agents on leave."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine, select, text, update
from sqlalchemy.orm import Session

from app.server.jobs.overdue_run import run_overdue
from app.server.models import Case, CaseSnapshot, Loan, Payment, Team, User
from tests.server.test_overdue_run_support import TODAY, seed_small


def _current(engine: Engine) -> set[tuple[object, ...]]:
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT c.id, c.status, c.team_id, c.assigned_to_id, c.bucket, c.dpd,"
                " c.overdue_total, l.outstanding_principal FROM cases c"
                " JOIN loans l ON l.id = c.loan_id WHERE c.status <> 'closed'"
            )
        ).all()
    return {tuple(r) for r in rows}


def _snap(engine: Engine, day: object) -> set[tuple[object, ...]]:
    with Session(engine) as s:
        rows = s.execute(
            select(
                CaseSnapshot.case_id, CaseSnapshot.status, CaseSnapshot.team_id,
                CaseSnapshot.assigned_to_id, CaseSnapshot.bucket, CaseSnapshot.dpd,
                CaseSnapshot.overdue_total, CaseSnapshot.outstanding_principal,
            ).where(CaseSnapshot.snap_date == day)
        ).all()  # fmt: skip
    return {tuple(r) for r in rows}


def test_the_run_writes_the_days_snapshot_of_active_cases(engine: Engine) -> None:
    seed_small(engine, 300)
    today = _snap(engine, TODAY)
    assert today and today == _current(engine)
    # the next day: a payment cures one case; its row is absent from that day's snapshot,
    # and the earlier day's snapshot is left as it was
    with Session(engine) as s:
        case = s.scalars(
            select(Case).where(Case.status == "open").order_by(Case.overdue_total).limit(1)
        ).one()
        s.add(Payment(loan_id=case.loan_id, amount=case.overdue_total * 3,
                      paid_on=TODAY + timedelta(days=1)))  # fmt: skip
        s.commit()
        cured = case.id
    report = run_overdue(engine, business_date=TODAY + timedelta(days=1))
    assert report.counts["snapshot_rows"] > 0
    nxt = _snap(engine, TODAY + timedelta(days=1))
    assert nxt == _current(engine)
    assert cured not in {r[0] for r in nxt} and cured in {r[0] for r in today}
    assert _snap(engine, TODAY) == today
    again = run_overdue(engine, business_date=TODAY + timedelta(days=1))
    assert again.counts["snapshot_rows"] == 0 and _snap(engine, TODAY + timedelta(days=1)) == nxt


def test_snapshot_follows_a_change_of_holder_on_a_rerun(engine: Engine) -> None:
    seed_small(engine, 200)
    with Session(engine) as s:
        case_id, team_id = s.execute(
            select(Case.id, Case.team_id).where(Case.status == "open").limit(1)
        ).one()
        other = s.scalar(
            select(User.id)
            .where(User.team_id == team_id, User.role == "agent")
            .order_by(User.id.desc())
        )
        s.execute(update(Case).where(Case.id == case_id).values(assigned_to_id=other))
        s.execute(update(Loan).where(Loan.id == Case.loan_id, Case.id == case_id).values(
            outstanding_principal=Loan.outstanding_principal - 1))  # fmt: skip
        s.commit()
    run_overdue(engine, business_date=TODAY)
    assert _snap(engine, TODAY) == _current(engine)


def test_daily_allocation_skips_agents_on_leave(engine: Engine) -> None:
    seed_small(engine, 400)
    with Session(engine) as s:
        early = s.scalar(select(Team.id).where(Team.name == "team-early"))
        agents = s.scalars(
            select(User.id).where(User.team_id == early, User.role == "agent").order_by(User.id)
        ).all()
        s.execute(update(User).where(User.id.in_(agents[1:])).values(on_leave=True))
        s.execute(update(Case).where(Case.team_id == early).values(assigned_to_id=None))
        s.commit()
    run_overdue(engine, business_date=TODAY)
    with Session(engine) as s:
        holders = set(
            s.scalars(
                select(Case.assigned_to_id).where(Case.team_id == early, Case.status != "closed")
            )
        )
    assert holders == {agents[0]}
