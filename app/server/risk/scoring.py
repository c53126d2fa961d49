"""`risk score`: score the book with the newest model, store scores, segments and factors.

One transaction, for a business date D (run after the overdue run of D):

1. features of every open loan as of D (features_sql) -> probabilities and contributions
   (numpy; no scikit-learn), segments from the configured thresholds, top 3 factors;
2. `loan_risk` rows written where the score, segment, factors or model differ (a staging
   temp table, then one UPDATE ... FROM and one INSERT ... SELECT);
3. each borrower's `risk_segment` becomes the worst segment of their open loans (the one
   the desk shows and the worklist priority uses), where it differs;
4. the case priorities are recomputed by the overdue run's own statement
   (cases_sql.update_priorities: app.domain.priority's rule), so a new segment moves the
   case in the agents' order at once;
5. care calls for current high-risk loans are opened and closed (care_calls), and new
   ones dealt to the care team's agents (case_allocation);
6. one sync change per case whose bundle changed (its loan's risk, its borrower's segment,
   its priority, or it was opened/closed as a care call) and one audit row.

Running it twice for the same date changes nothing the second time.
"""

from __future__ import annotations

import json
import logging
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import numpy as np
from sqlalchemy import (
    Column,
    Date,
    Engine,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    column,
    select,
    table,
)
from sqlalchemy.orm import Session

from app.domain.risk import FEATURE_CODES, RiskFactor, check_thresholds, top_factors
from app.server.audit import audit
from app.server.changes import record_case_changes_sql
from app.server.jobs import case_allocation, cases_sql
from app.server.jobs.bulk import bulk_insert
from app.server.jobs.sqlkit import SqlRunner
from app.server.risk import care_calls
from app.server.risk.features_sql import features_as_of
from app.server.risk.model_store import ModelArrays, latest_model
from app.server.settings import Settings

log = logging.getLogger(__name__)
SCORE_DECIMALS = 4  # the stored probability; finer changes are noise, not news for a desk
_STAGE = Table(
    "risk_stage",
    MetaData(),
    Column("loan_id", String(36)),
    Column("model_version", Integer),
    Column("score", Float),
    Column("segment", String(8)),
    Column("factors", Text),
    Column("scored_on", Date),
    prefixes=["TEMPORARY"],
)


@dataclass(frozen=True, slots=True)
class ScoreReport:
    """What one scoring run did."""

    business_date: date
    model_version: int
    counts: dict[str, int] = field(default_factory=dict)
    segments: dict[str, int] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class BookScores:
    """Scores of a feature frame: per loan, probability, segment and factors."""

    loan_ids: list[str]
    probabilities: np.ndarray
    segments: list[str]
    factors: list[list[RiskFactor]]


def score_frame(
    model: ModelArrays,
    loan_ids: list[str],
    values: np.ndarray,
    *,
    medium_from: float,
    high_from: float,
) -> BookScores:
    """Probabilities (rounded), segments and top factors of raw feature rows."""
    check_thresholds(medium_from, high_from)
    if model.features != FEATURE_CODES:
        raise ValueError(
            f"model v{model.version} was fitted on other features; refit it (`risk fit`)"
        )
    parts = model.contributions(values)
    probs = np.round(model.probabilities(parts), SCORE_DECIMALS)
    segments = np.where(probs >= high_from, "high", np.where(probs >= medium_from, "medium", "low"))
    clipped = model.clip(values)
    factors = [
        top_factors(clipped[k].tolist(), parts[k].tolist(), codes=model.features)
        for k in range(len(loan_ids))
    ]
    return BookScores(loan_ids, probs, [str(s) for s in segments], factors)


def factors_json(factors: list[RiskFactor]) -> str:
    """The stored (and compared) JSON text of a loan's factors: what SQLAlchemy's JSON type
    writes (json.dumps defaults), so a row written here reads back like any other."""
    return json.dumps([f.as_dict() for f in factors])


def score_book(
    target: Session | Engine,
    *,
    business_date: date,
    settings: Settings | None = None,
    now: datetime | None = None,
) -> ScoreReport:
    """Score every open loan as of `business_date` and apply the strategy; commits."""
    settings = settings or Settings()
    if isinstance(target, Engine):
        with Session(target, expire_on_commit=False) as session:
            return score_book(session, business_date=business_date, settings=settings, now=now)
    session = target
    now = now or datetime.now(UTC)
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    try:
        model = ModelArrays.from_row(latest_model(session))
        frame = features_as_of(session, business_date, lender_tz=settings.lender_timezone)
        timings["features"] = time.perf_counter() - t0
        t1 = time.perf_counter()
        scores = score_frame(
            model,
            frame.loan_ids,
            frame.values,
            medium_from=settings.risk_medium_from,
            high_from=settings.risk_high_from,
        )
        timings["score"] = time.perf_counter() - t1
        t1 = time.perf_counter()
        run = SqlRunner(session, now=now)
        counts = _store(run, model.version, scores, business_date)
        timings["store"] = time.perf_counter() - t1
        t1 = time.perf_counter()
        counts.update(_apply_strategy(run, business_date, settings))
        timings["strategy"] = time.perf_counter() - t1
        segments = dict(sorted(Counter(scores.segments).items()))
        audit(
            session,
            actor=None,
            action="risk_score",
            entity="job",
            entity_id=business_date.isoformat(),
            details={"model_version": model.version, **counts, "segments": segments},
        )
        t1 = time.perf_counter()
        session.commit()
        timings["commit"] = time.perf_counter() - t1
    except BaseException:
        session.rollback()
        raise
    log.info("risk score %s: %s", business_date, counts)
    return ScoreReport(business_date, model.version, counts, segments, timings)


