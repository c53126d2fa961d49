"""Watching reveals of personal information (issue #18 point 3, PIPL "minimum necessary").

`note_reveal` runs inside the reveal's transaction: it counts the user's reveals of the
business day (lender's zone) and, the first time the count passes
`Settings.reveal_daily_threshold`, writes a `pii.reveal_threshold` audit row (the user, the
count, the threshold, the day) — the lead sees it in the audit log, and the team console's
Reveals tab flags the user (`reveals_report`: today's and this week's counts per user, and
each reveal with the field, the masked value and borrower, the case, the reason and note).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, and_, case, func, select, true
from sqlalchemy.orm import Session

from app.domain.masking import mask_name
from app.protocol.reveals import AgentReveals, RevealEntry, RevealsQuery, RevealsReport
from app.server.audit import audit
from app.server.models import AuditLog, Borrower, Phone, User
from app.server.services.team_scope import resolve_team
from app.server.settings import Settings

REVEAL = "pii.reveal"
THRESHOLD = "pii.reveal_threshold"


def day_start(settings: Settings, day: date) -> datetime:
    """The instant the business day `day` begins (lender's zone)."""
    return datetime.combine(day, time(0), ZoneInfo(settings.lender_timezone))


def _count(session: Session, user_id: int, action: str, since: datetime) -> int:
    return int(
        session.scalar(
            select(func.count()).where(
                AuditLog.actor_id == user_id, AuditLog.action == action, AuditLog.at >= since
            )
        )
        or 0
    )


def note_reveal(
    session: Session, user: User, settings: Settings, *, now: datetime, today: date
) -> int:
    """After a reveal row was added: the user's reveals today; past the threshold for the
    first time today, the `pii.reveal_threshold` row is added too."""
    since = day_start(settings, today)
    session.flush()
    count = _count(session, user.id, REVEAL, since)
    threshold = settings.reveal_daily_threshold
    if count > threshold and _count(session, user.id, THRESHOLD, since) == 0:
        audit(
            session,
            actor=user,
            action=THRESHOLD,
            entity="user",
            entity_id=user.username,
            details={"count": count, "threshold": threshold, "day": today.isoformat()},
        )
    return count


def _members(session: Session, user: User, team: str | None) -> ColumnElement[bool]:
    scope = resolve_team(session, user, team)
    if scope.team_id is None:
        return true()
    return AuditLog.actor_id.in_(select(User.id).where(User.team_id == scope.team_id))


def _masked(row: AuditLog, borrower: Borrower | None, phones: dict[str, str]) -> str:
    field = row.details.get("field")
    if borrower is None:
        return ""
    if field == "id_number":
        return borrower.id_number_masked
    if field == "bank_card":
        return borrower.bank_card_masked or ""
    return phones.get(str(row.details.get("phone_id")), "")


def reveals_report(
    session: Session, user: User, settings: Settings, q: RevealsQuery, *, today: date
) -> RevealsReport:
    """See module docstring. A lead: their team's members; an admin: `q.team` or all."""
    scope = _members(session, user, q.team)
    start_today = day_start(settings, today)
    start_week = day_start(settings, today - timedelta(days=today.weekday()))
    since = start_today if q.period == "today" else start_week
    reveals = and_(scope, AuditLog.action == REVEAL)
    counts = session.execute(
        select(
            AuditLog.actor_id,
            func.count(),
            func.sum(case((AuditLog.at >= start_today, 1), else_=0)),
        )
        .where(reveals, AuditLog.at >= start_week)
        .group_by(AuditLog.actor_id)
    ).all()
    names = {
        u.id: u for u in session.scalars(select(User).where(User.id.in_([c[0] for c in counts])))
    }
    threshold = settings.reveal_daily_threshold
    agents = [
        AgentReveals(
            username=names[uid].username,
            display_name=names[uid].display_name,
            today=int(n_today or 0),
            week=int(n_week),
            over_threshold=int(n_today or 0) > threshold,
        )
        for uid, n_week, n_today in counts
        if uid in names
    ]
    agents.sort(key=lambda a: (-a.today, -a.week, a.username))
    where = and_(reveals, AuditLog.at >= since)
    total = int(session.scalar(select(func.count()).select_from(AuditLog).where(where)) or 0)
    rows = list(
        session.scalars(
            select(AuditLog)
            .where(where)
            .order_by(AuditLog.at.desc(), AuditLog.id.desc())
            .limit(q.limit)
        )
    )
    borrowers = _by_id(session, Borrower, {r.entity_id for r in rows if r.entity_id})
    phone_ids = {str(r.details.get("phone_id")) for r in rows if r.details.get("phone_id")}
    phones = {
        p.id: p.number_masked for p in session.scalars(select(Phone).where(Phone.id.in_(phone_ids)))
    }
    actors = _by_id(session, User, {r.actor_id for r in rows if r.actor_id is not None})
    entries = [
        RevealEntry(
            at=r.at,
            username=r.actor or "",
            display_name=actors[r.actor_id].display_name if r.actor_id in actors else "",
            field=r.details.get("field", "id_number"),
            masked_value=_masked(r, borrowers.get(r.entity_id or ""), phones),
            borrower_masked=mask_name(b.name) if (b := borrowers.get(r.entity_id or "")) else "",
            case_id=r.details.get("case_id"),
            reason=str(r.details.get("reason", "")),
            note=r.details.get("note"),
        )
        for r in rows
    ]
    return RevealsReport(
        period=q.period,
        since=since,
        today=today,
        threshold=threshold,
        agents=agents,
        entries=entries,
        total=total,
    )


def _by_id(session: Session, model: Any, ids: set[Any]) -> dict[Any, Any]:
    if not ids:
        return {}
    return {row.id: row for row in session.scalars(select(model).where(model.id.in_(ids)))}
