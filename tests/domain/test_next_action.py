"""The next-action rule (app.domain.next_action.derive): every old next action x every new
fact, and the edges of a broken promise being answered.

The expectation table is the rule written as a spec (issue 16 point 1): a newer promise
or plan replaces the case's commitment whatever its status; an open callback is an action
at its time; a broken promise stays on top until replaced, made good or followed up.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.domain.errors import DomainError
from app.domain.next_action import (
    CallbackFact,
    CaseFacts,
    PaymentFact,
    PlanFact,
    PromiseFact,
    broken_at,
    derive,
)

SH = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 12, 7, 10, 0, tzinfo=SH)  # the moment the new fact is recorded


def at(day: int, hour: int = 9, month: int = 12) -> datetime:
    return datetime(2026, month, day, hour, 0, tzinfo=SH)


BROKEN = PromiseFact(date(2026, 11, 30), at(25, 11, month=11), "broken", 300_000)
OLD: dict[str, CaseFacts] = {
    "none": CaseFacts(),
    "ptp_pending": CaseFacts(promises=(PromiseFact(date(2026, 12, 9), at(5), "pending", 50_000),)),
    "ptp_broken": CaseFacts(promises=(BROKEN,)),
    "ptp_kept": CaseFacts(promises=(replace(BROKEN, status="kept"),)),
    "callback_due": CaseFacts(callbacks=(CallbackFact(at(7, 9), False, at(6)),)),
    "callback_later": CaseFacts(callbacks=(CallbackFact(at(10, 10), False, at(6)),)),
    "plan_pending": CaseFacts(plans=(PlanFact("pending_approval", at(6)),)),
    "plan_active": CaseFacts(plans=(PlanFact("active", at(1)),)),
    # a broken promise followed up by a callback that is now done, with nothing new
    "broken_followed_up_done": CaseFacts(
        promises=(BROKEN,), callbacks=(CallbackFact(at(5, 10), True, at(4, 10)),)
    ),
}

NEW_PROMISE = PromiseFact(date(2026, 12, 12), NOW, "pending", 300_000)
NEW_CALLBACK = CallbackFact(at(8, 10), False, NOW)
NEW_PAYMENT = PaymentFact(date(2026, 12, 7), 300_000)
NEW_PLAN = PlanFact("pending_approval", NOW)


def with_new(facts: CaseFacts, new: str) -> CaseFacts:
    if new == "promise":
        return replace(facts, promises=(*facts.promises, NEW_PROMISE))
    if new == "callback":
        return replace(facts, callbacks=(*facts.callbacks, NEW_CALLBACK))
    if new == "payment":
        return replace(facts, payments=(*facts.payments, NEW_PAYMENT))
    if new == "plan":
        return replace(facts, plans=(*facts.plans, NEW_PLAN))
    if new == "flag":
        return replace(facts, flags=frozenset({"dispute"}))
    raise AssertionError(new)


PROMISE_12 = ("promise_due", at(12))
CALLBACK_8 = ("callback", at(8, 10))
NONE = ("none", None)
BROKE = ("broken_promise", datetime.combine(date(2026, 12, 4), time(0), SH))

# old -> (what it is on its own, then after: promise, callback, payment, plan, flag)
EXPECTED: dict[str, tuple[tuple[str, datetime | None], ...]] = {
    "none": (NONE, PROMISE_12, CALLBACK_8, NONE, NONE, NONE),
    "ptp_pending": (
        ("promise_due", at(9)),
        PROMISE_12,  # the newer promise replaces the older
        CALLBACK_8,  # sooner than the promise's 12-09
        ("promise_due", at(9)),  # only the server judges kept; still due
        NONE,  # a plan replaces the promise
        NONE,
    ),
    "ptp_broken": (BROKE, PROMISE_12, CALLBACK_8, NONE, NONE, NONE),
    "ptp_kept": (NONE, PROMISE_12, CALLBACK_8, NONE, NONE, NONE),
    "callback_due": (
        ("callback", at(7, 9)),
        ("callback", at(7, 9)),
        ("callback", at(7, 9)),
        ("callback", at(7, 9)),
        ("callback", at(7, 9)),
        NONE,
    ),
    "callback_later": (
        ("callback", at(10, 10)),
        ("callback", at(10, 10)),
        CALLBACK_8,
        ("callback", at(10, 10)),
        ("callback", at(10, 10)),
        NONE,
    ),
    "plan_pending": (NONE, PROMISE_12, CALLBACK_8, NONE, NONE, NONE),
    "plan_active": (NONE, PROMISE_12, CALLBACK_8, NONE, NONE, NONE),
    "broken_followed_up_done": (BROKE, PROMISE_12, CALLBACK_8, NONE, NONE, NONE),
}
NEW_FACTS = ("promise", "callback", "payment", "plan", "flag")


@pytest.mark.parametrize("old", list(OLD))
def test_old_next_action_on_its_own(old: str) -> None:
    got = derive(OLD[old])
    assert (got.kind, got.at) == EXPECTED[old][0]


@pytest.mark.parametrize("new", NEW_FACTS)
@pytest.mark.parametrize("old", list(OLD))
def test_every_old_action_with_every_new_fact(old: str, new: str) -> None:
    got = derive(with_new(OLD[old], new))
    assert (got.kind, got.at) == EXPECTED[old][1 + NEW_FACTS.index(new)]


@pytest.mark.parametrize("old", list(OLD))
def test_a_closed_case_has_no_next_action(old: str) -> None:
    assert derive(replace(with_new(OLD[old], "promise"), status="closed")).kind == "none"


def test_the_order_facts_are_given_in_does_not_matter() -> None:
    facts = with_new(with_new(OLD["ptp_broken"], "promise"), "callback")
    flipped = replace(facts, promises=facts.promises[::-1], callbacks=facts.callbacks[::-1])
    assert derive(facts) == derive(flipped) == derive(facts)


def test_a_broken_promise_stays_on_top_until_answered() -> None:
    base = OLD["ptp_broken"]
    # paying less than promised does not answer it; the whole amount since it was made does
    short = replace(base, payments=(PaymentFact(date(2026, 12, 6), 299_999),))
    assert derive(short).kind == "broken_promise"
    two = replace(short, payments=(*short.payments, PaymentFact(date(2026, 11, 26), 1)))
    assert derive(two).kind == "none"
    # a payment from before the promise was made does not count
    before = replace(base, payments=(PaymentFact(date(2026, 11, 24), 300_000),))
    assert derive(before).kind == "broken_promise"
    # a callback scheduled before it broke (a reminder) is not a follow-up of the break
    reminder = replace(base, callbacks=(CallbackFact(at(10, 10), False, at(29, 10, 11)),))
    assert (derive(reminder).kind, derive(reminder).at) == BROKE
    # nor is one whose creation time is unknown
    unknown = replace(base, callbacks=(CallbackFact(at(10, 10), False, None),))
    assert derive(unknown).kind == "broken_promise"
    # a rejected plan made after it does not replace it; an approved one does
    rejected = replace(base, plans=(PlanFact("rejected", NOW),))
    assert derive(rejected).kind == "broken_promise"
    assert derive(replace(base, plans=(PlanFact("approved", NOW),))).kind == "none"
    # an older plan does not replace a newer broken promise
    assert derive(replace(base, plans=(PlanFact("active", at(1, 9, 11)),))).kind == (
        "broken_promise"
    )


def test_the_newest_promise_breaking_is_broken_again() -> None:
    second = PromiseFact(date(2026, 12, 2), at(1), "broken", 10_000)
    got = derive(CaseFacts(promises=(BROKEN, second)))
    assert got.kind == "broken_promise"
    assert got.at == broken_at(date(2026, 12, 2))


def test_broken_at_follows_the_grace_days_and_the_lenders_zone() -> None:
    ny = ZoneInfo("America/New_York")
    assert broken_at(date(2026, 11, 30), grace_days=0, lender_tz=ny) == datetime(
        2026, 12, 1, 0, 0, tzinfo=ny
    )
    got = derive(OLD["ptp_broken"], grace_days=0)
    assert got.at == datetime(2026, 12, 1, 0, 0, tzinfo=SH)
    # the promise falls due at 09:00 of its date in the lender's zone
    ny_due = derive(OLD["ptp_pending"], lender_tz="America/New_York").at
    assert ny_due == datetime(2026, 12, 9, 9, 0, tzinfo=ny)


def test_bad_input_is_refused() -> None:
    with pytest.raises(DomainError):
        derive(CaseFacts(callbacks=(CallbackFact(datetime(2026, 12, 8, 10), False),)))
    with pytest.raises(DomainError):
        derive(CaseFacts(promises=(PromiseFact(date(2026, 12, 8), datetime(2026, 12, 1)),)))
    with pytest.raises(DomainError):
        derive(CaseFacts(), grace_days=-1)
    with pytest.raises(DomainError):
        derive(CaseFacts(), lender_tz="Mars/Olympus")


def test_every_blocking_flag_clears_the_action() -> None:
    from app.domain.contact_policy_types import MANDATORY_BLOCKING_FLAGS

    for flag in MANDATORY_BLOCKING_FLAGS:
        facts = replace(OLD["ptp_broken"], flags=frozenset({flag}))
        assert derive(facts).kind == "none", flag
    assert derive(replace(OLD["ptp_broken"], flags=frozenset({"vip"}))).kind == "broken_promise"


def test_the_callback_wins_a_tie_only_when_sooner() -> None:
    facts = CaseFacts(
        promises=(PromiseFact(date(2026, 12, 9), at(5), "pending", 1),),
        callbacks=(CallbackFact(at(9, 9), False, at(5)),),
    )
    assert derive(facts).kind == "promise_due"
    assert derive(facts).at == at(9) + timedelta(0)
