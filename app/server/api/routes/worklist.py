"""GET /worklist: the caller's cases, paged, sorted, filtered and searched server-side."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from app.protocol.desk import WorklistPage, WorklistQuery
from app.server.api.deps import CurrentUser, SessionDep, SettingsDep
from app.server.services.clock import business_now
from app.server.services.worklist import WorklistFilter, worklist_page

router = APIRouter(tags=["desk"])


@router.get("/worklist", response_model=WorklistPage)
def get_worklist(
    q: Annotated[WorklistQuery, Query()],
    user: CurrentUser,
    session: SessionDep,
    settings: SettingsDep,
) -> WorklistPage:
    """Agent: own cases; team lead: the team's (optionally `?agent=`); admin: all."""
    now, today = business_now(settings)
    f = WorklistFilter(
        limit=q.limit,
        offset=q.offset,
        sort=q.sort,
        order=q.order,
        buckets=tuple(q.bucket),
        status=q.status,
        search=q.search,
        agent=q.agent,
    )
    return worklist_page(session, user, f, now=now, today=today)
