"""POST /cases/{case_id}/reveal: one clear PII value, with a reason, audited; and
GET /team/reveals: the lead's view of who revealed what and why."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query

from app.protocol.common import ErrorResponse
from app.protocol.desk import RevealRequest, RevealResponse
from app.protocol.reveals import RevealsQuery, RevealsReport
from app.server.api.deps import CurrentUser, LeadUser, SessionDep, SettingsDep
from app.server.services.clock import business_now
from app.server.services.pii_reveal import reveal
from app.server.services.reveal_watch import reveals_report
from app.server.services.uow import released

router = APIRouter(prefix="/cases", tags=["cases"])
router_team = APIRouter(prefix="/team", tags=["team"])


@router.post(
    "/{case_id}/reveal",
    response_model=RevealResponse,
    responses={
        422: {
            "model": ErrorResponse,
            "description": 'validation_error: phone_id missing for field "phone" or given for '
            'another field, a note missing for reason "other", or a note that says nothing',
        }
    },
)
def post_reveal(
    case_id: UUID,
    body: RevealRequest,
    user: CurrentUser,
    session: SessionDep,
    settings: SettingsDep,
) -> RevealResponse:
    """Reveal the borrower's ID number, bank card or one phone number (`phone_id`)."""
    now, today = business_now(settings)
    with released(session):
        return reveal(session, user, str(case_id), body, settings=settings, now=now, today=today)


@router_team.get("/reveals", response_model=RevealsReport)
def get_reveals(
    q: Annotated[RevealsQuery, Query()], user: LeadUser, session: SessionDep, settings: SettingsDep
) -> RevealsReport:
    """Who revealed which personal information (field, masked value and borrower), on which
    case and why, today or this week; each user's counts and whether today's passed the
    daily threshold (`reveal_daily_threshold`). A lead: their team; an admin: any or all."""
    _now, today = business_now(settings)
    with released(session):
        return reveals_report(session, user, settings, q, today=today)
