"""Before a call: the server's contact-policy answer for a number, and dialling it.

`contact_check` answers "may this number be dialled now?" with every reason and the next
allowed time. `dial` is what the desk calls right before handing a number to the softphone:
the same check, then the clear number (the desk only ever holds masked numbers). A blocked
number is refused (409 policy_blocked with the reasons) unless a team lead or an admin gives
an override reason and the block may be overridden (not a case flag or a forbidden party:
app.domain.contact_policy_reasons.can_override). Every dial request is written to the audit
log (PIPL Art. 51: a clear number left the server, and why), overrides as
`contact.policy_override_dial`, refusals as `contact.dial_refused`; an agent's requests are
rate-limited in the database (services/dial_rate: 429 `dial_rate_limited`, Retry-After).
Every dial allowed is recorded as a provisional contact attempt that counts against the
caps at once (app.server.services.dial_attempts); the answer carries its id.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from app.domain.contact_policy import PolicyDecision
from app.domain.contact_policy_reasons import can_override
from app.protocol.desk import ContactCheck, DialAnswer, DialRequest, PolicyReason
from app.server import scope
from app.server.audit import audit
from app.server.errors import ApiError, not_found
from app.server.models import Case, Phone, User
from app.server.services import dial_attempts, dial_rate, policy_adapter
from app.server.settings import Settings

OVERRIDE_ROLES = ("team_lead", "admin")


def _case_and_phone(
    session: Session, user: User, case_id: str, phone_id: str
) -> tuple[Case, Phone]:
    try:
        case = scope.visible_case(session, user, case_id)
    except scope.OutOfScope:
        raise not_found("case") from None
    phone = session.get(Phone, phone_id)
    if phone is None or phone.borrower_id != case.borrower_id:
        raise not_found("phone")
    return case, phone


def _decide(
    session: Session, settings: Settings, case: Case, phone: Phone, now: datetime
) -> PolicyDecision:
    # every call up to and including `now` is history for a call placed now
    return policy_adapter.decide(
        session,
        settings,
        case=case,
        phone=phone,
        at=now,
        history_before=now + timedelta(microseconds=1),
    )


def _reasons(decision: PolicyDecision) -> list[PolicyReason]:
    return [
        PolicyReason(code=r.code, message_zh=r.message_zh, message_en=r.message_en)
        for r in decision.reasons
    ]


def contact_check(
    session: Session,
    user: User,
    settings: Settings,
    *,
    case_id: str,
    phone_id: str,
    now: datetime,
) -> ContactCheck:
    """May this number of the case be dialled now? Reasons and next allowed time if not."""
    case, phone = _case_and_phone(session, user, case_id, phone_id)
    decision = _decide(session, settings, case, phone, now)
    return ContactCheck(
        case_id=case.id,
        phone_id=phone.id,
        allowed=decision.allowed,
        reasons=_reasons(decision),
        next_allowed_at=None if decision.allowed else decision.next_allowed_at,
        checked_at=now,
        profile=settings.contact_policy_profile,
    )


def _judge(
    session: Session, user: User, settings: Settings, case_id: str, req: DialRequest, now: datetime
) -> tuple[Case, Phone, PolicyDecision, bool]:
    """(case, phone, decision, overridden), or the ApiError that refuses the dial."""
    case, phone = _case_and_phone(session, user, case_id, req.phone_id)
    decision = _decide(session, settings, case, phone, now)
    if decision.allowed:
        return case, phone, decision, False
    reasons = _reasons(decision)
    if req.override_reason is None:
        raise ApiError(
            409,
            "policy_blocked",
            "; ".join(r.message_en for r in reasons),
            {
                "reasons": [r.model_dump() for r in reasons],
                "next_allowed_at": decision.next_allowed_at.isoformat()
                if decision.next_allowed_at
                else None,
            },
        )
    if user.role not in OVERRIDE_ROLES:
        raise ApiError(403, "forbidden", "only a team lead may override the contact policy")
    if not can_override([r.code for r in reasons]):
        raise ApiError(
            409,
            "policy_blocked",
            "a case flag or a forbidden party cannot be overridden",
            {"reasons": [r.model_dump() for r in reasons], "next_allowed_at": None},
        )
    return case, phone, decision, True


def _audit_refusal(
    session: Session, user: User, case_id: str, req: DialRequest, exc: ApiError
) -> None:
    reasons = exc.details.get("reasons") or []
    audit(
        session,
        actor=user,
        action=dial_rate.REFUSED,
        entity="phone",
        entity_id=req.phone_id,
        details={
            "case_id": case_id,
            "status": exc.status_code,
            "code": exc.code,
            "reasons": [r["code"] for r in reasons if isinstance(r, dict) and "code" in r],
            "override_reason": req.override_reason,
        },
    )


def dial(
    session: Session,
    user: User,
    settings: Settings,
    *,
    case_id: str,
    req: DialRequest,
    now: datetime,
) -> DialAnswer:
    """The clear number to dial, after the rate and policy checks (see module docstring).

    Every request is audited, refused ones included (`contact.dial_refused` with the
    status and code: a case out of scope, an unknown phone, a policy block, an override
    not allowed; `contact.dial_rate_limited` for the rate), and the audit row is committed
    before the refusal is raised."""
    dial_rate.serialize(session, user)
    dial_rate.check(session, user, settings, case_id=case_id, phone_id=req.phone_id, now=now)
    try:
        case, phone, decision, overridden = _judge(session, user, settings, case_id, req, now)
    except ApiError as exc:
        _audit_refusal(session, user, case_id, req, exc)
        session.commit()
        raise
    reasons = _reasons(decision)
    attempt_id = dial_attempts.open_attempt(
        session,
        user,
        case=case,
        phone=phone,
        attempt_id=str(req.attempt_id) if req.attempt_id else None,
        now=now,
        violation="; ".join(r.code for r in reasons)[:500] if overridden else None,
        override_reason=req.override_reason if overridden else None,
    )
    audit(
        session,
        actor=user,
        action=dial_rate.OVERRIDE_DIAL if overridden else dial_rate.DIAL,
        entity="phone",
        entity_id=phone.id,
        details={
            "case_id": case.id,
            "reasons": [r.code for r in reasons],
            "override_reason": req.override_reason if overridden else None,
            "attempt_id": attempt_id,
        },
    )
    session.commit()
    return DialAnswer(
        case_id=case.id,
        phone_id=phone.id,
        number=phone.number,
        allowed=decision.allowed,
        overridden=overridden,
        reasons=reasons,
        checked_at=now,
        attempt_id=attempt_id,
    )
