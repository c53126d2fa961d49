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

A restructure booked onto the loan (`booked_on`, services/plan_booking.py) IS the loan's
schedule, so it is judged on its installments: kept when none of them owes anything,
broken when one is overdue (shortfall above the tolerance) past its due date + grace; a
restructure whose lines a later restructure closed is superseded and left as it is.

A broken plan records why (`broken_due`: the due date of the earliest payment missed,
`broken_short`: what was short of the amount due by its deadline), and
`mark_returned_cases` (run after the cases are refreshed) points the loan's active case at
it (`cases.return_plan_id`): the case is back in collection on the schedule then in force
(the rebooked one after a restructure, the contract's after a catch-up or a settlement)
and the desk shows the reason. A kept settlement closes the loan (jobs/plan_settlement.py).

Kept and broken are final. Only plans whose status changes are written (with
`evaluated_on = D`), and their cases are touched so the run records one sync change per
case: desks see the new status with the case bundle. Running twice for the same date
changes nothing the second time. Pending, rejected and draft plans are never touched.
"""

from __future__ import annotations

from datetime import date
from typing import cast

from app.domain.delinquency import DEFAULT_POLICY, PenaltyPolicy
from app.domain.promises import DEFAULT_GRACE_DAYS
from app.server.jobs.cases_sql import touch
from app.server.jobs.penalty_sql import overdue_sql, shortfall_sql
from app.server.jobs.plan_settlement import close_settled_loans
from app.server.jobs.sqlkit import SqlRunner
from app.server.models.book import INSTALLMENT_IN_FORCE as IN_FORCE


def _missed(run: SqlRunner, business_date: date, grace_days: int, policy: PenaltyPolicy) -> None:
    """Temp table `plan_miss` (plan_id, due_date, short): every payment of a plan whose
    deadline (due date + grace) has passed short of what was due by then."""
    d = run.dialect
    paid_by = (
        "(SELECT COALESCE(SUM(pay.amount), 0) FROM payments pay WHERE pay.loan_id = k.loan_id"
        " AND pay.paid_on >= k.made_on AND pay.paid_on <= k.deadline)"
    )
    run.temp_table(
        "plan_miss",
        f"SELECT k.plan_id, k.due_date, k.cum_due - {paid_by} AS short FROM ("
        f" SELECT l.plan_id, l.due_date, b.loan_id, b.made_on,"
        f"  {d.add_days('l.due_date', grace_days)} AS deadline,"
        "  SUM(l.amount) OVER (PARTITION BY l.plan_id ORDER BY l.n"
        "   ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cum_due"
        " FROM plan_lines l JOIN plan_base b ON b.id = l.plan_id"
        " WHERE b.first_date <= :d AND b.booked_on IS NULL) k"
        f" WHERE k.deadline < :d AND k.cum_due > {paid_by}"
        # a booked restructure: its own installments, as the delinquency run sees them
        f" UNION ALL SELECT i.plan_id, i.due_date, {shortfall_sql('i')} AS short"
        " FROM installments i JOIN plan_base b ON b.id = i.plan_id"
        f" WHERE b.booked_on IS NOT NULL AND i.status = '{IN_FORCE}'"
        f" AND {d.add_days('i.due_date', grace_days)} < :d AND {overdue_sql(policy, 'i')}",
        {"d": business_date},
    )
    run.temp_table(
        "plan_first_miss",
        "SELECT m.plan_id, m.due_date, MAX(m.short) AS short FROM plan_miss m"
        " JOIN (SELECT plan_id, MIN(due_date) AS due FROM plan_miss GROUP BY plan_id) f"
        " ON f.plan_id = m.plan_id AND f.due = m.due_date GROUP BY m.plan_id, m.due_date",
    )


def evaluate_plans(
    run: SqlRunner,
    business_date: date,
    grace_days: int = DEFAULT_GRACE_DAYS,
    policy: PenaltyPolicy = DEFAULT_POLICY,
) -> dict[str, int]:
    """Move approved/active plans to active, kept or broken; a kept settlement closes its
    loan. Returns counts per new status (and loans settled)."""
    d = run.dialect
    made = f"COALESCE(p.made_on, {d.utc_date('p.created_at')})"
    run.temp_table(
        "plan_base",
        "SELECT p.id, p.case_id, c.loan_id, p.kind, p.total, p.first_date, p.status,"
        f" p.booked_on, {made} AS made_on"
        " FROM plans p JOIN cases c ON c.id = p.case_id"
        " WHERE p.status IN ('approved', 'active')",
    )
    _missed(run, business_date, grace_days, policy)
    lines_in_force = (
        f"SELECT 1 FROM installments i WHERE i.plan_id = b.id AND i.status = '{IN_FORCE}'"
    )
    run.temp_table(
        "plan_eval",
        "SELECT b.id, b.case_id, b.loan_id, b.kind, b.status AS old_status, CASE"
        f" WHEN b.booked_on IS NOT NULL AND NOT EXISTS ({lines_in_force}) THEN b.status"
        f" WHEN b.booked_on IS NOT NULL AND NOT EXISTS ({lines_in_force}"
        f"  AND ({shortfall_sql('i')} > 0)) THEN 'kept'"
        " WHEN b.booked_on IS NULL AND (SELECT COALESCE(SUM(pay.amount), 0) FROM payments pay"
        "  WHERE pay.loan_id = b.loan_id AND pay.paid_on >= b.made_on AND pay.paid_on <= :d)"
        "  >= b.total THEN 'kept'"
        " WHEN b.first_date > :d THEN b.status"
        " WHEN EXISTS (SELECT 1 FROM plan_first_miss m WHERE m.plan_id = b.id) THEN 'broken'"
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
    run.execute(
        "UPDATE plans SET broken_due = m.due_date, broken_short = m.short"
        " FROM plan_first_miss m JOIN plan_eval e ON e.id = m.plan_id"
        " WHERE plans.id = m.plan_id AND e.status = 'broken'"
    )
    counts = dict.fromkeys(("plans_activated", "plans_kept", "plans_broken"), 0)
    names = {"active": "plans_activated", "kept": "plans_kept", "broken": "plans_broken"}
    rows = run.execute("SELECT status, COUNT(*) FROM plan_eval GROUP BY status").all()
    for status, n in cast(list[tuple[str, int]], rows):
        counts[names[str(status)]] = int(n)
    counts["loans_settled"] = close_settled_loans(
        run,
        business_date=business_date,
        kept="SELECT id AS plan_id, case_id, loan_id FROM plan_eval"
        " WHERE status = 'kept' AND kind = 'settlement'",
    )
    for name in ("plan_eval", "plan_first_miss", "plan_miss", "plan_base"):
        run.drop(name)
        run.temp_tables.remove(name)
    return counts


def mark_returned_cases(run: SqlRunner, business_date: date) -> int:
    """Point the active case of each loan whose plan broke on `business_date` at that plan
    (the reason it is back in collection); returns the number of cases changed."""
    select_new = (
        "SELECT x.id, x.plan_id FROM (SELECT c.id, c.return_plan_id, MAX(p.id) AS plan_id"
        " FROM plans p JOIN cases pc ON pc.id = p.case_id"
        " JOIN cases c ON c.loan_id = pc.loan_id AND c.status <> 'closed'"
        " WHERE p.status = 'broken' AND p.evaluated_on = :d GROUP BY c.id, c.return_plan_id) x"
        " WHERE x.return_plan_id IS NULL OR x.return_plan_id <> x.plan_id"
    )
    run.temp_table("case_return", select_new, {"d": business_date})
    touch(run, "SELECT id FROM case_return")
    changed = run.rowcount(
        "UPDATE cases SET return_plan_id = r.plan_id, updated_at = :now FROM case_return r"
        " WHERE cases.id = r.id",
        {"now": run.now},
    )
    run.drop("case_return")
    run.temp_tables.remove("case_return")
    return changed
