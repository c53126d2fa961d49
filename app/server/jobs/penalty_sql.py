"""SQL expressions for penalty accrual and owed amounts that match app.domain exactly.

The domain computes the penalty of one accrual segment as
round_half_up(base x days x num / den) where num/den is the daily penalty rate
(`PenaltyPolicy.rate_fraction`): contract rate x (1 + uplift), capped so that contract +
penalty rate stays within the policy's `cost_cap`. Here the loan's rate (NUMERIC with 6
decimals) becomes an exact integer in millionths, and the policy's (1 + uplift), cap (at
most 6 decimals) and day count become integer constants, so SQL integer arithmetic yields
the same fen on SQLite and PostgreSQL.

The rules of the policy (app.domain.delinquency): penalty runs only while the installment
is overdue - its shortfall (principal + interest + fees unpaid, waivers counted) above the
tolerance - and within the grace days after the due date it is "held": not shown, not taken
by a payment, and forgiven when a payment in those days brings the shortfall within the
tolerance. Configuration constants are integers formatted into the SQL, never user input.
"""

from __future__ import annotations

from app.domain.delinquency import PenaltyPolicy
from app.server.jobs.sqlkit import Dialect

PPM = 1_000_000


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


def shortfall_sql(inst: str = "i") -> str:
    """Scheduled principal + interest + fees not yet paid or waived."""
    return (
        f"(({inst}.principal - {inst}.paid_principal)"
        f" + ({inst}.interest - {inst}.paid_interest - {inst}.waived_interest)"
        f" + ({inst}.fees - {inst}.paid_fees - {inst}.waived_fees))"
    )


def overdue_sql(policy: PenaltyPolicy, inst: str = "i") -> str:
    """True when the shortfall exceeds the tolerance (the installment counts as overdue)."""
    return f"({shortfall_sql(inst)} > {int(policy.tolerance.fen)})"


def held_sql(d: Dialect, policy: PenaltyPolicy, as_of: str, inst: str = "i") -> str:
    """True when `as_of` (a date expression) is one of the grace days after the due date."""
    grace = int(policy.penalty_grace_days)
    if grace == 0:
        return "(1 = 0)"
    return f"({as_of} > {inst}.due_date AND {as_of} <= {d.add_days(f'{inst}.due_date', grace)})"


def penalty_rate_sql(d: Dialect, policy: PenaltyPolicy, loan: str = "l") -> tuple[str, int]:
    """(numerator expression, denominator) of the yearly penalty rate, exactly."""
    a, b = (1 + policy.uplift).as_integer_ratio()
    rate = d.rate_ppm(f"{loan}.annual_rate")
    uncapped = f"({rate} * {a})"
    if policy.cost_cap is None:
        return uncapped, b * PPM
    cap_ppm = int(policy.cost_cap * PPM)  # exact: the policy allows at most 6 decimals
    room = f"(({cap_ppm} - {rate}) * {b})"
    capped = (
        f"(CASE WHEN {uncapped} <= {room} THEN {uncapped} WHEN {room} > 0 THEN {room} ELSE 0 END)"
    )
    return capped, b * PPM


def accrual_sql(
    d: Dialect, policy: PenaltyPolicy, *, until: str, inst: str = "i", loan: str = "l"
) -> str:
    """Penalty accrued on the current segment from its start to `until` (a date expression)."""
    num, den = penalty_rate_sql(d, policy, loan)
    den *= policy.day_count
    base = base_sql(policy, inst)
    start = start_sql(inst)
    days = d.days(until, start)
    return (
        f"(CASE WHEN {base} > 0 AND {until} > {start} AND {overdue_sql(policy, inst)} "
        f"THEN (2 * {base} * {days} * {num} + {den}) / {2 * den} ELSE 0 END)"
    )


def owed_parts_sql(
    inst: str = "i", penalty_col: str = "penalty", held: str | None = None
) -> dict[str, str]:
    """What an installment still owes per component (waivers subtracted, never negative);
    no penalty while `held` (a grace-days condition, see held_sql)."""
    pen = (
        f"(CASE WHEN {inst}.{penalty_col} > {inst}.paid_penalty + {inst}.waived_penalty "
        f"THEN {inst}.{penalty_col} - {inst}.paid_penalty - {inst}.waived_penalty ELSE 0 END)"
    )
    if held is not None:
        pen = f"(CASE WHEN {held} THEN 0 ELSE {pen} END)"
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


def suspended_until_sql(until: str, since: str) -> str:
    """`until`, or the day penalty was suspended (`since`, NULL when not) if earlier: the
    end of the accrual of an installment whose loan has a performing catch-up plan under
    the "suspend" setting (jobs/plan_penalty.py)."""
    return f"(CASE WHEN {since} IS NOT NULL AND {since} < {until} THEN {since} ELSE {until} END)"
