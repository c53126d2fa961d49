"""Plans: list in scope; team leads and admins approve or reject pending proposals."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query

from app.protocol.common import ErrorResponse
from app.protocol.desk import PlanDecision, PlanList, PlanQuery, PlanRejection
from app.protocol.entities import PlanData
from app.server.api.deps import CurrentUser, LeadUser, SessionDep, SettingsDep
from app.server.services.plan_approval import decide_plan, list_plans
from app.server.services.uow import released

router = APIRouter(prefix="/plans", tags=["plans"])

_DECISION_ERRORS: dict[int | str, dict[str, object]] = {
    409: {"model": ErrorResponse, "description": "not_pending or plan_invalid"},
}


@router.get("", response_model=PlanList)
def get_plans(q: Annotated[PlanQuery, Query()], user: CurrentUser, session: SessionDep) -> PlanList:
    """Plans on the caller's cases (default: those pending approval)."""
    with released(session):
        return list_plans(session, user, status=q.status, limit=q.limit, offset=q.offset)


@router.post("/{plan_id}/approve", response_model=PlanData, responses=_DECISION_ERRORS)
def approve_plan(
    plan_id: UUID, body: PlanDecision, user: LeadUser, session: SessionDep, settings: SettingsDep
) -> PlanData:
    """Approve a pending plan within the caller's authority (403 beyond_authority if not)."""
    with released(session):
        return decide_plan(
            session, user, settings, plan_id=str(plan_id), approve=True, reason=body.reason
        )


@router.post(
    "/{plan_id}/reject",
    response_model=PlanData,
    responses={
        **_DECISION_ERRORS,
        422: {"model": ErrorResponse, "description": "validation_error: `reason` missing or blank"},
    },
)
def reject_plan(
    plan_id: UUID, body: PlanRejection, user: LeadUser, session: SessionDep, settings: SettingsDep
) -> PlanData:
    """Reject a pending plan; `reason` is required (422 when missing or blank)."""
    with released(session):
        return decide_plan(
            session, user, settings, plan_id=str(plan_id), approve=False, reason=body.reason
        )
