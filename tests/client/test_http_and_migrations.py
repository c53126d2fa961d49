"""HTTP client error classes and backoff; store migration 1 -> 2; killing a writer."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from app.client.http_client import (
    ApiClient,
    Backoff,
    BadResponse,
    ClientError,
    CursorExpired,
    ServerError,
    ServerUnreachable,
)
from app.client.store import LocalStore
from app.client.store.schema import MIGRATIONS, SCHEMA_VERSION
from tests.client import factories as f
from tests.client.faults import install

ROOT = Path(__file__).resolve().parents[2]


class FakeClock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def test_backoff_grows_and_fails_fast_until_the_cool_down_ends() -> None:
    clock = FakeClock()
    api = ApiClient("http://127.0.0.1:9", timeout=1, backoff=Backoff(base=2.0, clock=clock))
    with pytest.raises(ServerUnreachable, match="cannot reach"):
        api.changes(None, 10)
    first = api.backoff.remaining(api.host)
    assert 1.5 <= first <= 2.5
    with pytest.raises(ServerUnreachable, match="backing off"):
        api.changes(None, 10)  # no network call during the cool-down
    clock.t += 3
    with pytest.raises(ServerUnreachable, match="cannot reach"):
        api.changes(None, 10)
    assert 3.0 <= api.backoff.remaining(api.host) <= 5.0  # doubled
    api.backoff.success(api.host)
    assert api.backoff.remaining(api.host) == 0


@pytest.mark.parametrize(
    ("action", "error"),
    [
        ("status:410", CursorExpired),
        ("status:500", ServerError),
        ("status:422", ClientError),
        ("garbage_only", BadResponse),
    ],
)
def test_error_classes(action: str, error: type[Exception]) -> None:
    session = requests.Session()
    faults = install(session)
    api = ApiClient("http://127.0.0.1:9", session=session, backoff=Backoff(base=0))
    faults.add("/sync/changes", action)
    with pytest.raises(error):
        api.changes(None, 10)


def test_migration_from_schema_1_backfills_policy_columns(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    for stmt in MIGRATIONS[0].split(";"):
        if stmt.strip():
            conn.execute(stmt)
    conn.execute("INSERT INTO schema_version VALUES (1)")
    up = f.book(1)
    import json

    case, borrower = up[2]["data"] | {"flags": ["dispute"]}, up[0]["data"]
    conn.execute(
        "INSERT INTO cases(id, loan_id, borrower_id, status, bucket, dpd, overdue_total, "
        "priority, data) VALUES (?,?,?,?,?,?,?,?,?)",
        (case["id"], case["loan_id"], case["borrower_id"], "open", "M1", 5, 1, 1, json.dumps(case)),
    )
    conn.execute(
        "INSERT INTO borrowers(id, name, data) VALUES (?,?,?)",
        (borrower["id"], borrower["name"], json.dumps(borrower)),
    )
    conn.close()
    store = LocalStore(path)
    assert store.schema_version == SCHEMA_VERSION
    row = (
        store.connection()
        .execute("SELECT flags, debtor_unreachable, phone_id, phone_tz FROM cases")
        .fetchone()
    )
    assert json.loads(row[0]) == ["dispute"] and row[1] == 0
    assert row[2] == "p0a" and row[3] == "Asia/Shanghai"
    (data,) = store.connection().execute("SELECT data FROM case_data").fetchone()  # schema 3
    assert json.loads(data)["id"] == case["id"]


WRITER = """
import sys
from app.client.desk_service import DeskService
from app.client.store import LocalStore
desk = DeskService(
    LocalStore(sys.argv[1], key=bytes.fromhex(sys.argv[3])), user="a", policy_profile=None
)
case_id = sys.argv[2]
i = 0
while True:
    desk.save_note(case_id, f"note {i}")
    i += 1
    if i == 20:
        print("ready", flush=True)
"""


def test_killing_the_desk_mid_write_loses_nothing_saved(tmp_path: Path) -> None:
    from app.client.store.apply import apply_upserts

    path = tmp_path / "s.sqlite3"
    store = LocalStore(path)
    up = f.book(1)
    with store.transaction() as tx:
        apply_upserts(tx, up, gen=1)
    store.close()
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), up[2]["id"], store.cipher_key.hex()],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    time.sleep(0.3)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    again = LocalStore(path)
    assert again.check_integrity()
    conn = again.connection()
    notes = {r[0] for r in conn.execute("SELECT id FROM notes WHERE local_state='pending'")}
    queued = {r[0] for r in conn.execute("SELECT entity_id FROM outbox")}
    assert len(notes) >= 20
    assert notes == queued  # every saved note is queued, every queued op has its note
