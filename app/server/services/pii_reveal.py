"""Revealing one clear PII value (ID number, a phone number, the bank card) with a reason.

Only for a case in the caller's scope; every reveal is written to the audit log (PIPL
Art. 51) with the field, the phone id, the reason code and the note, never the clear value.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.protocol.desk import RevealRequest, RevealResponse
from app.server.audit import audit
from app.server.errors import not_found
from app.server.models import Borrower, Phone, User
from app.server.services.case_detail import visible_case


def reveal(session: Session, user: User, case_id: str, req: RevealRequest) -> RevealResponse:
    """The clear value of `req.field` for the case's borrower; audited."""
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
    session.commit()
    return RevealResponse(field=req.field, phone_id=req.phone_id, value=value)
