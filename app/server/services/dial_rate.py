"""How many dial requests an agent may make: at most `dial_rate_limit` within the last
`dial_rate_window_s` seconds (a sliding window), counted in the database so that every
worker of a several-process server sees the same count.

The count is the agent's own audit rows: every dial request that reached the service is
audited (`contact.dial`, `contact.policy_override_dial`, `contact.dial_refused`), so the
audit log is the rate's state; the requests refused for the rate itself
(`contact.dial_rate_limited`) are audited too but do not count (an agent who waits is let
through when the window moves, however often they tried). One agent's dials are serialised
while they are counted and written — a transaction-scoped advisory lock per user on
PostgreSQL, the write lock (BEGIN IMMEDIATE) on SQLite — so two workers cannot both let
the last one through. `ix_audit_log_actor_action_at` answers the count.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from app.server.audit import audit
from app.server.errors import ApiError
from app.server.models import AuditLog, User
from app.server.settings import Settings

DIAL = "contact.dial"
OVERRIDE_DIAL = "contact.policy_override_dial"
REFUSED = "contact.dial_refused"
RATE_LIMITED = "contact.dial_rate_limited"
COUNTED = (DIAL, OVERRIDE_DIAL, REFUSED)
_LOCK_SPACE = 0x4449414C  # "DIAL": the first key of the per-user advisory lock


def serialize(session: Session, user: User) -> None:
    """Take the lock that serialises this user's dial requests until the transaction ends.
    Call first, before the transaction has read anything."""
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        if session.in_transaction():
            session.commit()
        # pysqlite begins only at the first write; take the write lock before the count
        session.connection().exec_driver_sql("BEGIN IMMEDIATE")
    elif dialect == "postgresql":
        session.execute(
            text("SELECT pg_advisory_xact_lock(:space, :uid)"),
            {"space": _LOCK_SPACE, "uid": user.id},
        )


def check(
    session: Session,
    user: User,
    settings: Settings,
    *,
    case_id: str,
    phone_id: str,
    now: datetime,
) -> None:
    """Refuse (429 `dial_rate_limited`, Retry-After) when the user has made
    `dial_rate_limit` dial requests within the window; the refusal is audited and
    committed before it is raised."""
    window = timedelta(seconds=settings.dial_rate_window_s)
    count, oldest = session.execute(
        select(func.count(), func.min(AuditLog.at)).where(
            AuditLog.actor_id == user.id,
            AuditLog.action.in_(COUNTED),
            AuditLog.at > now - window,
        )
    ).one()
    limit = settings.dial_rate_limit
    if int(count or 0) < limit:
        return
    retry = 1
    if oldest is not None:
        if oldest.tzinfo is None:  # SQLite gives the stored UTC instant back naive
            oldest = oldest.replace(tzinfo=now.tzinfo)
        retry = max(1, math.ceil((oldest + window - now).total_seconds()))
    audit(
        session,
        actor=user,
        action=RATE_LIMITED,
        entity="phone",
        entity_id=phone_id,
        details={"case_id": case_id, "limit": limit, "window_s": settings.dial_rate_window_s},
    )
    session.commit()
    raise ApiError(
        429,
        "dial_rate_limited",
        f"too many dial requests: at most {limit} in {settings.dial_rate_window_s} s; "
        f"try again in {retry} s",
        {"retry_after_s": retry, "limit": limit, "window_s": settings.dial_rate_window_s},
        headers={"Retry-After": str(retry)},
    )
