"""Applying work to cases: notes, contacts, promises, plans, callbacks and case edits.

These functions are the one implementation used by `POST /sync/push` (via `apply_ops`: one
transaction per batch, one SAVEPOINT per op, idempotent per (user, op_id)) and by the desk routes (which call the
`create_*` / `propose_plan` / `update_case` functions inside their own unit of work and turn
`OpRejected` into an HTTP error with `exc.to_api_error()`).

Rules: notes, contacts and promises (and plans, callbacks) are append-only facts; they are
accepted for a case the author can see now or has held at some point (the work happened; the
new assignee sees it). Case edits need the case in the author's scope now and the current
`version`. Every write records a change for the sync feed.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, time
from typing import Any, cast
from zoneinfo import ZoneInfo

from sqlalchemy import Table, bindparam, exists, select, update
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from app.domain.errors import DomainError
from app.protocol.sync import (
    CallbackPayload,
    CaseUpdatePayload,
    ContactPayload,
    NotePayload,
    OpResult,
    PlanPayload,
    PromisePayload,
    PushOp,
)
from app.server.api.deps import can_see_case
from app.server.audit import audit
from app.server.changes import changes_mark, discard_changes_since, record_change
from app.server.errors import ApiError
from app.server.models import (
    AppliedOp,
    Callback,
    Case,
    CaseAssignment,
    ContactAttempt,
    Note,
    Phone,
    Plan,
    Promise,
    User,
    utcnow,
)
from app.server.services import plan_adapter, policy_adapter
from app.server.settings import Settings

log = logging.getLogger(__name__)

_HTTP_STATUS = {"not_found": 404, "stale_version": 409, "conflict": 409}


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
    case = session.get(Case, str(case_id), with_for_update=lock)
    if case is None or not can_see_case(user, case):
        raise OpRejected("not_found", "case not found")
    return case


def case_for_fact(session: Session, user: User, case_id: str) -> Case:
    """The case if `user` sees it now or held it at some point (append-only facts)."""
    case = session.get(Case, str(case_id))
    if case is None:
        raise OpRejected("not_found", "case not found")
    if can_see_case(user, case):
        return case
    held = CaseAssignment.case_id == case.id
    if user.role == "team_lead" and user.team_id is not None:
        held &= (CaseAssignment.user_id == user.id) | (CaseAssignment.team_id == user.team_id)
    else:
        held &= CaseAssignment.user_id == user.id
    if session.scalar(select(exists().where(held))):
        return case
    raise OpRejected("not_found", "case not found")


_FACT_OK = "collection_desk.fact_cases"


def check_fact_access(session: Session, user: User, case_id: str) -> None:
    """Like `case_for_fact` without loading the case; positive answers are cached on the
    session (having held a case stays true for ever)."""
    key = (user.id, str(case_id))
    cache: set[tuple[int, str]] = session.info.setdefault(_FACT_OK, set())
    if key in cache:
        return
    case_for_fact(session, user, str(case_id))
    cache.add(key)


def _fresh_id(session: Session, model: Any, entity_id: str) -> str:
    if session.get(model, str(entity_id)) is not None:
        raise OpRejected("conflict", f"{model.__tablename__} id already exists")
    return str(entity_id)


# --- appliers -----------------------------------------------------------------------------


def _note_values(
    session: Session, user: User, case_id: str, nid: str, payload: NotePayload
) -> dict[str, Any]:
    check_fact_access(session, user, case_id)
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
        "created_at": payload.created_at,
    }


def create_note(
    session: Session, user: User, *, case_id: str, note_id: str, payload: NotePayload
) -> Note:
    """Append a note (the desk route's path; returns the ORM row)."""
    case_id = str(case_id)
    nid = _fresh_id(session, Note, note_id)
    note = Note(**_note_values(session, user, case_id, nid, payload))
    session.add(note)
    record_change(session, entity="note", entity_id=nid, case_id=case_id)
    return note


_NOTES = cast(Table, Note.__table__)


def push_note(
    session: Session,
    user: User,
    *,
    case_id: str,
    note_id: str,
    payload: NotePayload,
    record: dict[str, Any] | None = None,
) -> bool:
    """Append a note with one Core INSERT (the push path). A reused id raises IntegrityError,
    which `apply_ops` answers as `duplicate` (same op) or `conflict` (another op).

    With `record` (the op's idempotency row) on PostgreSQL, note and record go in ONE
    statement (a data-modifying CTE): one round trip less per op. Returns True if the
    record was written."""
    case_id = str(case_id)
    values = {
        **_note_values(session, user, case_id, str(note_id), payload),
        "received_at": utcnow(),
    }
    conn = session.connection()
    written = record is not None and conn.dialect.name == "postgresql"
    if written:
        conn.execute(_NOTE_AND_RECORD_PG, {**values, **{f"r_{k}": v for k, v in record.items()}})  # type: ignore[union-attr]
    else:
        conn.execute(_NOTES.insert(), values)
    record_change(session, entity="note", entity_id=str(note_id), case_id=case_id)
    return written


def create_contact(
    session: Session,
    user: User,
    *,
    case_id: str,
    contact_id: str,
    payload: ContactPayload,
    settings: Settings,
) -> ContactAttempt:
    case = case_for_fact(session, user, case_id)
    cid = _fresh_id(session, ContactAttempt, contact_id)
    phone = None
    if payload.phone_id is not None:
        phone = session.get(Phone, payload.phone_id)
        if phone is None or phone.borrower_id != case.borrower_id:
            raise OpRejected("invalid_reference", "phone not found for this borrower")
    violation = policy_adapter.check_contact(
        session, settings, case=case, phone=phone, payload=payload
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
    )
    session.add(attempt)
    record_change(session, entity="contact_attempt", entity_id=cid, case_id=case.id)
    if violation:
        audit(
            session,
            actor=user,
            action="contact.policy_violation",
            entity="contact_attempt",
            entity_id=cid,
            details={"case_id": case.id, "reasons": violation},
        )
    if case.last_contact_at is None or payload.started_at > case.last_contact_at:
        case.last_contact_at = payload.started_at
        record_change(session, entity="case", entity_id=case.id, case_id=case.id)
    return attempt


def _set_next_action(session: Session, case: Case, at: datetime, kind: str) -> None:
    if case.next_action_at is None or at < case.next_action_at:
        case.next_action_at = at
        case.next_action_kind = kind
        record_change(session, entity="case", entity_id=case.id, case_id=case.id)


def create_promise(
    session: Session,
    user: User,
    *,
    case_id: str,
    promise_id: str,
    payload: PromisePayload,
    settings: Settings,
) -> Promise:
    case = case_for_fact(session, user, case_id)
    pid = _fresh_id(session, Promise, promise_id)
    if payload.promised_on < business_today(settings, payload.created_at):
        raise OpRejected("validation_error", "promised_on is before the promise was made")
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
    if case.status != "closed":
        tz = ZoneInfo(settings.lender_timezone)
        _set_next_action(
            session, case, datetime.combine(payload.promised_on, time(9), tz), "promise_due"
        )
    return promise


def create_callback(
    session: Session, user: User, *, case_id: str, callback_id: str, payload: CallbackPayload
) -> Callback:
    case = case_for_fact(session, user, case_id)
    cbid = _fresh_id(session, Callback, callback_id)
    callback = Callback(
        id=cbid, case_id=case.id, agent_id=user.id, due_at=payload.due_at, note=payload.note
    )
    session.add(callback)
    record_change(session, entity="callback", entity_id=cbid, case_id=case.id)
    if case.status != "closed":
        _set_next_action(session, case, payload.due_at, "callback")
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
    becomes `pending_approval`, within it `approved`; other broken rules reject the op."""
    case = case_for_fact(session, user, case_id)
    pid = _fresh_id(session, Plan, plan_id)
    today = business_today(settings, payload.created_at)
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
    return plan


def case_current(case: Case) -> dict[str, Any]:
    return {
        "version": case.version,
        "flags": list(case.flags or []),
        "debtor_unreachable": case.debtor_unreachable,
    }


def update_case(
    session: Session, user: User, *, case_id: str, base_version: int, payload: CaseUpdatePayload
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
    return case


# --- push --------------------------------------------------------------------------------

_ENTITY = {
    "note.create": "note",
    "contact.create": "contact_attempt",
    "promise.create": "promise",
    "plan.propose": "plan",
    "callback.create": "callback",
    "case.update": "case",
}


def _check_values(payload: Any) -> None:
    """Refuse what the database would choke on: naive instants, NUL characters."""
    for name, value in payload:
        if isinstance(value, datetime) and value.utcoffset() is None:
            raise OpRejected("validation_error", f"{name}: timestamp needs a timezone")
        if isinstance(value, str) and "\x00" in value:
            raise OpRejected("validation_error", f"{name}: NUL character not allowed")
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 2**62:
            raise OpRejected("validation_error", f"{name}: value out of range")


def _dispatch(session: Session, user: User, op: PushOp, settings: Settings) -> str | None:
    """Apply one op in `session`; returns an optional message for the result."""
    cid, eid = str(op.case_id), str(op.entity_id)
    _check_values(op.payload)
    if op.kind == "note.create":
        push_note(session, user, case_id=cid, note_id=eid, payload=op.payload)
    elif op.kind == "contact.create":
        c = create_contact(
            session, user, case_id=cid, contact_id=eid, payload=op.payload, settings=settings
        )
        if c.policy_violation:
            return f"recorded with policy violation: {c.policy_violation}"
    elif op.kind == "promise.create":
        create_promise(
            session, user, case_id=cid, promise_id=eid, payload=op.payload, settings=settings
        )
    elif op.kind == "plan.propose":
        plan = propose_plan(
            session, user, case_id=cid, plan_id=eid, payload=op.payload, settings=settings
        )
        return f"plan {plan.status}"
    elif op.kind == "callback.create":
        create_callback(session, user, case_id=cid, callback_id=eid, payload=op.payload)
    elif op.kind == "case.update":
        case = update_case(
            session, user, case_id=cid, base_version=op.base_version, payload=op.payload
        )
        return f"version {case.version}"
    return None


def _stored(session: Session, user_id: int, op_id: str) -> OpResult | None:
    return _stored_many(session, user_id, [op_id]).get(op_id)


def _stored_many(session: Session, user_id: int, op_ids: list[str]) -> dict[str, OpResult]:
    rows = session.execute(
        select(AppliedOp.op_id, AppliedOp.result).where(
            AppliedOp.user_id == user_id, AppliedOp.op_id.in_(op_ids)
        )
    ).all()
    return {
        op_id: OpResult.model_validate({**result, "status": "duplicate"}) for op_id, result in rows
    }


def _rejected(op: PushOp, rej: OpRejected) -> OpResult:
    return OpResult(
        op_id=op.op_id,
        status="rejected",
        code=rej.code,
        message=rej.message,
        entity=_ENTITY[op.kind],  # type: ignore[arg-type]
        entity_id=str(op.entity_id),
        current=rej.current,
    )


def apply_op(
    factory: sessionmaker[Session], user: User, op: PushOp, settings: Settings
) -> OpResult:
    """Apply one op (a batch of one); idempotent per (user, op_id)."""
    return apply_ops(factory, user, [op], settings)[0]


_APPLIED = cast(Table, AppliedOp.__table__)
_RECORD_COLUMNS = ("user_id", "op_id", "kind", "result", "created_at")
_NOTE_COLUMNS = (
    "id", "case_id", "author_id", "text", "disposition", "next_action_on", "amends",
    "created_at", "received_at",
)  # fmt: skip


def _note_and_record_statement() -> Any:
    """PostgreSQL: insert the note and, from its RETURNING, the op's idempotency record."""
    note = (
        _NOTES.insert()
        .values({c: bindparam(c, type_=_NOTES.c[c].type) for c in _NOTE_COLUMNS})
        .returning(_NOTES.c.id)
        .cte("new_note")
    )
    return _APPLIED.insert().from_select(
        list(_RECORD_COLUMNS),
        select(
            *(bindparam(f"r_{c}", type_=_APPLIED.c[c].type) for c in _RECORD_COLUMNS)
        ).select_from(note),
    )


_NOTE_AND_RECORD_PG = _note_and_record_statement()


def _record(user: User, op: PushOp, result: OpResult) -> dict[str, Any]:
    return {
        "user_id": user.id,
        "op_id": str(op.op_id),
        "kind": op.kind,
        "result": result.model_dump(mode="json"),
        "created_at": utcnow(),
    }


def _applied(op: PushOp, message: str | None) -> OpResult:
    return OpResult(
        op_id=op.op_id,
        status="applied",
        message=message,
        entity=_ENTITY[op.kind],  # type: ignore[arg-type]
        entity_id=str(op.entity_id),
    )


def _apply_note_pg(session: Session, user: User, op: PushOp) -> OpResult:
    """PostgreSQL, note ops: the same SAVEPOINT discipline in two round trips. The savepoint
    is never released (a new `SAVEPOINT op` nests; ROLLBACK TO undoes only the latest one,
    this op's); COMMIT ends them all. Only Core statements run inside, so the ORM state needs
    no snapshot."""
    mark = changes_mark(session)
    conn = session.connection()
    conn.exec_driver_sql("SAVEPOINT op")
    try:
        _check_values(op.payload)
        result = _applied(op, None)
        push_note(
            session,
            user,
            case_id=str(op.case_id),
            note_id=str(op.entity_id),
            payload=cast(NotePayload, op.payload),
            record=_record(user, op, result),
        )
        return result
    except (OpRejected, IntegrityError, DataError) as exc:
        conn.exec_driver_sql("ROLLBACK TO SAVEPOINT op")
        discard_changes_since(session, mark)
        return _after_failure(session, user, op, exc)


def _after_failure(
    session: Session, user: User, op: PushOp, exc: OpRejected | IntegrityError | DataError
) -> OpResult:
    # a concurrent push of the same op may have committed meanwhile (or the same op came
    # earlier in this batch)
    if (stored := _stored(session, user.id, str(op.op_id))) is not None:
        return stored
    if isinstance(exc, OpRejected):
        return _rejected(op, exc)
    if isinstance(exc, IntegrityError):
        return _rejected(op, OpRejected("conflict", "entity id already exists"))
    log.warning("op %s refused by the database: %s", op.kind, type(exc.orig).__name__)
    return _rejected(op, OpRejected("validation_error", "a value cannot be stored"))


def _apply_nested(session: Session, user: User, op: PushOp, settings: Settings) -> OpResult:
    """One op in its own SAVEPOINT of the batch transaction: applied with its idempotency
    record, or rolled back to the savepoint (nothing of it stays, the other ops are untouched).

    Concurrent pushes of the same op race on the entity's primary key and the unique
    (user, op_id) record: the loser blocks until the winner commits, gets IntegrityError
    in its savepoint and answers the winner's stored result (`duplicate`)."""
    mark = changes_mark(session)
    savepoint = session.begin_nested()
    try:
        if op.kind == "note.create":  # the common op: note and record in one statement
            _check_values(op.payload)
            result = _applied(op, None)
            written = push_note(
                session,
                user,
                case_id=str(op.case_id),
                note_id=str(op.entity_id),
                payload=op.payload,
                record=_record(user, op, result),
            )
        else:
            result = _applied(op, _dispatch(session, user, op, settings))
            session.flush()
            written = False
        if not written:
            session.connection().execute(_APPLIED.insert(), _record(user, op, result))
        savepoint.commit()
        return result
    except (OpRejected, IntegrityError, DataError) as exc:
        savepoint.rollback()
        discard_changes_since(session, mark)
        return _after_failure(session, user, op, exc)


def apply_ops(
    factory: sessionmaker[Session], user: User, ops: list[PushOp], settings: Settings
) -> list[OpResult]:
    """Apply a batch in ONE transaction, each op in its own SAVEPOINT: a rejected or failing
    op rolls back only its savepoint and never blocks the rest. Ops already recorded for this
    user answer `duplicate` with their stored result.

    The batch gets one change seq and one durable COMMIT; nothing is answered before that
    COMMIT returns. If it fails, the exception propagates (the request answers 5xx, nothing
    of the batch was applied) and the client resends the batch (its ops are idempotent).
    The route caps a batch at MAX_PUSH_BATCH ops, which keeps the transaction short.
    """
    with factory() as session:
        if session.get_bind().dialect.name == "sqlite":
            # pysqlite would only BEGIN at the first write, making the first SAVEPOINT the
            # outer transaction (its RELEASE would commit). Take the write lock up front:
            # concurrent batches queue here, and the read below is already under it.
            session.connection().exec_driver_sql("BEGIN IMMEDIATE")
        pg = session.get_bind().dialect.name == "postgresql"
        stored = _stored_many(session, user.id, [str(op.op_id) for op in ops])
        results: list[OpResult] = []
        for op in ops:
            done = stored.get(str(op.op_id))
            if done is not None:
                results.append(done)
            elif pg and op.kind == "note.create":
                results.append(_apply_note_pg(session, user, op))
            else:
                results.append(_apply_nested(session, user, op, settings))
        session.commit()
        return results
