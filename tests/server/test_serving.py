"""The API as it is really served: `main.py serve` in its own process and the embedded
server (uvicorn in a thread), over real sockets. What only the server process decides is
tested here: whose address a request comes from (X-Forwarded-For is trusted only from
`--forwarded-allow-ips`) and what the access log writes."""

from __future__ import annotations

import logging
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, quote_plus

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


# --- the access log ----------------------------------------------------------------------

NAME = "欧阳娜娜"
PHONE = "13812345678"


def _requests_with_personal_data(url: str, token: str, case_id: str, phone_id: str) -> None:
    """Requests whose raw path or query string would carry a name, phone digits or ids."""
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=url, headers=headers, timeout=30) as client:
        assert client.get("/worklist", params={"search": NAME}).status_code == 200
        assert client.get("/worklist", params={"search": PHONE}).status_code == 200
        assert client.get(f"/cases/{case_id}").status_code == 200
        check = client.get(f"/cases/{case_id}/contact-check", params={"phone_id": phone_id})
        assert check.status_code == 200
        assert client.get(f"/cases/{NAME}{PHONE}").status_code in (404, 422)
        assert client.get(f"/no-such-route/{NAME}/{PHONE}").status_code == 404


def _assert_no_personal_data(lines: str, case_id: str, phone_id: str) -> None:
    for secret in (NAME, quote(NAME), quote_plus(NAME), PHONE, PHONE[-4:], case_id, phone_id):
        assert secret not in lines, f"{secret!r} in the access log:\n{lines}"


def _seed(
    make_user: Callable[..., User], make_case: Callable[..., Any], login: Callable[..., Any]
) -> tuple[str, str, str]:
    agent = make_user()
    seeded = make_case(agent, borrower_name=NAME)
    return login(agent)["access_token"], seeded.case_id, seeded.phone_ids[0]


def test_the_access_log_of_serve_names_routes_not_personal_data(
    serve: Callable[..., Served],
    make_user: Callable[..., User],
    make_case: Callable[..., Any],
    login: Callable[..., Any],
) -> None:
    token, case_id, phone_id = _seed(make_user, make_case, login)
    server = serve()
    _requests_with_personal_data(server.url, token, case_id, phone_id)
    output = server.stop()
    access = "\n".join(line for line in output.splitlines() if '"GET ' in line)
    assert '"GET /worklist" 200' in access
    assert '"GET /cases/{case_id}" 200' in access
    assert '"GET /cases/{case_id}/contact-check" 200' in access
    assert '"GET <unmatched>" 404' in access
    _assert_no_personal_data(output, case_id, phone_id)


def test_the_access_log_of_the_embedded_server_names_routes_not_personal_data(
    db_url: str,
    make_user: Callable[..., User],
    make_case: Callable[..., Any],
    login: Callable[..., Any],
    caplog: pytest.LogCaptureFixture,
) -> None:
    token, case_id, phone_id = _seed(make_user, make_case, login)
    caplog.set_level(logging.INFO, logger="app.server.access")
    server = start_embedded_server(db_url, migrate=False, settings=Settings(**FAST_ARGON2))  # type: ignore[arg-type]
    try:
        _requests_with_personal_data(server.url, token, case_id, phone_id)
    finally:
        server.stop()
    lines = "\n".join(
        r.getMessage() for r in caplog.records if r.name.startswith(("app.server", "uvicorn"))
    )
    assert '"GET /worklist" 200' in lines
    assert '"GET /cases/{case_id}" 200' in lines
    _assert_no_personal_data(lines, case_id, phone_id)
