"""When a case's next action moves: a promise or a callback recorded on it.

One rule for the server (app.server.services.ops) and the desk (which applies it to its
local copy at once, so the worklist reorders before any sync): a new action replaces the
case's current one only when it is sooner (or the case has none). A promise falls due at
09:00 of its date in the lender's zone (app.domain.promises.promise_due_at).
"""

from __future__ import annotations

from datetime import datetime


def replaces(current_at: datetime | None, candidate_at: datetime) -> bool:
    """Whether an action at `candidate_at` becomes the case's next action."""
    return current_at is None or candidate_at < current_at
