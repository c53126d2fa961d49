"""The API's access log: one line per request that names the route TEMPLATE, never the raw
path or the query string.

A raw path or query string carries personal data: `GET /worklist?search=张伟` or a phone
number's digits, ids in paths. uvicorn's own access log writes both, so it is always off
(`serving.uvicorn_config`); this middleware writes instead, on the logger
`app.server.access` at INFO:

    127.0.0.1 "GET /cases/{case_id}" 200 3.1 ms

A request no route matches logs `<unmatched>` as its path. The client address is the
socket's peer (or the trusted proxy's X-Forwarded-For, see serving.py).
"""

from __future__ import annotations

import logging
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("app.server.access")

UNMATCHED = "<unmatched>"


def route_template(scope: Scope) -> str:
    """The path template of the route that handled the request (after routing)."""
    route = scope.get("route")
    template = getattr(route, "path_format", None) or getattr(route, "path", None)
    return template if isinstance(template, str) and template else UNMATCHED


class AccessLogMiddleware:
    """Pure ASGI middleware (no per-request task or body copy): times the request, keeps the
    status the app sends, logs the line after the response and, with `metrics`, counts it
    in app.server.metrics (by the same route template)."""

    def __init__(self, app: ASGIApp, metrics: bool = False) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        logging_on = log.isEnabledFor(logging.INFO)
        if scope["type"] != "http" or not (logging_on or self.metrics):
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500  # an exception escaping the app becomes a 500 outside this middleware

        async def send_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        finally:
            seconds = time.perf_counter() - started
            template = route_template(scope)
            if self.metrics:
                from app.server.metrics import observe_request

                observe_request(scope["method"], template, status, seconds)
            if logging_on:
                client = scope.get("client")
                log.info(
                    '%s "%s %s" %d %.1f ms',
                    client[0] if client else "-",
                    scope["method"],
                    template,
                    status,
                    seconds * 1000,
                )
