"""Set-based promise-to-pay evaluation (app.domain.promises rules) and next actions.

A pending promise is kept when the loan's payments dated from the promise's creation day
(the date of `created_at` in the lender's zone, `lender_timezone`: a payment dated before
the day the promise was made never keeps it) through its date + grace, and not after the
business date, add up to its amount; broken when the business date is past date + grace
without that. A broken promise puts its case on top: next_action_kind 'broken_promise'
(the priority update then raises the case's tier). Cases with a pending promise due today
get 'promise_due', due at 09:00 of the business day in the lender's zone - as a promise
recorded at the desk is (`promise_due_at`), so the desk counts it as due today; that label
is dropped once no pending promise is due today.
"""

from __future__ import annotations

from datetime import date

from app.domain.business_day import DEFAULT_LENDER_TIMEZONE, zone
from app.domain.promises import DEFAULT_GRACE_DAYS, promise_due_at
from app.server.jobs.cases_sql import touch
from app.server.jobs.sqlkit import SqlRunner


def evaluate_promises(
    run: SqlRunner,
    *,
    business_date: date,
    grace_days: int = DEFAULT_GRACE_DAYS,
    lender_timezone: str = DEFAULT_LENDER_TIMEZONE,
) -> dict[str, int]:
    """Mark kept/broken promises and set the cases' next action; returns counts."""
    tz = zone(lender_timezone, field="lender_timezone")
    d = run.dialect
    end = d.add_days("p.promised_on", grace_days)
    run.temp_table(
        "prom_eval",
        "SELECT e.id, e.case_id, CASE WHEN e.paid >= e.amount THEN 'kept'"
        " WHEN e.deadline < :d THEN 'broken' ELSE 'pending' END AS status FROM ("
        f" SELECT p.id, p.case_id, p.amount, {end} AS deadline,"
        " (SELECT COALESCE(SUM(pay.amount), 0) FROM payments pay"
        "  WHERE pay.loan_id = c.loan_id"
        f"  AND pay.paid_on >= {d.local_date('p.created_at')}"
        f"  AND pay.paid_on <= {end} AND pay.paid_on <= :d) AS paid"
        " FROM promises p JOIN cases c ON c.id = p.case_id WHERE p.status = 'pending') e",
        {"d": business_date, "lender_tz": lender_timezone},
    )
    run.execute("DELETE FROM prom_eval WHERE status = 'pending'")
    touch(run, "SELECT DISTINCT case_id AS id FROM prom_eval")
    changed = run.rowcount(
        "UPDATE promises SET status = e.status, evaluated_on = :d FROM prom_eval e"
        " WHERE promises.id = e.id",
        {"d": business_date},
    )
    broken_cases = (
        "SELECT DISTINCT e.case_id AS id FROM prom_eval e JOIN cases c ON c.id = e.case_id"
        " WHERE e.status = 'broken' AND c.status <> 'closed'"
        " AND c.next_action_kind <> 'broken_promise'"
    )
    touch(run, broken_cases)
    broken = run.rowcount(
        "UPDATE cases SET next_action_kind = 'broken_promise', next_action_at = :now,"
        f" updated_at = :now WHERE id IN ({broken_cases})",
        {"now": run.now},
    )
    due_today = (
        "SELECT c.id FROM cases c WHERE c.status <> 'closed' AND c.next_action_kind = 'none'"
        " AND EXISTS (SELECT 1 FROM promises p WHERE p.case_id = c.id"
        " AND p.status = 'pending' AND p.promised_on = :d)"
    )
    touch(run, due_today, {"d": business_date})
    run.execute(
        "UPDATE cases SET next_action_kind = 'promise_due', next_action_at = :due_at,"
        f" updated_at = :now WHERE id IN ({due_today})",
        {"d": business_date, "now": run.now, "due_at": promise_due_at(business_date, tz)},
    )
    not_due = (
        "SELECT c.id FROM cases c WHERE c.next_action_kind = 'promise_due'"
        " AND NOT EXISTS (SELECT 1 FROM promises p WHERE p.case_id = c.id"
        " AND p.status = 'pending' AND p.promised_on = :d)"
    )
    touch(run, not_due, {"d": business_date})
    run.execute(
        "UPDATE cases SET next_action_kind = 'none', next_action_at = NULL, updated_at = :now"
        f" WHERE id IN ({not_due})",
        {"d": business_date, "now": run.now},
    )
    return {"promises_evaluated": changed, "promises_broken_cases": broken}
