"""A case's next action, recomputed from its live facts (issue 16 point 1).

The ONE rule of the server (app.server.services.next_actions, after every write of a fact
and in the daily run) and of the desk (app.client.local_next_action, after every local
write and after a pull that leaves local facts unsent), so both always agree and the next
action is never a left-over of an older fact. Pure: no clock; the lender's zone and the
promise grace days are arguments.

`derive(facts)` decides, in this order:

1. A closed case, or one with a flag that stops dialing (`MANDATORY_BLOCKING_FLAGS`), has
   no next action ("none"): there is no call to make.
2. The case's commitment is its LATEST promise or plan (by `created_at`; plans count
   unless rejected or a draft): a newer promise or plan replaces an older one whatever its
   status, so a kept or replaced promise never leaves "broken" behind.
3. When that commitment is a broken promise, the case's action is "broken_promise" (at
   the instant it broke: the start of the lender's day after date + grace) unless it has
   been answered: the borrower paid its amount since it was made (late), or the agent
   scheduled a callback after it broke that is still open (once that callback is done
   without a new commitment, the broken promise is again what to do).
4. Otherwise the soonest of: the commitment's date when it is a pending promise (09:00 of
   the promised day in the lender's zone, `promise_due_at`) and every open callback.
5. Nothing of that: "none".

A kept promise, a live plan or a broken plan as the commitment adds no action of its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo

from app.domain.business_day import (
    DEFAULT_LENDER_TIMEZONE,
    business_date,
    start_of_business_day,
    zone,
)
from app.domain.contact_policy_types import MANDATORY_BLOCKING_FLAGS
from app.domain.errors import DomainError
from app.domain.priority import NextAction
from app.domain.promises import DEFAULT_GRACE_DAYS, promise_due_at

#: plan statuses that make a plan the case's commitment (rejected and draft plans do not)
COMMITTING_PLAN_STATUSES: frozenset[str] = frozenset(
    {"pending_approval", "approved", "active", "kept", "broken"}
)


@dataclass(frozen=True, slots=True)
class PromiseFact:
    """A promise to pay as the case knows it (status as the server last judged it)."""

    promised_on: date
    created_at: datetime
    status: str = "pending"  # pending | kept | broken
    amount_fen: int = 0


@dataclass(frozen=True, slots=True)
class CallbackFact:
    """A scheduled callback; `created_at` None when unknown (never answers a break)."""

    due_at: datetime
    done: bool = False
    created_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class PlanFact:
    """A repayment plan: its status and when it was made."""

    status: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class PaymentFact:
    """A payment on the case's loan (dated by the lender's business date)."""

    paid_on: date
    amount_fen: int


@dataclass(frozen=True, slots=True)
class CaseFacts:
    """Everything the next action depends on."""

    status: str = "open"
    flags: frozenset[str] = field(default_factory=frozenset)
    promises: tuple[PromiseFact, ...] = ()
    callbacks: tuple[CallbackFact, ...] = ()
    plans: tuple[PlanFact, ...] = ()
    payments: tuple[PaymentFact, ...] = ()


def _aware(value: datetime, name: str) -> datetime:
    if not isinstance(value, datetime) or value.tzinfo is None or value.utcoffset() is None:
        raise DomainError(name, "must be a timezone-aware datetime")
    return value


def broken_at(
    promised_on: date,
    *,
    lender_tz: str | tzinfo = DEFAULT_LENDER_TIMEZONE,
    grace_days: int = DEFAULT_GRACE_DAYS,
) -> datetime:
    """The instant a promise not kept breaks: the start of the lender's day after its date
    + grace (the first day the daily run can judge it broken)."""
    return start_of_business_day(promised_on + timedelta(days=grace_days + 1), lender_tz)


def commitment(facts: CaseFacts) -> PromiseFact | PlanFact | None:
    """The case's latest promise or committing plan (a promise wins a tie)."""
    best: tuple[datetime, int, PromiseFact | PlanFact] | None = None
    key: tuple[datetime, int, PromiseFact | PlanFact]
    for p in facts.promises:
        key = (_aware(p.created_at, "promise.created_at"), 1, p)
        if best is None or key[:2] > best[:2]:
            best = key
    for plan in facts.plans:
        if plan.status not in COMMITTING_PLAN_STATUSES:
            continue
        key = (_aware(plan.created_at, "plan.created_at"), 0, plan)
        if best is None or key[:2] > best[:2]:
            best = key
    return best[2] if best is not None else None


def _paid_since(payments: Iterable[PaymentFact], day: date) -> int:
    return sum(p.amount_fen for p in payments if p.paid_on >= day)


def derive(
    facts: CaseFacts,
    *,
    lender_tz: str | tzinfo = DEFAULT_LENDER_TIMEZONE,
    grace_days: int = DEFAULT_GRACE_DAYS,
) -> NextAction:
    """The case's next action from its facts (see the module docstring)."""
    tz = zone(lender_tz, field="lender_tz")
    if isinstance(grace_days, bool) or not isinstance(grace_days, int) or grace_days < 0:
        raise DomainError("grace_days", "must be a non-negative integer")
    if facts.status == "closed" or facts.flags & MANDATORY_BLOCKING_FLAGS:
        return NextAction("none", None)
    open_callbacks = [c for c in facts.callbacks if not c.done]
    for c in open_callbacks:
        _aware(c.due_at, "callback.due_at")
    current = commitment(facts)
    if isinstance(current, PromiseFact) and current.status == "broken":
        broke = broken_at(current.promised_on, lender_tz=tz, grace_days=grace_days)
        made_on = business_date(current.created_at, tz, field="promise.created_at")
        made_good = current.amount_fen > 0 and (
            _paid_since(facts.payments, made_on) >= current.amount_fen
        )
        followed_up = any(
            c.created_at is not None and _aware(c.created_at, "callback.created_at") >= broke
            for c in open_callbacks
        )
        if not (made_good or followed_up):
            return NextAction("broken_promise", broke)
    candidates: list[tuple[datetime, str]] = []
    if isinstance(current, PromiseFact) and current.status == "pending":
        candidates.append((promise_due_at(current.promised_on, tz), "promise_due"))
    candidates.extend((c.due_at, "callback") for c in open_callbacks)
    if not candidates:
        return NextAction("none", None)
    at, kind = min(candidates, key=lambda c: (c[0], c[1] != "promise_due"))
    return NextAction("promise_due" if kind == "promise_due" else "callback", at)
