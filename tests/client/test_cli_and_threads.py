"""`main.py sync` end to end, and the GUI thread writing while the worker syncs."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from app.server.models import Note
from tests.client.conftest import TEST_PASSWORD
from tests.client.live import LiveServer

ROOT = Path(__file__).resolve().parents[2]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    return subprocess.run(
        [sys.executable, "main.py", "sync", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


SQLITE_ONLY = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


@SQLITE_ONLY  # the CLI is backend-agnostic; subprocesses are slow
def test_sync_once_and_status_headless(
    live: LiveServer, agent: Any, cases: list[str], tmp_path: Path
) -> None:
    data = str(tmp_path / "cli")
    out = _cli(
        "--once",
        "--server",
        live.url,
        "--user",
        agent.username,
        "--password",
        TEST_PASSWORD,
        "--data-dir",
        data,
    )
    assert out.returncode == 0, out.stderr
    assert "outcome=ok" in out.stdout and "pending=0" in out.stdout
    assert "no usable keyring" in out.stdout
    # server and user remembered; no keyring: the store's key comes from the password
    locked = _cli("--status", "--data-dir", data)
    assert locked.returncode == 2 and "password" in locked.stderr
    status = _cli("--status", "--password", TEST_PASSWORD, "--data-dir", data)
    assert status.returncode == 0 and f"user={agent.username}" in status.stdout
    assert "last_success=never" not in status.stdout
    assert TEST_PASSWORD not in (tmp_path / "cli" / "accounts.json").read_text()
    nopw = _cli("--once", "--data-dir", data)
    assert nopw.returncode == 2 and "no stored sign-in" in nopw.stderr


@SQLITE_ONLY
def test_wrong_password_is_a_clear_error(live: LiveServer, agent: Any, tmp_path: Path) -> None:
    out = _cli(
        "--once",
        "--server",
        live.url,
        "--user",
        agent.username,
        "--password",
        "nope-nope",
        "--data-dir",
        str(tmp_path),
    )
    assert out.returncode == 1 and "sign-in failed: Unauthorized" in out.stderr


def test_writes_while_the_worker_syncs(
    desk: Any, cases: list[str], session_factory: sessionmaker[Session]
) -> None:
    stop = threading.Event()
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            while not stop.is_set():
                report = desk.sync()
                assert report.outcome == "ok", report.summary()
        except BaseException as exc:
            errors.append(exc)

    t = threading.Thread(target=worker)
    t.start()
    try:
        for i in range(30):
            desk.desk.save_note(cases[i % len(cases)], f"并发备注 {i}")
    finally:
        stop.set()
        t.join()
    assert not errors
    assert desk.sync().outcome == "ok"
    assert desk.outbox_statuses() == []
    ids = [r[0] for r in desk.store.connection().execute("SELECT id FROM notes")]
    with session_factory() as s:
        counts = dict(
            s.execute(select(Note.id, func.count()).where(Note.id.in_(ids)).group_by(Note.id)).all()
        )
    assert len(ids) == 30 and counts == dict.fromkeys(ids, 1)
