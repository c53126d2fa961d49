"""Marking an agent on leave or back (team lead: agents of their team; admin: any agent).

An agent on leave keeps their cases until the lead reassigns them; rule reassignment
moves their cases away and gives them none, and the daily allocation deals them nothing.
Every change is audited (`agent.leave` / `agent.return`, with the reason); setting the
state the agent is already in changes nothing and writes no audit row.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.protocol.team import AgentLeave, LeaveRequest
from app.server.audit import audit
from app.server.errors import not_found
from app.server.models import User
from app.server.scope import team_in_scope


def set_leave(session: Session, caller: User, username: str, req: LeaveRequest) -> AgentLeave:
    """Set `username`'s on-leave flag; 'not found' for anyone but an agent in scope."""
    agent = session.execute(
        select(User).where(User.username == username).with_for_update(of=User)
    ).scalar_one_or_none()
    if agent is None or agent.role != "agent" or not team_in_scope(caller, agent.team_id):
        raise not_found("agent")
    changed = agent.on_leave != req.on_leave
    if changed:
        agent.on_leave = req.on_leave
        audit(
            session,
            actor=caller,
            action="agent.leave" if req.on_leave else "agent.return",
            entity="user",
            entity_id=agent.username,
            details={"team_id": agent.team_id, "reason": req.reason},
        )
    session.commit()
    return AgentLeave(
        username=agent.username, team=agent.team_name, on_leave=agent.on_leave, changed=changed
    )
