"""The one home of "a plan's input from a case's figures", shared by the server and the desk.

The server (app/server/services/plan_adapter.py) and the desk's calculator
(app/client/plan_calculator.py) both build the calculator's `PlanInput` here, from the same
figures the sync feed carries (CaseData overdue breakdown, LoanData schedule and terms), so
the desk shows exactly what the server will decide for the same inputs:

- `arrears`: the case's overdue breakdown (principal, interest, penalty, fees) as of the last
  overdue run;
- remaining principal: unpaid principal of the installments not yet due (due date >= today);
  remaining term: how many such installments there are; remaining interest: their unpaid
  scheduled interest (what the borrower would still pay without a plan);
- the loan's original term, the extensions already granted, its rate and method;
- the maturity date: the last scheduled due date (the start of a 展期 measured "from the old
  maturity date", DOMAIN.md corrections);
- the loan's due day, read back from its schedule (`app.domain.due_day.schedule_due_day`:
  the larger day of the last two due dates), so a plan whose first date is the loan's due
  date in a short month keeps the contract day and the 展期 counts from it.

`plan_input(figures, terms, today=...)` adds the agent's terms (kind, down payment, payments,
frequency, first date, waivers, new term). Pure: no I/O, no clock; `today` is an argument.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.domain.due_day import schedule_due_day
from app.domain.errors import DomainError
from app.domain.money import Money
from app.domain.plan_types import (
    ZERO,
    Arrears,
    Frequency,
    PlanInput,
    PlanKind,
    Waivers,
)
from app.domain.schedule_types import RepaymentMethod


@dataclass(frozen=True, slots=True)
class ScheduledInstallment:
    """One line of the loan's schedule, as much of it as a plan needs (amounts in fen)."""

    n: int
    due_date: date
    principal: int
    interest: int
    paid_principal: int = 0
    paid_interest: int = 0


@dataclass(frozen=True, slots=True)
class LoanFigures:
    """The case's live figures a plan starts from (see the module docstring)."""

    arrears: Arrears
    remaining_principal: Money
    remaining_interest: Money
    remaining_term_months: int
    original_term_months: int
    extensions_granted_months: int
    annual_rate: Decimal
    method: RepaymentMethod
    maturity_date: date | None
    due_day: int | None = None


NO_WAIVERS = Waivers()


@dataclass(frozen=True, slots=True)
class PlanTerms:
    """What the agent chooses: the plan's own terms (amounts as Money)."""

    kind: PlanKind | str
    first_date: date
    down_payment: Money = ZERO
    payments: int = 1
    frequency: Frequency | str = Frequency.MONTHLY
    waivers: Waivers = NO_WAIVERS
    new_term_months: int | None = None


def loan_figures(
    *,
    arrears: Arrears,
    installments: Iterable[ScheduledInstallment],
    today: date,
    annual_rate: Decimal,
    term_months: int,
    extensions_months: int,
    method: RepaymentMethod | str,
) -> LoanFigures:
    """Figures of a loan on `today` from its schedule and overdue breakdown."""
    remaining_principal = remaining_interest = count = 0
    maturity: date | None = None
    dues: list[date] = []
    for inst in installments:
        dues.append(inst.due_date)
        if maturity is None or inst.due_date > maturity:
            maturity = inst.due_date
        if inst.due_date >= today:
            remaining_principal += max(0, inst.principal - inst.paid_principal)
            remaining_interest += max(0, inst.interest - inst.paid_interest)
            count += 1
    try:
        how = method if isinstance(method, RepaymentMethod) else RepaymentMethod(method)
    except ValueError:
        raise DomainError("method", f"unknown repayment method {method!r}") from None
    return LoanFigures(
        arrears=arrears,
        remaining_principal=Money(remaining_principal),
        remaining_interest=Money(remaining_interest),
        remaining_term_months=count,
        original_term_months=term_months,
        extensions_granted_months=extensions_months,
        annual_rate=annual_rate,
        method=how,
        maturity_date=maturity,
        due_day=schedule_due_day(dues),
    )


def _kind(value: PlanKind | str) -> PlanKind:
    try:
        return value if isinstance(value, PlanKind) else PlanKind(value)
    except ValueError:
        raise DomainError("kind", f"unknown plan kind {value!r}") from None


def _frequency(value: Frequency | str) -> Frequency:
    try:
        return value if isinstance(value, Frequency) else Frequency(value)
    except ValueError:
        raise DomainError("frequency", f"unknown frequency {value!r}") from None


def plan_input(figures: LoanFigures, terms: PlanTerms, *, today: date) -> PlanInput:
    """The calculator's input for `terms` on a loan with `figures`."""
    return PlanInput(
        kind=_kind(terms.kind),
        arrears=figures.arrears,
        first_date=terms.first_date,
        today=today,
        remaining_principal=figures.remaining_principal,
        annual_rate=figures.annual_rate,
        original_term_months=figures.original_term_months,
        remaining_term_months=figures.remaining_term_months,
        extensions_granted_months=figures.extensions_granted_months,
        down_payment=terms.down_payment,
        payments=terms.payments,
        frequency=_frequency(terms.frequency),
        waivers=terms.waivers,
        new_term_months=terms.new_term_months,
        method=figures.method,
        # 展期 runs from the loan's current maturity (its last installment's due date)
        old_maturity_date=figures.maturity_date,
        # the plan's monthly dates and the 展期 keep the loan's contract day
        loan_due_day=figures.due_day,
    )


def cost_without_plan(figures: LoanFigures, kind: PlanKind | str) -> Money:
    """What the borrower would pay for the same debt without the plan: the arrears, and for
    a restructure or settlement (which take over the principal not yet due) that principal
    plus its scheduled interest."""
    total = figures.arrears.total
    if _kind(kind) is not PlanKind.CATCH_UP:
        total = total + figures.remaining_principal + figures.remaining_interest
    return total
