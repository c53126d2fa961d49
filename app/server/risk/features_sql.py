"""Risk features of every loan as of a business date, set-based (one SQL statement).

"As of T" means what the lender knew at the end of business date T: installments due
before T and whether they were paid by T (`paid_on <= T`), payments dated up to T, calls
started before the start of T + 1 in the lender's zone, promises whose date + grace had
passed by T (their kept/broken status depends only on payments up to that day, so it was
known then). Nothing dated after T enters a feature.

The training label of a snapshot (with `horizon_days` H) is whether the loan reached 30 or
more days past due on some day T+1 .. T+H: an installment due on `due` and paid on `paid`
(NULL: unpaid today) is 30+ days overdue on the days [due + 30, paid - 1], so the label is
1 when that span meets [T + 1, T + H]. The caller only builds snapshots with T + H <= the
last business date the data covers, so every label window is fully observed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import numpy as np
from sqlalchemy.orm import Session

from app.domain.business_day import DEFAULT_LENDER_TIMEZONE
from app.domain.promises import DEFAULT_GRACE_DAYS
from app.domain.risk import FEATURE_CODES
from app.server.jobs.sqlkit import SqlRunner

LABEL_DPD = 30
UNREACHED = ("no_answer", "busy", "voicemail", "wrong_number", "number_invalid")
REFUSED = ("refused", "hung_up")


@dataclass(frozen=True, slots=True)
class FeatureFrame:
    """Loans (sorted by id), their raw feature values (FEATURE_CODES order), DPD as of the
    date, and the labels when a horizon was asked for."""

    loan_ids: list[str]
    values: np.ndarray  # shape (n, len(FEATURE_CODES)), float64, not yet capped
    dpd: np.ndarray  # int64
    labels: np.ndarray | None  # int8, 1 = reached 30+ DPD within the horizon


def _in(values: Sequence[str]) -> str:
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"  # constants of this module


def features_as_of(
    session: Session,
    as_of: date,
    *,
    lender_tz: str = DEFAULT_LENDER_TIMEZONE,
    horizon_days: int | None = None,
    promise_grace_days: int = DEFAULT_GRACE_DAYS,
) -> FeatureFrame:
    """Features (and labels with `horizon_days`) of the loans open at `as_of`."""
    run = SqlRunner(session)
    d = run.dialect
    zone = ZoneInfo(lender_tz)
    cut = datetime.combine(as_of + timedelta(days=1), time(0), tzinfo=zone).astimezone(UTC)
    params: dict[str, object] = {
        "t": as_of,
        "t365": as_of - timedelta(days=365),
        "tg": as_of - timedelta(days=promise_grace_days),
        "c90": cut - timedelta(days=90),
        "cut": cut,
        "ty": as_of.year,
        "upper": as_of,
    }
    label_sql = "0"
    if horizon_days is not None:
        if horizon_days < LABEL_DPD:
            raise ValueError(f"horizon must be at least {LABEL_DPD} days")
        params["th"] = as_of + timedelta(days=horizon_days)
        params["t2"] = as_of + timedelta(days=2)
        params["upper"] = as_of + timedelta(days=horizon_days - LABEL_DPD)
        label_sql = (
            f"MAX(CASE WHEN {d.add_days('i.due_date', LABEL_DPD)} <= :th AND (i.paid_on IS NULL"
            f" OR (i.paid_on >= {d.add_days('i.due_date', LABEL_DPD + 1)}"
            " AND i.paid_on >= :t2)) THEN 1 ELSE 0 END)"
        )
    in_12m = "i.due_date >= :t365 AND i.due_date < :t"
    settled_by_t = "CASE WHEN i.paid_on IS NOT NULL AND i.paid_on <= :t THEN i.paid_on ELSE :t END"
    sql = (
        "SELECT l.id,"
        f" COALESCE({d.days(':t', 'a.oldest_unpaid')}, 0) AS dpd,"
        " COALESCE(a.max_late, 0), COALESCE(a.n_due, 0), COALESCE(a.n_late, 0),"
        " COALESCE(a.due_total, 0), COALESCE(p.paid, 0),"
        " COALESCE(pr.broken, 0), COALESCE(c.unreached, 0), COALESCE(c.refused, 0),"
        f" COALESCE(c.rpc, 0), {d.days(':t', 'l.disbursed_on')},"
        " :ty - COALESCE(v.year, :ty), l.annual_rate, COALESCE(a.label, 0)"
        " FROM loans l LEFT JOIN vehicles v ON v.loan_id = l.id"
        " LEFT JOIN (SELECT i.loan_id,"
        "  MIN(CASE WHEN i.due_date < :t AND (i.paid_on IS NULL OR i.paid_on > :t)"
        "   THEN i.due_date END) AS oldest_unpaid,"
        f"  MAX(CASE WHEN {in_12m} THEN {d.days(settled_by_t, 'i.due_date')} END) AS max_late,"
        f"  SUM(CASE WHEN {in_12m} THEN 1 ELSE 0 END) AS n_due,"
        f"  SUM(CASE WHEN {in_12m} AND (i.paid_on IS NULL OR i.paid_on > i.due_date)"
        "   THEN 1 ELSE 0 END) AS n_late,"
        "  SUM(CASE WHEN i.due_date <= :t THEN i.payment ELSE 0 END) AS due_total,"
        f"  {label_sql} AS label"
        "  FROM installments i WHERE i.due_date <= :upper GROUP BY i.loan_id) a"
        " ON a.loan_id = l.id"
        " LEFT JOIN (SELECT loan_id, SUM(amount) AS paid FROM payments WHERE paid_on <= :t"
        "  GROUP BY loan_id) p ON p.loan_id = l.id"
        " LEFT JOIN (SELECT cs.loan_id, COUNT(*) AS broken FROM promises pm"
        "  JOIN cases cs ON cs.id = pm.case_id WHERE pm.status = 'broken'"
        "  AND pm.promised_on >= :t365 AND pm.promised_on < :tg GROUP BY cs.loan_id) pr"
        " ON pr.loan_id = l.id"
        " LEFT JOIN (SELECT cs.loan_id,"
        f"  SUM(CASE WHEN ca.disposition IN {_in(UNREACHED)} THEN 1 ELSE 0 END) AS unreached,"
        f"  SUM(CASE WHEN ca.disposition IN {_in(REFUSED)} THEN 1 ELSE 0 END) AS refused,"
        "  SUM(CASE WHEN ca.disposition = 'right_party' THEN 1 ELSE 0 END) AS rpc"
        "  FROM contact_attempts ca JOIN cases cs ON cs.id = ca.case_id"
        "  WHERE ca.channel = 'outbound_call' AND ca.started_at >= :c90"
        "  AND ca.started_at < :cut GROUP BY cs.loan_id) c ON c.loan_id = l.id"
        " WHERE l.disbursed_on < :t AND (l.closed_on IS NULL OR l.closed_on > :t)"
        " ORDER BY l.id"
    )
    # sorted here, not by the database's collation, so every backend yields the same order
    rows = sorted(run.execute(sql, params).all(), key=lambda r: str(r[0]))
    n = len(rows)
    loan_ids = [r[0] for r in rows]
    if n == 0:
        empty = np.zeros((0, len(FEATURE_CODES)))
        labels = np.zeros(0, dtype=np.int8) if horizon_days is not None else None
        return FeatureFrame([], empty, np.zeros(0, dtype=np.int64), labels)
    raw = np.array([[float(x) for x in r[1:]] for r in rows], dtype=np.float64)
    dpd, max_late, n_due, n_late, due_total, paid = (raw[:, k] for k in range(6))
    broken, unreached, refused, rpc, age_days, vehicle_age, rate, label = (
        raw[:, k] for k in range(6, 14)
    )
    late_share = np.divide(n_late, n_due, out=np.zeros(n), where=n_due > 0)
    paid_to_due = np.divide(paid, due_total, out=np.ones(n), where=due_total > 0)
    columns = {
        "dpd_now": dpd,
        "max_dpd_12m": max_late,
        "late_share_12m": late_share,
        "paid_to_due": paid_to_due,
        "broken_promises_12m": broken,
        "unreached_calls_90d": unreached,
        "refused_calls_90d": refused,
        "right_party_90d": rpc,
        "loan_age_months": np.floor(age_days / 30.0),
        "vehicle_age_years": vehicle_age,
        "annual_rate_pct": np.round(rate * 100.0, 4),
    }
    values = np.column_stack([columns[c] for c in FEATURE_CODES])
    labels = label.astype(np.int8) if horizon_days is not None else None
    return FeatureFrame(loan_ids, values, dpd.astype(np.int64), labels)
