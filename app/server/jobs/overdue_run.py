"""The daily overdue run: payments, penalty, DPD/buckets, cases, promises, priority, allocation.

`run_overdue(session_or_engine, business_date=D)` runs in one transaction:

1. allocate unallocated payments dated <= D (payment_allocation, set-based rounds);
2. evaluate agreed plans: active, kept or broken; a kept settlement closes its loan as
   settled with write-offs (plan_evaluation, plan_settlement);
3. penalty to date, DPD, bucket and overdue breakdown of every loan on the schedule in
   force (installments closed by a restructure or a settlement are history) (delinquency_sql);
4. refresh open cases, close cured ones (written-off loans stay in recovery), open cases
   for loans past the grace period (cases_sql); the loan's active case points at a plan
   that broke today (plan_evaluation.mark_returned_cases); a case whose catch-up plan
   performs leaves the calling queue outside the window around its due dates (plan_queue);
5. evaluate pending promises; broken ones put the case on top (promise_evaluation);
6. recompute case priority (cases_sql) and refresh the worklist's display columns
   (case_display);
7. deal unassigned cases, and cases that rolled into a bucket another team works, to agents
   by team, bucket and load (case_allocation);
8. record one sync change per touched case (changes.record_case_changes_sql);
9. write the day's snapshot of the active cases (case_snapshots; read by the KPIs).

Every step is SQL over sets (INSERT ... SELECT, UPDATE ... FROM, window functions), never a
Python loop over loans, and works on SQLite and PostgreSQL. Each statement only changes
rows whose values differ, so running twice for the same date changes nothing the second
time and records no change.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlalchemy import Engine, column, select, table, text
from sqlalchemy.orm import Session

from app.domain.allocation import DEFAULT_ORDER
from app.domain.business_day import DEFAULT_LENDER_TIMEZONE, zone
from app.domain.delinquency import DEFAULT_BUCKETS, DEFAULT_POLICY, BucketRanges, PenaltyPolicy
from app.domain.promises import DEFAULT_GRACE_DAYS
from app.server.audit import audit
from app.server.changes import record_case_changes_sql
from app.server.jobs import (
    case_allocation,
    case_display,
    case_snapshots,
    cases_sql,
    delinquency_sql,
    plan_queue,
    promise_evaluation,
)
from app.server.jobs import plan_penalty as plan_penalty_sql
from app.server.jobs.payment_allocation import allocate_payments
from app.server.jobs.plan_evaluation import evaluate_plans, mark_returned_cases
from app.server.jobs.plan_penalty import PlanPenalty
from app.server.jobs.sqlkit import SqlRunner

log = logging.getLogger(__name__)
_LOCK_KEY = 7_426_001  # pg advisory lock: one overdue run at a time


@dataclass(frozen=True, slots=True)
class OverdueRunReport:
    """What one run did (counts) and how long each step took (seconds)."""

    business_date: date
    counts: dict[str, int] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def changes_recorded(self) -> int:
        return self.counts.get("cases_touched", 0)


def run_overdue(
    target: Session | Engine,
    *,
    business_date: date,
    now: datetime | None = None,
    policy: PenaltyPolicy = DEFAULT_POLICY,
    buckets: BucketRanges = DEFAULT_BUCKETS,
    allocation_order: Sequence[str] = DEFAULT_ORDER,
    promise_grace_days: int = DEFAULT_GRACE_DAYS,
    bucket_teams: Mapping[str, str] = case_allocation.DEFAULT_BUCKET_TEAMS,
    lender_timezone: str = DEFAULT_LENDER_TIMEZONE,
    plan_penalty: PlanPenalty = "accrue",
    plan_call_days_before: int = plan_queue.DEFAULT_DAYS_BEFORE,
    plan_call_days_after: int = plan_queue.DEFAULT_DAYS_AFTER,
) -> OverdueRunReport:
    """Run the daily job for `business_date` (the lender's date) and commit. Idempotent for
    a date. `lender_timezone` is the zone business dates are taken in (promises);
    `plan_penalty` whether penalty accrues during a performing catch-up plan
    (jobs/plan_penalty.py); `plan_call_days_before/after` the call window around its due
    dates outside which its case leaves the calling queue (jobs/plan_queue.py)."""
    zone(lender_timezone, field="lender_timezone")  # refuse a bad zone before any change
    if isinstance(target, Engine):
        with Session(target, expire_on_commit=False) as session:
            return run_overdue(
                session,
                business_date=business_date,
                now=now,
                policy=policy,
                buckets=buckets,
                allocation_order=allocation_order,
                promise_grace_days=promise_grace_days,
                bucket_teams=bucket_teams,
                lender_timezone=lender_timezone,
                plan_penalty=plan_penalty,
                plan_call_days_before=plan_call_days_before,
                plan_call_days_after=plan_call_days_after,
            )
    session = target
    suspend = plan_penalty == "suspend"
    now = now or datetime.now(UTC)
    run = SqlRunner(session, now=now)
    counts: dict[str, int] = {}
    timings: dict[str, float] = {}

    def step(name: str, fn: object) -> None:
        t0 = time.perf_counter()
        result = fn()  # type: ignore[operator]
        timings[name] = time.perf_counter() - t0
        if isinstance(result, dict):
            counts.update(result)
        elif isinstance(result, int):
            counts[name] = result

    try:
        if run.dialect.pg:
            session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _LOCK_KEY})
        cases_sql.start_touched(run)
        if suspend:
            plan_penalty_sql.suspend_table(run, plan_penalty)
        step(
            "payments_allocated",
            lambda: allocate_payments(
                run,
                business_date=business_date,
                policy=policy,
                order=allocation_order,
                suspend=suspend,
            ),
        )
        # plans first: a kept settlement closes its loan's installments before they are
        # measured, and a booked restructure is judged on the payments just allocated
        step("plans", lambda: evaluate_plans(run, business_date, promise_grace_days, policy))
        if suspend:  # plans that broke today accrue again from today's run
            plan_penalty_sql.suspend_table(run, plan_penalty)
        step(
            "delinquency",
            lambda: delinquency_sql.compute_delinquency(
                run, business_date=business_date, policy=policy, buckets=buckets, suspend=suspend
            ),
        )
        step("touch_paid", lambda: cases_sql.touch_paid_loans(run))
        step(
            "cases",
            lambda: cases_sql.refresh_cases(
                run, business_date=business_date, policy=policy, buckets=buckets
            ),
        )
        step(
            "promises",
            lambda: promise_evaluation.evaluate_promises(
                run,
                business_date=business_date,
                grace_days=promise_grace_days,
                lender_timezone=lender_timezone,
            ),
        )
        step("cases_returned", lambda: mark_returned_cases(run, business_date))
        step(
            "cases_quiet_changed",
            lambda: plan_queue.mark_quiet_cases(
                run, business_date, plan_call_days_before, plan_call_days_after
            ),
        )
        step(
            "next_actions",
            lambda: promise_evaluation.refresh_next_actions(
                run,
                business_date=business_date,
                grace_days=promise_grace_days,
                lender_timezone=lender_timezone,
            ),
        )
        step("priorities_changed", lambda: cases_sql.update_priorities(run))
        step("display_refreshed", lambda: case_display.refresh_case_display(run))
        step(
            "cases_assigned",
            lambda: case_allocation.allocate_cases(
                run,
                now=now,
                bucket_teams=bucket_teams,
                buckets=buckets.labels,
                rolled="SELECT id FROM case_rolled",
            ),
        )
        touched = table("run_touched", column("case_id"))
        counts["cases_touched"] = int(
            session.execute(text("SELECT COUNT(*) FROM run_touched")).scalar_one()
        )
        record_case_changes_sql(session, select(touched.c.case_id))
        step(
            "snapshot_rows",
            lambda: case_snapshots.write_snapshot(run, business_date=business_date),
        )
        run.drop_all()
        audit(
            session,
            actor=None,
            action="overdue_run",
            entity="job",
            entity_id=business_date.isoformat(),
            details=dict(counts),
        )
        t0 = time.perf_counter()
        session.commit()
        timings["commit"] = time.perf_counter() - t0
    except BaseException:
        session.rollback()
        raise
    report = OverdueRunReport(business_date, counts, timings)
    log.info("overdue run %s: %s", business_date, counts)
    return report
