"""The few things the desk can only do online: dial (the clear number comes from the server,
which checks the contact policy again and audits it) and reveal a masked value (with a reason
from a fixed list, audited). Everything else works from the local store.

Blocking calls: the UI runs them off the GUI thread (ui.background.run_task) and gets the
result or the exception by signal. Errors are the http client's (ServerUnreachable when
offline, Forbidden, ...) plus `PolicyBlocked` with the server's reasons and `DialRateLimited` (429: the
user dialled too often; when to try again).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.client.http_client import ApiClient, ClientError, Conflict

#: Why a masked value may be revealed (the server accepts exactly these codes).
REVEAL_REASONS: tuple[str, ...] = (
    "verify_identity",
    "confirm_contact_number",
    "payment_reconciliation",
    "complaint_or_dispute",
    "legal_proceedings",
    "other",
)
REVEAL_FIELDS: tuple[str, ...] = ("id_number", "phone", "bank_card")


class PolicyBlocked(Exception):
    """The server's contact policy refused the dial; its reasons in both languages."""

    def __init__(self, reasons: list[dict[str, Any]], next_allowed_at: datetime | None) -> None:
        self.reasons = reasons
        self.next_allowed_at = next_allowed_at
        super().__init__("; ".join(str(r.get("message_en", r.get("code"))) for r in reasons))


class DialRateLimited(Exception):
    """The server refused the dial because this user asked too often (429
    `dial_rate_limited`): try again after `retry_after_s` seconds."""

    def __init__(self, retry_after_s: int, limit: int | None, window_s: int | None) -> None:
        self.retry_after_s = retry_after_s
        self.limit = limit
        self.window_s = window_s
        super().__init__(f"too many dial requests; try again in {retry_after_s} s")


def _int(value: Any, default: int | None) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else default


@dataclass(frozen=True, slots=True)
class DialNumber:
    """The clear number to hand to the softphone (never stored, never logged)."""

    phone_id: str
    number: str
    overridden: bool
    attempt_id: str = ""  # the provisional attempt the server recorded for this dial

    def __repr__(self) -> str:  # keep the number out of logs and tracebacks
        return (
            f"DialNumber(phone_id={self.phone_id!r}, number='***', "
            f"overridden={self.overridden}, attempt_id={self.attempt_id!r})"
        )


@dataclass(frozen=True, slots=True)
class Revealed:
    """A revealed value (shown briefly, never stored)."""

    field: str
    phone_id: str | None
    value: str

    def __repr__(self) -> str:
        return f"Revealed(field={self.field!r}, phone_id={self.phone_id!r}, value='***')"


class OnlineActions:
    """Dial and reveal through the signed-in API client."""

    def __init__(self, api: ApiClient) -> None:
        self.api = api

    def dial(
        self,
        case_id: str,
        phone_id: str,
        *,
        override_reason: str | None = None,
        attempt_id: str | None = None,
    ) -> DialNumber:
        """The clear number; the server records the dial as a provisional attempt with
        `attempt_id` (the desk's wrap-up sends its contact with the same id)."""
        body: dict[str, Any] = {"phone_id": phone_id}
        if attempt_id:
            body["attempt_id"] = attempt_id
        if override_reason:
            body["override_reason"] = override_reason
        try:
            answer = self.api.post(f"/cases/{case_id}/dial", body)
        except Conflict as exc:
            details = exc.details or {}
            if exc.code == "policy_blocked":
                nxt = details.get("next_allowed_at")
                raise PolicyBlocked(
                    list(details.get("reasons") or []),
                    datetime.fromisoformat(nxt) if isinstance(nxt, str) else None,
                ) from None
            raise
        except ClientError as exc:
            if exc.status == 429:
                details = exc.details or {}
                raise DialRateLimited(
                    _int(details.get("retry_after_s"), 60) or 60,
                    _int(details.get("limit"), None),
                    _int(details.get("window_s"), None),
                ) from None
            raise
        return DialNumber(
            str(answer["phone_id"]),
            str(answer["number"]),
            bool(answer["overridden"]),
            str(answer.get("attempt_id") or attempt_id or ""),
        )

    def reveal(
        self,
        case_id: str,
        field: str,
        *,
        reason: str,
        note: str | None = None,
        phone_id: str | None = None,
    ) -> Revealed:
        if field not in REVEAL_FIELDS:
            raise ValueError(f"unknown field {field!r}")
        if reason not in REVEAL_REASONS:
            raise ValueError(f"unknown reason {reason!r}")
        body: dict[str, Any] = {"field": field, "reason": reason}
        if note:
            body["note"] = note
        if phone_id:
            body["phone_id"] = phone_id
        answer = self.api.post(f"/cases/{case_id}/reveal", body)
        return Revealed(field, phone_id, str(answer["value"]))
