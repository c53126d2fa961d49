"""Local writes of append-only facts (notes, contacts, promises, plans, callbacks) + outbox,
and of events the server only audits (an agreement exported).

Each write validates its payload with the wire model (app.protocol.sync), stores the
local row as 'pending' and queues the op in the same SQLite transaction. The server's
version of the row replaces the local one on the next pull.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ValidationError

from app.client import local_next_action, outbox
from app.client.store import LocalStore
from app.domain.errors import DomainError
from app.protocol.sync import (
    AgreementExportPayload,
    CallbackPayload,
    ContactPayload,
    NotePayload,
    PlanPayload,
    PromisePayload,
)

# op kind -> (payload model, local table, time field of the local row)
FACTS: dict[str, tuple[type[BaseModel], str, str]] = {
    "note.create": (NotePayload, "notes", "created_at"),
    "contact.create": (ContactPayload, "contacts", "started_at"),
    "promise.create": (PromisePayload, "promises", "created_at"),
    "callback.create": (CallbackPayload, "callbacks", "due_at"),
    "plan.propose": (PlanPayload, "plans", "created_at"),
}


# op kind -> payload model of ops that only tell the server something happened here (it
# audits them); no local row, only the outbox op
EVENTS: dict[str, type[BaseModel]] = {
    "agreement.export": AgreementExportPayload,
}


class UnknownCase(LookupError):
    """The case is not in the local store."""


def validate(kind: str, payload: dict[str, Any]) -> dict[str, Any]:
    """The payload as the wire model accepts it (JSON types); DomainError when invalid."""
    return validate_model(FACTS[kind][0], payload)


def validate_model(
    model: type[BaseModel], payload: dict[str, Any], *, exclude_none: bool = False
) -> dict[str, Any]:
    """`payload` as `model` accepts it (JSON types); DomainError naming the first bad field."""
    try:
        return model.model_validate(payload).model_dump(mode="json", exclude_none=exclude_none)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(x) for x in err.get("loc", ())) or "payload"
        raise DomainError(field, str(err.get("msg", "invalid"))) from exc


def queue_fact(
    store: LocalStore,
    *,
    kind: str,
    case_id: str,
    payload: dict[str, Any],
    extra: dict[str, Any],
    author_field: str,
    user: str,
) -> str:
    """Validate, write the local row and the outbox op in one transaction; the entity id."""
    clean = validate(kind, payload)
    with store.transaction() as tx:
        require_case(tx, case_id)
        entity_id = insert_fact(
            tx,
            kind=kind,
            case_id=case_id,
            clean=clean,
            extra=extra,
            author_field=author_field,
            user=user,
        )
        if kind == "note.create":
            tx.execute("DELETE FROM drafts WHERE case_id=?", (case_id,))
        if kind in local_next_action.FACT_KINDS:
            local_next_action.refresh(tx, [case_id])
    return entity_id


def queue_event(store: LocalStore, *, kind: str, case_id: str, payload: dict[str, Any]) -> str:
    """Validate and queue an event op (`EVENTS`) for a case in the store; its new id."""
    clean = validate_model(EVENTS[kind], payload)
    event_id = str(uuid.uuid4())
    with store.transaction() as tx:
        require_case(tx, case_id)
        outbox.enqueue(tx, kind=kind, case_id=case_id, entity_id=event_id, payload=clean)
    return event_id


def require_case(tx: sqlite3.Connection, case_id: str) -> None:
    """UnknownCase unless the case is in the store (inside the caller's transaction)."""
    if tx.execute("SELECT 1 FROM cases WHERE id=?", (case_id,)).fetchone() is None:
        raise UnknownCase(case_id)


def insert_fact(
    tx: sqlite3.Connection,
    *,
    kind: str,
    case_id: str,
    clean: dict[str, Any],
    extra: dict[str, Any],
    author_field: str,
    user: str,
    entity_id: str | None = None,
) -> str:
    """Write a validated fact (`clean`, from `validate`) as a local 'pending' row and queue
    its op, inside the caller's transaction; returns the entity id."""
    _model, table, time_field = FACTS[kind]
    entity_id = entity_id or str(uuid.uuid4())
    data = {"id": entity_id, "case_id": case_id, author_field: user, **clean, **extra}
    at = str(clean.get(time_field) or datetime.now(UTC).isoformat())
    at = (
        datetime.fromisoformat(at.replace("Z", "+00:00"))
        .astimezone(UTC)
        .isoformat(timespec="microseconds")
    )
    tx.execute(
        f"INSERT INTO {table}(id, case_id, at, data, local_state, gen) "
        "VALUES (?,?,?,?, 'pending', 0)",
        (entity_id, case_id, at, json.dumps(data, ensure_ascii=False)),
    )
    outbox.enqueue(tx, kind=kind, case_id=case_id, entity_id=entity_id, payload=clean)
    return entity_id
