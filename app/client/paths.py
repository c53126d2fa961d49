"""Where the client keeps its files: one SQLite store per server and user (platformdirs)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "CollectionDesk"
APP_AUTHOR = "CollectionDesk"


def data_dir(override: str | Path | None = None) -> Path:
    """The client's data directory (created); `override` is used by tests and --data-dir."""
    path = Path(override) if override is not None else Path(user_data_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def store_key(server_url: str, username: str) -> str:
    """A stable, file-name-safe key for (server, user): readable prefix + short hash."""
    url = server_url.strip().rstrip("/").lower()
    host = re.sub(r"^[a-z]+://", "", url)
    readable = re.sub(r"[^a-z0-9]+", "_", f"{host}_{username.lower()}").strip("_")[:48]
    digest = hashlib.sha256(f"{url}\n{username}".encode()).hexdigest()[:12]
    return f"{readable}_{digest}"


def store_path(server_url: str, username: str, *, base: str | Path | None = None) -> Path:
    """Path of the SQLite store for this server and user."""
    return data_dir(base) / "stores" / f"{store_key(server_url, username)}.sqlite3"
