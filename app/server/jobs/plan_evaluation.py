"""Set-based evaluation of agreed repayment plans in the daily overdue run.

An approved or active plan, on business date D:

- is **kept** when the loan's payments dated from the day the plan was made (`made_on`, the
  lender's business date; the UTC date of `created_at` for plans older than migration 0008)
  through D add up to the plan's total;
- otherwise, once its first payment date is reached, is **broken** when some line's due date
  + grace (the promise grace setting) is before D and the payments from `made_on` through
  that deadline fall short of the cumulative amount of the lines due up to it;
- otherwise becomes (or stays) **active** once its first payment date is reached, and stays
  **approved** before that.

Kept and broken are final. Only plans whose status changes are written (with
`evaluated_on = D`), and their cases are touched so the run records one sync change per
case: desks see the new status with the case bundle. Running twice for the same date
changes nothing the second time. Pending, rejected and draft plans are never touched.
"""

from __future__ import annotations

from datetime import date
from typing import cast

from app.domain.promises import DEFAULT_GRACE_DAYS
from app.server.jobs.cases_sql import touch
from app.server.jobs.sqlkit import SqlRunner


def evaluate_plans(
    run: SqlRunner, business_date: date, grace_days: int = DEFAULT_GRACE_DAYS
) -> dict[str, int]:
    """Move approved/active plans to active, kept or broken; returns counts per new status."""
    d = run.dialect
    made = f"COALESCE(p.made_on, {d.utc_date('p.created_at')})"
    run.temp_table(
        "plan_base",
        f"SELECT p.id, p.case_id, c.loan_id, p.total, p.first_date, p.status, {made} AS made_on"
        " FROM plans p JOIN cases c ON c.id = p.case_id"
        " WHERE p.status IN ('approved', 'active')",
    )
    # cumulative amount due by each line's deadline (due date + grace) that has passed
    run.temp_table(
        "plan_due",
        "SELECT k.plan_id, k.deadline, k.cum_due FROM ("
        f" SELECT l.plan_id, {d.add_days('l.due_date', grace_days)} AS deadline,"
        "  SUM(l.amount) OVER (PARTITION BY l.plan_id ORDER BY l.n"
        "   ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cum_due"
        " FROM plan_lines l JOIN plan_base b ON b.id = l.plan_id WHERE b.first_date <= :d) k"
        " WHERE k.deadline < :d",
        {"d": business_date},
    )
    missed = (
        "EXISTS (SELECT 1 FROM plan_due k WHERE k.plan_id = b.id AND k.cum_due >"
        " (SELECT COALESCE(SUM(pay.amount), 0) FROM payments pay WHERE pay.loan_id = b.loan_id"
        "  AND pay.paid_on >= b.made_on AND pay.paid_on <= k.deadline))"
    )
    run.temp_table(
        "plan_eval",
        "SELECT b.id, b.case_id, b.status AS old_status, CASE"
        " WHEN (SELECT COALESCE(SUM(pay.amount), 0) FROM payments pay"
        "  WHERE pay.loan_id = b.loan_id AND pay.paid_on >= b.made_on AND pay.paid_on <= :d)"
        "  >= b.total THEN 'kept'"
        " WHEN b.first_date > :d THEN b.status"
        f" WHEN {missed} THEN 'broken'"
        " ELSE 'active' END AS status"
        " FROM plan_base b",
        {"d": business_date},
    )
    run.execute("DELETE FROM plan_eval WHERE status = old_status")
    touch(run, "SELECT DISTINCT case_id AS id FROM plan_eval")
    run.execute(
        "UPDATE plans SET status = e.status, evaluated_on = :d FROM plan_eval e"
        " WHERE plans.id = e.id",
        {"d": business_date},
    )
    counts = dict.fromkeys(("plans_activated", "plans_kept", "plans_broken"), 0)
    names = {"active": "plans_activated", "kept": "plans_kept", "broken": "plans_broken"}
    rows = run.execute("SELECT status, COUNT(*) FROM plan_eval GROUP BY status").all()
    for status, n in cast(list[tuple[str, int]], rows):
        counts[names[str(status)]] = int(n)
    for name in ("plan_eval", "plan_due", "plan_base"):
        run.drop(name)
        run.temp_tables.remove(name)
    return counts
