"""Users, teams, auth tokens and the login throttle."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.server.models.base import Base, BigIntPK, utcnow

ROLES = ("agent", "team_lead", "admin")


class Team(Base):
    """A group of agents led by one or more team leads."""

    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class User(Base):
    """A person who logs in: agent, team lead or administrator."""

    __tablename__ = "users"
    __table_args__ = (CheckConstraint("role IN ('agent', 'team_lead', 'admin')", name="role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(128))
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[str] = mapped_column(String(16))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"), index=True)
    active: Mapped[bool] = mapped_column(default=True)
    # set by the agent's team lead (or an admin) while the agent is away: rule reassignment
    # and the daily allocation give them no cases (services/agent_leave.py; audited)
    on_leave: Mapped[bool] = mapped_column(default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    team: Mapped[Team | None] = relationship(lazy="joined")

    @property
    def team_name(self) -> str | None:
        return self.team.name if self.team is not None else None


class AuthToken(Base):
    """An access or refresh token; only its SHA-256 is stored. Refresh tokens rotate in a family."""

    __tablename__ = "auth_tokens"
    __table_args__ = (
        CheckConstraint("kind IN ('access', 'refresh')", name="kind"),
        Index("ix_auth_tokens_user_kind", "user_id", "kind"),
    )

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(8))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    family: Mapped[str] = mapped_column(String(36), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]  # refresh token already exchanged (rotation)
    revoked_at: Mapped[datetime | None]


class LoginThrottle(Base):
    """Failed-login counter: per username and client address (key `user:<name>|<address>`)
    or per client address whatever the username (key `addr:<address>`)."""

    __tablename__ = "login_throttle"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    window_start: Mapped[datetime]
    locked_until: Mapped[datetime | None]
