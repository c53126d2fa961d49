"""Backfilled history for the demo book: the daily case snapshots (and the cases that were
opened and cured) of the days before the demo's business date, so the dashboard's cure and
roll rates have a start of period to compare with.

A demo fixture, set-based like the jobs: the book is generated as of its business date D
and the overdue run opens the cases on D, but each installment's due date and the date it
was fully paid are known, so the delinquency of every loan on each earlier day d follows:
an installment is overdue on d when due_date < d < paid_on (or it is still unpaid); DPD is
d minus the oldest such due date. Per loan, the runs of consecutive delinquent days are its
episodes: the last one is the case the overdue run opened (its `opened_on` moves back to
the episode's start); an earlier one is the closed case the generator built for it
(app.server.demo.history), or else becomes a closed (cured) case, opened when the episode
started and closed the day after it ended. Each day of each episode gets a snapshot row.
Holder on day d: the case's holder when its bucket then was worked by the same team as
now, else an agent of the team that worked that bucket (dealt evenly, deterministically).
Simplification (stated, demo only): a day's balance is the loan's current outstanding
principal, and only the backfilled window (`days`) is reconstructed.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.domain.delinquency import DEFAULT_BUCKETS
from app.server.jobs.case_allocation import DEFAULT_BUCKET_TEAMS
from app.server.jobs.case_display import DISPLAY_COLUMNS, display_values
from app.server.jobs.cases_sql import _uuid
from app.server.jobs.delinquency_sql import bucket_case_sql
from app.server.jobs.sqlkit import SqlRunner

DEFAULT_DAYS = 62


def backfill_history(
    session: Session,
    *,
    today: date,
    days: int = DEFAULT_DAYS,
    bucket_teams: Mapping[str, str] = DEFAULT_BUCKET_TEAMS,
) -> dict[str, int]:
    """Write the snapshots of the `days` days before `today` (and the cases cured in them);
    commits. Returns counts."""
    run = SqlRunner(session)
    d = run.dialect
    first, last = today - timedelta(days=days), today - timedelta(days=1)
    run.create_temp("hist_dates", "d DATE PRIMARY KEY, k INTEGER NOT NULL")
    session.execute(
        text("INSERT INTO hist_dates (d, k) VALUES (:d, :k)").bindparams(),
        [{"d": first + timedelta(days=k), "k": k} for k in range(days)],
    )
    teams = dict(run.execute("SELECT name, id FROM teams").all())
    run.create_temp("hist_team_map", "bucket VARCHAR(8) PRIMARY KEY, team_id INTEGER")
    session.execute(
        text("INSERT INTO hist_team_map (bucket, team_id) VALUES (:b, :t)"),
        [{"b": b, "t": teams.get(bucket_teams.get(b, ""))} for b in DEFAULT_BUCKETS.labels],
    )
    late = d.days("i.paid_on", "i.due_date")
    run.temp_table(
        "hist_inst",
        "SELECT i.loan_id, i.due_date, i.paid_on, i.principal + i.interest - i.paid_principal"
        " - i.paid_interest AS unpaid, i.principal + i.interest AS amount FROM installments i"
        " WHERE i.due_date < :last AND (i.paid_on IS NULL OR (i.paid_on > :first"
        f" AND {late} >= 2))",
        {"first": first, "last": last},
    )
    dpd = d.days("x.d", "x.oldest")
    run.temp_table(
        "hist_day",
        "SELECT x.loan_id, x.d, x.k, x.overdue, x.oldest, "
        f"{dpd} AS dpd, {bucket_case_sql(dpd)} AS bucket,"
        " x.k - ROW_NUMBER() OVER (PARTITION BY x.loan_id ORDER BY x.d) AS island FROM ("
        " SELECT h.loan_id, t.d, t.k, MIN(h.due_date) AS oldest,"
        "  SUM(CASE WHEN h.paid_on IS NULL THEN h.unpaid ELSE h.amount END) AS overdue"
        " FROM hist_inst h JOIN hist_dates t ON h.due_date < t.d"
        " AND (h.paid_on IS NULL OR h.paid_on > t.d) GROUP BY h.loan_id, t.d, t.k) x",
    )
    run.temp_table(
        "hist_ep",
        "SELECT e.*, ROW_NUMBER() OVER (PARTITION BY e.loan_id ORDER BY e.first_k DESC)"
        " AS recent FROM (SELECT y.loan_id, y.island, MIN(y.k) AS first_k, MAX(y.k) AS last_k,"
        " MIN(y.d) AS first_d, MAX(y.d) AS last_d, MIN(y.oldest) AS oldest FROM hist_day y"
        " GROUP BY y.loan_id, y.island) e",
    )
    # the latest episode of a loan belongs to its open case when it lasts to the window's
    # last day (the demo's runs open at most one case per loan; an episode that ended before
    # is a cured one, even when the loan fell overdue again on the business date)
    run.temp_table(
        "hist_case",
        "SELECT e.loan_id, e.island, c.id AS case_id, 0 AS new_case FROM hist_ep e"
        " JOIN (SELECT loan_id, MAX(id) AS id FROM cases WHERE status <> 'closed'"
        " GROUP BY loan_id) c ON c.loan_id = e.loan_id WHERE e.recent = 1 AND e.last_d = :last",
        {"last": last},
    )
    # an earlier episode the generator already built as a closed case (app.server.demo.
    # history: past spells with their calls and promises) keeps that case
    run.execute(
        "INSERT INTO hist_case (loan_id, island, case_id, new_case)"
        " SELECT e.loan_id, e.island, MIN(c.id), 2 FROM hist_ep e"
        " JOIN cases c ON c.loan_id = e.loan_id AND c.status = 'closed'"
        " AND c.opened_on <= e.last_d AND c.closed_on > e.first_d"
        " LEFT JOIN hist_case h ON h.loan_id = e.loan_id AND h.island = e.island"
        " WHERE h.loan_id IS NULL GROUP BY e.loan_id, e.island"
    )
    run.execute(
        "INSERT INTO hist_case (loan_id, island, case_id, new_case)"
        f" SELECT e.loan_id, e.island, {_uuid(run)}, 1 FROM hist_ep e LEFT JOIN hist_case h"
        " ON h.loan_id = e.loan_id AND h.island = e.island WHERE h.loan_id IS NULL"
    )
    opened = d.add_days("e.oldest", 1)  # the day its DPD was 1
    cured = run.rowcount(
        "INSERT INTO cases (id, loan_id, borrower_id, status, dpd, bucket, overdue_principal,"
        " overdue_interest, overdue_penalty, overdue_fees, overdue_total, priority, flags,"
        " debtor_unreachable, opened_on, closed_on, next_action_kind, version, created_at,"
        f" updated_at, {', '.join(DISPLAY_COLUMNS)})"
        " SELECT h.case_id, l.id, l.borrower_id, 'closed', 0, 'M0', 0, 0, 0, 0, 0, 0, '[]',"
        f" FALSE, {opened}, {d.add_days('e.last_d', 1)}, 'none', 0, :now, :now, "
        + ", ".join(display_values(loan="l.id", borrower="l.borrower_id"))
        + " FROM hist_case h JOIN hist_ep e ON e.loan_id = h.loan_id AND e.island = h.island"
        " JOIN loans l ON l.id = h.loan_id WHERE h.new_case = 1",
        {"now": run.now},
    )
    # the open case began with its episode (not on the day the demo's first run opened it)
    # (UPDATE ... FROM, set-based: a correlated sub-select per case over the unindexed
    # temp tables ran for minutes on the 200,000-loan book)
    run.execute(
        f"UPDATE cases SET opened_on = x.opened FROM (SELECT h.case_id, {opened} AS opened"
        " FROM hist_case h JOIN hist_ep e ON e.loan_id = h.loan_id AND e.island = h.island"
        " WHERE h.new_case = 0) x WHERE cases.id = x.case_id"
    )
    # holders: the case's own while its bucket was worked by its current team, else an agent
    # of the team that worked that bucket, dealt evenly per (case, team)
    run.temp_table(
        "hist_slots",
        "SELECT a.id AS user_id, a.team_id, ROW_NUMBER() OVER (PARTITION BY a.team_id"
        " ORDER BY a.id) - 1 AS slot, COUNT(*) OVER (PARTITION BY a.team_id) AS agents"
        " FROM users a WHERE a.role = 'agent' AND a.active = TRUE AND a.team_id IS NOT NULL",
    )
    run.temp_table(
        "hist_row",
        "SELECT y.d, h.case_id, y.loan_id, y.bucket, y.dpd, y.overdue, m.team_id AS day_team,"
        " c.team_id AS case_team, c.assigned_to_id AS case_holder,"
        " CASE WHEN l.written_off = TRUE THEN 'recovery' ELSE 'open' END AS status,"
        " l.outstanding_principal FROM hist_day y"
        " JOIN hist_case h ON h.loan_id = y.loan_id AND h.island = y.island"
        " JOIN cases c ON c.id = h.case_id JOIN loans l ON l.id = y.loan_id"
        " LEFT JOIN hist_team_map m ON m.bucket = y.bucket",
    )
    run.temp_table(
        "hist_deal",
        "SELECT p.case_id, p.day_team, s.user_id FROM (SELECT q.case_id, q.day_team,"
        " ROW_NUMBER() OVER (PARTITION BY q.day_team ORDER BY q.case_id) - 1 AS rn FROM"
        " (SELECT DISTINCT r.case_id, r.day_team FROM hist_row r WHERE r.day_team IS NOT NULL"
        " AND (r.case_holder IS NULL OR r.case_team IS NULL OR r.case_team <> r.day_team)) q) p"
        " JOIN hist_slots s ON s.team_id = p.day_team AND s.slot = p.rn % s.agents",
    )
    # in date order, as the daily runs write them: a day's rows sit together on disk (read
    # scattered, the baseline of the 200,000-loan book touched 17,500 pages for 20,000 rows)
    rows = run.rowcount(
        "INSERT INTO case_snapshots (snap_date, case_id, loan_id, status, team_id,"
        " assigned_to_id, bucket, dpd, overdue_total, outstanding_principal)"
        " SELECT r.d, r.case_id, r.loan_id, r.status,"
        " CASE WHEN x.user_id IS NULL THEN r.case_team ELSE r.day_team END,"
        " CASE WHEN x.user_id IS NULL THEN r.case_holder ELSE x.user_id END,"
        " r.bucket, r.dpd, r.overdue, r.outstanding_principal FROM hist_row r"
        " LEFT JOIN hist_deal x ON x.case_id = r.case_id AND x.day_team = r.day_team"
        " WHERE NOT EXISTS (SELECT 1 FROM case_snapshots s WHERE s.snap_date = r.d"
        " AND s.case_id = r.case_id) ORDER BY r.d, r.case_id",
    )
    # who held the cured cases, and the earlier holders of the open ones
    run.execute(
        "INSERT INTO case_assignments (case_id, user_id, team_id, assigned_at, ended_at)"
        " SELECT s.case_id, s.assigned_to_id, MIN(s.team_id), MIN(s.snap_date),"
        f" MAX({d.add_days('s.snap_date', 1)}) FROM case_snapshots s"
        " JOIN hist_case h ON h.case_id = s.case_id JOIN cases c ON c.id = s.case_id"
        " WHERE s.snap_date < :today AND s.assigned_to_id IS NOT NULL"
        " AND (c.assigned_to_id IS NULL OR s.assigned_to_id <> c.assigned_to_id)"
        " GROUP BY s.case_id, s.assigned_to_id",
        {"today": today},
    )
    run.drop_all()
    session.commit()
    return {"history_snapshots": rows, "history_cured_cases": cured}
