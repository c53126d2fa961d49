"""The team console's people and cases: each agent's load, agents on leave, the team's cases.

Team lead: their own team (naming another team answers 404); admin: any team, or all.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Path, Query

from app.protocol.desk import TeamAgents, TeamQuery
from app.protocol.team import AgentLeave, LeaveRequest, TeamCasePage, TeamCaseQuery
from app.server.api.deps import LeadUser, SessionDep, SettingsDep
from app.server.services.agent_leave import set_leave
from app.server.services.clock import business_now, end_of_day
from app.server.services.team_cases import TeamCaseFilter, team_cases_page
from app.server.services.team_scope import resolve_team
from app.server.services.team_stats import team_agents
from app.server.services.uow import released

router = APIRouter(prefix="/team", tags=["team"])

Username = Annotated[str, Path(min_length=1, max_length=64)]


@router.get("/agents", response_model=TeamAgents)
def get_team_agents(
    q: Annotated[TeamQuery, Query()], user: LeadUser, session: SessionDep, settings: SettingsDep
) -> TeamAgents:
    """Each agent's open cases, overdue amount, contacts today, promises due today, broken
    promises, callbacks due and on-leave flag."""
    now, today = business_now(settings)
    day_start = end_of_day(settings, today - timedelta(days=1))
    with released(session):
        return team_agents(session, user, team=q.team, now=now, today=today, day_start=day_start)


@router.put("/agents/{username}/leave", response_model=AgentLeave)
def put_agent_leave(
    username: Username, body: LeaveRequest, user: LeadUser, session: SessionDep
) -> AgentLeave:
    """Mark an agent of the caller's team on leave (rule reassignment and the daily
    allocation then give them no cases) or back; audited (`agent.leave` / `agent.return`)."""
    with released(session):
        return set_leave(session, user, username, body)


def case_filter(q: TeamCaseQuery) -> TeamCaseFilter:
    return TeamCaseFilter(
        agent=q.agent,
        unassigned=q.unassigned,
        buckets=tuple(q.bucket),
        status=q.status,
        promise=q.promise,
        search=q.search,
        sort=q.sort,
        order=q.order,
    )


@router.get("/cases", response_model=TeamCasePage)
def get_team_cases(
    q: Annotated[TeamCaseQuery, Query()], user: LeadUser, session: SessionDep
) -> TeamCasePage:
    """Every case of the team with its agent, bucket, DPD, amount, last contact and latest
    promise; filter by agent / bucket / status / promise, search (name, phone digits,
    contract, plate), sort by next action, DPD, amount, name, agent or last contact."""
    with released(session):
        team = resolve_team(session, user, q.team)
        return team_cases_page(session, user, team, case_filter(q), limit=q.limit, offset=q.offset)
