"""Worklist ordering: what an agent should do next, and the int priority stored on a case.

Order (DESIGN.md §1, DOMAIN.md "Outcomes"): broken promises first (oldest break first), then
promises due today, then callbacks that are due (earliest first), then everything else by
score = risk weight x overdue amount (yuan) x bucket factor (highest first). Ties break on
case id so the order is total and deterministic. Pure: `now` is passed in.

`case_priority` packs the same order into one int (higher = call sooner) that fits a 32-bit
column: tier x 10^8 + min(score, 10^8 - 1).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from app.domain.errors import DomainError
from app.domain.money import Money

NextActionKind = Literal["broken_promise", "promise_due", "callback", "none"]

TIER_SPAN = 10**8
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
TIERS: dict[NextActionKind, int] = {"broken_promise": 3, "promise_due": 2, "callback": 1, "none": 0}

RISK_WEIGHTS: Mapping[str, Decimal] = {
    "low": Decimal("1.0"),
    "medium": Decimal("1.5"),
    "high": Decimal("2.0"),
}
BUCKET_FACTORS: Mapping[str, Decimal] = {
    "M0": Decimal("0.5"),
    "M1": Decimal("1.0"),
    "M2": Decimal("1.2"),
    "M3": Decimal("1.5"),
    "M3+": Decimal("1.5"),
}


@dataclass(frozen=True, slots=True)
class WorkItem:
    """What the worklist needs to know about a case to place it."""

    case_id: str
    overdue: Money
    bucket: str = "M1"
    risk_segment: str = "medium"
    broken_promise_at: datetime | None = None  # when the oldest unresolved broken promise broke
    promise_due_on: date | None = None  # earliest pending promise date
    callback_due_at: datetime | None = None  # earliest open callback


@dataclass(frozen=True, slots=True)
class NextAction:
    """The next thing to do on a case and since when it is due."""

    kind: NextActionKind
    at: datetime | None


def _aware(value: datetime, name: str) -> datetime:
    if not isinstance(value, datetime) or value.tzinfo is None or value.utcoffset() is None:
        raise DomainError(name, "must be a timezone-aware datetime")
    return value


def priority_score(
    overdue: Money,
    *,
    bucket: str,
    risk_segment: str = "medium",
    risk_weights: Mapping[str, Decimal] = RISK_WEIGHTS,
    bucket_factors: Mapping[str, Decimal] = BUCKET_FACTORS,
) -> int:
    """risk weight x overdue amount in yuan x bucket factor, rounded half up, capped."""
    if not isinstance(overdue, Money) or overdue.fen < 0:
        raise DomainError("overdue", "must be a non-negative Money amount")
    if risk_segment not in risk_weights:
        raise DomainError("risk_segment", f"unknown risk segment {risk_segment!r}")
    weight = risk_weights[risk_segment]
    factor = bucket_factors.get(bucket, Decimal(1))
    score = (weight * factor * overdue.fen / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return min(int(score), TIER_SPAN - 1)


def next_action(item: WorkItem, *, now: datetime, today: date | None = None) -> NextAction:
    """The most urgent action on the case at `now` (today defaults to now's local date)."""
    _aware(now, "now")
    day = today if today is not None else now.date()
    if item.broken_promise_at is not None:
        return NextAction("broken_promise", _aware(item.broken_promise_at, "broken_promise_at"))
    if item.promise_due_on is not None and item.promise_due_on == day:
        return NextAction("promise_due", None)
    if item.callback_due_at is not None and _aware(item.callback_due_at, "callback_due_at") <= now:
        return NextAction("callback", item.callback_due_at)
    return NextAction("none", None)


def case_priority(
    item: WorkItem,
    *,
    now: datetime,
    today: date | None = None,
    risk_weights: Mapping[str, Decimal] = RISK_WEIGHTS,
    bucket_factors: Mapping[str, Decimal] = BUCKET_FACTORS,
) -> int:
    """One int, higher = call sooner: the action tier, then the score."""
    action = next_action(item, now=now, today=today)
    score = priority_score(
        item.overdue,
        bucket=item.bucket,
        risk_segment=item.risk_segment,
        risk_weights=risk_weights,
        bucket_factors=bucket_factors,
    )
    return TIERS[action.kind] * TIER_SPAN + score


def worklist_key(
    item: WorkItem,
    *,
    now: datetime,
    today: date | None = None,
    risk_weights: Mapping[str, Decimal] = RISK_WEIGHTS,
    bucket_factors: Mapping[str, Decimal] = BUCKET_FACTORS,
) -> tuple[int, int, int, str]:
    """Ascending sort key: tier, then time within the tier, then score, then case id."""
    action = next_action(item, now=now, today=today)
    score = priority_score(
        item.overdue,
        bucket=item.bucket,
        risk_segment=item.risk_segment,
        risk_weights=risk_weights,
        bucket_factors=bucket_factors,
    )
    when = (action.at - EPOCH) // timedelta(microseconds=1) if action.at is not None else 0
    return (-TIERS[action.kind], when, -score, item.case_id)


def order_worklist(
    items: Iterable[WorkItem], *, now: datetime, today: date | None = None
) -> list[WorkItem]:
    """The worklist in the order an agent should work it."""
    return sorted(items, key=lambda it: worklist_key(it, now=now, today=today))


def with_tier(priority: int, kind: str) -> int:
    """`priority` with its action tier replaced by `kind`'s (the score is kept): what a
    stored case priority becomes when its next action is recomputed between daily runs."""
    tier = next((t for k, t in TIERS.items() if k == kind), 0)
    return tier * TIER_SPAN + int(priority) % TIER_SPAN
