"""The API as it is really served: `main.py serve` in its own process and the embedded
server (uvicorn in a thread), over real sockets. What only the server process decides is
tested here: whose address a request comes from (X-Forwarded-For is trusted only from
`--forwarded-allow-ips`) and what the access log writes."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.server.embedded import start_embedded_server
from app.server.models import LoginThrottle, User
from app.server.settings import Settings
from tests.server.conftest import FAST_ARGON2

ROOT = Path(__file__).resolve().parents[2]
FORGED_LOGINS = 10


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Served:
    """A `main.py serve` process; its stdout + stderr go to `log`."""

    def __init__(self, db_url: str, log: Path, *extra: str) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        env = {
            **os.environ,
            **{f"COLLECTION_DESK_{k.upper()}": str(v) for k, v in FAST_ARGON2.items()},
        }
        self._out = log.open("wb")
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "main.py",
                "serve",
                "--port",
                str(self.port),
                *self._db(db_url),
                *extra,
            ],
            cwd=ROOT,
            env=env,
            stdout=self._out,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"serve exited: {log.read_text(errors='replace')}")
            try:
                if httpx.get(f"{self.url}/health", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"serve did not start: {log.read_text(errors='replace')}")
            time.sleep(0.1)

    @staticmethod
    def _db(url: str) -> list[str]:
        return ["--database-url", url]

    def stop(self) -> str:
        """Stop the server (as Ctrl+C does) and return everything it wrote."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._out.close()
        return self.log.read_text(encoding="utf-8", errors="replace")


@pytest.fixture
def serve(db_url: str, tmp_path: Path) -> Iterator[Callable[..., Served]]:
    """serve(*extra_args) -> a running `main.py serve` on the test database."""
    started: list[Served] = []

    def start(*extra: str) -> Served:
        served = Served(db_url, tmp_path / f"serve-{len(started)}.log", *extra)
        started.append(served)
        return served

    yield start
    for served in started:
        served.stop()


def _forged_logins(url: str, username: str, password: str) -> list[int]:
    """FORGED_LOGINS logins, each claiming another client address in X-Forwarded-For."""
    codes = []
    with httpx.Client(base_url=url, timeout=30) as client:
        for i in range(FORGED_LOGINS):
            resp = client.post(
                "/auth/token",
                json={"username": username, "password": password},
                headers={"X-Forwarded-For": f"203.0.113.{i + 1}"},
            )
            codes.append(resp.status_code)
    return codes


def _throttle_keys(session_factory: sessionmaker[Session]) -> set[str]:
    with session_factory() as session:
        return set(session.scalars(select(LoginThrottle.key)))


def test_serve_ignores_a_forged_forwarded_for(
    serve: Callable[..., Served], make_user: Callable[..., User]
) -> None:
    """uvicorn trusts X-Forwarded-For from 127.0.0.1 by default: without --forwarded-allow-ips
    every forged address was a new client and the throttle never locked."""
    user = make_user()
    server = serve()
    assert _forged_logins(server.url, user.username, "wrong") == [401] * 5 + [429] * 5
    # locked: the right password too
    resp = httpx.post(
        f"{server.url}/auth/token",
        json={"username": user.username, "password": user.clear_password},
        headers={"X-Forwarded-For": "198.51.100.7"},
    )
    assert resp.status_code == 429


def test_serve_trusts_forwarded_for_only_from_the_configured_proxies(
    serve: Callable[..., Served],
    make_user: Callable[..., User],
    session_factory: sessionmaker[Session],
) -> None:
    user = make_user()
    server = serve("--forwarded-allow-ips", "127.0.0.1")
    # behind a trusted proxy each forwarded address is a client of its own
    assert _forged_logins(server.url, user.username, "wrong") == [401] * FORGED_LOGINS
    keys = _throttle_keys(session_factory)
    assert any(k.endswith("|203.0.113.1") for k in keys)
    assert not any(k.endswith("127.0.0.1") for k in keys)


def test_the_embedded_server_ignores_a_forged_forwarded_for(
    db_url: str, make_user: Callable[..., User]
) -> None:
    user = make_user()
    server = start_embedded_server(db_url, migrate=False, settings=Settings(**FAST_ARGON2))  # type: ignore[arg-type]
    try:
        assert _forged_logins(server.url, user.username, "wrong") == [401] * 5 + [429] * 5
    finally:
        server.stop()
