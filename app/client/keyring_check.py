"""Whether the active keyring backend can really keep a secret (the refresh token, the
store key). Apart from session.py so the store can ask without importing the HTTP stack."""

from __future__ import annotations

import keyring
from keyring.backend import KeyringBackend


def keyring_usable(backend: KeyringBackend | None = None) -> bool:
    """True when `backend` (default: the active one) can really keep a secret."""
    kr = backend if backend is not None else keyring.get_keyring()
    module = type(kr).__module__
    name = type(kr).__name__
    if module.startswith(("keyring.backends.fail", "keyring.backends.null")):
        return False
    if "plaintext" in name.lower() or "plaintext" in module.lower():
        return False
    if module.startswith("keyring.backends.chainer"):
        return any(keyring_usable(b) for b in getattr(kr, "backends", []))
    try:
        return float(getattr(kr, "priority", 1)) > 0
    except Exception:
        return False


__all__ = ["keyring_usable"]
