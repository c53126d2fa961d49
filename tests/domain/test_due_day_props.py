"""Issue 14 point 1: the contract's due day survives month-end in every schedule the domain
builds (loan schedules, restructures, catch-up steps), and the 展期 is counted right.

The oracle here is independent of app.domain.schedules.add_months: a due date k months
after a (year, month) on anchor day d is date(y, m, min(d, days in that month)).
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from app.domain.due_day import contract_due_day, schedule_due_day
from app.domain.money import Money
from app.domain.plan_checks import extension_limit
from app.domain.plan_inputs import PlanTerms, ScheduledInstallment, loan_figures, plan_input
from app.domain.plans import (
    Arrears,
    Frequency,
    PlanInput,
    PlanKind,
    PlanRules,
    Role,
    calculate_plan,
)
from app.domain.schedule_types import RepaymentMethod
from app.domain.schedules import build_schedule

# leap years (2024, 2028, 2000), common years (2027, 2100: divisible by 100, not by 400)
YEARS = st.sampled_from([2000, 2024, 2026, 2027, 2028, 2100])
MONTH_END_DAYS = st.integers(min_value=28, max_value=31)


def clamp(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def oracle_due(start: date, k: int, day: int) -> date:
    """The due date k months after start's month, on `day`, clamped to the month end."""
    y, m0 = divmod(start.year * 12 + start.month - 1 + k, 12)
    return clamp(y, m0 + 1, day)


def oracle_extension(old_maturity: date, old_day: int, last_due: date) -> int:
    """Months from the old maturity (a day-`old_day` date) to the last due, part months up."""
    diff = (last_due.year - old_maturity.year) * 12 + last_due.month - old_maturity.month
    if diff < 0:
        return 0
    return diff if last_due <= clamp(last_due.year, last_due.month, old_day) else diff + 1


@st.composite
def month_end_dates(draw: st.DrawFn) -> tuple[date, int]:
    """A date on the 28th-31st (clamped in short months) and the anchor day it stands for."""
    day = draw(MONTH_END_DAYS)
    return clamp(draw(YEARS), draw(st.integers(min_value=1, max_value=12)), day), day


@settings(max_examples=300)
@given(month_end_dates(), st.integers(min_value=1, max_value=120))
def test_loan_schedule_keeps_its_anchor(first: tuple[date, int], months: int) -> None:
    first_due, day = first
    s = build_schedule(
        principal=Money(10_000_000),
        annual_rate=Decimal("0.06"),
        months=months,
        method=RepaymentMethod.EQUAL_INSTALLMENT,
        first_due=first_due,
        day_of_month=day,
    )
    assert [x.due_date for x in s.lines] == [oracle_due(first_due, k, day) for k in range(months)]
    if months >= 2:
        assert schedule_due_day(x.due_date for x in s.lines) == day


@settings(max_examples=300)
@given(
    st.integers(min_value=28, max_value=31),
    YEARS,
    st.integers(min_value=1, max_value=12),
    st.integers(min_value=1, max_value=120),
)
def test_import_rule_keeps_the_disbursement_day(
    disbursed_day: int, year: int, month: int, months: int
) -> None:
    """The core system's file: disbursed on the 28th-31st, first due a month later, clamped."""
    assume(disbursed_day <= calendar.monthrange(year, month)[1])  # a real disbursement day
    disbursed = date(year, month, disbursed_day)
    first_due = oracle_due(disbursed, 1, disbursed_day)
    due = contract_due_day(first_due, disbursed=disbursed)
    assert due.day == disbursed.day
    s = build_schedule(
        principal=Money(10_000_000),
        annual_rate=Decimal("0.06"),
        months=months,
        method=RepaymentMethod.EQUAL_PRINCIPAL,
        first_due=first_due,
        day_of_month=due.day,
    )
    assert [x.due_date for x in s.lines] == [
        oracle_due(first_due, k, disbursed.day) for k in range(months)
    ]


def _restructure(
    first: date, *, down: int, term: int, maturity: date, original: int, loan_day: int | None
) -> PlanInput:
    return PlanInput(
        kind=PlanKind.RESTRUCTURE,
        arrears=Arrears(Money(1_000_000), Money(50_000), Money(3_000), Money(0)),
        first_date=first,
        today=first - timedelta(days=3),
        remaining_principal=Money(40_000_000),
        annual_rate=Decimal("0.06"),
        original_term_months=original,
        remaining_term_months=min(original, 6),
        down_payment=Money(down),
        new_term_months=term,
        old_maturity_date=maturity,
        loan_due_day=loan_day,
    )


