"""Who sees which case: the one scope rule of the server, below the HTTP layer.

- agent: the cases assigned to them;
- team lead: their team's cases;
- admin: every case.

Who may WRITE to a case (`check_fact`, `plan_case`; DESIGN.md §4 Conflicts):

- whoever sees it now (its agent, a lead of the team that holds it now, an admin) writes
  anything;
- a former holder (an agent whose holding ended) may still deliver an append-only fact
  (note, contact attempt, promise, callback) made offline before the hand-over: only when
  the fact was made while they held the case (its time within one of their holdings, give
  or take `handover_clock_skew_s`, the desk's clock being the client's) and it arrives
  within `handover_grace_days` after that holding ended. Anything else is refused with
  `case_not_held` or `handover_grace_expired` (the author knew the case: no existence leak);
- a plan is a decision, not a fact: only the current holder (or their lead) proposes one,
  a former holder's is refused with `plan_not_holder`;
- a lead writes only to the cases their team holds now (their team once holding it counts
  for nothing: `case_not_held`);
- somebody who never held the case gets `OutOfScope` (not found).

Routes, services and jobs all ask here; nothing else decides scope. Out of scope and
not existing look the same to callers (`OutOfScope`), so existence is never leaked.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy import ColumnElement, SQLColumnExpression, bindparam, exists, false, select, true
from sqlalchemy.orm import Session

from app.server.audit import audit
from app.server.models import Case, CaseAssignment, User, utcnow
from app.server.settings import Settings

log = logging.getLogger(__name__)


class Caller(Protocol):
    """What the scope rules read of a caller (a `User` row or the token check's `TokenUser`)."""

    @property
    def id(self) -> int: ...
    @property
    def role(self) -> str: ...
    @property
    def team_id(self) -> int | None: ...


class OutOfScope(LookupError):
    """The case does not exist or the user may not see it (callers answer 'not found')."""


class WriteRefused(PermissionError):
    """A write to a case the author knows but may not write to now: stable `code`
    (`case_not_held`, `handover_grace_expired`, `plan_not_holder`) and an English message."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


REFUSAL_CODES = ("case_not_held", "handover_grace_expired", "plan_not_holder")


def visible_cases_clause(user: User) -> ColumnElement[bool]:
    """WHERE clause on `Case` for what `user` may see. Use it in every case query."""
    if user.role == "admin":
        return true()
    if user.role == "team_lead":
        if user.team_id is None:
            return false()
        return Case.team_id == user.team_id
    if user.role == "agent":
        return Case.assigned_to_id == user.id
    return false()


def bound_scope(user: Caller) -> tuple[str, dict[str, int | None]]:
    """`visible_cases_clause` for cached statements: the shape of the rule ("all", "team",
    "own" or "none") and its bind values (`scope_team`, `scope_user`)."""
    kind = {"admin": "all", "team_lead": "team", "agent": "own"}.get(user.role, "none")
    if kind == "team" and user.team_id is None:
        kind = "none"
    return kind, {"scope_team": user.team_id, "scope_user": user.id}


def bound_scope_clause(kind: str) -> ColumnElement[bool]:
    """The WHERE clause on `Case` of a `bound_scope` shape, with bind parameters."""
    if kind == "all":
        return true()
    if kind == "team":
        return Case.team_id == bindparam("scope_team")
    if kind == "own":
        return Case.assigned_to_id == bindparam("scope_user")
    return false()


def can_see_case(user: User, case: Case) -> bool:
    """Python twin of `visible_cases_clause` for an already loaded case."""
    if user.role == "admin":
        return True
    if user.role == "team_lead":
        return user.team_id is not None and case.team_id == user.team_id
    return user.role == "agent" and case.assigned_to_id == user.id


def visible_case(session: Session, user: User, case_id: str, *, lock: bool = False) -> Case:
    """The case if `user` can see it now, else `OutOfScope`."""
    case = session.get(Case, str(case_id), with_for_update=lock)
    if case is None or not can_see_case(user, case):
        raise OutOfScope(str(case_id))
    return case


def has_held_case(session: Session, user: User, case: Case) -> bool:
    """True when `user` (or, for a lead, their team) held the case at some point. Only for
    telling `case_not_held` from 'not found', and for the agreement-export audit (an event
    that happened on the desk, which writes nothing to the case)."""
    held = CaseAssignment.case_id == case.id
    if user.role == "team_lead" and user.team_id is not None:
        held &= (CaseAssignment.user_id == user.id) | (CaseAssignment.team_id == user.team_id)
    else:
        held &= CaseAssignment.user_id == user.id
    return bool(session.scalar(select(exists().where(held))))


def held_case(session: Session, user: User, case_id: str) -> Case:
    """The case if `user` sees it now or held it at some point, else `OutOfScope`. For the
    agreement-export audit only; facts and plans go through `check_fact` / `plan_case`."""
    case = session.get(Case, str(case_id))
    if case is None:
        raise OutOfScope(str(case_id))
    if can_see_case(user, case) or has_held_case(session, user, case):
        return case
    raise OutOfScope(str(case_id))


# --- writing to a case ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Handover:
    """The bounds of a former holder's late facts (settings `handover_grace_days`,
    `handover_clock_skew_s`)."""

    grace: timedelta
    skew: timedelta

    @classmethod
    def of(cls, settings: Settings) -> Handover:
        return cls(
            grace=timedelta(days=settings.handover_grace_days),
            skew=timedelta(seconds=settings.handover_clock_skew_s),
        )


@dataclass(frozen=True, slots=True)
class Holding:
    """One stretch of time an agent held a case: [start, end]."""

    start: datetime
    end: datetime


def late_fact_refusal(
    holdings: tuple[Holding, ...], *, made_at: datetime, now: datetime, rules: Handover
) -> str | None:
    """Why a former holder's fact made at `made_at` and arriving at `now` is refused
    (`case_not_held` or `handover_grace_expired`), or None when it is accepted: it must
    fall within one of the author's holdings (give or take the clock skew) and arrive within
    the grace period after that holding ended."""
    made_in = [h for h in holdings if h.start - rules.skew <= made_at <= h.end + rules.skew]
    if not made_in:
        return "case_not_held"
    if any(now <= h.end + rules.grace for h in made_in):
        return None
    return "handover_grace_expired"


_MESSAGES = {
    "case_not_held": "this case was not yours when this was made; it cannot be recorded",
    "handover_grace_expired": "the case was handed over too long ago to record this",
    "plan_not_holder": "a plan is proposed by whoever holds the case now",
    "team_not_holder": "your team no longer holds this case",
}


def _refuse(code: str, reason: str | None = None) -> WriteRefused:
    return WriteRefused(code, _MESSAGES[reason or code])


@dataclass(frozen=True, slots=True)
class _Standing:
    """What a user's writes to one case are judged by (cached on the session)."""

    current: bool  # sees it now: writes anything
    holdings: tuple[Holding, ...]  # a former agent's holdings (empty otherwise)
    known: bool  # held it (or their team did) at some point


