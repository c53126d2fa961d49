"""POST /reassign: team leads (own team) and admins (anywhere) move cases between agents."""

from __future__ import annotations

from fastapi import APIRouter

from app.protocol.common import ErrorResponse
from app.protocol.desk import ReassignRequest, ReassignResult
from app.server.api.deps import LeadUser, SessionDep
from app.server.services.reassign import reassign
from app.server.services.uow import released

router = APIRouter(tags=["team"])


@router.post(
    "/reassign",
    response_model=ReassignResult,
    responses={
        409: {"model": ErrorResponse, "description": "case_closed"},
        422: {
            "model": ErrorResponse,
            "description": "validation_error: not exactly one of case_ids and from_agent, "
            "or a case id that is not a UUID",
        },
    },
)
def post_reassign(body: ReassignRequest, user: LeadUser, session: SessionDep) -> ReassignResult:
    """Reassign given cases (`case_ids`) or all active cases of `from_agent` to `to_agent`.
    Audited; the previous holder's sync feed receives a tombstone."""
    with released(session):
        return reassign(session, user, body)
