"""The daily snapshot of the case book (table `case_snapshots`), last step of the overdue run.

For the run's business date D: one row per active collection case (open or recovery; a
care call on a current loan is not collection work and stays out of the KPIs) with its team,
holder, bucket, DPD, overdue total and the loan's outstanding principal, as the run left
them. Set-based and idempotent for a date: rows of D that no longer match their case are
deleted, missing rows are inserted, so a second run of the same date writes nothing. A case
cured on D has no row for D (it was not open at the end of D), which is what the KPIs mean
by "open at the start of the next day".
"""

from __future__ import annotations

from datetime import date

from app.server.jobs.sqlkit import SqlRunner

_CURRENT = (
    "SELECT c.id AS case_id, c.loan_id, c.status, c.team_id, c.assigned_to_id, c.bucket,"
    " c.dpd, c.overdue_total, l.outstanding_principal"
    " FROM cases c JOIN loans l ON l.id = c.loan_id WHERE c.status <> 'closed'"
    " AND c.kind = 'collection'"
)
_SAME = (
    "{t}.case_id = n.case_id AND {t}.loan_id = n.loan_id AND {t}.status = n.status"
    " AND {t}.team_id IS NOT DISTINCT FROM n.team_id"
    " AND {t}.assigned_to_id IS NOT DISTINCT FROM n.assigned_to_id"
    " AND {t}.bucket = n.bucket AND {t}.dpd = n.dpd AND {t}.overdue_total = n.overdue_total"
    " AND {t}.outstanding_principal = n.outstanding_principal"
)


def write_snapshot(run: SqlRunner, *, business_date: date) -> int:
    """Bring the snapshot of `business_date` in line with the active cases; returns the
    number of rows written (0 when it already matched)."""
    same = _SAME if run.dialect.pg else _SAME.replace("IS NOT DISTINCT FROM", "IS")
    run.temp_table("snap_now", _CURRENT)
    run.execute(
        "DELETE FROM case_snapshots WHERE snap_date = :d AND NOT EXISTS ("
        f" SELECT 1 FROM snap_now n WHERE {same.format(t='case_snapshots')})",
        {"d": business_date},
    )
    return run.rowcount(
        "INSERT INTO case_snapshots (snap_date, case_id, loan_id, status, team_id,"
        " assigned_to_id, bucket, dpd, overdue_total, outstanding_principal)"
        " SELECT :d, n.case_id, n.loan_id, n.status, n.team_id, n.assigned_to_id, n.bucket,"
        " n.dpd, n.overdue_total, n.outstanding_principal FROM snap_now n"
        " WHERE NOT EXISTS (SELECT 1 FROM case_snapshots s"
        " WHERE s.snap_date = :d AND s.case_id = n.case_id)",
        {"d": business_date},
    )
