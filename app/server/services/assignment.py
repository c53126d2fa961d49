"""Assigning a case to an agent: the one place that updates assignment, its history and the
change log (the feed tombstones the case for the previous holder, sends it to the new one).

The reassign service uses this; the daily allocation (jobs/case_allocation.py) does the same
set-based: it inserts `case_assignments` rows and calls `changes.record_reassignments_sql`.
"""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.orm import Session

from app.server.changes import record_change
from app.server.models import Case, CaseAssignment, User, utcnow


def assign_case(
    session: Session,
    case: Case,
    *,
    to_user: User | None,
    to_team_id: int | None = None,
    by: User | None = None,
) -> None:
    """Assign `case` to `to_user` (team defaults to the user's team); no-op when unchanged."""
    team_id = to_team_id if to_team_id is not None else (to_user.team_id if to_user else None)
    new_user_id = to_user.id if to_user else None
    if case.assigned_to_id == new_user_id and case.team_id == team_id:
        return
    now = utcnow()
    from_user_id, from_team_id = case.assigned_to_id, case.team_id
    if from_user_id is not None:
        session.execute(
            update(CaseAssignment)
            .where(
                CaseAssignment.case_id == case.id,
                CaseAssignment.user_id == from_user_id,
                CaseAssignment.ended_at.is_(None),
            )
            .values(ended_at=now)
            .execution_options(synchronize_session=False)
        )
    case.assigned_to_id = new_user_id
    case.team_id = team_id
    case.assigned_at = now if new_user_id else None
    if new_user_id is not None:
        session.add(
            CaseAssignment(
                case_id=case.id,
                user_id=new_user_id,
                team_id=team_id,
                assigned_at=now,
                assigned_by_id=by.id if by else None,
            )
        )
    record_change(
        session,
        entity="case",
        entity_id=case.id,
        case_id=case.id,
        kind="assign",
        from_user_id=from_user_id,
        from_team_id=from_team_id,
        to_user_id=new_user_id,
        to_team_id=team_id,
    )
