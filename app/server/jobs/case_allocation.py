"""Set-based allocation of unassigned cases to agents: by team (from the bucket), then load.

Each bucket is worked by one team (`bucket_teams`, by team name; buckets without a team
present in the database go to the lowest-id team). Inside a team, unassigned cases are
ranked by priority (highest first) and dealt round-robin to the team's active agents
ordered by their current load (fewest open cases first), so the least loaded agents get
the most urgent cases and the load evens out. One INSERT ... SELECT computes every
assignment; one UPDATE ... FROM applies it; the change log records each as an 'assign'.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import Integer, column, null, select, table, text
from sqlalchemy.sql.elements import Cast

from app.server.changes import record_reassignments_sql
from app.server.jobs.sqlkit import SqlRunner

DEFAULT_BUCKET_TEAMS: Mapping[str, str] = {
    "M1": "team-early",
    "M2": "team-mid",
    "M3": "team-mid",
    "M3+": "team-late",
}


def allocate_cases(
    run: SqlRunner,
    *,
    now: datetime,
    bucket_teams: Mapping[str, str] = DEFAULT_BUCKET_TEAMS,
    buckets: tuple[str, ...] = ("M0", "M1", "M2", "M3", "M3+"),
) -> int:
    """Assign every active unassigned case to an agent; returns the number assigned."""
    teams = dict(run.execute("SELECT name, id FROM teams ORDER BY id").all())
    if not teams:
        return 0
    default_team = min(teams.values())
    run.create_temp("team_map", "bucket VARCHAR(8) PRIMARY KEY, team_id INTEGER NOT NULL")
    rows = [{"b": b, "t": teams.get(bucket_teams.get(b, ""), default_team)} for b in buckets]
    run.session.execute(
        text("INSERT INTO team_map (bucket, team_id) VALUES (:b, :t)"),
        rows,
    )
    run.temp_table(
        "agent_slots",
        "SELECT a.id AS user_id, a.team_id, ROW_NUMBER() OVER ("
        " PARTITION BY a.team_id ORDER BY COALESCE(ld.n, 0), a.id) - 1 AS slot,"
        " COUNT(*) OVER (PARTITION BY a.team_id) AS agents"
        " FROM users a LEFT JOIN (SELECT assigned_to_id, COUNT(*) AS n FROM cases"
        "  WHERE status <> 'closed' AND assigned_to_id IS NOT NULL GROUP BY assigned_to_id) ld"
        " ON ld.assigned_to_id = a.id"
        " WHERE a.role = 'agent' AND a.active = TRUE AND a.team_id IS NOT NULL",
    )
    n = run.temp_table(
        "new_assign",
        "SELECT q.case_id, s.user_id, s.team_id FROM ("
        " SELECT c.id AS case_id, m.team_id, ROW_NUMBER() OVER ("
        "  PARTITION BY m.team_id ORDER BY c.priority DESC, c.id) - 1 AS rn"
        " FROM cases c JOIN team_map m ON m.bucket = c.bucket"
        " WHERE c.status <> 'closed' AND c.assigned_to_id IS NULL) q"
        " JOIN agent_slots s ON s.team_id = q.team_id AND s.slot = q.rn % s.agents",
    )
    if n == 0:
        return 0
    na = table("new_assign", column("case_id"), column("user_id"), column("team_id"))
    record_reassignments_sql(
        run.session,
        select(na.c.case_id, _null(), _null(), na.c.user_id, na.c.team_id),
    )
    run.execute(
        "UPDATE cases SET assigned_to_id = a.user_id, team_id = a.team_id, assigned_at = :now,"
        " updated_at = :now FROM new_assign a WHERE cases.id = a.case_id",
        {"now": now},
    )
    run.execute(
        "INSERT INTO case_assignments (case_id, user_id, team_id, assigned_at)"
        " SELECT case_id, user_id, team_id, :now FROM new_assign",
        {"now": now},
    )
    return n


def _null() -> Cast[int]:
    return null().cast(Integer)
