"""GET /metrics: Prometheus text format (app/server/metrics.py), optionally behind a token."""

from __future__ import annotations

import hmac

from fastapi import APIRouter, Request, Response

from app.server.api.deps import SettingsDep
from app.server.errors import ApiError, ErrorResponse

router = APIRouter(tags=["operations"])


@router.get(
    "/metrics",
    response_class=Response,
    responses={
        200: {
            "description": "Prometheus text exposition format",
            "content": {"text/plain": {"schema": {"type": "string"}}},
        },
        401: {
            "model": ErrorResponse,
            "description": "unauthorized: `metrics_token` is set and the Bearer token is "
            "missing or wrong",
        },
        404: {"model": ErrorResponse, "description": "not_found: metrics are turned off"},
    },
)
def metrics(request: Request, settings: SettingsDep) -> Response:
    """Request rate and latency by route, sync ops by answer, login failures, the daily
    chain's last success and step times. With `metrics_token` set, a scraper sends
    `Authorization: Bearer <token>`."""
    from app.server.metrics import CONTENT_TYPE, render

    if not settings.metrics_enabled:
        raise ApiError(404, "not_found", "metrics are turned off")
    if settings.metrics_token:
        sent = request.headers.get("authorization", "")
        expected = f"Bearer {settings.metrics_token}"
        if not hmac.compare_digest(sent.encode(), expected.encode()):
            raise ApiError(401, "unauthorized", "the metrics token is missing or wrong")
    return Response(render(request.app.state.engine), media_type=CONTENT_TYPE)
