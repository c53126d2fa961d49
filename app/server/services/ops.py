"""Applying work to cases: notes, contacts, promises, plans, callbacks and case edits.

These functions are the one implementation used by `POST /sync/push` (`services/push.py`:
one transaction per batch, one SAVEPOINT per op, idempotent per (user, op_id)) and by the desk routes (which call the
`create_*` / `propose_plan` / `update_case` functions inside their own unit of work and turn
`OpRejected` into an HTTP error with `exc.to_api_error()`).

Rules (app.server.scope decides them): notes, contacts, promises and callbacks are
append-only facts, accepted from whoever sees the case now, and from a former holder when made
during their holding and delivered within the grace period after the hand-over (the work
happened; the new assignee sees it). A plan is a decision: only whoever sees the case now
proposes one. Case edits need the case in the author's scope now and the current `version`.
Every write records a change for the sync feed.
"""

from __future__ import annotations

import logging
from datetime import date, datetime
from typing import Any, cast
from zoneinfo import ZoneInfo

from sqlalchemy import Table, update
from sqlalchemy.orm import Session

from app.domain.contact_policy_reasons import can_override
from app.domain.errors import DomainError
from app.protocol.sync import (
    AgreementExportPayload,
    CallbackPayload,
    CaseUpdatePayload,
    ContactEndPayload,
    ContactPayload,
    NotePayload,
    PlanPayload,
    PromisePayload,
)
from app.server import scope
from app.server.audit import audit
from app.server.changes import record_change
from app.server.errors import ApiError
from app.server.models import (
    Callback,
    Case,
    ContactAttempt,
    Note,
    Phone,
    Plan,
    Promise,
    User,
    utcnow,
)
from app.server.services import (
    call_rules,
    dial_attempts,
    next_actions,
    plan_adapter,
    plan_booking,
    policy_adapter,
)
from app.server.services.call_bucket import bucket_at_call
from app.server.settings import Settings

log = logging.getLogger(__name__)

_HTTP_STATUS = {
    "not_found": 404,
    "stale_version": 409,
    "conflict": 409,
    "not_reached": 409,  # a connected outcome for a call the phone reported unanswered
    **dict.fromkeys(scope.REFUSAL_CODES, 403),
}


