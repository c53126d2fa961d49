"""Benchmark: delinquency evaluation (DPD, bucket, overdue breakdown with penalty interest)
for 100,000 loans of 36 installments with their payments, on one core. Target: < 10 s.

Data is generated deterministically (random.Random(42)) before timing: 8 products, first due
dates spread over the last 3 years, ~85% of loans current, the rest 1 to 12+ installments
late, some with partial payments and penalty already accrued/paid up to the last payment
date. Schedules come from build_schedule; identical immutable states are shared between
loans with the same schedule (what a loader would do with interned values). The timed part
is `evaluate_delinquency` over every loan; a second figure times `apply_payments` folding
one new dated payment into each late loan.

Run: uv run python bench/bench_delinquency.py [--loans N]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.domain.allocation import Payment, apply_payments
from app.domain.delinquency import (
    InstallmentState,
    PenaltyPolicy,
    evaluate_delinquency,
    installments_from_schedule,
)
from app.domain.money import Money
from app.domain.schedule_types import RepaymentMethod
from app.domain.schedules import add_months, build_schedule

TODAY = date(2026, 6, 30)
TERM = 36
PRODUCTS = [
    (Money.from_yuan(p), Decimal(r), m)
    for p, r, m in [
        ("80000.00", "0.0588", RepaymentMethod.EQUAL_INSTALLMENT),
        ("100000.00", "0.06", RepaymentMethod.EQUAL_INSTALLMENT),
        ("120000.00", "0.072", RepaymentMethod.EQUAL_PRINCIPAL),
        ("150000.00", "0.0799", RepaymentMethod.EQUAL_INSTALLMENT),
        ("60000.00", "0.12", RepaymentMethod.EQUAL_PRINCIPAL),
        ("200000.00", "0.0495", RepaymentMethod.EQUAL_INSTALLMENT),
        ("90000.00", "0.0", RepaymentMethod.EQUAL_INSTALLMENT),
        ("130000.00", "0.09", RepaymentMethod.EQUAL_PRINCIPAL),
    ]
]
Loan = tuple[tuple[InstallmentState, ...], Decimal]


def _paid(s: InstallmentState) -> InstallmentState:
    return InstallmentState(
        s.n, s.due_date, s.principal, s.interest, s.fees, s.principal, s.interest, Money(0), s.fees
    )


def generate(count: int, seed: int = 42) -> list[Loan]:
    """Deterministic loan book: (installment states, annual rate) per loan."""
    rng = random.Random(seed)
    templates: dict[tuple[int, date], tuple[tuple[InstallmentState, ...], ...]] = {}
    loans: list[Loan] = []
    for _ in range(count):
        product = rng.randrange(len(PRODUCTS))
        first_due = add_months(date(2023, 7, 1), rng.randrange(36), None) + timedelta(
            days=rng.randrange(28)
        )
        key = (product, first_due)
        if key not in templates:
            principal, rate, method = PRODUCTS[product]
            sched = build_schedule(
                principal=principal, annual_rate=rate, months=TERM, method=method,
                first_due=first_due,
            )  # fmt: skip
            fresh = installments_from_schedule(sched)
            templates[key] = (fresh, tuple(_paid(s) for s in fresh))
        fresh, paid = templates[key]
        due_count = sum(1 for s in fresh if s.due_date < TODAY)
        roll = rng.random()
        late = (
            0
            if roll < 0.85
            else 1
            if roll < 0.93
            else rng.randint(2, 3)
            if roll < 0.97
            else rng.randint(4, 14)
        )
        late = min(late, due_count)
        states = list(paid[: due_count - late]) + list(fresh[due_count - late :])
        if late and rng.random() < 0.5:  # a partial payment on the oldest late installment
            i = due_count - late
            s = fresh[i]
            through = min(s.due_date + timedelta(days=rng.randint(1, 20)), TODAY)
            acc = Money(rng.randint(50, 3000))
            states[i] = InstallmentState(
                s.n, s.due_date, s.principal, s.interest, s.fees,
                Money(s.principal.fen // 2), s.interest, acc, s.fees, acc, through,
            )  # fmt: skip
        loans.append((tuple(states), PRODUCTS[product][1]))
    return loans


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loans", type=int, default=100_000)
    args = parser.parse_args()
    policy = PenaltyPolicy()

    t0 = time.perf_counter()
    loans = generate(args.loans)
    gen_s = time.perf_counter() - t0
    installments = sum(len(states) for states, _ in loans)

    t0 = time.perf_counter()
    results = [
        evaluate_delinquency(states, annual_rate=rate, today=TODAY, policy=policy)
        for states, rate in loans
    ]
    eval_s = time.perf_counter() - t0

    buckets = Counter(r.bucket for r in results)
    overdue = [r for r in results if r.dpd > 0]
    total = sum(r.totals.total.fen for r in results)
    penalty = sum(r.totals.penalty.fen for r in results)

    late = [(states, rate) for (states, rate), r in zip(loans, results, strict=True) if r.dpd > 0]
    pay = [Payment(TODAY, Money(150_000))]
    t0 = time.perf_counter()
    for states, rate in late:
        apply_payments(states, pay, annual_rate=rate, policy=policy)
    fold_s = time.perf_counter() - t0

    print(f"loans: {len(loans):,}  installments: {installments:,}  business date: {TODAY}")
    print(f"data generation (untimed): {gen_s:.2f} s")
    print(
        f"evaluate_delinquency: {eval_s:.2f} s total, {eval_s / len(loans) * 1e6:.1f} µs/loan "
        f"(target < 10 s) -> {'PASS' if eval_s < 10 else 'FAIL'}"
    )
    print(f"overdue loans: {len(overdue):,}  buckets: {dict(sorted(buckets.items()))}")
    print(f"overdue total: {Money(total)}  of which penalty: {Money(penalty)}")
    print(
        f"apply_payments (one payment folded into each of {len(late):,} late loans): "
        f"{fold_s:.2f} s, {fold_s / max(len(late), 1) * 1e6:.1f} µs/loan"
    )


if __name__ == "__main__":
    main()
