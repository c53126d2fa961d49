"""ORM rows -> wire payloads (app.protocol.entities), and batched loading of case bundles.

A case bundle is everything a desk needs for one case: the case, its borrower (masked),
the loan with installments and payments, contact attempts, notes, promises, plans and
callbacks. The feed loads bundles set-based from Core rows (app.server.services.bundle_rows); the ORM versions below are the reference it is tested against and what
case detail and the record routes use for single entities.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from app.protocol.common import rate_text
from app.protocol.entities import (
    BorrowerData,
    CallbackData,
    CaseData,
    ContactAttemptData,
    InstallmentData,
    LoanData,
    LoanRiskData,
    NoteData,
    PaymentData,
    PlanData,
    PlanLineData,
    PlanReturnData,
    PromiseData,
    RiskFactorData,
)
from app.protocol.entities import (
    Phone as PhoneData,
)
from app.protocol.entities import (
    Vehicle as VehicleData,
)
from app.server.models import (
    Borrower,
    Callback,
    Case,
    ContactAttempt,
    Installment,
    Loan,
    Note,
    Payment,
    Plan,
    Promise,
)


def installment_state(inst: Installment, today: date, next_unpaid_n: int | None) -> str:
    due = inst.principal + inst.interest
    paid = inst.paid_principal + inst.paid_interest
    if paid >= due:
        return "paid"
    if inst.due_date < today:
        return "overdue"
    if paid > 0:
        return "partly_paid"
    return "due" if inst.n == next_unpaid_n else "future"


def installment_data(inst: Installment, today: date, next_unpaid_n: int | None) -> InstallmentData:
    return InstallmentData(
        n=inst.n,
        due_date=inst.due_date,
        payment=inst.payment,
        principal=inst.principal,
        interest=inst.interest,
        paid_principal=inst.paid_principal,
        paid_interest=inst.paid_interest,
        paid_penalty=inst.paid_penalty,
        paid_fees=inst.paid_fees,
        penalty=inst.penalty,
        fees=inst.fees,
        state=installment_state(inst, today, next_unpaid_n),  # type: ignore[arg-type]
        paid_on=inst.paid_on,
    )


def payment_data(p: Payment) -> PaymentData:
    return PaymentData(
        id=p.id, paid_on=p.paid_on, amount=p.amount, channel=p.channel, reference=p.reference
    )


def loan_data(loan: Loan, today: date) -> LoanData:
    next_unpaid = next(
        (
            i.n
            for i in loan.installments
            if i.paid_principal + i.paid_interest < i.principal + i.interest and i.due_date >= today
        ),
        None,
    )
    v = loan.vehicle
    vehicle = VehicleData(
        brand=v.brand if v else "",
        model=v.model if v else "",
        plate=v.plate if v else "",
        vin_masked=v.vin_masked if v else "",
        year=v.year if v else 0,
    )
    return LoanData(
        id=loan.id,
        borrower_id=loan.borrower_id,
        contract_no=loan.contract_no,
        product=loan.product,
        method=loan.method,  # type: ignore[arg-type]
        principal=loan.principal,
        annual_rate=rate_text(loan.annual_rate),
        term_months=loan.term_months,
        disbursed_on=loan.disbursed_on,
        first_due_date=loan.first_due_date,
        vehicle=vehicle,
        installments=[installment_data(i, today, next_unpaid) for i in loan.installments],
        payments=[payment_data(p) for p in loan.payments],
        outstanding_principal=loan.outstanding_principal,
        written_off=loan.written_off,
        extensions_months=loan.extensions_months,
        risk=loan_risk_data(loan),
    )


def loan_risk_data(loan: Loan) -> LoanRiskData | None:
    r = loan.risk
    if r is None:
        return None
    return LoanRiskData(
        score=r.score,
        segment=r.segment,  # type: ignore[arg-type]
        factors=[RiskFactorData(**f) for f in r.factors or []],
        model_version=r.model_version,
    )


def borrower_data(b: Borrower) -> BorrowerData:
    return BorrowerData(
        id=b.id,
        name=b.name,
        id_number_masked=b.id_number_masked,
        gender=b.gender,  # type: ignore[arg-type]
        birth_date=b.birth_date,
        address=b.address,
        employer=b.employer,
        timezone=b.timezone,
        phones=[
            PhoneData(
                id=p.id,
                number_masked=p.number_masked,
                owner=p.owner,  # type: ignore[arg-type]
                relation=p.relation,
                name=p.name,
                timezone=p.timezone,
            )
            for p in b.phones
        ],
        bank_card_masked=b.bank_card_masked,
        risk_segment=b.risk_segment,  # type: ignore[arg-type]
        language=b.language,  # type: ignore[arg-type]
    )


def case_data(c: Case, usernames: dict[int, str], teams: dict[int, str]) -> CaseData:
    return CaseData(
        id=c.id,
        loan_id=c.loan_id,
        borrower_id=c.borrower_id,
        status=c.status,  # type: ignore[arg-type]
        assigned_to=usernames.get(c.assigned_to_id) if c.assigned_to_id else None,
        team=teams.get(c.team_id) if c.team_id else None,
        dpd=c.dpd,
        bucket=c.bucket,  # type: ignore[arg-type]
        overdue_principal=c.overdue_principal,
        overdue_interest=c.overdue_interest,
        overdue_penalty=c.overdue_penalty,
        overdue_fees=c.overdue_fees,
        overdue_total=c.overdue_total,
        priority=c.priority,
        flags=list(c.flags or []),  # type: ignore[arg-type]
        debtor_unreachable=c.debtor_unreachable,
        opened_on=c.opened_on,
        closed_on=c.closed_on,
        last_contact_at=c.last_contact_at,
        next_action_at=c.next_action_at,
        next_action_kind=c.next_action_kind,  # type: ignore[arg-type]
        version=c.version,
        kind=c.kind,  # type: ignore[arg-type]
        plan_return=plan_return_data(c),
        plan_quiet=c.plan_quiet,
    )


def plan_return_data(c: Case) -> PlanReturnData | None:
    """The broken plan that returned `c` to collection (cases.return_plan_id)."""
    p = c.return_plan if c.return_plan_id else None
    if p is None:
        return None
    return PlanReturnData(
        plan_id=p.id,
        kind=p.kind,  # type: ignore[arg-type]
        broken_on=p.evaluated_on,
        due_date=p.broken_due,
        shortfall=p.broken_short or 0,
    )


def contact_data(a: ContactAttempt) -> ContactAttemptData:
    return ContactAttemptData(
        id=a.id,
        case_id=a.case_id,
        agent=a.agent.username,
        phone_id=a.phone_id,
        channel=a.channel,  # type: ignore[arg-type]
        disposition=a.disposition,  # type: ignore[arg-type]
        reason=a.reason,  # type: ignore[arg-type]
        result=a.result,  # type: ignore[arg-type]
        started_at=a.started_at,
        duration_s=a.duration_s,
        recording_ref=a.recording_ref,
        policy_violation=a.policy_violation,
        override_reason=a.override_reason,
        dial_state=a.dial_state,
    )


def note_data(n: Note) -> NoteData:
    return NoteData(
        id=n.id,
        case_id=n.case_id,
        author=n.author.username,
        text=n.text,
        disposition=n.disposition,  # type: ignore[arg-type]
        next_action_on=n.next_action_on,
        amends=n.amends,
        contact_id=n.contact_id,
        banned_phrases=list(n.banned_phrases or []),
        created_at=n.created_at,
    )


def promise_data(p: Promise) -> PromiseData:
    return PromiseData(
        id=p.id,
        case_id=p.case_id,
        agent=p.agent.username,
        amount=p.amount,
        promised_on=p.promised_on,
        created_at=p.created_at,
        status=p.status,  # type: ignore[arg-type]
    )


def plan_data(p: Plan) -> PlanData:
    return PlanData(
        id=p.id,
        case_id=p.case_id,
        author=p.author.username,
        kind=p.kind,  # type: ignore[arg-type]
        status=p.status,  # type: ignore[arg-type]
        down_payment=p.down_payment,
        lines=[PlanLineData(n=ln.n, due_date=ln.due_date, amount=ln.amount) for ln in p.lines],
        waived_penalty=p.waived_penalty,
        waived_fees=p.waived_fees,
        waived_interest=p.waived_interest,
        violations=list(p.violations or []),
        approved_by=p.approved_by.username if p.approved_by else None,
        created_at=p.created_at,
        payments=p.payments,
        frequency=p.frequency,  # type: ignore[arg-type]
        first_date=p.first_date,
        new_term_months=p.new_term_months,
        total=p.total,
        decided_at=p.decided_at,
        decision_note=p.decision_note,
        evaluated_on=p.evaluated_on,
        booked_on=p.booked_on,
        broken_due=p.broken_due,
        broken_short=p.broken_short,
    )


def callback_data(c: Callback) -> CallbackData:
    return CallbackData(
        id=c.id,
        case_id=c.case_id,
        agent=c.agent.username,
        due_at=c.due_at,
        note=c.note,
        done=c.done,
        created_at=c.created_at,
    )


CHILD_MODELS: dict[str, Any] = {
    "contact_attempt": (ContactAttempt, contact_data),
    "note": (Note, note_data),
    "promise": (Promise, promise_data),
    "plan": (Plan, plan_data),
    "callback": (Callback, callback_data),
}
