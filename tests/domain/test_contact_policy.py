"""Contact policy: window edges, date line, DST, counters, third parties, flags."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.domain.contact_policy import (
    ContactEvent,
    Interval,
    LocalWindow,
    PolicyDecision,
    evaluate_contact,
    load_profile,
    summarise,
)

CN = load_profile("cn")
US = load_profile("us")
SH = ZoneInfo("Asia/Shanghai")
NY = ZoneInfo("America/New_York")


def ask(
    profile: object = CN,
    *,
    now: datetime,
    tz: str = "Asia/Shanghai",
    owner: str = "borrower",
    flags: Sequence[str] = (),
    unreachable: bool = False,
    history: Sequence[ContactEvent] = (),
    number: str = "m1",
    **kw: object,
) -> PolicyDecision:
    return evaluate_contact(
        profile,  # type: ignore[arg-type]
        now=now,
        borrower_tz=tz,
        number_owner=owner,
        flags=set(flags),
        debtor_unreachable=unreachable,
        history=list(history),
        number_id=number,
        **kw,  # type: ignore[arg-type]
    )


def local(tz: ZoneInfo, *args: int) -> datetime:
    return datetime(*args, tzinfo=tz)  # type: ignore[misc]


# -- window edges ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("hh", "mm", "allowed"),
    [(7, 59, False), (8, 0, True), (21, 59, True), (22, 0, False), (23, 30, False), (0, 0, False)],
)
def test_cn_window_edges(hh: int, mm: int, allowed: bool) -> None:
    d = ask(now=local(SH, 2026, 5, 12, hh, mm))
    assert d.allowed is allowed
    if not allowed:
        assert d.codes == ("outside_call_window",)
        assert d.next_allowed_at is not None
        nxt = d.next_allowed_at.astimezone(SH)
        assert nxt.time() == time(8, 0)
        assert nxt.date() == (local(SH, 2026, 5, 12, hh, mm) + timedelta(hours=3)).date()
    else:
        assert d.reasons == () and d.next_allowed_at == local(SH, 2026, 5, 12, hh, mm)


@pytest.mark.parametrize(
    ("hh", "mm", "allowed"),
    [(7, 59, False), (8, 0, True), (20, 59, True), (21, 0, False), (21, 59, False), (22, 0, False)],
)
def test_us_window_edges(hh: int, mm: int, allowed: bool) -> None:
    d = ask(US, now=local(NY, 2026, 5, 12, hh, mm), tz="America/New_York")
    assert d.allowed is allowed
    if not allowed:
        assert d.next_allowed_at is not None
        assert d.next_allowed_at.astimezone(NY).time() == time(8, 0)


def test_reason_messages_in_both_languages() -> None:
    (r,) = ask(now=local(SH, 2026, 5, 12, 22, 0)).reasons
    assert "22:00" in r.message_zh and "08:00–22:00" in r.message_zh
    assert "calling hours" in r.message_en


def test_agent_zone_does_not_matter_only_borrower_local_time() -> None:
    # 14:30 UTC = 22:30 Shanghai: blocked, even though the agent's clock (UTC) says 14:30.
    d = ask(now=datetime(2026, 5, 12, 14, 30, tzinfo=UTC))
    assert not d.allowed
    assert d.next_allowed_at == datetime(2026, 5, 13, 0, 0, tzinfo=UTC)  # 08:00 Shanghai
    assert d.next_allowed_at.tzinfo is UTC  # answered in the caller's zone


def test_across_the_date_line_auckland_vs_new_york_agent() -> None:
    # Agent in New York on Monday 2026-05-11 16:00 EDT = Tuesday 08:00 NZST in Auckland.
    agent_now = local(NY, 2026, 5, 11, 16, 0)
    d = ask(now=agent_now, tz="Pacific/Auckland")
    assert d.allowed
    earlier = ask(now=agent_now - timedelta(minutes=1), tz="Pacific/Auckland")
    assert not earlier.allowed
    assert earlier.next_allowed_at == agent_now


def test_date_line_day_counter_uses_borrower_date() -> None:
    # Three connected calls on Tuesday (Tokyo); the agent in Los Angeles is still on Monday.
    tok = ZoneInfo("Asia/Tokyo")
    hist = [ContactEvent(local(tok, 2026, 5, 12, h, 0), "m1", True) for h in (9, 10, 11)]
    la_now = local(ZoneInfo("America/Los_Angeles"), 2026, 5, 11, 20, 0)  # Tue 12:00 Tokyo
    d = ask(now=la_now, tz="Asia/Tokyo", history=hist)
    assert d.codes == ("daily_connected_limit",)
    assert d.next_allowed_at == local(tok, 2026, 5, 13, 8, 0)


# -- DST (us) --------------------------------------------------------------------------------
def test_us_dst_spring_forward_2026_03_08() -> None:
    # 07:59 EDT on the change day is blocked; 08:00 EDT (12:00 UTC, not 13:00) is allowed.
    assert not ask(US, now=local(NY, 2026, 3, 8, 7, 59), tz="America/New_York").allowed
    d = ask(US, now=datetime(2026, 3, 8, 6, 30, tzinfo=UTC), tz="America/New_York")  # 01:30 EST
    assert d.next_allowed_at == datetime(2026, 3, 8, 12, 0, tzinfo=UTC)
    assert ask(US, now=datetime(2026, 3, 8, 12, 0, tzinfo=UTC), tz="America/New_York").allowed
    # 21:00 EDT = 01:00 UTC next day is the end.
    assert ask(US, now=datetime(2026, 3, 9, 0, 59, tzinfo=UTC), tz="America/New_York").allowed
    assert not ask(US, now=datetime(2026, 3, 9, 1, 0, tzinfo=UTC), tz="America/New_York").allowed


def test_us_dst_fall_back_2026_11_01() -> None:
    # Evening before: 21:00 EDT blocked until 08:00 EST = 13:00 UTC.
    d = ask(US, now=local(NY, 2026, 10, 31, 21, 0), tz="America/New_York")
    assert d.next_allowed_at == datetime(2026, 11, 1, 13, 0, tzinfo=UTC)
    assert not ask(US, now=datetime(2026, 11, 1, 12, 59, tzinfo=UTC), tz="America/New_York").allowed
    assert ask(US, now=datetime(2026, 11, 1, 13, 0, tzinfo=UTC), tz="America/New_York").allowed
    assert ask(US, now=datetime(2026, 11, 2, 1, 59, tzinfo=UTC), tz="America/New_York").allowed
    assert not ask(US, now=datetime(2026, 11, 2, 2, 0, tzinfo=UTC), tz="America/New_York").allowed


def test_dst_gap_inside_an_agreed_window_starts_at_the_transition() -> None:
    # Borrower agreed to 02:30-04:00; on 2026-03-08 02:30 does not exist in New York:
    # the window is entered when clocks jump to 03:00 EDT (07:00 UTC).
    d = ask(
        US,
        now=local(NY, 2026, 3, 8, 1, 0),
        tz="America/New_York",
        agreed_windows=[LocalWindow(time(2, 30), time(4, 0))],
    )
    assert d.next_allowed_at == datetime(2026, 3, 8, 7, 0, tzinfo=UTC)


# -- agreed / inconvenient windows ------------------------------------------------------------
def test_cn_agreed_window_lifts_quiet_hours() -> None:
    late = local(SH, 2026, 5, 12, 22, 30)
    assert not ask(now=late).allowed
    assert ask(now=late, agreed_windows=[LocalWindow(time(22), time(23))]).allowed
    one_off = Interval(local(SH, 2026, 5, 12, 22, 15), local(SH, 2026, 5, 12, 22, 45))
    assert ask(now=late, agreed_windows=[one_off]).allowed


def test_inconvenient_windows_block_and_point_to_their_end() -> None:
    noon = local(NY, 2026, 5, 12, 12, 0)
    d = ask(
        US, now=noon, tz="America/New_York", inconvenient_windows=[LocalWindow(time(9), time(17))]
    )
    assert d.codes == ("inconvenient_time",)
    assert d.next_allowed_at == local(NY, 2026, 5, 12, 17, 0)
    # Whole day inconvenient every day: blocked with no allowed time found.
    d = ask(
        US, now=noon, tz="America/New_York", inconvenient_windows=[LocalWindow(time(0), time(0))]
    )
    assert not d.allowed and d.next_allowed_at is None
    assert d.codes[-1] == "no_allowed_time"


def test_summary_line_in_both_languages() -> None:
    blocked = ask(now=local(SH, 2026, 5, 12, 23, 0))
    assert summarise(blocked, lang="en", tz="Asia/Shanghai").endswith(
        "next allowed at 2026-05-13 08:00 (Asia/Shanghai)"
    )
    assert summarise(blocked, lang="zh_CN", tz="Asia/Shanghai").startswith("禁止拨打：")
    assert summarise(ask(now=local(SH, 2026, 5, 12, 9, 0)), lang="en", tz="UTC") == "allowed"
    flagged = ask(now=local(SH, 2026, 5, 12, 9, 0), flags=["cease"])
    assert "no allowed time" in summarise(flagged, lang="en", tz="UTC")
    assert hash(CN) == hash(load_profile("cn")) and CN == load_profile("cn")
