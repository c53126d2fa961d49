"""GET /worklist: the caller's cases, paged, sorted, filtered and searched server-side."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from app.protocol.desk import WorklistPage, WorklistQuery
from app.server.api.deps import CurrentUser, SessionDep, SettingsDep
from app.server.services.clock import business_now, end_of_day
from app.server.services.uow import released
from app.server.services.worklist import WorklistFilter, worklist_page

router = APIRouter(tags=["desk"])


@router.get("/worklist", response_model=WorklistPage)
def get_worklist(
    q: Annotated[WorklistQuery, Query()],
    user: CurrentUser,
    session: SessionDep,
    settings: SettingsDep,
) -> Response:
    """Agent: own cases; team lead: the team's (optionally `?agent=`); admin: all.

    Default order "next_action": broken promises, promises due today, callbacks due, then
    priority (risk x amount x bucket). Search matches the borrower's name, a phone's last
    digits, the contract number or the plate."""
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
    with released(session):
        page = worklist_page(session, user, f, now=now, day_end=end_of_day(settings, today))
    # the page is built from typed columns: serialize once (response_model documents it)
    return Response(page.model_dump_json(), media_type="application/json")
