"""Worklist ordering and the int priority stored on a case."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.errors import DomainError
from app.domain.money import Money
from app.domain.priority import (
    TIER_SPAN,
    WorkItem,
    case_priority,
    next_action,
    order_worklist,
    priority_score,
)

NOW = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
TODAY = date(2026, 3, 10)


def test_score_is_risk_times_amount_times_bucket() -> None:
    assert priority_score(Money.from_yuan("1000.00"), bucket="M2", risk_segment="high") == 2400
    assert priority_score(Money.from_yuan("1000.00"), bucket="M1", risk_segment="low") == 1000
    assert priority_score(Money(10**15), bucket="M3", risk_segment="high") == TIER_SPAN - 1
    custom = priority_score(
        Money(10000), bucket="M1", risk_segment="x", risk_weights={"x": Decimal(3)}
    )
    assert custom == 300


def test_order_broken_then_promise_today_then_callbacks_then_score() -> None:
    items = [
        WorkItem("big", Money(10_000_000), "M3+", "high"),
        WorkItem("small", Money(10_000), "M1", "low"),
        WorkItem("cb-late", Money(1), callback_due_at=NOW - timedelta(minutes=5)),
        WorkItem("cb-early", Money(1), callback_due_at=NOW - timedelta(hours=2)),
        WorkItem("cb-future", Money(1), callback_due_at=NOW + timedelta(hours=1)),
        WorkItem("ptp-today", Money(1), promise_due_on=TODAY),
        WorkItem("ptp-tomorrow", Money(1), promise_due_on=TODAY + timedelta(days=1)),
        WorkItem("broken-new", Money(1), broken_promise_at=NOW - timedelta(hours=1)),
        WorkItem("broken-old", Money(1), broken_promise_at=NOW - timedelta(days=2)),
    ]
    got = [it.case_id for it in order_worklist(items, now=NOW)]
    assert got == [
        "broken-old", "broken-new", "ptp-today", "cb-early", "cb-late",
        "big", "small", "cb-future", "ptp-tomorrow",
    ]  # fmt: skip
    # ties on score break by case id
    assert got[-2:] == sorted(got[-2:])


def test_case_priority_matches_tiers() -> None:
    base = WorkItem("c", Money.from_yuan("500.00"), "M1", "medium")
    plain = case_priority(base, now=NOW)
    assert plain == 750
    cb = WorkItem("c", base.overdue, "M1", "medium", callback_due_at=NOW)
    ptp = WorkItem("c", base.overdue, "M1", "medium", promise_due_on=TODAY)
    broken = WorkItem("c", base.overdue, "M1", "medium", broken_promise_at=NOW)
    prios = [case_priority(x, now=NOW) for x in (base, cb, ptp, broken)]
    assert prios == sorted(prios) and len(set(prios)) == 4
    assert max(prios) < 2**31
    assert next_action(broken, now=NOW).kind == "broken_promise"
    assert next_action(base, now=NOW).kind == "none"


def test_bad_input() -> None:
    with pytest.raises(DomainError):
        priority_score(Money(-1), bucket="M1")
    with pytest.raises(DomainError):
        priority_score(Money(1), bucket="M1", risk_segment="extreme")
    with pytest.raises(DomainError):
        case_priority(WorkItem("c", Money(1)), now=datetime(2026, 3, 10, 9))
    with pytest.raises(DomainError):
        next_action(WorkItem("c", Money(1), callback_due_at=datetime(2026, 3, 10)), now=NOW)


items_st = st.builds(
    WorkItem,
    case_id=st.text("abcdef", min_size=1, max_size=4),
    overdue=st.integers(0, 10**9).map(Money),
    bucket=st.sampled_from(["M0", "M1", "M2", "M3", "M3+"]),
    risk_segment=st.sampled_from(["low", "medium", "high"]),
    broken_promise_at=st.none() | st.just(NOW - timedelta(days=1)),
    promise_due_on=st.none() | st.just(TODAY),
    callback_due_at=st.none() | st.just(NOW - timedelta(minutes=1)),
)


@given(st.lists(items_st, max_size=20, unique_by=lambda it: it.case_id))
def test_ordering_deterministic_and_consistent_with_priority(items: list[WorkItem]) -> None:
    ordered = order_worklist(items, now=NOW)
    assert ordered == order_worklist(list(reversed(items)), now=NOW)
    prios = [case_priority(it, now=NOW) for it in ordered]
    tiers = [p // TIER_SPAN for p in prios]
    assert tiers == sorted(tiers, reverse=True)
    for tier in (0, 2):  # within these tiers the order is by score
        same = [p for p, t in zip(prios, tiers, strict=True) if t == tier]
        assert same == sorted(same, reverse=True)
