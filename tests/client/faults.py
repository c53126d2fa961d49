"""Fault injection between the client and the real server: a requests transport adapter.

`FaultyAdapter` forwards every request to the real server over HTTP and lets a test script
what goes wrong: drop the response after the server handled (committed) it, fail before
sending, answer garbage instead of the server's body, answer a status code, or run a hook
(e.g. restart the server) around a request. Rules are one-shot unless `times` says more.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import requests
from requests.adapters import HTTPAdapter


class KilledMidway(BaseException):
    """Simulates the process dying: not an Exception, so nothing in the client catches it."""


@dataclass
class Rule:
    """When `path` (substring) and `method` match, do `action` (`times` times)."""

    path: str
    action: str  # drop_after | drop_before | garbage | status:<code> | kill_after | hook
    method: str | None = None
    times: int = 1
    hook: Callable[[], None] | None = None
    skip: int = 0  # let this many matching requests through first
    hits: int = 0


class FaultyAdapter(HTTPAdapter):
    """Transport adapter with scripted faults (see module docstring)."""

    def __init__(self) -> None:
        super().__init__()
        self.rules: list[Rule] = []
        self.log: list[tuple[str, str, int | str]] = []
        self._lock = threading.Lock()

    def add(self, path: str, action: str, **kw: Any) -> Rule:
        rule = Rule(path, action, **kw)
        self.rules.append(rule)
        return rule

    def _match(self, request: requests.PreparedRequest) -> Rule | None:
        with self._lock:
            for rule in self.rules:
                if rule.path in (request.path_url or "") and (
                    rule.method is None or rule.method == request.method
                ):
                    if rule.skip > 0:
                        rule.skip -= 1
                        return None
                    if rule.hits < rule.times:
                        rule.hits += 1
                        return rule
        return None

    def send(self, request: requests.PreparedRequest, *args: Any, **kw: Any) -> requests.Response:
        rule = self._match(request)
        path = request.path_url or ""
        if rule is None:
            resp = super().send(request, *args, **kw)
            self.log.append((str(request.method), path, resp.status_code))
            return resp
        self.log.append((str(request.method), path, rule.action))
        if rule.action == "drop_before":
            raise requests.ConnectionError("injected: connection refused")
        if rule.action == "hook":
            assert rule.hook is not None
            rule.hook()
            return super().send(request, *args, **kw)
        if rule.action == "garbage_only":  # no server needed
            return _fake(request, 200, b"<html>proxy error \x00\xff garbage")
        if rule.action.startswith("status:"):
            return _fake(
                request,
                int(rule.action.split(":")[1]),
                b'{"error": {"code": "injected", "message": "injected", "details": {}}}',
            )
        resp = super().send(request, *args, **kw)  # the server handles and commits it
        _ = resp.content
        if rule.action == "drop_after":
            if rule.hook is not None:
                rule.hook()  # e.g. the server goes down right after committing
            raise requests.ConnectionError("injected: connection reset after the server answered")
        if rule.action == "kill_after":
            raise KilledMidway()
        if rule.action == "garbage":
            return _fake(request, 200, b"<html>proxy error \x00\xff garbage")
        raise AssertionError(f"unknown action {rule.action}")


def _fake(request: requests.PreparedRequest, status: int, body: bytes) -> requests.Response:
    resp = requests.Response()
    resp.status_code = status
    resp._content = body
    resp.headers["Content-Type"] = "application/json"
    resp.url = request.url or ""
    resp.request = request
    return resp


def install(session: requests.Session) -> FaultyAdapter:
    """Mount a FaultyAdapter for http:// on a requests.Session and return it."""
    adapter = FaultyAdapter()
    session.mount("http://", adapter)
    return adapter