@settings(max_examples=400)
@given(
    month_end_dates(),
    st.booleans(),
    st.integers(min_value=1, max_value=120),
    st.integers(min_value=-3, max_value=30),
    st.sampled_from([1, 28, 29, 30, 31]),
    st.integers(min_value=6, max_value=120),
)
def test_restructure_dates_and_extension(
    first: tuple[date, int],
    with_down: bool,
    term: int,
    maturity_shift: int,
    old_day: int,
    original: int,
) -> None:
    first_date, _ = first
    maturity = oracle_due(first_date, maturity_shift, old_day)
    inp = _restructure(
        first_date,
        down=200_000 if with_down else 0,
        term=term,
        maturity=maturity,
        original=original,
        loan_day=old_day,
    )
    r = calculate_plan(inp, role=Role.ADMIN)
    offset = 1 if with_down else 0
    # the plan's anchor: the first date's day, or the loan's day when the first date is the
    # loan's date in a short month (2027-02-28 on a day-31 loan)
    on_loan_day = clamp(first_date.year, first_date.month, old_day) == first_date
    anchor = old_day if on_loan_day else first_date.day
    if not with_down:
        assert r.lines[0].n == 1
    expected = [first_date] * offset + [
        oracle_due(first_date, k + offset, anchor) for k in range(term)
    ]
    assert [x.due_date for x in r.lines] == expected
    ext = oracle_extension(maturity, old_day, expected[-1])
    assert r.extension_months == ext
    over = ext > extension_limit(original, PlanRules())
    assert ("extension_limit" in {v.code for v in r.violations}) == over


@settings(max_examples=300)
@given(
    month_end_dates(),
    st.booleans(),
    st.integers(min_value=1, max_value=36),
    st.sampled_from([None, 15, 28, 29, 30, 31]),
)
def test_catch_up_monthly_steps_keep_the_anchor(
    first: tuple[date, int], with_down: bool, payments: int, loan_day: int | None
) -> None:
    first_date, _ = first
    inp = PlanInput(
        kind=PlanKind.CATCH_UP,
        arrears=Arrears(Money(10_000_000), Money(0), Money(0), Money(0)),
        first_date=first_date,
        today=first_date,
        down_payment=Money(500_000 if with_down else 0),
        payments=payments,
        frequency=Frequency.MONTHLY,
        loan_due_day=loan_day,
    )
    r = calculate_plan(inp, role=Role.ADMIN)
    on_loan_day = (
        loan_day is not None and clamp(first_date.year, first_date.month, loan_day) == first_date
    )
    anchor = loan_day if on_loan_day and loan_day is not None else first_date.day
    offset = 1 if with_down else 0
    expected = [first_date] * offset + [
        oracle_due(first_date, k + offset, anchor) for k in range(payments)
    ]
    assert [x.due_date for x in r.lines] == expected


def test_audit_case_reports_the_extension_limit() -> None:
    """The audit's case: first date 2027-01-31, a down payment, 16 new months, old maturity
    2027-05-28, a 24-month loan. Before the fix the dates drifted to the 28th (last 2028-05-28,
    12 months, no violation); the plan runs to 2028-05-31: 13 months > the 12 allowed."""
    r = calculate_plan(
        _restructure(
            date(2027, 1, 31),
            down=200_000,
            term=16,
            maturity=date(2027, 5, 28),
            original=24,
            loan_day=None,
        ),
        role=Role.ADMIN,
    )
    dates = [x.due_date for x in r.lines]
    assert dates[:5] == [
        date(2027, 1, 31),
        date(2027, 2, 28),
        date(2027, 3, 31),
        date(2027, 4, 30),
        date(2027, 5, 31),
    ]
    assert dates[-3:] == [date(2028, 3, 31), date(2028, 4, 30), date(2028, 5, 31)]
    assert dates[13] == date(2028, 2, 29)
    assert r.extension_months == 13
    assert "extension_limit" in {v.code for v in r.violations}
    assert not r.valid


def test_plan_from_a_day_31_loans_february_date_keeps_day_31() -> None:
    """Desk and server build the input with plan_input(loan_figures(...)): the loan's day is
    read from its schedule, so a plan starting on its 2027-02-28 due date goes on the 31st and
    its 展期 counts from the day-31 maturity (2027-02-28 -> 2027-03-31 is one month)."""
    schedule = build_schedule(
        principal=Money(1_200_000),
        annual_rate=Decimal("0.06"),
        months=12,
        method=RepaymentMethod.EQUAL_INSTALLMENT,
        first_due=date(2026, 3, 31),
        day_of_month=31,
    )
    assert schedule.lines[-1].due_date == date(2027, 2, 28)
    figures = loan_figures(
        arrears=Arrears(Money(100_000), Money(5_000), Money(0), Money(0)),
        installments=[
            ScheduledInstallment(x.n, x.due_date, x.principal.fen, x.interest.fen)
            for x in schedule.lines
        ],
        today=date(2027, 2, 20),
        annual_rate=Decimal("0.06"),
        term_months=12,
        extensions_months=0,
        method="equal_installment",
    )
    assert figures.due_day == 31
    terms = PlanTerms(kind="restructure", first_date=date(2027, 2, 28), new_term_months=3)
    r = calculate_plan(plan_input(figures, terms, today=date(2027, 2, 20)), role=Role.ADMIN)
    assert [x.due_date for x in r.lines] == [
        date(2027, 2, 28),
        date(2027, 3, 31),
        date(2027, 4, 30),
    ]
    assert r.extension_months == 2
    catch_up = PlanTerms(
        kind="catch_up", first_date=date(2027, 2, 28), payments=3, frequency="monthly"
    )
    c = calculate_plan(plan_input(figures, catch_up, today=date(2027, 2, 20)), role=Role.ADMIN)
    assert [x.due_date for x in c.lines] == [
        date(2027, 2, 28),
        date(2027, 3, 31),
        date(2027, 4, 30),
    ]
