"""Shared set-up for the client benchmarks (not a benchmark itself).

Builds (once, cached under $COLLECTION_DESK_BENCH_DIR or /tmp/cd_bench) a SQLite server
database with the demo book (`seed_demo`), gives every open case to one agent
("bench-agent", so the agent holds the whole delinquent book: ~20,000 cases with the
200,000-loan book), runs the central API in a separate process (uvicorn) and signs in.
"""

from __future__ import annotations

import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BENCH_DIR = Path(os.environ.get("COLLECTION_DESK_BENCH_DIR", "/tmp/cd_bench"))
AGENT = "bench-agent"
PASSWORD = "bench-pass-123"


def book_db(loans: int) -> Path:
    """Path of a server DB with the demo book of `loans` loans, all open cases on AGENT."""
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    ready = BENCH_DIR / f"client_bench_{loans}.db"
    if ready.exists():
        return ready
    # build in a child process so the benchmark's own memory figures stay clean
    subprocess.run([sys.executable, __file__, str(loans)], check=True, cwd=ROOT)
    return ready


def _build(loans: int) -> Path:
    ready = BENCH_DIR / f"client_bench_{loans}.db"
    base = BENCH_DIR / f"demo{loans // 1000}k.db" if loans % 1000 == 0 else None
    work = ready.with_suffix(".building")
    if base is not None and base.exists():
        print(f"copying the demo book {base} ...", flush=True)
        shutil.copyfile(base, work)
    else:
        _seed(work, loans)
    _give_everything_to_agent(work)
    work.rename(ready)
    return ready


def _seed(path: Path, loans: int) -> None:
    from app.server.db import make_engine
    from app.server.demo.seed import seed_demo
    from app.server.migrate import upgrade

    if path.exists():
        path.unlink()
    url = f"sqlite:///{path}"
    upgrade(url)
    engine = make_engine(url)
    t0 = time.perf_counter()
    print(f"seeding the demo book ({loans} loans) ...", flush=True)
    seed_demo(engine, loans=loans)
    print(f"  seeded in {time.perf_counter() - t0:.0f}s", flush=True)
    engine.dispose()


def _give_everything_to_agent(path: Path) -> None:
    from sqlalchemy import select, text

    from app.server.db import make_engine
    from app.server.models import Case, Team, User
    from app.server.passwords import hash_password, make_hasher
    from app.server.settings import Settings

    engine = make_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        team_id = conn.execute(select(Team.id).order_by(Team.id)).scalars().first()
        hasher = make_hasher(Settings())
        conn.execute(
            User.__table__.insert().values(
                username=AGENT,
                display_name="压测坐席",
                role="agent",
                team_id=team_id,
                password_hash=hash_password(hasher, PASSWORD),
                active=True,
            )
        )
        uid = conn.execute(select(User.id).where(User.username == AGENT)).scalar_one()
        conn.execute(
            Case.__table__.update()
            .where(Case.status != "closed")
            .values(assigned_to_id=uid, team_id=team_id)
        )
        n = conn.execute(
            text("SELECT count(*) FROM cases WHERE assigned_to_id=:u"), {"u": uid}
        ).scalar_one()
    print(f"  {AGENT} now holds {n} cases", flush=True)
    engine.dispose()


class ServerProcess:
    """The central API in its own process (so client and server do not share a GIL)."""

    def __init__(self, db: Path) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = int(s.getsockname()[1])
        self.url = f"http://127.0.0.1:{self.port}"
        code = (
            "import uvicorn\n"
            "from app.server.app_factory import create_app\n"
            "from app.server.settings import Settings\n"
            f"app = create_app(Settings(database_url='sqlite:///{db}'))\n"
            f"uvicorn.run(app, host='127.0.0.1', port={self.port}, log_level='warning',"
            " access_log=False)\n"
        )
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env=env)
        import requests

        deadline = time.monotonic() + 60
        while True:
            try:
                requests.get(self.url + "/health", timeout=1)
                break
            except requests.RequestException:
                if time.monotonic() > deadline or self.proc.poll() is not None:
                    raise RuntimeError("server did not start") from None
                time.sleep(0.2)

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=20)


def fresh_desk_dir(name: str) -> Path:
    d = BENCH_DIR / name
    shutil.rmtree(d, ignore_errors=True)
    d.mkdir(parents=True)
    return d


def use_memory_keyring() -> None:
    """No OS keyring on the bench machine: keep the refresh token and the stores' keys in
    a JSON file under BENCH_DIR (so the benchmark processes share the encrypted stores'
    keys; a bench stand-in for the OS keyring, never used by the desk itself)."""
    import json

    import keyring
    from keyring.backend import KeyringBackend

    file = BENCH_DIR / "bench_keyring.json"

    class _File(KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def _load(self) -> dict[str, str]:
            data: dict[str, str] = json.loads(file.read_text()) if file.exists() else {}
            return data

        def get_password(self, s: str, u: str) -> str | None:
            return self._load().get(f"{s}|{u}")

        def set_password(self, s: str, u: str, p: str) -> None:
            data = self._load()
            data[f"{s}|{u}"] = p
            BENCH_DIR.mkdir(parents=True, exist_ok=True)
            file.write_text(json.dumps(data))

        def delete_password(self, s: str, u: str) -> None:
            data = self._load()
            data.pop(f"{s}|{u}", None)
            file.write_text(json.dumps(data))

    keyring.set_keyring(_File())


def copy_store(src: Path, dst: Path) -> None:
    """Copy an encrypted desk store (checkpointed first) and give the copy the same key
    under its own name in the bench keyring."""
    import shutil

    import keyring

    from app.client.store import cipher, keys

    key = keys.store_key(src)
    conn = cipher.connect(src, key, isolation_level=None)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dst)
    keyring.set_password(keys.SERVICE, dst.name, key.hex())


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def describe(label: str, seconds: list[float], target_ms: float | None = None) -> str:
    ms = [s * 1000 for s in seconds]
    line = (
        f"{label}: median {statistics.median(ms):.1f} ms, p95 {pct(ms, 0.95):.1f} ms, "
        f"max {max(ms):.1f} ms (n={len(ms)})"
    )
    if target_ms is not None:
        line += f"  target < {target_ms:g} ms"
    return line


if __name__ == "__main__":
    _build(int(sys.argv[1]))
