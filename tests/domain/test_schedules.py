"""Reference tables for repayment schedules, checked against an exact Fraction oracle."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from app.domain.errors import DomainError
from app.domain.money import Money
from app.domain.schedule_types import RepaymentMethod, Schedule
from app.domain.schedules import add_months, build_schedule

EI = RepaymentMethod.EQUAL_INSTALLMENT
EP = RepaymentMethod.EQUAL_PRINCIPAL


def _round_half_up(x: Fraction) -> int:
    return (2 * x.numerator + x.denominator) // (2 * x.denominator)


def oracle(p: int, rate: Decimal, n: int, method: str) -> list[tuple[int, int, int, int]]:
    """(payment, principal, interest, balance) per line, in fen, with exact rationals.

    Written independently of app.domain.schedules from the DOMAIN.md rules.
    """
    r = Fraction(rate) / 12
    rows: list[tuple[int, int, int, int]] = []
    balance = p
    if method == "equal_installment":
        if r == 0:
            m = _round_half_up(Fraction(p, n))
        else:
            g = (1 + r) ** n
            m = _round_half_up(p * r * g / (g - 1))
        while True:  # lower M only if it would overdraw before the last period
            balance, rows, ok = p, [], True
            for k in range(1, n + 1):
                interest = _round_half_up(balance * r)
                principal = balance if k == n else m - interest
                if k < n and not 0 <= principal <= balance:
                    ok = False
                    break
                balance -= principal
                rows.append((principal + interest, principal, interest, balance))
            if ok:
                return rows
            m -= 1
    for k in range(1, n + 1):
        target = p - _round_half_up(Fraction(k * p, n))  # balance after k periods
        interest = _round_half_up(balance * r)
        principal = balance - target
        balance = target
        rows.append((principal + interest, principal, interest, balance))
    return rows


def _rows(s: Schedule) -> list[tuple[int, int, int, int]]:
    return [(x.payment.fen, x.principal.fen, x.interest.fen, x.balance.fen) for x in s.lines]


def _build(yuan: str, rate: str, n: int, method: RepaymentMethod, first: date) -> Schedule:
    return build_schedule(
        principal=Money.from_yuan(yuan),
        annual_rate=Decimal(rate),
        months=n,
        method=method,
        first_due=first,
    )


def test_domain_worked_example_equal_installment() -> None:
    s = _build("100000.00", "0.06", 36, EI, date(2026, 1, 15))
    assert {x.payment for x in s.lines[:-1]} == {Money.from_yuan("3042.19")}
    assert s.lines[0].interest == Money.from_yuan("500.00")
    assert s.lines[0].principal == Money.from_yuan("2542.19")
    # DOMAIN.md quotes 9,518.97 = 36 x M_exact - P; rounding each period's interest to the
    # fen on the real balance (the rule) gives 9,519.01. Both figures are within 5 fen.
    assert s.total_interest == Money.from_yuan("9519.01")
    assert abs(s.total_interest.fen - 951897) <= 5
    assert s.lines[-1].payment == Money.from_yuan("3042.36")
    assert s.lines[-1].balance == Money(0)


def test_domain_worked_example_equal_principal() -> None:
    s = _build("100000.00", "0.06", 36, EP, date(2026, 1, 15))
    assert s.lines[0].payment == Money.from_yuan("3277.78")
    assert s.lines[-1].payment == Money.from_yuan("2791.67")
    assert s.total_interest == Money.from_yuan("9250.00")
    assert Money.sum([x.principal for x in s.lines]) == Money.from_yuan("100000.00")


def test_hand_computed_three_months_12_percent() -> None:
    # r = 1%; M = 1000 x 0.01 x 1.01^3 / (1.01^3 - 1) = 340.0221 -> 340.02
    s = _build("1000.00", "0.12", 3, EI, date(2026, 1, 10))
    assert _rows(s) == [
        (34002, 33002, 1000, 66998),
        (34002, 33332, 670, 33666),  # 669.98 x 1% = 6.6998 -> 6.70
        (34003, 33666, 337, 0),  # 336.66 x 1% = 3.3666 -> 3.37; last absorbs
    ]
    p = _build("1000.00", "0.12", 3, EP, date(2026, 1, 10))
    assert _rows(p) == [
        (34333, 33333, 1000, 66667),
        (34001, 33334, 667, 33333),
        (33666, 33333, 333, 0),
    ]


def test_zero_rate_loan() -> None:
    s = _build("10000.00", "0", 3, EI, date(2026, 1, 10))
    assert _rows(s) == [
        (333333, 333333, 0, 666667),
        (333333, 333333, 0, 333334),
        (333334,) * 2 + (0, 0),
    ]
    p = _build("12000.00", "0", 12, EP, date(2026, 1, 10))
    assert {x.payment.fen for x in p.lines} == {100000}
    assert p.total_interest == Money(0)


def test_sixty_month_car_loan_headline_and_table() -> None:
    # 150,000.00 at 4.75% over 60 months: M = 2,813.5368... (closed formula, checked
    # separately in floating point), so 2,813.54 a month.
    s = _build("150000.00", "0.0475", 60, EI, date(2026, 3, 31))
    assert s.lines[0].payment == Money.from_yuan("2813.54")
    assert _rows(s) == oracle(15_000_000, Decimal("0.0475"), 60, "equal_installment")
    p = _build("150000.00", "0.0475", 60, EP, date(2026, 3, 31))
    assert p.lines[0].payment == Money.from_yuan("3093.75")  # 2,500.00 + 593.75
    assert _rows(p) == oracle(15_000_000, Decimal("0.0475"), 60, "equal_principal")


def test_hundred_twenty_months_headline() -> None:
    # 100,000.00 at 4.9% over 10 years: the well-known 1,055.77 a month.
    s = _build("100000.00", "0.049", 120, EI, date(2026, 1, 1))
    assert s.lines[0].payment == Money.from_yuan("1055.77")
    assert _rows(s) == oracle(10_000_000, Decimal("0.049"), 120, "equal_installment")


@pytest.mark.parametrize(
    ("fen", "rate", "n"),
    [(10_000_000, "0.06", 36), (123_456_789, "0.0888", 48), (99, "0.36", 120), (5, "0", 10)],
)
@pytest.mark.parametrize("method", ["equal_installment", "equal_principal"])
def test_matches_oracle(fen: int, rate: str, n: int, method: str) -> None:
    s = build_schedule(
        principal=Money(fen),
        annual_rate=Decimal(rate),
        months=n,
        method=RepaymentMethod(method),
        first_due=date(2026, 5, 20),
    )
    assert _rows(s) == oracle(fen, Decimal(rate), n, method)


def test_due_dates_month_end_rule() -> None:
    s = _build("1000.00", "0.06", 14, EI, date(2027, 1, 31))
    dues = [x.due_date.isoformat() for x in s.lines]
    assert dues[:5] == ["2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30", "2027-05-31"]
    assert dues[-1] == "2028-02-29"  # leap year
    anchored = build_schedule(
        principal=Money(100_000),
        annual_rate=Decimal("0.05"),
        months=3,
        method=EI,
        first_due=date(2026, 2, 28),
        day_of_month=31,
    )
    assert [x.due_date for x in anchored.lines] == [
        date(2026, 2, 28),
        date(2026, 3, 31),
        date(2026, 4, 30),
    ]
    with pytest.raises(DomainError) as info:
        build_schedule(
            principal=Money(100_000),
            annual_rate=Decimal("0.05"),
            months=3,
            method=EI,
            first_due=date(2026, 1, 15),
            day_of_month=31,
        )
    assert info.value.field == "day_of_month"


def test_add_months() -> None:
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2024, 1, 31), 13) == date(2025, 2, 28)
    assert add_months(date(2024, 2, 29), 12, 31) == date(2025, 2, 28)
    assert add_months(date(2024, 3, 15), -3) == date(2023, 12, 15)
    assert add_months(date(2024, 3, 15), 0, 1) == date(2024, 3, 1)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"principal": Money(0)}, "principal"),
        ({"principal": Money(-1)}, "principal"),
        ({"principal": 100}, "principal"),
        ({"annual_rate": Decimal("0.3601")}, "annual_rate"),
        ({"annual_rate": Decimal("-0.01")}, "annual_rate"),
        ({"annual_rate": 0.06}, "annual_rate"),
        ({"annual_rate": Decimal("NaN")}, "annual_rate"),
        ({"months": 0}, "months"),
        ({"months": 121}, "months"),
        ({"months": 12.0}, "months"),
        ({"method": "balloon"}, "method"),
        ({"first_due": "2026-02-30"}, "first_due"),
        ({"first_due": date(1, 1, 1)}, "first_due"),
        ({"day_of_month": 32}, "day_of_month"),
        ({"day_of_month": 0}, "day_of_month"),
    ],
)
def test_bad_input_names_the_field(kwargs: dict[str, object], field: str) -> None:
    args: dict[str, object] = {
        "principal": Money(100_000),
        "annual_rate": Decimal("0.06"),
        "months": 12,
        "method": EI,
        "first_due": date(2026, 1, 15),
    }
    args.update(kwargs)
    with pytest.raises(DomainError) as info:
        build_schedule(**args)  # type: ignore[arg-type]
    assert info.value.field == field


def test_method_accepts_string_value() -> None:
    s = build_schedule(
        principal=Money(100_000),
        annual_rate=Decimal("0.06"),
        months=2,
        method="equal_principal",  # type: ignore[arg-type]
        first_due=date(2026, 1, 15),
    )
    assert s.method is EP


def test_rate_precision_counts_significant_decimals_only() -> None:
    padded = _build("1000.00", "0.0600000000000", 3, EI, date(2026, 1, 10))
    assert _rows(padded) == _rows(_build("1000.00", "0.06", 3, EI, date(2026, 1, 10)))
    with pytest.raises(DomainError):
        _build("1000.00", "0.06000000000001", 3, EI, date(2026, 1, 10))
