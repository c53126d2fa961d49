"""Token service: login with throttling (login_throttle.py: a per-user lock, a per-address
slow-down), random tokens stored as SHA-256, rotation, revocation."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import psycopg
from argon2 import PasswordHasher
from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.orm import Session, lazyload

from app.server import login_throttle
from app.server.errors import ApiError
from app.server.models import AuthToken, User, utcnow
from app.server.passwords import verify_password
from app.server.pg_prepared import PgStatement
from app.server.settings import Settings


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class IssuedTokens:
    """A fresh access + refresh token pair (clear values, shown once)."""

    access_token: str
    refresh_token: str
    expires_in: int
    user: User


def _issue(session: Session, settings: Settings, user: User, family: str) -> IssuedTokens:
    now = utcnow()
    access = secrets.token_urlsafe(32)
    refresh = secrets.token_urlsafe(48)
    session.add_all(
        [
            AuthToken(
                user_id=user.id,
                kind="access",
                token_hash=token_digest(access),
                family=family,
                created_at=now,
                expires_at=now + timedelta(seconds=settings.access_token_ttl_s),
            ),
            AuthToken(
                user_id=user.id,
                kind="refresh",
                token_hash=token_digest(refresh),
                family=family,
                created_at=now,
                expires_at=now + timedelta(seconds=settings.refresh_token_ttl_s),
            ),
        ]
    )
    return IssuedTokens(access, refresh, settings.access_token_ttl_s, user)


def login(
    session: Session,
    settings: Settings,
    hasher: PasswordHasher,
    *,
    username: str,
    password: str,
    client_ip: str,
) -> IssuedTokens:
    """Check the password and issue a token pair. Throttled (login_throttle.py): a locked
    username at this address, or a slowed address for a username with recent failures,
    answers 429 before the password is checked."""
    now = utcnow()
    keys = login_throttle.keys(username, client_ip)
    login_throttle.check(session, settings, keys, now)
    user = session.execute(select(User).where(User.username == username)).scalar_one_or_none()
    ok = verify_password(hasher, user.password_hash if user else None, password)
    if not ok or user is None or not user.active:
        login_throttle.record_failure(session, settings, keys, now)
        raise ApiError(401, "invalid_credentials", "wrong username or password")
    login_throttle.record_success(session, keys)
    # the user's own long-expired tokens go as they sign in again (the table stays bounded
    # without a job; `db prune-auth` does the same for everyone)
    session.execute(
        delete(AuthToken).where(
            AuthToken.user_id == user.id, AuthToken.expires_at < now - EXPIRED_TOKEN_GRACE
        )
    )
    tokens = _issue(session, settings, user, str(uuid.uuid4()))
    session.commit()
    return tokens


# An expired token is refused anyway; its row is kept a day longer (a reused refresh token
# still revokes its family until then, and the audit of a bad login can find it).
EXPIRED_TOKEN_GRACE = timedelta(days=1)


def _rowcount(result: Any) -> int:
    """Rows a DML statement touched (CursorResult.rowcount; typed as a plain Result)."""
    return int(getattr(result, "rowcount", 0) or 0)


def prune_auth(session: Session, settings: Settings, *, now: datetime) -> tuple[int, int]:
    """Delete tokens expired more than EXPIRED_TOKEN_GRACE ago and login-throttle rows whose
    window and lockout are over. Commits; returns (tokens, throttle rows) deleted."""
    tokens = _rowcount(
        session.execute(delete(AuthToken).where(AuthToken.expires_at < now - EXPIRED_TOKEN_GRACE))
    )
    throttle = login_throttle.prune(session, settings, now)
    session.commit()
    return tokens, throttle


def refresh(session: Session, settings: Settings, refresh_token: str) -> IssuedTokens:
    """Exchange a refresh token for a new pair (rotation). Reusing an old one revokes the family."""
    now = utcnow()
    row = session.execute(
        select(AuthToken)
        .where(AuthToken.token_hash == token_digest(refresh_token), AuthToken.kind == "refresh")
        .with_for_update()
    ).scalar_one_or_none()
    if row is None or row.revoked_at is not None or row.expires_at <= now:
        raise ApiError(401, "invalid_token", "refresh token invalid, expired or revoked")
    if row.used_at is not None:
        # a rotated token came back: assume theft, end the whole session family
        revoke_family(session, row.family)
        session.commit()
        raise ApiError(401, "invalid_token", "refresh token already used; session revoked")
    user = session.get(User, row.user_id)
    if user is None or not user.active:
        raise ApiError(401, "invalid_token", "user disabled")
    row.used_at = now
    session.execute(
        update(AuthToken)
        .where(AuthToken.family == row.family, AuthToken.kind == "access")
        .where(AuthToken.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    tokens = _issue(session, settings, user, row.family)
    session.commit()
    return tokens


def revoke_family(session: Session, family: str) -> None:
    session.execute(
        update(AuthToken)
        .where(AuthToken.family == family, AuthToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )


def logout(session: Session, access_token_row: AuthToken) -> None:
    """Revoke the access token and every token of its login (family)."""
    revoke_family(session, access_token_row.family)
    session.commit()


def authenticate(session: Session, token: str) -> tuple[User, AuthToken]:
    """Resolve a bearer access token to its user, or raise 401. One query (token + user),
    against the database on every request: a revoked token fails at once."""
    found = session.execute(
        select(AuthToken, User)
        .join(User, User.id == AuthToken.user_id)
        .where(AuthToken.token_hash == token_digest(token), AuthToken.kind == "access")
        .options(lazyload(User.team))  # loaded only by the few routes that use it
    ).first()
    row = found[0] if found is not None else None
    if row is None or row.revoked_at is not None or row.expires_at <= utcnow():
        raise ApiError(
            401,
            "invalid_token",
            "access token invalid, expired or revoked",
            headers={"WWW-Authenticate": "Bearer"},
        )
    user: User = found[1]  # type: ignore[index]
    if not user.active:
        raise ApiError(
            401, "invalid_token", "user disabled", headers={"WWW-Authenticate": "Bearer"}
        )
    return user, row


@dataclass(frozen=True, slots=True)
class TokenUser:
    """The caller as the token check on a Core connection finds it (what scoped read routes
    need; no ORM object)."""

    id: int
    username: str
    role: str
    team_id: int | None


_TOKEN_USER = (
    select(
        AuthToken.revoked_at,
        AuthToken.expires_at,
        User.id,
        User.username,
        User.role,
        User.team_id,
        User.active,
    )
    .join(User, User.id == AuthToken.user_id)
    .where(AuthToken.token_hash == bindparam("digest"), AuthToken.kind == "access")
)


_TOKEN_USER_PG = PgStatement(_TOKEN_USER)


def authenticate_pg(conn: psycopg.Connection[Any], token: str) -> TokenUser:
    """`authenticate` for the PostgreSQL hot read routes: the token and its user in one
    prepared statement on a psycopg connection (no ORM session), the same 401s. Checked
    against the database on every request (revocation and disabling take effect at once)."""
    found = _TOKEN_USER_PG.run(conn, {"digest": token_digest(token)})
    return _token_user(found[0] if found else None)


def _token_user(found: Any) -> TokenUser:
    """The caller of a (revoked_at, expires_at, id, username, role, team_id, active) row,
    or 401."""
    if found is None or found[0] is not None or found[1] <= utcnow():
        raise ApiError(
            401,
            "invalid_token",
            "access token invalid, expired or revoked",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if not found[6]:
        raise ApiError(
            401, "invalid_token", "user disabled", headers={"WWW-Authenticate": "Bearer"}
        )
    return TokenUser(found[2], found[3], found[4], found[5])
