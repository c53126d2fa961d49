"""POST /cases/{case_id}/reveal: one clear PII value, with a reason, audited."""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter

from app.protocol.common import ErrorResponse
from app.protocol.desk import RevealRequest, RevealResponse
from app.server.api.deps import CurrentUser, SessionDep
from app.server.services.pii_reveal import reveal
from app.server.services.uow import released

router = APIRouter(prefix="/cases", tags=["cases"])


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
    case_id: UUID, body: RevealRequest, user: CurrentUser, session: SessionDep
) -> RevealResponse:
    """Reveal the borrower's ID number, bank card or one phone number (`phone_id`)."""
    with released(session):
        return reveal(session, user, str(case_id), body)
