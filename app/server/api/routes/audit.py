"""GET /audit: search the audit log (team lead: the team's entries; admin: all)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from app.protocol.desk import AuditPage, AuditQuery
from app.server.api.deps import LeadUser, SessionDep
from app.server.services.audit_search import search_audit
from app.server.services.uow import released

router = APIRouter(tags=["audit"])


@router.get("/audit", response_model=AuditPage)
def get_audit(q: Annotated[AuditQuery, Query()], user: LeadUser, session: SessionDep) -> AuditPage:
    """Filter by actor, action (exact, or prefix ending in '.'), entity, entity_id, time."""
    with released(session):
        return search_audit(session, user, q)
