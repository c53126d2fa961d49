"""SQL expressions for penalty accrual and owed amounts that match app.domain exactly.

The domain computes the penalty of one accrual segment as
round_half_up(base x days x num / den) where num/den is the daily penalty rate
(`PenaltyPolicy.rate_fraction`). Here the loan's rate (NUMERIC with 6 decimals) becomes an
exact integer in millionths, and the policy's (1 + uplift) and day count become integer
constants, so SQL integer arithmetic yields the same fen on SQLite and PostgreSQL.
"""

from __future__ import annotations

from app.domain.delinquency import PenaltyPolicy
from app.server.jobs.sqlkit import Dialect


def start_sql(inst: str = "i") -> str:
    """Start of the current accrual segment: accrued_through if later than the due date."""
    return (
        f"(CASE WHEN {inst}.accrued_through IS NOT NULL AND {inst}.accrued_through > "
        f"{inst}.due_date THEN {inst}.accrued_through ELSE {inst}.due_date END)"
    )


def base_sql(policy: PenaltyPolicy, inst: str = "i") -> str:
    """The unpaid base the penalty runs on (principal, or principal + interest)."""
    principal = f"({inst}.principal - {inst}.paid_principal)"
    if policy.base == "installment":
        return f"({principal} + ({inst}.interest - {inst}.paid_interest))"
    return principal


def accrual_sql(
    d: Dialect, policy: PenaltyPolicy, *, until: str, inst: str = "i", loan: str = "l"
) -> str:
    """Penalty accrued on the current segment from its start to `until` (a date expression)."""
    ratio = 1 + policy.uplift
    a, b = ratio.as_integer_ratio()
    den = b * 1_000_000 * policy.day_count
    base = base_sql(policy, inst)
    start = start_sql(inst)
    days = d.days(until, start)
    rate = d.rate_ppm(f"{loan}.annual_rate")
    return (
        f"(CASE WHEN {base} > 0 AND {until} > {start} "
        f"THEN (2 * {base} * {days} * {rate} * {a} + {den}) / {2 * den} ELSE 0 END)"
    )


def owed_parts_sql(inst: str = "i", penalty_col: str = "penalty") -> dict[str, str]:
    """What an installment still owes per component (waivers subtracted, never negative)."""
    pen = (
        f"(CASE WHEN {inst}.{penalty_col} > {inst}.paid_penalty + {inst}.waived_penalty "
        f"THEN {inst}.{penalty_col} - {inst}.paid_penalty - {inst}.waived_penalty ELSE 0 END)"
    )
    return {
        "fees": f"({inst}.fees - {inst}.paid_fees - {inst}.waived_fees)",
        "penalty": pen,
        "interest": f"({inst}.interest - {inst}.paid_interest - {inst}.waived_interest)",
        "principal": f"({inst}.principal - {inst}.paid_principal)",
    }


def unsettled_sql(inst: str = "i") -> str:
    """True when scheduled principal, interest or fees are not fully covered."""
    return (
        f"({inst}.principal > {inst}.paid_principal "
        f"OR {inst}.interest > {inst}.paid_interest + {inst}.waived_interest "
        f"OR {inst}.fees > {inst}.paid_fees + {inst}.waived_fees)"
    )
