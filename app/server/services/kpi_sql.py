"""The team dashboard's facts, counted in SQL from what was recorded (never a desk's cache).

Four set-based statements per request, each grouped by (agent, bucket) so one pass gives
the by-agent, by-bucket and total figures (services/dashboard.py adds them up and turns
them into rates with app.domain.kpis, so both compute the same numbers). Every fact lands
in exactly one bucket, so the by-bucket rows add up to the total:

- calls (`contact_attempts`) started within the period, by the agent who made them and the
  bucket recorded on the call when the server took it (services/call_bucket.py: the case's
  bucket at the time; a cured case's calls in the bucket it was cured from). Outbound
  calls: attempts, connected (app.domain.kpis.CONNECTED_DISPOSITIONS), right-party
  contacts, and right-party contacts that ended in a promise: the same agent recorded a
  promise on the same case from the call's start to PROMISE_WINDOW after it. Inbound
  calls are counted apart (calls, right-party) and enter none of the rates;
- promises due in the period (`promised_on`), by the agent who took them and the case's
  bucket when they were made (the same rule, from the snapshots): kept and broken
  (pending ones are not judged yet and do not count);
- payments dated in the period on loans that had an active case that day, attributed to the
  case's holder, team and bucket at the start of that day (the previous day's snapshot;
  the day's own snapshot when the case opened that day);
- the cohort of the baseline (the last snapshot before the period): cases open at the start
  by holder and bucket, how many were cured (no longer open in the latest snapshot), their
  balance (the loan's outstanding principal) and the balance now in the next bucket (roll
  rates), "now" being the latest snapshot (the last overdue run).

PostgreSQL: the caller turns JIT off for these statements (dashboard.py): their cost
estimates cross `jit_above_cost`, and compiling them took ~0.8 s of a ~0.5 s query.

Calls and promises count for the agent's team; payments and the cohort for the team that
held the case.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from app.domain.business_day import DEFAULT_LENDER_TIMEZONE
from app.domain.kpis import CONNECTED_DISPOSITIONS
from app.server.jobs.sqlkit import SqlRunner
from app.server.services.call_bucket import bucket_at_sql

PROMISE_WINDOW = timedelta(hours=2)
OUTBOUND = "outbound_call"
CALL_CHANNELS = (OUTBOUND, "inbound_call")
NEXT_BUCKET = {"M1": "M2", "M2": "M3", "M3": "M3+"}


@dataclass(frozen=True, slots=True)
class Window:
    """The period: business dates [start, end] and the instants [start_at, end_at)."""

    start: date
    end: date
    start_at: datetime
    end_at: datetime
    baseline: date | None
    last: date | None = None  # the latest snapshot up to `end` (the book's state now)
    zone: str = DEFAULT_LENDER_TIMEZONE  # the lender's zone (business dates of instants)


Key = tuple[int | None, str]  # (agent id, bucket)


def _in_list(values: tuple[str, ...] | frozenset[str]) -> str:
    return "(" + ", ".join(f"'{v}'" for v in sorted(values)) + ")"  # constants, not input


def _team_of_agent(team_id: int | None, column: str) -> str:
    if team_id is None:
        return ""
    return f" AND {column} IN (SELECT id FROM users WHERE team_id = :team)"


# the bucket recorded on the call when the server took it (services/call_bucket.py); a row
# without one: the case's bucket at the baseline, or its current one
_BUCKET_OF_CALL = "COALESCE(ca.bucket, s.bucket, c.bucket)"


def snapshot_before(run: SqlRunner, day: date, *, inclusive: bool = False) -> date | None:
    """The last snapshot date before `day` (or on it); None: no history yet."""
    op = "<=" if inclusive else "<"
    value = run.execute(
        f"SELECT MAX(snap_date) FROM case_snapshots WHERE snap_date {op} :d", {"d": day}
    ).scalar_one()
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def calls(run: SqlRunner, w: Window, team_id: int | None) -> dict[Key, tuple[int, ...]]:
    """(outbound attempts, connected, right party, ended in a promise, inbound calls,
    inbound right-party contacts) by (agent, bucket at the time of the call)."""
    d = run.dialect
    later = (
        "(ca.started_at + INTERVAL '7200 seconds')"
        if d.pg
        else "datetime(ca.started_at, '+7200 seconds')"
    )
    assert PROMISE_WINDOW == timedelta(seconds=7200)
    out = f"ca.channel = '{OUTBOUND}'"
    connected = f"ca.disposition IN {_in_list(CONNECTED_DISPOSITIONS)}"
    sql = (
        f"SELECT ca.agent_id, {_BUCKET_OF_CALL} AS bucket,"
        f" SUM(CASE WHEN {out} THEN 1 ELSE 0 END),"
        f" SUM(CASE WHEN {out} AND {connected} THEN 1 ELSE 0 END),"
        f" SUM(CASE WHEN {out} AND ca.disposition = 'right_party' THEN 1 ELSE 0 END),"
        f" SUM(CASE WHEN {out} AND ca.disposition = 'right_party' AND EXISTS (SELECT 1"
        "  FROM promises p WHERE p.case_id = ca.case_id AND p.agent_id = ca.agent_id"
        f"  AND p.created_at >= ca.started_at AND p.created_at < {later}) THEN 1 ELSE 0 END),"
        f" SUM(CASE WHEN {out} THEN 0 ELSE 1 END),"
        f" SUM(CASE WHEN NOT {out} AND ca.disposition = 'right_party' THEN 1 ELSE 0 END)"
        " FROM contact_attempts ca JOIN cases c ON c.id = ca.case_id AND c.kind = 'collection'"
        " LEFT JOIN case_snapshots s ON s.snap_date = :base AND s.case_id = ca.case_id"
        " WHERE ca.started_at >= :t0 AND ca.started_at < :t1"
        f" AND ca.channel IN {_in_list(CALL_CHANNELS)}"
        + _team_of_agent(team_id, "ca.agent_id")
        + " GROUP BY ca.agent_id, " + _BUCKET_OF_CALL
    )  # fmt: skip
    rows = run.execute(sql, _params(sql, w, team_id)).all()
    return {(r[0], r[1]): tuple(int(v or 0) for v in r[2:]) for r in rows}


def promises(run: SqlRunner, w: Window, team_id: int | None) -> dict[Key, tuple[int, int]]:
    """(kept, broken) of the promises due in the period, by (agent, bucket of the case when
    the promise was made: the rule services/call_bucket.py records on calls)."""
    made_on = run.dialect.local_date("p.created_at")
    bucket = f"COALESCE({bucket_at_sql('p.case_id', made_on)}, c.bucket)"
    sql = (
        f"SELECT p.agent_id, {bucket} AS bucket,"
        " SUM(CASE WHEN p.status = 'kept' THEN 1 ELSE 0 END),"
        " SUM(CASE WHEN p.status = 'broken' THEN 1 ELSE 0 END)"
        " FROM promises p JOIN cases c ON c.id = p.case_id AND c.kind = 'collection'"
        " WHERE p.promised_on >= :d0 AND p.promised_on <= :d1 AND p.status <> 'pending'"
        + _team_of_agent(team_id, "p.agent_id")
        + " GROUP BY 1, 2"
    )  # fmt: skip
    rows = run.execute(sql, {**_params(sql, w, team_id), "lender_tz": w.zone}).all()
    return {(r[0], r[1]): (int(r[2] or 0), int(r[3] or 0)) for r in rows}


def collected(run: SqlRunner, w: Window, team_id: int | None) -> dict[Key, int]:
    """Payments (fen) dated in the period on loans with an active case that day, by the
    (holder, bucket) of the case at the start of the payment's day."""
    d = run.dialect
    day_before = d.add_days("p.paid_on", -1)

    def held(col: str) -> str:  # the previous day's snapshot, that day's, else the case now
        return (
            f"CASE WHEN s.case_id IS NOT NULL THEN s.{col}"
            f" WHEN o.case_id IS NOT NULL THEN o.{col} ELSE c.{col} END"
        )

    team = f" AND ({held('team_id')}) = :team"
    sql = (
        f"SELECT {held('assigned_to_id')}, {held('bucket')}, SUM(p.amount)"
        " FROM payments p JOIN cases c ON c.loan_id = p.loan_id AND c.kind = 'collection'"
        " AND c.opened_on <= p.paid_on AND (c.closed_on IS NULL OR c.closed_on >= p.paid_on)"
        f" LEFT JOIN case_snapshots s ON s.snap_date = {day_before} AND s.case_id = c.id"
        # a case opened that day has no snapshot of the day before: the bucket it opened in
        " LEFT JOIN case_snapshots o ON s.case_id IS NULL AND o.snap_date = p.paid_on"
        " AND o.case_id = c.id"
        " WHERE p.paid_on >= :d0 AND p.paid_on <= :d1"
        + (team if team_id is not None else "")
        + " GROUP BY 1, 2"
    )
    rows = run.execute(sql, _params(sql, w, team_id)).all()
    return {(r[0], r[1]): int(r[2] or 0) for r in rows}


