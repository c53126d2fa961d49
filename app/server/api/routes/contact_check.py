"""GET /cases/{case_id}/contact-check: may this number be dialled now (server's answer)."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query

from app.protocol.desk import ContactCheck, ContactCheckQuery
from app.server.api.deps import CurrentUser, SessionDep, SettingsDep
from app.server.services.case_detail import contact_check
from app.server.services.clock import business_now
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
