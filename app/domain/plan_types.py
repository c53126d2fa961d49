"""Value types of the repayment-plan calculator: inputs, rules, authority table, results.

See app/domain/plans.py for the calculation and DOMAIN.md "Restructuring and plans".
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from app.domain.delinquency import Breakdown
from app.domain.money import Money
from app.domain.schedule_types import RepaymentMethod

ZERO = Money(0)
MIN_PAYMENT_DEFAULT = Money(10_000)  # ¥100.00


class PlanKind(enum.StrEnum):
    """Catch-up (分期补缴), restructure (展期/重组) or settlement (一次性结清)."""

    CATCH_UP = "catch_up"
    RESTRUCTURE = "restructure"
    SETTLEMENT = "settlement"


class Frequency(enum.StrEnum):
    """How often plan payments fall due (a restructure is always monthly)."""

    MONTHLY = "monthly"
    BIWEEKLY = "biweekly"
    WEEKLY = "weekly"


class Role(enum.StrEnum):
    """The role of the user who builds the plan; decides the waiver authority."""

    AGENT = "agent"
    TEAM_LEAD = "team_lead"
    ADMIN = "admin"


# What is overdue now, by component: exactly the totals `evaluate_delinquency` returns, so a
# plan is built straight from `Delinquency.totals`.
Arrears = Breakdown


@dataclass(frozen=True, slots=True)
class Waivers:
    """What the plan forgives, by component (all Money >= 0)."""

    principal: Money = ZERO
    interest: Money = ZERO
    penalty: Money = ZERO
    fees: Money = ZERO

    @property
    def total(self) -> Money:
        return Money(self.principal.fen + self.interest.fen + self.penalty.fen + self.fees.fen)


COMPONENTS = ("principal", "interest", "penalty", "fees")


@dataclass(frozen=True, slots=True)
class AuthorityLimits:
    """Largest share of each arrears component a role may waive (0 = none, 1 = all)."""

    principal: Decimal
    interest: Decimal
    penalty: Decimal
    fees: Decimal


AUTHORITY: dict[Role, AuthorityLimits] = {
    Role.AGENT: AuthorityLimits(
        principal=Decimal(0), interest=Decimal(0), penalty=Decimal("0.5"), fees=Decimal(0)
    ),
    Role.TEAM_LEAD: AuthorityLimits(
        principal=Decimal(0), interest=Decimal(0), penalty=Decimal(1), fees=Decimal(1)
    ),
    Role.ADMIN: AuthorityLimits(
        principal=Decimal(1), interest=Decimal(1), penalty=Decimal(1), fees=Decimal(1)
    ),
}


@dataclass(frozen=True, slots=True)
class PlanRules:
    """Configurable bounds a plan is checked against (defaults from DOMAIN.md / issue 2).

    Extension limits follow 贷款通则 Art. 12 with Art. 8's terms: a short-term loan
    (<= short_term_max_months) may be extended by at most its original term in total, a
    medium-term loan (<= medium_term_max_months) by at most half of it, a long-term loan
    by at most long_term_extension_cap_months.
    """

    min_payment: Money = MIN_PAYMENT_DEFAULT
    max_catch_up_payments: int = 36
    max_restructure_months: int = 120
    first_payment_within_days: int = 15
    short_term_max_months: int = 12
    medium_term_max_months: int = 60
    long_term_extension_cap_months: int = 36
    authority: dict[Role, AuthorityLimits] = field(default_factory=lambda: dict(AUTHORITY))


@dataclass(frozen=True, slots=True)
class PlanInput:
    """Everything the calculator needs; `today` is passed in (domain code reads no clock).

    `remaining_principal` is the principal not yet due (future installments);
    overdue principal belongs to `arrears.principal`. `remaining_term_months` is the
    number of months left on the original schedule (needed for a restructure's 展期).
    For a restructure the number of payments is `new_term_months` (or `payments`).

    `old_maturity_date` is the due date of the loan's last scheduled installment. The
    展期 of a restructure runs from it to the plan's last due date, months rounded up (a
    down payment, which pushes the re-amortised schedule a month later, counts). Without
    it the extension is estimated as the plan's months - down-payment month included -
    beyond `remaining_term_months` (the plan is taken to start where the old schedule
    would have gone on).

    `loan_due_day` is the loan's contract due day (1-31; app.domain.due_day), when known.
    The plan's monthly dates fall on the day of `first_date`, clamped to shorter months and
    never re-anchored on a clamped date; when `first_date` is the loan's own due date in a
    short month (2027-02-28 for a day-31 loan) they keep the loan's day (03-31, 04-30 ...).
    The 展期 is counted from `old_maturity_date` on the loan's day too.
    """

    kind: PlanKind
    arrears: Arrears
    first_date: date
    today: date
    remaining_principal: Money = ZERO
    annual_rate: Decimal = Decimal(0)
    original_term_months: int = 36
    remaining_term_months: int | None = None
    extensions_granted_months: int = 0
    down_payment: Money = ZERO
    payments: int = 1
    frequency: Frequency = Frequency.MONTHLY
    waivers: Waivers = Waivers()
    new_term_months: int | None = None
    method: RepaymentMethod = RepaymentMethod.EQUAL_INSTALLMENT
    old_maturity_date: date | None = None
    loan_due_day: int | None = None


@dataclass(frozen=True, slots=True)
class PlanLine:
    """One plan payment. n = 0 is the down payment; `interest` is new interest under the plan."""

    n: int
    due_date: date
    amount: Money
    interest: Money = ZERO

    @property
    def settles(self) -> Money:
        """The part of `amount` that pays off what is owed (amount less new interest)."""
        return self.amount - self.interest


@dataclass(frozen=True, slots=True)
class Violation:
    """A broken plan rule, in words, with a stable code (e.g. "min_payment")."""

    code: str
    message_zh: str
    message_en: str

    @property
    def is_authority(self) -> bool:
        """True for rules about the creator's authority (those only need approval)."""
        return self.code.startswith("authority_")


@dataclass(frozen=True, slots=True)
class PlanResult:
    """The calculated plan: lines, totals, waived amounts and every violated rule."""

    kind: PlanKind
    role: Role
    lines: tuple[PlanLine, ...]
    amount_due: Money  # what is owed after waivers; sum of the lines' `settles`
    total_payment: Money  # sum of the lines' amounts (amount_due + new interest)
    total_interest: Money  # new interest charged by a restructure (0 otherwise)
    waived: Waivers
    violations: tuple[Violation, ...]
    needs_approval: bool  # only authority rules broken: a proposal awaiting approval
    new_principal: Money | None = None  # restructure: principal re-amortised
    extension_months: int = 0  # restructure: months this plan adds beyond the old maturity

    @property
    def valid(self) -> bool:
        """No rule other than authority is broken (it can be agreed or proposed)."""
        return not any(not v.is_authority for v in self.violations)

    @property
    def ok(self) -> bool:
        """No rule at all is broken: the creator may agree it directly."""
        return not self.violations
