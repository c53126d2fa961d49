"""When a case's next action moves: a promise or a callback recorded on it.

One rule for the server (app.server.services.ops) and the desk (which applies it to its
local copy at once, so the worklist reorders before any sync): a new action replaces the
case's current one only when it is sooner (or the case has none). A promise is due at
09:00 on its date in the lender's zone.
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

PROMISE_DUE_TIME = time(9)


def promise_due_at(promised_on: date, lender_tz: str) -> datetime:
    """The instant a promise falls due: 09:00 on its date, lender's zone."""
    return datetime.combine(promised_on, PROMISE_DUE_TIME, ZoneInfo(lender_tz))


def replaces(current_at: datetime | None, candidate_at: datetime) -> bool:
    """Whether an action at `candidate_at` becomes the case's next action."""
    return current_at is None or candidate_at < current_at
