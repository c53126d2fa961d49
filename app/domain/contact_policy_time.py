"""Wall-clock arithmetic for the contact policy: local days, windows, DST-safe searches.

Everything is expressed in the borrower's zone (``zoneinfo``). Windows are half-open
``[start, end)`` on the wall clock; on a DST change a wall time may not exist (spring
forward) or occur twice (fall back) — the search below visits every instant where the
answer can change (window edges in both folds, interval edges and the DST transition
itself), so the earliest allowed instant is exact to the second.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from app.domain.contact_policy_types import Interval, LocalWindow

#: How far ahead :meth:`TimeRule.next_allowed` searches before giving up.
SEARCH_HORIZON_DAYS = 400
_ONE_DAY = timedelta(days=1)


def local_date(at: datetime, tz: ZoneInfo) -> date:
    """The borrower-local calendar date of an instant."""
    return at.astimezone(tz).date()


@lru_cache(maxsize=8192)
def day_start(d: date, tz: ZoneInfo) -> datetime:
    """The first instant (UTC) of local date ``d`` (after the gap if midnight is skipped).

    Memoised: a pure function of its arguments (zone rules are fixed for the process)."""
    return datetime.combine(d, time(0), tzinfo=tz).astimezone(UTC)


@lru_cache(maxsize=8192)
def wall_instants(d: date, wall: time, tz: ZoneInfo) -> tuple[datetime, ...]:
    """The UTC instants at which the local clock shows ``wall`` on date ``d`` (both folds)."""
    naive = datetime.combine(d, wall)
    first = naive.replace(tzinfo=tz).astimezone(UTC)
    second = naive.replace(tzinfo=tz, fold=1).astimezone(UTC)
    return (first,) if first == second else (first, second)


def offset_change(start: datetime, end: datetime, tz: ZoneInfo) -> datetime | None:
    """The instant in ``(start, end]`` at which the zone's UTC offset changes, if any."""
    before = start.astimezone(tz).utcoffset()
    if end.astimezone(tz).utcoffset() == before:
        return None
    lo, hi = start, end  # offset(lo) == before != offset(hi)
    while hi - lo > timedelta(seconds=1):
        mid = lo + (hi - lo) / 2
        mid = mid.replace(microsecond=0)
        if mid <= lo:
            break
        if mid.astimezone(tz).utcoffset() == before:
            lo = mid
        else:
            hi = mid
    return hi


class TimeRule:
    """When calls may happen: inside the call window or an agreed window, outside any
    inconvenient window. Built per evaluation; holds no clock."""

    __slots__ = ("_agreed", "_blocked", "_blocked_abs", "_call", "_open_abs", "_tz", "_walls")

    def __init__(
        self,
        tz: ZoneInfo,
        call_window: LocalWindow,
        agreed: Sequence[LocalWindow | Interval] = (),
        inconvenient: Sequence[LocalWindow | Interval] = (),
    ) -> None:
        self._tz = tz
        self._call = call_window
        self._agreed = tuple(w for w in agreed if isinstance(w, LocalWindow))
        self._open_abs = tuple(w for w in agreed if isinstance(w, Interval))
        self._blocked = tuple(w for w in inconvenient if isinstance(w, LocalWindow))
        self._blocked_abs = tuple(w for w in inconvenient if isinstance(w, Interval))
        walls = {call_window.start, call_window.end, time(0)}
        for w in (*self._agreed, *self._blocked):
            walls.update((w.start, w.end))
        self._walls = tuple(sorted(walls))

    def in_call_window(self, at: datetime) -> bool:
        """Inside the regular window or a window the borrower agreed to."""
        wall = at.astimezone(self._tz).time()
        if self._call.contains(wall):
            return True
        if any(w.contains(wall) for w in self._agreed):
            return True
        return any(i.contains(at) for i in self._open_abs)

    def inconvenient(self, at: datetime) -> bool:
        """Inside a window the borrower called inconvenient."""
        if any(i.contains(at) for i in self._blocked_abs):
            return True
        if not self._blocked:
            return False
        wall = at.astimezone(self._tz).time()
        return any(w.contains(wall) for w in self._blocked)

    def allows(self, at: datetime) -> bool:
        """Whether the time rules allow a call at ``at``."""
        return self.in_call_window(at) and not self.inconvenient(at)

    def next_allowed(self, after: datetime) -> datetime | None:
        """The earliest instant > ``after`` the time rules allow (None beyond the horizon)."""
        tz = self._tz
        d = local_date(after, tz) - _ONE_DAY
        lo = day_start(d, tz)
        for _ in range(SEARCH_HORIZON_DAYS):
            hi = day_start(d + _ONE_DAY, tz)
            if hi > after:
                for cand in self._candidates(d, lo, hi):
                    if cand > after and self.allows(cand):
                        return cand
            d += _ONE_DAY
            lo = hi
        return None

    def _candidates(self, d: date, lo: datetime, hi: datetime) -> list[datetime]:
        cands = list(_day_candidates(d, self._tz, self._walls))
        if self._open_abs or self._blocked_abs:
            for i in (*self._open_abs, *self._blocked_abs):
                cands.extend(
                    c for c in (i.start.astimezone(UTC), i.end.astimezone(UTC)) if lo <= c < hi
                )
            cands.sort()
        return cands


@lru_cache(maxsize=8192)
def _day_candidates(d: date, tz: ZoneInfo, walls: tuple[time, ...]) -> tuple[datetime, ...]:
    """Instants of local day ``d`` where a wall-clock window can open or close (sorted)."""
    lo, hi = day_start(d, tz), day_start(d + _ONE_DAY, tz)
    cands: set[datetime] = set()
    for wall in walls:
        cands.update(wall_instants(d, wall, tz))
    change = offset_change(lo, hi, tz)
    if change is not None:
        cands.add(change)
    return tuple(sorted(c for c in cands if lo <= c < hi))
