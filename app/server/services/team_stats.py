"""Per-agent load for team leads: open cases, overdue amount, broken promises, what is due,
contacts recorded today, and whether the agent is on leave."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from app.protocol.desk import AgentLoad, TeamAgents
from app.server.models import Callback, Case, ContactAttempt, Promise, Team, User
from app.server.scope import managed_users_clause
from app.server.services.team_scope import resolve_team
from app.server.services.worklist import ACTIVE_STATUSES


def team_agents(
    session: Session,
    user: User,
    *,
    team: str | None,
    now: datetime,
    today: date,
    day_start: datetime | None = None,
) -> TeamAgents:
    """Lead: their team's agents (asking for another team is 'not found'); admin: any team
    or all agents."""
    team_id = resolve_team(session, user, team).team_id
    agents_q = (
        select(User.id, User.username, User.display_name, Team.name, User.on_leave)
        .outerjoin(Team, Team.id == User.team_id)
        .where(User.role == "agent", User.active.is_(True), managed_users_clause(user))
    )
    if team_id is not None:
        agents_q = agents_q.where(User.team_id == team_id)
    agents = session.execute(agents_q.order_by(User.username)).all()
    ids = [a[0] for a in agents]
    if not ids:
        return TeamAgents(agents=[])
    active = Case.status.in_(ACTIVE_STATUSES)
    load = {
        r[0]: (int(r[1]), int(r[2] or 0), int(r[3] or 0))
        for r in session.execute(
            select(
                Case.assigned_to_id,
                func.count(),
                func.sum(Case.overdue_total),
                func.sum(case((Case.next_action_kind == "broken_promise", 1), else_=0)),
            )
            .where(Case.assigned_to_id.in_(ids), active)
            .group_by(Case.assigned_to_id)
        ).all()
    }
    promises = dict(
        session.execute(
            select(Case.assigned_to_id, func.count())
            .select_from(Promise)
            .join(Case, Case.id == Promise.case_id)
            .where(
                Case.assigned_to_id.in_(ids),
                active,
                Promise.status == "pending",
                Promise.promised_on == today,
            )
            .group_by(Case.assigned_to_id)
        ).all()
    )
    callbacks = dict(
        session.execute(
            select(Case.assigned_to_id, func.count())
            .select_from(Callback)
            .join(Case, Case.id == Callback.case_id)
            .where(
                Case.assigned_to_id.in_(ids),
                active,
                Callback.done.is_(False),
                Callback.due_at <= now,
            )
            .group_by(Case.assigned_to_id)
        ).all()
    )
    contacts: dict[int, int] = {}
    if day_start is not None:
        contacts = {
            int(r[0]): int(r[1])
            for r in session.execute(
                select(ContactAttempt.agent_id, func.count())
                .where(ContactAttempt.agent_id.in_(ids), ContactAttempt.started_at >= day_start)
                .group_by(ContactAttempt.agent_id)
            ).all()
        }
    return TeamAgents(
        agents=[
            AgentLoad(
                username=username,
                display_name=display,
                team=team_name,
                open_cases=load.get(uid, (0, 0, 0))[0],
                overdue_total=load.get(uid, (0, 0, 0))[1],
                broken_promises=load.get(uid, (0, 0, 0))[2],
                promises_due_today=int(promises.get(uid, 0)),
                callbacks_due=int(callbacks.get(uid, 0)),
                contacts_today=contacts.get(uid, 0),
                on_leave=bool(on_leave),
            )
            for uid, username, display, team_name, on_leave in agents
        ]
    )
