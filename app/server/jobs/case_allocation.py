"""Set-based allocation of cases to agents: by team (from the bucket), then load.

Each bucket is worked by one team (`bucket_teams`, by team name; buckets without a team
present in the database go to the first team by name). Dealt are the unassigned open cases
and the cases that rolled into a bucket another team works (`rolled`: the overdue run's
cases whose bucket changed today; a case whose new team has no active agent stays where it
is). A case that did not roll keeps its holder, so a lead's or an admin's manual assignment
stands until the case changes bucket. Inside a team, the cases are ranked by priority
(highest first) and dealt round-robin to the team's active agents who are not on leave,
ordered by their current load (fewest open cases first), so the least loaded agents get
the most urgent cases and the load evens out. One INSERT ... SELECT computes every assignment; one UPDATE ... FROM
applies it; the previous holder's assignment is ended; the change log records each as an
'assign' from the previous holder (whose desk drops the case) to the new one.

Deterministic: the same book on the same date is dealt the same way on every database that
holds it (a rerun, a replica, a restored copy). Ties are broken by business keys only —
cases of equal priority by their loan's contract number, agents of equal load by username,
teams by name — never by generated ids (case ids are random UUIDs drawn by each database).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import Integer, column, select, table, text

from app.server.changes import record_reassignments_sql
from app.server.jobs.sqlkit import SqlRunner

DEFAULT_BUCKET_TEAMS: Mapping[str, str] = {
    "M0": "team-early",  # care calls on current high-risk loans (app/server/risk/care_calls)
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
    rolled: str | None = None,
) -> dict[str, int]:
    """Assign every open unassigned case, and every case of `rolled` (a SELECT of case ids)
    held by another team than its bucket's, to an agent of its bucket's team. Returns
    {"cases_assigned": n, "cases_handed_over": of which had a holder before}."""
    teams = dict(run.execute("SELECT name, id FROM teams ORDER BY name").all())
    if not teams:
        return {"cases_assigned": 0, "cases_handed_over": 0}
    default_team = teams[min(teams)]
    # business keys compare by code point on both backends (PostgreSQL's default collation
    # depends on the server's locale)
    bytewise = ' COLLATE "C"' if run.dialect.pg else ""
    run.create_temp("team_map", "bucket VARCHAR(8) PRIMARY KEY, team_id INTEGER NOT NULL")
    rows = [{"b": b, "t": teams.get(bucket_teams.get(b, ""), default_team)} for b in buckets]
    run.session.execute(
        text("INSERT INTO team_map (bucket, team_id) VALUES (:b, :t)"),
        rows,
    )
    run.temp_table(
        "agent_slots",
        "SELECT a.id AS user_id, a.team_id, ROW_NUMBER() OVER ("
        f" PARTITION BY a.team_id ORDER BY COALESCE(ld.n, 0), a.username{bytewise}) - 1 AS slot,"
        " COUNT(*) OVER (PARTITION BY a.team_id) AS agents"
        " FROM users a LEFT JOIN (SELECT assigned_to_id, COUNT(*) AS n FROM cases"
        "  WHERE status <> 'closed' AND assigned_to_id IS NOT NULL GROUP BY assigned_to_id) ld"
        " ON ld.assigned_to_id = a.id"
        " WHERE a.role = 'agent' AND a.active = TRUE AND a.on_leave = FALSE"
        " AND a.team_id IS NOT NULL",
    )
    handover = ""
    if rolled:
        handover = (
            f" OR (c.id IN ({rolled}) AND (c.team_id IS NULL OR c.team_id <> m.team_id)"
            " AND EXISTS (SELECT 1 FROM agent_slots x WHERE x.team_id = m.team_id))"
        )
    n = run.temp_table(
        "new_assign",
        "SELECT q.case_id, q.from_user_id, q.from_team_id, s.user_id, s.team_id FROM ("
        " SELECT c.id AS case_id, c.assigned_to_id AS from_user_id, c.team_id AS from_team_id,"
        "  m.team_id, ROW_NUMBER() OVER ("
        f"  PARTITION BY m.team_id ORDER BY c.priority DESC, l.contract_no{bytewise}) - 1 AS rn"
        " FROM cases c JOIN team_map m ON m.bucket = c.bucket JOIN loans l ON l.id = c.loan_id"
        f" WHERE c.status <> 'closed' AND (c.assigned_to_id IS NULL{handover})) q"
        " JOIN agent_slots s ON s.team_id = q.team_id AND s.slot = q.rn % s.agents",
    )
    if n == 0:
        return {"cases_assigned": 0, "cases_handed_over": 0}
    na = table(
        "new_assign",
        column("case_id"),
        column("from_user_id"),
        column("from_team_id"),
        column("user_id"),
        column("team_id"),
    )
    record_reassignments_sql(
        run.session,
        select(
            na.c.case_id,
            na.c.from_user_id.cast(Integer),
            na.c.from_team_id.cast(Integer),
            na.c.user_id,
            na.c.team_id,
        ),
    )
    run.execute(
        "UPDATE case_assignments SET ended_at = :now WHERE ended_at IS NULL"
        " AND case_id IN (SELECT case_id FROM new_assign WHERE from_user_id IS NOT NULL)",
        {"now": now},
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
    moved = run.execute(
        "SELECT COUNT(*) FROM new_assign WHERE from_user_id IS NOT NULL"
    ).scalar_one()
    return {"cases_assigned": n, "cases_handed_over": int(moved)}
