"""Push 1,000 notes to a running API: in batches (POST /sync/push with up to 500 ops) versus
one request per note. Target: batches >= 10x faster. A batch is one transaction with a
SAVEPOINT per op (each op atomic on its own, recorded for idempotency), one change seq and
one durable COMMIT; a single-op request is a batch of one.

    uv run python bench/bench_push_notes.py                  # embedded SQLite (temp file)
    COLLECTION_DESK_BENCH_PG_URL=postgresql+psycopg://postgres@127.0.0.1:5432/postgres \
        uv run python bench/bench_push_notes.py              # on a fresh PostgreSQL database
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.server.db import make_engine, make_session_factory, normalize_url
from app.server.migrate import upgrade
from app.server.models import User
from app.server.passwords import hash_password, make_hasher
from app.server.settings import Settings
from tests.server.conftest import get_or_create_team, seed_case

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_api_common import uvicorn_server

ROOT = Path(__file__).resolve().parents[1]
NOTES = 1000
BATCH = 500


def _ops(case_id: str, n: int) -> list[dict[str, object]]:
    now = datetime.now(UTC).isoformat()
    return [
        {
            "op_id": str(uuid.uuid4()),
            "kind": "note.create",
            "case_id": case_id,
            "entity_id": str(uuid.uuid4()),
            "payload": {"text": f"bench note {i} 客户承诺下周还款", "created_at": now},
        }
        for i in range(n)
    ]


def _prepare(url: str) -> str:
    upgrade(url)
    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        team = get_or_create_team(session, "bench")
        user = User(
            username="bench",
            display_name="bench",
            role="agent",
            team_id=team.id,
            password_hash=hash_password(make_hasher(Settings()), "bench-password"),
        )
        session.add(user)
        session.flush()
        case_id = seed_case(session, agent=user).case_id
        session.commit()
    engine.dispose()
    return case_id


ROUNDS = 3


def _push_all(http: httpx.Client, case_id: str) -> tuple[float, float, float]:
    """Best of ROUNDS for each mode (the machine is shared; minima are the stable figure)."""
    token = http.post(
        "/auth/token", json={"username": "bench", "password": "bench-password"}
    ).json()["access_token"]
    http.headers["Authorization"] = f"Bearer {token}"
    batched: list[float] = []
    single: list[float] = []
    for _ in range(ROUNDS):
        ops = _ops(case_id, NOTES)
        t0 = time.perf_counter()
        for i in range(0, NOTES, BATCH):
            resp = http.post("/sync/push", json={"ops": ops[i : i + BATCH]})
            assert resp.status_code == 200
            assert all(r["status"] == "applied" for r in resp.json()["results"])
        batched.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        for op in _ops(case_id, NOTES):
            resp = http.post("/sync/push", json={"ops": [op]})
            assert resp.json()["results"][0]["status"] == "applied"
        single.append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    resp = http.post("/sync/push", json={"ops": ops[:BATCH]})
    replay = time.perf_counter() - t0
    assert all(r["status"] == "duplicate" for r in resp.json()["results"])
    print(
        f"  rounds: batched {[round(x, 2) for x in batched]} s, single {[round(x, 2) for x in single]} s"
    )
    return min(batched), min(single), replay


def _run(url: str) -> None:
    case_id = _prepare(url)
    with uvicorn_server(url) as server, httpx.Client(base_url=server.url, timeout=120) as http:
        batched, single, replay = _push_all(http, case_id)
    backend = make_url(url).get_backend_name()
    print(f"backend: {backend}; {NOTES} notes per mode, best of {ROUNDS} rounds")
    print(f"  batches of {BATCH}:     {batched:6.2f} s  ({NOTES / batched:7.0f} notes/s)")
    print(f"  one request per note: {single:6.2f} s  ({NOTES / single:7.0f} notes/s)")
    print(f"  speed-up: {single / batched:.1f}x  (target >= 10x)")
    print(f"  replay of {BATCH} already-applied ops (all duplicate): {replay:.2f} s")
    print("  (API in its own uvicorn process, one worker; client on loopback, keep-alive)")


def main() -> None:
    pg = os.environ.get("COLLECTION_DESK_BENCH_PG_URL")
    if pg:
        admin_url = make_url(normalize_url(pg))
        name = f"cd_bench_push_{uuid.uuid4().hex[:8]}"
        admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            _run(admin_url.set(database=name).render_as_string(hide_password=False))
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()
        return
    with tempfile.TemporaryDirectory() as tmp:
        _run(f"sqlite:///{Path(tmp) / 'bench.db'}")


if __name__ == "__main__":
    main()
