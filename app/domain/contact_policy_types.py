"""Value types of the contact-policy engine: profiles, history events, windows, decisions.

A :class:`PolicyProfile` is plain data (loaded from ``resources/policies/*.yaml`` by
:mod:`app.domain.contact_policy_loader`); :func:`app.domain.contact_policy.evaluate_contact`
answers with a :class:`PolicyDecision`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, time
from typing import Literal

NumberOwner = Literal["borrower", "related", "emergency", "unrelated"]
ThirdPartyRule = Literal["allowed", "requires_unreachable", "forbidden"]

#: The profile a server and a desk use unless configured (the server's
#: `contact_policy_profile`; the desk takes the server's at sign-in).
DEFAULT_POLICY_PROFILE = "cn"

NUMBER_OWNERS: tuple[str, ...] = ("borrower", "related", "emergency", "unrelated")
THIRD_PARTY_RULES: tuple[str, ...] = ("allowed", "requires_unreachable", "forbidden")

#: Flags that stop dialing under every profile (a profile may add more, never remove these).
MANDATORY_BLOCKING_FLAGS: frozenset[str] = frozenset(
    {"do_not_call", "cease", "dispute", "hardship", "complaint", "legal_hold"}
)


@dataclass(frozen=True, slots=True)
class LocalWindow:
    """A daily wall-clock window in the borrower's zone: ``[start, end)``.

    ``start > end`` wraps midnight (22:00-08:00); ``start == end`` means the whole day.
    """

    start: time
    end: time

    def contains(self, wall: time) -> bool:
        """Whether the wall-clock time lies inside the window."""
        if self.start == self.end:
            return True
        if self.start < self.end:
            return self.start <= wall < self.end
        return wall >= self.start or wall < self.end


@dataclass(frozen=True, slots=True)
class Interval:
    """An absolute interval ``[start, end)`` of aware instants (e.g. "not this week")."""

    start: datetime
    end: datetime

    def contains(self, at: datetime) -> bool:
        """Whether the instant lies inside the interval."""
        return self.start <= at < self.end


Window = LocalWindow | Interval


@dataclass(frozen=True, slots=True)
class ContactEvent:
    """One past call attempt on the case.

    ``connected``: someone answered; ``conversation``: a telephone conversation about the
    debt took place (Regulation F's 7-day rule); ``number_id`` identifies the dialled number.
    """

    at: datetime
    number_id: str
    connected: bool
    conversation: bool = False


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a contact is blocked: a stable code and the message in Chinese and English."""

    code: str
    message_zh: str
    message_en: str


@dataclass(frozen=True, slots=True)
class PolicyDecision:
    """The answer: allowed, or blocked with every reason and the next allowed instant.

    ``next_allowed_at`` is ``now`` when allowed, the earliest later instant at which every
    rule allows when blocked for a while, and ``None`` when blocked indefinitely (a flag, a
    forbidden third party, or no allowed time within the search horizon).
    """

    allowed: bool
    reasons: tuple[Reason, ...]
    next_allowed_at: datetime | None

    @property
    def codes(self) -> tuple[str, ...]:
        """The reason codes, in order."""
        return tuple(r.code for r in self.reasons)


@dataclass(frozen=True, slots=True)
class PolicyProfile:
    """A contact policy as data. ``None`` for a limit means "no such limit".

    - ``call_window``: the daily wall-clock window (borrower's zone) in which calls are allowed.
    - ``honour_agreed_windows``: windows the borrower agreed to extend the call window.
    - ``honour_inconvenient_windows``: windows the borrower called inconvenient block calls.
    - ``max_connected_per_day``: connected calls per debtor per borrower-local day (all agents).
    - ``max_unanswered_per_number_per_day``: unanswered attempts per number per local day.
    - ``max_attempts_in_period`` / ``attempt_period_days``: call attempts per debt within that
      many consecutive borrower-local calendar days (rolling).
    - ``quiet_days_after_conversation``: no call on the day of a conversation about the debt
      and the following ``n - 1`` days.
    - ``third_party``: per number owner other than the borrower, a :data:`ThirdPartyRule`.
    - ``blocking_flags``: case flags that stop dialing (always includes the mandatory ones).
    """

    name: str
    call_window: LocalWindow
    honour_agreed_windows: bool = True
    honour_inconvenient_windows: bool = True
    max_connected_per_day: int | None = None
    max_unanswered_per_number_per_day: int | None = None
    max_attempts_in_period: int | None = None
    attempt_period_days: int = 7
    quiet_days_after_conversation: int | None = None
    third_party: Mapping[str, str] = field(default_factory=dict)
    blocking_flags: frozenset[str] = MANDATORY_BLOCKING_FLAGS
    description: str = ""

    def __hash__(self) -> int:  # the mapping field is not hashable; hash its items
        return hash((self.name, self.call_window, tuple(sorted(self.third_party.items()))))
