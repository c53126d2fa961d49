"""`POST /sync/push`: a batch of ops applied in one transaction, one SAVEPOINT per op.

Each op is atomic on its own (a rejected or failing op rolls back only its savepoint), is
idempotent per (user, op_id) through the `applied_ops` record, and is acknowledged only after
the batch's single COMMIT. The appliers themselves live in `app.server.services.ops`.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any, cast

import psycopg
from sqlalchemy import Table, bindparam, select
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from app.protocol.sync import (
    NotePayload,
    OpResult,
    PushOp,
)
from app.server import scope
from app.server.changes import changes_mark, discard_changes_since, record_change
from app.server.metrics import count_sync_ops
from app.server.models import (
    AppliedOp,
    User,
    utcnow,
)
from app.server.pg_prepared import PgStatement
from app.server.services.ops import (
    NOTES_TABLE,
    OpRejected,
    create_callback,
    create_contact,
    create_promise,
    end_contact,
    note_values,
    propose_plan,
    record_agreement_export,
    update_case,
)
from app.server.settings import Settings

log = logging.getLogger(__name__)


_ENTITY = {
    "note.create": "note",
    "contact.create": "contact_attempt",
    "contact.end": "contact_attempt",
    "promise.create": "promise",
    "plan.propose": "plan",
    "callback.create": "callback",
    "case.update": "case",
    "agreement.export": "case",
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
        push_note(session, user, case_id=cid, note_id=eid, payload=op.payload, settings=settings)
    elif op.kind == "contact.create":
        c = create_contact(
            session, user, case_id=cid, contact_id=eid, payload=op.payload, settings=settings
        )
        if c.policy_violation:
            return f"recorded with policy violation: {c.policy_violation}"
    elif op.kind == "contact.end":
        c = end_contact(
            session, user, case_id=cid, attempt_id=eid, payload=op.payload, settings=settings
        )
        return f"attempt {c.dial_state}"
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
        create_callback(
            session, user, case_id=cid, callback_id=eid, payload=op.payload, settings=settings
        )
    elif op.kind == "case.update":
        case = update_case(
            session,
            user,
            case_id=cid,
            base_version=op.base_version,
            payload=op.payload,
            settings=settings,
        )
        return f"version {case.version}"
    elif op.kind == "agreement.export":
        record_agreement_export(session, user, case_id=cid, export_id=eid, payload=op.payload)
        return "audited"
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
    "contact_id", "banned_phrases", "created_at", "received_at",
)  # fmt: skip


def _note_and_record_statement() -> Any:
    """PostgreSQL: insert the note and, from its RETURNING, the op's idempotency record."""
    note = (
        NOTES_TABLE.insert()
        .values({c: bindparam(c, type_=NOTES_TABLE.c[c].type) for c in _NOTE_COLUMNS})
        .returning(NOTES_TABLE.c.id)
        .cte("new_note")
    )
    return _APPLIED.insert().from_select(
        list(_RECORD_COLUMNS),
        select(
            *(bindparam(f"r_{c}", type_=_APPLIED.c[c].type) for c in _RECORD_COLUMNS)
        ).select_from(note),
    )


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


_NOTE_AND_RECORD_PREPARED = PgStatement(_note_and_record_statement())


def _apply_note_pg(session: Session, user: User, op: PushOp, settings: Settings) -> OpResult:
    """PostgreSQL, note ops: the same SAVEPOINT discipline in ONE round trip: `SAVEPOINT op`
    and the note + record statement (prepared) go out together in a psycopg pipeline. The
    savepoint is never released (a new `SAVEPOINT op` nests; ROLLBACK TO undoes only the
    latest one, this op's); COMMIT ends them all. Only Core statements run inside, so the ORM
    state needs no snapshot."""
    raw: psycopg.Connection[Any] = session.connection().connection.driver_connection  # type: ignore[assignment]
    try:
        _check_values(op.payload)
        payload = cast(NotePayload, op.payload)
        result = _applied(op, None)
        case_id, note_id = str(op.case_id), str(op.entity_id)
        values = {
            **_note_row(session, user, case_id, note_id, payload, settings),
            **{f"r_{k}": v for k, v in _record(user, op, result).items()},
        }
    except OpRejected as exc:  # nothing written yet
        return _after_failure(session, user, op, exc)
    try:
        with raw.pipeline():
            raw.execute("SAVEPOINT op")
            _NOTE_AND_RECORD_PREPARED.send(raw, values)
    except psycopg.errors.IntegrityError as exc:
        raw.execute("ROLLBACK TO SAVEPOINT op")
        return _after_failure(session, user, op, IntegrityError(None, None, exc))
    except psycopg.errors.DataError as exc:
        raw.execute("ROLLBACK TO SAVEPOINT op")
        return _after_failure(session, user, op, DataError(None, None, exc))
    # recorded only once the op stands (nothing to discard on the failure paths above)
    record_change(session, entity="note", entity_id=note_id, case_id=case_id)
    return result


def _after_failure(
    session: Session, user: User, op: PushOp, exc: OpRejected | IntegrityError | DataError
) -> OpResult:
    # a concurrent push of the same op may have committed meanwhile (or the same op came
    # earlier in this batch)
    if (stored := _stored(session, user.id, str(op.op_id))) is not None:
        return stored
    if isinstance(exc, OpRejected):
        if exc.code in scope.REFUSAL_CODES:
            scope.record_refusal(
                session, user, case_id=str(op.case_id), kind=op.kind, code=exc.code
            )
            session.flush()  # now, in the batch's transaction (outside any op's savepoint)
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
        result = _applied(op, _dispatch(session, user, op, settings))
        session.flush()
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
                results.append(_apply_note_pg(session, user, op, settings))
            else:
                results.append(_apply_nested(session, user, op, settings))
        session.commit()
    count_sync_ops(r.status for r in results)
    return results


def _note_row(
    session: Session,
    user: User,
    case_id: str,
    note_id: str,
    payload: NotePayload,
    settings: Settings,
) -> dict[str, Any]:
    """The notes row of a pushed note (checked: scope, amended note)."""
    values = note_values(session, user, case_id, note_id, payload, settings)
    return {**values, "received_at": utcnow()}


def push_note(
    session: Session,
    user: User,
    *,
    case_id: str,
    note_id: str,
    payload: NotePayload,
    settings: Settings,
) -> None:
    """Append a note with one Core INSERT (the push path). A reused id raises IntegrityError,
    which `apply_ops` answers as `duplicate` (same op) or `conflict` (another op). On
    PostgreSQL batches take `_apply_note_pg` instead (note and record in one statement)."""
    case_id = str(case_id)
    conn = session.connection()
    row = _note_row(session, user, case_id, str(note_id), payload, settings)
    conn.execute(NOTES_TABLE.insert(), row)
    record_change(session, entity="note", entity_id=str(note_id), case_id=case_id)
