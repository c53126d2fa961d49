"""Locating the shipped ``resources/`` directory (policies, scripts, banned phrases).

Only path arithmetic happens here; nothing is read at import time. The directory is found
relative to this package (``<project>/resources``) and can be overridden with the
``COLLECTION_DESK_RESOURCES`` environment variable (used by packaged builds).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from app.domain.errors import DomainError

_ENV_VAR = "COLLECTION_DESK_RESOURCES"
_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def resources_dir() -> Path:
    """The root of the shipped resources (no check that it exists)."""
    override = os.environ.get(_ENV_VAR)
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent.parent / "resources"


def resource_path(kind: str, name: str, suffix: str) -> Path:
    """Path of ``resources/<kind>/<name><suffix>``; rejects names that could escape the dir."""
    if not _NAME_RE.match(name) or ".." in name:
        raise DomainError(kind, f"invalid resource name {name!r}")
    return resources_dir() / kind / f"{name}{suffix}"
