"""The phone interface the desk drives, and the events a call sends back.

A `Phone` dials one call at a time; `dial` returns at once and the call's progress arrives as
`CallEvent`s to the listeners given to `subscribe` — on the phone's own thread (a socket
reader), never on the caller's: the UI bridges them into its GUI thread (ui.phone_bridge).
The desk shows "dialling" from `dial` on. Events of a call, in order: ``ringing`` (the far end
is alerting), ``answered`` (200 OK: the talk time starts), ``ended`` (always last, once, with
a `CallEnd`: SIP cause, reason, timestamps, talk time and the outcome it means).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from app.domain.call_end import CallEndOutcome, outcome_from_end

RINGING = "ringing"
ANSWERED = "answered"
ENDED = "ended"


class PhoneError(RuntimeError):
    """The phone cannot do what was asked (not reachable, no call, refused command)."""


@dataclass(frozen=True, slots=True)
class CallEnd:
    """How a call ended. `status` is the SIP final response when there was one (486...),
    `reason` the softphone's text; `talk_s` counts from the answer (0 when unanswered)."""

    dialled_at: datetime
    answered_at: datetime | None
    ended_at: datetime
    status: int | None
    reason: str
    local_hangup: bool

    @property
    def answered(self) -> bool:
        return self.answered_at is not None

    @property
    def talk_s(self) -> int:
        if self.answered_at is None:
            return 0
        return max(0, round((self.ended_at - self.answered_at).total_seconds()))

    @property
    def outcome(self) -> CallEndOutcome:
        return outcome_from_end(
            answered=self.answered,
            status=self.status,
            reason=self.reason,
            local_hangup=self.local_hangup,
        )


@dataclass(frozen=True, slots=True)
class CallEvent:
    """One step of a call: `kind` (RINGING, ANSWERED, ENDED), when the desk saw
    it, the phone's call id, and for ENDED the `end`."""

    kind: str
    at: datetime
    call_id: str = ""
    end: CallEnd | None = None


Listener = Callable[[CallEvent], None]


class Phone(Protocol):
    """What the desk needs from a phone (see module docstring)."""

    @property
    def mode(self) -> str:
        """ "baresip" or "hand-off"."""
        ...

    @property
    def has_call_state(self) -> bool:
        """Whether events (ringing, answered, ended) will arrive."""
        ...

    def subscribe(self, listener: Listener) -> None: ...
    def dial(self, number: str) -> None: ...
    def hangup(self) -> None: ...
    def hold(self, on: bool) -> None: ...
    def mute(self, on: bool) -> None: ...
    def send_dtmf(self, digits: str) -> None: ...
    def close(self) -> None: ...
