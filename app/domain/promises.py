"""Promise-to-pay (承诺还款) evaluation: pending, kept or broken.

A promise is kept when the payments dated from its creation day through its date + grace
(default 3 days) add up to at least its amount; broken when that window has passed (today
is after date + grace) without that; pending otherwise. A promise can be kept early (paid
in full before the promised date). Pure and idempotent: the answer depends only on the
arguments, and `today` (the lender's business date) is passed in.

Everything is judged by the lender's business date (DOMAIN.md; `lender_tz`, Asia/Shanghai
by default): payments are dated in it, and `created_at` (an aware instant, stored as UTC)
counts by its date in the lender's zone - so a payment dated before the day the promise
was made never keeps it, and one the same day does (payments carry a date, not a time).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Literal, Protocol

from app.domain.business_day import DEFAULT_LENDER_TIMEZONE, business_date, zone
from app.domain.delinquency import check_day
from app.domain.errors import DomainError
from app.domain.money import Money

PromiseStatus = Literal["pending", "kept", "broken"]
DEFAULT_GRACE_DAYS = 3
PROMISE_DUE_TIME = time(9)  # a promise falls due at 09:00 of its day, lender's time


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


def _creation_day(created_at: datetime | date, tz: tzinfo) -> date:
    if isinstance(created_at, datetime):
        return business_date(created_at, tz, field="created_at")
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
    lender_tz: str | tzinfo = DEFAULT_LENDER_TIMEZONE,
) -> PromiseCheck:
    """Evaluate a promise and return the status with the amount paid inside its window."""
    tz = zone(lender_tz, field="lender_tz")
    if not isinstance(amount, Money) or amount.fen <= 0:
        raise DomainError("amount", "a promise needs a positive Money amount")
    check_day(promised_on, "promised_on")
    check_day(today, "today")
    if isinstance(grace_days, bool) or not isinstance(grace_days, int) or grace_days < 0:
        raise DomainError("grace_days", "must be a non-negative integer")
    start = _creation_day(created_at, tz)
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
    lender_tz: str | tzinfo = DEFAULT_LENDER_TIMEZONE,
) -> PromiseStatus:
    """ "pending" | "kept" | "broken" for one promise as of `today`."""
    return check_promise(
        amount,
        created_at,
        promised_on,
        payments,
        today=today,
        grace_days=grace_days,
        lender_tz=lender_tz,
    ).status


def promise_due_at(
    promised_on: date, lender_tz: str | tzinfo = DEFAULT_LENDER_TIMEZONE
) -> datetime:
    """The instant a promise falls due: 09:00 of its date in the lender's zone (the desk
    lists it among the actions due today from then on)."""
    check_day(promised_on, "promised_on")
    return datetime.combine(promised_on, PROMISE_DUE_TIME, zone(lender_tz, field="lender_tz"))


def promise_deadline(promised_on: date, grace_days: int = DEFAULT_GRACE_DAYS) -> date:
    """Last day a payment still counts for the promise."""
    return check_day(promised_on, "promised_on") + timedelta(days=grace_days)
