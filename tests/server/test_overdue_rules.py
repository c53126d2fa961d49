"""The set-based overdue run applies the tolerance, grace and cost-cap rules exactly as the
pure domain functions do, under the defaults and with each rule switched off or changed
(issue 10), on SQLite and PostgreSQL; the server settings choose the rules."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import ValidationError
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.domain.allocation import Payment as DomainPayment
from app.domain.allocation import apply_payments
from app.domain.delinquency import DEFAULT_POLICY, PenaltyPolicy, evaluate_delinquency
from app.domain.money import Money
from app.server.jobs.overdue_run import run_overdue
from app.server.models import Case, Installment, Loan, Payment, new_id
from app.server.settings import Settings
from tests.server.test_overdue_run_support import (
    TODAY,
    installment_states,
    loan_rate,
    seed_small,
    snapshot,
)

OLD = PenaltyPolicy(tolerance=Money(0), penalty_grace_days=0, cost_cap=None)
POLICIES = {
    "default": DEFAULT_POLICY,
    "old": OLD,
    "wide": PenaltyPolicy(tolerance=Money(5000), penalty_grace_days=10, cost_cap=Decimal("0.1")),
    "installment365": PenaltyPolicy(base="installment", day_count=365, penalty_grace_days=1),
}
RUN_DAY = TODAY + timedelta(days=5)


def _pay_due_soon(s: Session) -> tuple[dict[str, list[DomainPayment]], set[str]]:
    """Current loans with an installment falling due in the next two days pay exactly its
    amount two days after its due date; a few delinquent ones pay part of what they owe."""
    plan: dict[str, list[DomainPayment]] = {}
    soon = s.execute(
        select(
            Installment.loan_id, Installment.due_date, Installment.principal, Installment.interest
        )
        .join(Loan, Loan.id == Installment.loan_id)
        .where(
            Loan.dpd == 0,
            Installment.due_date > TODAY,
            Installment.due_date <= TODAY + timedelta(days=2),
            Installment.paid_principal == 0,
        )
        .order_by(Installment.loan_id)
    ).all()
    for loan_id, due, principal, interest in soon:
        plan[loan_id] = [DomainPayment(due + timedelta(days=2), Money(principal + interest))]
    current = set(plan)
    late = s.execute(
        select(Case.loan_id, Case.overdue_total)
        .where(Case.status == "open")
        .order_by(Case.loan_id)
        .limit(4)
    ).all()
    for k, (loan_id, total) in enumerate(late):
        plan[loan_id] = [DomainPayment(TODAY + timedelta(days=1 + k % 3), Money(total // 2))]
    for loan_id, pays in plan.items():
        for j, p in enumerate(pays):
            s.add(
                Payment(
                    id=new_id(),
                    loan_id=loan_id,
                    external_ref=f"R-{loan_id[:8]}-{j}",
                    paid_on=p.paid_on,
                    amount=p.amount.fen,
                    allocated=False,
                )
            )
    return plan, current


@pytest.mark.parametrize("name", list(POLICIES))
def test_sql_agrees_with_domain_under_each_policy(engine: Engine, name: str) -> None:
    policy = POLICIES[name]
    seed_small(engine, 200)
    with Session(engine) as s:
        loan_ids = list(s.scalars(select(Loan.id).order_by(Loan.id)))
        before = {lid: installment_states(s, lid) for lid in loan_ids}
        plan, current = _pay_due_soon(s)
        s.commit()
    assert len(current) >= 5
    run_overdue(engine, business_date=RUN_DAY, policy=policy)
    with Session(engine) as s:
        cases = {c.loan_id: c for c in s.scalars(select(Case).where(Case.status != "closed"))}
        for loan_id in loan_ids:
            rate = loan_rate(s, loan_id)
            got = installment_states(s, loan_id)
            if loan_id in plan:
                expected = apply_payments(
                    before[loan_id], plan[loan_id], annual_rate=rate, policy=policy
                )
                for e, g in zip(expected.installments, got, strict=True):
                    assert (
                        g.paid_principal, g.paid_interest, g.paid_penalty, g.paid_fees,
                        g.penalty_accrued,
                    ) == (
                        e.paid_principal, e.paid_interest, e.paid_penalty, e.paid_fees,
                        e.penalty_accrued,
                    ), (name, loan_id, g.n)  # fmt: skip
            res = evaluate_delinquency(got, annual_rate=rate, today=RUN_DAY, policy=policy)
            loan = s.get(Loan, loan_id)
            assert loan is not None and (loan.dpd, loan.bucket) == (res.dpd, res.bucket), loan_id
            if res.dpd > 0:
                case = cases[loan_id]
                assert (case.dpd, case.bucket) == (res.dpd, res.bucket)
                assert case.overdue_principal == res.totals.principal.fen
                assert case.overdue_interest == res.totals.interest.fen
                assert case.overdue_penalty == res.totals.penalty.fen, (name, loan_id)
                assert case.overdue_total == res.totals.total.fen
                shown = dict(
                    s.execute(
                        select(Installment.n, Installment.penalty - Installment.paid_penalty).where(
                            Installment.loan_id == loan_id
                        )
                    ).all()
                )
                for line in res.lines:
                    assert shown[line.n] == line.penalty.fen, (name, loan_id, line.n)
    # current loans that paid their installment two days late: within grace nobody is left
    # overdue; under the old rules two days' penalty come off the payment first and leave
    # the installment short, overdue (M1)
    with Session(engine) as s:
        stuck = {lid for lid in current if s.scalar(select(Loan.dpd).where(Loan.id == lid))}
    if name == "old":
        assert stuck
    elif name in ("default", "wide"):
        assert not stuck
    before_again = snapshot(engine)
    assert run_overdue(engine, business_date=RUN_DAY, policy=policy).changes_recorded == 0
    assert snapshot(engine) == before_again


def test_settings_choose_the_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings().penalty_policy() == DEFAULT_POLICY
    monkeypatch.setenv("COLLECTION_DESK_SHORTFALL_TOLERANCE_FEN", "0")
    monkeypatch.setenv("COLLECTION_DESK_PENALTY_GRACE_DAYS", "0")
    monkeypatch.setenv("COLLECTION_DESK_PENALTY_COST_CAP", "none")
    assert Settings().penalty_policy() == OLD
    monkeypatch.setenv("COLLECTION_DESK_PENALTY_COST_CAP", "0.18")
    assert Settings().penalty_policy().cost_cap == Decimal("0.18")
    for name, bad in [
        ("COLLECTION_DESK_PENALTY_COST_CAP", "1e999999"),
        ("COLLECTION_DESK_PENALTY_COST_CAP", "0.1234567"),
        ("COLLECTION_DESK_PENALTY_GRACE_DAYS", "-1"),
        ("COLLECTION_DESK_SHORTFALL_TOLERANCE_FEN", "-5"),
        ("COLLECTION_DESK_LENDER_TIMEZONE", "Mars/Olympus"),
    ]:
        with monkeypatch.context() as m:
            m.setenv(name, bad)
            with pytest.raises(ValidationError):
                Settings()


def test_overdue_run_command_applies_the_configured_rules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.server.db import make_engine
    from app.server.migrate import upgrade
    from main import main
    from tests.server.conftest import seed_case

    url = f"sqlite:///{tmp_path / 'rules.db'}"
    upgrade(url)
    eng = make_engine(url)
    with Session(eng) as s:
        seeded = seed_case(s, dpd=2, today=TODAY, record=False)  # 2 days late: within grace
        s.commit()

    def penalty_shown() -> int:
        with Session(eng) as s:
            case = s.get(Case, seeded.case_id)
            assert case is not None
            return case.overdue_penalty

    day = ["overdue-run", "--date", TODAY.isoformat(), "--database-url", url]
    assert main(day) == 0
    assert penalty_shown() == 0  # default: grace 3 days
    monkeypatch.setenv("COLLECTION_DESK_PENALTY_GRACE_DAYS", "0")
    assert main(day) == 0
    assert penalty_shown() > 0  # configured: penalty from the first day
    capsys.readouterr()
    monkeypatch.setenv("COLLECTION_DESK_PENALTY_COST_CAP", "1e999999")
    assert main(day) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: invalid setting penalty_cost_cap")
    eng.dispose()
