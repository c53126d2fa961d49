"""Small builders shared by the DOMAIN-B tests (installments without needing a schedule)."""

from __future__ import annotations

from datetime import date

from app.domain.delinquency import InstallmentState
from app.domain.money import Money


def inst(
    n: int,
    due: date,
    principal: int,
    interest: int = 0,
    fees: int = 0,
    *,
    paid_principal: int = 0,
    paid_interest: int = 0,
    paid_fees: int = 0,
    paid_penalty: int = 0,
) -> InstallmentState:
    """An installment from integer fen."""
    return InstallmentState(
        n,
        due,
        Money(principal),
        Money(interest),
        Money(fees),
        Money(paid_principal),
        Money(paid_interest),
        Money(paid_penalty),
        Money(paid_fees),
    )
