"""Contact policy: daily / rolling counters, the conversation rule, third parties, flags."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.domain.contact_policy import ContactEvent, evaluate_contact
from app.domain.errors import DomainError
from tests.domain.test_contact_policy import CN, NY, SH, US, ask, local


def calls(
    tz: ZoneInfo, day: tuple[int, int, int], hours: list[int], **kw: object
) -> list[ContactEvent]:
    return [
        ContactEvent(datetime(*day, h, 0, tzinfo=tz), **kw)  # type: ignore[arg-type]
        for h in hours
    ]


# -- cn: 3 connected per day per debtor --------------------------------------------------------
def test_cn_three_connected_calls_per_day_all_numbers_all_agents() -> None:
    hist = calls(SH, (2026, 5, 12), [9, 10], number_id="m1", connected=True)
    hist += calls(SH, (2026, 5, 12), [11], number_id="home", connected=True)
    now = local(SH, 2026, 5, 12, 15, 0)
    d = ask(now=now, history=hist[:2])
    assert d.allowed
    d = ask(now=now, history=hist)
    assert d.codes == ("daily_connected_limit",)
    assert d.next_allowed_at == local(SH, 2026, 5, 13, 8, 0)
    # Yesterday's calls do not count today.
    assert ask(now=local(SH, 2026, 5, 13, 9, 0), history=hist).allowed


def test_cn_day_is_the_borrowers_day_not_utc() -> None:
    # 3 connected calls on 2026-05-12 Shanghai, one of them at 07:30 Shanghai = 23:30 UTC May 11.
    hist = [
        ContactEvent(datetime(2026, 5, 11, 23, 30, tzinfo=UTC), "m1", True),
        ContactEvent(local(SH, 2026, 5, 12, 9, 0), "m1", True),
        ContactEvent(local(SH, 2026, 5, 12, 10, 0), "m1", True),
    ]
    assert ask(now=local(SH, 2026, 5, 12, 11, 0), history=hist).codes == ("daily_connected_limit",)


# -- cn: 6 unanswered per number per day -------------------------------------------------------
def test_cn_six_unanswered_attempts_per_number() -> None:
    hist = calls(SH, (2026, 5, 12), [8, 9, 10, 11, 12], number_id="m1", connected=False)
    now = local(SH, 2026, 5, 12, 16, 0)
    assert ask(now=now, history=hist).allowed
    hist += calls(SH, (2026, 5, 12), [13], number_id="m1", connected=False)
    d = ask(now=now, history=hist)
    assert d.codes == ("daily_unanswered_limit",)
    assert d.next_allowed_at == local(SH, 2026, 5, 13, 8, 0)
    # Another number of the same debtor may still be dialled.
    assert ask(now=now, history=hist, number="home").allowed


def test_cn_every_reason_is_listed_and_next_allowed_satisfies_all() -> None:
    hist = calls(SH, (2026, 5, 12), [8, 9, 10], number_id="m1", connected=True)
    hist += calls(SH, (2026, 5, 12), [11, 12, 13, 14, 15, 16], number_id="m1", connected=False)
    d = ask(now=local(SH, 2026, 5, 12, 22, 30), history=hist)
    assert d.codes == ("outside_call_window", "daily_connected_limit", "daily_unanswered_limit")
    assert d.next_allowed_at == local(SH, 2026, 5, 13, 8, 0)


# -- us: 7 attempts in 7 consecutive days ------------------------------------------------------
def test_us_seven_attempts_in_seven_days_rolling() -> None:
    # One unanswered attempt per day, May 1..7 (local), at 10:00.
    hist = [
        ContactEvent(local(NY, 2026, 5, day, 10, 0), "m1", connected=False) for day in range(1, 8)
    ]
    d = ask(US, now=local(NY, 2026, 5, 7, 15, 0), tz="America/New_York", history=hist)
    assert d.codes == ("attempts_in_period_limit",)
    # The May 1 attempt leaves the 7-day period on May 8.
    assert d.next_allowed_at == local(NY, 2026, 5, 8, 8, 0)
    assert ask(US, now=local(NY, 2026, 5, 8, 8, 0), tz="America/New_York", history=hist).allowed
    assert ask(
        US, now=local(NY, 2026, 5, 7, 15, 0), tz="America/New_York", history=hist[1:]
    ).allowed


def test_us_seven_attempts_same_day_blocks_for_a_week() -> None:
    hist = calls(NY, (2026, 5, 4), [8, 9, 10, 11, 12, 13, 14], number_id="m1", connected=False)
    d = ask(US, now=local(NY, 2026, 5, 4, 15, 0), tz="America/New_York", history=hist)
    assert d.next_allowed_at == local(NY, 2026, 5, 11, 8, 0)
    assert not ask(
        US, now=local(NY, 2026, 5, 10, 20, 59), tz="America/New_York", history=hist
    ).allowed


# -- us: none within 7 days after a conversation ----------------------------------------------
def test_us_no_call_within_seven_days_after_a_conversation() -> None:
    talk = [ContactEvent(local(NY, 2026, 5, 4, 10, 0), "m1", connected=True, conversation=True)]
    same_day = ask(US, now=local(NY, 2026, 5, 4, 16, 0), tz="America/New_York", history=talk)
    assert same_day.codes == ("recent_conversation",)
    assert same_day.next_allowed_at == local(NY, 2026, 5, 11, 8, 0)
    assert not ask(
        US, now=local(NY, 2026, 5, 10, 12, 0), tz="America/New_York", history=talk
    ).allowed
    assert ask(US, now=local(NY, 2026, 5, 11, 8, 0), tz="America/New_York", history=talk).allowed
    # A connected call that was not a conversation about the debt does not start the period.
    no_talk = [ContactEvent(local(NY, 2026, 5, 4, 10, 0), "m1", connected=True)]
    assert ask(US, now=local(NY, 2026, 5, 4, 16, 0), tz="America/New_York", history=no_talk).allowed


# -- third parties ----------------------------------------------------------------------------
def test_emergency_contact_only_after_debtor_unreachable() -> None:
    now = local(SH, 2026, 5, 12, 10, 0)
    d = ask(now=now, owner="emergency", number="e1")
    assert d.codes == ("third_party_requires_unreachable",)
    assert d.next_allowed_at is None
    assert ask(now=now, owner="emergency", number="e1", unreachable=True).allowed
    assert not ask(now=now, owner="related", number="r1").allowed


def test_unrelated_person_is_always_off_limits() -> None:
    d = ask(now=local(SH, 2026, 5, 12, 10, 0), owner="unrelated", unreachable=True)
    assert d.codes == ("third_party_forbidden",) and d.next_allowed_at is None


def test_emergency_contact_still_obeys_the_window() -> None:
    d = ask(now=local(SH, 2026, 5, 12, 23, 0), owner="emergency", unreachable=True)
    assert d.codes == ("outside_call_window",)


# -- flags ----------------------------------------------------------------------------------
@pytest.mark.parametrize("profile", [CN, US], ids=["cn", "us"])
@pytest.mark.parametrize(
    "flag", ["do_not_call", "cease", "dispute", "hardship", "complaint", "legal_hold"]
)
def test_every_flag_stops_dialing_indefinitely(profile: object, flag: str) -> None:
    d = ask(profile, now=local(SH, 2026, 5, 12, 10, 0), flags=[flag])
    assert not d.allowed
    assert d.codes == (f"flag_{flag}",)
    assert d.next_allowed_at is None
    assert d.reasons[0].message_zh and d.reasons[0].message_en


def test_flags_listed_with_other_reasons_and_unknown_flags_ignored() -> None:
    d = ask(now=local(SH, 2026, 5, 12, 23, 0), flags=["legal_hold", "cease", "vip"])
    assert d.codes == ("flag_cease", "flag_legal_hold", "outside_call_window")
    assert ask(now=local(SH, 2026, 5, 12, 10, 0), flags=["vip"]).allowed


# -- bad input ------------------------------------------------------------------------------
def test_naive_now_is_rejected() -> None:
    with pytest.raises(DomainError) as err:
        ask(now=datetime(2026, 5, 12, 10, 0))
    assert err.value.field == "now"


def test_naive_history_unknown_zone_and_owner_are_rejected() -> None:
    now = local(SH, 2026, 5, 12, 10, 0)
    with pytest.raises(DomainError, match="history"):
        ask(now=now, history=[ContactEvent(datetime(2026, 5, 12, 9), "m1", True)])
    with pytest.raises(DomainError, match="borrower_tz"):
        ask(now=now, tz="Mars/Olympus")
    with pytest.raises(DomainError, match="number_owner"):
        ask(now=now, owner="neighbour")
    with pytest.raises(DomainError, match="flags"):
        evaluate_contact(
            CN,
            now=now,
            borrower_tz="Asia/Shanghai",
            number_owner="borrower",
            flags="cease",
            debtor_unreachable=False,
            history=[],
            number_id="m1",
        )


def test_deterministic_and_history_order_irrelevant() -> None:
    hist = calls(SH, (2026, 5, 12), [9, 10, 11], number_id="m1", connected=True)
    now = local(SH, 2026, 5, 12, 23, 0) - timedelta(seconds=1)
    a = evaluate_contact(
        CN,
        now=now,
        borrower_tz="Asia/Shanghai",
        number_owner="borrower",
        flags=set(),
        debtor_unreachable=False,
        history=hist,
        number_id="m1",
    )
    b = evaluate_contact(
        CN,
        now=now,
        borrower_tz="Asia/Shanghai",
        number_owner="borrower",
        flags=set(),
        debtor_unreachable=False,
        history=hist[::-1],
        number_id="m1",
    )
    assert a == b
