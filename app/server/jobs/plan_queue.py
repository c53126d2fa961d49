"""While a catch-up plan performs, its case leaves the calling queue except near a due date.

A case is `plan_quiet` on business date D when an agreed catch-up plan on it is approved or
active (not kept, not broken) and no line of that plan falls due within the call window
around D: from `days_before` days before a due date to `days_after` days after it (server
settings `plan_call_days_before` / `plan_call_days_after`, default 3 and 1: a reminder
before the payment, a check the day after). The worklist's active view leaves quiet cases
out (services/worklist.py); they come back by themselves on the window's first day, when
the plan breaks (the case is back in collection) or ends. Set-based, idempotent: only
cases whose flag changes are written and touched.
"""

from __future__ import annotations

from datetime import date

from app.server.jobs.cases_sql import touch
from app.server.jobs.sqlkit import SqlRunner

DEFAULT_DAYS_BEFORE = 3
DEFAULT_DAYS_AFTER = 1


def mark_quiet_cases(
    run: SqlRunner,
    business_date: date,
    days_before: int = DEFAULT_DAYS_BEFORE,
    days_after: int = DEFAULT_DAYS_AFTER,
) -> int:
    """Set `cases.plan_quiet` for D; returns how many cases changed."""
    d = run.dialect
    near = (
        "EXISTS (SELECT 1 FROM plan_lines l WHERE l.plan_id = p.id"
        f" AND {d.add_days('l.due_date', -int(days_before))} <= :d"
        f" AND {d.add_days('l.due_date', int(days_after))} >= :d)"
    )
    quiet = (
        "EXISTS (SELECT 1 FROM plans p WHERE p.case_id = c.id AND p.kind = 'catch_up'"
        f" AND p.status IN ('approved', 'active') AND NOT {near})"
    )
    run.temp_table(
        "case_quiet",
        f"SELECT c.id, CASE WHEN c.status <> 'closed' AND {quiet} THEN {d.true()}"
        f" ELSE {d.false()} END AS quiet FROM cases c"
        f" WHERE c.plan_quiet = {d.true()} OR (c.status <> 'closed' AND {quiet})",
        {"d": business_date},
    )
    run.execute("DELETE FROM case_quiet WHERE quiet = (SELECT c.plan_quiet FROM cases c"
                " WHERE c.id = case_quiet.id)")  # fmt: skip
    touch(run, "SELECT id FROM case_quiet")
    changed = run.rowcount(
        "UPDATE cases SET plan_quiet = q.quiet, updated_at = :now FROM case_quiet q"
        " WHERE cases.id = q.id",
        {"now": run.now},
    )
    run.drop("case_quiet")
    run.temp_tables.remove("case_quiet")
    return changed
