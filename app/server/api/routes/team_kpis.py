"""The approval queue and the KPI dashboard of the team console."""

from __future__ import annotations

from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Query

from app.protocol.team import ApprovalQuery, ApprovalQueue, Dashboard, DashboardQuery
from app.server.api.deps import LeadUser, SessionDep, SettingsDep
from app.server.services.approval_queue import approval_queue
from app.server.services.clock import business_now
from app.server.services.dashboard import dashboard
from app.server.services.team_scope import resolve_team
from app.server.services.uow import released

router = APIRouter(prefix="/team", tags=["team"])


@router.get("/approvals", response_model=ApprovalQueue)
def get_approvals(
    q: Annotated[ApprovalQuery, Query()],
    user: LeadUser,
    session: SessionDep,
    settings: SettingsDep,
) -> ApprovalQueue:
    """Plans pending approval on the team's cases, oldest first, each with the calculator's
    figures on today's arrears, every rule it exceeds (zh and en) and whether the caller may
    approve it. Decide with POST /plans/{plan_id}/approve or /reject."""
    _, today = business_now(settings)
    with released(session):
        team = resolve_team(session, user, q.team)
        return approval_queue(session, user, team, today=today, limit=q.limit, offset=q.offset)


@router.get("/dashboard", response_model=Dashboard)
def get_dashboard(
    q: Annotated[DashboardQuery, Query()],
    user: LeadUser,
    session: SessionDep,
    settings: SettingsDep,
) -> Dashboard:
    """Contact, right-party, PTP and PTP-kept rates, amount collected, cure and roll rates,
    by agent, by bucket and in total, for today / this week / this month."""
    _, today = business_now(settings)
    with released(session):
        team = resolve_team(session, user, q.team)
        return dashboard(
            session, team, period=q.period, today=today, tz=ZoneInfo(settings.lender_timezone)
        )
