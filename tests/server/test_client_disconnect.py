"""A client that drops the connection while the server reads its request body (issue 18
point 4): one INFO line and a 499 in the access log, no traceback, no 500, nothing escaping
the app — on the capped body reader of POST /sync/push and on FastAPI's own body reading.

The ASGI app is driven directly: `receive()` hands over the first part of the body, then
`http.disconnect`, as a server does when the client goes away mid-body."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

import pytest
from fastapi import FastAPI
from starlette.types import Message

from app.server.models import User
from tests.server.conftest import SmallBook


def _drive(app: FastAPI, path: str, headers: dict[str, str], first_part: bytes) -> list[Message]:
    """POST `path` announcing a body longer than `first_part`; the client goes away after
    sending it. Returns what the app sent (it must not raise)."""
    scope: dict[str, Any] = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [
            (b"host", b"testserver"),
            (b"content-type", b"application/json"),
            (b"content-length", str(len(first_part) * 4).encode()),
            *((k.lower().encode(), v.encode()) for k, v in headers.items()),
        ],
        "client": ("198.51.100.7", 40000),
        "server": ("testserver", 80),
        "app": app,
        "state": {},
    }
    incoming: list[Message] = [
        {"type": "http.request", "body": first_part, "more_body": True},
        {"type": "http.disconnect"},
    ]
    sent: list[Message] = []

    async def receive() -> Message:
        if incoming:
            return incoming.pop(0)
        await asyncio.sleep(3600)  # a server never answers twice; not reached
        raise AssertionError("receive() called after the disconnect")

    async def send(message: Message) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    return sent


def _check_logs(caplog: pytest.LogCaptureFixture, template: str) -> None:
    records = caplog.records
    assert not [r for r in records if r.exc_info or r.levelno >= logging.WARNING], [
        (r.name, r.levelname, r.getMessage()) for r in records
    ]
    said = [r for r in records if "disconnected" in r.getMessage()]
    assert len(said) == 1 and said[0].levelno == logging.INFO, [r.getMessage() for r in said]
    assert template in said[0].getMessage()
    access = [r.getMessage() for r in records if r.name == "app.server.access"]
    assert len(access) == 1 and f'"POST {template}" 499' in access[0], access


@pytest.mark.parametrize("route", ["/sync/push", "/cases/{case_id}/notes", "/auth/token"])
def test_a_client_gone_mid_body_is_one_info_line_not_a_500(
    app: FastAPI,
    client: object,  # runs the app's lifespan
    small_book: SmallBook,
    auth_headers: Callable[[User], dict[str, str]],
    caplog: pytest.LogCaptureFixture,
    route: str,
) -> None:
    agent = small_book.agents["team-a"][0]
    case_id = small_book.cases[agent.username][0].case_id
    headers = auth_headers(agent)
    caplog.clear()
    caplog.set_level(logging.INFO)
    sent = _drive(app, route.format(case_id=case_id), headers, b'{"ops": [{"op_id": "')
    starts = [m for m in sent if m["type"] == "http.response.start"]
    assert [m["status"] for m in starts] == [499]
    _check_logs(caplog, route)
