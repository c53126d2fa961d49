"""Set-based payment allocation: unallocated payments -> installments, as the domain does.

Same rules as `app.domain.allocation.apply_payments` (prepay on): payments are applied in
date order; before each one, penalty accrues up to its date on the then-unpaid base (while
the installment is overdue: shortfall above the tolerance) and is frozen
(`penalty_accrued`, `accrued_through`); then the amount runs through the loan's
installments oldest first, fees -> penalty -> interest -> principal (configurable), taking
no penalty from an installment within its grace days; an installment such a payment brings
within the tolerance has that penalty forgiven. What is left is the payment's `unapplied`
remainder.

Set-based in rounds: each round takes the earliest unallocated payment of every loan at
once (ROW_NUMBER window), freezes accrual with one UPDATE ... FROM, computes every
installment's share with a running-sum window, and applies it with one UPDATE ... FROM.
The number of rounds is the largest number of new payments on one loan (usually 1-3),
never the number of loans.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date

from app.domain.allocation import DEFAULT_ORDER, check_order
from app.domain.delinquency import DEFAULT_POLICY, PenaltyPolicy
from app.server.jobs.penalty_sql import (
    accrual_sql,
    base_sql,
    held_sql,
    owed_parts_sql,
    shortfall_sql,
    start_sql,
    suspended_until_sql,
)
from app.server.jobs.sqlkit import SqlRunner
from app.server.models.book import INSTALLMENT_IN_FORCE as IN_FORCE

log = logging.getLogger(__name__)
MAX_ROUNDS = 1000


def _take_columns(order: Sequence[str]) -> str:
    """take_<component> columns: clamp(available - earlier components, 0, owed)."""
    cols = []
    spent = "0"
    for comp in order:
        avail = f"(r.avail - ({spent}))"
        cols.append(
            f"CASE WHEN {avail} <= 0 THEN 0 WHEN {avail} >= r.o_{comp} THEN r.o_{comp} "
            f"ELSE {avail} END AS take_{comp}"
        )
        spent = f"{spent} + r.o_{comp}"
    return ", ".join(cols)


def allocate_payments(
    run: SqlRunner,
    *,
    business_date: date,
    policy: PenaltyPolicy = DEFAULT_POLICY,
    order: Sequence[str] = DEFAULT_ORDER,
    suspend: bool = False,
) -> int:
    """Allocate every unallocated payment dated on or before `business_date`.

    Loans whose installments changed are added to the temp table `run_paid_loans`.
    `suspend`: the penalty of loans in the temp table `plan_suspend` accrues only up to its
    `since` (jobs/plan_penalty.py). Returns the number of payments allocated.
    """
    steps = check_order(order)
    d = run.dialect
    run.create_temp("run_paid_loans", "loan_id VARCHAR(36) PRIMARY KEY")
    owed = owed_parts_sql("i", "penalty_accrued", held=held_sql(d, policy, "pr.paid_on", "i"))
    total = 0
    for _round in range(MAX_ROUNDS):
        n = run.temp_table(
            "pay_round",
            "SELECT loan_id, id AS payment_id, paid_on, amount FROM ("
            " SELECT p.loan_id, p.id, p.paid_on, p.amount, ROW_NUMBER() OVER ("
            "  PARTITION BY p.loan_id ORDER BY p.paid_on, p.id) AS rn"
            " FROM payments p WHERE p.allocated = FALSE AND p.paid_on <= :d) x WHERE rn = 1",
            {"d": business_date},
        )
        if n == 0:
            break
        total += n
        until = suspended_until_sql("pr.paid_on", "ps.since") if suspend else "pr.paid_on"
        accrual = accrual_sql(d, policy, until=until, inst="installments", loan="l")
        run.execute(
            f"UPDATE installments SET penalty_accrued = penalty_accrued + {accrual},"
            f" penalty = penalty_accrued + {accrual}, accrued_through = CASE"
            f" WHEN {until} > {start_sql('installments')} THEN {until}"
            " ELSE installments.accrued_through END"
            " FROM pay_round pr JOIN loans l ON l.id = pr.loan_id"
            + (" LEFT JOIN plan_suspend ps ON ps.loan_id = pr.loan_id" if suspend else "")
            + ""
            " WHERE installments.loan_id = pr.loan_id AND installments.due_date < pr.paid_on"
            f" AND installments.status = '{IN_FORCE}' AND {base_sql(policy, 'installments')} > 0"
        )
        o_total = " + ".join(f"o_{c}" for c in steps)
        run.temp_table(
            "pay_alloc",
            "SELECT r.loan_id, r.n, r.payment_id, r.paid_on, "
            + _take_columns(steps)
            + " FROM (SELECT o.*, o.amount - COALESCE(SUM("
            + o_total
            + ") OVER (PARTITION BY o.loan_id ORDER BY o.due_date, o.n"
            " ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS avail"
            " FROM (SELECT i.loan_id, i.n, i.due_date, pr.amount, pr.payment_id, pr.paid_on, "
            + ", ".join(f"{expr} AS o_{comp}" for comp, expr in owed.items())
            + " FROM installments i JOIN pay_round pr ON pr.loan_id = i.loan_id"
            f" WHERE i.status = '{IN_FORCE}') o"
            " WHERE " + o_total + " > 0) r WHERE r.avail > 0",
        )
        run.execute(
            "UPDATE installments SET paid_fees = installments.paid_fees + a.take_fees,"
            " paid_penalty = installments.paid_penalty + a.take_penalty,"
            " paid_interest = installments.paid_interest + a.take_interest,"
            " paid_principal = installments.paid_principal + a.take_principal,"
            " paid_on = CASE WHEN installments.paid_on IS NULL"
            "  AND installments.principal = installments.paid_principal + a.take_principal"
            "  AND installments.interest = installments.paid_interest"
            "   + installments.waived_interest + a.take_interest"
            "  AND installments.fees = installments.paid_fees + installments.waived_fees"
            "   + a.take_fees THEN a.paid_on ELSE installments.paid_on END"
            " FROM pay_alloc a WHERE installments.loan_id = a.loan_id AND installments.n = a.n"
        )
        if policy.penalty_grace_days:
            # paid within the grace days down to the tolerance: no penalty for those days
            run.execute(
                "UPDATE installments SET"
                " penalty_accrued = installments.paid_penalty + installments.waived_penalty,"
                " penalty = installments.paid_penalty + installments.waived_penalty"
                " FROM pay_round pr WHERE installments.loan_id = pr.loan_id"
                f" AND installments.status = '{IN_FORCE}'"
                f" AND {held_sql(d, policy, 'pr.paid_on', 'installments')}"
                f" AND {shortfall_sql('installments')} <= {int(policy.tolerance.fen)}"
                " AND installments.penalty_accrued"
                " > installments.paid_penalty + installments.waived_penalty"
            )
        run.execute(
            "UPDATE loans SET outstanding_principal = outstanding_principal - s.p"
            " FROM (SELECT loan_id, SUM(take_principal) AS p FROM pay_alloc GROUP BY loan_id) s"
            " WHERE loans.id = s.loan_id AND s.p > 0"
        )
        run.execute(
            "UPDATE payments SET allocated = TRUE, unapplied = pr.amount - COALESCE(s.applied, 0)"
            " FROM pay_round pr LEFT JOIN (SELECT payment_id, SUM(take_fees + take_penalty"
            " + take_interest + take_principal) AS applied FROM pay_alloc GROUP BY payment_id) s"
            " ON s.payment_id = pr.payment_id WHERE payments.id = pr.payment_id"
        )
        run.execute(
            "INSERT INTO run_paid_loans (loan_id) SELECT pr.loan_id FROM pay_round pr"
            " WHERE NOT EXISTS (SELECT 1 FROM run_paid_loans x WHERE x.loan_id = pr.loan_id)"
        )
    else:  # pragma: no cover - a loan with 1000 new payments in one run
        log.warning("payment allocation stopped after %d rounds", MAX_ROUNDS)
    return total
