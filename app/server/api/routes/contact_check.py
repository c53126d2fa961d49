"""Before a call: GET /cases/{case_id}/contact-check and POST /cases/{case_id}/dial."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query

from app.protocol.common import ErrorResponse
from app.protocol.desk import ContactCheck, ContactCheckQuery, DialAnswer, DialRequest
from app.server.api.deps import CurrentUser, SessionDep, SettingsDep
from app.server.services.clock import business_now
from app.server.services.dialing import contact_check, dial
from app.server.services.uow import released

router = APIRouter(prefix="/cases", tags=["cases"])


@router.get("/{case_id}/contact-check", response_model=ContactCheck)
def get_contact_check(
    case_id: UUID,
    q: Annotated[ContactCheckQuery, Query()],
    user: CurrentUser,
    session: SessionDep,
    settings: SettingsDep,
) -> ContactCheck:
    """Allowed, or blocked with every reason and the next allowed time (None: indefinitely)."""
    now, _today = business_now(settings)
    with released(session):
        return contact_check(
            session, user, settings, case_id=str(case_id), phone_id=q.phone_id, now=now
        )


@router.post(
    "/{case_id}/dial",
    response_model=DialAnswer,
    responses={
        409: {"model": ErrorResponse, "description": "policy_blocked: the reasons in details"},
        403: {"model": ErrorResponse, "description": "an override needs a team lead"},
        429: {
            "model": ErrorResponse,
            "description": "dial_rate_limited: more than dial_rate_limit requests in "
            "dial_rate_window_s; details.retry_after_s and the Retry-After header say when "
            "to try again (audited as contact.dial_rate_limited)",
        },
    },
)
def post_dial(
    case_id: UUID, body: DialRequest, user: CurrentUser, session: SessionDep, settings: SettingsDep
) -> DialAnswer:
    """The clear number for the softphone after the rate and contact-policy checks; every
    request is audited, refusals included."""
    now, _today = business_now(settings)
    with released(session):
        return dial(session, user, settings, case_id=str(case_id), req=body, now=now)
