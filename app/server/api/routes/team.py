"""GET /team/agents: each agent's load (team lead: own team; admin: any team or all)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from app.protocol.desk import TeamAgents, TeamQuery
from app.server.api.deps import LeadUser, SessionDep, SettingsDep
from app.server.services.clock import business_now
from app.server.services.team_stats import team_agents
from app.server.services.uow import released

router = APIRouter(prefix="/team", tags=["team"])


@router.get("/agents", response_model=TeamAgents)
def get_team_agents(
    q: Annotated[TeamQuery, Query()], user: LeadUser, session: SessionDep, settings: SettingsDep
) -> TeamAgents:
    now, today = business_now(settings)
    with released(session):
        return team_agents(session, user, team=q.team, now=now, today=today)
