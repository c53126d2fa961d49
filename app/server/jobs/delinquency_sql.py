"""Set-based delinquency: penalty to date, DPD, bucket and overdue breakdown for every loan.

One scan of the installments that are due and not settled builds `od_inst` (new penalty
and what each still owes); one UPDATE ... FROM writes the penalties that changed;
`od_loan` aggregates per loan (DPD from the oldest overdue installment - shortfall above
the tolerance -, bucket from the configured ranges); loans get their DPD and bucket.
Within the grace days the stored `penalty` shows none due (paid + waived): the accrued
amount stays in `penalty_accrued` and is due once grace has passed (penalty_sql). Mirrors
`app.domain.delinquency.evaluate_delinquency` (a test compares both on the demo book).
"""

from __future__ import annotations

from datetime import date

from app.domain.delinquency import DEFAULT_BUCKETS, DEFAULT_POLICY, BucketRanges, PenaltyPolicy
from app.server.jobs.penalty_sql import (
    accrual_sql,
    held_sql,
    overdue_sql,
    owed_parts_sql,
    suspended_until_sql,
    unsettled_sql,
)
from app.server.jobs.sqlkit import Dialect, SqlRunner
from app.server.models.book import INSTALLMENT_IN_FORCE as IN_FORCE


def bucket_case_sql(dpd: str, ranges: BucketRanges = DEFAULT_BUCKETS) -> str:
    """CASE expression mapping a DPD expression to its bucket label."""
    parts = []
    for b in ranges.buckets:
        label = b.label.replace("'", "''")
        if b.high is None:
            parts.append(f"ELSE '{label}'")
        else:
            parts.append(f"WHEN {dpd} <= {int(b.high)} THEN '{label}'")
    return "(CASE " + " ".join(parts) + " END)"


def compute_delinquency(
    run: SqlRunner,
    *,
    business_date: date,
    policy: PenaltyPolicy = DEFAULT_POLICY,
    buckets: BucketRanges = DEFAULT_BUCKETS,
    suspend: bool = False,
) -> dict[str, int]:
    """Update installment penalties and loan DPD/bucket; leaves temp table `od_loan`.
    `suspend`: end the accrual of loans in the temp table `plan_suspend` at its `since`
    (jobs/plan_penalty.py)."""
    d: Dialect = run.dialect
    until = suspended_until_sql(":d", "ps.since") if suspend else ":d"
    new_pen = (
        f"(CASE WHEN {held_sql(d, policy, ':d')} THEN i.paid_penalty + i.waived_penalty"
        f" ELSE i.penalty_accrued + {accrual_sql(d, policy, until=until)} END)"
    )
    join_suspend = " LEFT JOIN plan_suspend ps ON ps.loan_id = i.loan_id" if suspend else ""
    owed = owed_parts_sql("x", "new_penalty")
    n_inst = run.temp_table(
        "od_inst",
        "SELECT i.loan_id, i.n, i.due_date, i.penalty, i.principal, i.paid_principal,"
        " i.interest, i.paid_interest, i.waived_interest, i.fees, i.paid_fees, i.waived_fees,"
        f" i.paid_penalty, i.waived_penalty, {new_pen} AS new_penalty"
        " FROM installments i JOIN loans l ON l.id = i.loan_id" + join_suspend + ""
        f" WHERE i.due_date < :d AND i.status = '{IN_FORCE}' AND ({unsettled_sql('i')}"
        " OR i.penalty_accrued > i.paid_penalty + i.waived_penalty"
        " OR i.penalty <> i.penalty_accrued)",
        {"d": business_date},
    )
    changed_pen = run.rowcount(
        "UPDATE installments SET penalty = x.new_penalty FROM od_inst x"
        " WHERE installments.loan_id = x.loan_id AND installments.n = x.n"
        " AND installments.penalty <> x.new_penalty"
    )
    dpd = d.days(":d", "MIN(CASE WHEN " + overdue_sql(policy, "x") + " THEN x.due_date END)")
    run.temp_table(
        "od_loan",
        "SELECT y.*, " + bucket_case_sql("y.dpd", buckets) + " AS bucket,"
        " y.o_principal + y.o_interest + y.o_penalty + y.o_fees AS o_total FROM ("
        f" SELECT x.loan_id, COALESCE({dpd}, 0) AS dpd,"
        f" SUM({owed['principal']}) AS o_principal, SUM({owed['interest']}) AS o_interest,"
        f" SUM({owed['penalty']}) AS o_penalty, SUM({owed['fees']}) AS o_fees"
        " FROM od_inst x GROUP BY x.loan_id) y",
        {"d": business_date},
    )
    run.execute("DELETE FROM od_loan WHERE o_total = 0")
    first = buckets.buckets[0].label
    changed_loans = run.rowcount(
        "UPDATE loans SET dpd = o.dpd, bucket = o.bucket, updated_at = :now FROM od_loan o"
        " WHERE loans.id = o.loan_id AND (loans.dpd <> o.dpd OR loans.bucket <> o.bucket)",
        {"now": run.now},
    )
    changed_loans += run.rowcount(
        "UPDATE loans SET dpd = 0, bucket = :first, updated_at = :now"
        " WHERE (dpd <> 0 OR bucket <> :first)"
        " AND NOT EXISTS (SELECT 1 FROM od_loan o WHERE o.loan_id = loans.id)",
        {"first": first, "now": run.now},
    )
    return {
        "overdue_installments": n_inst,
        "penalties_changed": changed_pen,
        "loans_changed": changed_loans,
    }
