"""Payment behaviour of a demo loan: which installments were paid, when, and how much.

Each loan gets a profile: most borrowers pay on time, some paid late and cured, some are
in M1, fewer roll to M2, M3 and M3+, and a few M3+ loans are written off. Late payments
carry the penalty interest that accrued until they were paid (DOMAIN.md rules, computed
with app.domain.delinquency.penalty_for and the default policy: none when paid within the
grace days, the rate capped by the total cost), so the installment rows are consistent
with what the overdue run and the pure domain functions compute.

The history before today carries the signals a risk model looks for, as real books do:
borrowers who default were often late in the months before (a "run-up" of late payments),
a share of borrowers are "shaky" (late now and then, yet never default), and the rest pay
on time with the odd day's delay. The risk model (app/server/risk) is fitted on this
history as of past dates, so its AUC on the demo book measures how well it finds these
patterns, not a label copied into a feature.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from app.domain.delinquency import DEFAULT_POLICY, penalty_for
from app.domain.money import Money
from app.domain.schedule_types import ScheduleLine

# (profile, weight, unpaid installments range)
PROFILES: tuple[tuple[str, int, tuple[int, int]], ...] = (
    ("current", 830, (0, 0)),
    ("cured", 70, (0, 0)),
    ("m1", 45, (1, 1)),
    ("m2", 20, (2, 2)),
    ("m3", 12, (3, 3)),
    ("m3plus", 16, (4, 10)),
    ("written_off", 7, (7, 14)),
)
BAD_PROFILES = frozenset({"m1", "m2", "m3", "m3plus", "written_off"})
# probability that a borrower of the profile is late now and then ("shaky")
_SHAKY = {"current": 0.12, "cured": 0.5}
_NAMES = tuple(p[0] for p in PROFILES)
_WEIGHTS = tuple(p[1] for p in PROFILES)
_UNPAID = {p[0]: p[2] for p in PROFILES}


@dataclass(slots=True)
class PaidState:
    """What was paid on one installment (fen) and the frozen penalty accrual."""

    paid_principal: int = 0
    paid_interest: int = 0
    paid_penalty: int = 0
    penalty_accrued: int = 0
    accrued_through: date | None = None
    paid_on: date | None = None


@dataclass(frozen=True, slots=True)
class PaymentEvent:
    """One payment received from the borrower."""

    paid_on: date
    amount: int


def pick_profile(rng: random.Random) -> str:
    """Draw a behaviour profile (weights above)."""
    return rng.choices(_NAMES, weights=_WEIGHTS, k=1)[0]


def simulate(
    rng: random.Random,
    lines: tuple[ScheduleLine, ...],
    *,
    annual_rate: Decimal,
    profile: str,
    today: date,
) -> tuple[list[PaidState], list[PaymentEvent]]:
    """Paid state per schedule line and the payments that produced it, as of `today`."""
    states = [PaidState() for _ in lines]
    payments: list[PaymentEvent] = []
    due_idx = [i for i, line in enumerate(lines) if line.due_date < today]
    lo, hi = _UNPAID[profile]
    unpaid = min(rng.randint(lo, hi), len(due_idx))
    paid_idx = due_idx[: len(due_idx) - unpaid]
    late_from = len(paid_idx) - rng.randint(2, 5) if profile == "cured" else None
    shaky = rng.random() < _SHAKY.get(profile, 0.6)
    # defaulters were late more often in the few installments before they stopped paying
    run_up_from = len(paid_idx) - rng.randint(2, 6) if profile in BAD_PROFILES else len(paid_idx)

    for pos, i in enumerate(paid_idx):
        line = lines[i]
        if late_from is not None and pos >= max(late_from, 0):
            delay = rng.randint(8, 40)  # a delinquency episode, since cured
        elif pos >= run_up_from:
            delay = rng.randint(3, 25) if rng.random() < 0.45 else -rng.randint(0, 3)
        elif shaky and rng.random() < 0.14:
            delay = rng.randint(1, 15)  # late now and then
        elif rng.random() < 0.05:
            delay = rng.randint(1, 4)  # a few days late
        else:
            delay = -rng.randint(0, 3)  # on time or slightly early
        paid_on = line.due_date + timedelta(days=delay)
        if paid_on >= today:
            paid_on = line.due_date  # never in the future
        days_late = max((paid_on - line.due_date).days, 0)
        pen = penalty_for(line.principal, days_late, annual_rate=annual_rate).fen
        if days_late <= DEFAULT_POLICY.penalty_grace_days:
            pen = 0  # paid within the grace days: no penalty (宽限期)
        st = states[i]
        st.paid_principal = line.principal.fen
        st.paid_interest = line.interest.fen
        st.paid_penalty = pen
        st.penalty_accrued = pen
        st.accrued_through = paid_on if days_late else None
        st.paid_on = paid_on
        payments.append(PaymentEvent(paid_on, line.payment.fen + pen))

    if unpaid and rng.random() < 0.3:
        _partial_payment(rng, lines, states, payments, due_idx[len(paid_idx)], annual_rate, today)
    return states, payments


def _partial_payment(
    rng: random.Random,
    lines: tuple[ScheduleLine, ...],
    states: list[PaidState],
    payments: list[PaymentEvent],
    i: int,
    annual_rate: Decimal,
    today: date,
) -> None:
    """A part payment on the oldest unpaid installment, applied penalty -> interest -> principal."""
    line = lines[i]
    span = (today - line.due_date).days - 1
    if span < 1:
        return
    paid_on = line.due_date + timedelta(days=rng.randint(1, span))
    amount = (line.payment.fen * rng.randint(20, 80)) // 100
    pen = penalty_for(
        Money(line.principal.fen),
        (paid_on - line.due_date).days,
        annual_rate=annual_rate,
        policy=DEFAULT_POLICY,
    ).fen
    st = states[i]
    st.penalty_accrued = pen
    st.accrued_through = paid_on
    left = amount
    # within the grace days the accrued penalty is not due yet: the payment skips it
    in_grace = (paid_on - line.due_date).days <= DEFAULT_POLICY.penalty_grace_days
    st.paid_penalty = 0 if in_grace else min(left, pen)
    left -= st.paid_penalty
    st.paid_interest = min(left, line.interest.fen)
    left -= st.paid_interest
    st.paid_principal = min(left, line.principal.fen)
    left -= st.paid_principal
    payments.append(PaymentEvent(paid_on, amount - left))
