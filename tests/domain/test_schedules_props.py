"""Hypothesis properties of repayment schedules."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.errors import DomainError
from app.domain.money import Money
from app.domain.schedule_types import RepaymentMethod, Schedule
from app.domain.schedules import add_months, build_schedule
from tests.domain.test_schedules import oracle

principals = st.one_of(
    st.integers(min_value=1, max_value=1_000),  # tiny loans: rounding edge cases
    st.integers(min_value=1, max_value=10**9),
    st.integers(min_value=10**9, max_value=10**13),
)
rates = st.integers(min_value=0, max_value=360_000).map(lambda i: Decimal(i) / 1_000_000)
months = st.integers(min_value=1, max_value=120)
methods = st.sampled_from(list(RepaymentMethod))
dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2150, 12, 31))
days = st.one_of(st.none(), st.integers(min_value=1, max_value=31))


@st.composite
def schedules(draw: st.DrawFn) -> Schedule:
    first = draw(dates)
    day = draw(days)
    if day is not None:
        first = add_months(first, 0, day)  # first due on the anchor day (or month end)
    return build_schedule(
        principal=Money(draw(principals)),
        annual_rate=draw(rates),
        months=draw(months),
        method=draw(methods),
        first_due=first,
        day_of_month=day,
    )


@given(schedules())
def test_principal_sums_exactly_and_lines_are_sane(s: Schedule) -> None:
    assert sum(x.principal.fen for x in s.lines) == s.principal.fen
    assert s.lines[-1].balance == Money(0)
    previous = s.principal.fen
    for i, x in enumerate(s.lines, start=1):
        assert x.n == i
        assert min(x.payment.fen, x.principal.fen, x.interest.fen, x.balance.fen) >= 0
        assert x.payment.fen == x.principal.fen + x.interest.fen
        assert x.balance.fen == previous - x.principal.fen
        assert x.balance.fen <= previous  # monotonic non-increasing
        previous = x.balance.fen
    assert s.total_payment.fen == s.principal.fen + s.total_interest.fen


@given(schedules())
def test_due_dates_strictly_increase_by_about_a_month(s: Schedule) -> None:
    for a, b in zip(s.lines, s.lines[1:], strict=False):
        assert 28 <= (b.due_date - a.due_date).days <= 31


@given(schedules())
def test_equal_installment_payments_equal_except_last(s: Schedule) -> None:
    if s.method is RepaymentMethod.EQUAL_INSTALLMENT:
        assert len({x.payment for x in s.lines[:-1]}) <= 1
    else:
        principals_ = [x.principal.fen for x in s.lines]
        assert max(principals_) - min(principals_) <= 1  # P/n rounded, residue spread


@settings(max_examples=60)
@given(principals, rates, months, methods)
def test_agrees_with_exact_rational_oracle(
    p: int, rate: Decimal, n: int, method: RepaymentMethod
) -> None:
    s = build_schedule(
        principal=Money(p), annual_rate=rate, months=n, method=method, first_due=date(2026, 1, 1)
    )
    rows = [(x.payment.fen, x.principal.fen, x.interest.fen, x.balance.fen) for x in s.lines]
    assert rows == oracle(p, rate, n, method.value)


anything = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=12),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.datetimes(),
    st.builds(Money, st.integers(min_value=-(10**15), max_value=10**15)),
    st.sampled_from(list(RepaymentMethod)),
)


@settings(max_examples=300)
@given(
    st.one_of(anything, st.builds(Money, principals)),
    st.one_of(anything, rates),
    st.one_of(anything, months),
    st.one_of(anything, methods),
    st.one_of(anything, dates),
    st.one_of(anything, days),
)
def test_never_crashes_except_domain_error(
    p: object, rate: object, n: object, method: object, first: object, day: object
) -> None:
    try:
        s = build_schedule(
            principal=p,  # type: ignore[arg-type]
            annual_rate=rate,  # type: ignore[arg-type]
            months=n,  # type: ignore[arg-type]
            method=method,  # type: ignore[arg-type]
            first_due=first,  # type: ignore[arg-type]
            day_of_month=day,  # type: ignore[arg-type]
        )
    except DomainError as exc:
        assert exc.field in {
            "principal",
            "annual_rate",
            "months",
            "method",
            "first_due",
            "day_of_month",
        }
    else:
        assert sum(x.principal.fen for x in s.lines) == s.principal.fen


@given(dates, st.integers(min_value=-240, max_value=240), days)
def test_add_months_lands_in_the_right_month(d: date, k: int, day: int | None) -> None:
    out = add_months(d, k, day)
    assert (out.year * 12 + out.month) - (d.year * 12 + d.month) == k
    wanted = d.day if day is None else day
    month_end = (out + timedelta(days=1)).month != out.month
    assert out.day == wanted or (out.day < wanted and month_end)
