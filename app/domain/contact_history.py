"""How recorded contacts become the contact-policy engine's history: one rule for all.

The desk (before dialing) and the server (when the attempt arrives) must give the same
answer for the same history, so both build it here:

- only outbound calls count: the limits restrict how often the lender calls (a call the
  borrower places, an SMS or a visit is not a call attempt);
- a call is *connected* when somebody answered (right party, third party, refused to talk,
  hung up, wrong number) — no answer, busy, voicemail and an invalid number are not;
- a *conversation* about the debt (Regulation F's 7-day rule) is a right-party contact.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from app.domain.contact_policy_types import ContactEvent

#: The channel whose attempts the policy counts.
CALL_CHANNEL = "outbound_call"
#: Dispositions where somebody answered the phone.
CONNECTED_DISPOSITIONS: frozenset[str] = frozenset(
    {"right_party", "third_party", "refused", "hung_up", "wrong_number"}
)
#: Dispositions that are a conversation about the debt.
CONVERSATION_DISPOSITIONS: frozenset[str] = frozenset({"right_party"})


def contact_event(
    *, channel: str, disposition: str, at: datetime, number_id: str | None
) -> ContactEvent | None:
    """The policy event for one recorded contact, or None when it does not count."""
    if channel != CALL_CHANNEL:
        return None
    return ContactEvent(
        at=at,
        number_id=number_id or "",
        connected=disposition in CONNECTED_DISPOSITIONS,
        conversation=disposition in CONVERSATION_DISPOSITIONS,
    )


def contact_history(
    contacts: Iterable[tuple[str, str, datetime, str | None]],
    *,
    until: datetime | None = None,
) -> list[ContactEvent]:
    """Events for ``(channel, disposition, at, number_id)`` rows, oldest first; with `until`,
    only the contacts up to that instant (what had happened when the question is asked)."""
    events = []
    for channel, disposition, at, number_id in contacts:
        if until is not None and at > until:
            continue
        ev = contact_event(channel=channel, disposition=disposition, at=at, number_id=number_id)
        if ev is not None:
            events.append(ev)
    events.sort(key=lambda e: e.at)
    return events
