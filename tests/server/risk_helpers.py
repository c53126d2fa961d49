"""Helpers of the risk tests: a hand-made stored model (as data) and call history."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from app.domain.risk import FEATURE_CODES
from app.server.models import ContactAttempt, RiskModel

SHANGHAI = ZoneInfo("Asia/Shanghai")


def store_model(session: Session, *, intercept: float, weights: dict[str, float]) -> int:
    """A model whose log-odds are intercept + sum(weight x raw value) (means 0, scales 1):
    readable by hand, so a test knows which loan must come out high or low."""
    row = RiskModel(
        as_of=date(2026, 1, 1),
        horizon_days=90,
        label="dpd30_within_90d",
        features=list(FEATURE_CODES),
        coefficients=[weights.get(c, 0.0) for c in FEATURE_CODES],
        intercept=intercept,
        means=[0.0] * len(FEATURE_CODES),
        scales=[1.0] * len(FEATURE_CODES),
        auc_test=0.5,
        auc_train=0.5,
        metrics={},
        params={"hand_made": True},
    )
    session.add(row)
    session.commit()
    return row.version


def add_calls(
    session: Session,
    *,
    case_id: str,
    agent_id: int,
    phone_id: str,
    day: date,
    dispositions: list[str],
    hour: int = 9,
) -> None:
    """Outbound calls on `day` (Shanghai), one every 10 minutes from `hour`:00."""
    start = datetime.combine(day, time(hour, 0), tzinfo=SHANGHAI)
    for k, disposition in enumerate(dispositions):
        at = (start + timedelta(minutes=10 * k)).astimezone(UTC)
        session.add(
            ContactAttempt(
                id=str(uuid.uuid4()),
                case_id=case_id,
                agent_id=agent_id,
                phone_id=phone_id,
                channel="outbound_call",
                disposition=disposition,
                started_at=at,
                duration_s=60 if disposition == "right_party" else 0,
            )
        )
    session.commit()
