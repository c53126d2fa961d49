"""Plan calculator: catch-up, restructure (展期), settlement, rules and authority."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from app.domain.errors import DomainError
from app.domain.money import Money
from app.domain.plan_checks import extension_limit
from app.domain.plans import (
    Arrears,
    Frequency,
    PlanInput,
    PlanKind,
    PlanResult,
    PlanRules,
    Role,
    Waivers,
    calculate_plan,
)
from app.domain.schedule_types import RepaymentMethod
from app.domain.schedules import build_schedule

TODAY = date(2026, 3, 2)
ARREARS = Arrears(
    principal=Money.from_yuan("5000.00"),
    interest=Money.from_yuan("800.00"),
    penalty=Money.from_yuan("200.00"),
    fees=Money.from_yuan("100.00"),
)  # 6,100.00 in all


def y(text: str) -> Money:
    return Money.from_yuan(text)


def catch_up(**kw: object) -> PlanInput:
    base = PlanInput(
        kind=PlanKind.CATCH_UP, arrears=ARREARS, first_date=date(2026, 3, 10), today=TODAY
    )
    return replace(base, **kw)  # type: ignore[arg-type]


def restructure(**kw: object) -> PlanInput:
    base = PlanInput(
        kind=PlanKind.RESTRUCTURE,
        arrears=ARREARS,
        first_date=date(2026, 3, 10),
        today=TODAY,
        remaining_principal=y("60000.00"),
        annual_rate=Decimal("0.06"),
        original_term_months=36,
        remaining_term_months=20,
        new_term_months=36,
    )
    return replace(base, **kw)  # type: ignore[arg-type]


def codes(result: PlanResult) -> set[str]:
    return {v.code for v in result.violations}


def test_catch_up_split_and_dates() -> None:
    r = calculate_plan(catch_up(payments=3), role=Role.AGENT)
    assert [(x.n, x.due_date, x.amount) for x in r.lines] == [
        (1, date(2026, 3, 10), y("2033.33")),
        (2, date(2026, 4, 10), y("2033.33")),
        (3, date(2026, 5, 10), y("2033.34")),
    ]
    assert r.amount_due == r.total_payment == y("6100.00")
    assert r.total_interest == Money(0)
    assert r.ok and not r.needs_approval


def test_catch_up_with_down_payment_weekly_and_waiver() -> None:
    inp = catch_up(
        payments=4,
        down_payment=y("1000.00"),
        frequency=Frequency.WEEKLY,
        waivers=Waivers(penalty=y("100.00")),
    )
    r = calculate_plan(inp, role="agent")
    assert r.lines[0].n == 0 and r.lines[0].amount == y("1000.00")
    assert [x.due_date for x in r.lines] == [
        date(2026, 3, 10),
        date(2026, 3, 17),
        date(2026, 3, 24),
        date(2026, 3, 31),
        date(2026, 4, 7),
    ]
    assert [x.amount for x in r.lines[1:]] == [y("1250.00")] * 4
    assert r.amount_due == y("6000.00") == Money.sum([x.amount for x in r.lines])
    assert r.waived.penalty == y("100.00")
    assert r.ok  # exactly 50% of the penalty is within an agent's authority


def test_biweekly_dates() -> None:
    r = calculate_plan(catch_up(payments=3, frequency="biweekly"), role=Role.AGENT)
    assert [x.due_date for x in r.lines] == [date(2026, 3, 10), date(2026, 3, 24), date(2026, 4, 7)]


@pytest.mark.parametrize(
    ("role", "waivers", "expected"),
    [
        (Role.AGENT, Waivers(penalty=y("100.01")), {"authority_penalty"}),
        (Role.AGENT, Waivers(fees=y("0.01")), {"authority_fees"}),
        (Role.AGENT, Waivers(interest=y("1.00")), {"authority_interest"}),
        (Role.AGENT, Waivers(principal=y("1.00")), {"authority_principal"}),
        (Role.TEAM_LEAD, Waivers(penalty=y("200.00"), fees=y("100.00")), set()),
        (Role.TEAM_LEAD, Waivers(interest=y("0.01")), {"authority_interest"}),
        (Role.TEAM_LEAD, Waivers(principal=y("0.01")), {"authority_principal"}),
        (
            Role.ADMIN,
            Waivers(principal=y("100.00"), interest=y("800"), penalty=y("200"), fees=y("100")),
            set(),
        ),
    ],
)
def test_authority(role: Role, waivers: Waivers, expected: set[str]) -> None:
    r = calculate_plan(catch_up(payments=2, waivers=waivers), role=role)
    assert codes(r) == expected
    assert r.needs_approval == bool(expected)
    assert r.valid  # authority alone never invalidates a plan
    assert Money.sum([x.amount for x in r.lines]) == y("6100.00") - waivers.total


def test_authority_plus_other_rule_is_invalid_not_a_proposal() -> None:
    inp = catch_up(payments=40, waivers=Waivers(fees=y("100.00")))
    r = calculate_plan(inp, role=Role.AGENT)
    assert codes(r) == {"authority_fees", "max_payments"}
    assert not r.needs_approval and not r.valid


def test_messages_are_bilingual_and_specific() -> None:
    r = calculate_plan(catch_up(payments=2, waivers=Waivers(penalty=y("150.00"))), role="agent")
    (v,) = r.violations
    assert "50%" in v.message_en and "¥150.00" in v.message_en and "agent" in v.message_en
    assert "罚息" in v.message_zh and "50%" in v.message_zh


def test_min_payment_and_max_count() -> None:
    r = calculate_plan(catch_up(payments=36), role=Role.AGENT)  # 6,100 / 36 = 169.44
    assert r.ok
    r = calculate_plan(catch_up(payments=37), role=Role.AGENT)  # 164.86 each, too many
    assert codes(r) == {"max_payments"}
    small = catch_up(arrears=Arrears(principal=y("500.00")), payments=6)  # 83.33 each
    assert codes(calculate_plan(small, role=Role.AGENT)) == {"min_payment"}
    rules = PlanRules(min_payment=y("50.00"))
    assert calculate_plan(small, role=Role.AGENT, rules=rules).ok
    tiny = catch_up(arrears=Arrears(fees=y("30.00")), payments=1)
    assert calculate_plan(tiny, role=Role.AGENT).ok  # a single payment of everything owed


@pytest.mark.parametrize(
    ("first", "expected"),
    [
        (TODAY, set()),
        (date(2026, 3, 17), set()),  # exactly 15 days
        (date(2026, 3, 18), {"first_date_too_late"}),
        (date(2026, 3, 1), {"first_date_in_past"}),
    ],
)
def test_first_date_window(first: date, expected: set[str]) -> None:
    r = calculate_plan(catch_up(payments=2, first_date=first), role=Role.AGENT)
    assert codes(r) == expected
    assert r.needs_approval is False


def test_restructure_reamortises_principal_plus_capitalised_arrears() -> None:
    inp = restructure(down_payment=y("1100.00"), waivers=Waivers(penalty=y("100.00")))
    r = calculate_plan(inp, role=Role.AGENT)
    assert r.new_principal == y("64900.00")  # 60,000 + 6,100 - 100 - 1,100
    expected = build_schedule(
        principal=y("64900.00"),
        annual_rate=Decimal("0.06"),
        months=36,
        method=RepaymentMethod.EQUAL_INSTALLMENT,
        first_due=date(2026, 4, 10),  # one month after the down payment
    )
    assert r.lines[0].amount == y("1100.00") and r.lines[0].due_date == date(2026, 3, 10)
    assert [(x.due_date, x.amount, x.interest) for x in r.lines[1:]] == [
        (s.due_date, s.payment, s.interest) for s in expected.lines
    ]
    assert r.total_interest == expected.total_interest
    assert r.amount_due == y("66000.00")
    assert Money.sum([x.settles for x in r.lines]) == r.amount_due
    assert r.total_payment == r.amount_due + r.total_interest
    # 36 plan months after the down payment's month, 20 left on the old schedule
    assert r.extension_months == 17
    assert codes(r) == set()  # 17 <= 18 (half of 36)


def test_restructure_equal_principal() -> None:
    r = calculate_plan(restructure(method="equal_principal"), role=Role.AGENT)
    assert r.lines[0].due_date == date(2026, 3, 10)
    amounts = [x.amount.fen for x in r.lines]
    assert amounts == sorted(amounts, reverse=True)
    assert Money.sum([x.settles for x in r.lines]) == r.amount_due == y("66100.00")


def test_extension_limit_art_12() -> None:
    rules = PlanRules()
    assert extension_limit(6, rules) == 6  # short-term: up to the original term
    assert extension_limit(12, rules) == 12  # 1 year is short-term (贷款通则 Art. 8)
    assert extension_limit(36, rules) == 18  # medium-term: half
    assert extension_limit(60, rules) == 30
    assert extension_limit(84, rules) == 36  # long-term: 3 years
    assert calculate_plan(restructure(new_term_months=38), role=Role.AGENT).ok
    r = calculate_plan(restructure(new_term_months=39), role=Role.AGENT)
    assert codes(r) == {"extension_limit"} and not r.valid and not r.needs_approval
    assert "19" in r.violations[0].message_en and "贷款通则" in r.violations[0].message_zh
    earlier = restructure(new_term_months=30, extensions_granted_months=9)  # 10 + 9 > 18
    assert codes(calculate_plan(earlier, role=Role.ADMIN)) == {"extension_limit"}
    long_loan = restructure(original_term_months=84, remaining_term_months=30, new_term_months=66)
    assert calculate_plan(long_loan, role=Role.AGENT).ok
    shorter = restructure(new_term_months=12)  # shortening is not an extension
    assert calculate_plan(shorter, role=Role.AGENT).extension_months == 0


def test_restructure_is_monthly() -> None:
    r = calculate_plan(restructure(frequency=Frequency.WEEKLY), role=Role.AGENT)
    assert codes(r) == {"restructure_monthly"}


def test_settlement_lump_sum_with_waivers() -> None:
    inp = PlanInput(
        kind=PlanKind.SETTLEMENT,
        arrears=ARREARS,
        remaining_principal=y("60000.00"),
        first_date=TODAY,
        today=TODAY,
        waivers=Waivers(penalty=y("200.00"), fees=y("100.00")),
    )
    lead = calculate_plan(inp, role=Role.TEAM_LEAD)
    assert [(x.n, x.due_date, x.amount) for x in lead.lines] == [(1, TODAY, y("65800.00"))]
    assert lead.ok and lead.waived.total == y("300.00")
    agent = calculate_plan(inp, role=Role.AGENT)
    assert codes(agent) == {"authority_penalty", "authority_fees"} and agent.needs_approval
    split = calculate_plan(replace(inp, payments=3), role=Role.TEAM_LEAD)
    assert codes(split) == {"settlement_lump_sum"}


@pytest.mark.parametrize(
    ("inp", "role", "field"),
    [
        (catch_up(kind="instalment"), "agent", "kind"),
        (catch_up(), "boss", "role"),
        (catch_up(waivers=Waivers(penalty=y("200.01"))), "admin", "waivers.penalty"),
        (catch_up(waivers=Waivers(principal=y("5000.01"))), "admin", "waivers.principal"),
        (catch_up(arrears=Arrears(fees=Money(-1))), "agent", "arrears.fees"),
        (catch_up(arrears=Arrears()), "agent", "waivers"),
        (catch_up(down_payment=y("6100.00")), "agent", "down_payment"),
        (catch_up(payments=0), "agent", "payments"),
        (catch_up(payments=121), "agent", "payments"),
        (catch_up(frequency="daily"), "agent", "frequency"),
        (catch_up(first_date="2026-02-30"), "agent", "first_date"),
        (catch_up(today=None), "agent", "today"),
        (restructure(annual_rate=Decimal("0.37")), "agent", "annual_rate"),
        (restructure(annual_rate=0.06), "agent", "annual_rate"),
        (restructure(remaining_term_months=None), "agent", "remaining_term_months"),
        (restructure(remaining_term_months=10_000), "agent", "remaining_term_months"),
        (restructure(remaining_term_months=-1), "agent", "remaining_term_months"),
        (restructure(new_term_months=0), "agent", "new_term_months"),
        (restructure(method="bullet"), "agent", "method"),
        (restructure(original_term_months=0), "agent", "original_term_months"),
        (restructure(down_payment=y("1.00"), kind=PlanKind.SETTLEMENT), "agent", "down_payment"),
    ],
)
def test_bad_input_raises_domain_error_naming_the_field(
    inp: PlanInput, role: str, field: str
) -> None:
    with pytest.raises(DomainError) as info:
        calculate_plan(inp, role=role)
    assert info.value.field == field


def test_configurable_rules() -> None:
    rules = PlanRules(max_catch_up_payments=6, first_payment_within_days=3)
    r = calculate_plan(catch_up(payments=7), role=Role.AGENT, rules=rules)
    assert codes(r) == {"max_payments", "first_date_too_late"}


def test_down_payment_month_counts_towards_the_extension() -> None:
    """展期 is measured to the new last due date: a down payment pushes the re-amortised
    schedule one month later, and that month counts (issue 10: it was undercounted)."""
    # 36-month loan, 20 months left, limit 18: 38 new months without a down payment = 18
    assert calculate_plan(restructure(new_term_months=38), role=Role.AGENT).ok
    with_down = calculate_plan(
        restructure(new_term_months=38, down_payment=y("1000.00")), role=Role.AGENT
    )
    assert with_down.extension_months == 19
    assert codes(with_down) == {"extension_limit"}


def test_extension_measured_from_the_old_maturity_date() -> None:
    # old schedule ends 2027-10-15; with the down payment the last plan payment is 2029-03-10
    inp = restructure(
        new_term_months=36, down_payment=y("1000.00"), old_maturity_date=date(2027, 10, 15)
    )
    r = calculate_plan(inp, role=Role.AGENT)
    assert r.lines[-1].due_date == date(2029, 3, 10)
    # 2027-10-15 -> 2029-03-10 is 16 months and 23 days: any part of a month counts
    assert r.extension_months == 17
    on_the_day = calculate_plan(replace(inp, old_maturity_date=date(2027, 11, 10)), role=Role.AGENT)
    assert on_the_day.extension_months == 16
    later = calculate_plan(replace(inp, old_maturity_date=date(2029, 6, 30)), role=Role.AGENT)
    assert later.extension_months == 0  # the plan ends before the old maturity
    month_end = calculate_plan(
        replace(inp, old_maturity_date=date(2026, 1, 31), new_term_months=2), role=Role.AGENT
    )
    # last due 2026-05-10; 2026-01-31 + 3 months is 04-30 (before it), + 4 months 05-31
    assert month_end.lines[-1].due_date == date(2026, 5, 10)
    assert month_end.extension_months == 4


def test_old_maturity_date_is_validated() -> None:
    with pytest.raises(DomainError) as info:
        calculate_plan(restructure(old_maturity_date="2027-10-15"), role=Role.AGENT)
    assert info.value.field == "old_maturity_date"
