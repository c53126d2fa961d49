"""Payment allocation waterfall and folding dated payments into installments."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.domain.allocation import (
    OwedParts,
    Payment,
    allocate_payment,
    apply_payments,
)
from app.domain.delinquency import PenaltyPolicy, evaluate_delinquency
from app.domain.errors import DomainError
from app.domain.money import Money
from tests.domain.test_delinquency_helpers import inst

RATE = Decimal("0.06")
D1, D2, D3 = date(2026, 1, 15), date(2026, 2, 15), date(2026, 3, 15)


def owed(n: int, due: date, fees: int, penalty: int, interest: int, principal: int) -> OwedParts:
    return OwedParts(n, due, Money(fees), Money(penalty), Money(interest), Money(principal))


def test_oldest_first_fees_penalty_interest_principal() -> None:
    items = [owed(2, D2, 0, 50, 400, 2000), owed(1, D1, 100, 200, 500, 3000)]
    r = allocate_payment(Money(3900), items)
    assert [a.n for a in r.applied] == [1, 2]
    first, second = r.applied
    assert (first.fees, first.penalty, first.interest, first.principal) == (
        Money(100), Money(200), Money(500), Money(3000),
    )  # fmt: skip
    assert (second.fees, second.penalty, second.interest, second.principal) == (
        Money(0), Money(50), Money(50), Money(0),
    )  # fmt: skip
    assert r.unapplied == Money(0) and r.applied_total == Money(3900)


def test_configurable_order() -> None:
    items = [owed(1, D1, 100, 200, 500, 3000)]
    r = allocate_payment(Money(3100), items, order=("principal", "interest", "penalty", "fees"))
    a = r.applied[0]
    assert (a.principal, a.interest, a.penalty, a.fees) == (
        Money(3000),
        Money(100),
        Money(0),
        Money(0),
    )


def test_overpayment_is_unapplied() -> None:
    r = allocate_payment(Money(10_000), [owed(1, D1, 0, 0, 500, 3000)])
    assert r.applied_total == Money(3500) and r.unapplied == Money(6500)


def test_zero_payment_and_nothing_owed() -> None:
    assert allocate_payment(Money(0), [owed(1, D1, 1, 1, 1, 1)]).applied == ()
    r = allocate_payment(Money(500), [])
    assert r.applied == () and r.unapplied == Money(500)


def test_allocates_to_delinquency_lines() -> None:
    d = evaluate_delinquency(
        [inst(1, D1, 254219, 50000), inst(2, D2, 255490, 48729)], annual_rate=RATE, today=D3
    )
    r = allocate_payment(d.totals.total, d.lines)
    assert r.unapplied == Money(0)
    assert r.applied_total == d.totals.total


@pytest.mark.parametrize(
    "order", [("fees", "penalty"), ("fees", "fees", "interest", "principal"), ("a", "b", "c", "d")]
)
def test_bad_order(order: tuple[str, ...]) -> None:
    with pytest.raises(DomainError):
        allocate_payment(Money(1), [], order=order)


def test_bad_amounts() -> None:
    with pytest.raises(DomainError):
        allocate_payment(Money(-1), [])
    with pytest.raises(DomainError):
        allocate_payment(100, [])  # type: ignore[arg-type]
    with pytest.raises(DomainError):
        allocate_payment(Money(1), [owed(1, D1, -1, 0, 0, 0)])


def test_paid_exactly_on_due_date_has_no_penalty() -> None:
    states = [inst(1, D1, 254219, 50000), inst(2, D2, 255490, 48729)]
    run = apply_payments(states, [Payment(D1, Money(304219))], annual_rate=RATE)
    first = run.installments[0]
    assert first.settled and first.penalty_accrued == Money(0) and first.paid_penalty == Money(0)
    d = evaluate_delinquency(run.installments, annual_rate=RATE, today=D2)
    assert d.dpd == 0 and d.lines == ()


def test_paid_late_pays_penalty_first_then_rest_carries_forward() -> None:
    # 30 days late, base principal: 2,542.19 x 0.09/360 x 30 = 19.07 penalty
    states = [inst(1, D1, 254219, 50000), inst(2, D2, 255490, 48729)]
    run = apply_payments(states, [Payment(date(2026, 2, 14), Money(304219))], annual_rate=RATE)
    first = run.installments[0]
    assert first.penalty_accrued == Money(1907) and first.paid_penalty == Money(1907)
    assert first.paid_interest == Money(50000)
    assert first.paid_principal == Money(304219 - 1907 - 50000)
    assert run.unapplied == Money(0)
    # 19.07 of principal still unpaid: it accrues from 2026-02-14 onwards only
    d = evaluate_delinquency(run.installments, annual_rate=RATE, today=date(2026, 2, 24))
    assert d.dpd == 40
    assert d.lines[0].principal == Money(1907)
    # 1,907 fen x 10 days x 0.09/360 = 4.77 fen -> 5
    assert d.lines[0].penalty == Money(5)


def test_partial_payments_and_prepayment() -> None:
    states = [inst(1, D1, 1000, 100), inst(2, D2, 1000, 90), inst(3, D3, 1000, 80)]
    pays = [Payment(D1, Money(600)), Payment(D1, Money(500)), Payment(D1, Money(1500))]
    run = apply_payments(states, pays, annual_rate=Decimal(0))
    a, b, c = run.installments
    assert a.settled and b.settled
    assert c.paid_interest == Money(80) and c.paid_principal == Money(2600 - 1100 - 1090 - 80)
    assert run.unapplied == Money(0)
    no_prepay = apply_payments(states, pays, annual_rate=Decimal(0), prepay=False)
    assert no_prepay.installments[0].settled and not no_prepay.installments[1].paid_interest
    assert no_prepay.unapplied == Money(2600 - 1100)


def test_overpayment_of_whole_loan_is_unapplied() -> None:
    states = [inst(1, D1, 1000, 100)]
    run = apply_payments(states, [Payment(D1, Money(5000))], annual_rate=RATE)
    assert run.installments[0].settled and run.unapplied == Money(3900)
    assert run.allocations[0].unapplied == Money(3900)


def test_payments_fold_incrementally_same_as_at_once() -> None:
    states = [inst(1, D1, 254219, 50000), inst(2, D2, 255490, 48729), inst(3, D3, 256768, 47451)]
    pays = [Payment(date(2026, 2, 1), Money(100000)), Payment(date(2026, 3, 20), Money(400000))]
    policy = PenaltyPolicy(base="installment")
    once = apply_payments(states, pays, annual_rate=RATE, policy=policy)
    step = apply_payments(states, pays[:1], annual_rate=RATE, policy=policy)
    step = apply_payments(step.installments, pays[1:], annual_rate=RATE, policy=policy)
    assert step.installments == once.installments


def test_apply_payments_bad_input() -> None:
    states = [inst(1, D1, 1000)]
    with pytest.raises(DomainError):
        apply_payments(states, [(D1, Money(5))], annual_rate=RATE)  # type: ignore[list-item]
    with pytest.raises(DomainError):
        apply_payments(states, [Payment(D1, Money(-5))], annual_rate=RATE)
    with pytest.raises(DomainError):
        apply_payments([inst(2, D2, 1), inst(1, D1, 1)], [], annual_rate=RATE)
    run = apply_payments(states, [Payment(D2, Money(5))], annual_rate=RATE)
    with pytest.raises(DomainError):  # a payment dated before the installments' accrual date
        apply_payments(run.installments, [Payment(date(2026, 2, 1), Money(5))], annual_rate=RATE)


def test_allocate_to_installment_states_uses_outstanding() -> None:
    states = [
        inst(1, D1, 1000, 100, 50, paid_principal=400, paid_interest=100),
        inst(2, D2, 1000, 90),
    ]
    r = allocate_payment(Money(800), states)
    first, second = r.applied
    assert (first.fees, first.penalty, first.interest, first.principal) == (
        Money(50), Money(0), Money(0), Money(600),
    )  # fmt: skip
    assert (second.interest, second.principal) == (Money(90), Money(60))
    assert r.unapplied == Money(0)
