"""Searching the audit log: team leads see entries made by their team's members, admins all.

Filters: actor, action (exact, or a prefix ending in '.'), entity, entity id, case (the
case's own entries and every entry whose details name it), time range; newest first."""

from __future__ import annotations

from sqlalchemy import ColumnElement, func, select, true
from sqlalchemy.orm import Session

from app.protocol.desk import AuditEntry, AuditPage, AuditQuery
from app.server.models import AuditLog, User
from app.server.scope import managed_users_clause


def _scope(user: User) -> ColumnElement[bool]:
    """Entries made by the people `user` oversees (scope.managed_users_clause)."""
    if user.role == "admin":
        return true()
    return AuditLog.actor_id.in_(select(User.id).where(managed_users_clause(user)))


def search_audit(session: Session, user: User, q: AuditQuery) -> AuditPage:
    """Newest first; filters are exact except `action`, which also matches a prefix ("pii.")."""
    where: list[ColumnElement[bool]] = [_scope(user)]
    if q.actor:
        where.append(AuditLog.actor == q.actor)
    if q.action:
        where.append(
            AuditLog.action.startswith(q.action, autoescape=True)
            if q.action.endswith(".")
            else AuditLog.action == q.action
        )
    if q.entity:
        where.append(AuditLog.entity == q.entity)
    if q.entity_id:
        where.append(AuditLog.entity_id == q.entity_id)
    if q.case_id:
        # the case itself, or anything about it (reveals, plans, exports name it in details)
        where.append(
            ((AuditLog.entity == "case") & (AuditLog.entity_id == q.case_id))
            | (AuditLog.details["case_id"].as_string() == q.case_id)
        )
    if q.since:
        where.append(AuditLog.at >= q.since)
    if q.until:
        where.append(AuditLog.at < q.until)
    total = session.scalar(select(func.count()).select_from(AuditLog).where(*where)) or 0
    rows = session.scalars(
        select(AuditLog)
        .where(*where)
        .order_by(AuditLog.at.desc(), AuditLog.id.desc())
        .limit(q.limit)
        .offset(q.offset)
    )
    return AuditPage(
        entries=[
            AuditEntry(
                id=str(r.id),
                at=r.at,
                actor=r.actor,
                action=r.action,
                entity=r.entity,
                entity_id=r.entity_id,
                details=dict(r.details or {}),
            )
            for r in rows
        ],
        total=int(total),
        limit=q.limit,
        offset=q.offset,
    )