_STANDING = "collection_desk.write_standing"


def _holdings(session: Session, user: User, case: Case) -> tuple[Holding, ...]:
    rows = session.execute(
        select(CaseAssignment.assigned_at, CaseAssignment.ended_at).where(
            CaseAssignment.case_id == case.id, CaseAssignment.user_id == user.id
        )
    ).all()
    out = []
    for start, end in rows:
        # a holding left open though someone else holds the case now ended, at the latest,
        # when the current holding began; unknown end (unassigned case): no holding at all
        end = end or case.assigned_at
        if end is not None and end >= start:
            out.append(Holding(start, end))
    return tuple(out)


def _standing(session: Session, user: User, case_id: str) -> _Standing:
    key = (user.id, str(case_id))
    cache: dict[tuple[int, str], _Standing] = session.info.setdefault(_STANDING, {})
    if key in cache:
        return cache[key]
    case = session.get(Case, str(case_id))
    if case is None:
        raise OutOfScope(str(case_id))
    if can_see_case(user, case):
        standing = _Standing(current=True, holdings=(), known=True)
    else:
        known = has_held_case(session, user, case)
        mine = _holdings(session, user, case) if known and user.role == "agent" else ()
        standing = _Standing(current=False, holdings=mine, known=known)
    cache[key] = standing
    return standing


