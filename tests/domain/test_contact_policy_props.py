"""Hypothesis: the next allowed instant is itself allowed, is the earliest, and answers repeat."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from app.domain.contact_policy import ContactEvent, Interval, LocalWindow, evaluate_contact
from tests.domain.test_contact_policy import CN, US

ZONES = [
    "Asia/Shanghai",
    "America/New_York",
    "Pacific/Auckland",
    "Asia/Tokyo",
    "Europe/London",
    "America/Los_Angeles",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
]
START = datetime(2026, 1, 1, tzinfo=UTC)

instants = st.integers(min_value=0, max_value=365 * 24 * 3600).map(
    lambda s: START + timedelta(seconds=s)
)
walls = st.builds(time, st.integers(0, 23), st.sampled_from([0, 15, 30, 45]))
intervals = st.tuples(instants, st.integers(60, 3 * 24 * 3600)).map(
    lambda p: Interval(p[0], p[0] + timedelta(seconds=p[1]))
)
windows = st.lists(st.one_of(st.builds(LocalWindow, walls, walls), intervals), max_size=2)


@st.composite
def cases(draw: st.DrawFn) -> dict[str, object]:
    now = draw(instants)
    n = draw(st.integers(0, 25))
    offsets = draw(st.lists(st.integers(0, 10 * 24 * 3600), min_size=n, max_size=n))
    history = [
        ContactEvent(
            now - timedelta(seconds=o),
            draw(st.sampled_from(["m1", "m2"])),
            draw(st.booleans()),
            draw(st.booleans()) and draw(st.booleans()),
        )
        for o in offsets
    ]
    return {
        "now": now,
        "borrower_tz": draw(st.sampled_from(ZONES)),
        "number_owner": draw(st.sampled_from(["borrower", "borrower", "emergency"])),
        "flags": set(draw(st.lists(st.sampled_from(["cease", "vip"]), max_size=1))),
        "debtor_unreachable": draw(st.booleans()),
        "history": history,
        "number_id": "m1",
        "inconvenient_windows": draw(windows),
        "agreed_windows": draw(windows),
    }


@given(st.sampled_from([CN, US]), cases())
def test_next_allowed_is_allowed_earliest_and_deterministic(profile, case) -> None:  # type: ignore[no-untyped-def]
    first = evaluate_contact(profile, **case)
    assert evaluate_contact(profile, **case) == first
    nxt = first.next_allowed_at
    if first.allowed:
        assert first.reasons == () and nxt == case["now"]
        return
    assert first.reasons
    if nxt is None:
        return
    assert nxt > case["now"]
    again = evaluate_contact(profile, **{**case, "now": nxt})
    assert again.allowed, again.reasons
    before = nxt - timedelta(seconds=1)
    if before >= case["now"]:
        assert not evaluate_contact(profile, **{**case, "now": before}).allowed


@given(st.sampled_from([CN, US]), cases(), st.sampled_from(ZONES))
def test_agent_zone_of_now_does_not_change_the_answer(profile, case, agent_zone) -> None:  # type: ignore[no-untyped-def]
    a = evaluate_contact(profile, **case)
    b = evaluate_contact(profile, **{**case, "now": case["now"].astimezone(ZoneInfo(agent_zone))})
    assert (a.allowed, a.codes, a.next_allowed_at) == (b.allowed, b.codes, b.next_allowed_at)
