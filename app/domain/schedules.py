"""Repayment schedules: 等额本息 (equal installment) and 等额本金 (equal principal), monthly.

Rules (DOMAIN.md "Repayment schedules"), all amounts in integer fen:

- r = annual_rate / 12. Interest of a period = balance x r, rounded half up to the fen.
- Equal installment: M = P·r·(1+r)^n / ((1+r)^n - 1) rounded half up to the fen (r = 0: P/n);
  principal = M - interest; the last period pays the whole remaining balance, so principal
  sums exactly to P. For absurdly small loans where a rounded-up M would overdraw the
  balance before the last period, M is lowered one fen at a time until it does not.
- Equal principal: the principal due after k periods is round(k·P/n) (half up), so each
  period's principal is P/n rounded and the rounding residue never accumulates; the last
  period clears the balance exactly. This is what bank calculators show: for the DOMAIN.md
  example the payment falls from 3,277.78 to 2,791.67 and the total interest is 9,250.00.
- Due dates: line 1 is due on `first_due`; line k+1 is due k months later on
  `day_of_month` (default: the day of `first_due`), clamped to the month end, so a loan
  due on the 31st is due on 28/29 February and on 31 March again. `first_due` must itself
  fall on `day_of_month` (or on the month end before it, e.g. 2026-02-28 with day 31).

Every input is validated (DomainError naming the field) before any computation.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Context, Decimal

from app.domain.errors import DomainError
from app.domain.money import Money
from app.domain.schedule_types import RepaymentMethod, Schedule, ScheduleLine

MIN_MONTHS = 1
MAX_MONTHS = 120
MAX_ANNUAL_RATE = Decimal("0.36")
MAX_RATE_DECIMALS = 10
MAX_PRINCIPAL_FEN = 10**13  # 100 billion yuan: anything larger is a typo, not a car loan
MIN_YEAR = 1900
MAX_YEAR = 2200

# Plenty of digits for (1+r)^120 and balance x r on 13-digit fen amounts.
_CTX = Context(prec=60, rounding=ROUND_HALF_UP)
_TWELVE = Decimal(12)
_ONE = Decimal(1)


def add_months(d: date, k: int, day_of_month: int | None = None) -> date:
    """The date `k` months after `d` on `day_of_month` (default d.day), clamped to month end."""
    if not isinstance(d, date) or isinstance(d, datetime):
        raise DomainError("date", "expected a calendar date")
    if isinstance(k, bool) or not isinstance(k, int):
        raise DomainError("months", "expected a whole number of months")
    day = d.day if day_of_month is None else _check_day_of_month(day_of_month)
    index = d.year * 12 + (d.month - 1) + k
    year, month0 = divmod(index, 12)
    if not 1 <= year <= 9999:
        raise DomainError("date", "out of the supported calendar range")
    last = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(day, last))


def _check_day_of_month(day_of_month: object) -> int:
    if isinstance(day_of_month, bool) or not isinstance(day_of_month, int):
        raise DomainError("day_of_month", "expected a whole number 1-31")
    if not 1 <= day_of_month <= 31:
        raise DomainError("day_of_month", "must be between 1 and 31")
    return day_of_month


def validate_rate(annual_rate: object, *, field: str = "annual_rate") -> Decimal:
    """Check an annual rate: a finite Decimal in [0, 0.36] with at most 10 decimals."""
    if not isinstance(annual_rate, Decimal):
        raise DomainError(field, "must be a Decimal (never float), e.g. Decimal('0.06')")
    if not annual_rate.is_finite():
        raise DomainError(field, "must be a finite number")
    if not Decimal(0) <= annual_rate <= MAX_ANNUAL_RATE:
        raise DomainError(field, "must be between 0 and 0.36")
    exponent = annual_rate.normalize().as_tuple().exponent
    if isinstance(exponent, int) and exponent < -MAX_RATE_DECIMALS:
        raise DomainError(field, f"at most {MAX_RATE_DECIMALS} decimal places")
    return annual_rate


def validate_months(months: object, *, field: str = "months") -> int:
    """Check a term in months: a whole number 1-120."""
    if isinstance(months, bool) or not isinstance(months, int):
        raise DomainError(field, "must be a whole number of months")
    if not MIN_MONTHS <= months <= MAX_MONTHS:
        raise DomainError(field, f"must be between {MIN_MONTHS} and {MAX_MONTHS}")
    return months


def validate_date(value: object, *, field: str) -> date:
    """Check a calendar date (not a datetime) within the supported years."""
    if not isinstance(value, date) or isinstance(value, datetime):
        raise DomainError(field, "must be a calendar date")
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise DomainError(field, f"year must be between {MIN_YEAR} and {MAX_YEAR}")
    return value


def validate_principal(principal: object, *, field: str = "principal") -> Money:
    """Check a loan amount: Money, more than zero, not absurdly large."""
    if not isinstance(principal, Money):
        raise DomainError(field, "must be Money")
    if principal.fen <= 0:
        raise DomainError(field, "must be greater than zero")
    if principal.fen > MAX_PRINCIPAL_FEN:
        raise DomainError(field, "is too large")
    return principal


def validate_method(method: object) -> RepaymentMethod:
    """Accept a RepaymentMethod or its string value."""
    if isinstance(method, RepaymentMethod):
        return method
    try:
        return RepaymentMethod(str(method)) if isinstance(method, str) else RepaymentMethod("?")
    except ValueError:
        allowed = ", ".join(m.value for m in RepaymentMethod)
        raise DomainError("method", f"unknown method {method!r} (use {allowed})") from None


def build_schedule(
    *,
    principal: Money,
    annual_rate: Decimal,
    months: int,
    method: RepaymentMethod,
    first_due: date,
    day_of_month: int | None = None,
) -> Schedule:
    """Build the full monthly schedule; principal sums exactly to `principal`."""
    principal = validate_principal(principal)
    rate = validate_rate(annual_rate)
    n = validate_months(months)
    kind = validate_method(method)
    first = validate_date(first_due, field="first_due")
    anchor = first.day if day_of_month is None else _check_day_of_month(day_of_month)
    if add_months(first, 0, anchor) != first:
        raise DomainError(
            "day_of_month",
            f"first_due {first.isoformat()} is not on day {anchor} (or the month end before it)",
        )

    dues = [first, *(add_months(first, k, anchor) for k in range(1, n))]
    p = principal.fen
    if kind is RepaymentMethod.EQUAL_INSTALLMENT:
        parts = _equal_installment(p, rate, n)
    else:
        parts = _equal_principal(p, rate, n)
    lines = tuple(
        ScheduleLine(
            n=i + 1,
            due_date=dues[i],
            payment=Money(pr + it),
            principal=Money(pr),
            interest=Money(it),
            balance=Money(bal),
        )
        for i, (pr, it, bal) in enumerate(parts)
    )
    return Schedule(method=kind, principal=principal, lines=lines)


def _interest(balance: int, annual_rate: Decimal) -> int:
    """balance x annual_rate / 12, half up to the fen (multiply first: exact when possible)."""
    if balance == 0 or annual_rate == 0:
        return 0
    value = _CTX.divide(_CTX.multiply(Decimal(balance), annual_rate), _TWELVE)
    return int(value.to_integral_value(rounding=ROUND_HALF_UP))


def _half_up_div(numerator: int, denominator: int) -> int:
    """round(numerator / denominator) half up, for non-negative integers."""
    return (2 * numerator + denominator) // (2 * denominator)


def annuity_payment(principal_fen: int, annual_rate: Decimal, months: int) -> int:
    """The 等额本息 payment in fen, rounded half up (P/n when the rate is zero)."""
    if annual_rate == 0:
        return _half_up_div(principal_fen, months)
    r = _CTX.divide(annual_rate, _TWELVE)
    growth = _CTX.power(_CTX.add(_ONE, r), months)
    exact = _CTX.divide(
        _CTX.multiply(_CTX.multiply(Decimal(principal_fen), r), growth),
        _CTX.subtract(growth, _ONE),
    )
    return int(exact.to_integral_value(rounding=ROUND_HALF_UP))


def _equal_installment(p: int, rate: Decimal, n: int) -> list[tuple[int, int, int]]:
    payment = annuity_payment(p, rate, n)
    while True:
        parts = _simulate_annuity(p, rate, n, payment)
        if parts is not None:
            return parts
        payment -= 1  # only for loans of a few fen: see module docstring


def _simulate_annuity(
    p: int, rate: Decimal, n: int, payment: int
) -> list[tuple[int, int, int]] | None:
    """(principal, interest, balance) per period, or None if `payment` overdraws early."""
    balance = p
    out: list[tuple[int, int, int]] = []
    for k in range(1, n + 1):
        interest = _interest(balance, rate)
        if k == n:
            principal = balance
        else:
            principal = payment - interest
            if principal < 0 or principal > balance:
                return None
        balance -= principal
        out.append((principal, interest, balance))
    return out


def _equal_principal(p: int, rate: Decimal, n: int) -> list[tuple[int, int, int]]:
    out: list[tuple[int, int, int]] = []
    repaid = 0
    for k in range(1, n + 1):
        cumulative = p if k == n else _half_up_div(k * p, n)
        principal = cumulative - repaid
        interest = _interest(p - repaid, rate)
        repaid = cumulative
        out.append((principal, interest, p - repaid))
    return out
