"""Before dialing: the contact policy's answer for one number, as the dial button shows it.

The answer comes from the local store (the case's flags and contact history; the one rule
of app.domain.contact_history) evaluated at the moment of dialing, so the desk can answer
offline; the server checks again on `POST /cases/{id}/dial` and when the attempt arrives.
Allowed, or blocked with every reason and the next allowed time in the BORROWER's zone.
A team lead (or admin) may override a block that is not a case flag or a forbidden party,
with a reason (audited on the server).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.client.views import PhoneView, PolicyView
from app.domain.business_day import DEFAULT_LENDER_TIMEZONE
from app.domain.contact_policy_reasons import can_override

OVERRIDE_ROLES = frozenset({"team_lead", "admin"})


@dataclass(frozen=True, slots=True)
class DialCheck:
    """The dial guard's answer for one number at one instant."""

    phone_id: str
    number_masked: str
    owner: str
    allowed: bool
    codes: tuple[str, ...]
    messages_zh: tuple[str, ...]
    messages_en: tuple[str, ...]
    next_allowed_at: datetime | None  # None while blocked: not before a flag is lifted
    borrower_tz: str
    overridable: bool  # the caller may dial anyway, with a reason

    def messages(self, lang: str) -> tuple[str, ...]:
        return self.messages_zh if lang.startswith("zh") else self.messages_en

    def next_allowed_local(self) -> str:
        """ "2026-12-03 08:00 (Asia/Shanghai)": the next allowed time in the borrower's zone."""
        if self.next_allowed_at is None:
            return ""
        try:
            zone = ZoneInfo(self.borrower_tz)
        except (ZoneInfoNotFoundError, ValueError):
            zone = ZoneInfo(DEFAULT_LENDER_TIMEZONE)
        local = self.next_allowed_at.astimezone(zone)
        return f"{local:%Y-%m-%d %H:%M} ({self.borrower_tz})"


def dial_check(phone: PhoneView, decision: PolicyView | None, *, role: str) -> DialCheck:
    """Combine the policy's answer for `phone` with who is dialling. No answer (no profile,
    or the engine refused the input) is a block: the desk never dials blind."""
    if decision is None:
        return DialCheck(
            phone.id,
            phone.number_masked,
            phone.owner,
            False,
            ("policy_unavailable",),
            ("联系策略不可用，无法判断能否拨打",),
            ("the contact policy is unavailable: cannot tell whether this number may be called",),
            None,
            phone.timezone,
            False,
        )
    return DialCheck(
        phone_id=phone.id,
        number_masked=phone.number_masked,
        owner=phone.owner,
        allowed=decision.allowed,
        codes=decision.reasons,
        messages_zh=decision.messages_zh,
        messages_en=decision.messages_en,
        next_allowed_at=None if decision.allowed else decision.next_allowed_at,
        borrower_tz=phone.timezone,
        overridable=(not decision.allowed)
        and role in OVERRIDE_ROLES
        and can_override(list(decision.reasons)),
    )
