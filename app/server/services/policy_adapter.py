"""Server-side contact-policy check of a recorded call (app.domain.contact_policy).

The call already happened, so a breach does not reject the op: the contact is stored with
`policy_violation` (the reason codes) and audited. Only outbound calls to a known number are
checked; history is every call to the borrower's numbers in the 8 days before the attempt.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.contact_policy import ContactEvent, PolicyProfile, evaluate_contact, load_profile
from app.protocol.sync import ContactPayload
from app.server.models import Case, ContactAttempt, Phone
from app.server.settings import Settings

log = logging.getLogger(__name__)

CONNECTED = frozenset({"right_party", "third_party", "refused", "hung_up", "wrong_number"})


@lru_cache(maxsize=8)
def _profile(name: str) -> PolicyProfile:
    return load_profile(name)


def history(session: Session, case: Case, before: datetime) -> list[ContactEvent]:
    rows = session.execute(
        select(ContactAttempt.started_at, ContactAttempt.phone_id, ContactAttempt.disposition)
        .join(Case, Case.id == ContactAttempt.case_id)
        .where(
            Case.borrower_id == case.borrower_id,
            ContactAttempt.channel == "outbound_call",
            ContactAttempt.started_at < before,
            ContactAttempt.started_at >= before - timedelta(days=8),
        )
        .order_by(ContactAttempt.started_at)
    ).all()
    return [
        ContactEvent(
            at=at,
            number_id=pid or "",
            connected=disp in CONNECTED,
            conversation=disp == "right_party",
        )
        for at, pid, disp in rows
    ]


def check_contact(
    session: Session,
    settings: Settings,
    *,
    case: Case,
    phone: Phone | None,
    payload: ContactPayload,
) -> str | None:
    """Reason codes ("night_time; ...") when the recorded call broke the policy, else None."""
    if payload.channel != "outbound_call" or phone is None:
        return None
    decision = evaluate_contact(
        _profile(settings.contact_policy_profile),
        now=payload.started_at,
        borrower_tz=phone.timezone,
        number_owner=phone.owner,
        flags=set(case.flags or []),
        debtor_unreachable=case.debtor_unreachable,
        history=history(session, case, payload.started_at),
        number_id=phone.id,
    )
    if decision.allowed:
        return None
    return "; ".join(r.code for r in decision.reasons)[:500]
