"""`main.py serve --workers 2` (#18 point 9): two real uvicorn worker processes on one
port, the schema checked before they start, and /metrics summed over both workers whichever
one answers the scrape; JSON log lines on request."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from app.server.migrate import upgrade

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_up(base: str, proc: subprocess.Popen[bytes]) -> None:
    for _ in range(300):
        if proc.poll() is not None:
            raise AssertionError(f"serve exited with {proc.returncode}")
        try:
            if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise AssertionError("serve did not come up")


def _requests_total(page: str, route: str) -> float:
    return sum(
        float(line.rsplit(" ", 1)[1])
        for line in page.splitlines()
        if line.startswith("collection_desk_http_requests_total{") and f'route="{route}"' in line
    )


@pytest.mark.slow
def test_two_workers_serve_and_sum_their_metrics(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'server.db'}"
    upgrade(url)
    port = _free_port()
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "metrics")}
    (tmp_path / "metrics").mkdir()
    log = (tmp_path / "serve.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "serve", "--workers", "2", "--port", str(port),
         "--database-url", url, "--json-logs"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_up(base, proc)
        for _ in range(40):  # a new connection each time: the kernel spreads them
            with httpx.Client() as c:
                assert c.get(f"{base}/health").status_code == 200
        totals = set()
        for _ in range(6):
            with httpx.Client() as c:
                totals.add(_requests_total(c.get(f"{base}/metrics").text, "/health"))
        # every scrape, from either worker, counts every /health request of both
        assert min(totals) >= 40
    finally:
        proc.terminate()
        proc.wait(20)
        log.close()
    text = (tmp_path / "serve.log").read_text("utf-8")
    workers = {json.loads(line)["message"] for line in text.splitlines() if line.startswith("{")}
    started = [m for m in workers if m.startswith("Started server process")]
    assert len(started) >= 2  # two worker processes, each logging in JSON


def test_workers_refuse_an_unmigrated_database(tmp_path: Path) -> None:
    from main import main

    url = f"sqlite:///{tmp_path / 'empty.db'}"
    assert main(["serve", "--workers", "2", "--database-url", url]) == 2
    assert main(["serve", "--workers", "0", "--database-url", url]) == 2
