"""Early-warning care calls: current (M0) loans whose risk is high get a call from an agent.

A care call is an ordinary case of kind 'care' (status open, bucket M0, DPD 0, nothing
overdue), so it reaches the desk like any case: the sync feed sends its bundle to the
agent it is dealt to, the contact policy, scripts, notes, promises and callbacks all work
on it, and scope is the worklist's (the agent who holds it, the lead of the team that works
M0 — case_allocation.DEFAULT_BUCKET_TEAMS["M0"], the early-collections team — and admins).
Its priority follows app.domain.priority like every case (no overdue amount: score 0, so
it sits below the overdue work unless a promise or callback lifts it); the desk lists
care calls with the M0 bucket filter or by `kind`.

- opened for the loans scored high on the business date that are in M0 (loans.dpd = 0),
  not written off or closed, have no case open, and had no care call closed within the
  cooldown: at most `max_new` a day (the team's capacity), the highest scores first, the
  rest waiting for the next days; it carries the flags (do-not-call, cease, ...) of the
  borrower's latest case;
- closed when its loan is no longer high risk, when a right-party contact was recorded on
  it (the call is done), or after `max_days`;
- when the loan falls overdue, the overdue run turns it into a collection case (cases_sql)
  and it keeps its history.
"""

from __future__ import annotations

from datetime import date, timedelta

from app.server.jobs.case_display import DISPLAY_COLUMNS, display_values
from app.server.jobs.cases_sql import _uuid, touch
from app.server.jobs.sqlkit import SqlRunner

CARE = "kind = 'care' AND status = 'open'"


def refresh_care_cases(
    run: SqlRunner,
    *,
    business_date: date,
    max_days: int,
    cooldown_days: int,
    max_new: int = 200,
) -> dict[str, int]:
    """Close the care calls that are done or stale, open at most `max_new` new ones, the
    highest scores first (run_touched must exist); returns {"care_calls_opened": n,
    "care_calls_closed": m}."""
    if max_days < 1 or cooldown_days < 0 or max_new < 0:
        raise ValueError("care_call_max_days must be >= 1, the cooldown and the daily maximum >= 0")
    done = (
        f"SELECT c.id FROM cases c WHERE c.{CARE} AND ("
        " NOT EXISTS (SELECT 1 FROM loan_risk lr WHERE lr.loan_id = c.loan_id"
        "  AND lr.segment = 'high')"
        " OR EXISTS (SELECT 1 FROM contact_attempts ca WHERE ca.case_id = c.id"
        "  AND ca.disposition = 'right_party')"
        " OR c.opened_on <= :stale)"
    )
    run.temp_table("care_done", done, {"stale": business_date - timedelta(days=max_days)})
    touch(run, "SELECT id FROM care_done")
    closed = run.rowcount(
        "UPDATE cases SET status = 'closed', closed_on = :d, next_action_kind = 'none',"
        " next_action_at = NULL, updated_at = :now WHERE id IN (SELECT id FROM care_done)",
        {"d": business_date, "now": run.now},
    )
    run.execute(
        "UPDATE case_assignments SET ended_at = :now WHERE ended_at IS NULL"
        " AND case_id IN (SELECT id FROM care_done)",
        {"now": run.now},
    )
    run.temp_table(
        "care_open",
        "SELECT l.id AS loan_id, l.borrower_id FROM loan_risk lr JOIN loans l ON l.id = lr.loan_id"
        " WHERE lr.segment = 'high' AND lr.scored_on = :d AND l.dpd = 0 AND l.bucket = 'M0'"
        f" AND l.written_off = {run.dialect.false()} AND l.closed_on IS NULL"
        " AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.loan_id = l.id AND c.status <> 'closed')"
        " AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.loan_id = l.id AND c.kind = 'care'"
        "  AND c.closed_on > :cool)"
        " ORDER BY lr.score DESC, l.id LIMIT :n",
        {"d": business_date, "cool": business_date - timedelta(days=cooldown_days), "n": max_new},
    )
    flags = (
        "COALESCE((SELECT p.flags FROM cases p WHERE p.borrower_id = x.borrower_id"
        " ORDER BY p.opened_on DESC, p.id DESC LIMIT 1), '[]')"
    )
    opened = run.rowcount(
        "INSERT INTO cases (id, loan_id, borrower_id, status, kind, dpd, bucket,"
        " overdue_principal, overdue_interest, overdue_penalty, overdue_fees, overdue_total,"
        " priority, flags, debtor_unreachable, opened_on, next_action_kind, version,"
        f" created_at, updated_at, {', '.join(DISPLAY_COLUMNS)})"
        f" SELECT {_uuid(run)}, x.loan_id, x.borrower_id, 'open', 'care', 0, 'M0',"
        f" 0, 0, 0, 0, 0, 0, {_flags_value(run, flags)}, FALSE, :d, 'none', 0, :now, :now, "
        + ", ".join(display_values(loan="x.loan_id", borrower="x.borrower_id"))
        + " FROM care_open x",
        {"d": business_date, "now": run.now},
    )
    touch(
        run,
        "SELECT c.id FROM cases c JOIN care_open x ON x.loan_id = c.loan_id"
        f" WHERE c.{CARE} AND c.opened_on = :d",
        {"d": business_date},
    )
    return {"care_calls_opened": opened, "care_calls_closed": closed}


def _flags_value(run: SqlRunner, expr: str) -> str:
    """The flags JSON column from a correlated sub-select (json on PostgreSQL: '[]' literal
    cast, SQLite: text)."""
    if run.dialect.pg:
        return expr.replace("'[]')", "CAST('[]' AS JSON))")
    return expr
