"""Promise-to-pay (承诺还款) evaluation: pending, kept or broken.

A promise is kept when the payments dated from its creation day through its date + grace
(default 3 days) add up to at least its amount; broken when that window has passed (today
is after date + grace) without that; pending otherwise. A promise can be kept early (paid
in full before the promised date). Pure and idempotent: the answer depends only on the
arguments, and `today` is passed in. Payments are compared by calendar date; `created_at`
(an aware datetime) counts by its own local date, so a payment the same day counts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal, Protocol

from app.domain.delinquency import check_day
from app.domain.errors import DomainError
from app.domain.money import Money

PromiseStatus = Literal["pending", "kept", "broken"]
DEFAULT_GRACE_DAYS = 3


class DatedPayment(Protocol):
    """Anything with a payment date and a Money amount (e.g. `allocation.Payment`)."""

    @property
    def paid_on(self) -> date: ...
    @property
    def amount(self) -> Money: ...


@dataclass(frozen=True, slots=True)
class PromiseCheck:
    """Status with the figures behind it."""

    status: PromiseStatus
    paid: Money
    window_start: date
    window_end: date  # promised_on + grace, inclusive


def _creation_day(created_at: datetime | date) -> date:
    if isinstance(created_at, datetime):
        if created_at.tzinfo is None or created_at.utcoffset() is None:
            raise DomainError("created_at", "must be timezone-aware")
        return created_at.date()
    if isinstance(created_at, date):
        return created_at
    raise DomainError("created_at", "must be a datetime or date")


def check_promise(
    amount: Money,
    created_at: datetime | date,
    promised_on: date,
    payments: Iterable[DatedPayment],
    *,
    today: date,
    grace_days: int = DEFAULT_GRACE_DAYS,
) -> PromiseCheck:
    """Evaluate a promise and return the status with the amount paid inside its window."""
    if not isinstance(amount, Money) or amount.fen <= 0:
        raise DomainError("amount", "a promise needs a positive Money amount")
    check_day(promised_on, "promised_on")
    check_day(today, "today")
    if isinstance(grace_days, bool) or not isinstance(grace_days, int) or grace_days < 0:
        raise DomainError("grace_days", "must be a non-negative integer")
    start = _creation_day(created_at)
    if promised_on < start:
        raise DomainError("promised_on", "is before the promise was made")
    end = promised_on + timedelta(days=grace_days)
    paid = 0
    for p in payments:
        day = check_day(p.paid_on, "paid_on")
        if not isinstance(p.amount, Money):
            raise DomainError("payments", "payment amount must be Money")
        if start <= day <= end and day <= today:
            paid += p.amount.fen
    if paid >= amount.fen:
        status: PromiseStatus = "kept"
    elif today > end:
        status = "broken"
    else:
        status = "pending"
    return PromiseCheck(status, Money(paid), start, end)


def evaluate_promise(
    amount: Money,
    created_at: datetime | date,
    promised_on: date,
    payments: Sequence[DatedPayment],
    *,
    today: date,
    grace_days: int = DEFAULT_GRACE_DAYS,
) -> PromiseStatus:
    """ "pending" | "kept" | "broken" for one promise as of `today`."""
    return check_promise(
        amount, created_at, promised_on, payments, today=today, grace_days=grace_days
    ).status


def promise_deadline(promised_on: date, grace_days: int = DEFAULT_GRACE_DAYS) -> date:
    """Last day a payment still counts for the promise."""
    return check_day(promised_on, "promised_on") + timedelta(days=grace_days)