def cohort(run: SqlRunner, w: Window, team_id: int | None) -> dict[Key, tuple[int, int, int, int]]:
    """(cases open at the start, cured in the period, start balance, balance now in the
    next bucket) by the (holder, bucket) of the baseline snapshot. "Now" is the latest
    snapshot (the last overdue run, the same state as the cases table): a case of the
    baseline missing from it was closed, i.e. cured, in the period. Both sides are one
    date's rows of the snapshot table, joined on the primary key."""
    if w.baseline is None:
        return {}
    next_bucket = (
        "CASE b.bucket " + " ".join(f"WHEN '{a}' THEN '{n}'" for a, n in NEXT_BUCKET.items())
        + " ELSE NULL END"
    )  # fmt: skip
    sql = (
        "SELECT b.assigned_to_id, b.bucket, COUNT(*),"
        " SUM(CASE WHEN e.case_id IS NULL THEN 1 ELSE 0 END),"
        " SUM(b.outstanding_principal),"
        f" SUM(CASE WHEN e.bucket = {next_bucket} THEN e.outstanding_principal ELSE 0 END)"
        " FROM case_snapshots b LEFT JOIN case_snapshots e"
        " ON e.snap_date = :last AND e.case_id = b.case_id"
        " WHERE b.snap_date = :base"
        + (" AND b.team_id = :team" if team_id is not None else "")
        + " GROUP BY b.assigned_to_id, b.bucket"
    )  # fmt: skip
    rows = run.execute(sql, _params(sql, w, team_id)).all()
    return {(r[0], r[1]): (int(r[2]), int(r[3] or 0), int(r[4] or 0), int(r[5] or 0)) for r in rows}


def _params(sql: str, w: Window, team_id: int | None) -> Mapping[str, Any]:
    """The bind values `sql` uses (text() refuses values it has no parameter for)."""
    values = {
        "t0": w.start_at,
        "t1": w.end_at,
        "d0": w.start,
        "d1": w.end,
        "base": w.baseline if w.baseline is not None else date(1900, 1, 1),
        "last": w.last if w.last is not None else date(1900, 1, 1),
        "team": team_id,
    }
    return {k: v for k, v in values.items() if re.search(rf":{k}\b", sql)}
