"""The local store's read queries that the desk's services use (the SQL lives here, the
services turn the rows into views). Each function takes the calling thread's connection
and returns plain values: decoded JSON payloads, tuples, dicts."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from app.client.store.schema import CHILD_TABLE_NAMES

Payload = dict[str, Any]


def case_payloads(
    conn: sqlite3.Connection, case_id: str
) -> tuple[Payload, Payload, Payload] | None:
    """The case's, its borrower's and its loan's payloads; None unless all three are here."""
    row = conn.execute(
        "SELECT d.data, b.data, l.data FROM cases c JOIN case_data d ON d.id=c.id "
        "LEFT JOIN borrowers b ON b.id=c.borrower_id "
        "LEFT JOIN loans l ON l.id=c.loan_id WHERE c.id=?",
        (case_id,),
    ).fetchone()
    if row is None or row[1] is None or row[2] is None:
        return None
    case, borrower, loan = (json.loads(x) for x in row)
    return case, borrower, loan


def case_children(conn: sqlite3.Connection, case_id: str) -> dict[str, list[tuple[Payload, str]]]:
    """Per child table (contacts, notes, promises, plans, callbacks): (payload, local
    state) of the case's rows, newest first."""
    return {
        table: [
            (json.loads(d), s)
            for d, s in conn.execute(
                f"SELECT data, local_state FROM {table} WHERE case_id=? ORDER BY at DESC, id",
                (case_id,),
            )
        ]
        for table in CHILD_TABLE_NAMES
    }


def contacts_of_case(conn: sqlite3.Connection, case_id: str) -> list[Payload]:
    """The case's contact attempts (payloads)."""
    return [
        json.loads(d)
        for (d,) in conn.execute("SELECT data FROM contacts WHERE case_id=?", (case_id,))
    ]


def rejected_plan_reasons(conn: sqlite3.Connection, case_id: str) -> dict[str, str]:
    """Plan id -> the server's reason, for the case's plans the server refused."""
    return {
        r[0]: r[1] or r[2] or ""
        for r in conn.execute(
            "SELECT entity_id, last_error, code FROM outbox "
            "WHERE case_id=? AND kind='plan.propose' AND status='rejected'",
            (case_id,),
        )
    }


def sync_state(conn: sqlite3.Connection) -> dict[str, str]:
    """The sync engine's key/value state (cursor, last success, last error...)."""
    return dict(conn.execute("SELECT key, value FROM sync_state").fetchall())


def rejected_ops(conn: sqlite3.Connection) -> list[tuple[Any, ...]]:
    """(op_id, kind, case_id, entity_id, code, message, created_at, payload JSON, current
    JSON) of the ops the server refused, oldest first."""
    return conn.execute(
        "SELECT op_id, kind, case_id, entity_id, code, last_error, created_at, payload, current "
        "FROM outbox WHERE status='rejected' ORDER BY seq"
    ).fetchall()


def due_callbacks(
    conn: sqlite3.Connection, until_iso: str
) -> list[tuple[str, str, str, Payload, str]]:
    """(callback id, case id, due instant, payload, borrower name) of the callbacks due by
    `until_iso` that were not reminded yet, oldest first."""
    return [
        (cid, case_id, at, json.loads(data), name)
        for cid, case_id, at, data, name in conn.execute(
            "SELECT cb.id, cb.case_id, cb.at, cb.data, c.borrower_name FROM callbacks cb "
            "JOIN cases c ON c.id = cb.case_id "
            "WHERE cb.at <= ? AND cb.id NOT IN (SELECT callback_id FROM reminders) "
            "ORDER BY cb.at",
            (until_iso,),
        )
    ]
