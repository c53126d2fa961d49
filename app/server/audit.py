"""The append-only audit log: who viewed, revealed, changed, reassigned or exported what."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from app.server.models import AuditLog, User, utcnow


def audit(
    session: Session,
    *,
    actor: User | None,
    action: str,
    entity: str,
    entity_id: str | None,
    details: dict[str, Any] | None = None,
) -> AuditLog:
    """Add an audit row to the current transaction (committed with the change it records).

    `details` must hold no clear PII (masked values and ids only)."""
    row = AuditLog(
        at=utcnow(),
        actor_id=actor.id if actor else None,
        actor=actor.username if actor else None,
        action=action,
        entity=entity,
        entity_id=entity_id,
        details=details or {},
    )
    session.add(row)
    return row
