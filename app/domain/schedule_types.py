"""Value types shared by schedules, delinquency, allocation and plans."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

from app.domain.money import Money


class RepaymentMethod(enum.StrEnum):
    """等额本息 (equal installment) or 等额本金 (equal principal)."""

    EQUAL_INSTALLMENT = "equal_installment"
    EQUAL_PRINCIPAL = "equal_principal"


@dataclass(frozen=True, slots=True)
class ScheduleLine:
    """One installment of a repayment schedule."""

    n: int
    due_date: date
    payment: Money
    principal: Money
    interest: Money
    balance: Money  # remaining principal after this installment


@dataclass(frozen=True, slots=True)
class Schedule:
    """A complete repayment schedule; principal sums exactly to the loan amount."""

    method: RepaymentMethod
    principal: Money
    lines: tuple[ScheduleLine, ...]

    @property
    def total_payment(self) -> Money:
        return Money.sum([line.payment for line in self.lines])

    @property
    def total_interest(self) -> Money:
        return Money.sum([line.interest for line in self.lines])
