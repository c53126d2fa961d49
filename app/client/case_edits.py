"""Local edits of a case's editable fields (flags, debtor unreachable) and their `case.update`
ops (DESIGN.md §4: edits carry the server version they were based on).

An edit is applied to the local case at once (the contact policy sees a new "cease" or
"do not call" immediately) and queued in the same transaction. Edits made one after another
before the first reaches the server are chained: each op's `base_version` is the version the
server will have after the pending edit before it. Until the server has answered, a pulled
copy of the case does not undo the edit (`reapply_pending`). A rejected edit (someone changed
the case meanwhile) puts back what the server holds (`restore_current`) and waits in "needs
attention": retrying it applies the agent's edit over the newer state, discarding keeps the
server's.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any

from app.client import local_next_action, outbox
from app.client.store import LocalStore

KIND = "case.update"


def _payload(flags: Iterable[str] | None, debtor_unreachable: bool | None) -> dict[str, Any]:
    # imported on the first edit, not on the way to the first painted worklist (pydantic)
    from app.client import fact_writes
    from app.protocol.sync import CaseUpdatePayload

    values = {
        "flags": None if flags is None else sorted(set(flags)),
        "debtor_unreachable": debtor_unreachable,
    }
    return fact_writes.validate_model(CaseUpdatePayload, values, exclude_none=True)


def queue_case_update(
    store: LocalStore,
    case_id: str,
    *,
    flags: Iterable[str] | None = None,
    debtor_unreachable: bool | None = None,
) -> str | None:
    """Apply the edit locally and queue it; the op id, or None when nothing changes.
    Raises DomainError for an unknown flag, fact_writes.UnknownCase for a case not stored here."""
    from app.client.fact_writes import UnknownCase

    payload = _payload(flags, debtor_unreachable)
    with store.transaction() as tx:
        row = tx.execute(
            "SELECT version, flags, debtor_unreachable FROM cases WHERE id=?", (case_id,)
        ).fetchone()
        if row is None:
            raise UnknownCase(case_id)
        current = {"flags": sorted(json.loads(row[1])), "debtor_unreachable": bool(row[2])}
        if all(current[k] == v for k, v in payload.items()):
            return None
        chained = tx.execute(
            "SELECT max(base_version) FROM outbox WHERE kind=? AND case_id=? AND status='pending'",
            (KIND, case_id),
        ).fetchone()[0]
        base = int(row[0]) if chained is None else int(chained) + 1
        _apply(tx, case_id, payload)
        return outbox.enqueue(
            tx, kind=KIND, case_id=case_id, entity_id=case_id, payload=payload, base_version=base
        )


def _apply(conn: sqlite3.Connection, case_id: str, values: dict[str, Any]) -> None:
    """Write editable fields into the case row and its stored bundle (caller's txn)."""
    if "flags" in values:
        flags = json.dumps(sorted(values["flags"]), ensure_ascii=False)
        conn.execute("UPDATE cases SET flags=? WHERE id=?", (flags, case_id))
        conn.execute(
            "UPDATE case_data SET data=json_set(data, '$.flags', json(?)) WHERE id=?",
            (flags, case_id),
        )
        local_next_action.refresh(conn, [case_id])  # a flag that stops dialing: no action
    if "debtor_unreachable" in values:
        on = 1 if values["debtor_unreachable"] else 0
        conn.execute("UPDATE cases SET debtor_unreachable=? WHERE id=?", (on, case_id))
        conn.execute(
            "UPDATE case_data SET data=json_set(data, '$.debtor_unreachable', json(?)) WHERE id=?",
            ("true" if on else "false", case_id),
        )


def reapply_pending(conn: sqlite3.Connection, case_ids: Iterable[str]) -> None:
    """After pulled copies of these cases were stored: put back the edits not yet answered
    by the server, oldest first (caller's txn)."""
    ids = list(case_ids)
    if not ids:
        return
    marks = ",".join("?" * len(ids))
    for case_id, payload in conn.execute(
        f"SELECT case_id, payload FROM outbox WHERE kind=? AND status='pending' "
        f"AND case_id IN ({marks}) ORDER BY seq",
        (KIND, *ids),
    ).fetchall():
        _apply(conn, case_id, json.loads(payload))


def restore_current(conn: sqlite3.Connection, case_id: str, current: dict[str, Any] | None) -> None:
    """A rejected edit: show what the server holds again (`current` of the rejection)."""
    if not current:
        return
    values: dict[str, Any] = {
        k: current[k] for k in ("flags", "debtor_unreachable") if k in current
    }
    _apply(conn, case_id, values)
    if "version" in current:
        conn.execute("UPDATE cases SET version=? WHERE id=?", (int(current["version"]), case_id))


def rebase(conn: sqlite3.Connection, op_id: str) -> None:
    """A rejected edit the agent retries: base it on the newest version known here and apply
    it locally again (their edit goes over the newer state)."""
    row = conn.execute(
        "SELECT o.case_id, o.payload, c.version FROM outbox o JOIN cases c ON c.id = o.case_id "
        "WHERE o.op_id=? AND o.kind=?",
        (op_id, KIND),
    ).fetchone()
    if row is None:
        return
    conn.execute("UPDATE outbox SET base_version=? WHERE op_id=?", (int(row[2]), op_id))
    _apply(conn, row[0], json.loads(row[1]))


__all__ = ["queue_case_update", "reapply_pending", "rebase", "restore_current"]
