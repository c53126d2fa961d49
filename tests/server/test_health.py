"""GET /health, the error shape, and refusing an un-migrated database."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.server.app_factory import create_app
from app.server.migrate import SchemaOutOfDate
from app.server.settings import Settings


def test_health_needs_no_auth(client: TestClient) -> None:
    resp = client.get("/health")
    assert resp.status_code == 200
    assert resp.json()["status"] == "ok"


def test_unknown_route_has_error_shape(client: TestClient) -> None:
    resp = client.get("/no/such/route")
    assert resp.status_code == 404
    assert resp.json() == {"error": {"code": "not_found", "message": "Not Found", "details": {}}}


def test_validation_error_shape_and_unknown_fields(client: TestClient) -> None:
    resp = client.post("/auth/token", json={"username": "u", "password": "p", "extra": 1})
    assert resp.status_code == 422
    body = resp.json()["error"]
    assert body["code"] == "validation_error"
    assert ["body", "extra"] in [e["loc"] for e in body["details"]["errors"]]


def test_missing_token_is_401_with_shape(client: TestClient) -> None:
    resp = client.get("/auth/me")
    assert resp.status_code == 401
    assert resp.json()["error"]["code"] == "unauthorized"


def test_refuses_unmigrated_database(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    with pytest.raises(SchemaOutOfDate) as info:
        create_app(Settings(database_url=url))
    assert f"uv run main.py db upgrade --database-url {url}" in str(info.value)


def test_500_has_error_shape(app, client: TestClient) -> None:  # type: ignore[no-untyped-def]
    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("kaboom")

    with TestClient(app, raise_server_exceptions=False) as c:
        resp = c.get("/boom")
    assert resp.status_code == 500
    assert resp.json()["error"]["code"] == "internal_error"
    assert "kaboom" not in resp.text