def _store(run: SqlRunner, version: int, scores: BookScores, day: date) -> dict[str, int]:
    """Stage the scores, write the loan_risk rows that differ; leaves `risk_changed`."""
    run.drop("risk_stage")
    _STAGE.create(run.session.connection())
    run.temp_tables.append("risk_stage")
    rows: list[dict[str, Any]] = [
        {
            "loan_id": loan_id,
            "model_version": version,
            "score": float(p),
            "segment": seg,
            "factors": factors_json(f),
            "scored_on": day,
        }
        for loan_id, p, seg, f in zip(
            scores.loan_ids, scores.probabilities, scores.segments, scores.factors, strict=True
        )
    ]
    bulk_insert(run.session.connection(), _STAGE, rows)
    if run.dialect.pg:
        run.execute("ANALYZE risk_stage")
    as_text = "CAST(r.factors AS TEXT)"
    changed = run.temp_table(
        "risk_changed",
        "SELECT s.loan_id, CASE WHEN r.loan_id IS NULL THEN 1 ELSE 0 END AS is_new"
        " FROM risk_stage s LEFT JOIN loan_risk r ON r.loan_id = s.loan_id"
        " WHERE r.loan_id IS NULL OR r.model_version <> s.model_version OR r.score <> s.score"
        f" OR r.segment <> s.segment OR {as_text} <> s.factors",
    )
    factors = "CAST(s.factors AS JSON)" if run.dialect.pg else "s.factors"
    run.execute(
        f"UPDATE loan_risk SET model_version = s.model_version, score = s.score,"
        f" segment = s.segment, factors = {factors}, scored_on = s.scored_on,"
        " updated_at = :now FROM risk_stage s JOIN risk_changed x ON x.loan_id = s.loan_id"
        " WHERE loan_risk.loan_id = s.loan_id AND x.is_new = 0",
        {"now": run.now},
    )
    # the new rows come from the staged set alone: an INSERT that probed loan_risk while
    # writing it planned a nested loop over a table it believed empty (O(n^2): 200,000
    # loans ran for over 15 minutes on PostgreSQL)
    inserted = run.rowcount(
        "INSERT INTO loan_risk (loan_id, model_version, score, segment, factors, scored_on,"
        f" updated_at) SELECT s.loan_id, s.model_version, s.score, s.segment, {factors},"
        " s.scored_on, :now FROM risk_stage s JOIN risk_changed x ON x.loan_id = s.loan_id"
        " WHERE x.is_new = 1",
        {"now": run.now},
    )
    if inserted and run.dialect.pg:
        run.execute("ANALYZE loan_risk")  # the care-call and segment statements read it next
    # the date of the latest scoring, for every scored loan (not news for the desks)
    run.execute(
        "UPDATE loan_risk SET scored_on = :d WHERE scored_on <> :d"
        " AND loan_id IN (SELECT loan_id FROM risk_stage)",
        {"d": day},
    )
    return {"loans_scored": len(rows), "scores_changed": changed, "scores_new": inserted}


_RANK = "(CASE lr.segment WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END)"


def _apply_strategy(run: SqlRunner, day: date, settings: Settings) -> dict[str, int]:
    """Borrower segments, priorities, care calls, allocation and the sync changes."""
    cases_sql.start_touched(run)
    cases_sql.touch(
        run,
        "SELECT c.id FROM cases c JOIN risk_changed x ON x.loan_id = c.loan_id"
        " WHERE c.status <> 'closed'",
    )
    run.temp_table(
        "risk_borrower",
        "SELECT b.id, CASE y.r WHEN 3 THEN 'high' WHEN 2 THEN 'medium' ELSE 'low' END AS segment"
        f" FROM (SELECT l.borrower_id, MAX({_RANK}) AS r FROM loan_risk lr"
        " JOIN loans l ON l.id = lr.loan_id WHERE l.closed_on IS NULL AND lr.scored_on = :d"
        " GROUP BY l.borrower_id) y JOIN borrowers b ON b.id = y.borrower_id"
        " WHERE b.risk_segment <> CASE y.r WHEN 3 THEN 'high' WHEN 2 THEN 'medium'"
        " ELSE 'low' END",
        {"d": day},
    )
    cases_sql.touch(
        run,
        "SELECT c.id FROM cases c JOIN risk_borrower x ON x.id = c.borrower_id"
        " WHERE c.status <> 'closed'",
    )
    borrowers = run.rowcount(
        "UPDATE borrowers SET risk_segment = x.segment, updated_at = :now FROM risk_borrower x"
        " WHERE borrowers.id = x.id",
        {"now": run.now},
    )
    priorities = cases_sql.update_priorities(run)
    care = care_calls.refresh_care_cases(
        run,
        business_date=day,
        max_days=settings.care_call_max_days,
        cooldown_days=settings.care_call_cooldown_days,
        max_new=settings.care_call_max_new_per_day,
    )
    assigned = case_allocation.allocate_cases(
        run, now=run.now, bucket_teams=case_allocation.DEFAULT_BUCKET_TEAMS
    )
    touched = table("run_touched", column("case_id"))
    n = int(run.execute("SELECT COUNT(*) FROM run_touched").scalar_one())
    record_case_changes_sql(run.session, select(touched.c.case_id))
    run.drop_all()
    return {
        "borrower_segments_changed": borrowers,
        "priorities_changed": priorities,
        **care,
        "cases_assigned": assigned["cases_assigned"],
        "cases_touched": n,
    }
