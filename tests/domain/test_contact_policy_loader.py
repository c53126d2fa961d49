"""Loading policy profiles: by name, by path, overrides, malformed files."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest

from app.domain.contact_policy import load_profile
from app.domain.contact_policy_loader import (
    MANDATORY_BLOCKING_FLAGS,
    apply_overrides,
    read_policy_document,
)
from app.domain.errors import DomainError


def test_shipped_profiles_match_domain_facts() -> None:
    cn, us = load_profile("cn"), load_profile("us")
    assert (cn.call_window.start, cn.call_window.end) == (time(8), time(22))
    assert cn.max_connected_per_day == 3 and cn.max_unanswered_per_number_per_day == 6
    assert cn.third_party["emergency"] == "requires_unreachable"
    assert (us.call_window.start, us.call_window.end) == (time(8), time(21))
    assert us.max_attempts_in_period == 7 and us.attempt_period_days == 7
    assert us.quiet_days_after_conversation == 7
    for p in (cn, us):
        assert MANDATORY_BLOCKING_FLAGS <= p.blocking_flags
        assert p.third_party["unrelated"] == "forbidden"


def test_load_by_path_and_override_mapping_and_file(tmp_path: Path) -> None:
    base = Path(__file__).resolve().parents[2] / "resources" / "policies" / "cn.yaml"
    assert load_profile(base) == load_profile("cn")
    p = load_profile("cn", {"max_connected_per_day": 2, "call_window": {"end": "21:00"}})
    assert p.max_connected_per_day == 2
    assert p.call_window.start == time(8) and p.call_window.end == time(21)
    override = tmp_path / "lender.yaml"
    override.write_text("max_unanswered_per_number_per_day: 4\nblocking_flags: [vip_hold]\n")
    q = load_profile("cn", override)
    assert q.max_unanswered_per_number_per_day == 4
    assert "vip_hold" in q.blocking_flags and "cease" in q.blocking_flags
    assert apply_overrides(read_policy_document("us"), {"name": "us-strict"}).name == "us-strict"


@pytest.mark.parametrize(
    ("override", "field"),
    [
        ({"call_window": {"start": "25:00"}}, "call_window.start"),
        ({"call_window": "all day"}, "call_window"),
        ({"max_connected_per_day": -1}, "max_connected_per_day"),
        ({"max_connected_per_day": "three"}, "max_connected_per_day"),
        ({"attempt_period_days": 0}, "attempt_period_days"),
        ({"third_party": {"emergency": "sometimes"}}, "third_party.emergency"),
        ({"third_party": {"unrelated": "allowed"}}, "third_party.unrelated"),
        ({"third_party": {"neighbour": "allowed"}}, "third_party.neighbour"),
        ({"blocking_flags": "cease"}, "blocking_flags"),
        ({"honour_agreed_windows": "yes"}, "honour_agreed_windows"),
        ({"max_calls": 3}, "max_calls"),
        ({"name": ""}, "name"),
    ],
)
def test_malformed_values_name_the_key(override: dict[str, object], field: str) -> None:
    with pytest.raises(DomainError) as err:
        load_profile("cn", override)
    assert err.value.field == field


def test_malformed_files(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\ncall_window: [unclosed\n")
    with pytest.raises(DomainError, match="not valid YAML"):
        load_profile(bad)
    bad.write_text("- just\n- a list\n")
    with pytest.raises(DomainError, match="mapping"):
        load_profile(bad)
    bad.write_text("name: x\n")
    with pytest.raises(DomainError) as err:
        load_profile(bad)
    assert err.value.field == "call_window"
    with pytest.raises(DomainError, match="no such policy"):
        load_profile("mars")
    with pytest.raises(DomainError):
        load_profile("../etc")


def test_unquoted_yaml_times_are_understood(tmp_path: Path) -> None:
    f = tmp_path / "p.yaml"
    f.write_text("name: t\ncall_window: {start: 08:30, end: 21:00}\n")  # 21:00 -> int 1260
    p = load_profile(f)
    assert (p.call_window.start, p.call_window.end) == (time(8, 30), time(21))
