"""How a call ended, as the phone reported it, mapped to the house's contact outcome codes
(app.domain.outcomes.DISPOSITIONS).

The softphone reports a SIP status code (486 Busy Here, 404 Not Found, ...) and/or a reason
text (baresip's CALL_CLOSED parameter: "486 Busy Here", "Connection reset by user",
"end of file", "Connection refused"...). `outcome_from_end` turns that into a disposition the
wrap-up can be pre-filled with. A call that was answered gives no disposition (who answered
is for the agent to say); one that was never answered never gives a connected one.

The house has no "rejected" or "network failure" disposition: a call declined while ringing
(603 Decline) is filed as "busy" (what the caller hears in China, 用户忙), one that never
reached the far end (connection refused, 503, timeout) as "no_answer" — both are in
NOBODY_ANSWERED, so they never count as connected, and `kind` keeps the finer reason for the
wrap-up's text.

Pure: no I/O, no clock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NETWORK_FAILURE = "network_failure"

_STATUS = re.compile(r"^\s*([1-6]\d\d)\b")

#: SIP final responses (RFC 3261 section 21) by what they mean for a collector.
_BUSY = frozenset({486, 600})
_REJECTED = frozenset({603, 403})
_NO_ANSWER = frozenset({408, 480, 487})
_INVALID = frozenset({404, 410, 484, 485, 604, 416})
_NETWORK = frozenset({500, 502, 503, 504})

_NETWORK_WORDS = (
    "connection refused",
    "network is unreachable",
    "no route to host",
    "host is down",
    "timed out",
    "timeout",
    "dns",
    "name resolution",
)


@dataclass(frozen=True, slots=True)
class CallEndOutcome:
    """What the end of a call says: `disposition` (a DISPOSITIONS code, or None when the
    agent must pick it: the call was answered) and `kind`,
    one of "answered", "no_answer", "busy", "rejected", "invalid_number",
    "network_failure"."""

    kind: str
    disposition: str | None

    @property
    def reached_borrower(self) -> bool:
        return self.kind == "answered"


def sip_status(reason: str) -> int | None:
    """The SIP status code a reason text starts with ("486 Busy Here" -> 486), else None."""
    m = _STATUS.match(reason or "")
    return int(m.group(1)) if m else None


def outcome_from_end(
    *, answered: bool, status: int | None, reason: str, local_hangup: bool
) -> CallEndOutcome:
    """Map a call's end to an outcome (see module docstring).

    `answered`: the call was established (200 OK); `status`: the SIP final response when the
    far end refused the call; `reason`: the softphone's text; `local_hangup`: the desk hung up
    (an unanswered call the agent gave up on, or the adapter's ring timeout)."""
    if answered:
        return CallEndOutcome("answered", None)
    code = status if status is not None else sip_status(reason)
    text = (reason or "").lower()
    if code in _BUSY:
        return CallEndOutcome("busy", "busy")
    if code in _REJECTED:
        return CallEndOutcome("rejected", "busy")
    if code in _INVALID:
        return CallEndOutcome("invalid_number", "number_invalid")
    if code in _NO_ANSWER:
        return CallEndOutcome("no_answer", "no_answer")
    if code is not None and code in _NETWORK:
        return CallEndOutcome(NETWORK_FAILURE, "no_answer")
    if any(w in text for w in _NETWORK_WORDS):
        return CallEndOutcome(NETWORK_FAILURE, "no_answer")
    if local_hangup:
        return CallEndOutcome("no_answer", "no_answer")
    if code is not None and code >= 400:
        return CallEndOutcome("rejected", "busy")
    # the far end closed an unanswered call without a status: it was not picked up
    return CallEndOutcome("no_answer", "no_answer")
