"""HTTP client for the central API (requests): auth headers, refresh on 401, timeouts,
per-host exponential backoff with jitter, and one error class per kind of failure.

Backoff lives here (never in the UI): after a network failure or 5xx the host is "cooling
down" for base * 2^(failures-1) seconds (capped, ±25% jitter); calls made during the
cool-down fail fast with ServerUnreachable so a timer-driven sync does not hammer a dead
server. A success resets it.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import requests

log = logging.getLogger(__name__)

TOKEN_PATH = "/auth/token"
REFRESH_PATH = "/auth/refresh"
LOGOUT_PATH = "/auth/logout"
CHANGES_PATH = "/sync/changes"
PUSH_PATH = "/sync/push"


class ApiError(Exception):
    """Base of every error the API client raises."""

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        code: str | None = None,
        details: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.details = details or {}


class ServerUnreachable(ApiError):
    """No answer: connection refused, DNS, timeout, dropped connection, or backing off."""


class Unauthorized(ApiError):
    """401 that a refresh could not fix: the user must sign in again."""


class Forbidden(ApiError):
    """403: signed in but not allowed."""


class BadResponse(ApiError):
    """The server answered something that is not the expected JSON (garbage, HTML...)."""


class CursorExpired(ApiError):
    """410 on /sync/changes: the cursor is unknown or too old; resync fully."""


class Conflict(ApiError):
    """409: the request conflicts with the server's state."""


class ServerError(ApiError):
    """5xx: the server failed; retry later."""


class ClientError(ApiError):
    """Any other 4xx (validation error, not found...)."""


class DownloadCancelled(Exception):
    """The user cancelled a download; nothing of it was kept."""


DOWNLOAD_CHUNK = 64 * 1024


@dataclass(frozen=True, slots=True)
class Download:
    """A downloaded file: its bytes, the name the server suggests, its media type and (for
    exports) the number of rows it holds."""

    content: bytes
    filename: str
    media_type: str
    rows: int | None


def _attachment_name(disposition: str) -> str:
    """The filename of `Content-Disposition: attachment; filename="x.csv"` ("" if none)."""
    for part in disposition.split(";"):
        key, _, value = part.strip().partition("=")
        if key.lower() == "filename":
            return value.strip().strip('"')
    return ""


def _int_header(value: str | None) -> int | None:
    return int(value) if value is not None and value.isdigit() else None


@dataclass
class Tokens:
    """Access + refresh tokens held in memory (persisting the refresh token is Session's job)."""

    access_token: str | None = None
    refresh_token: str | None = None


