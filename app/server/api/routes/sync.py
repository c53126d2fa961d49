"""GET /sync/changes (pull by cursor) and POST /sync/push (batch of ops), DESIGN.md §4."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from sqlalchemy.orm import Session

from app.protocol.common import ErrorResponse
from app.protocol.sync import (
    MAX_PULL_LIMIT,
    MAX_PUSH_BATCH,
    ChangesResponse,
    PushRequest,
    PushResponse,
)
from app.server.api.bodies import AuthenticatedCaller, AuthFirstRoute
from app.server.api.deps import BearerToken, SettingsDep, in_one_hop
from app.server.errors import ApiError
from app.server.models import User
from app.server.services.feed import pull_changes_json
from app.server.services.ops import business_today
from app.server.services.push import apply_ops

# POST /sync/push: the token is checked before the body is read, and the body is capped
# (Settings.push_max_body_bytes) before it is parsed: see api/bodies.py
router = APIRouter(prefix="/sync", tags=["sync"], route_class=AuthFirstRoute)


@router.get(
    "/changes",
    response_model=ChangesResponse,
    responses={
        410: {
            "model": ErrorResponse,
            "description": "cursor_expired (details.resync = true): the cursor is unknown or "
            "malformed, from another server, database or user, or older than the change log "
            "keeps (change_log_retention_days); pull again without a cursor (full sync)",
        }
    },
)
async def changes(
    request: Request,
    token: BearerToken,
    settings: SettingsDep,
    cursor: Annotated[str | None, Query(max_length=512)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PULL_LIMIT)] = 200,
) -> Response:
    """Changes visible to the caller after `cursor` (empty: full sync), one page."""
    today = business_today(settings)

    def work(session: Session, user: User) -> bytes:
        return pull_changes_json(session, user, cursor=cursor, limit=limit, today=today)

    # built from stored (validated) rows, written once (response_model documents it)
    return Response(
        await in_one_hop(request, token, work, read_only=True), media_type="application/json"
    )


async def _limit_batch(request: Request) -> None:
    """Refuse a batch of too many ops before validating them (413, nothing processed). The
    body is already parsed (FastAPI caches it on the request); its size is capped."""
    try:
        body = await request.json()
    except ValueError:
        return  # the body validator reports it
    ops = body.get("ops") if isinstance(body, dict) else None
    if isinstance(ops, list) and len(ops) > MAX_PUSH_BATCH:
        raise ApiError(
            413,
            "batch_too_large",
            f"at most {MAX_PUSH_BATCH} ops per push",
            {"max_ops": MAX_PUSH_BATCH, "ops": len(ops)},
        )


@router.post(
    "/push",
    response_model=PushResponse,
    dependencies=[Depends(_limit_batch)],
    responses={
        413: {
            "model": ErrorResponse,
            "description": "payload_too_large (the body passes the byte cap) or "
            "batch_too_large (more than MAX_PUSH_BATCH ops)",
        }
    },
)
def push(
    body: PushRequest, request: Request, user: AuthenticatedCaller, settings: SettingsDep
) -> PushResponse:
    """Apply the batch in one transaction, each op in its own savepoint; per op applied /
    duplicate / rejected. Answered only after the COMMIT; a failed COMMIT answers 5xx."""
    factory = request.app.state.session_factory
    return PushResponse(results=apply_ops(factory, user, list(body.ops), settings))
