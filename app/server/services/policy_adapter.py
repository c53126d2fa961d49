"""The contact policy on the server (app.domain.contact_policy over the stored history).

`decide` answers before a call (contact-check, dial); `check_contact` judges a recorded call:
the call already happened, so a breach does not reject the op — the contact is stored with
`policy_violation` (the reason codes) and audited. Only outbound calls to a known number are
checked; history is every call to the borrower's numbers in the 8 days before the attempt.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.contact_history import CALL_CHANNEL, contact_history
from app.domain.contact_policy import (
    ContactEvent,
    PolicyDecision,
    PolicyProfile,
    evaluate_contact,
    load_profile,
)
from app.protocol.sync import ContactPayload
from app.server.models import Case, ContactAttempt, Phone
from app.server.settings import Settings

log = logging.getLogger(__name__)


@lru_cache(maxsize=8)
def profile(name: str) -> PolicyProfile:
    return load_profile(name)


def history(session: Session, case: Case, before: datetime) -> list[ContactEvent]:
    """The borrower's calls in the 8 days before `before`, as policy events (the one rule
    of app.domain.contact_history; the desk builds its history the same way)."""
    rows = session.execute(
        select(
            ContactAttempt.channel,
            ContactAttempt.disposition,
            ContactAttempt.started_at,
            ContactAttempt.phone_id,
        )
        .join(Case, Case.id == ContactAttempt.case_id)
        .where(
            Case.borrower_id == case.borrower_id,
            ContactAttempt.channel == CALL_CHANNEL,
            ContactAttempt.started_at < before,
            ContactAttempt.started_at >= before - timedelta(days=8),
        )
        .order_by(ContactAttempt.started_at)
    ).all()
    return contact_history((ch, disp, at, pid) for ch, disp, at, pid in rows)


def decide(
    session: Session,
    settings: Settings,
    *,
    case: Case,
    phone: Phone,
    at: datetime,
    history_before: datetime,
) -> PolicyDecision:
    """The policy's answer for dialling `phone` of `case` at `at`, given the borrower's calls
    before `history_before` (the attempt itself is not part of its own history)."""
    return evaluate_contact(
        profile(settings.contact_policy_profile),
        now=at,
        borrower_tz=phone.timezone,
        number_owner=phone.owner,
        flags=set(case.flags or []),
        debtor_unreachable=case.debtor_unreachable,
        history=history(session, case, history_before),
        number_id=phone.id,
    )


def check_contact(
    session: Session,
    settings: Settings,
    *,
    case: Case,
    phone: Phone | None,
    payload: ContactPayload,
) -> str | None:
    """Reason codes ("night_time; ...") when the recorded call broke the policy, else None."""
    if payload.channel != CALL_CHANNEL or phone is None:
        return None
    at = payload.started_at
    decision = decide(session, settings, case=case, phone=phone, at=at, history_before=at)
    if decision.allowed:
        return None
    return "; ".join(r.code for r in decision.reasons)[:500]
