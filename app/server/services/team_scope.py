"""Which team a team-console request is about: the `?team=` parameter checked against the
caller (rules in app.server.scope: a lead manages their own team, an admin any team).

A lead who names another team gets 'not found' (no existence leak); no name means the
lead's own team, or every team for an admin.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.server.errors import ApiError, not_found
from app.server.models import Team, User
from app.server.scope import team_in_scope


@dataclass(frozen=True, slots=True)
class TeamScope:
    """The team a request covers: `team_id` None means every team (admins only)."""

    team_id: int | None
    name: str | None


def resolve_team(session: Session, user: User, team: str | None) -> TeamScope:
    """The team named by `team` (or the caller's own / all), else 'not found'."""
    if team is None:
        if user.role == "admin":
            return TeamScope(None, None)
        if user.team_id is None or not team_in_scope(user, user.team_id):
            raise not_found("team")
        return TeamScope(user.team_id, user.team_name)
    row = session.execute(select(Team.id, Team.name).where(Team.name == team)).first()
    if row is None or not team_in_scope(user, row[0]):
        raise not_found("team")
    return TeamScope(int(row[0]), str(row[1]))


def require_one_team(scope: TeamScope) -> int:
    """The team id of a request that must be about one team (an admin must name it)."""
    if scope.team_id is None:
        raise ApiError(
            422,
            "validation_error",
            "name the team (?team= or body.team)",
            {"errors": [{"loc": ["team"], "msg": "required for an admin", "type": "missing"}]},
        )
    return scope.team_id
