"""Balancing a team's cases between its agents (the team lead's rule reassignment).

Pure and deterministic: the same cases and agents (in any order) give the same moves.

Input: the pool's cases (id, current holder, weight, priority) and the agents who may
receive cases. Weight is 1 per case when balancing by count, the overdue amount in fen
when balancing by amount. Cases held by anyone who is not eligible (an agent on leave,
disabled, or no holder) must move. Then:

1. each eligible agent whose load is above the mean gives away cases while a removal brings
   the load closer to the mean (w < 2 x (load - mean)): by count the lowest-priority cases
   first, by amount the largest case that still qualifies;
2. the cases to move are dealt, heaviest first (then highest priority, then id), each to
   the eligible agent with the lowest load (its own holder first, then by name): the
   classic "longest processing time" rule, within 4/3 of the best possible maximum load;
3. while a case of the heaviest agent weighs less than the gap to the lightest, it moves
   there (a case already moving first), which step 1 cannot do when every agent is at the
   same distance above a fractional mean.

By count this ends with every agent at floor or ceil of the mean; by amount within the
largest case of it (the heaviest and lightest agents differ by at most one case's weight).
Cases stay with their holder whenever that does not hurt the balance, so by count a rule
run twice moves nothing the second time. By amount a second run can still find a closer
split (balancing amounts exactly is a partition problem; these steps are a heuristic), but
never a wider one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from app.domain.errors import DomainError


@dataclass(frozen=True, slots=True)
class PoolCase:
    """A case in the pool: `holder` is the agent's name, or None when unassigned."""

    case_id: str
    holder: str | None
    weight: int
    priority: int = 0


@dataclass(frozen=True, slots=True)
class Move:
    """Move `case_id` from `from_agent` (None: unassigned) to `to_agent`."""

    case_id: str
    from_agent: str | None
    to_agent: str


def balance(cases: Iterable[PoolCase], agents: Iterable[str]) -> tuple[Move, ...]:
    """The moves that balance `cases` over `agents` (sorted by case id)."""
    eligible = sorted(set(agents))
    pool = sorted(cases, key=lambda c: c.case_id)
    if len({c.case_id for c in pool}) != len(pool):
        raise DomainError("cases", "a case appears twice")
    if any(c.weight < 0 for c in pool):
        raise DomainError("weight", "must not be negative")
    if not pool:
        return ()
    if not eligible:
        raise DomainError("agents", "no agent can receive cases")
    held: dict[str, list[PoolCase]] = {a: [] for a in eligible}
    moving: list[PoolCase] = []
    for c in pool:
        if c.holder in held:
            held[c.holder].append(c)
        else:
            moving.append(c)
    mean = Fraction(sum(c.weight for c in pool), len(eligible))
    for agent in eligible:
        moving += _excess(held[agent], mean)
    load = {a: sum(c.weight for c in held[a]) for a in eligible}
    for c in sorted(moving, key=lambda c: (-c.weight, -c.priority, c.case_id)):
        # among the least loaded, a case goes back to its own holder (no move)
        to = min(eligible, key=lambda a: _rank(load, a, c.holder))
        load[to] += c.weight
        held[to].append(c)
    _settle(held, load)
    moves = [Move(c.case_id, c.holder, a) for a in eligible for c in held[a] if c.holder != a]
    return tuple(sorted(moves, key=lambda m: m.case_id))


def _rank(load: dict[str, int], agent: str, holder: str | None) -> tuple[int, bool, str]:
    return load[agent], agent != holder, agent


def _settle(held: dict[str, list[PoolCase]], load: dict[str, int]) -> None:
    """Move cases from the heaviest agent to the lightest while that narrows the gap.

    Step 1 alone can leave the pool unbalanced: with 6 cases on 4 agents (mean 1.5) and
    three agents at 2, no removal brings anyone closer to the mean (2 -> 1 is as far), so
    the fourth agent got nothing (found by the property test: counts [2, 2, 2, 0]). A case
    of weight w < (heaviest - lightest) always narrows their gap without passing the other,
    so the sum of squared loads falls and this ends; by count it ends with a spread of at
    most one. A case that is moving anyway is taken first (no new move), then by count the
    lowest priority, by amount the largest that qualifies.
    """
    while True:
        hi = min(held, key=lambda a: (-load[a], a))
        lo = min(held, key=lambda a: (load[a], a))
        gap = load[hi] - load[lo]
        fits = [c for c in held[hi] if 0 < c.weight < gap]
        if not fits:
            return
        pick = min(fits, key=lambda c: (c.holder == hi, -c.weight, c.priority, c.case_id))
        held[hi].remove(pick)
        held[lo].append(pick)
        load[hi] -= pick.weight
        load[lo] += pick.weight


def _excess(mine: list[PoolCase], mean: Fraction) -> list[PoolCase]:
    """Cases an agent gives away (removed from `mine` in place)."""
    out: list[PoolCase] = []
    load = sum(c.weight for c in mine)
    # candidates: by count the lowest priority first, by amount the largest first
    mine.sort(key=lambda c: (-c.weight, c.priority, c.case_id))
    while mine and load > mean:
        pick = next((c for c in mine if c.weight < 2 * (load - mean)), None)
        if pick is None:
            break
        mine.remove(pick)
        out.append(pick)
        load -= pick.weight
    return out


def loads(cases: Sequence[PoolCase], moves: Sequence[Move]) -> dict[str | None, tuple[int, int]]:
    """(cases, weight) per holder after `moves` (None: unassigned cases)."""
    holder = {c.case_id: c.holder for c in cases}
    for m in moves:
        holder[m.case_id] = m.to_agent
    out: dict[str | None, tuple[int, int]] = {}
    for c in cases:
        n, w = out.get(holder[c.case_id], (0, 0))
        out[holder[c.case_id]] = (n + 1, w + c.weight)
    return out