def check_fact(
    session: Session,
    user: User,
    case_id: str,
    *,
    made_at: datetime,
    rules: Handover,
    now: datetime | None = None,
) -> None:
    """May `user` record a fact (note, contact, promise, callback) made at `made_at` on the
    case? Returns quietly, or raises `OutOfScope` (never held: not found) or `WriteRefused`.
    The answer's inputs are cached per session: a batch of notes costs one look-up."""
    standing = _standing(session, user, case_id)
    if standing.current:
        return
    if not standing.known:
        raise OutOfScope(str(case_id))
    if user.role != "agent":
        raise _refuse("case_not_held", "team_not_holder")
    code = late_fact_refusal(standing.holdings, made_at=made_at, now=now or utcnow(), rules=rules)
    if code is not None:
        raise _refuse(code)


def plan_case(session: Session, user: User, case_id: str) -> Case:
    """The case if `user` may propose a plan on it: whoever sees it now. A former holder
    (or a lead whose team once held it) gets `WriteRefused(plan_not_holder)`, anybody else
    `OutOfScope`."""
    standing = _standing(session, user, case_id)
    if not standing.current:
        if standing.known:
            raise _refuse("plan_not_holder")
        raise OutOfScope(str(case_id))
    case = session.get(Case, str(case_id))
    assert case is not None  # checked above
    return case


def record_refusal(session: Session, user: User, *, case_id: str, kind: str, code: str) -> None:
    """Audit a refused write (`write.refused`) and log it: ids and codes only, no PII.
    Added to the caller's transaction, outside the refused write's savepoint."""
    log.warning("write refused: user=%s kind=%s case=%s code=%s", user.id, kind, case_id, code)
    audit(
        session,
        actor=user,
        action="write.refused",
        entity="case",
        entity_id=str(case_id),
        details={"kind": kind, "code": code},
    )


def team_in_scope(user: User, team_id: int | None) -> bool:
    """May `user` manage team `team_id` (its agents, cases, queue and numbers)? A team lead
    their own team, an admin any team; agents none."""
    if user.role == "admin":
        return True
    return user.role == "team_lead" and user.team_id is not None and team_id == user.team_id


def manages_user(user: Caller, *, user_id: int | None, team_id: int | None) -> bool:
    """May `user` oversee the person (`user_id`, `team_id`): an admin anyone, a lead the
    members of their own team (a lead without a team nobody), an agent only themself."""
    if user.role == "admin":
        return True
    if user.role == "team_lead":
        return user.team_id is not None and team_id == user.team_id
    return user.role == "agent" and user_id is not None and user_id == user.id


def lost_in_change(user: Caller, *, from_user_id: int | None, from_team_id: int | None) -> bool:
    """Did `user` see a case before an assignment change that took it from `from_user_id`
    of `from_team_id` (an admin always did; a lead when it left their team)?"""
    if user.role == "admin":
        return True
    if user.role == "team_lead":
        return user.team_id is not None and from_team_id == user.team_id
    return from_user_id is not None and from_user_id == user.id


def lost_in_change_clause(
    user: Caller,
    from_user_id: SQLColumnExpression[int | None],
    from_team_id: SQLColumnExpression[int | None],
) -> ColumnElement[bool]:
    """SQL twin of `lost_in_change` over a change row's from-columns (not for admins, who
    lose nothing: the caller handles them)."""
    taken: ColumnElement[bool] = from_user_id == user.id
    if user.role == "team_lead" and user.team_id is not None:
        taken |= from_team_id == user.team_id
    return taken


def managed_users_clause(user: Caller) -> ColumnElement[bool]:
    """WHERE clause on `User` for the people whose work `user` oversees (team lead: the
    members of their team; admin: everyone; agent: nobody)."""
    if user.role == "admin":
        return true()
    if user.role == "team_lead" and user.team_id is not None:
        return User.team_id == user.team_id
    return false()
