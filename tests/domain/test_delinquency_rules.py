"""Tolerance (容差), grace (宽限期) and the cost cap (issue 10; DOMAIN.md corrections):

- a shortfall at or below the tolerance (default ¥1.00) does not make an installment
  overdue, and no penalty runs on it;
- paid within the grace days (default 3) after the due date, no penalty is charged for
  them; paid later, penalty runs from the day after the due date as before;
- the penalty rate is capped so that contract rate + penalty rate stays within a ceiling
  (default 24 %/year).

Each rule can be switched off (tolerance 0, grace 0, no cap): the old behaviour.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.allocation import Payment, apply_payments
from app.domain.delinquency import (
    DEFAULT_POLICY,
    InstallmentState,
    PenaltyPolicy,
    evaluate_delinquency,
    installments_from_schedule,
    penalty_for,
)
from app.domain.errors import DomainError
from app.domain.money import Money
from app.domain.schedule_types import RepaymentMethod
from app.domain.schedules import build_schedule
from tests.domain.test_delinquency_helpers import inst

RATE = Decimal("0.06")
OLD = PenaltyPolicy(tolerance=Money(0), penalty_grace_days=0, cost_cap=None)
DUE = date(2026, 1, 15)


def test_defaults() -> None:
    assert DEFAULT_POLICY.tolerance == Money(100)
    assert DEFAULT_POLICY.penalty_grace_days == 3
    assert DEFAULT_POLICY.cost_cap == Decimal("0.24")
    assert DEFAULT_POLICY.grace_days == 0  # days past due before a case opens: unchanged


# -- tolerance --------------------------------------------------------------------------------


@pytest.mark.parametrize(("short", "overdue"), [(1, False), (100, False), (101, True)])
def test_a_shortfall_within_tolerance_is_not_overdue(short: int, overdue: bool) -> None:
    s = inst(1, DUE, 254219, 50000, paid_principal=254219 - short, paid_interest=50000)
    d = evaluate_delinquency([s], annual_rate=RATE, today=date(2026, 3, 1))
    assert d.overdue is overdue
    assert d.dpd == (45 if overdue else 0) and d.bucket == ("M2" if overdue else "M0")
    # the fen are still owed and shown; no penalty runs on a tolerated shortfall
    assert d.totals.principal == Money(short)
    assert d.totals.penalty == (Money(0) if not overdue else d.totals.penalty)
    old = evaluate_delinquency([s], annual_rate=RATE, today=date(2026, 3, 1), policy=OLD)
    assert old.dpd == 45


def test_tolerance_counts_interest_and_fees_too() -> None:
    s = inst(1, DUE, 1000, 60, 50, paid_principal=1000, paid_interest=0, paid_fees=0)
    assert evaluate_delinquency([s], annual_rate=RATE, today=date(2026, 3, 1)).dpd == 45
    s2 = inst(1, DUE, 1000, 60, 40, paid_principal=1000, paid_interest=0, paid_fees=0)
    assert evaluate_delinquency([s2], annual_rate=RATE, today=date(2026, 3, 1)).dpd == 0


def test_dpd_runs_from_the_oldest_installment_beyond_tolerance() -> None:
    states = [
        inst(1, date(2026, 1, 15), 1000, 100, paid_principal=950, paid_interest=100),
        inst(2, date(2026, 2, 15), 1000, 90),
    ]
    d = evaluate_delinquency(states, annual_rate=RATE, today=date(2026, 3, 1))
    assert d.dpd == 14 and [line.n for line in d.lines] == [1, 2]


# -- grace --------------------------------------------------------------------------------------


def _one(principal: int = 360000) -> list[InstallmentState]:
    return [inst(1, DUE, principal)]


@pytest.mark.parametrize("late", [1, 2, 3])
def test_paid_within_grace_pays_no_penalty(late: int) -> None:
    pay = [Payment(DUE + timedelta(days=late), Money(360000))]
    run = apply_payments(_one(), pay, annual_rate=RATE)
    assert run.installments[0].settled and run.installments[0].paid_penalty == Money(0)
    assert run.unapplied == Money(0)
    d = evaluate_delinquency(run.installments, annual_rate=RATE, today=date(2026, 6, 1))
    assert d.dpd == 0 and d.lines == ()


def test_paid_after_grace_pays_penalty_from_the_day_after_the_due_date() -> None:
    pay = [Payment(DUE + timedelta(days=4), Money(370000))]
    run = apply_payments(_one(), pay, annual_rate=RATE)
    # 3,600.00 x 0.09 / 360 x 4 days = 3.60, paid first (fees -> penalty -> ...)
    assert run.installments[0].paid_penalty == Money(360)
    old = apply_payments(
        _one(), [Payment(DUE + timedelta(days=1), Money(370000))], annual_rate=RATE, policy=OLD
    )
    assert old.installments[0].paid_penalty == Money(90)


def test_penalty_is_not_shown_during_grace_and_charged_in_full_after() -> None:
    during = evaluate_delinquency(_one(), annual_rate=RATE, today=DUE + timedelta(days=3))
    assert during.dpd == 3 and during.totals.penalty == Money(0)
    after = evaluate_delinquency(_one(), annual_rate=RATE, today=DUE + timedelta(days=4))
    assert after.totals.penalty == Money(360)
    old = evaluate_delinquency(_one(), annual_rate=RATE, today=DUE + timedelta(days=3), policy=OLD)
    assert old.totals.penalty == Money(270)


def test_part_paid_within_grace_rest_after_grace_is_charged_on_the_real_balances() -> None:
    pays = [Payment(DUE + timedelta(days=2), Money(160000))]
    run = apply_payments(_one(), pays, annual_rate=RATE)
    st0 = run.installments[0]
    # within grace the penalty is not taken from the payment ...
    assert st0.paid_principal == Money(160000) and st0.paid_penalty == Money(0)
    # ... but it was accrued (2 days on 3,600.00 = 1.80) and is due once grace has passed
    d = evaluate_delinquency(run.installments, annual_rate=RATE, today=DUE + timedelta(days=10))
    # 1.80 + 2,000.00 x 0.09 / 360 x 8 days (4.00) = 5.80
    assert d.totals.penalty == Money(580) and d.dpd == 10


def test_settled_within_grace_in_several_payments_pays_no_penalty() -> None:
    pays = [
        Payment(DUE + timedelta(days=1), Money(100000)),
        Payment(DUE + timedelta(days=3), Money(260000)),
    ]
    run = apply_payments(_one(), pays, annual_rate=RATE)
    assert run.installments[0].settled and run.unapplied == Money(0)
    assert run.installments[0].penalty_accrued == Money(0)


# -- the on-time payer who was once a day late ---------------------------------------------------


def _schedule() -> tuple[InstallmentState, ...]:
    # ¥30,000 over 12 months: a day's penalty on an installment's principal is ¥0.62, so the
    # tolerance alone absorbs what a payment a day late leaves short
    sched = build_schedule(
        principal=Money.from_yuan("30000.00"),
        annual_rate=RATE,
        months=12,
        method=RepaymentMethod.EQUAL_INSTALLMENT,
        first_due=DUE,
    )
    return installments_from_schedule(sched)


@pytest.mark.parametrize(
    ("policy", "stuck"),
    [
        (OLD, True),
        (DEFAULT_POLICY, False),
        (PenaltyPolicy(penalty_grace_days=0), False),  # tolerance alone
        (PenaltyPolicy(tolerance=Money(0)), False),  # grace alone
    ],
)
def test_a_day_late_once_does_not_keep_an_on_time_payer_in_m1(
    policy: PenaltyPolicy, stuck: bool
) -> None:
    states = _schedule()
    pays = [
        Payment(s.due_date + timedelta(days=1 if s.n == 1 else 0), s.principal + s.interest)
        for s in states[:6]
    ]
    run = apply_payments(states, pays, annual_rate=RATE, policy=policy)
    # a week after the 6th payment, before the 7th is due
    d = evaluate_delinquency(
        run.installments,
        annual_rate=RATE,
        today=states[5].due_date + timedelta(days=7),
        policy=policy,
    )
    assert (d.bucket == "M1") is stuck and (d.dpd > 0) is stuck


@given(
    st.lists(st.integers(-5, 3), min_size=1, max_size=12),
    st.sampled_from([Decimal("0.0399"), RATE, Decimal("0.1749")]),
    st.integers(1, 40),
)
def test_payers_within_grace_are_never_overdue(
    delays: list[int], rate: Decimal, days_after: int
) -> None:
    """Whoever pays each scheduled amount within the grace days is current, whatever the
    rate and the delays (the class of the example above)."""
    sched = build_schedule(
        principal=Money.from_yuan("80000.00"),
        annual_rate=rate,
        months=12,
        method=RepaymentMethod.EQUAL_PRINCIPAL,
        first_due=DUE,
    )
    states = installments_from_schedule(sched)
    pays = [
        Payment(s.due_date + timedelta(days=delay), s.principal + s.interest)
        for s, delay in zip(states, delays, strict=False)
    ]
    run = apply_payments(states, pays, annual_rate=rate)
    today = max(states[len(pays) - 1].due_date + timedelta(days=days_after), pays[-1].paid_on)
    if len(pays) < len(states):
        today = min(today, states[len(pays)].due_date)  # the next one is not due yet
    d = evaluate_delinquency(run.installments, annual_rate=rate, today=today)
    assert d.dpd == 0 and d.totals.penalty == Money(0)


# -- cost cap ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rate", "penalty_rate"),
    [
        ("0.06", "0.09"),  # 6 % + 9 % = 15 %: under the cap
        ("0.096", "0.144"),  # exactly 24 %
        ("0.12", "0.12"),  # 12 % x 1.5 = 18 % would make 30 %: capped at 12 %
        ("0.1749", "0.0651"),
        ("0.24", "0"),
        ("0.30", "0"),  # the contract rate alone is over the cap: no penalty, never negative
    ],
)
def test_penalty_rate_is_capped_by_the_total_cost(rate: str, penalty_rate: str) -> None:
    assert DEFAULT_POLICY.annual_penalty_rate(Decimal(rate)) == Decimal(penalty_rate)
    assert OLD.annual_penalty_rate(Decimal(rate)) == Decimal(rate) * Decimal("1.5")


def test_capped_penalty_amount() -> None:
    # 3,600.00 x 0.12 / 360 x 30 = 36.00 (uncapped 0.18: 54.00)
    assert penalty_for(Money(360000), 30, annual_rate=Decimal("0.12")) == Money(3600)
    assert penalty_for(Money(360000), 30, annual_rate=Decimal("0.12"), policy=OLD) == Money(5400)
    d = evaluate_delinquency(_one(), annual_rate=Decimal("0.12"), today=DUE + timedelta(days=30))
    assert d.totals.penalty == Money(3600)


@given(
    st.decimals(min_value=0, max_value=Decimal("0.36"), places=6),
    st.sampled_from([Decimal(0), Decimal("0.3"), Decimal("0.5"), Decimal(1)]),
    st.one_of(st.none(), st.decimals(min_value=0, max_value=Decimal("0.5"), places=4)),
)
def test_capped_rate_bounds(rate: Decimal, uplift: Decimal, cap: Decimal | None) -> None:
    policy = PenaltyPolicy(uplift=uplift, cost_cap=cap)
    p = policy.annual_penalty_rate(rate)
    assert Decimal(0) <= p <= rate * (1 + uplift)
    if cap is not None:
        assert p == 0 or rate + p <= cap
        assert p == min(rate * (1 + uplift), max(cap - rate, Decimal(0)))


@pytest.mark.parametrize(
    "kwargs",
    [
        {"tolerance": 100},
        {"tolerance": Money(-1)},
        {"penalty_grace_days": -1},
        {"penalty_grace_days": 1.5},
        {"penalty_grace_days": True},
        {"cost_cap": 0.24},
        {"cost_cap": Decimal("-0.01")},
        {"cost_cap": Decimal("1.01")},
        {"cost_cap": Decimal("NaN")},
        {"cost_cap": Decimal("0.1234567")},  # the overdue run works in millionths
    ],
)
def test_bad_new_policy_fields(kwargs: dict[str, object]) -> None:
    with pytest.raises(DomainError):
        PenaltyPolicy(**kwargs)  # type: ignore[arg-type]
