"""Delinquency: days past due (DPD), buckets, penalty interest (罚息) and the overdue breakdown.

Rules (DOMAIN.md "Delinquency, penalty and payment allocation"):

- An installment is overdue when it is due before today and its shortfall (scheduled
  principal + interest + fees not yet paid) exceeds the tolerance (容差, `tolerance`,
  default ¥1.00): a few fen left by a payment a day late do not make it overdue. DPD =
  today - due date of the oldest overdue installment (0 if none). A tolerated shortfall is
  still owed and shown in the breakdown, like penalty left unpaid on a paid installment, but
  neither keeps DPD above 0.
- Penalty interest default rate = contract annual rate x (1 + uplift 0.5), capped so that
  contract rate + penalty rate stays within `cost_cap` (default 24 %/year; never below 0);
  daily rate = that / day_count (360 default, 365 configurable); charged on the unpaid
  principal (base "principal", default) or on the unpaid principal + interest (base
  "installment") from the day after the due date until paid, and only while the
  installment is overdue (no penalty runs on a tolerated shortfall). Exact integer
  arithmetic; the result is rounded half up to the fen once per accrual segment (see
  `InstallmentState.penalty_accrued`).
- Grace (宽限期, `penalty_grace_days`, default 3): during the grace days after the due date
  the penalty is not due - it is neither shown nor taken by a payment - and an installment
  brought within tolerance by a payment dated within them pays none for those days
  (`allocation.apply_payments` forgives it). Once the grace days have passed unpaid, the
  penalty is due from the day after the due date, as without grace.
- Penalty already paid is subtracted; what is owed never goes below zero.
- tolerance 0, penalty_grace_days 0 and cost_cap None give the rules before issue 10.

The hot loop works on integer fen and an integer rate fraction, so 100k loans x 36
installments evaluate in a few seconds; the public API takes and returns Money.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from app.domain.errors import DomainError
from app.domain.money import Money
from app.domain.schedule_types import Schedule

PenaltyBase = Literal["principal", "installment"]
ZERO = Money(0)
MAX_ANNUAL_RATE = Decimal(1)
DEFAULT_TOLERANCE = Money(100)  # ¥1.00
DEFAULT_PENALTY_GRACE_DAYS = 3
DEFAULT_COST_CAP = Decimal("0.24")  # contract rate + penalty rate, per year
COST_CAP_DECIMALS = 6  # the overdue run computes rates in exact millionths


def _non_negative_int(value: object, name: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise DomainError(name, "must be an integer")
    if value < 0:
        raise DomainError(name, "must not be negative")


@dataclass(frozen=True, slots=True)
class PenaltyPolicy:
    """Product settings for penalty interest, overdue status and when a case opens.

    `grace_days`: days past due before a case opens (DOMAIN.md's optional grace period).
    `penalty_grace_days`, `tolerance`, `cost_cap`: see the module docstring.
    """

    uplift: Decimal = Decimal("0.5")
    base: PenaltyBase = "principal"
    day_count: int = 360
    grace_days: int = 0
    tolerance: Money = DEFAULT_TOLERANCE
    penalty_grace_days: int = DEFAULT_PENALTY_GRACE_DAYS
    cost_cap: Decimal | None = DEFAULT_COST_CAP

    def __post_init__(self) -> None:
        if not isinstance(self.uplift, Decimal) or not self.uplift.is_finite():
            raise DomainError("uplift", "must be a finite Decimal")
        if self.uplift < 0:
            raise DomainError("uplift", "must not be negative")
        if self.base not in ("principal", "installment"):
            raise DomainError("base", f"must be 'principal' or 'installment', got {self.base!r}")
        if type(self.day_count) is not int or self.day_count not in (360, 365):
            raise DomainError("day_count", "must be 360 or 365")
        _non_negative_int(self.grace_days, "grace_days")
        _non_negative_int(self.penalty_grace_days, "penalty_grace_days")
        if not isinstance(self.tolerance, Money) or self.tolerance.fen < 0:
            raise DomainError("tolerance", "must be a non-negative Money amount")
        cap = self.cost_cap
        if cap is not None:
            if not isinstance(cap, Decimal) or not cap.is_finite():
                raise DomainError("cost_cap", "must be a finite Decimal or None (no cap)")
            if not Decimal(0) <= cap <= MAX_ANNUAL_RATE:
                raise DomainError("cost_cap", "must be between 0 and 1 (a yearly rate)")
            exponent = cap.normalize().as_tuple().exponent
            if isinstance(exponent, int) and exponent < -COST_CAP_DECIMALS:
                raise DomainError("cost_cap", f"at most {COST_CAP_DECIMALS} decimal places")

    def annual_penalty_rate(self, annual_rate: Decimal) -> Decimal:
        """The yearly penalty rate: contract rate x (1 + uplift), capped so that contract rate
        + penalty rate <= cost_cap (and never below 0)."""
        uncapped = check_rate(annual_rate) * (1 + self.uplift)
        if self.cost_cap is None:
            return uncapped
        room = self.cost_cap - annual_rate
        return max(Decimal(0), min(uncapped, room))

    def rate_above_cost_cap(self, annual_rate: Decimal) -> bool:
        """True when the contract rate alone exceeds the cost cap: the penalty rate is then
        0 and still cannot keep the loan's yearly cost within the cap (the import names such
        loans). Never true without a cap."""
        return self.cost_cap is not None and check_rate(annual_rate) > self.cost_cap

    def rate_fraction(self, annual_rate: Decimal) -> tuple[int, int]:
        """Daily penalty rate as an exact integer fraction (numerator, denominator)."""
        num, den = self.annual_penalty_rate(annual_rate).as_integer_ratio()
        return num, den * self.day_count


DEFAULT_POLICY = PenaltyPolicy()


def check_rate(annual_rate: Decimal, field_name: str = "annual_rate") -> Decimal:
    """Validate a contract annual rate: a finite Decimal between 0 and 1 (100%)."""
    if not isinstance(annual_rate, Decimal) or not annual_rate.is_finite():
        raise DomainError(field_name, "must be a finite Decimal (never float)")
    if annual_rate < 0 or annual_rate > MAX_ANNUAL_RATE:
        raise DomainError(field_name, f"must be between 0 and 1, got {annual_rate}")
    return annual_rate


def check_day(value: date, field_name: str = "today") -> date:
    """Refuse datetimes and non-dates where a calendar date is meant."""
    if isinstance(value, datetime) or not isinstance(value, date):
        raise DomainError(field_name, "must be a date (not a datetime)")
    return value


def round_div_half_up(numerator: int, denominator: int) -> int:
    """numerator / denominator rounded half up, for numerator >= 0 and denominator > 0."""
    return (2 * numerator + denominator) // (2 * denominator)


# -- buckets ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Bucket:
    """One DPD range, inclusive on both ends; high None means open-ended."""

    label: str
    low: int
    high: int | None


@dataclass(frozen=True, slots=True)
class BucketRanges:
    """Contiguous DPD ranges starting at 0; the last one is open-ended."""

    buckets: tuple[Bucket, ...]

    def __post_init__(self) -> None:
        if not self.buckets:
            raise DomainError("buckets", "at least one bucket is needed")
        expected_low = 0
        seen: set[str] = set()
        for i, b in enumerate(self.buckets):
            if not b.label or b.label in seen:
                raise DomainError("buckets", f"labels must be unique and non-empty: {b.label!r}")
            seen.add(b.label)
            if b.low != expected_low:
                raise DomainError("buckets", f"{b.label} must start at {expected_low}")
            last = i == len(self.buckets) - 1
            if (b.high is None) != last:
                raise DomainError("buckets", "only the last bucket is open-ended, and it must be")
            if b.high is not None:
                if b.high < b.low:
                    raise DomainError("buckets", f"{b.label} ends before it starts")
                expected_low = b.high + 1

    @classmethod
    def from_limits(cls, limits: Sequence[tuple[str, int | None]]) -> BucketRanges:
        """Build from (label, inclusive upper DPD) pairs, e.g. [("M0", 0), ("M1", 30), ...]."""
        buckets: list[Bucket] = []
        low = 0
        for label, high in limits:
            buckets.append(Bucket(label, low, high))
            low = (high + 1) if high is not None else low
        return cls(tuple(buckets))

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(b.label for b in self.buckets)

    def next_label(self, label: str) -> str | None:
        """The bucket after `label` (for roll rates), None for the last."""
        labels = self.labels
        if label not in labels:
            raise DomainError("bucket", f"unknown bucket {label!r}")
        i = labels.index(label)
        return labels[i + 1] if i + 1 < len(labels) else None


DEFAULT_BUCKETS = BucketRanges.from_limits(
    [("M0", 0), ("M1", 30), ("M2", 60), ("M3", 90), ("M3+", None)]
)


def bucket_for(dpd: int, ranges: BucketRanges = DEFAULT_BUCKETS) -> str:
    """The bucket label for a DPD value."""
    if isinstance(dpd, bool) or not isinstance(dpd, int):
        raise DomainError("dpd", "must be an integer")
    if dpd < 0:
        raise DomainError("dpd", "must not be negative")
    for b in ranges.buckets:
        if b.high is None or dpd <= b.high:
            return b.label
    raise AssertionError("unreachable: the last bucket is open-ended")


def case_should_open(dpd: int, policy: PenaltyPolicy = DEFAULT_POLICY) -> bool:
    """A case opens when DPD exceeds the grace period."""
    if dpd < 0:
        raise DomainError("dpd", "must not be negative")
    return dpd > policy.grace_days


def case_should_close(dpd: int) -> bool:
    """An open case closes (cured) when DPD returns to 0."""
    if dpd < 0:
        raise DomainError("dpd", "must not be negative")
    return dpd == 0


# -- installments and the breakdown ---------------------------------------------------------


def _check_money(name: str, value: object) -> int:
    if not isinstance(value, Money):
        raise DomainError(name, f"expected Money, got {type(value).__name__}")
    if value.fen < 0:
        raise DomainError(name, "must not be negative")
    return value.fen


@dataclass(frozen=True, slots=True)
class InstallmentState:
    """One installment as scheduled and as paid so far (validated on construction).

    `penalty_accrued` is penalty already accrued up to `accrued_through` (set by
    `allocation.apply_payments`, which accrues up to each payment date); evaluation adds the
    accrual from `accrued_through` (or the due date) to today on the then-unpaid base.
    """

    n: int
    due_date: date
    principal: Money
    interest: Money
    fees: Money = ZERO
    paid_principal: Money = ZERO
    paid_interest: Money = ZERO
    paid_penalty: Money = ZERO
    paid_fees: Money = ZERO
    penalty_accrued: Money = ZERO
    accrued_through: date | None = None

    def __post_init__(self) -> None:
        if isinstance(self.n, bool) or not isinstance(self.n, int) or self.n < 1:
            raise DomainError("n", "installment number must be a positive integer")
        check_day(self.due_date, "due_date")
        for owed, paid in (
            ("principal", "paid_principal"),
            ("interest", "paid_interest"),
            ("fees", "paid_fees"),
        ):
            if _check_money(paid, getattr(self, paid)) > _check_money(owed, getattr(self, owed)):
                raise DomainError(paid, f"exceeds the installment's {owed}")
        _check_money("paid_penalty", self.paid_penalty)
        _check_money("penalty_accrued", self.penalty_accrued)
        if self.accrued_through is not None:
            check_day(self.accrued_through, "accrued_through")

    @property
    def settled(self) -> bool:
        """Scheduled principal, interest and fees fully paid."""
        return (
            self.paid_principal == self.principal
            and self.paid_interest == self.interest
            and self.paid_fees == self.fees
        )


@dataclass(frozen=True, slots=True)
class OverdueLine:
    """What one overdue installment still owes as of the evaluation date."""

    n: int
    due_date: date
    days_overdue: int
    principal: Money
    interest: Money
    penalty: Money
    fees: Money

    @property
    def total(self) -> Money:
        return Money(self.principal.fen + self.interest.fen + self.penalty.fen + self.fees.fen)


@dataclass(frozen=True, slots=True)
class Breakdown:
    """Totals of the overdue lines."""

    principal: Money = ZERO
    interest: Money = ZERO
    penalty: Money = ZERO
    fees: Money = ZERO

    @property
    def total(self) -> Money:
        return Money(self.principal.fen + self.interest.fen + self.penalty.fen + self.fees.fen)


@dataclass(frozen=True, slots=True)
class Delinquency:
    """Result of evaluating a loan on a business date."""

    dpd: int
    bucket: str
    lines: tuple[OverdueLine, ...] = ()
    totals: Breakdown = field(default_factory=Breakdown)

    @property
    def overdue(self) -> bool:
        return self.dpd > 0


def penalty_for(
    base: Money, days: int, *, annual_rate: Decimal, policy: PenaltyPolicy = DEFAULT_POLICY
) -> Money:
    """Penalty interest on `base` for `days` days, rounded half up to the fen."""
    fen = _check_money("base", base)
    if isinstance(days, bool) or not isinstance(days, int) or days < 0:
        raise DomainError("days", "must be a non-negative integer")
    num, den = policy.rate_fraction(annual_rate)
    return Money(round_div_half_up(fen * days * num, den))


def evaluate_delinquency(
    installments: Sequence[InstallmentState],
    *,
    annual_rate: Decimal,
    today: date,
    policy: PenaltyPolicy = DEFAULT_POLICY,
    buckets: BucketRanges = DEFAULT_BUCKETS,
) -> Delinquency:
    """DPD, bucket and per-installment overdue breakdown (with penalty) as of `today`.

    Installments must be given in due-date order (as a schedule lists them).
    """
    check_day(today)
    num, den = policy.rate_fraction(annual_rate)
    on_installment = policy.base == "installment"
    tolerance = policy.tolerance.fen
    grace = policy.penalty_grace_days
    lines: list[OverdueLine] = []
    dpd = 0
    tot_p = tot_i = tot_pen = tot_f = 0
    prev_due: date | None = None
    for inst in installments:
        if not isinstance(inst, InstallmentState):
            raise DomainError("installments", "expected InstallmentState items")
        due = inst.due_date
        if prev_due is not None and due < prev_due:
            raise DomainError("installments", "must be ordered by due date")
        prev_due = due
        if due >= today:
            continue
        op = inst.principal.fen - inst.paid_principal.fen
        oi = inst.interest.fen - inst.paid_interest.fen
        of = inst.fees.fen - inst.paid_fees.fen
        acc = inst.penalty_accrued.fen
        paid_pen = inst.paid_penalty.fen
        short = op + oi + of
        if short == 0 and acc <= paid_pen:
            continue  # settled: the common case, kept cheap
        start = inst.accrued_through
        if start is None or start < due:
            start = due
        elif start > today:
            raise DomainError("today", "is before the installment's accrual date")
        overdue = short > tolerance
        base = op + oi if on_installment else op
        if base and overdue:
            acc += round_div_half_up(base * (today - start).days * num, den)
        days_overdue = (today - due).days
        # within the grace days the penalty is not due (forgiven if paid in time)
        pen = acc - paid_pen if acc > paid_pen and days_overdue > grace else 0
        if overdue and dpd == 0:
            dpd = days_overdue
        if not (short or pen):
            continue
        lines.append(
            OverdueLine(inst.n, due, days_overdue, Money(op), Money(oi), Money(pen), Money(of))
        )
        tot_p += op
        tot_i += oi
        tot_pen += pen
        tot_f += of
    if not lines:
        return Delinquency(0, bucket_for(0, buckets))
    return Delinquency(
        dpd,
        bucket_for(dpd, buckets),
        tuple(lines),
        Breakdown(Money(tot_p), Money(tot_i), Money(tot_pen), Money(tot_f)),
    )


def installments_from_schedule(
    schedule: Schedule, *, fees: Money = ZERO
) -> tuple[InstallmentState, ...]:
    """Fresh (unpaid) installment states for every line of a schedule, `fees` on each."""
    return tuple(
        InstallmentState(line.n, line.due_date, line.principal, line.interest, fees)
        for line in schedule.lines
    )
