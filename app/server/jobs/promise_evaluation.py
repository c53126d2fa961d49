"""Set-based promise-to-pay evaluation (app.domain.promises rules) and next actions.

A pending promise is kept when the loan's payments dated from the promise's creation day
(the date of `created_at` in the lender's zone, `lender_timezone`: a payment dated before
the day the promise was made never keeps it) through its date + grace, and not after the
business date, add up to its amount; broken when the business date is past date + grace
without that. The cases' next action is then recomputed by the one rule of every write
(`refresh_next_actions`, app.domain.next_action): a broken promise puts its case on top
unless a newer promise or plan replaced it, it was made good or an open callback follows
it up (the priority update then sets the case's tier); a pending promise is due at 09:00
of its date in the lender's zone (`promise_due_at`), as when recorded at the desk.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import bindparam, column, select, table, text

from app.domain.business_day import DEFAULT_LENDER_TIMEZONE, zone
from app.domain.next_action import derive
from app.domain.promises import DEFAULT_GRACE_DAYS
from app.server.jobs.cases_sql import touch
from app.server.jobs.sqlkit import SqlRunner
from app.server.models import Callback, Case, Payment, Plan, Promise
from app.server.models.base import UTCDateTime
from app.server.services import next_actions


def evaluate_promises(
    run: SqlRunner,
    *,
    business_date: date,
    grace_days: int = DEFAULT_GRACE_DAYS,
    lender_timezone: str = DEFAULT_LENDER_TIMEZONE,
) -> dict[str, int]:
    """Mark kept/broken promises; returns counts."""
    zone(lender_timezone, field="lender_timezone")  # refuse a bad zone first
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
    return {"promises_evaluated": changed}


def refresh_next_actions(
    run: SqlRunner,
    *,
    business_date: date,
    grace_days: int = DEFAULT_GRACE_DAYS,
    lender_timezone: str = DEFAULT_LENDER_TIMEZONE,
) -> dict[str, int]:
    """Recompute the next action (app.domain.next_action, the rule of every write) of the
    cases whose facts the run moved or that may be out of date: promises or plans judged
    today, cases shown as broken (a payment may have made the promise good), closed cases
    still showing an action, and open cases showing none despite a pending promise or an
    open callback. Set-based: a fixed number of statements whatever the book's size; the
    moved cases are touched (one sync change each; the priority step sets their tier)."""
    run.temp_table(
        "na_ids",
        "SELECT case_id AS id FROM promises WHERE evaluated_on = :d"
        " UNION SELECT case_id FROM plans WHERE evaluated_on = :d"
        " UNION SELECT id FROM cases WHERE next_action_kind = 'broken_promise'"
        " UNION SELECT id FROM cases WHERE status = 'closed' AND next_action_kind <> 'none'"
        " UNION SELECT c.id FROM cases c WHERE c.status <> 'closed'"
        " AND c.next_action_kind = 'none' AND (EXISTS (SELECT 1 FROM promises p"
        " WHERE p.case_id = c.id AND p.status = 'pending') OR EXISTS (SELECT 1 FROM"
        " callbacks b WHERE b.case_id = c.id AND b.done = :false))",
        {"d": business_date, "false": False},
    )
    na = table("na_ids", column("id"))
    session = run.session
    cases = session.execute(
        select(
            Case.id,
            Case.loan_id,
            Case.status,
            Case.flags,
            Case.next_action_kind,
            Case.next_action_at,
        ).join(na, na.c.id == Case.id)
    ).all()
    broken_promise = (
        select(Promise.id).where(Promise.case_id == Case.id, Promise.status == "broken").exists()
    )
    facts = next_actions.build_facts(
        [next_actions.CaseKey(r[0], r[1], r[2], tuple(r[3] or ())) for r in cases],
        session.execute(
            select(
                Promise.case_id,
                Promise.promised_on,
                Promise.created_at,
                Promise.status,
                Promise.amount,
            ).join(na, na.c.id == Promise.case_id)
        ),
        session.execute(
            select(Callback.case_id, Callback.due_at, Callback.done, Callback.created_at).join(
                na, na.c.id == Callback.case_id
            )
        ),
        session.execute(
            select(Plan.case_id, Plan.status, Plan.created_at).join(na, na.c.id == Plan.case_id)
        ),
        session.execute(
            select(Case.id, Payment.paid_on, Payment.amount)
            .join(Case, Case.loan_id == Payment.loan_id)
            .join(na, na.c.id == Case.id)
            .where(broken_promise)
        ),
    )
    moved: list[dict[str, object]] = [
        {"m_id": "", "m_kind": "none", "m_at": None}
    ]  # never empty: one statement
    for r in cases:
        action = derive(facts[r[0]], lender_tz=lender_timezone, grace_days=grace_days)
        if r[4] != action.kind or r[5] != action.at:
            moved.append({"m_id": r[0], "m_kind": action.kind, "m_at": action.at})
    run.create_temp(
        "na_moved",
        "id VARCHAR(36), kind VARCHAR(16), at "
        + ("TIMESTAMP WITH TIME ZONE" if run.dialect.pg else "TIMESTAMP"),
    )
    run.session.execute(
        text("INSERT INTO na_moved (id, kind, at) VALUES (:m_id, :m_kind, :m_at)").bindparams(
            bindparam("m_at", type_=UTCDateTime())
        ),
        moved,
    )
    touch(run, "SELECT m.id FROM na_moved m JOIN cases c ON c.id = m.id")
    run.execute(
        "UPDATE cases SET next_action_kind = m.kind, next_action_at = m.at, updated_at = :now"
        " FROM na_moved m WHERE cases.id = m.id",
        {"now": run.now},
    )
    broken = run.execute(
        "SELECT COUNT(*) FROM cases WHERE next_action_kind = 'broken_promise'"
        " AND status <> 'closed'"
    ).scalar_one()
    return {"next_actions_moved": len(moved) - 1, "cases_broken_promise": int(broken)}
