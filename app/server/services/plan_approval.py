"""Listing plans in scope and deciding pending ones (team lead / admin, within authority).

A decision re-runs the domain plan calculator with the approver's role: when the plan is
still beyond the approver's authority it needs an administrator (403 beyond_authority);
when the case moved on so the plan no longer holds (e.g. its first date passed) it is a
409 plan_invalid. Decisions are audited and recorded for the sync feed. An approved
restructure is booked onto the loan with that calculation (services/plan_booking.py).
"""

from __future__ import annotations

from pydantic import ValidationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.errors import DomainError
from app.protocol.desk import PlanList
from app.protocol.entities import PlanData
from app.protocol.sync import PlanPayload
from app.server.audit import audit
from app.server.changes import record_change
from app.server.errors import ApiError, not_found
from app.server.models import Case, Plan, User, utcnow
from app.server.scope import can_see_case, visible_cases_clause
from app.server.services import bundles, next_actions, plan_adapter, plan_booking
from app.server.services.clock import business_now
from app.server.settings import Settings


def list_plans(session: Session, user: User, *, status: str, limit: int, offset: int) -> PlanList:
    """Plans with `status` on cases the caller can see, oldest first."""
    where = [Plan.status == status, visible_cases_clause(user)]
    base = select(Plan).join(Case, Case.id == Plan.case_id).where(*where)
    total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
    rows = session.scalars(base.order_by(Plan.created_at, Plan.id).limit(limit).offset(offset))
    return PlanList(plans=[bundles.plan_data(p) for p in rows], total=int(total))


def _pending_plan(session: Session, user: User, plan_id: str) -> tuple[Plan, Case]:
    # lock the plan row (not the eager-joined users) so two decisions serialise
    locked = session.scalar(select(Plan.id).where(Plan.id == plan_id).with_for_update())
    plan = session.get(Plan, plan_id) if locked else None
    if plan is None:
        raise not_found("plan")
    case = session.get(Case, plan.case_id)
    if case is None or not can_see_case(user, case):
        raise not_found("plan")
    if plan.status != "pending_approval":
        raise ApiError(409, "not_pending", f"plan is {plan.status}, not pending approval")
    return plan, case


def decide_plan(
    session: Session,
    user: User,
    settings: Settings,
    *,
    plan_id: str,
    approve: bool,
    reason: str | None,
) -> PlanData:
    """Approve or reject a pending plan; the caller must be team_lead/admin (route checks)."""
    plan, case = _pending_plan(session, user, plan_id)
    calc = None
    _, today = business_now(settings)
    if approve:
        try:
            calc = plan_adapter.calculate(
                case, PlanPayload.model_validate(plan.inputs), role=user.role, today=today
            )
        except (DomainError, ValidationError) as exc:
            raise ApiError(409, "plan_invalid", str(exc)) from exc
        if calc.invalid:
            raise ApiError(409, "plan_invalid", "; ".join(calc.messages))
        if calc.needs_approval:
            raise ApiError(
                403,
                "beyond_authority",
                "the plan is beyond your authority",
                {"violations": list(calc.codes)},
            )
    elif not reason or not reason.strip():
        raise ApiError(
            422,
            "validation_error",
            "a reason is required to reject a plan",
            {"errors": [{"loc": ["body", "reason"], "msg": "required", "type": "missing"}]},
        )
    plan.status = "approved" if approve else "rejected"
    plan.approved_by_id = user.id
    plan.decided_at = utcnow()
    plan.decision_note = reason
    record_change(session, entity="plan", entity_id=plan.id, case_id=case.id)
    audit(
        session,
        actor=user,
        action="plan.approve" if approve else "plan.reject",
        entity="plan",
        entity_id=plan.id,
        details={"case_id": case.id, "author_id": plan.author_id},
    )
    if calc is not None:  # agreed: a restructure rebooks the loan (recomputed as of today)
        plan_booking.book_agreed_plan(session, user, plan, case, calc, today=today)
    next_actions.refresh(session, [case], lender_timezone=settings.lender_timezone)
    session.commit()
    session.refresh(plan)
    return bundles.plan_data(plan)
