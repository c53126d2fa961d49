"""Set-based case maintenance: open, refresh, cure/close and prioritise collection cases.

Every statement first copies the ids of the cases it is about to change into the temp
table `run_touched`, with the same condition as the change itself, so the run records
exactly one sync change per touched case and nothing when a second run changes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from app.domain.delinquency import DEFAULT_BUCKETS, DEFAULT_POLICY, BucketRanges, PenaltyPolicy
from app.domain.priority import BUCKET_FACTORS, RISK_WEIGHTS, TIER_SPAN, TIERS
from app.server.jobs.case_display import DISPLAY_COLUMNS, display_values
from app.server.jobs.sqlkit import SqlRunner

ACTIVE = "status <> 'closed'"


def touch(run: SqlRunner, select_ids: str, params: Mapping[str, object] | None = None) -> None:
    run.execute(
        "INSERT INTO run_touched (case_id) SELECT t.id FROM (" + select_ids + ") t"
        " WHERE NOT EXISTS (SELECT 1 FROM run_touched r WHERE r.case_id = t.id)",
        params,
    )


def start_touched(run: SqlRunner) -> None:
    """Create the temp table of touched case ids."""
    run.create_temp("run_touched", "case_id VARCHAR(36) PRIMARY KEY")


def touch_paid_loans(run: SqlRunner) -> None:
    """Active cases of loans that received payments in this run."""
    touch(
        run,
        f"SELECT c.id FROM cases c JOIN run_paid_loans p ON p.loan_id = c.loan_id WHERE c.{ACTIVE}",
    )


def refresh_cases(
    run: SqlRunner,
    *,
    business_date: date,
    policy: PenaltyPolicy = DEFAULT_POLICY,
    buckets: BucketRanges = DEFAULT_BUCKETS,
) -> dict[str, int]:
    """Update open cases from `od_loan`, close cured ones, open cases for new delinquents."""
    first = buckets.buckets[0].label
    run.temp_table(
        "case_new",
        "SELECT c.id, c.loan_id, COALESCE(o.dpd, 0) AS dpd, COALESCE(o.bucket, :first) AS bucket,"
        " COALESCE(o.o_principal, 0) AS o_principal, COALESCE(o.o_interest, 0) AS o_interest,"
        " COALESCE(o.o_penalty, 0) AS o_penalty, COALESCE(o.o_fees, 0) AS o_fees,"
        " COALESCE(o.o_total, 0) AS o_total,"
        " CASE WHEN l.written_off = TRUE THEN 'recovery'"
        # a care call (risk/care_calls.py) is a case on a current loan: DPD 0 keeps it open
        "  WHEN COALESCE(o.dpd, 0) = 0 AND c.kind = 'care' THEN c.status"
        "  WHEN COALESCE(o.dpd, 0) = 0 THEN 'closed' ELSE 'open' END AS status,"
        # ... and once the loan falls overdue it is a collection case like any other
        " CASE WHEN COALESCE(o.dpd, 0) > 0 THEN 'collection' ELSE c.kind END AS kind"
        " FROM cases c JOIN loans l ON l.id = c.loan_id"
        " LEFT JOIN od_loan o ON o.loan_id = c.loan_id WHERE c.status <> 'closed'",
        {"first": first},
    )
    differs = (
        "(c.dpd <> n.dpd OR c.bucket <> n.bucket OR c.overdue_principal <> n.o_principal"
        " OR c.overdue_interest <> n.o_interest OR c.overdue_penalty <> n.o_penalty"
        " OR c.overdue_fees <> n.o_fees OR c.overdue_total <> n.o_total OR c.status <> n.status"
        " OR c.kind <> n.kind)"
    )
    touch(run, f"SELECT c.id FROM cases c JOIN case_new n ON n.id = c.id WHERE {differs}")
    # cases that move to another bucket and stay open: the allocation hands them to the
    # team that works their new bucket (case_allocation.allocate_cases(rolled=...))
    run.temp_table(
        "case_rolled",
        "SELECT c.id FROM cases c JOIN case_new n ON n.id = c.id"
        " WHERE c.bucket <> n.bucket AND n.status <> 'closed'",
    )
    closed = int(
        run.execute(
            "SELECT COUNT(*) FROM case_new n JOIN cases c ON c.id = n.id"
            " WHERE n.status = 'closed' AND c.status <> 'closed'"
        ).scalar_one()
    )
    updated = run.rowcount(
        "UPDATE cases SET dpd = n.dpd, bucket = n.bucket, overdue_principal = n.o_principal,"
        " overdue_interest = n.o_interest, overdue_penalty = n.o_penalty,"
        " overdue_fees = n.o_fees, overdue_total = n.o_total, status = n.status, kind = n.kind,"
        " closed_on = CASE WHEN n.status = 'closed' THEN :d ELSE NULL END, updated_at = :now"
        " FROM case_new n WHERE cases.id = n.id AND (cases.dpd <> n.dpd"
        " OR cases.bucket <> n.bucket OR cases.overdue_principal <> n.o_principal"
        " OR cases.overdue_interest <> n.o_interest OR cases.overdue_penalty <> n.o_penalty"
        " OR cases.overdue_fees <> n.o_fees OR cases.overdue_total <> n.o_total"
        " OR cases.status <> n.status OR cases.kind <> n.kind)",
        {"d": business_date, "now": run.now},
    )
    run.temp_table(
        "case_open",
        "SELECT o.loan_id FROM od_loan o WHERE o.dpd > :grace"
        " AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.loan_id = o.loan_id"
        " AND c.status <> 'closed')",
        {"grace": policy.grace_days},
    )
    opened = run.rowcount(
        "INSERT INTO cases (id, loan_id, borrower_id, status, dpd, bucket, overdue_principal,"
        " overdue_interest, overdue_penalty, overdue_fees, overdue_total, priority, flags,"
        " debtor_unreachable, opened_on, next_action_kind, version, created_at, updated_at,"
        f" {', '.join(DISPLAY_COLUMNS)})"
        f" SELECT {_uuid(run)}, l.id, l.borrower_id,"
        " CASE WHEN l.written_off = TRUE THEN 'recovery' ELSE 'open' END, o.dpd, o.bucket,"
        " o.o_principal, o.o_interest, o.o_penalty, o.o_fees, o.o_total, 0,"
        # the borrower's flags follow them to a new case: a do-not-call, cease, dispute,
        # complaint, hardship or legal hold set on an earlier case still stands
        " COALESCE((SELECT p.flags FROM cases p WHERE p.borrower_id = l.borrower_id"
        " ORDER BY p.opened_on DESC, p.created_at DESC LIMIT 1), '[]'), FALSE,"
        " :d, 'none', 0, :now, :now, "
        + ", ".join(display_values(loan="l.id", borrower="l.borrower_id"))
        + " FROM case_open x JOIN od_loan o ON o.loan_id = x.loan_id JOIN loans l ON l.id = o.loan_id",
        {"d": business_date, "now": run.now},
    )
    touch(
        run,
        "SELECT c.id FROM cases c JOIN case_open x ON x.loan_id = c.loan_id"
        " WHERE c.status <> 'closed'",
    )
    return {"cases_updated": updated, "cases_closed": closed, "cases_opened": opened}


def _uuid(run: SqlRunner) -> str:
    from sqlalchemy.dialects import postgresql, sqlite

    from app.server.db import new_uuid

    dialect: Any = postgresql.dialect() if run.dialect.pg else sqlite.dialect()  # type: ignore[no-untyped-call]
    return str(new_uuid().compile(dialect=dialect))


def _score_case(
    amount: str,
    risk: str,
    bucket: str,
    risk_weights: Mapping[str, Decimal],
    bucket_factors: Mapping[str, Decimal],
) -> str:
    """CASE over (risk, bucket) giving round_half_up(weight x factor x fen / 100), capped."""
    whens = []
    for r, w in risk_weights.items():
        for b, f in bucket_factors.items():
            num, den = (w * f).as_integer_ratio()
            den *= 100
            whens.append(
                f"WHEN {risk} = '{r}' AND {bucket} = '{b}' "
                f"THEN (2 * {amount} * {num} + {den}) / {2 * den}"
            )
    mw = risk_weights.get("medium", Decimal("1.5"))
    num, den = mw.as_integer_ratio()
    den *= 100
    fallback = f"(2 * {amount} * {num} + {den}) / {2 * den}"
    score = "(CASE " + " ".join(whens) + f" ELSE {fallback} END)"
    cap = TIER_SPAN - 1
    return f"(CASE WHEN {score} > {cap} THEN {cap} ELSE {score} END)"


def update_priorities(
    run: SqlRunner,
    *,
    risk_weights: Mapping[str, Decimal] = RISK_WEIGHTS,
    bucket_factors: Mapping[str, Decimal] = BUCKET_FACTORS,
) -> int:
    """priority = tier(next_action_kind) x 10^8 + score (app.domain.priority.case_priority)."""
    tier = (
        "(CASE c.next_action_kind "
        + " ".join(f"WHEN '{k}' THEN {v}" for k, v in TIERS.items())
        + " ELSE 0 END)"
    )
    score = _score_case(
        "c.overdue_total", "b.risk_segment", "c.bucket", risk_weights, bucket_factors
    )
    run.temp_table(
        "case_prio",
        f"SELECT c.id, {tier} * {TIER_SPAN} + {score} AS priority FROM cases c"
        " JOIN borrowers b ON b.id = c.borrower_id WHERE c.status <> 'closed'",
    )
    touch(
        run,
        "SELECT c.id FROM cases c JOIN case_prio p ON p.id = c.id WHERE c.priority <> p.priority",
    )
    return run.rowcount(
        "UPDATE cases SET priority = p.priority, updated_at = :now FROM case_prio p"
        " WHERE cases.id = p.id AND cases.priority <> p.priority",
        {"now": run.now},
    )
