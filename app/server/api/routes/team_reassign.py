"""Reassignment by rule: preview who gets what, then apply the moves (all or nothing).

`POST /team/reassign/apply` also serves one case or a selection: the desk sends each case
with the holder it shows. Team lead: own team; admin: any team (a rule names the team).
"""

from __future__ import annotations

from fastapi import APIRouter

from app.protocol.common import ErrorResponse
from app.protocol.team import ApplyMoves, ApplyResult, ReassignRule, RulePreview
from app.server.api.deps import LeadUser, SessionDep
from app.server.services.rule_reassign import apply_moves, preview
from app.server.services.uow import released

router = APIRouter(prefix="/team/reassign", tags=["team"])


@router.post(
    "/preview",
    response_model=RulePreview,
    responses={422: {"model": ErrorResponse, "description": "no_eligible_agent"}},
)
def post_preview(body: ReassignRule, user: LeadUser, session: SessionDep) -> RulePreview:
    """The moves the rule would make now, and each agent's cases and amount before/after.
    Nothing is written; the same book and rule give the same moves."""
    with released(session):
        return preview(session, user, body)


@router.post(
    "/apply",
    response_model=ApplyResult,
    responses={
        409: {"model": ErrorResponse, "description": "case_moved (details.cases)"},
        422: {
            "model": ErrorResponse,
            "description": "invalid_target (details.agents), duplicate_case (details.case_ids) "
            "or validation_error (e.g. a move's case_id that is not a UUID)",
        },
    },
)
def post_apply(body: ApplyMoves, user: LeadUser, session: SessionDep) -> ApplyResult:
    """Apply every move or none: refused when a case is out of scope (404), a target is not
    an active agent of the team or is on leave (422), or a case's holder is no longer
    `from_agent` (409). Audited per case and per batch; both desks see it at their next
    sync."""
    with released(session):
        return apply_moves(session, user, body)
