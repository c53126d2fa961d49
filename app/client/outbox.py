"""The outbox: local changes waiting to be pushed (DESIGN.md §4 "Push").

`enqueue` is always called inside the same transaction that writes the local entity, and
an outbox row is deleted only by `record_ack`, inside the transaction that stores the
server's acknowledgement. Ops the server rejects stay (status 'rejected') until the agent
discards or retries them; they never block the pending ones behind them.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from app.client.store.schema import CHILD_TABLES

# op kind -> wire entity kind of the entity it creates (case.update edits the case)
OP_ENTITY: dict[str, str] = {
    "note.create": "note",
    "contact.create": "contact_attempt",
    "contact.end": "contact_attempt",  # the phone's end of a dialled attempt (dial_attempts)
    "promise.create": "promise",
    "plan.propose": "plan",
    "callback.create": "callback",
    "case.update": "case",
    "agreement.export": "case",  # audited on the server; nothing stored locally
}


@dataclass(frozen=True, slots=True)
class OutboxOp:
    """One queued op as stored locally."""

    seq: int
    op_id: str
    kind: str
    case_id: str
    entity_id: str
    base_version: int | None
    payload: dict[str, Any]
    created_at: str
    attempts: int
    status: str

    def to_wire(self) -> dict[str, Any]:
        """The op as `POST /sync/push` expects it (app.protocol.sync.PushOp)."""
        op: dict[str, Any] = {
            "op_id": self.op_id,
            "kind": self.kind,
            "case_id": self.case_id,
            "entity_id": self.entity_id,
            "payload": self.payload,
        }
        if self.kind == "case.update":
            op["base_version"] = self.base_version or 0
        return op


def enqueue(
    conn: sqlite3.Connection,
    *,
    kind: str,
    case_id: str,
    entity_id: str,
    payload: dict[str, Any],
    base_version: int | None = None,
    now: datetime | None = None,
) -> str:
    """Add an op inside the caller's transaction; returns its new op_id."""
    if kind not in OP_ENTITY:
        raise ValueError(f"unknown op kind {kind!r}")
    op_id = str(uuid.uuid4())
    created = (now or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="microseconds")
    conn.execute(
        "INSERT INTO outbox(op_id, kind, case_id, entity_id, base_version, payload, created_at) "
        "VALUES (?,?,?,?,?,?,?)",
        (
            op_id,
            kind,
            case_id,
            entity_id,
            base_version,
            json.dumps(payload, ensure_ascii=False),
            created,
        ),
    )
    return op_id


def _row(r: tuple[Any, ...]) -> OutboxOp:
    return OutboxOp(r[0], r[1], r[2], r[3], r[4], r[5], json.loads(r[6]), r[7], r[8], r[9])


_COLS = "seq, op_id, kind, case_id, entity_id, base_version, payload, created_at, attempts, status"


def pending(conn: sqlite3.Connection, *, limit: int, after_seq: int = 0) -> list[OutboxOp]:
    """The oldest pending ops after `after_seq`, in queue order."""
    rows = conn.execute(
        f"SELECT {_COLS} FROM outbox WHERE status='pending' AND seq > ? ORDER BY seq LIMIT ?",
        (after_seq, limit),
    ).fetchall()
    return [_row(r) for r in rows]


def get(conn: sqlite3.Connection, op_id: str) -> OutboxOp | None:
    r = conn.execute(f"SELECT {_COLS} FROM outbox WHERE op_id=?", (op_id,)).fetchone()
    return None if r is None else _row(r)


def counts(conn: sqlite3.Connection) -> tuple[int, int]:
    """(pending, rejected) op counts."""
    got = dict(conn.execute("SELECT status, count(*) FROM outbox GROUP BY status").fetchall())
    return int(got.get("pending", 0)), int(got.get("rejected", 0))


def _entity_table(kind: str) -> str | None:
    return CHILD_TABLES.get(OP_ENTITY.get(kind, ""))


def record_ack(
    conn: sqlite3.Connection,
    op: OutboxOp,
    status: str,
    *,
    entity: str | None = None,
    entity_id: str | None = None,
    now: datetime | None = None,
) -> None:
    """Store the server's 'applied'/'duplicate' answer and delete the op (caller's txn)."""
    at = (now or datetime.now(UTC)).isoformat(timespec="microseconds")
    conn.execute(
        "INSERT OR REPLACE INTO acks(op_id, status, entity, entity_id, acked_at) "
        "VALUES (?,?,?,?,?)",
        (op.op_id, status, entity, entity_id or op.entity_id, at),
    )
    conn.execute("DELETE FROM outbox WHERE op_id=?", (op.op_id,))
    if op.kind == "case.update" and op.base_version is not None:
        # the server's case is now at least one version past the edit's base: an edit made
        # before the next pull is based on that, not on the version we pulled last
        conn.execute(
            "UPDATE cases SET version=max(version, ?) WHERE id=?",
            (op.base_version + 1, op.case_id),
        )
    table = _entity_table(op.kind)
    if table is None:
        return
    case_here = conn.execute("SELECT 1 FROM cases WHERE id=?", (op.case_id,)).fetchone()
    if case_here:
        # The server has it now; the next pull brings the server's version of the row.
        conn.execute(
            f"UPDATE {table} SET local_state='synced', gen=0 WHERE id=? AND local_state!='synced'",
            (op.entity_id,),
        )
    else:
        # The case left our view meanwhile: the fact lives on the server, not here.
        conn.execute(f"DELETE FROM {table} WHERE id=?", (op.entity_id,))


def record_rejection(
    conn: sqlite3.Connection,
    op: OutboxOp,
    *,
    code: str | None,
    message: str | None,
    current: dict[str, Any] | None,
) -> None:
    """Keep the op visible as rejected (caller's txn)."""
    conn.execute(
        "UPDATE outbox SET status='rejected', code=?, last_error=?, current=?, "
        "attempts=attempts+1 WHERE op_id=?",
        (
            code,
            message,
            None if current is None else json.dumps(current, ensure_ascii=False),
            op.op_id,
        ),
    )
    table = _entity_table(op.kind)
    if table is not None:
        conn.execute(f"UPDATE {table} SET local_state='rejected' WHERE id=?", (op.entity_id,))


def record_attempt_failure(conn: sqlite3.Connection, op_ids: list[str], error: str) -> None:
    """Count a failed delivery attempt (network error) without changing status."""
    conn.executemany(
        "UPDATE outbox SET attempts=attempts+1, last_error=? WHERE op_id=?",
        [(error, op_id) for op_id in op_ids],
    )


def discard(conn: sqlite3.Connection, op_id: str) -> OutboxOp | None:
    """Drop a rejected op and its local-only entity (caller's txn)."""
    op = get(conn, op_id)
    if op is None or op.status != "rejected":
        return None
    conn.execute("DELETE FROM outbox WHERE op_id=?", (op_id,))
    table = _entity_table(op.kind)
    if table is not None:
        conn.execute(f"DELETE FROM {table} WHERE id=? AND local_state!='synced'", (op.entity_id,))
    return op


def retry(conn: sqlite3.Connection, op_id: str) -> OutboxOp | None:
    """Put a rejected op back into the queue (caller's txn)."""
    op = get(conn, op_id)
    if op is None or op.status != "rejected":
        return None
    conn.execute(
        "UPDATE outbox SET status='pending', code=NULL, current=NULL WHERE op_id=?", (op_id,)
    )
    table = _entity_table(op.kind)
    if table is not None:
        conn.execute(f"UPDATE {table} SET local_state='pending' WHERE id=?", (op.entity_id,))
    return op
