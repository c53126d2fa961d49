"""Hypothesis properties of the plan calculator."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from app.domain.errors import DomainError
from app.domain.money import Money
from app.domain.plans import (
    Arrears,
    Frequency,
    PlanInput,
    PlanKind,
    Role,
    Waivers,
    calculate_plan,
)
from app.domain.schedule_types import RepaymentMethod
from tests.domain.test_schedules_props import rates

amounts = st.integers(min_value=0, max_value=10**8).map(Money)
TODAY = date(2026, 6, 1)


@st.composite
def plan_inputs(draw: st.DrawFn) -> PlanInput:
    arrears = draw(st.builds(Arrears, amounts, amounts, amounts, amounts))

    def part(owed: Money) -> Money:
        return Money(draw(st.integers(min_value=0, max_value=owed.fen)))

    kind = draw(st.sampled_from(list(PlanKind)))
    remaining = draw(amounts)
    principal_owed = arrears.principal + (remaining if kind is not PlanKind.CATCH_UP else Money(0))
    waivers = Waivers(
        principal=part(principal_owed),
        interest=part(arrears.interest),
        penalty=part(arrears.penalty),
        fees=part(arrears.fees),
    )
    original = draw(st.integers(min_value=1, max_value=120))
    return PlanInput(
        kind=kind,
        arrears=arrears,
        first_date=TODAY + timedelta(days=draw(st.integers(min_value=-5, max_value=40))),
        today=TODAY,
        remaining_principal=remaining,
        annual_rate=draw(rates),
        original_term_months=original,
        remaining_term_months=draw(st.integers(min_value=0, max_value=original)),
        extensions_granted_months=draw(st.integers(min_value=0, max_value=40)),
        down_payment=Money(draw(st.integers(min_value=0, max_value=10**6))),
        payments=draw(st.integers(min_value=1, max_value=60)),
        frequency=draw(st.sampled_from(list(Frequency))),
        waivers=waivers,
        new_term_months=draw(st.one_of(st.none(), st.integers(min_value=1, max_value=120))),
        method=draw(st.sampled_from(list(RepaymentMethod))),
    )


@given(plan_inputs(), st.sampled_from(list(Role)))
def test_lines_settle_exactly_the_amount_due(inp: PlanInput, role: Role) -> None:
    try:
        r = calculate_plan(inp, role=role)
    except DomainError as exc:
        assert exc.field in {"waivers", "down_payment"}  # nothing left / too large a down payment
        return
    owed = inp.arrears.total - inp.waivers.total
    if inp.kind is not PlanKind.CATCH_UP:
        owed = owed + inp.remaining_principal
    assert r.amount_due == owed
    assert sum(x.settles.fen for x in r.lines) == owed.fen
    assert sum(x.amount.fen for x in r.lines) == r.total_payment.fen
    assert r.total_payment == r.amount_due + r.total_interest
    assert all(x.amount.fen >= 0 and x.interest.fen >= 0 for x in r.lines)
    assert all(a.due_date <= b.due_date for a, b in zip(r.lines, r.lines[1:], strict=False))
    assert r.lines[0].due_date == inp.first_date
    authority = [v for v in r.violations if v.is_authority]
    assert r.needs_approval == (bool(authority) and len(authority) == len(r.violations))
    if role is Role.ADMIN:
        assert not authority
    assert all(v.message_zh and v.message_en for v in r.violations)


@given(plan_inputs())
def test_more_authority_never_adds_violations(inp: PlanInput) -> None:
    try:
        agent = calculate_plan(inp, role=Role.AGENT)
    except DomainError:
        return
    lead = calculate_plan(inp, role=Role.TEAM_LEAD)
    admin = calculate_plan(inp, role=Role.ADMIN)
    a, b, c = ({v.code for v in x.violations} for x in (agent, lead, admin))
    assert c <= b <= a
    assert agent.lines == lead.lines == admin.lines


anything = st.one_of(
    st.none(),
    st.integers(),
    st.text(max_size=8),
    st.floats(),
    st.dates(),
    st.decimals(),
    st.builds(Money, st.integers(min_value=-(10**14), max_value=10**14)),
)


@given(
    plan_inputs(),
    st.sampled_from(
        [
            "kind",
            "arrears",
            "first_date",
            "today",
            "remaining_principal",
            "annual_rate",
            "original_term_months",
            "remaining_term_months",
            "extensions_granted_months",
            "down_payment",
            "payments",
            "frequency",
            "waivers",
            "new_term_months",
            "method",
        ]
    ),
    anything,
    st.one_of(st.sampled_from(list(Role)), anything),
)
def test_no_crash_except_domain_error(
    inp: PlanInput, name: str, value: object, role: object
) -> None:
    from dataclasses import replace

    broken = replace(inp, **{name: value})
    try:
        calculate_plan(broken, role=role)  # type: ignore[arg-type]
    except DomainError:
        pass


@st.composite
def restructures(draw: st.DrawFn) -> PlanInput:
    original = draw(st.integers(min_value=1, max_value=120))
    remaining = draw(st.integers(min_value=0, max_value=original))
    first = TODAY + timedelta(days=draw(st.integers(min_value=0, max_value=15)))
    return PlanInput(
        kind=PlanKind.RESTRUCTURE,
        arrears=Arrears(principal=Money(draw(st.integers(min_value=100_000, max_value=10**7)))),
        first_date=first,
        today=TODAY,
        remaining_principal=Money(draw(st.integers(min_value=0, max_value=10**8))),
        annual_rate=draw(rates),
        original_term_months=original,
        remaining_term_months=remaining,
        extensions_granted_months=draw(st.integers(min_value=0, max_value=40)),
        new_term_months=draw(st.integers(min_value=1, max_value=120)),
        old_maturity_date=draw(
            st.one_of(st.none(), st.dates(min_value=date(2020, 1, 1), max_value=date(2040, 12, 31)))
        ),
    )


def _months_to_cover(start: date, end: date) -> int:
    """Smallest m >= 0 with start + m months (same day, clamped) on or after end."""
    from app.domain.schedules import add_months

    m = 0
    while add_months(start, m) < end:
        m += 1
    return m


@given(restructures(), st.integers(min_value=1, max_value=99_999))
def test_extension_runs_to_the_new_last_due_date(inp: PlanInput, down: int) -> None:
    """The extension is the (rounded-up) months from the old maturity to the new last due
    date, a down payment adds its month, and the Art. 12 check uses that figure."""
    from dataclasses import replace

    from app.domain.plan_checks import extension_limit
    from app.domain.plans import PlanRules

    plain = calculate_plan(inp, role=Role.ADMIN)
    with_down = calculate_plan(replace(inp, down_payment=Money(down)), role=Role.ADMIN)
    for r in (plain, with_down):
        last = r.lines[-1].due_date
        if inp.old_maturity_date is not None:
            assert r.extension_months == _months_to_cover(inp.old_maturity_date, last)
        limit = extension_limit(inp.original_term_months, PlanRules())
        over = inp.extensions_granted_months + r.extension_months > limit
        assert ("extension_limit" in {v.code for v in r.violations}) == over
    assert with_down.lines[-1].due_date > plain.lines[-1].due_date
    assert with_down.extension_months >= plain.extension_months
    if inp.old_maturity_date is None and plain.extension_months > 0:
        assert with_down.extension_months == plain.extension_months + 1
