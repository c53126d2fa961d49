"""The bucket a case was in when a call was made, recorded on the call attempt when the
server takes it (`contact_attempts.bucket`), so the KPIs count each call in the bucket of
its moment, however the case moves later (DOMAIN.md "KPIs": by-bucket rows add up to the
total; a cured case's calls stay in the bucket it was cured from).

The rule (the same as migration 0015_kpi's backfill of older rows):

- a call of the server's business day on an active case: the case's bucket now (the state
  the last overdue run left, the one the agent's desk showed);
- otherwise (a desk that syncs a call of an earlier day, or a call on a case that has since
  been closed, e.g. cured): the case's bucket in its latest daily snapshot dated on or
  before the call's business date, i.e. the last state the overdue run recorded for it up
  to that day; a cured case's calls thus count in the bucket it was cured from;
- no snapshot on or before that day (a call older than the history): the case's earliest
  snapshot; no snapshot at all (a book without history): the case's bucket now.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.server.jobs.sqlkit import SqlRunner
from app.server.models import Case, CaseSnapshot


def bucket_at_call(
    session: Session, case: Case, started_at: datetime, *, today: date, tz: ZoneInfo
) -> str:
    """The bucket `case` was in when a call started at `started_at` (see module doc)."""
    day = started_at.astimezone(tz).date()
    if case.status != "closed" and day >= today:
        return case.bucket
    of_case = select(CaseSnapshot.bucket).where(CaseSnapshot.case_id == case.id)
    snapped = session.scalar(
        of_case.where(CaseSnapshot.snap_date <= day)
        .order_by(CaseSnapshot.snap_date.desc())
        .limit(1)
    )
    if snapped is None:
        snapped = session.scalar(of_case.order_by(CaseSnapshot.snap_date).limit(1))
    return snapped if snapped is not None else case.bucket


def bucket_at_sql(case_id: str, day: str) -> str:
    """SQL of the rule for rows: the latest snapshot bucket of `case_id` dated on or before
    `day` (a date expression), else its earliest snapshot's (NULL: no history)."""
    of_case = f"SELECT s.bucket FROM case_snapshots s WHERE s.case_id = {case_id}"
    return (
        f"COALESCE(({of_case} AND s.snap_date <= {day} ORDER BY s.snap_date DESC LIMIT 1),"
        f" ({of_case} ORDER BY s.snap_date LIMIT 1))"
    )


def backfill_buckets(run: SqlRunner, *, lender_timezone: str) -> int:
    """Record the bucket of the call attempts that have none (rows written before migration
    0015_kpi, the demo's bulk-loaded history) by the module's rule for a call of an earlier
    day. Set-based; returns the rows set."""
    day = run.dialect.local_date("contact_attempts.started_at")
    snapped = bucket_at_sql("contact_attempts.case_id", day)
    return run.rowcount(
        f"UPDATE contact_attempts SET bucket = COALESCE({snapped},"
        " (SELECT c.bucket FROM cases c WHERE c.id = contact_attempts.case_id))"
        " WHERE bucket IS NULL",
        {"lender_tz": lender_timezone},
    )
