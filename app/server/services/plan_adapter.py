"""Bridge from a stored case/loan and a PlanPayload to app.domain.plans.calculate_plan."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from app.domain.money import Money
from app.protocol.sync import PlanPayload
from app.server.models import Case, PlanLine


@dataclass(frozen=True)
class PlanCalc:
    """What the server stores from a calculation."""

    lines: tuple[Any, ...]
    total: int
    waived_penalty: int
    waived_fees: int
    waived_interest: int
    codes: tuple[str, ...]
    messages: tuple[str, ...]
    invalid: bool
    needs_approval: bool


def calculate(case: Case, payload: PlanPayload, *, role: str, today: date) -> PlanCalc:
    from app.domain.plan_types import Arrears, Frequency, PlanInput, PlanKind, Waivers
    from app.domain.plans import calculate_plan
    from app.domain.schedule_types import RepaymentMethod

    loan = case.loan
    future = [i for i in loan.installments if i.due_date >= today]
    inp = PlanInput(
        kind=PlanKind(payload.kind),
        arrears=Arrears(
            principal=Money(case.overdue_principal),
            interest=Money(case.overdue_interest),
            penalty=Money(case.overdue_penalty),
            fees=Money(case.overdue_fees),
        ),
        first_date=payload.first_date,
        today=today,
        remaining_principal=Money(sum(i.principal - i.paid_principal for i in future)),
        annual_rate=loan.annual_rate,
        original_term_months=loan.term_months,
        remaining_term_months=len(future),
        extensions_granted_months=loan.extensions_months,
        down_payment=Money(payload.down_payment),
        payments=payload.payments,
        frequency=Frequency(payload.frequency),
        waivers=Waivers(
            interest=Money(payload.waive_interest),
            penalty=Money(payload.waive_penalty),
            fees=Money(payload.waive_fees),
        ),
        new_term_months=payload.new_term_months,
        method=RepaymentMethod(loan.method),
        # 展期 runs from the loan's current maturity (its last installment's due date)
        old_maturity_date=max((i.due_date for i in loan.installments), default=None),
    )
    result = calculate_plan(inp, role=role)
    return PlanCalc(
        lines=tuple(result.lines),
        total=result.total_payment.fen,
        waived_penalty=result.waived.penalty.fen,
        waived_fees=result.waived.fees.fen,
        waived_interest=result.waived.interest.fen,
        codes=tuple(v.code for v in result.violations),
        messages=tuple(v.message_en for v in result.violations if not v.is_authority),
        invalid=not result.valid,
        needs_approval=result.needs_approval,
    )


def line(plan_id: str, ln: Any) -> PlanLine:
    return PlanLine(plan_id=plan_id, n=ln.n, due_date=ln.due_date, amount=ln.amount.fen)