class OpRejected(Exception):
    """An op that changes nothing: stable `code`, a message, and for stale edits `current`."""

    def __init__(self, code: str, message: str, current: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.current = current

    def to_api_error(self) -> ApiError:
        details = {"current": self.current} if self.current is not None else {}
        return ApiError(_HTTP_STATUS.get(self.code, 422), self.code, self.message, details)


def business_today(settings: Settings, now: datetime | None = None) -> date:
    return (now or utcnow()).astimezone(ZoneInfo(settings.lender_timezone)).date()


# --- scope ------------------------------------------------------------------------------


def case_in_scope(session: Session, user: User, case_id: str, *, lock: bool = False) -> Case:
    """The case if `user` can see it now, else OpRejected(not_found)."""
    try:
        return scope.visible_case(session, user, case_id, lock=lock)
    except scope.OutOfScope:
        raise OpRejected("not_found", "case not found") from None


def _scope_rejection(exc: scope.OutOfScope | scope.WriteRefused) -> OpRejected:
    if isinstance(exc, scope.WriteRefused):
        return OpRejected(exc.code, exc.message)
    return OpRejected("not_found", "case not found")


def check_fact_access(
    session: Session, user: User, case_id: str, *, made_at: datetime, settings: Settings
) -> None:
    """May `user` record a fact made at `made_at` on the case (app.server.scope.check_fact:
    the holder now, or a former holder within their holding and the grace period)? Else
    OpRejected (`not_found`, `case_not_held`, `handover_grace_expired`)."""
    try:
        scope.check_fact(
            session, user, str(case_id), made_at=made_at, rules=scope.Handover.of(settings)
        )
    except (scope.OutOfScope, scope.WriteRefused) as exc:
        raise _scope_rejection(exc) from None


def case_for_fact(
    session: Session, user: User, case_id: str, *, made_at: datetime, settings: Settings
) -> Case:
    """`check_fact_access`, then the case."""
    check_fact_access(session, user, case_id, made_at=made_at, settings=settings)
    case = session.get(Case, str(case_id))
    assert case is not None  # checked above
    return case


def case_for_plan(session: Session, user: User, case_id: str) -> Case:
    """The case if `user` may propose a plan on it (whoever sees it now), else OpRejected
    (`plan_not_holder` for a former holder, `not_found`)."""
    try:
        return scope.plan_case(session, user, str(case_id))
    except (scope.OutOfScope, scope.WriteRefused) as exc:
        raise _scope_rejection(exc) from None


def _fresh_id(session: Session, model: Any, entity_id: str) -> str:
    if session.get(model, str(entity_id)) is not None:
        raise OpRejected("conflict", f"{model.__tablename__} id already exists")
    return str(entity_id)


# --- appliers -----------------------------------------------------------------------------


def note_values(
    session: Session,
    user: User,
    case_id: str,
    nid: str,
    payload: NotePayload,
    settings: Settings,
) -> dict[str, Any]:
    check_fact_access(session, user, case_id, made_at=payload.created_at, settings=settings)
    if payload.amends is not None:
        target = session.get(Note, str(payload.amends))
        if target is None or target.case_id != case_id:
            raise OpRejected("invalid_reference", "amended note not found on this case")
    return {
        "id": nid,
        "case_id": case_id,
        "author_id": user.id,
        "text": payload.text,
        "disposition": payload.disposition,
        "next_action_on": payload.next_action_on,
        "amends": str(payload.amends) if payload.amends else None,
        "contact_id": str(payload.contact_id) if payload.contact_id else None,
        "banned_phrases": call_rules.banned_phrases(payload.text, list(payload.banned_phrases)),
        "created_at": payload.created_at,
    }


def create_note(
    session: Session,
    user: User,
    *,
    case_id: str,
    note_id: str,
    payload: NotePayload,
    settings: Settings,
) -> Note:
    """Append a note (the desk route's path; returns the ORM row)."""
    case_id = str(case_id)
    nid = _fresh_id(session, Note, note_id)
    note = Note(**note_values(session, user, case_id, nid, payload, settings))
    session.add(note)
    record_change(session, entity="note", entity_id=nid, case_id=case_id)
    return note


NOTES_TABLE = cast(Table, Note.__table__)


def create_contact(
    session: Session,
    user: User,
    *,
    case_id: str,
    contact_id: str,
    payload: ContactPayload,
    settings: Settings,
) -> ContactAttempt:
    case = case_for_fact(session, user, case_id, made_at=payload.started_at, settings=settings)
    if (dialled := dial_attempts.dialled(session, str(contact_id))) is not None:
        try:  # the wrap-up of a call dialled through the server completes its attempt
            return dial_attempts.wrap_up(session, user, case=case, row=dialled, payload=payload)
        except dial_attempts.AttemptRejected as rej:
            raise OpRejected(rej.code, rej.message) from None
    cid = _fresh_id(session, ContactAttempt, contact_id)
    phone = None
    if payload.phone_id is not None:
        phone = session.get(Phone, payload.phone_id)
        if phone is None or phone.borrower_id != case.borrower_id:
            raise OpRejected("invalid_reference", "phone not found for this borrower")
    violation = policy_adapter.check_contact(
        session, settings, case=case, phone=phone, payload=payload
    )
    # only a team lead or an admin may override a block; an override from anyone else (a
    # tampered desk) is not honoured: the attempt is still recorded, as a violation
    override = (
        payload.override_reason
        if user.role in ("team_lead", "admin") and violation and can_override(violation.split("; "))
        else None
    )
    attempt = ContactAttempt(
        id=cid,
        case_id=case.id,
        agent_id=user.id,
        phone_id=phone.id if phone else None,
        channel=payload.channel,
        disposition=payload.disposition,
        reason=payload.reason,
        started_at=payload.started_at,
        duration_s=payload.duration_s,
        recording_ref=payload.recording_ref,
        policy_violation=violation,
        result=payload.result,
        override_reason=override,
        bucket=bucket_at_call(
            session,
            case,
            payload.started_at,
            today=business_today(settings),
            tz=ZoneInfo(settings.lender_timezone),
        ),
    )
    session.add(attempt)
    record_change(session, entity="contact_attempt", entity_id=cid, case_id=case.id)
    if violation:
        details: dict[str, Any] = {"case_id": case.id, "reasons": violation}
        if override:
            details["override_reason"] = override
        audit(
            session,
            actor=user,
            action="contact.policy_override" if override else "contact.policy_violation",
            entity="contact_attempt",
            entity_id=cid,
            details=details,
        )
    if call_rules.complete_due_callbacks(session, case, payload.started_at):
        refresh_next_action(session, case, settings)
    if case.last_contact_at is None or payload.started_at > case.last_contact_at:
        case.last_contact_at = payload.started_at
        record_change(session, entity="case", entity_id=case.id, case_id=case.id)
    return attempt


def refresh_next_action(session: Session, case: Case, settings: Settings) -> None:
    """Recompute the case's next action from its facts (app.domain.next_action)."""
    next_actions.refresh(session, [case], lender_timezone=settings.lender_timezone)


def end_contact(
    session: Session,
    user: User,
    *,
    case_id: str,
    attempt_id: str,
    payload: ContactEndPayload,
    settings: Settings,
) -> ContactAttempt:
    """The phone's end event of a dialled attempt (app.server.services.dial_attempts)."""
    case = case_for_fact(session, user, case_id, made_at=payload.ended_at, settings=settings)
    try:
        return dial_attempts.end(session, user, case=case, attempt_id=attempt_id, payload=payload)
    except dial_attempts.AttemptRejected as rej:
        raise OpRejected(rej.code, rej.message) from None


def create_promise(
    session: Session,
    user: User,
    *,
    case_id: str,
    promise_id: str,
    payload: PromisePayload,
    settings: Settings,
) -> Promise:
    case = case_for_fact(session, user, case_id, made_at=payload.created_at, settings=settings)
    pid = _fresh_id(session, Promise, promise_id)
    problems = call_rules.promise_problems(
        session,
        case,
        amount=payload.amount,
        promised_on=payload.promised_on,
        today=business_today(settings, payload.created_at),
        settings=settings,
    )
    if problems:
        raise OpRejected("validation_error", "; ".join(problems))
    promise = Promise(
        id=pid,
        case_id=case.id,
        agent_id=user.id,
        amount=payload.amount,
        promised_on=payload.promised_on,
        status="pending",
        created_at=payload.created_at,
    )
    session.add(promise)
    record_change(session, entity="promise", entity_id=pid, case_id=case.id)
    refresh_next_action(session, case, settings)
    return promise


def create_callback(
    session: Session,
    user: User,
    *,
    case_id: str,
    callback_id: str,
    payload: CallbackPayload,
    settings: Settings,
) -> Callback:
    scheduled = payload.created_at or utcnow()
    case = case_for_fact(session, user, case_id, made_at=scheduled, settings=settings)
    cbid = _fresh_id(session, Callback, callback_id)
    problems = call_rules.callback_problems(
        case, due_at=payload.due_at, scheduled_at=scheduled, settings=settings
    )
    if problems:
        raise OpRejected("validation_error", "; ".join(problems))
    callback = Callback(
        id=cbid,
        case_id=case.id,
        agent_id=user.id,
        due_at=payload.due_at,
        note=payload.note,
        created_at=scheduled,
    )
    session.add(callback)
    record_change(session, entity="callback", entity_id=cbid, case_id=case.id)
    refresh_next_action(session, case, settings)
    return callback


def propose_plan(
    session: Session,
    user: User,
    *,
    case_id: str,
    plan_id: str,
    payload: PlanPayload,
    settings: Settings,
) -> Plan:
    """Calculate with the domain plan calculator; beyond the author's authority the plan
    becomes `pending_approval`, within it `approved`; other broken rules reject the op.
    Only whoever sees the case now proposes (a former holder's plan: `plan_not_holder`)."""
    case = case_for_plan(session, user, case_id)
    pid = _fresh_id(session, Plan, plan_id)
    try:
        today = business_today(settings, payload.created_at)
    except OverflowError:  # 9999-12-31T23:00Z is past the last date in the lender's zone
        raise OpRejected("validation_error", "created_at: out of range") from None
    try:
        calc = plan_adapter.calculate(case, payload, role=user.role, today=today)
    except DomainError as exc:
        raise OpRejected("validation_error", str(exc)) from exc
    if calc.invalid:
        raise OpRejected("plan_invalid", "; ".join(calc.messages))
    status = "pending_approval" if calc.needs_approval else "approved"
    plan = Plan(
        id=pid,
        case_id=case.id,
        author_id=user.id,
        kind=payload.kind,
        status=status,
        down_payment=payload.down_payment,
        payments=payload.payments,
        frequency=payload.frequency,
        first_date=payload.first_date,
        new_term_months=payload.new_term_months,
        total=calc.total,
        waived_penalty=calc.waived_penalty,
        waived_fees=calc.waived_fees,
        waived_interest=calc.waived_interest,
        violations=list(calc.codes),
        inputs=payload.model_dump(mode="json"),
        approved_by_id=user.id if status == "approved" else None,
        decided_at=utcnow() if status == "approved" else None,
        made_on=today,
        created_at=payload.created_at,
    )
    plan.lines = [plan_adapter.line(pid, ln) for ln in calc.lines]
    session.add(plan)
    record_change(session, entity="plan", entity_id=pid, case_id=case.id)
    audit(
        session,
        actor=user,
        action=f"plan.{status}",
        entity="plan",
        entity_id=pid,
        details={"case_id": case.id, "violations": list(calc.codes)},
    )
    if status == "approved":  # agreed: a restructure rebooks the loan now
        session.flush()
        plan_booking.book_agreed_plan(session, user, plan, case, calc, today=today)
    refresh_next_action(session, case, settings)
    return plan


def record_agreement_export(
    session: Session, user: User, *, case_id: str, export_id: str, payload: AgreementExportPayload
) -> None:
    """Audit an agreement PDF the desk wrote (`export.agreement` on the case). Accepted for a
    case the author sees or has held at some point (the export happened, perhaps offline
    before a reassignment; it writes nothing to the case, only the audit trail); the details
    hold no personal data, only what kind of plan and whose."""
    try:
        scope.held_case(session, user, case_id)
    except scope.OutOfScope:
        raise OpRejected("not_found", "case not found") from None
    audit(
        session,
        actor=user,
        action="export.agreement",
        entity="case",
        entity_id=str(case_id),
        details={
            "export_id": str(export_id),
            "language": payload.language,
            "plan_kind": payload.plan_kind,
            "payments": payload.payments,
            "total": payload.total,
            "exported_at": payload.exported_at.isoformat(),
        },
    )


def case_current(case: Case) -> dict[str, Any]:
    return {
        "version": case.version,
        "flags": list(case.flags or []),
        "debtor_unreachable": case.debtor_unreachable,
    }


def update_case(
    session: Session,
    user: User,
    *,
    case_id: str,
    base_version: int,
    payload: CaseUpdatePayload,
    settings: Settings,
) -> Case:
    """Edit the case's editable fields; a stale `base_version` is rejected with `current`."""
    case = case_in_scope(session, user, case_id)
    if case.version != base_version:
        raise OpRejected("stale_version", "the case was changed meanwhile", case_current(case))
    before = case_current(case)
    values: dict[str, Any] = {"version": Case.version + 1, "updated_at": utcnow()}
    if payload.flags is not None:
        values["flags"] = sorted(set(payload.flags))
    if payload.debtor_unreachable is not None:
        values["debtor_unreachable"] = payload.debtor_unreachable
    done = session.execute(
        update(Case)
        .where(Case.id == case.id, Case.version == base_version)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    session.refresh(case)
    if done.rowcount != 1:  # type: ignore[attr-defined]
        raise OpRejected("stale_version", "the case was changed meanwhile", case_current(case))
    record_change(session, entity="case", entity_id=case.id, case_id=case.id)
    audit(
        session,
        actor=user,
        action="case.update",
        entity="case",
        entity_id=case.id,
        details={"before": before, "after": case_current(case)},
    )
    if payload.flags is not None:
        refresh_next_action(session, case, settings)
    return case


# --- push --------------------------------------------------------------------------------
