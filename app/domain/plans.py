"""Repayment-plan calculator: catch-up, restructure (展期) and settlement, with rule checks.

- Catch-up: the arrears less waivers, less an optional down payment, split into `payments`
  extra payments (equal to the fen, the last absorbs the residue) on top of the regular
  installments, every week / two weeks / month from `first_date`.
- Restructure: the principal not yet due plus the capitalised arrears (less waivers and
  the down payment) re-amortised monthly over `new_term_months` by either method. Its
  展期 runs from the old maturity date to the plan's last due date (months rounded up),
  so the month a down payment adds counts towards the 贷款通则 Art. 12 limit.
- Settlement: one lump sum on `first_date` of everything owed less the waivers.

A down payment (line n = 0) is due on `first_date` and the plan payments start one
period later; without one, the first plan payment is due on `first_date`. Monthly dates
(catch-up steps and the restructure's schedule alike) are anchored on the plan's due day:
the day of `first_date`, or the loan's due day when `first_date` is that day's date in a
short month (`plan_due_day`); each date is counted from `first_date` on that anchor and
clamped to the month end, never stepped from a clamped date (01-31, 02-28, 03-31 ...).
The lines' `settles` parts always sum exactly to `amount_due` (owed after waivers).

Input errors raise DomainError (naming the field) before any computation; broken business
rules are reported as Violations. When only authority rules are broken the plan is a
proposal (`needs_approval`); any other violation makes it invalid.
"""

from __future__ import annotations

import enum
from dataclasses import replace
from datetime import date, timedelta
from typing import TypeVar

from app.domain.due_day import months_after, on_due_day
from app.domain.errors import DomainError
from app.domain.money import Money
from app.domain.plan_checks import (
    check_authority,
    check_count,
    check_extension,
    check_first_date,
    check_min_payment,
    lump_sum_violation,
    monthly_violation,
)
from app.domain.plan_types import (
    AUTHORITY,
    COMPONENTS,
    Arrears,
    AuthorityLimits,
    Frequency,
    PlanInput,
    PlanKind,
    PlanLine,
    PlanResult,
    PlanRules,
    Role,
    Violation,
    Waivers,
)
from app.domain.schedules import (
    MAX_PRINCIPAL_FEN,
    add_months,
    build_schedule,
    validate_date,
    validate_method,
    validate_months,
    validate_rate,
)

__all__ = [
    "AUTHORITY",
    "Arrears",
    "AuthorityLimits",
    "Frequency",
    "PlanInput",
    "PlanKind",
    "PlanLine",
    "PlanResult",
    "PlanRules",
    "Role",
    "Violation",
    "Waivers",
    "calculate_plan",
]

MAX_PLAN_PAYMENTS = 120
MAX_ORIGINAL_TERM = 360


_E = TypeVar("_E", bound=enum.Enum)


def _enum(enum_type: type[_E], value: object, field: str) -> _E:
    if isinstance(value, enum_type):
        return value
    for member in enum_type:
        if isinstance(value, str) and member.value == value:
            return member
    allowed = ", ".join(str(m.value) for m in enum_type)
    raise DomainError(field, f"unknown value {value!r} (use {allowed})")


def _money(value: object, field: str) -> Money:
    if not isinstance(value, Money):
        raise DomainError(field, "must be Money")
    if value.fen < 0:
        raise DomainError(field, "must not be negative")
    if value.fen > MAX_PRINCIPAL_FEN:
        raise DomainError(field, "is too large")
    return value