class Backoff:
    """Per-host exponential backoff with jitter."""

    def __init__(
        self, base: float = 1.0, cap: float = 300.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.base, self.cap, self.clock = base, cap, clock
        self._failures: dict[str, int] = {}
        self._until: dict[str, float] = {}
        self._lock = threading.Lock()

    def remaining(self, host: str) -> float:
        with self._lock:
            return max(0.0, self._until.get(host, 0.0) - self.clock())

    def failure(self, host: str) -> float:
        with self._lock:
            n = self._failures.get(host, 0) + 1
            self._failures[host] = n
            delay = float(min(self.cap, self.base * 2 ** (n - 1))) * random.uniform(0.75, 1.25)
            self._until[host] = self.clock() + delay
            return delay

    def success(self, host: str) -> None:
        with self._lock:
            self._failures.pop(host, None)
            self._until.pop(host, None)

    def reset(self) -> None:
        with self._lock:
            self._failures.clear()
            self._until.clear()


class ApiClient:
    """A requests.Session bound to one server URL and one user's tokens."""

    def __init__(
        self,
        base_url: str,
        *,
        tokens: Tokens | None = None,
        timeout: float = 15.0,
        backoff: Backoff | None = None,
        on_tokens: Callable[[Tokens], None] | None = None,
        session: requests.Session | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.host = urlsplit(self.base_url).netloc
        self.tokens = tokens or Tokens()
        self.timeout = timeout
        self.backoff = backoff or Backoff()
        self.on_tokens = on_tokens  # called after a refresh (Session stores the new refresh token)
        self.http = session or requests.Session()
        self.last_token_body: dict[str, Any] | None = None  # latest login/refresh answer
        self._refresh_lock = threading.Lock()

    # --- auth -------------------------------------------------------------------------
    def login(self, username: str, password: str) -> dict[str, Any]:
        """POST /auth/token; stores the tokens and returns the TokenResponse JSON."""
        body = self._send(
            "POST",
            TOKEN_PATH,
            json={"username": username, "password": password},
            auth=False,
            retry_auth=False,
        )
        self._take_tokens(body)
        return body

    def refresh(self) -> dict[str, Any]:
        """Exchange the refresh token for new tokens (Unauthorized if it is no longer valid)."""
        if not self.tokens.refresh_token:
            raise Unauthorized("no refresh token: sign in again", status=401)
        body = self._send(
            "POST",
            REFRESH_PATH,
            json={"refresh_token": self.tokens.refresh_token},
            auth=False,
            retry_auth=False,
        )
        self._take_tokens(body)
        return body

    def logout(self) -> None:
        try:
            if self.tokens.refresh_token:
                self._send(
                    "POST",
                    LOGOUT_PATH,
                    json={"refresh_token": self.tokens.refresh_token},
                    retry_auth=False,
                )
        except ApiError:
            log.info("logout call failed; forgetting tokens locally anyway")
        self.tokens = Tokens()

    def _take_tokens(self, body: dict[str, Any]) -> None:
        try:
            self.tokens = Tokens(str(body["access_token"]), str(body["refresh_token"]))
        except (KeyError, TypeError) as exc:
            raise BadResponse("token response without tokens") from exc
        self.last_token_body = body
        if self.on_tokens is not None:
            self.on_tokens(self.tokens)

    # --- sync -------------------------------------------------------------------------
    def changes(self, cursor: str | None, limit: int) -> dict[str, Any]:
        params: dict[str, Any] = {"limit": limit}
        if cursor:
            params["cursor"] = cursor
        return self._send("GET", CHANGES_PATH, params=params)

    def push(self, ops: list[dict[str, Any]]) -> dict[str, Any]:
        return self._send("POST", PUSH_PATH, json={"ops": ops})

    def get(self, path: str, **params: Any) -> dict[str, Any]:
        return self._send("GET", path, params=params)

    def post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        return self._send("POST", path, json=body)

    def put(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        return self._send("PUT", path, json=body)

    def download(
        self,
        path: str,
        *,
        progress: Callable[[int, int | None], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        **params: Any,
    ) -> Download:
        """GET a file (an export): its bytes and what the headers say about it; the same
        errors as every other call when the answer is not 2xx.

        The body is read in chunks of DOWNLOAD_CHUNK: `progress(received, total)` after each
        (total from Content-Length, None when the server does not say), and when
        `cancelled()` turns true the connection is closed and DownloadCancelled raised."""
        resp = self._exchange(
            "GET", path, params=params, json=None, auth=True, retry_auth=True, stream=True
        )
        with resp:
            if not 200 <= resp.status_code < 300:
                self._decode(resp)  # raises the error class of the status
            total = _int_header(resp.headers.get("Content-Length"))
            chunks: list[bytes] = []
            received = 0
            try:
                for chunk in resp.iter_content(DOWNLOAD_CHUNK):
                    if cancelled is not None and cancelled():
                        raise DownloadCancelled()
                    chunks.append(chunk)
                    received += len(chunk)
                    if progress is not None:
                        progress(received, total)
            except requests.RequestException as exc:
                raise ServerUnreachable(f"the download broke off: {type(exc).__name__}") from exc
            if cancelled is not None and cancelled():
                raise DownloadCancelled()
        return Download(
            content=b"".join(chunks),
            filename=_attachment_name(resp.headers.get("Content-Disposition", "")),
            media_type=resp.headers.get("Content-Type", "application/octet-stream"),
            rows=_int_header(resp.headers.get("X-Export-Rows")),
        )

    # --- plumbing ---------------------------------------------------------------------
    def _send(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        json: Any = None,
        auth: bool = True,
        retry_auth: bool = True,
    ) -> dict[str, Any]:
        return self._decode(self._exchange(method, path, params, json, auth, retry_auth))

    def _exchange(
        self,
        method: str,
        path: str,
        params: dict[str, Any] | None,
        json: Any,
        auth: bool,
        retry_auth: bool,
        stream: bool = False,
    ) -> requests.Response:
        """One request with the backoff check and a token refresh on 401. With `stream` the
        body is left on the connection for the caller to read (and close)."""
        wait = self.backoff.remaining(self.host)
        if wait > 0:
            raise ServerUnreachable(f"backing off after failures; next try in {wait:.0f}s")
        access = self.tokens.access_token
        resp = self._request(method, path, params, json, access if auth else None, stream)
        if resp.status_code == 401 and auth and retry_auth:
            resp.close()
            with self._refresh_lock:
                if self.tokens.access_token == access:  # nobody refreshed meanwhile
                    self.refresh()
            resp = self._request(method, path, params, json, self.tokens.access_token, stream)
        return resp

    def _request(
        self,
        method: str,
        path: str,
        params: dict[str, Any] | None,
        json: Any,
        access: str | None,
        stream: bool = False,
    ) -> requests.Response:
        headers = {"Accept": "application/json"}
        if access:
            headers["Authorization"] = f"Bearer {access}"
        try:
            resp = self.http.request(
                method,
                self.base_url + path,
                params=params,
                json=json,
                headers=headers,
                timeout=self.timeout,
                stream=stream,
            )
        except requests.RequestException as exc:
            delay = self.backoff.failure(self.host)
            log.warning(
                "%s %s failed (%s); backing off %.1fs", method, path, type(exc).__name__, delay
            )
            raise ServerUnreachable(f"cannot reach the server: {type(exc).__name__}") from exc
        if resp.status_code >= 500:
            self.backoff.failure(self.host)
        else:
            self.backoff.success(self.host)
        return resp

    @staticmethod
    def _decode(resp: requests.Response) -> dict[str, Any]:
        status = resp.status_code
        try:
            body = resp.json()
        except ValueError:
            body = None
        if 200 <= status < 300:
            if not isinstance(body, dict):
                raise BadResponse(
                    f"the server answered {status} without a JSON object", status=status
                )
            return body
        err = body.get("error") if isinstance(body, dict) else None
        code = err.get("code") if isinstance(err, dict) else None
        message = err.get("message") if isinstance(err, dict) else None
        details = err.get("details") if isinstance(err, dict) else None
        text = str(message or f"HTTP {status}")
        cls: type[ApiError]
        if status == 401:
            cls = Unauthorized
        elif status == 403:
            cls = Forbidden
        elif status == 409:
            cls = Conflict
        elif status == 410:
            cls = CursorExpired
        elif status >= 500:
            cls = ServerError
        elif err is None:
            cls = BadResponse
        else:
            cls = ClientError
        raise cls(
            text, status=status, code=code, details=details if isinstance(details, dict) else None
        )
