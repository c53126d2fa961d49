"""Shared helpers of the API benchmarks: run the API in a uvicorn subprocess (one worker) and
drive it from loopback with `wrk` (Debian package) or, without it, a small asyncio httpx
client. Prints requests/s and latency percentiles; never used by tests.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc), for CPU-ms per request."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass
class Server:
    """A running API subprocess."""

    url: str
    pid: int


@contextmanager
def uvicorn_server(database_url: str) -> Iterator[Server]:
    """Run the API (one uvicorn worker, no access log) on a free loopback port."""
    port = free_port()
    env = {**os.environ, "COLLECTION_DESK_DATABASE_URL": database_url, "PYTHONPATH": str(ROOT)}
    cmd = [
        sys.executable, "-m", "uvicorn", "app.server.app_factory:create_app", "--factory",
        "--host", "127.0.0.1", "--port", str(port), "--workers", "1",
        "--no-access-log", "--log-level", "warning",
    ]  # fmt: skip
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the API did not start")
            time.sleep(0.3)
        yield Server(url, proc.pid)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def login(url: str, username: str, password: str) -> str:
    resp = httpx.post(
        f"{url}/auth/token", json={"username": username, "password": password}, timeout=30
    )
    resp.raise_for_status()
    return str(resp.json()["access_token"])


@dataclass
class LoadResult:
    """What one load run measured."""

    requests: int
    errors: int
    seconds: float
    rps: float
    p50_ms: float
    p99_ms: float
    tool: str
    server_cpu_ms: float = 0.0  # server CPU time per request

    def line(self, label: str) -> str:
        return (
            f"{label:<28} {self.rps:6.0f} req/s  p50 {self.p50_ms:6.1f} ms  "
            f"p99 {self.p99_ms:6.1f} ms  server CPU {self.server_cpu_ms:4.2f} ms/req  "
            f"({self.requests:,} requests, {self.errors} errors, {self.seconds:.0f}s, {self.tool})"
        )


_LUA = """
local reqs = {%s}
local i = 0
request = function()
  i = i + 1
  local r = reqs[(i %% #reqs) + 1]
  return wrk.format("GET", r[1], {["Authorization"] = "Bearer " .. r[2]})
end
done = function(summary, latency, requests)
  io.write(string.format("CD p50=%%f p99=%%f n=%%d\\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.requests))
end
"""


def _wrk(url: str, targets: list[tuple[str, str]], connections: int, seconds: int) -> LoadResult:
    entries = ",".join(f'{{"{path}","{token}"}}' for path, token in targets)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as fh:
        fh.write(_LUA % entries)
        script = fh.name
    try:
        out = subprocess.run(
            ["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", script, url],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
    finally:
        os.unlink(script)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    m = re.search(r"CD p50=([\d.]+) p99=([\d.]+) n=(\d+)", out)
    assert m is not None, out
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = int(non2xx.group(1)) if non2xx else 0
    sock = re.search(r"Socket errors:.*", out)
    if sock:
        errors += sum(int(x) for x in re.findall(r"\d+", sock.group(0)))
    return LoadResult(int(m.group(3)), errors, seconds, rps, float(m.group(1)),
                      float(m.group(2)), "wrk")  # fmt: skip


async def _httpx_load(
    url: str, targets: list[tuple[str, str]], connections: int, seconds: int
) -> LoadResult:
    latencies: list[float] = []
    errors = 0
    stop = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=30) as client:

        async def worker(k: int) -> None:
            nonlocal errors
            i = k
            while time.perf_counter() < stop:
                path, token = targets[i % len(targets)]
                i += connections
                t0 = time.perf_counter()
                resp = await client.get(path, headers={"Authorization": f"Bearer {token}"})
                latencies.append(time.perf_counter() - t0)
                if resp.status_code != 200:
                    errors += 1

        t0 = time.perf_counter()
        await asyncio.gather(*(worker(k) for k in range(connections)))
        took = time.perf_counter() - t0
    latencies.sort()
    n = len(latencies)
    return LoadResult(n, errors, took, n / took, latencies[n // 2] * 1000,
                      latencies[min(n - 1, int(n * 0.99))] * 1000, "httpx")  # fmt: skip


def run_load(
    server: Server, targets: list[tuple[str, str]], *, connections: int = 50, seconds: int = 15
) -> LoadResult:
    """GET each (path, token) round-robin from `connections` concurrent clients."""
    cpu0 = cpu_seconds(server.pid)
    if shutil.which("wrk"):
        result = _wrk(server.url, targets, connections, seconds)
    else:
        result = asyncio.run(_httpx_load(server.url, targets, connections, seconds))
    result.server_cpu_ms = (cpu_seconds(server.pid) - cpu0) * 1000 / max(result.requests, 1)
    return result
