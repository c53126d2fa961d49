"""Collection KPIs (DOMAIN.md "KPIs") as pure functions over simple records.

Ratios are Decimal rounded half up to 4 places (0.1234 = 12.34%), or None when the
denominator is 0. Amounts are Money. Nothing here reads a clock or a database: callers
select the period's records and pass them in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

# dispositions where a person picked up: the one list is in app.domain.contact_history
from app.domain.contact_history import CONNECTED_DISPOSITIONS as CONNECTED_DISPOSITIONS
from app.domain.delinquency import DEFAULT_BUCKETS, BucketRanges
from app.domain.errors import DomainError
from app.domain.money import Money

RATIO_PLACES = Decimal("0.0001")
GroupBy = Literal["agent", "team", "bucket"]


def ratio(numerator: int | Money, denominator: int | Money) -> Decimal | None:
    """numerator / denominator as a Decimal (4 places, half up); None when denominator is 0."""
    num = numerator.fen if isinstance(numerator, Money) else numerator
    den = denominator.fen if isinstance(denominator, Money) else denominator
    if isinstance(num, bool) or isinstance(den, bool):
        raise DomainError("ratio", "booleans are not counts")
    if num < 0 or den < 0:
        raise DomainError("ratio", "counts and amounts must not be negative")
    if den == 0:
        return None
    return (Decimal(num) / Decimal(den)).quantize(RATIO_PLACES, rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class Rate:
    """A rate with what it is made of: `numerator` of `denominator` (counts or fen), so a
    "100 %" from one call reads as 1 of 1. `value` is `ratio(numerator, denominator)`."""

    numerator: int
    denominator: int

    def __post_init__(self) -> None:
        ratio(self.numerator, self.denominator)  # the same checks: no bools, no negatives

    @property
    def value(self) -> Decimal | None:
        return ratio(self.numerator, self.denominator)


@dataclass(frozen=True, slots=True)
class Attempt:
    """One call attempt and how it ended. `inbound`: the borrower called in; the contact,
    RPC and PTP rates count outbound attempts only (the agent's dialling), inbound calls
    are a figure of their own (`inbound_calls`)."""

    case_id: str
    agent: str
    connected: bool
    right_party: bool = False
    promise: bool = False
    inbound: bool = False

    def __post_init__(self) -> None:
        if self.right_party and not self.connected:
            raise DomainError("right_party", "a right-party contact must be connected")
        if self.promise and not self.right_party:
            raise DomainError("promise", "only a right-party contact ends in a promise")

    @classmethod
    def from_disposition(
        cls,
        case_id: str,
        agent: str,
        disposition: str,
        *,
        promise: bool = False,
        inbound: bool = False,
    ) -> Attempt:
        connected = disposition in CONNECTED_DISPOSITIONS
        return cls(case_id, agent, connected, disposition == "right_party", promise, inbound)


@dataclass(frozen=True, slots=True)
class CollectedPayment:
    """A payment on a case, attributed to the agent/team/bucket of the case at the time."""

    amount: Money
    paid_on: date
    agent: str | None = None
    team: str | None = None
    bucket: str | None = None


@dataclass(frozen=True, slots=True)
class LoanBalance:
    """Outstanding balance of one loan and its DPD on the reporting date."""

    outstanding: Money
    dpd: int


def coverage(queue_case_ids: Iterable[str], attempts: Iterable[Attempt]) -> Decimal | None:
    """Cases dialled at least once / cases in the queue (an inbound call is not dialling)."""
    queue = set(queue_case_ids)
    dialled = {a.case_id for a in _outbound(attempts)} & queue
    return ratio(len(dialled), len(queue))


def _outbound(attempts: Iterable[Attempt]) -> list[Attempt]:
    return [a for a in attempts if not a.inbound]


def contact_rate_of(attempts: Iterable[Attempt]) -> Rate:
    """Connected outbound calls of outbound call attempts (接通率)."""
    items = _outbound(attempts)
    return Rate(sum(a.connected for a in items), len(items))


def rpc_rate_of(attempts: Iterable[Attempt]) -> Rate:
    """Right-party contacts of connected calls (outbound)."""
    items = _outbound(attempts)
    return Rate(sum(a.right_party for a in items), sum(a.connected for a in items))


def ptp_rate_of(attempts: Iterable[Attempt]) -> Rate:
    """Right-party contacts ending in a promise of right-party contacts (outbound)."""
    items = _outbound(attempts)
    return Rate(sum(a.promise for a in items), sum(a.right_party for a in items))


def contact_rate(attempts: Iterable[Attempt]) -> Decimal | None:
    """Connected calls / call attempts (接通率), outbound only."""
    return contact_rate_of(attempts).value


def rpc_rate(attempts: Iterable[Attempt]) -> Decimal | None:
    """Right-party contacts / connected calls, outbound only."""
    return rpc_rate_of(attempts).value


def ptp_rate(attempts: Iterable[Attempt]) -> Decimal | None:
    """Contacts ending in a promise / right-party contacts, outbound only."""
    return ptp_rate_of(attempts).value


def inbound_calls(attempts: Iterable[Attempt]) -> int:
    """Calls the borrower (or someone for them) made to the desk: their own figure."""
    return sum(a.inbound for a in attempts)


def ptp_kept_rate(statuses: Iterable[str]) -> Decimal | None:
    """Kept promises / promises due (kept + broken; pending ones are not yet due)."""
    kept = broken = 0
    for s in statuses:
        if s == "kept":
            kept += 1
        elif s == "broken":
            broken += 1
        elif s != "pending":
            raise DomainError("status", f"unknown promise status {s!r}")
    return ratio(kept, kept + broken)


def _in_period(day: date, start: date | None, end: date | None) -> bool:
    return (start is None or day >= start) and (end is None or day <= end)


def amount_collected(
    payments: Iterable[CollectedPayment], *, start: date | None = None, end: date | None = None
) -> Money:
    """Sum of payments dated within [start, end] (inclusive; open ends allowed)."""
    return Money(sum(p.amount.fen for p in payments if _in_period(p.paid_on, start, end)))


def collected_by(
    payments: Iterable[CollectedPayment],
    by: GroupBy,
    *,
    start: date | None = None,
    end: date | None = None,
) -> dict[str, Money]:
    """Amount collected per agent, team or bucket ("" for unattributed payments)."""
    if by not in ("agent", "team", "bucket"):
        raise DomainError("by", "must be agent, team or bucket")
    totals: dict[str, int] = {}
    for p in payments:
        if _in_period(p.paid_on, start, end):
            key = getattr(p, by) or ""
            totals[key] = totals.get(key, 0) + p.amount.fen
    return {k: Money(v) for k, v in sorted(totals.items())}


def roll_rate(
    last_month: Mapping[str, Money],
    this_month: Mapping[str, Money],
    from_bucket: str,
    *,
    ranges: BucketRanges = DEFAULT_BUCKETS,
) -> Decimal | None:
    """Balance in bucket M(n+1) this month / balance in Mn last month (迁移率)."""
    to_bucket = ranges.next_label(from_bucket)
    if to_bucket is None:
        raise DomainError("from_bucket", f"{from_bucket} is the last bucket; it cannot roll")
    zero = Money(0)
    return ratio(this_month.get(to_bucket, zero), last_month.get(from_bucket, zero))


def roll_rates(
    last_month: Mapping[str, Money],
    this_month: Mapping[str, Money],
    *,
    ranges: BucketRanges = DEFAULT_BUCKETS,
) -> dict[str, Decimal | None]:
    """Roll rate from every bucket but the last, keyed "M1->M2" style."""
    out: dict[str, Decimal | None] = {}
    for label in ranges.labels[:-1]:
        nxt = ranges.next_label(label)
        out[f"{label}->{nxt}"] = roll_rate(last_month, this_month, label, ranges=ranges)
    return out


def cure_rate(open_at_start: Iterable[str], cured: Iterable[str]) -> Decimal | None:
    """Cases that returned to M0 / cases open at the start of the period."""
    opened = set(open_at_start)
    return ratio(len(set(cured) & opened), len(opened))


def overdue_rate(loans: Iterable[LoanBalance], *, min_dpd: int = 1) -> Decimal | None:
    """Outstanding balance of loans with DPD >= min_dpd / total outstanding balance (逾期率)."""
    overdue = total = 0
    for loan in loans:
        if loan.dpd < 0:
            raise DomainError("dpd", "must not be negative")
        total += loan.outstanding.fen
        if loan.dpd >= min_dpd:
            overdue += loan.outstanding.fen
    return ratio(overdue, total)


def recovery_rate(collected_on_overdue: Money, overdue_amount: Money) -> Decimal | None:
    """Amount collected on overdue loans / overdue amount."""
    return ratio(collected_on_overdue, overdue_amount)
