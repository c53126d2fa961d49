"""Hypothesis properties: allocation never creates or loses a fen, never over-applies."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from app.domain.allocation import (
    COMPONENTS,
    OwedParts,
    Payment,
    allocate_payment,
    apply_payments,
)
from app.domain.delinquency import InstallmentState, PenaltyPolicy, evaluate_delinquency
from app.domain.money import Money

fen = st.integers(0, 5_000_00)
orders = st.permutations(list(COMPONENTS))
START = date(2024, 1, 31)


@st.composite
def owed_lists(draw: st.DrawFn) -> list[OwedParts]:
    count = draw(st.integers(0, 8))
    return [
        OwedParts(n, START + timedelta(days=30 * n), Money(draw(fen)), Money(draw(fen)),
                  Money(draw(fen)), Money(draw(fen)))
        for n in range(1, count + 1)
    ]  # fmt: skip


@given(owed_lists(), st.integers(0, 5_000_000), orders)
def test_allocation_conserves_and_caps(
    items: list[OwedParts], amount: int, order: list[str]
) -> None:
    r = allocate_payment(Money(amount), items, order=order)
    assert r.applied_total.fen + r.unapplied.fen == amount
    assert r.unapplied.fen >= 0
    by_n = {it.n: it for it in items}
    for a in r.applied:
        for comp in COMPONENTS:
            part = getattr(a, comp).fen
            assert 0 <= part <= getattr(by_n[a.n], comp).fen
    total_owed = sum(getattr(it, c).fen for it in items for c in COMPONENTS)
    assert r.applied_total.fen == min(amount, total_owed)
    # oldest first: an installment receives only once every older one is fully paid
    applied = {a.n: a.total.fen for a in r.applied}
    for it in items:
        owed_total = sum(getattr(it, c).fen for c in COMPONENTS)
        if applied.get(it.n, 0) < owed_total:
            assert all(applied.get(later.n, 0) == 0 for later in items if later.n > it.n)
            break


@st.composite
def loan_and_payments(draw: st.DrawFn) -> tuple[list[InstallmentState], list[Payment]]:
    count = draw(st.integers(1, 8))
    states = [
        InstallmentState(n, START + timedelta(days=31 * (n - 1)), Money(draw(fen)),
                         Money(draw(st.integers(0, 50_000))), Money(draw(st.sampled_from([0, 3000]))))
        for n in range(1, count + 1)
    ]  # fmt: skip
    pays = [
        Payment(
            START + timedelta(days=draw(st.integers(-10, 400))),
            Money(draw(st.integers(0, 800_000))),
        )
        for _ in range(draw(st.integers(0, 6)))
    ]
    return states, pays


@given(
    loan_and_payments(),
    st.decimals(min_value=0, max_value=Decimal("0.36"), places=3),
    st.sampled_from(["principal", "installment"]),
    st.booleans(),
    orders,
)
def test_apply_payments_conserves(
    data: tuple[list[InstallmentState], list[Payment]],
    rate: Decimal,
    base: str,
    prepay: bool,
    order: list[str],
) -> None:
    states, pays = data
    policy = PenaltyPolicy(base=base)  # type: ignore[arg-type]
    run = apply_payments(states, pays, annual_rate=rate, policy=policy, order=order, prepay=prepay)
    paid_in = sum(p.amount.fen for p in pays)
    applied = sum(
        s.paid_principal.fen + s.paid_interest.fen + s.paid_fees.fen + s.paid_penalty.fen
        for s in run.installments
    )
    assert applied + run.unapplied.fen == paid_in
    assert sum(a.applied_total.fen + a.unapplied.fen for a in run.allocations) == paid_in
    for s in run.installments:  # InstallmentState itself refuses paid > owed; penalty too:
        assert s.paid_penalty.fen <= s.penalty_accrued.fen
    assert run == apply_payments(
        states, pays, annual_rate=rate, policy=policy, order=order, prepay=prepay
    )
    # evaluation after the last payment never goes negative and is idempotent
    if pays:
        today = max(p.paid_on for p in pays) + timedelta(days=10)
        d = evaluate_delinquency(run.installments, annual_rate=rate, today=today, policy=policy)
        assert d.dpd >= 0
        assert d == evaluate_delinquency(
            run.installments, annual_rate=rate, today=today, policy=policy
        )
