"""Hypothesis properties of delinquency evaluation."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from app.domain.delinquency import (
    InstallmentState,
    PenaltyPolicy,
    evaluate_delinquency,
    penalty_for,
)
from app.domain.errors import DomainError
from app.domain.money import Money

rates = st.decimals(min_value=0, max_value=Decimal("0.36"), places=4)
policies = st.builds(
    PenaltyPolicy,
    uplift=st.sampled_from([Decimal(0), Decimal("0.3"), Decimal("0.5")]),
    base=st.sampled_from(["principal", "installment"]),
    day_count=st.sampled_from([360, 365]),
    tolerance=st.sampled_from([Money(0), Money(100), Money(5000)]),
    penalty_grace_days=st.sampled_from([0, 3, 10]),
    cost_cap=st.sampled_from([None, Decimal("0.24"), Decimal("0.1")]),
)


@st.composite
def loans(draw: st.DrawFn) -> list[InstallmentState]:
    start = draw(st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 1, 1)))
    count = draw(st.integers(1, 12))
    out = []
    due = start
    for n in range(1, count + 1):
        principal = draw(st.integers(0, 10_000_00))
        interest = draw(st.integers(0, 1_000_00))
        fees = draw(st.sampled_from([0, 0, 5000]))
        out.append(
            InstallmentState(
                n, due, Money(principal), Money(interest), Money(fees),
                Money(draw(st.integers(0, principal))), Money(draw(st.integers(0, interest))),
                Money(draw(st.sampled_from([0, 0, 100, 10_000]))), Money(draw(st.integers(0, fees))),
            )
        )  # fmt: skip
        due = due + timedelta(days=draw(st.integers(0, 40)))
    return out


@given(loans(), rates, policies, st.integers(-100, 2000))
def test_evaluation_invariants(
    states: list[InstallmentState], rate: Decimal, policy: PenaltyPolicy, offset: int
) -> None:
    today = states[0].due_date + timedelta(days=offset)
    d = evaluate_delinquency(states, annual_rate=rate, today=today, policy=policy)
    again = evaluate_delinquency(states, annual_rate=rate, today=today, policy=policy)
    assert d == again  # deterministic and side-effect free
    assert d.dpd >= 0
    assert (d.dpd == 0) == (d.bucket == "M0")
    for field in ("principal", "interest", "penalty", "fees"):
        parts = [getattr(line, field).fen for line in d.lines]
        assert all(p >= 0 for p in parts)
        assert getattr(d.totals, field).fen == sum(parts)
    assert d.totals.total.fen == sum(line.total.fen for line in d.lines)
    for line in d.lines:
        assert line.due_date < today and line.days_overdue == (today - line.due_date).days
        if line.days_overdue <= policy.penalty_grace_days:
            assert line.penalty == Money(0)  # not due within the grace days
    tolerance = policy.tolerance.fen

    def short(s: InstallmentState) -> int:
        return (s.principal - s.paid_principal + s.interest - s.paid_interest + s.fees).fen - (
            s.paid_fees.fen
        )

    overdue = [s for s in states if s.due_date < today and short(s) > tolerance]
    assert d.dpd == ((today - overdue[0].due_date).days if overdue else 0)
    # unpaid amounts are all shown, tolerated or not
    owed = sum(short(s) for s in states if s.due_date < today)
    assert (d.totals.principal + d.totals.interest + d.totals.fees).fen == owed


@given(st.integers(0, 10**9), st.integers(0, 3650), rates, policies)
def test_penalty_matches_exact_fraction(
    fen: int, days: int, rate: Decimal, policy: PenaltyPolicy
) -> None:
    yearly = Fraction(rate) * (1 + Fraction(policy.uplift))
    if policy.cost_cap is not None:  # contract + penalty rate within the cap, never negative
        yearly = min(yearly, max(Fraction(policy.cost_cap) - Fraction(rate), Fraction(0)))
    exact = Fraction(fen * days) * yearly / policy.day_count
    got = penalty_for(Money(fen), days, annual_rate=rate, policy=policy).fen
    assert got - Fraction(1, 2) <= exact < got + Fraction(1, 2)


@given(st.one_of(st.floats(), st.integers(), st.text(max_size=3), st.none()))
def test_non_decimal_rates_rejected(rate: object) -> None:
    states = [InstallmentState(1, date(2026, 1, 1), Money(100), Money(0))]
    try:
        evaluate_delinquency(states, annual_rate=rate, today=date(2026, 2, 1))  # type: ignore[arg-type]
    except DomainError:
        return
    raise AssertionError("accepted a non-Decimal rate")


@given(
    st.integers(-2, 3),
    st.lists(st.integers(-10, 10), min_size=7, max_size=7),
    st.one_of(st.integers(-5, 400), st.decimals(allow_nan=True), st.floats()),
)
def test_bad_input_raises_only_domain_error(n: int, amounts: list[int], day_count: object) -> None:
    try:
        state = InstallmentState(n, date(2026, 1, 1), *map(Money, amounts))
        policy = PenaltyPolicy(day_count=day_count)  # type: ignore[arg-type]
        evaluate_delinquency(
            [state], annual_rate=Decimal("0.1"), today=date(2026, 3, 1), policy=policy
        )
    except DomainError:
        pass
