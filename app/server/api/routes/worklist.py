"""GET /worklist: the caller's cases, paged, sorted, filtered and searched server-side."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from app.protocol.desk import WorklistPage, WorklistQuery
from app.server.api.deps import BearerToken, SettingsDep, in_one_hop
from app.server.auth import authenticate_pg
from app.server.db import pg_autocommit
from app.server.models import User
from app.server.services.clock import business_now, end_of_day
from app.server.services.worklist import WorklistFilter, worklist_page_json
from app.server.services.worklist_pg import worklist_body_pg

router = APIRouter(tags=["desk"])


@router.get("/worklist", response_model=WorklistPage)
async def get_worklist(
    request: Request,
    q: Annotated[WorklistQuery, Query()],
    token: BearerToken,
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
    day_end = end_of_day(settings, today)

    engine: Engine = request.app.state.engine
    if engine.dialect.name == "postgresql":
        # PostgreSQL writes the JSON itself: one threadpool hop, one pooled connection in
        # autocommit, two prepared statements (token + user, then the page), no ORM session
        def run() -> bytes:
            with pg_autocommit(engine) as conn:
                user = authenticate_pg(conn, token)
                return worklist_body_pg(conn, user, f, now=now, day_end=day_end)

        body = await run_in_threadpool(run)
    else:

        def work(session: Session, user: User) -> bytes:
            # built from typed columns, written once (equal to the model's JSON)
            return worklist_page_json(session, user, f, now=now, day_end=day_end)

        body = await in_one_hop(request, token, work, read_only=True)
    return Response(body, media_type="application/json")
