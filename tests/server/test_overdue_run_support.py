"""Helpers for the overdue-run tests: seeding a small demo book, snapshots, domain states."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from app.domain.delinquency import InstallmentState
from app.domain.money import Money
from app.server.demo.seed import DemoCredentials, seed_demo
from app.server.models import Installment, Loan
from app.server.settings import Settings

TODAY = date(2026, 11, 29)
FAST = Settings(argon2_time_cost=1, argon2_memory_cost=1024, argon2_parallelism=1)


def seed_small(engine: Engine, loans: int = 300) -> DemoCredentials:
    return seed_demo(engine, loans=loans, seed=42, today=TODAY, settings=FAST)


SNAPSHOT_QUERIES = {
    "loans": "SELECT id, dpd, bucket, outstanding_principal, written_off FROM loans",
    "installments": "SELECT loan_id, n, penalty, penalty_accrued, accrued_through,"
    " paid_principal, paid_interest, paid_penalty, paid_fees, paid_on FROM installments",
    "cases": "SELECT id, loan_id, status, assigned_to_id, team_id, dpd, bucket,"
    " overdue_principal, overdue_interest, overdue_penalty, overdue_fees, overdue_total,"
    " priority, next_action_kind, opened_on, closed_on, version FROM cases",
    "payments": "SELECT id, allocated, unapplied FROM payments",
    "promises": "SELECT id, status, evaluated_on FROM promises",
    "change_log": "SELECT COUNT(*), MAX(seq) FROM change_log",
    "case_assignments": "SELECT COUNT(*) FROM case_assignments",
    "case_snapshots": "SELECT snap_date, case_id, status, team_id, assigned_to_id, bucket, dpd,"
    " overdue_total, outstanding_principal FROM case_snapshots",
}


def snapshot(engine: Engine) -> dict[str, Any]:
    out: dict[str, Any] = {}
    with engine.connect() as conn:
        for name, sql in SNAPSHOT_QUERIES.items():
            out[name] = sorted(tuple(map(str, r)) for r in conn.execute(text(sql)).all())
    return out


def installment_states(session: Session, loan_id: str) -> list[InstallmentState]:
    rows = session.scalars(
        select(Installment).where(Installment.loan_id == loan_id).order_by(Installment.n)
    ).all()
    return [
        InstallmentState(
            r.n,
            r.due_date,
            Money(r.principal),
            Money(r.interest),
            Money(r.fees),
            Money(r.paid_principal),
            Money(r.paid_interest),
            Money(r.paid_penalty),
            Money(r.paid_fees),
            Money(r.penalty_accrued),
            r.accrued_through,
        )
        for r in rows
    ]


def loan_rate(session: Session, loan_id: str) -> Decimal:
    rate = session.scalar(select(Loan.annual_rate).where(Loan.id == loan_id))
    assert rate is not None
    return Decimal(rate).quantize(Decimal("0.000001"))
