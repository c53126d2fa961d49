"""Bridge from a stored case/loan and a PlanPayload to app.domain.plans.calculate_plan.

The PlanInput is built by app.domain.plan_inputs from the case's overdue breakdown and the
loan's schedule: the same function the desk's calculator uses on the figures the sync feed
carries, so the desk's figures equal the server's for the same inputs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from app.domain.money import Money
from app.domain.plan_inputs import (
    LoanFigures,
    PlanTerms,
    ScheduledInstallment,
    loan_figures,
    plan_input,
)
from app.domain.plan_types import Arrears, Waivers
from app.domain.plans import calculate_plan
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
    extension_months: int = 0  # restructure: the 展期 this plan adds (booked on the loan)


def case_figures(case: Case, *, today: date) -> LoanFigures:
    """The case's live figures on `today` (server side of app.domain.plan_inputs)."""
    loan = case.loan
    return loan_figures(
        arrears=Arrears(
            principal=Money(case.overdue_principal),
            interest=Money(case.overdue_interest),
            penalty=Money(case.overdue_penalty),
            fees=Money(case.overdue_fees),
        ),
        installments=[
            ScheduledInstallment(
                n=i.n,
                due_date=i.due_date,
                principal=i.principal,
                interest=i.interest,
                paid_principal=i.paid_principal,
                paid_interest=i.paid_interest,
            )
            for i in loan.installments
        ],
        today=today,
        annual_rate=loan.annual_rate,
        term_months=loan.term_months,
        extensions_months=loan.extensions_months,
        method=loan.method,
    )


def payload_terms(payload: PlanPayload) -> PlanTerms:
    """The plan's terms as the wire payload states them."""
    return PlanTerms(
        kind=payload.kind,
        first_date=payload.first_date,
        down_payment=Money(payload.down_payment),
        payments=payload.payments,
        frequency=payload.frequency,
        waivers=Waivers(
            interest=Money(payload.waive_interest),
            penalty=Money(payload.waive_penalty),
            fees=Money(payload.waive_fees),
        ),
        new_term_months=payload.new_term_months,
    )


def calculate_result(case: Case, payload: PlanPayload, *, role: str, today: date) -> Any:
    """The domain PlanResult (lines, totals, every violation in zh and en) for `role`."""
    inp = plan_input(case_figures(case, today=today), payload_terms(payload), today=today)
    return calculate_plan(inp, role=role)


def calculate(case: Case, payload: PlanPayload, *, role: str, today: date) -> PlanCalc:
    result = calculate_result(case, payload, role=role, today=today)
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
        extension_months=result.extension_months,
    )


def line(plan_id: str, ln: Any) -> PlanLine:
    return PlanLine(plan_id=plan_id, n=ln.n, due_date=ln.due_date, amount=ln.amount.fen)
