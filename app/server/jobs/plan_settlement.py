"""A kept settlement closes the loan as settled, the rest written off (set-based).

Run by the plan evaluation (jobs/plan_evaluation.py) for the settlements it found kept on
business date D, before the delinquency step, so the same run measures the loan as closed:

1. one `write_offs` row per settlement (kind 'settlement'): the principal, interest,
   penalty and fees the plan waived (principal: none — a plan cannot waive it), and
   `balance_closed`, what the loan's installments in force still owed by the books when
   it closed (principal, interest of the installments already due, penalty, fees): the
   waivers, the penalty accrued since the plan was made, and the principal left because
   the payment waterfall took the scheduled interest of installments not yet due (which a
   settlement does not charge) before their principal;
2. those installments are closed as `settled` (kept as history, read by no job);
3. the loan: `closed_on` = D, `closed_as` = 'settled', no outstanding principal;
4. one audit row per loan (`loan.settled`, details: plan, case, amounts).

Idempotent: a plan has at most one write-off (unique plan_id) and a second run finds the
plan kept already, so nothing is selected.
"""

from __future__ import annotations

from datetime import date

from app.server.jobs.penalty_sql import owed_parts_sql
from app.server.jobs.sqlkit import SqlRunner
from app.server.models.book import INSTALLMENT_IN_FORCE as IN_FORCE

SETTLED = "settled"


def _uuid(run: SqlRunner) -> str:
    from app.server.jobs.cases_sql import _uuid as case_uuid

    return case_uuid(run)


def close_settled_loans(run: SqlRunner, *, business_date: date, kept: str) -> int:
    """Close the loans of the settlements selected by `kept` (plan_id, case_id, loan_id);
    returns how many loans were closed."""
    n = run.temp_table("settle_new", kept)
    if n == 0:
        run.drop("settle_new")
        run.temp_tables.remove("settle_new")
        return 0
    owed = owed_parts_sql("i")
    interest_due = f"(CASE WHEN i.due_date < :d THEN {owed['interest']} ELSE 0 END)"
    balance = f"{owed['principal']} + {interest_due} + {owed['penalty']} + {owed['fees']}"
    run.temp_table(
        "settle_rows",
        "SELECT s.plan_id, s.case_id, s.loan_id, p.waived_interest, p.waived_penalty,"
        " p.waived_fees, COALESCE((SELECT SUM(" + balance + ") FROM installments i"
        f" WHERE i.loan_id = s.loan_id AND i.status = '{IN_FORCE}'), 0) AS balance"
        " FROM settle_new s JOIN plans p ON p.id = s.plan_id"
        " WHERE NOT EXISTS (SELECT 1 FROM write_offs w WHERE w.plan_id = s.plan_id)",
        {"d": business_date},
    )
    run.execute(
        "INSERT INTO write_offs (id, loan_id, case_id, plan_id, kind, principal, interest,"
        " penalty, fees, total, balance_closed, booked_on, created_at)"
        f" SELECT {_uuid(run)}, r.loan_id, r.case_id, r.plan_id, 'settlement', 0,"
        " r.waived_interest, r.waived_penalty, r.waived_fees,"
        " r.waived_interest + r.waived_penalty + r.waived_fees, r.balance, :d, :now"
        " FROM settle_rows r",
        {"d": business_date, "now": run.now},
    )
    run.execute(
        f"UPDATE installments SET status = '{SETTLED}'"
        f" WHERE status = '{IN_FORCE}' AND (paid_on IS NULL"
        " OR principal > paid_principal OR interest > paid_interest + waived_interest"
        " OR fees > paid_fees + waived_fees OR penalty > paid_penalty + waived_penalty)"
        " AND loan_id IN (SELECT loan_id FROM settle_rows)"
    )
    closed = run.rowcount(
        "UPDATE loans SET closed_on = :d, closed_as = 'settled', outstanding_principal = 0,"
        " updated_at = :now WHERE id IN (SELECT loan_id FROM settle_rows)",
        {"d": business_date, "now": run.now},
    )
    obj = "json_build_object" if run.dialect.pg else "json_object"
    run.execute(
        "INSERT INTO audit_log (at, actor_id, actor, action, entity, entity_id, details)"
        " SELECT :now, NULL, NULL, 'loan.settled', 'loan', r.loan_id,"
        f" {obj}('plan_id', r.plan_id, 'case_id', r.case_id,"
        " 'waived_interest', r.waived_interest, 'waived_penalty', r.waived_penalty,"
        " 'waived_fees', r.waived_fees, 'balance_closed', r.balance,"
        " 'business_date', :ds) FROM settle_rows r",
        {"now": run.now, "ds": business_date.isoformat()},
    )
    for name in ("settle_rows", "settle_new"):
        run.drop(name)
        run.temp_tables.remove(name)
    return closed
