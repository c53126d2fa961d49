"""Contact-policy engine: may this number be dialled right now, and if not, why and when?

Profiles are data (``resources/policies/cn.yaml``, ``us.yaml``; see
:mod:`app.domain.contact_policy_loader`). :func:`evaluate_contact` is pure and deterministic:
it reads no clock and no file; ``now`` and the contact history are passed in. Days and
wall-clock windows are the borrower's (``borrower_tz``), whatever zone the agent is in.

The answer lists every rule that blocks at ``now`` and the earliest instant at which all
rules would allow (found by moving forward to each blocking rule's own earliest allowed
instant until none blocks), or ``None`` when a flag or a third-party rule blocks
indefinitely.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Collection, Sequence
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.domain import contact_policy_reasons as why
from app.domain.contact_policy_loader import apply_overrides, load_profile, profile_from_mapping
from app.domain.contact_policy_time import (
    SEARCH_HORIZON_DAYS,
    TimeRule,
    day_start,
    local_date,
)
from app.domain.contact_policy_types import (
    NUMBER_OWNERS,
    ContactEvent,
    Interval,
    LocalWindow,
    PolicyDecision,
    PolicyProfile,
    Reason,
    Window,
)
from app.domain.errors import DomainError

__all__ = [
    "ContactEvent",
    "Interval",
    "LocalWindow",
    "PolicyDecision",
    "PolicyProfile",
    "Reason",
    "apply_overrides",
    "evaluate_contact",
    "load_profile",
    "profile_from_mapping",
    "summarise",
]

_ONE_DAY = timedelta(days=1)
# A blocking rule at instant t: None when it allows, else (reason, earliest instant it allows).
_Rule = Callable[[datetime], "tuple[Reason, datetime | None] | None"]


def evaluate_contact(
    profile: PolicyProfile,
    *,
    now: datetime,
    borrower_tz: str,
    number_owner: str,
    flags: Collection[str],
    debtor_unreachable: bool,
    history: Sequence[ContactEvent],
    number_id: str,
    inconvenient_windows: Sequence[Window] = (),
    agreed_windows: Sequence[Window] = (),
) -> PolicyDecision:
    """Decide whether ``number_id`` (owned by ``number_owner``) may be dialled at ``now``."""
    _require_aware(now, "now")
    tz = _zone(borrower_tz)
    if number_owner not in NUMBER_OWNERS:
        raise DomainError("number_owner", f"expected one of {', '.join(NUMBER_OWNERS)}")
    if isinstance(flags, str):
        raise DomainError("flags", "expected a collection of flag names, not one string")
    for w in (*inconvenient_windows, *agreed_windows):
        _check_window(w)

    reasons: list[Reason] = [why.flag(f) for f in sorted(set(flags) & profile.blocking_flags)]
    indefinite = bool(reasons)
    if number_owner != "borrower":
        rule = profile.third_party.get(number_owner, "forbidden")
        if rule == "forbidden":
            reasons.append(why.third_party_forbidden(number_owner))
            indefinite = True
        elif rule == "requires_unreachable" and not debtor_unreachable:
            reasons.append(why.third_party_needs_unreachable(number_owner))
            indefinite = True

    times = TimeRule(
        tz,
        profile.call_window,
        agreed_windows if profile.honour_agreed_windows else (),
        inconvenient_windows if profile.honour_inconvenient_windows else (),
    )
    at = now.astimezone(UTC)
    local_hm = now.astimezone(tz).strftime("%H:%M")
    if not times.in_call_window(at):
        reasons.append(why.outside_window(profile.call_window, local_hm))
    if times.inconvenient(at):
        reasons.append(why.inconvenient(local_hm))
    rules = _history_rules(profile, tz, history, number_id)
    for check in rules:
        hit = check(at)
        if hit is not None:
            reasons.append(hit[0])

    if not reasons:
        return PolicyDecision(True, (), now)
    if indefinite:
        return PolicyDecision(False, tuple(reasons), None)
    nxt = _next_allowed(at, times, rules)
    if nxt is None:
        reasons.append(why.no_allowed_time())
        return PolicyDecision(False, tuple(reasons), None)
    return PolicyDecision(False, tuple(reasons), nxt.astimezone(now.tzinfo))


def summarise(decision: PolicyDecision, *, lang: str, tz: str) -> str:
    """One line for people: "allowed", or "blocked: <reasons>, next allowed at <time>"."""
    zh = lang.startswith("zh")
    if decision.allowed:
        return "允许拨打" if zh else "allowed"
    text = (
        "；".join(r.message_zh for r in decision.reasons)
        if zh
        else "; ".join(r.message_en for r in decision.reasons)
    )
    nxt = decision.next_allowed_at
    if nxt is None:
        when = "暂无可拨打时间" if zh else "no allowed time until the block is lifted"
    else:
        local = nxt.astimezone(_zone(tz)).strftime("%Y-%m-%d %H:%M")
        when = f"下次可拨打时间 {local}（{tz}）" if zh else f"next allowed at {local} ({tz})"
    return f"禁止拨打：{text}；{when}" if zh else f"blocked: {text}; {when}"


def _next_allowed(start: datetime, times: TimeRule, rules: Sequence[_Rule]) -> datetime | None:
    """Move to each blocking rule's earliest allowed instant until no rule blocks.

    Each step goes to the earliest instant that one rule allows, so it never passes the
    earliest instant all rules allow; the result is therefore that earliest instant.
    """
    t = start
    limit = start + timedelta(days=SEARCH_HORIZON_DAYS)
    while t <= limit:
        moved = False
        if not times.allows(t):
            nxt = times.next_allowed(t)
            if nxt is None:
                return None
            t, moved = nxt, True
        for check in rules:
            hit = check(t)
            if hit is not None:
                if hit[1] is None:
                    return None
                t, moved = hit[1], True
        if not moved:
            return t
    return None


def _history_rules(
    profile: PolicyProfile, tz: ZoneInfo, history: Sequence[ContactEvent], number_id: str
) -> list[_Rule]:
    """Build the counter rules of the profile over the (validated, UTC, sorted) history."""
    ats = [ev.at for ev in history]
    if [at for at in ats if at.tzinfo is not UTC]:
        for at in ats:
            _require_aware(at, "history.at")
        ats = [at.astimezone(UTC) for at in ats]
    pairs = list(zip(history, ats, strict=True))
    rules: list[_Rule] = []
    if profile.max_connected_per_day is not None:
        connected = sorted([at for ev, at in pairs if ev.connected])
        rules.append(_per_day(tz, connected, profile.max_connected_per_day, why.connected_limit))
    if profile.max_unanswered_per_number_per_day is not None:
        limit = profile.max_unanswered_per_number_per_day
        missed = sorted([at for ev, at in pairs if not ev.connected and ev.number_id == number_id])
        rules.append(_per_day(tz, missed, limit, why.unanswered_limit))
    if profile.max_attempts_in_period is not None:
        limit, days = profile.max_attempts_in_period, profile.attempt_period_days
        rules.append(_per_period(tz, sorted(ats), limit, days))
    if profile.quiet_days_after_conversation is not None:
        talks = sorted([at for ev, at in pairs if ev.conversation])
        rules.append(_after_conversation(tz, talks, profile.quiet_days_after_conversation))
    return rules


def _count(sorted_ats: list[datetime], lo: datetime, hi: datetime) -> int:
    return bisect_left(sorted_ats, hi) - bisect_left(sorted_ats, lo)


def _per_day(
    tz: ZoneInfo, ats: list[datetime], limit: int, reason: Callable[[int, int], Reason]
) -> _Rule:
    def check(t: datetime) -> tuple[Reason, datetime | None] | None:
        d = local_date(t, tz)
        end = day_start(d + _ONE_DAY, tz)
        n = _count(ats, day_start(d, tz), end)
        return (reason(n, limit), end) if n >= limit else None

    return check


def _per_period(tz: ZoneInfo, ats: list[datetime], limit: int, days: int) -> _Rule:
    back = timedelta(days=days - 1)

    def count_on(d_end: datetime) -> int:
        d = local_date(d_end, tz)
        return _count(ats, day_start(d - back, tz), day_start(d + _ONE_DAY, tz))

    def check(t: datetime) -> tuple[Reason, datetime | None] | None:
        n = count_on(t)
        if n < limit:
            return None
        d = local_date(t, tz)
        for _ in range(SEARCH_HORIZON_DAYS):
            d += _ONE_DAY
            candidate = day_start(d, tz)
            if count_on(candidate) < limit:
                return why.attempts_limit(n, limit, days), candidate
        return why.attempts_limit(n, limit, days), None

    return check


def _after_conversation(tz: ZoneInfo, talks: list[datetime], days: int) -> _Rule:
    back = timedelta(days=days - 1)

    def check(t: datetime) -> tuple[Reason, datetime | None] | None:
        d = local_date(t, tz)
        hi = bisect_left(talks, day_start(d + _ONE_DAY, tz))
        if hi == 0 or talks[hi - 1] < day_start(d - back, tz):
            return None
        last = local_date(talks[hi - 1], tz)
        return why.recent_conversation(days), day_start(last + timedelta(days=days), tz)

    return check


def _require_aware(value: datetime, field: str) -> None:
    if not isinstance(value, datetime):
        raise DomainError(field, "expected a datetime")
    if value.tzinfo is None or value.utcoffset() is None:
        raise DomainError(field, "must be timezone-aware")


def _zone(key: str) -> ZoneInfo:
    try:
        return ZoneInfo(key)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        raise DomainError("borrower_tz", f"unknown time zone {key!r}") from None


def _check_window(w: object) -> None:
    if isinstance(w, LocalWindow):
        return
    if isinstance(w, Interval):
        _require_aware(w.start, "window.start")
        _require_aware(w.end, "window.end")
        if w.end <= w.start:
            raise DomainError("window", "end must be after start")
        return
    raise DomainError("window", "expected a LocalWindow or an Interval")
