"""Configuration, audit and sync tables: scripts, policies, audit log, change log, applied ops."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.server.models.base import UUID_LEN, Base, BigIntPK, utcnow


class CallScript(Base):
    """A call script (YAML body), versioned by (name, version)."""

    __tablename__ = "call_scripts"
    __table_args__ = (UniqueConstraint("name", "version", name="uq_call_scripts_name_version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer)
    lang: Mapped[str] = mapped_column(String(8), default="zh")
    body: Mapped[str] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ContactPolicy(Base):
    """A contact-policy profile (YAML body), versioned by (name, version)."""

    __tablename__ = "contact_policies"
    __table_args__ = (UniqueConstraint("name", "version", name="uq_contact_policies_name_version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer)
    body: Mapped[str] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AuditLog(Base):
    """Append-only record of who viewed, revealed, changed, reassigned or exported what."""

    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_entity", "entity", "entity_id"),
        Index("ix_audit_log_at", "at"),
        # an agent's own rows of one kind in a time range: the dial rate and the reveal
        # counts (services/dial_rate.py, services/reveal_watch.py)
        Index("ix_audit_log_actor_action_at", "actor_id", "action", "at"),
    )

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    actor: Mapped[str | None] = mapped_column(String(64))  # username at the time
    action: Mapped[str] = mapped_column(String(48), index=True)
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str | None] = mapped_column(String(64))
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class ChangeCounter(Base):
    """Single row (id=1): the last change sequence number handed out, and the log's horizon.

    `epoch` identifies this database so cursors from another one are refused;
    `pruned_through` is the highest seq removed from the change log (older cursors -> 410).
    """

    __tablename__ = "change_counter"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)
    pruned_through: Mapped[int] = mapped_column(BigInteger, default=0)
    epoch: Mapped[str] = mapped_column(String(UUID_LEN))


class ChangeLog(Base):
    """One row per changed entity; `seq` is assigned at commit (one per transaction)."""

    __tablename__ = "change_log"
    __table_args__ = (
        CheckConstraint("kind IN ('upsert', 'assign', 'delete')", name="kind"),
        Index("ix_change_log_seq_id", "seq", "id"),
    )

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True, autoincrement=True)
    seq: Mapped[int | None] = mapped_column(BigInteger)  # NULL until the transaction commits
    entity: Mapped[str] = mapped_column(String(20))
    entity_id: Mapped[str] = mapped_column(String(64))
    case_id: Mapped[str | None] = mapped_column(String(UUID_LEN))
    kind: Mapped[str] = mapped_column(String(8), default="upsert")
    from_user_id: Mapped[int | None] = mapped_column(Integer)
    from_team_id: Mapped[int | None] = mapped_column(Integer)
    to_user_id: Mapped[int | None] = mapped_column(Integer)
    to_team_id: Mapped[int | None] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(default=utcnow)


class AppliedOp(Base):
    """Idempotency record of a pushed op: (user, op_id) -> the result sent back."""

    __tablename__ = "applied_ops"
    __table_args__ = (UniqueConstraint("user_id", "op_id", name="uq_applied_ops_user_op"),)

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    op_id: Mapped[str] = mapped_column(String(UUID_LEN))
    kind: Mapped[str] = mapped_column(String(24))
    result: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
