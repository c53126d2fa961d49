"""GET /metrics (#18 point 9): request counts and latency by route TEMPLATE (never a raw
path), sync ops by answer, login failures, the daily chain's last success; the token."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from pathlib import Path

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from app.server.app_factory import create_app
from app.server.jobs.daily import run_daily
from app.server.models import User
from app.server.settings import Settings
from tests.server.test_overdue_run_support import TODAY, seed_small


def _value(page: str, name: str, **labels: str) -> float:
    """The sample `name{labels}` of a metrics page (0 when absent)."""
    total = 0.0
    for line in page.splitlines():
        if not line.startswith(name + "{") and not line.startswith(name + " "):
            continue
        if all(f'{k}="{v}"' in line for k, v in labels.items()):
            total += float(line.rsplit(" ", 1)[1])
    return total


def test_metrics_count_requests_by_route_template_and_sync_ops(
    client: TestClient,
    make_user: Callable[..., User],
    auth_headers: Callable[[User], dict[str, str]],
) -> None:
    agent = make_user("agent")
    h = auth_headers(agent)
    before = client.get("/metrics").text
    for _ in range(3):
        client.get(f"/cases/{uuid.uuid4()}", headers=h)  # 404: not theirs
    op = {
        "op_id": str(uuid.uuid4()),
        "kind": "note.create",
        "entity_id": str(uuid.uuid4()),
        "case_id": str(uuid.uuid4()),
        "payload": {"text": "x", "created_at": "2026-11-29T10:00:00+08:00"},
    }
    client.post("/sync/push", json={"ops": [op]}, headers=h)
    client.post("/auth/token", json={"username": agent.username, "password": "wrong-pass-1"})
    page = client.get("/metrics").text
    route = "/cases/{case_id}"
    grown = _value(page, "collection_desk_http_requests_total", route=route, status="404")
    was = _value(before, "collection_desk_http_requests_total", route=route, status="404")
    assert grown - was == 3
    assert _value(page, "collection_desk_http_request_duration_seconds_count", route=route) >= 3
    assert not re.search(r"/cases/[0-9a-f]{8}-", page)  # no raw path, no id
    assert (
        _value(page, "collection_desk_sync_ops_total")
        - _value(before, "collection_desk_sync_ops_total")
        == 1
    )
    assert (
        _value(page, "collection_desk_login_failures_total")
        - _value(before, "collection_desk_login_failures_total")
        == 1
    )


def test_the_daily_chain_shows_its_last_success(
    app: FastAPI, client: TestClient, engine: Engine, settings: Settings, tmp_path: Path
) -> None:
    assert (
        _value(client.get("/metrics").text, "collection_desk_job_last_success_timestamp_seconds")
        == 0
    )
    seed_small(engine, 30)
    run_daily(engine, business_date=TODAY, settings=settings, out_dir=tmp_path)
    page = client.get("/metrics").text
    assert _value(page, "collection_desk_job_last_success_timestamp_seconds", job="daily") > 0
    assert 'step="overdue-run"' in page


def test_a_metrics_token_is_required_when_set(settings: Settings, engine: Engine) -> None:
    guarded = settings.model_copy(update={"metrics_token": "s3cret-scrape"})
    with TestClient(create_app(guarded, engine=engine)) as c:
        assert c.get("/metrics").status_code == 401
        assert c.get("/metrics", headers={"Authorization": "Bearer nope"}).status_code == 401
        ok = c.get("/metrics", headers={"Authorization": "Bearer s3cret-scrape"})
        assert ok.status_code == 200 and ok.headers["content-type"].startswith("text/plain")
    off = settings.model_copy(update={"metrics_enabled": False})
    with TestClient(create_app(off, engine=engine)) as c:
        assert c.get("/metrics").status_code == 404
