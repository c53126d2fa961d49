"""Run the API in a background thread (uvicorn) for the desktop demo and end-to-end tests."""

from __future__ import annotations

import logging
import socket
import threading
import time
from dataclasses import dataclass, field

from app.server.settings import Settings

log = logging.getLogger(__name__)


@dataclass
class RunningServer:
    """A server started by `start_embedded_server`; `stop()` shuts it down and waits."""

    url: str
    port: int
    _server: object = field(repr=False)
    _thread: threading.Thread = field(repr=False)

    def stop(self, timeout: float = 10.0) -> None:
        self._server.should_exit = True  # type: ignore[attr-defined]
        self._thread.join(timeout)

    def __enter__(self) -> RunningServer:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()


def start_embedded_server(
    database_url: str,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    migrate: bool = True,
    settings: Settings | None = None,
    startup_timeout: float = 30.0,
) -> RunningServer:
    """Start uvicorn on `host:port` (port 0 picks a free one) in a daemon thread.

    Runs migrations first unless `migrate=False`; returns once the server accepts requests.
    """
    import uvicorn

    from app.server.app_factory import create_app
    from app.server.migrate import upgrade
    from app.server.serving import uvicorn_config

    if migrate:
        upgrade(database_url)
    base = (settings or Settings()).model_copy(update={"database_url": database_url})
    app = create_app(base)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    real_port = sock.getsockname()[1]
    # logging: the host program's (the access log is `app.server.access` at INFO)
    config = uvicorn_config(app, base, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, name="embedded-api", daemon=True
    )
    thread.start()
    deadline = time.monotonic() + startup_timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError("embedded API server failed to start")
        time.sleep(0.01)
    url = f"http://{host}:{real_port}"
    log.info("embedded API listening on %s", url)
    return RunningServer(url=url, port=real_port, _server=server, _thread=thread)
