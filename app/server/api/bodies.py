"""Request bodies read on the API's terms, for routes whose bodies may be large.

FastAPI reads (and parses) a route's whole body before it solves any dependency, the token
check included: an anonymous caller could make the server buffer and parse a body of any
size. `AuthFirstRoute` reverses the order for its routes:

1. the bearer token is checked against the database (401, nothing of the body read);
2. the body is read up to `Settings.push_max_body_bytes` (413 `payload_too_large` with the
   standard error shape as soon as the declared length or the bytes received pass it);
3. FastAPI parses and validates the bytes read, as for any route.

The route then takes its caller from `AuthenticatedCaller` (no second token check).
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from fastapi import Depends, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.routing import APIRoute
from sqlalchemy.orm import Session, sessionmaker
from starlette.types import Message

from app.server.api.deps import BearerToken, bearer_token
from app.server.auth import authenticate
from app.server.errors import ApiError
from app.server.models import User


def payload_too_large(cap: int) -> ApiError:
    return ApiError(
        413,
        "payload_too_large",
        f"the request body is larger than {cap} bytes; send fewer ops per push",
        {"max_bytes": cap},
    )


async def read_capped(request: Request, cap: int) -> bytes:
    """The whole body, or 413 once the declared length or the bytes received exceed `cap`
    (a declared length over the cap is refused without reading anything)."""
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            if int(declared) > cap:
                raise payload_too_large(cap)
        except ValueError:
            raise ApiError(400, "bad_request", "invalid Content-Length header") from None
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > cap:
            raise payload_too_large(cap)
        chunks.append(chunk)
    return b"".join(chunks)


def with_body(request: Request, body: bytes) -> Request:
    """A Request over the same scope that yields `body` (already read) as its body."""
    delivered = False

    async def receive() -> Message:
        nonlocal delivered
        if not delivered:
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await request.receive()  # after the body: wait for the disconnect

    return Request(request.scope, receive)


async def authenticate_request(request: Request) -> User:
    """Check the request's bearer token (the same 401s as CurrentUser) without touching its
    body; the caller is left in `request.state.user`."""
    token = await bearer_token(request)
    factory: sessionmaker[Session] = request.app.state.session_factory

    def check() -> User:
        with factory() as session:
            user, _row = authenticate(session, token)
            session.commit()  # ends the read-only transaction; objects stay loaded
            return user

    user = await run_in_threadpool(check)
    request.state.user = user
    return user


class AuthFirstRoute(APIRoute):
    """A route whose caller is authenticated before its body is read, and whose body is
    capped at `push_max_body_bytes` before it is parsed (see the module docstring)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        if self.body_field is None:
            return handler

        async def authenticated_first(request: Request) -> Response:
            await authenticate_request(request)
            cap: int = request.app.state.settings.push_max_body_bytes
            body = await read_capped(request, cap)
            return await handler(with_body(request, body))

        return authenticated_first


async def _authenticated_caller(request: Request, _token: BearerToken) -> User:
    # `_token` declares the bearer scheme in the OpenAPI document; the check itself was
    # done by AuthFirstRoute before the body was read (a route without a body checks here)
    user: User | None = getattr(request.state, "user", None)
    return user if user is not None else await authenticate_request(request)


AuthenticatedCaller = Annotated[User, Depends(_authenticated_caller)]
