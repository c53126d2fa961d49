"""The end of a call -> the house's outcome codes (app.domain.call_end)."""

from __future__ import annotations

import pytest

from app.domain.call_end import outcome_from_end, sip_status
from app.domain.outcomes import DISPOSITIONS, NOBODY_ANSWERED


@pytest.mark.parametrize(
    ("reason", "local", "kind", "disposition"),
    [
        ("486 Busy Here", False, "busy", "busy"),
        ("486 Rejected", False, "busy", "busy"),
        ("600 Busy Everywhere", False, "busy", "busy"),
        ("603 Decline", False, "rejected", "busy"),
        ("404 Not Found", False, "invalid_number", "number_invalid"),
        ("484 Address Incomplete", False, "invalid_number", "number_invalid"),
        ("604 Does Not Exist Anywhere", False, "invalid_number", "number_invalid"),
        ("480 Temporarily Unavailable", False, "no_answer", "no_answer"),
        ("408 Request Timeout", False, "no_answer", "no_answer"),
        ("487 Request Terminated", False, "no_answer", "no_answer"),
        ("503 Service Unavailable", False, "network_failure", "no_answer"),
        ("Connection refused", False, "network_failure", "no_answer"),
        ("Network is unreachable", False, "network_failure", "no_answer"),
        ("Connection reset by user", True, "no_answer", "no_answer"),
        ("Connection reset by peer", False, "no_answer", "no_answer"),
        ("488 Not Acceptable Here", False, "rejected", "busy"),
    ],
)
def test_unanswered_ends_map_to_outcomes(
    reason: str, local: bool, kind: str, disposition: str
) -> None:
    out = outcome_from_end(answered=False, status=None, reason=reason, local_hangup=local)
    assert (out.kind, out.disposition) == (kind, disposition)
    assert out.disposition in DISPOSITIONS
    assert out.disposition in NOBODY_ANSWERED  # never a connected disposition
    assert not out.reached_borrower


@pytest.mark.parametrize("reason", ["end of file", "Connection reset by user", "486 Busy Here"])
def test_an_answered_call_leaves_the_disposition_to_the_agent(reason: str) -> None:
    out = outcome_from_end(answered=True, status=None, reason=reason, local_hangup=False)
    assert out.kind == "answered" and out.disposition is None and out.reached_borrower


def test_an_explicit_status_wins_over_the_text() -> None:
    out = outcome_from_end(answered=False, status=404, reason="whatever", local_hangup=True)
    assert out.kind == "invalid_number"


@pytest.mark.parametrize(
    ("text", "code"), [("486 Busy Here", 486), (" 404 x", 404), ("end of file", None), ("", None)]
)
def test_sip_status_reads_the_leading_code(text: str, code: int | None) -> None:
    assert sip_status(text) == code
