"""Payment allocation waterfall: oldest installment first, fees -> penalty -> interest -> principal.

`allocate_payment` splits one amount over what installments owe (any objects with n,
due_date, fees, penalty, interest, principal as Money, e.g. `delinquency.OverdueLine`).
`apply_payments` folds dated payments into installment states. Choice documented here:
before each payment, penalty accrues up to the payment date (inclusive of that day, i.e.
paid on the due date = no penalty; paid the day after = one day) on the base unpaid at that
moment while the installment is overdue (shortfall above the policy's tolerance), rounded
half up to the fen per accrual segment; then the payment is allocated to the installments
due on or before its date, oldest first, and (with `prepay=True`, the default) what is left
goes to later installments in order (no penalty on those). Within the policy's grace days
after a due date the penalty accrued so far is not taken by the payment, and if the payment
brings the installment within tolerance that penalty is forgiven (宽限期: paid within
grace, no penalty). Anything left after that is the unapplied remainder (overpayment).
Folding payments all at once or in several calls gives the same result. Amounts are
integer fen throughout: no fen is created or lost.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import pairwise
from typing import Literal, Protocol

from app.domain.delinquency import (
    DEFAULT_POLICY,
    InstallmentState,
    PenaltyPolicy,
    check_day,
    round_div_half_up,
)
from app.domain.errors import DomainError
from app.domain.money import Money

Component = Literal["fees", "penalty", "interest", "principal"]
COMPONENTS: tuple[Component, ...] = ("fees", "penalty", "interest", "principal")
DEFAULT_ORDER: tuple[Component, ...] = COMPONENTS


class Owed(Protocol):
    """What an installment still owes, by component."""

    @property
    def n(self) -> int: ...
    @property
    def due_date(self) -> date: ...
    @property
    def fees(self) -> Money: ...
    @property
    def penalty(self) -> Money: ...
    @property
    def interest(self) -> Money: ...
    @property
    def principal(self) -> Money: ...


@dataclass(frozen=True, slots=True)
class OwedParts:
    """A plain `Owed` value."""

    n: int
    due_date: date
    fees: Money
    penalty: Money
    interest: Money
    principal: Money


@dataclass(frozen=True, slots=True)
class Applied:
    """The part of a payment that went to one installment."""

    n: int
    fees: Money
    penalty: Money
    interest: Money
    principal: Money

    @property
    def total(self) -> Money:
        return Money(self.fees.fen + self.penalty.fen + self.interest.fen + self.principal.fen)


@dataclass(frozen=True, slots=True)
class AllocationResult:
    """Where a payment went, and the unapplied remainder (overpayment)."""

    amount: Money
    applied: tuple[Applied, ...]
    unapplied: Money

    @property
    def applied_total(self) -> Money:
        return Money(sum(a.total.fen for a in self.applied))


@dataclass(frozen=True, slots=True)
class Payment:
    """A dated payment received."""

    paid_on: date
    amount: Money


@dataclass(frozen=True, slots=True)
class PaymentRun:
    """Result of folding payments into installment states."""

    installments: tuple[InstallmentState, ...]
    allocations: tuple[AllocationResult, ...]
    unapplied: Money


def check_order(order: Sequence[str]) -> tuple[Component, ...]:
    """Validate a waterfall order: a permutation of fees, penalty, interest, principal."""
    if sorted(order) != sorted(COMPONENTS) or len(order) != len(COMPONENTS):
        raise DomainError("order", f"must be a permutation of {', '.join(COMPONENTS)}")
    return tuple(order)  # type: ignore[arg-type]


def _amount(value: object, name: str = "amount") -> int:
    if not isinstance(value, Money):
        raise DomainError(name, f"expected Money, got {type(value).__name__}")
    if value.fen < 0:
        raise DomainError(name, "must not be negative")
    return value.fen


def _waterfall(
    remaining: int, owed: list[dict[str, int]], order: tuple[Component, ...]
) -> tuple[list[dict[str, int]], int]:
    """Core allocation on integer fen: returns per-item taken parts and the remainder."""
    taken: list[dict[str, int]] = []
    for item in owed:
        parts: dict[str, int] = dict.fromkeys(COMPONENTS, 0)
        for comp in order:
            if not remaining:
                break
            take = min(remaining, item[comp])
            parts[comp] = take
            remaining -= take
        taken.append(parts)
        if not remaining:
            break
    return taken, remaining


def _result(amount: int, ns: list[int], taken: list[dict[str, int]], rest: int) -> AllocationResult:
    applied = tuple(
        Applied(
            n, Money(t["fees"]), Money(t["penalty"]), Money(t["interest"]), Money(t["principal"])
        )
        for n, t in zip(ns, taken, strict=False)
        if any(t.values())
    )
    return AllocationResult(Money(amount), applied, Money(rest))


def _owed_of(item: Owed | InstallmentState) -> dict[str, int]:
    if isinstance(item, InstallmentState):
        return {
            "fees": item.fees.fen - item.paid_fees.fen,
            "penalty": max(item.penalty_accrued.fen - item.paid_penalty.fen, 0),
            "interest": item.interest.fen - item.paid_interest.fen,
            "principal": item.principal.fen - item.paid_principal.fen,
        }
    return {c: _amount(getattr(item, c), c) for c in COMPONENTS}


def allocate_payment(
    amount: Money,
    installments: Sequence[Owed | InstallmentState],
    *,
    order: Sequence[str] = DEFAULT_ORDER,
) -> AllocationResult:
    """Allocate `amount` oldest installment first (by due date, then n), `order` within each.

    Items are what is owed (`Owed`, e.g. `OverdueLine`), or `InstallmentState`s, whose
    outstanding is scheduled - paid with penalty = penalty_accrued - paid_penalty (accrue
    it first, e.g. with `apply_payments`, or allocate to `evaluate_delinquency(...).lines`).
    The result says what to add to each installment's paid_* amounts.
    """
    fen = _amount(amount)
    steps = check_order(order)
    items = sorted(installments, key=lambda it: (it.due_date, it.n))
    owed = [_owed_of(it) for it in items]
    taken, rest = _waterfall(fen, owed, steps)
    return _result(fen, [it.n for it in items], taken, rest)


class _Work:
    """Mutable integer-fen working copy of an installment state."""

    __slots__ = (
        "acc",
        "due",
        "fees",
        "interest",
        "n",
        "p_fees",
        "p_int",
        "p_pen",
        "p_pri",
        "principal",
        "through",
    )

    def __init__(self, s: InstallmentState) -> None:
        self.n, self.due = s.n, s.due_date
        self.principal, self.interest, self.fees = s.principal.fen, s.interest.fen, s.fees.fen
        self.p_pri, self.p_int, self.p_fees = (
            s.paid_principal.fen,
            s.paid_interest.fen,
            s.paid_fees.fen,
        )
        self.p_pen, self.acc, self.through = (
            s.paid_penalty.fen,
            s.penalty_accrued.fen,
            s.accrued_through,
        )

    def shortfall(self) -> int:
        return self.principal - self.p_pri + self.interest - self.p_int + self.fees - self.p_fees

    def in_grace(self, day: date, grace: int) -> bool:
        """`day` is one of the grace days after the due date (penalty not yet due)."""
        return 0 < (day - self.due).days <= grace

    def accrue(self, day: date, num: int, den: int, on_installment: bool, tolerance: int) -> None:
        if self.due >= day:
            return
        start = self.due if self.through is None or self.through < self.due else self.through
        if start > day:
            raise DomainError("payments", "payment dated before the installments' accrual date")
        base = self.principal - self.p_pri
        if on_installment:
            base += self.interest - self.p_int
        if base and self.shortfall() > tolerance:
            self.acc += round_div_half_up(base * (day - start).days * num, den)
        self.through = day

    def owed(self, day: date, grace: int) -> dict[str, int]:
        held = self.in_grace(day, grace)
        return {
            "fees": self.fees - self.p_fees,
            "penalty": 0 if held else max(self.acc - self.p_pen, 0),
            "interest": self.interest - self.p_int,
            "principal": self.principal - self.p_pri,
        }

    def forgive_if_cured_in_grace(self, day: date, grace: int, tolerance: int) -> None:
        """Paid within the grace days down to the tolerance: no penalty for those days."""
        if self.acc > self.p_pen and self.in_grace(day, grace) and self.shortfall() <= tolerance:
            self.acc = self.p_pen

    def pay(self, parts: dict[str, int]) -> None:
        self.p_fees += parts["fees"]
        self.p_pen += parts["penalty"]
        self.p_int += parts["interest"]
        self.p_pri += parts["principal"]

    def state(self) -> InstallmentState:
        return InstallmentState(
            self.n,
            self.due,
            Money(self.principal),
            Money(self.interest),
            Money(self.fees),
            Money(self.p_pri),
            Money(self.p_int),
            Money(self.p_pen),
            Money(self.p_fees),
            Money(self.acc),
            self.through,
        )


def apply_payments(
    installments: Sequence[InstallmentState],
    payments: Sequence[Payment],
    *,
    annual_rate: Decimal,
    policy: PenaltyPolicy = DEFAULT_POLICY,
    order: Sequence[str] = DEFAULT_ORDER,
    prepay: bool = True,
) -> PaymentRun:
    """Fold dated payments (applied in date order, stable) into installment states."""
    steps = check_order(order)
    num, den = policy.rate_fraction(annual_rate)
    on_installment = policy.base == "installment"
    tolerance = policy.tolerance.fen
    grace = policy.penalty_grace_days
    work = [_Work(s) for s in installments]
    for a, b in pairwise(work):
        if b.due < a.due:
            raise DomainError("installments", "must be ordered by due date")
    for p in payments:
        if not isinstance(p, Payment):
            raise DomainError("payments", "expected Payment items")
        check_day(p.paid_on, "paid_on")
        _amount(p.amount)
    allocations: list[AllocationResult] = []
    unapplied = 0
    for p in sorted(payments, key=lambda p: p.paid_on):
        day = p.paid_on
        for w in work:
            w.accrue(day, num, den, on_installment, tolerance)
        due_now = [w for w in work if w.due <= day]
        targets = due_now + [w for w in work if w.due > day] if prepay else due_now
        taken, rest = _waterfall(p.amount.fen, [w.owed(day, grace) for w in targets], steps)
        for w, parts in zip(targets, taken, strict=False):
            w.pay(parts)
        if grace:
            for w in due_now:
                w.forgive_if_cured_in_grace(day, grace, tolerance)
        allocations.append(_result(p.amount.fen, [w.n for w in targets], taken, rest))
        unapplied += rest
    return PaymentRun(tuple(w.state() for w in work), tuple(allocations), Money(unapplied))
