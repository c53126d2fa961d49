"""GET /health: liveness + database reachability, no auth."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from sqlalchemy import text

from app.protocol.common import ApiModel
from app.server.api.deps import SessionDep
from app.server.migrate import head_revision

router = APIRouter(tags=["health"])


class HealthResponse(ApiModel):
    status: Literal["ok"]
    database: Literal["ok"]
    schema_revision: str


@router.get("/health", response_model=HealthResponse)
def health(session: SessionDep) -> HealthResponse:
    session.execute(text("SELECT 1"))
    return HealthResponse(status="ok", database="ok", schema_revision=head_revision())
