"""Recording work on a case from the desk routes, idempotent by the client-generated id.

The appliers are the same as for `POST /sync/push` (app.server.services.ops). Sending the
same id again returns what was stored (`created=False`); an id already used for something
else (another case or author) is a conflict. A plan beyond the author's authority comes back
`pending_approval`; a contact that broke the policy comes back flagged (and audited).

Who may write is app.server.scope's rule, the same as for `POST /sync/push`: a former holder's
fact made during their holding and sent within the grace period is recorded; otherwise 403
`case_not_held` / `handover_grace_expired` / `plan_not_holder` (audited as `write.refused`),
or 404 for a case the caller never held.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.protocol.desk import CallbackCreate, ContactCreate, NoteCreate, PlanCreate, PromiseCreate
from app.protocol.sync import (
    CallbackPayload,
    ContactEndPayload,
    ContactPayload,
    NotePayload,
    PlanPayload,
    PromisePayload,
)
from app.server import scope
from app.server.errors import ApiError
from app.server.models import Callback, ContactAttempt, Note, Plan, Promise, User, utcnow
from app.server.services import bundles, dial_attempts, ops
from app.server.settings import Settings


@dataclass(frozen=True, slots=True)
class Recorded:
    """The stored entity as its wire payload, and whether this call created it."""

    data: Any
    created: bool


# entity kind -> (model, author column name, serializer)
_KINDS: dict[str, tuple[type[Any], str, Callable[[Any], Any]]] = {
    "note": (Note, "author_id", bundles.note_data),
    "contact_attempt": (ContactAttempt, "agent_id", bundles.contact_data),
    "promise": (Promise, "agent_id", bundles.promise_data),
    "plan": (Plan, "author_id", bundles.plan_data),
    "callback": (Callback, "agent_id", bundles.callback_data),
}


def _existing(session: Session, kind: str, entity_id: str, case_id: str, user: User) -> Any:
    model, author_col, to_data = _KINDS[kind]
    row = session.get(model, entity_id)
    if row is None:
        return None
    if kind == "contact_attempt" and dial_attempts.awaits_wrap_up(session, entity_id):
        return None  # a dialled attempt: the wrap-up completes it (ops.create_contact)
    if row.case_id != case_id or getattr(row, author_col) != user.id:
        raise ApiError(409, "conflict", f"{kind} id already used")
    return to_data(row)


_OP_KIND = {
    "note": "note.create",
    "contact_attempt": "contact.create",
    "promise": "promise.create",
    "plan": "plan.propose",
    "callback": "callback.create",
}


def _record(
    session: Session,
    user: User,
    kind: str,
    case_id: str,
    entity_id: str,
    gate: Callable[[], Any],
    apply: Callable[[], Any],
) -> Recorded:
    """`gate` checks the caller may write this to the case (raises OpRejected); then the
    stored entity for a repeated id, or `apply` creates it."""
    try:
        gate()
        if (stored := _existing(session, kind, entity_id, case_id, user)) is not None:
            return Recorded(stored, created=False)
        row = apply()
        session.commit()
    except ops.OpRejected as rej:
        session.rollback()
        if rej.code in scope.REFUSAL_CODES:
            scope.record_refusal(session, user, case_id=case_id, kind=_OP_KIND[kind], code=rej.code)
            session.commit()
        raise rej.to_api_error() from rej
    except IntegrityError:
        # the same id sent twice at once: the other request won, answer with its result
        session.rollback()
        if (stored := _existing(session, kind, entity_id, case_id, user)) is not None:
            return Recorded(stored, created=False)
        raise
    _model, _col, to_data = _KINDS[kind]
    session.refresh(row)
    return Recorded(to_data(row), created=True)


def _payload(model: type[Any], body: Any) -> Any:
    return model.model_validate(body.model_dump(exclude={"id"}))


def _fact_gate(
    session: Session, user: User, settings: Settings, case_id: str, made_at: datetime
) -> Callable[[], None]:
    return lambda: ops.check_fact_access(session, user, case_id, made_at=made_at, settings=settings)


def record_note(
    session: Session, user: User, settings: Settings, case_id: str, body: NoteCreate
) -> Recorded:
    eid = str(body.id)
    return _record(
        session,
        user,
        "note",
        case_id,
        eid,
        _fact_gate(session, user, settings, case_id, body.created_at),
        lambda: ops.create_note(
            session,
            user,
            case_id=case_id,
            note_id=eid,
            payload=_payload(NotePayload, body),
            settings=settings,
        ),
    )


def record_contact(
    session: Session, user: User, settings: Settings, case_id: str, body: ContactCreate
) -> Recorded:
    eid = str(body.id)
    return _record(
        session,
        user,
        "contact_attempt",
        case_id,
        eid,
        _fact_gate(session, user, settings, case_id, body.started_at),
        lambda: ops.create_contact(
            session,
            user,
            case_id=case_id,
            contact_id=eid,
            payload=_payload(ContactPayload, body),
            settings=settings,
        ),
    )


def end_contact(
    session: Session,
    user: User,
    settings: Settings,
    case_id: str,
    attempt_id: str,
    body: ContactEndPayload,
) -> Any:
    """The phone's end event of a dialled attempt; the attempt as stored (idempotent)."""
    try:
        row = ops.end_contact(
            session, user, case_id=case_id, attempt_id=attempt_id, payload=body, settings=settings
        )
        session.commit()
    except ops.OpRejected as rej:
        session.rollback()
        if rej.code in scope.REFUSAL_CODES:
            scope.record_refusal(session, user, case_id=case_id, kind="contact.end", code=rej.code)
            session.commit()
        raise rej.to_api_error() from rej
    session.refresh(row)
    return bundles.contact_data(row)


def record_promise(
    session: Session, user: User, settings: Settings, case_id: str, body: PromiseCreate
) -> Recorded:
    eid = str(body.id)
    return _record(
        session,
        user,
        "promise",
        case_id,
        eid,
        _fact_gate(session, user, settings, case_id, body.created_at),
        lambda: ops.create_promise(
            session,
            user,
            case_id=case_id,
            promise_id=eid,
            payload=_payload(PromisePayload, body),
            settings=settings,
        ),
    )


def record_plan(
    session: Session, user: User, settings: Settings, case_id: str, body: PlanCreate
) -> Recorded:
    eid = str(body.id)
    return _record(
        session,
        user,
        "plan",
        case_id,
        eid,
        lambda: ops.case_for_plan(session, user, case_id),
        lambda: ops.propose_plan(
            session,
            user,
            case_id=case_id,
            plan_id=eid,
            payload=_payload(PlanPayload, body),
            settings=settings,
        ),
    )


def record_callback(
    session: Session, user: User, settings: Settings, case_id: str, body: CallbackCreate
) -> Recorded:
    eid = str(body.id)
    return _record(
        session,
        user,
        "callback",
        case_id,
        eid,
        _fact_gate(session, user, settings, case_id, body.created_at or utcnow()),
        lambda: ops.create_callback(
            session,
            user,
            case_id=case_id,
            callback_id=eid,
            payload=_payload(CallbackPayload, body),
            settings=settings,
        ),
    )
