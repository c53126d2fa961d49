"""POST /sync/push checks the token before it reads a byte of the body, and refuses a body
over `push_max_body_bytes` (413, the standard error shape) before parsing it: neither an
anonymous caller nor a signed-in one can make the server buffer and parse an unbounded body.

The ASGI tests drive the app through its ASGI interface with a `receive` that counts (and
bounds) what the app reads; the socket test sends a request whose body never arrives.
"""

from __future__ import annotations

import asyncio
import json
import socket
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import Engine

from app.server.app_factory import create_app
from app.server.embedded import start_embedded_server
from app.server.models import User
from app.server.settings import Settings
from tests.server.conftest import FAST_ARGON2, SmallBook
from tests.server.sync_helpers import note_op

CAP = 256 * 1024
CHUNK = 64 * 1024


class ReadTooMuch(AssertionError):
    """The app asked for more of the body than the test allows."""


def _asgi_post(
    app: FastAPI,
    path: str,
    headers: dict[str, str],
    chunks: Iterator[bytes],
    *,
    may_read: int,
) -> tuple[int, dict[str, Any], int]:
    """POST through the ASGI interface: (status, JSON answer, body bytes the app read).
    Reading more than `may_read` bytes raises ReadTooMuch inside the app."""
    read = 0
    pending = next(chunks, None)
    status = 0
    answer = bytearray()

    async def receive() -> dict[str, Any]:
        nonlocal read, pending
        if pending is None:
            return {"type": "http.request", "body": b"", "more_body": False}
        chunk, pending = pending, next(chunks, None)
        read += len(chunk)
        if read > may_read:
            raise ReadTooMuch(f"the app read {read} bytes of the body (allowed {may_read})")
        return {"type": "http.request", "body": chunk, "more_body": pending is not None}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            answer.extend(message.get("body", b""))

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
        "state": {},
    }
    asyncio.run(app(scope, receive, send))  # type: ignore[arg-type]
    return status, json.loads(answer or b"{}"), read


def _garbage(total: int) -> Iterator[bytes]:
    sent = 0
    while sent < total:
        yield b"x" * CHUNK
        sent += CHUNK


@pytest.fixture
def capped_app(settings: Settings, engine: Engine) -> FastAPI:
    return create_app(settings.model_copy(update={"push_max_body_bytes": CAP}), engine=engine)


HUGE = 64 * 1024 * 1024


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "chunked"])
def test_an_anonymous_push_is_refused_before_its_body_is_read(
    capped_app: FastAPI, declared: bool
) -> None:
    for auth in ({}, {"Authorization": "Bearer not-a-token"}):
        headers = {"Content-Type": "application/json", **auth}
        if declared:
            headers["Content-Length"] = str(HUGE)
        status, answer, read = _asgi_post(
            capped_app, "/sync/push", headers, _garbage(HUGE), may_read=0
        )
        assert status == 401 and read == 0
        assert answer["error"]["code"] in ("unauthorized", "invalid_token")


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "chunked"])
def test_a_body_over_the_cap_is_refused_before_parsing(
    capped_app: FastAPI,
    small_book: SmallBook,
    auth_headers: Callable[[User], dict[str, str]],
    declared: bool,
) -> None:
    headers = {"Content-Type": "application/json", **auth_headers(small_book.admin)}
    if declared:
        headers["Content-Length"] = str(HUGE)
    status, answer, read = _asgi_post(
        capped_app, "/sync/push", headers, _garbage(HUGE), may_read=CAP + CHUNK
    )
    assert status == 413
    assert answer["error"]["code"] == "payload_too_large"
    assert answer["error"]["details"] == {"max_bytes": CAP}
    # a declared length over the cap is refused without reading; a stream stops at the cap
    assert read == 0 if declared else read <= CAP + CHUNK


def test_a_batch_under_the_cap_is_applied(
    capped_app: FastAPI,
    small_book: SmallBook,
    auth_headers: Callable[[User], dict[str, str]],
) -> None:
    agent = small_book.agents["team-a"][0]
    case_id = small_book.cases[agent.username][0].case_id
    body = json.dumps({"ops": [note_op(case_id, "备注" * 1000) for _ in range(20)]}).encode()
    assert CAP // 2 < len(body) <= CAP
    headers = {"Content-Type": "application/json", **auth_headers(agent)}
    status, answer, _read = _asgi_post(
        capped_app, "/sync/push", headers, iter([body]), may_read=len(body)
    )
    assert status == 200, answer
    assert [r["status"] for r in answer["results"]] == ["applied"] * 20
    over = json.dumps({"ops": [note_op(case_id, "备注" * 1000) for _ in range(40)]}).encode()
    status, answer, _read = _asgi_post(
        capped_app, "/sync/push", headers, iter([over]), may_read=len(over)
    )
    assert status == 413 and answer["error"]["code"] == "payload_too_large"


def test_the_default_cap_is_set(settings: Settings) -> None:
    """Over the wire a full batch of short notes fits many times; anything fits one op."""
    assert 1024 * 1024 <= settings.push_max_body_bytes <= 64 * 1024 * 1024


def test_over_a_socket_an_anonymous_push_is_answered_without_waiting_for_its_body(
    db_url: str,
) -> None:
    """Headers announce 100 MB, the body never comes: the answer (401) must not wait for it."""
    server = start_embedded_server(db_url, migrate=False, settings=Settings(**FAST_ARGON2))  # type: ignore[arg-type]
    try:
        with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
            sock.sendall(
                b"POST /sync/push HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                b'Content-Length: 100000000\r\n\r\n{"ops": ['
            )
            started = time.monotonic()
            answer = sock.recv(65536)
        assert answer.startswith(b"HTTP/1.1 401"), answer[:200]
        assert b'"error"' in answer
        assert time.monotonic() - started < 10
    finally:
        server.stop()
