"""Route dependencies: SessionDep, CurrentUser and role checks (scope: app.server.scope)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Annotated, Any, TypeVar

from argon2 import PasswordHasher
from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session, sessionmaker

from app.server.auth import authenticate
from app.server.errors import ApiError
from app.server.models import AuthToken, User
from app.server.settings import Settings

_bearer = HTTPBearer(auto_error=False)
T = TypeVar("T")


async def get_session(request: Request) -> AsyncIterator[Session]:
    """A Session per request. Creating one does no I/O (the connection is taken on first
    use), so this runs on the event loop; closing goes to the threadpool only when the
    route left a transaction open (then closing rolls back on the connection)."""
    factory: sessionmaker[Session] = request.app.state.session_factory
    session = factory()
    try:
        yield session
    finally:
        if session.in_transaction():
            await run_in_threadpool(session.close)
        else:
            session.close()


# Dependencies without I/O are `async def`: FastAPI runs a sync dependency in the
# threadpool, one thread hop (and GIL hand-over) each.
async def get_settings_dep(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_hasher(request: Request) -> PasswordHasher:
    hasher: PasswordHasher = request.app.state.hasher
    return hasher


SessionDep = Annotated[Session, Depends(get_session)]
SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
HasherDep = Annotated[PasswordHasher, Depends(get_hasher)]


def _token(credentials: HTTPAuthorizationCredentials | None) -> str:
    if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials:
        raise ApiError(
            401, "unauthorized", "missing bearer token", headers={"WWW-Authenticate": "Bearer"}
        )
    return credentials.credentials


def get_current_token(
    request: Request,
    session: SessionDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> AuthToken:
    user, row = authenticate(session, _token(credentials))
    # End the read-only auth transaction here: the connection goes back to the pool within
    # this thread hop. Holding it across hops (sync dependencies and the route each run in
    # the threadpool) deadlocks the pool under load: every thread waits for a connection
    # held by requests that wait for a thread. (objects stay loaded: expire_on_commit=False)
    session.commit()
    request.state.user = user
    return row


async def get_current_user(
    request: Request, _token_row: Annotated[AuthToken, Depends(get_current_token)]
) -> User:
    user: User = request.state.user
    return user


async def get_bearer_token(
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> str:
    """The bearer token of the request (401 when there is none); not yet checked."""
    return _token(credentials)


BearerToken = Annotated[str, Depends(get_bearer_token)]


async def bearer_token(request: Request) -> str:
    """`get_bearer_token` outside the dependency system (for route classes)."""
    return _token(await _bearer(request))


async def in_one_hop(
    request: Request, token: str, work: Callable[[Session, User], T], *, read_only: bool = False
) -> T:
    """Check `token` against the database and run `work(session, user)` in ONE threadpool
    hop, with one connection checkout: the hot read routes use this instead of
    `CurrentUser` + `SessionDep` (a hop per sync dependency and one for the route, each a
    thread hand-over and GIL switch). The token is still checked on every request (no
    cache: revocation is immediate); the transaction is ended before the hop returns.
    `read_only` work runs in autocommit (db.make_read_session_factory): no BEGIN/ROLLBACK."""
    state = request.app.state
    factory: sessionmaker[Session] = (
        state.read_session_factory if read_only else state.session_factory
    )

    def run() -> T:
        with factory() as session:
            try:
                user, _row = authenticate(session, token)
                request.state.user = user
                return work(session, user)
            finally:
                if session.in_transaction():
                    session.rollback()

    return await run_in_threadpool(run)


CurrentToken = Annotated[AuthToken, Depends(get_current_token)]
CurrentUser = Annotated[User, Depends(get_current_user)]


def require_role(*roles: str) -> Callable[..., Awaitable[User]]:
    """Dependency factory: the current user must have one of `roles` (else 403 forbidden)."""

    async def check(user: CurrentUser) -> User:
        if user.role not in roles:
            raise ApiError(403, "forbidden", f"requires role {' or '.join(roles)}")
        return user

    return check


LeadUser = Annotated[User, Depends(require_role("team_lead", "admin"))]
AdminUser = Annotated[User, Depends(require_role("admin"))]


def client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"


__all__: list[Any] = [
    "AdminUser",
    "BearerToken",
    "CurrentToken",
    "CurrentUser",
    "HasherDep",
    "LeadUser",
    "SessionDep",
    "SettingsDep",
    "bearer_token",
    "client_ip",
    "in_one_hop",
    "require_role",
]
