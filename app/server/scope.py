"""Who sees which case: the one scope rule of the server, below the HTTP layer.

- agent: the cases assigned to them;
- team lead: their team's cases;
- admin: every case.

Append-only facts (notes, contact attempts, promises, plans, callbacks) are also accepted
for a case the author held at some point (the work happened; the new assignee sees it).
Routes, services and jobs all ask here; nothing else decides scope. Out of scope and
not existing look the same to callers (`OutOfScope`), so existence is never leaked.
"""

from __future__ import annotations

from typing import Protocol

from sqlalchemy import ColumnElement, SQLColumnExpression, bindparam, exists, false, select, true
from sqlalchemy.orm import Session

from app.server.models import Case, CaseAssignment, User


class Caller(Protocol):
    """What the scope rules read of a caller (a `User` row or the token check's `TokenUser`)."""

    @property
    def id(self) -> int: ...
    @property
    def role(self) -> str: ...
    @property
    def team_id(self) -> int | None: ...


class OutOfScope(LookupError):
    """The case does not exist or the user may not see it (callers answer 'not found')."""


def visible_cases_clause(user: User) -> ColumnElement[bool]:
    """WHERE clause on `Case` for what `user` may see. Use it in every case query."""
    if user.role == "admin":
        return true()
    if user.role == "team_lead":
        if user.team_id is None:
            return false()
        return Case.team_id == user.team_id
    if user.role == "agent":
        return Case.assigned_to_id == user.id
    return false()


def bound_scope(user: Caller) -> tuple[str, dict[str, int | None]]:
    """`visible_cases_clause` for cached statements: the shape of the rule ("all", "team",
    "own" or "none") and its bind values (`scope_team`, `scope_user`)."""
    kind = {"admin": "all", "team_lead": "team", "agent": "own"}.get(user.role, "none")
    if kind == "team" and user.team_id is None:
        kind = "none"
    return kind, {"scope_team": user.team_id, "scope_user": user.id}


def bound_scope_clause(kind: str) -> ColumnElement[bool]:
    """The WHERE clause on `Case` of a `bound_scope` shape, with bind parameters."""
    if kind == "all":
        return true()
    if kind == "team":
        return Case.team_id == bindparam("scope_team")
    if kind == "own":
        return Case.assigned_to_id == bindparam("scope_user")
    return false()


def can_see_case(user: User, case: Case) -> bool:
    """Python twin of `visible_cases_clause` for an already loaded case."""
    if user.role == "admin":
        return True
    if user.role == "team_lead":
        return user.team_id is not None and case.team_id == user.team_id
    return user.role == "agent" and case.assigned_to_id == user.id


def visible_case(session: Session, user: User, case_id: str, *, lock: bool = False) -> Case:
    """The case if `user` can see it now, else `OutOfScope`."""
    case = session.get(Case, str(case_id), with_for_update=lock)
    if case is None or not can_see_case(user, case):
        raise OutOfScope(str(case_id))
    return case


def has_held_case(session: Session, user: User, case: Case) -> bool:
    """True when `user` (or, for a lead, their team) held the case at some point."""
    held = CaseAssignment.case_id == case.id
    if user.role == "team_lead" and user.team_id is not None:
        held &= (CaseAssignment.user_id == user.id) | (CaseAssignment.team_id == user.team_id)
    else:
        held &= CaseAssignment.user_id == user.id
    return bool(session.scalar(select(exists().where(held))))


def fact_case(session: Session, user: User, case_id: str) -> Case:
    """The case if `user` sees it now or held it at some point (append-only facts), else
    `OutOfScope`."""
    case = session.get(Case, str(case_id))
    if case is None:
        raise OutOfScope(str(case_id))
    if can_see_case(user, case) or has_held_case(session, user, case):
        return case
    raise OutOfScope(str(case_id))


def team_in_scope(user: User, team_id: int | None) -> bool:
    """May `user` manage team `team_id` (its agents, cases, queue and numbers)? A team lead
    their own team, an admin any team; agents none."""
    if user.role == "admin":
        return True
    return user.role == "team_lead" and user.team_id is not None and team_id == user.team_id


def manages_user(user: Caller, *, user_id: int | None, team_id: int | None) -> bool:
    """May `user` oversee the person (`user_id`, `team_id`): an admin anyone, a lead the
    members of their own team (a lead without a team nobody), an agent only themself."""
    if user.role == "admin":
        return True
    if user.role == "team_lead":
        return user.team_id is not None and team_id == user.team_id
    return user.role == "agent" and user_id is not None and user_id == user.id


def lost_in_change(user: Caller, *, from_user_id: int | None, from_team_id: int | None) -> bool:
    """Did `user` see a case before an assignment change that took it from `from_user_id`
    of `from_team_id` (an admin always did; a lead when it left their team)?"""
    if user.role == "admin":
        return True
    if user.role == "team_lead":
        return user.team_id is not None and from_team_id == user.team_id
    return from_user_id is not None and from_user_id == user.id


def lost_in_change_clause(
    user: Caller,
    from_user_id: SQLColumnExpression[int | None],
    from_team_id: SQLColumnExpression[int | None],
) -> ColumnElement[bool]:
    """SQL twin of `lost_in_change` over a change row's from-columns (not for admins, who
    lose nothing: the caller handles them)."""
    taken: ColumnElement[bool] = from_user_id == user.id
    if user.role == "team_lead" and user.team_id is not None:
        taken |= from_team_id == user.team_id
    return taken


def managed_users_clause(user: Caller) -> ColumnElement[bool]:
    """WHERE clause on `User` for the people whose work `user` oversees (team lead: the
    members of their team; admin: everyone; agent: nobody)."""
    if user.role == "admin":
        return true()
    if user.role == "team_lead" and user.team_id is not None:
        return User.team_id == user.team_id
    return false()
