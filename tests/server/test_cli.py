"""`main.py db upgrade`, `users add`, `serve` refusing an old schema, and the embedded server."""

from __future__ import annotations

import io
from pathlib import Path

import httpx
import pytest

from app.server.embedded import start_embedded_server
from app.server.migrate import head_revision
from main import main


def test_db_upgrade_users_add_and_embedded_login(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert main(["db", "upgrade", "--database-url", url]) == 0
    assert f"revision {head_revision()}" in capsys.readouterr().out
    monkeypatch.setenv("COLLECTION_DESK_ARGON2_MEMORY_COST", "1024")
    monkeypatch.setenv("COLLECTION_DESK_ARGON2_TIME_COST", "1")
    assert (
        main(
            [
                "users",
                "add",
                "wangfang",
                "--role",
                "team_lead",
                "--team",
                "north",
                "--display-name",
                "王芳",
                "--password",
                "s3cret-pass",
                "--database-url",
                url,
            ]
        )
        == 0
    )
    monkeypatch.setattr("sys.stdin", io.StringIO("another-pass\n"))
    assert (
        main(
            [
                "users",
                "add",
                "zhangwei",
                "--role",
                "agent",
                "--team",
                "north",
                "--database-url",
                url,
            ]
        )
        == 0
    )
    assert (
        main(
            [
                "users",
                "add",
                "zhangwei",
                "--role",
                "agent",
                "--password",
                "whatever1",
                "--database-url",
                url,
            ]
        )
        == 1
    )
    assert "already exists" in capsys.readouterr().err

    server = start_embedded_server(url)
    try:
        assert server.port > 0
        assert httpx.get(f"{server.url}/health").json()["status"] == "ok"
        resp = httpx.post(
            f"{server.url}/auth/token", json={"username": "zhangwei", "password": "another-pass"}
        )
        assert resp.status_code == 200
        assert resp.json()["user"]["team"] == "north"
    finally:
        server.stop()
    capsys.readouterr()
    # nothing has expired yet: the housekeeping command deletes nothing
    assert main(["db", "prune-auth", "--database-url", url]) == 0
    assert "deleted 0 expired tokens and 0 login-throttle rows" in capsys.readouterr().out


def test_serve_refuses_unmigrated_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    assert main(["serve", "--database-url", url]) == 2
    err = capsys.readouterr().err
    assert f"uv run main.py db upgrade --database-url {url}" in err


def test_users_add_rejects_short_password(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    main(["db", "upgrade", "--database-url", url])
    assert (
        main(["users", "add", "x", "--role", "admin", "--password", "short", "--database-url", url])
        == 1
    )
