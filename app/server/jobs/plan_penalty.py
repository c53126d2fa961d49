"""Penalty while an agreed catch-up plan performs: the `plan_penalty` setting.

"accrue" (the default) changes nothing: the contract's penalty runs on the arrears as it
would without the plan. "suspend": from the business date the plan was made (`made_on`)
no penalty accrues on the loan's installments while a catch-up plan is approved or active.
`suspend_table` builds the temp table `plan_suspend` (loan_id, since) the payment
allocation and the delinquency step join to end each accrual at `since`
(penalty_sql.suspended_until_sql). A plan that breaks leaves the table, and the penalty of
the suspended days is charged again (the accrual segment still starts before `since`); a
kept plan has paid the arrears, so nothing runs any more.
"""

from __future__ import annotations

from typing import Literal

from app.server.jobs.sqlkit import SqlRunner

PlanPenalty = Literal["accrue", "suspend"]


def suspend_table(run: SqlRunner, mode: PlanPenalty) -> None:
    """(Re)build `plan_suspend`: empty under "accrue"."""
    d = run.dialect
    made = f"COALESCE(p.made_on, {d.utc_date('p.created_at')})"
    where = "p.kind = 'catch_up' AND p.status IN ('approved', 'active')"
    if mode != "suspend":
        where = "1 = 0"
    run.temp_table(
        "plan_suspend",
        f"SELECT c.loan_id, MIN({made}) AS since FROM plans p JOIN cases c ON c.id = p.case_id"
        f" WHERE {where} GROUP BY c.loan_id",
    )