def _count(value: object, field: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise DomainError(field, "must be a whole number")
    if not low <= value <= high:
        raise DomainError(field, f"must be between {low} and {high}")
    return value


def _validate(inp: PlanInput) -> PlanInput:
    """Check every field (DomainError naming it) and return a normalised copy."""
    if not isinstance(inp, PlanInput):
        raise DomainError("input", "expected a PlanInput")
    kind = _enum(PlanKind, inp.kind, "kind")
    if not isinstance(inp.arrears, Arrears):
        raise DomainError("arrears", "expected Arrears")
    if not isinstance(inp.waivers, Waivers):
        raise DomainError("waivers", "expected Waivers")
    for name in COMPONENTS:
        _money(getattr(inp.arrears, name), f"arrears.{name}")
        _money(getattr(inp.waivers, name), f"waivers.{name}")
    remaining = _money(inp.remaining_principal, "remaining_principal")
    validate_rate(inp.annual_rate)
    _count(inp.original_term_months, "original_term_months", 1, MAX_ORIGINAL_TERM)
    if inp.remaining_term_months is not None:
        # a rebooked loan (an earlier restructure) may have more months left than its
        # original term; the 展期 limit is checked as a rule (check_extension), not here
        _count(
            inp.remaining_term_months,
            "remaining_term_months",
            0,
            MAX_ORIGINAL_TERM + MAX_PLAN_PAYMENTS,
        )
    _count(inp.extensions_granted_months, "extensions_granted_months", 0, MAX_ORIGINAL_TERM)
    down = _money(inp.down_payment, "down_payment")
    _count(inp.payments, "payments", 1, MAX_PLAN_PAYMENTS)
    frequency = _enum(Frequency, inp.frequency, "frequency")
    validate_date(inp.first_date, field="first_date")
    validate_date(inp.today, field="today")
    if inp.new_term_months is not None:
        validate_months(inp.new_term_months, field="new_term_months")
    if inp.old_maturity_date is not None:
        validate_date(inp.old_maturity_date, field="old_maturity_date")
    if inp.loan_due_day is not None:
        _count(inp.loan_due_day, "loan_due_day", 1, 31)
    method = validate_method(inp.method)

    owed_principal = inp.arrears.principal.fen
    if kind is not PlanKind.CATCH_UP:
        owed_principal += remaining.fen
    for name in COMPONENTS:
        owed = owed_principal if name == "principal" else getattr(inp.arrears, name).fen
        if getattr(inp.waivers, name).fen > owed:
            raise DomainError(f"waivers.{name}", f"exceeds the {name} owed")
    due = _amount_due(kind, inp)
    if due <= 0:
        raise DomainError("waivers", "nothing is left to pay after the waivers")
    if kind is PlanKind.SETTLEMENT and down.fen:
        raise DomainError("down_payment", "a settlement is one lump sum; no down payment")
    if kind is not PlanKind.SETTLEMENT and down.fen >= due:
        raise DomainError("down_payment", "must be less than the amount due")
    if kind is PlanKind.RESTRUCTURE and inp.remaining_term_months is None:
        raise DomainError("remaining_term_months", "required for a restructure")
    return replace(inp, kind=kind, frequency=frequency, method=method)


def _amount_due(kind: PlanKind, inp: PlanInput) -> int:
    due = inp.arrears.total.fen - inp.waivers.total.fen
    if kind is not PlanKind.CATCH_UP:
        due += inp.remaining_principal.fen
    return due


def plan_due_day(inp: PlanInput) -> int:
    """The day of the month the plan's monthly dates fall on (see the module docstring)."""
    loan_day = inp.loan_due_day
    if loan_day is not None and on_due_day(inp.first_date, loan_day):
        return loan_day
    return inp.first_date.day


def _step(first: date, i: int, frequency: Frequency, day: int) -> date:
    if frequency is Frequency.MONTHLY:
        return add_months(first, i, day)
    days = 7 if frequency is Frequency.WEEKLY else 14
    return first + timedelta(days=days * i)


def _split(amount: int, parts: int) -> list[int]:
    """Equal parts to the fen (half up), the last absorbing the residue; never negative."""
    base = (2 * amount + parts) // (2 * parts)
    if base * (parts - 1) > amount:
        base = amount // parts
    return [base] * (parts - 1) + [amount - base * (parts - 1)]


def months_to_reach(start: date, end: date, day: int | None = None) -> int:
    """Whole months from `start` until `end`, a part month counting as one (on `day`, the
    schedule's anchor, when `start` is on it: app.domain.due_day.months_after)."""
    return months_after(start, end, day)


def _extension_months(inp: PlanInput, plan_months: int, last_due: date) -> int:
    """展期 of a restructure (see PlanInput): to the plan's last due date."""
    if inp.old_maturity_date is not None:
        return months_to_reach(inp.old_maturity_date, last_due, inp.loan_due_day)
    return max(0, plan_months - (inp.remaining_term_months or 0))


def calculate_plan(
    inp: PlanInput, *, role: Role | str, rules: PlanRules | None = None
) -> PlanResult:
    """Build the plan's lines and check every rule; see the module docstring."""
    rules = PlanRules() if rules is None else rules
    who = _enum(Role, role, "role")
    inp = _validate(inp)
    kind = PlanKind(inp.kind)
    due = _amount_due(kind, inp)
    down = inp.down_payment.fen
    lines: list[PlanLine] = []
    if down:
        lines.append(PlanLine(0, inp.first_date, Money(down)))
    offset = 1 if down else 0
    day = plan_due_day(inp)
    violations: list[Violation] = []
    new_principal: Money | None = None
    extension = 0

    if kind is PlanKind.CATCH_UP:
        freq = Frequency(inp.frequency)
        for i, part in enumerate(_split(due - down, inp.payments)):
            lines.append(PlanLine(i + 1, _step(inp.first_date, i + offset, freq, day), Money(part)))
        violations += check_count(inp.payments, rules.max_catch_up_payments, "分期", "payments")
    elif kind is PlanKind.RESTRUCTURE:
        term = inp.new_term_months if inp.new_term_months is not None else inp.payments
        validate_months(term, field="new_term_months")
        new_principal = Money(due - down)
        schedule = build_schedule(
            principal=new_principal,
            annual_rate=inp.annual_rate,
            months=term,
            method=inp.method,
            first_due=add_months(inp.first_date, offset, day),
            day_of_month=day,  # never the clamped day of a short month's date
        )
        lines += [PlanLine(s.n, s.due_date, s.payment, s.interest) for s in schedule.lines]
        extension = _extension_months(inp, term + offset, lines[-1].due_date)
        violations += monthly_violation(str(inp.frequency))
        violations += check_count(term, rules.max_restructure_months, "展期后", "months")
        violations += check_extension(
            original_term=inp.original_term_months,
            already=inp.extensions_granted_months,
            this_plan=extension,
            rules=rules,
        )
    else:
        lines.append(PlanLine(1, inp.first_date, Money(due)))
        violations += lump_sum_violation(inp.payments)

    violations += check_min_payment(lines, rules)
    violations += check_first_date(inp.first_date, inp.today, rules)
    owed = inp.arrears
    if kind is not PlanKind.CATCH_UP:
        owed = replace(owed, principal=owed.principal + inp.remaining_principal)
    limits = rules.authority.get(who, AUTHORITY[who])
    violations += check_authority(who, limits, inp.waivers, owed)

    total_payment = Money(sum(line.amount.fen for line in lines))
    total_interest = Money(sum(line.interest.fen for line in lines))
    only_authority = bool(violations) and all(v.is_authority for v in violations)
    return PlanResult(
        kind=kind,
        role=who,
        lines=tuple(lines),
        amount_due=Money(due),
        total_payment=total_payment,
        total_interest=total_interest,
        waived=inp.waivers,
        violations=tuple(violations),
        needs_approval=only_authority,
        new_principal=new_principal,
        extension_months=extension,
    )
