"""Delinquency: DPD, buckets, grace, penalty interest and the overdue breakdown."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from app.domain.delinquency import (
    DEFAULT_BUCKETS,
    BucketRanges,
    InstallmentState,
    PenaltyPolicy,
    bucket_for,
    case_should_close,
    case_should_open,
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
ON_INSTALLMENT = PenaltyPolicy(base="installment")


def test_domain_worked_example_penalty_on_whole_installment() -> None:
    # DOMAIN.md: 3,042.19 overdue 30 days at 6% x 1.5 on the whole installment = 22.82
    assert penalty_for(
        Money.from_yuan("3042.19"), 30, annual_rate=RATE, policy=ON_INSTALLMENT
    ) == Money.from_yuan("22.82")
    due = date(2026, 1, 15)
    d = evaluate_delinquency(
        [inst(1, due, 254219, 50000)],
        annual_rate=RATE,
        today=date(2026, 2, 14),
        policy=ON_INSTALLMENT,
    )
    assert d.dpd == 30 and d.bucket == "M1"
    assert d.totals.penalty == Money.from_yuan("22.82")
    assert d.totals.total == Money.from_yuan("3065.01")


def test_penalty_on_principal_is_the_default_base() -> None:
    d = evaluate_delinquency(
        [inst(1, date(2026, 1, 15), 254219, 50000)], annual_rate=RATE, today=date(2026, 2, 14)
    )
    # 2,542.19 x 0.09 / 360 x 30 = 19.0664 -> 19.07
    assert d.lines[0].penalty == Money(1907)


def test_day_count_365() -> None:
    policy = PenaltyPolicy(base="installment", day_count=365)
    # 3,042.19 x 0.09 / 365 x 30 = 22.5039 -> 22.50
    assert penalty_for(Money(304219), 30, annual_rate=RATE, policy=policy) == Money(2250)


def test_uplift_configurable() -> None:
    policy = PenaltyPolicy(uplift=Decimal("0.3"), base="installment")
    # 3,042.19 x 0.078 / 360 x 30 = 19.7742 -> 19.77
    assert penalty_for(Money(304219), 30, annual_rate=RATE, policy=policy) == Money(1977)


def test_penalty_rounds_half_up() -> None:
    # 4% x 1.5 / 360 = 1/6000 a day: 3000 fen for one day is exactly half a fen
    assert penalty_for(Money(3000), 1, annual_rate=Decimal("0.04")) == Money(1)
    assert penalty_for(Money(2999), 1, annual_rate=Decimal("0.04")) == Money(0)


def test_schedule_three_installments_overdue() -> None:
    sched = build_schedule(
        principal=Money.from_yuan("100000.00"),
        annual_rate=RATE,
        months=36,
        method=RepaymentMethod.EQUAL_INSTALLMENT,
        first_due=date(2026, 1, 15),
    )
    states = installments_from_schedule(sched)
    d = evaluate_delinquency(states, annual_rate=RATE, today=date(2026, 3, 20))
    assert d.dpd == 64 and d.bucket == "M3"
    assert [line.n for line in d.lines] == [1, 2, 3]
    assert [line.days_overdue for line in d.lines] == [64, 33, 5]
    # principal 2542.19 x 64, 2554.90 x 33, 2567.68 x 5 days at 0.09/360
    assert [line.penalty.fen for line in d.lines] == [4068, 2108, 321]
    assert d.totals.principal == Money(254219 + 255490 + 256768)
    assert d.totals.interest == Money(50000 + 48729 + 47451)
    assert d.totals.total.fen == sum(line.total.fen for line in d.lines)


def test_nothing_due_yet_and_due_today_are_not_overdue() -> None:
    states = [inst(1, date(2026, 1, 15), 1000, 100), inst(2, date(2026, 2, 15), 1000, 90)]
    for today in (date(2026, 1, 1), date(2026, 1, 15)):
        d = evaluate_delinquency(states, annual_rate=RATE, today=today)
        assert (d.dpd, d.bucket, d.lines) == (0, "M0", ())
        assert not d.overdue
    d = evaluate_delinquency(states, annual_rate=RATE, today=date(2026, 1, 16))
    assert d.dpd == 1 and d.bucket == "M1" and d.overdue


def test_fully_paid_installments_do_not_count() -> None:
    states = [
        inst(1, date(2026, 1, 15), 1000, 100, paid_principal=1000, paid_interest=100),
        inst(2, date(2026, 2, 15), 1000, 90),
    ]
    d = evaluate_delinquency(states, annual_rate=RATE, today=date(2026, 3, 1))
    assert d.dpd == 14 and [line.n for line in d.lines] == [2]


def test_partial_payment_keeps_dpd_from_oldest_unpaid() -> None:
    states = [
        inst(1, date(2026, 1, 15), 1000, 100, paid_principal=500, paid_interest=100),
        inst(2, date(2026, 2, 15), 1000, 90),
    ]
    d = evaluate_delinquency(states, annual_rate=RATE, today=date(2026, 3, 1))
    assert d.dpd == 45 and d.bucket == "M2"
    assert d.lines[0].principal == Money(500) and d.lines[0].interest == Money(0)


def test_penalty_paid_is_subtracted_and_never_negative() -> None:
    base = inst(1, date(2026, 1, 15), 254219, 50000, paid_penalty=1000)
    d = evaluate_delinquency([base], annual_rate=RATE, today=date(2026, 2, 14))
    assert d.lines[0].penalty == Money(907)
    over = inst(1, date(2026, 1, 15), 254219, 50000, paid_penalty=5000)
    d = evaluate_delinquency([over], annual_rate=RATE, today=date(2026, 2, 14))
    assert d.lines[0].penalty == Money(0)


def test_accrued_penalty_left_on_paid_installment_is_shown_but_dpd_zero() -> None:
    s = InstallmentState(
        1, date(2026, 1, 15), Money(1000), Money(100), Money(0),
        Money(1000), Money(100), Money(0), Money(0), Money(250), date(2026, 2, 1),
    )  # fmt: skip
    d = evaluate_delinquency([s], annual_rate=RATE, today=date(2026, 3, 1))
    assert d.dpd == 0 and d.bucket == "M0"
    assert len(d.lines) == 1 and d.lines[0].penalty == Money(250)


def test_zero_rate_loan_has_no_penalty_but_is_overdue() -> None:
    d = evaluate_delinquency(
        [inst(1, date(2026, 1, 15), 100000)], annual_rate=Decimal(0), today=date(2026, 4, 30)
    )
    assert d.dpd == 105 and d.bucket == "M3+"
    assert d.totals.penalty == Money(0) and d.totals.total == Money(100000)


def test_leap_year_days() -> None:
    no_grace = PenaltyPolicy(penalty_grace_days=0)  # the penalty shows from the first day
    d = evaluate_delinquency(
        [inst(1, date(2024, 2, 28), 360000)],
        annual_rate=Decimal("0.08"),
        today=date(2024, 3, 1),
        policy=no_grace,
    )
    assert d.dpd == 2  # 2024-02-29 exists
    # 3600.00 x 0.12 / 360 x 2 = 2.40
    assert d.lines[0].penalty == Money(240)
    d = evaluate_delinquency(
        [inst(1, date(2023, 2, 28), 360000)], annual_rate=Decimal("0.08"), today=date(2023, 3, 1)
    )
    assert d.dpd == 1


def test_fees_are_owed_but_not_a_penalty_base() -> None:
    d = evaluate_delinquency(
        [inst(1, date(2026, 1, 15), 0, 0, 5000)], annual_rate=RATE, today=date(2026, 2, 14)
    )
    assert d.dpd == 30 and d.lines[0].fees == Money(5000) and d.lines[0].penalty == Money(0)


@pytest.mark.parametrize(
    ("dpd", "bucket"),
    [(0, "M0"), (1, "M1"), (30, "M1"), (31, "M2"), (60, "M2"), (61, "M3"), (90, "M3"),
     (91, "M3+"), (5000, "M3+")],
)  # fmt: skip
def test_default_buckets(dpd: int, bucket: str) -> None:
    assert bucket_for(dpd) == bucket
    assert bucket_for(dpd, DEFAULT_BUCKETS) == bucket


def test_configured_buckets_with_m4() -> None:
    ranges = BucketRanges.from_limits(
        [("M0", 0), ("M1", 30), ("M2", 60), ("M3", 90), ("M4", 120), ("M4+", None)]
    )
    assert [bucket_for(d, ranges) for d in (90, 91, 120, 121)] == ["M3", "M4", "M4", "M4+"]
    assert ranges.next_label("M3") == "M4" and ranges.next_label("M4+") is None
    d = evaluate_delinquency(
        [inst(1, date(2026, 1, 1), 10000)],
        annual_rate=RATE,
        today=date(2026, 5, 1),
        buckets=ranges,
    )
    assert d.dpd == 120 and d.bucket == "M4"


@pytest.mark.parametrize(
    "limits",
    [[], [("M0", 0), ("M1", 30)], [("M0", None), ("M1", None)], [("M0", 0), ("M0", None)],
     [("M0", 5), ("M1", 3), ("M2", None)], [("", None)]],
)  # fmt: skip
def test_bad_bucket_ranges(limits: list[tuple[str, int | None]]) -> None:
    with pytest.raises(DomainError):
        BucketRanges.from_limits(limits)


def test_grace_period_and_closing() -> None:
    policy = PenaltyPolicy(grace_days=3)
    assert not case_should_open(0, policy)
    assert not case_should_open(3, policy)
    assert case_should_open(4, policy)
    assert case_should_open(1)
    assert case_should_close(0) and not case_should_close(1)


@pytest.mark.parametrize(
    "kwargs",
    [{"uplift": 0.5}, {"uplift": Decimal(-1)}, {"base": "balance"}, {"day_count": 366},
     {"grace_days": -1}, {"grace_days": 1.5}, {"day_count": True}, {"day_count": 360.0}],
)  # fmt: skip
def test_bad_policy(kwargs: dict[str, object]) -> None:
    with pytest.raises(DomainError):
        PenaltyPolicy(**kwargs)  # type: ignore[arg-type]


def test_bad_inputs() -> None:
    good = [inst(1, date(2026, 1, 15), 1000)]
    for rate in (0.06, Decimal("-0.01"), Decimal("1.5"), Decimal("NaN")):
        with pytest.raises(DomainError):
            evaluate_delinquency(good, annual_rate=rate, today=date(2026, 2, 1))  # type: ignore[arg-type]
    with pytest.raises(DomainError):
        evaluate_delinquency(good, annual_rate=RATE, today=datetime(2026, 2, 1))
    with pytest.raises(DomainError):
        evaluate_delinquency(
            [inst(2, date(2026, 2, 15), 1), inst(1, date(2026, 1, 15), 1)],
            annual_rate=RATE,
            today=date(2026, 3, 1),
        )
    with pytest.raises(DomainError):
        evaluate_delinquency([object()], annual_rate=RATE, today=date(2026, 3, 1))  # type: ignore[list-item]
    with pytest.raises(DomainError):
        inst(1, date(2026, 1, 15), 1000, paid_principal=1001)
    with pytest.raises(DomainError):
        inst(1, date(2026, 1, 15), -5)
    with pytest.raises(DomainError):
        inst(0, date(2026, 1, 15), 5)
    with pytest.raises(DomainError):
        InstallmentState(1, date(2026, 1, 15), 1000, Money(0))  # type: ignore[arg-type]
    with pytest.raises(DomainError):
        bucket_for(-1)
    with pytest.raises(DomainError):
        penalty_for(Money(100), -1, annual_rate=RATE)
    late_accrual = InstallmentState(
        1, date(2026, 1, 15), Money(1000), Money(0), accrued_through=date(2026, 3, 1)
    )
    with pytest.raises(DomainError):
        evaluate_delinquency([late_accrual], annual_rate=RATE, today=date(2026, 2, 1))
