"""Revealing one clear PII value (ID number, a phone number, the bank card) with a reason.

Only for a case in the caller's scope; every reveal is written to the audit log (PIPL
Art. 51) with the field, the phone id, the reason code and the note, never the clear value;
past the daily threshold the lead is told (services/reveal_watch).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from app.protocol.desk import RevealRequest, RevealResponse
from app.server.audit import audit
from app.server.errors import not_found
from app.server.models import Borrower, Phone, User
from app.server.services import reveal_watch
from app.server.services.case_detail import visible_case
from app.server.settings import Settings


def reveal(
    session: Session,
    user: User,
    case_id: str,
    req: RevealRequest,
    *,
    settings: Settings,
    now: datetime,
    today: date,
) -> RevealResponse:
    """The clear value of `req.field` for the case's borrower; audited, and counted against
    the user's daily threshold (services/reveal_watch)."""
    case = visible_case(session, user, case_id)
    borrower = session.get(Borrower, case.borrower_id)
    if borrower is None:
        raise not_found("borrower")
    value: str | None
    if req.field == "id_number":
        value = borrower.id_number
    elif req.field == "bank_card":
        value = borrower.bank_card
    else:
        phone = session.get(Phone, req.phone_id) if req.phone_id else None
        if phone is None or phone.borrower_id != borrower.id:
            raise not_found("phone")
        value = phone.number
    if not value:
        raise not_found(req.field)
    audit(
        session,
        actor=user,
        action="pii.reveal",
        entity="borrower",
        entity_id=borrower.id,
        details={
            "case_id": case.id,
            "field": req.field,
            "phone_id": req.phone_id,
            "reason": req.reason,
            "note": req.note,
        },
    )
    reveal_watch.note_reveal(session, user, settings, now=now, today=today)
    session.commit()
    return RevealResponse(field=req.field, phone_id=req.phone_id, value=value)
