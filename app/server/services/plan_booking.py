"""Booking an agreed 展期 restructure onto the loan (the rebooking a lender does).

When a restructure becomes agreed (proposed within the author's authority, or approved by a
lead or an admin) the loan's schedule changes, not only the case:

- every installment still owing something (principal, interest or fees short, or penalty
  not yet paid or waived) is closed as `restructured`: kept as history with what was paid
  on it, read by no job or view of the schedule any more (their unpaid part is what the
  plan capitalised: the arrears and the principal not yet due);
- the plan's lines become the loan's installments, numbered after the last existing one,
  each with its principal (amount less the plan's new interest) and interest, tagged with
  the plan's id; the down payment (line 0) is an installment of principal only;
- the plan's extension months are added to `loans.extensions_months` (the next plan is
  measured from the rebooked maturity and the months already granted: plan_adapter feeds
  both to app.domain.plan_inputs), and the outstanding principal is the new principal;
- waivers of interest, penalty or fees are recorded in `write_offs` (kind restructure);
- one audit row (`plan.book`) and one sync change on the case (the desk gets the new
  schedule with the case bundle).

Catch-up plans and settlements change nothing on the loan when agreed: the daily run
evaluates them (jobs/plan_evaluation.py) and a kept settlement closes the loan
(jobs/plan_settlement.py). The next overdue run measures DPD, bucket and penalty on the
rebooked schedule.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.server.audit import audit
from app.server.changes import record_change
from app.server.models import Case, Installment, Loan, Plan, User, WriteOff
from app.server.models.book import INSTALLMENT_IN_FORCE
from app.server.services import plan_adapter
from app.server.services.plan_adapter import PlanCalc

RESTRUCTURED = "restructured"


def _owes(inst: Installment) -> bool:
    """True when the installment still owes principal, interest, fees or penalty."""
    return (
        inst.principal > inst.paid_principal
        or inst.interest > inst.paid_interest + inst.waived_interest
        or inst.fees > inst.paid_fees + inst.waived_fees
        or inst.penalty > inst.paid_penalty + inst.waived_penalty
        or inst.penalty_accrued > inst.paid_penalty + inst.waived_penalty
    )


def _new_installment(loan_id: str, plan_id: str, n: int, line: Any) -> Installment:
    interest = int(line.interest.fen)
    amount = int(line.amount.fen)
    return Installment(
        loan_id=loan_id,
        n=n,
        due_date=line.due_date,
        payment=amount,
        principal=amount - interest,
        interest=interest,
        fees=0,
        penalty=0,
        penalty_accrued=0,
        paid_principal=0,
        paid_interest=0,
        paid_penalty=0,
        paid_fees=0,
        waived_penalty=0,
        waived_fees=0,
        waived_interest=0,
        status=INSTALLMENT_IN_FORCE,
        plan_id=plan_id,
    )


def book_agreed_plan(
    session: Session, actor: User, plan: Plan, case: Case, calc: PlanCalc, *, today: date
) -> None:
    """Book `plan` (just agreed, calculated as `calc` on `today`) onto its loan; a no-op for
    anything but a restructure. Flushes; the caller commits."""
    if plan.kind != "restructure" or plan.booked_on is not None:
        return
    # lock the loan row (not the eager-joined vehicle) so two bookings serialise
    session.execute(select(Loan.id).where(Loan.id == case.loan_id).with_for_update())
    loan = session.get(Loan, case.loan_id)
    assert loan is not None
    rows = list(
        session.scalars(
            select(Installment).where(
                Installment.loan_id == loan.id, Installment.status == INSTALLMENT_IN_FORCE
            )
        )
    )
    last_n = session.scalar(
        select(func.coalesce(func.max(Installment.n), 0)).where(Installment.loan_id == loan.id)
    )
    closed = 0
    for inst in rows:
        if _owes(inst):
            inst.status = RESTRUCTURED
            closed += 1
    session.flush()
    n = int(last_n or 0)
    new_principal = 0
    for line in calc.lines:
        n += 1
        inst = _new_installment(loan.id, plan.id, n, line)
        new_principal += inst.principal
        session.add(inst)
    # the plan as booked: the lines, total and waivers of this calculation
    plan.lines = [plan_adapter.line(plan.id, ln) for ln in calc.lines]
    plan.total = calc.total
    plan.waived_penalty = calc.waived_penalty
    plan.waived_fees = calc.waived_fees
    plan.waived_interest = calc.waived_interest
    plan.booked_on = today
    before = loan.extensions_months
    loan.extensions_months = before + calc.extension_months
    loan.outstanding_principal = new_principal
    case.return_plan_id = None
    waived = calc.waived_interest + calc.waived_penalty + calc.waived_fees
    if waived:
        session.add(
            WriteOff(
                loan_id=loan.id,
                case_id=case.id,
                plan_id=plan.id,
                kind="restructure",
                principal=0,
                interest=calc.waived_interest,
                penalty=calc.waived_penalty,
                fees=calc.waived_fees,
                total=waived,
                balance_closed=0,
                booked_on=today,
            )
        )
    session.flush()
    session.expire(loan, ["installments"])
    record_change(session, entity="case", entity_id=case.id, case_id=case.id)
    audit(
        session,
        actor=actor,
        action="plan.book",
        entity="loan",
        entity_id=loan.id,
        details={
            "plan_id": plan.id,
            "case_id": case.id,
            "installments_restructured": closed,
            "installments_booked": len(calc.lines),
            "new_principal": new_principal,
            "extension_months": calc.extension_months,
            "extensions_months_total": loan.extensions_months,
            "written_off": waived,
        },
    )
