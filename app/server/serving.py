"""How the API is served by uvicorn: the one place that builds a `uvicorn.Config`, used by
`main.py serve` and by the embedded server, so both decide the same way whose address a
request comes from and what the access log writes.

Contract: uvicorn's access log is always off: it writes the raw path and query string
(search terms, phone digits); the app's own access log (access_log.py) names the route
template instead.

Contract: X-Forwarded-For (and -Proto) is honoured only when `settings.forwarded_allow_ips`
names the proxies it may come from; otherwise the client address is the socket's peer.
uvicorn's own defaults (`proxy_headers=True`, trusting 127.0.0.1 or $FORWARDED_ALLOW_IPS)
are never used: with them anyone who can connect from the server's machine, or through a
local proxy that passes the header on, chooses their address and so their login throttle.
"""

from __future__ import annotations

import copy
import json
import logging
from datetime import UTC, datetime
from typing import Any

import uvicorn
from uvicorn.config import LOGGING_CONFIG

from app.server.settings import Settings


def proxy_options(settings: Settings) -> dict[str, Any]:
    """uvicorn's proxy-header options for `settings` (off unless proxies are configured)."""
    trusted = ",".join(p.strip() for p in settings.forwarded_allow_ips.split(",") if p.strip())
    if not trusted:
        return {"proxy_headers": False, "forwarded_allow_ips": ""}
    return {"proxy_headers": True, "forwarded_allow_ips": trusted}


def uvicorn_config(app: Any, settings: Settings, **options: Any) -> uvicorn.Config:
    """A uvicorn.Config for `app` with the proxy policy of `settings` and uvicorn's access
    log off; `options` are passed on (host, port, log_level, log_config, lifespan ...)."""
    options["access_log"] = False
    return uvicorn.Config(app, **options, **proxy_options(settings))


def serve_log_config(*, json_lines: bool = False) -> dict[str, Any]:
    """uvicorn's logging setup for `main.py serve`, with the app's access log
    (`app.server.access`) written at INFO by uvicorn's default handler; `json_lines`: one
    JSON object per line (time, level, logger, message) for log shippers."""
    config = copy.deepcopy(LOGGING_CONFIG)
    config["loggers"]["app.server.access"] = {
        "handlers": ["default"],
        "level": "INFO",
        "propagate": False,
    }
    if json_lines:
        config["formatters"]["default"] = {"()": "app.server.serving.JsonLineFormatter"}
    return config


class JsonLineFormatter(logging.Formatter):
    """A log record as one JSON object: at (UTC, ISO 8601), level, logger, message (the
    same words as the text log, so the same no-PII rules hold)."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "at": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def worker_app() -> Any:
    """The app of one worker process of `serve --workers N` (uvicorn imports it by name in
    each worker): settings from the environment, which `serve` filled in before forking."""
    from app.server.app_factory import create_app
    from app.server.settings import get_settings

    return create_app(get_settings())
