"""How the API is served by uvicorn: the one place that builds a `uvicorn.Config`, used by
`main.py serve` and by the embedded server, so both decide the same way whose address a
request comes from.

Contract: X-Forwarded-For (and -Proto) is honoured only when `settings.forwarded_allow_ips`
names the proxies it may come from; otherwise the client address is the socket's peer.
uvicorn's own defaults (`proxy_headers=True`, trusting 127.0.0.1 or $FORWARDED_ALLOW_IPS)
are never used: with them anyone who can connect from the server's machine, or through a
local proxy that passes the header on, chooses their address and so their login throttle.
"""

from __future__ import annotations

from typing import Any

import uvicorn

from app.server.settings import Settings


def proxy_options(settings: Settings) -> dict[str, Any]:
    """uvicorn's proxy-header options for `settings` (off unless proxies are configured)."""
    trusted = ",".join(p.strip() for p in settings.forwarded_allow_ips.split(",") if p.strip())
    if not trusted:
        return {"proxy_headers": False, "forwarded_allow_ips": ""}
    return {"proxy_headers": True, "forwarded_allow_ips": trusted}


def uvicorn_config(app: Any, settings: Settings, **options: Any) -> uvicorn.Config:
    """A uvicorn.Config for `app` with the proxy policy of `settings`; `options` are passed
    on (host, port, log_level, lifespan ...)."""
    return uvicorn.Config(app, **options, **proxy_options(settings))
