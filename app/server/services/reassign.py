"""Reassigning cases: one, many, or every active case of an agent.

Team lead: cases of their own team, to an agent of their own team; admin: anywhere (the case
moves to the target agent's team). Anything outside the caller's scope is 'not found' and
nothing moves (all-or-nothing). Each moved case is audited and recorded in the change log
with from/to so the old holder's feed gets a tombstone (app.server.services.assignment).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.protocol.desk import ReassignRequest, ReassignResult
from app.server.audit import audit
from app.server.errors import ApiError, not_found
from app.server.models import Case, User
from app.server.scope import manages_user, visible_cases_clause
from app.server.services.assignment import assign_case
from app.server.services.worklist import ACTIVE_STATUSES


def _user_in_scope(session: Session, caller: User, username: str, what: str) -> User:
    target = session.execute(select(User).where(User.username == username)).scalar_one_or_none()
    if target is None:
        raise not_found(what)
    if not manages_user(caller, user_id=target.id, team_id=target.team_id):
        raise not_found(what)
    return target


def _cases(session: Session, caller: User, req: ReassignRequest) -> list[Case]:
    scope = visible_cases_clause(caller)
    if req.case_ids is not None:
        ids = sorted({str(i) for i in req.case_ids})
        rows = list(
            session.scalars(
                select(Case).where(Case.id.in_(ids), scope).order_by(Case.id).with_for_update()
            )
        )
        if len(rows) != len(ids):
            missing = sorted(set(ids) - {c.id for c in rows})
            raise ApiError(404, "not_found", "case not found", {"case_ids": missing[:20]})
        return rows
    assert req.from_agent is not None
    source = _user_in_scope(session, caller, req.from_agent, "agent")
    return list(
        session.scalars(
            select(Case)
            .where(
                Case.assigned_to_id == source.id,
                Case.status.in_(ACTIVE_STATUSES),
                scope,
            )
            .order_by(Case.id)
            .with_for_update()
        )
    )


def reassign(session: Session, caller: User, req: ReassignRequest) -> ReassignResult:
    """Move the selected cases to `req.to_agent`; the caller is team_lead or admin."""
    target = _user_in_scope(session, caller, req.to_agent, "agent")
    if target.role != "agent" or not target.active:
        raise ApiError(422, "invalid_target", "cases can only be assigned to an active agent")
    if target.team_id is None:
        raise ApiError(422, "invalid_target", "the agent has no team")
    if target.on_leave:
        raise ApiError(422, "invalid_target", "the agent is on leave")
    cases = _cases(session, caller, req)
    moved: list[str] = []
    for case in cases:
        if case.status == "closed":
            raise ApiError(409, "case_closed", "a closed case cannot be reassigned")
        if case.assigned_to_id == target.id and case.team_id == target.team_id:
            continue
        from_user, from_team = case.assigned_to_id, case.team_id
        assign_case(session, case, to_user=target, by=caller)
        audit(
            session,
            actor=caller,
            action="case.reassign",
            entity="case",
            entity_id=case.id,
            details={
                "from_user_id": from_user,
                "from_team_id": from_team,
                "to_user": target.username,
                "to_team_id": target.team_id,
                "reason": req.reason,
            },
        )
        moved.append(case.id)
    session.commit()
    return ReassignResult(
        to_agent=target.username,
        moved=len(moved),
        unchanged=len(cases) - len(moved),
        case_ids=moved,
    )
