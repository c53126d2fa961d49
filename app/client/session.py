"""Sign-in and the refresh token's home: the OS keyring, or memory only.

The refresh token is stored with `keyring` under service "CollectionDesk" and key
"<server url>|<username>". When the only backend is fail/null/plaintext (e.g. a headless
Linux box), tokens stay in memory, `keyring_available` is False and the UI asks for the
password at each start. A token is never written to a file or to settings by this module.
Which server and user were used last (no secrets) is remembered in accounts.json.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import keyring
import keyring.errors

from app.client import paths
from app.client.http_client import ApiClient, Tokens, Unauthorized
from app.client.keyring_check import keyring_usable

log = logging.getLogger(__name__)

SERVICE = "CollectionDesk"


def _key(server_url: str, username: str) -> str:
    return f"{server_url.rstrip('/')}|{username}"


@dataclass
class UserIdentity:
    """Who is signed in (from the token response), and the server's rules the desk applies
    the same way (`TokenResponse.desk`; None from a server that does not say)."""

    username: str
    display_name: str
    role: str
    team: str | None
    lender_timezone: str | None = None
    contact_policy_profile: str | None = None


class Session:
    """An authenticated API client for one server and user, plus where its token lives."""

    def __init__(self, server_url: str, username: str, *, timeout: float = 15.0) -> None:
        self.server_url = server_url.rstrip("/")
        self.username = username
        self.keyring_available = keyring_usable()
        self.api = ApiClient(self.server_url, timeout=timeout, on_tokens=self._store_refresh)

    @property
    def user(self) -> UserIdentity | None:
        """Who is signed in: from the last login or (automatic) refresh; None before any."""
        body = self.api.last_token_body
        return None if body is None else _identity(body, self.username)

    # --- sign-in ----------------------------------------------------------------------
    def login(self, password: str) -> UserIdentity:
        """POST /auth/token; raises Unauthorized (wrong password), ServerUnreachable..."""
        body = self.api.login(self.username, password)
        return _identity(body, self.username)

    def resume(self) -> bool:
        """Use the refresh token from the keyring (no network call). False if none."""
        if not self.keyring_available:
            return False
        try:
            token = keyring.get_password(SERVICE, _key(self.server_url, self.username))
        except keyring.errors.KeyringError:
            log.warning("keyring read failed; asking for the password")
            return False
        if not token:
            return False
        self.api.tokens = Tokens(access_token=None, refresh_token=token)
        return True

    def refresh_now(self) -> UserIdentity:
        """Exchange the refresh token now (validates a resumed session)."""
        body = self.api.refresh()
        return _identity(body, self.username)

    def logout(self) -> None:
        """Revoke on the server (best effort) and forget the stored refresh token."""
        self.api.logout()
        self.forget_token()

    def forget_token(self) -> None:
        if not self.keyring_available:
            return
        try:
            keyring.delete_password(SERVICE, _key(self.server_url, self.username))
        except keyring.errors.KeyringError:
            pass

    def _store_refresh(self, tokens: Tokens) -> None:
        if not self.keyring_available or not tokens.refresh_token:
            return  # memory only
        try:
            keyring.set_password(
                SERVICE, _key(self.server_url, self.username), tokens.refresh_token
            )
        except keyring.errors.KeyringError:
            log.warning("keyring write failed; keeping the token in memory only")
            self.keyring_available = False


def _identity(body: dict[str, Any], username: str) -> UserIdentity:
    raw = body.get("user")
    user: dict[str, Any] = raw if isinstance(raw, dict) else {}
    rules = body.get("desk")
    desk: dict[str, Any] = rules if isinstance(rules, dict) else {}
    return UserIdentity(
        username=str(user.get("username") or username),
        display_name=str(user.get("display_name") or username),
        role=str(user.get("role") or "agent"),
        team=user.get("team"),
        lender_timezone=_text(desk.get("lender_timezone")),
        contact_policy_profile=_text(desk.get("contact_policy_profile")),
    )


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


# --- remembered accounts (no secrets) ---------------------------------------------------


def _accounts_file(base: str | Path | None) -> Path:
    return paths.data_dir(base) / "accounts.json"


def remember_account(server_url: str, username: str, *, base: str | Path | None = None) -> None:
    """Record the last server+user (never a token)."""
    _accounts_file(base).write_text(
        json.dumps({"server_url": server_url.rstrip("/"), "username": username}),
        encoding="utf-8",
    )


def last_account(*, base: str | Path | None = None) -> tuple[str, str] | None:
    """The last (server_url, username), or None."""
    try:
        data = json.loads(_accounts_file(base).read_text(encoding="utf-8"))
        return str(data["server_url"]), str(data["username"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


__all__ = [
    "SERVICE",
    "Session",
    "Unauthorized",
    "UserIdentity",
    "keyring_usable",
    "last_account",
    "remember_account",
]
