"""A dial counted on the desk the moment it is dialled, as the server counts it (issue #17).

When the desk dials, `record_dial` writes a LOCAL provisional attempt into the contacts
table: outbound call, disposition `no_answer`, `dial_state` 'provisional'. The dial guard
(app.client.dial_guard, over reads.contacts_of_case and app.domain.contact_history) counts
it at once — as an unanswered call for the per-number cap, as an attempt for the US 7 in 7 —
online or offline, exactly as the server counts its own provisional attempt
(app.server.services.dial_attempts). The row's id is the attempt id: the id the desk sent
with `POST /cases/{id}/dial` (the server's row has the same id and replaces the local one on
the next pull) and the id of the wrap-up's contact, so one call is one row everywhere.

The call then ends:

- `record_end` (the softphone's end event, app/client/telephony): puts the phone's outcome
  and talk time on the local row and, when the server opened the attempt, queues a
  `contact.end` op (whichever of it and the wrap-up reaches the server first completes the
  attempt; the other only adds what is missing);
- the wrap-up (app.client.call_records.save_wrap_up with `WrapUp.contact_id` = the attempt
  id) replaces the local row with the agent's contact and queues `contact.create`.

A local row has local_state 'dialled' (no op of its own): pulls do not delete it, the
server's version of the row replaces it.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from typing import Any

from app.client import fact_writes, outbox
from app.client.store import LocalStore
from app.protocol.sync import ContactEndPayload

CALL_CHANNEL = "outbound_call"
PROVISIONAL_DISPOSITION = "no_answer"  # the server's rule (services/dial_attempts.py)
ANSWERED_DISPOSITION = "hung_up"
LOCAL_STATE = "dialled"


def _iso(dt: datetime) -> str:
    return dt.astimezone(UTC).isoformat(timespec="microseconds")


def record_dial(
    store: LocalStore,
    *,
    case_id: str,
    phone_id: str,
    attempt_id: str,
    user: str,
    at: datetime,
    on_server: bool,
    override_reason: str | None = None,
) -> None:
    """Write the local provisional attempt of a dial (idempotent for the same id).
    `on_server`: the server's dial route opened the attempt too (its end event is sent)."""
    data: dict[str, Any] = {
        "id": attempt_id,
        "case_id": case_id,
        "agent": user,
        "phone_id": phone_id,
        "channel": CALL_CHANNEL,
        "disposition": PROVISIONAL_DISPOSITION,
        "started_at": _iso(at),
        "duration_s": 0,
        "policy_violation": None,
        "override_reason": override_reason,
        "dial_state": "provisional",
        "on_server": on_server,
    }
    with store.transaction() as tx:
        fact_writes.require_case(tx, case_id)
        tx.execute(
            "INSERT OR IGNORE INTO contacts(id, case_id, at, data, local_state, gen) "
            "VALUES (?,?,?,?,?,0)",
            (attempt_id, case_id, _iso(at), json.dumps(data, ensure_ascii=False), LOCAL_STATE),
        )


def record_end(
    store: LocalStore,
    *,
    case_id: str,
    attempt_id: str,
    answered: bool,
    disposition: str | None,
    duration_s: int,
    ended_at: datetime,
    recording_ref: str | None = None,
) -> bool:
    """The phone's end of the dialled call `attempt_id` (see module docstring). Raises
    DomainError for an end the wire refuses (e.g. answered with a disposition); False when
    the desk knows no such dial (nothing written)."""
    clean = fact_writes.validate_model(
        ContactEndPayload,
        {
            "answered": answered,
            "disposition": disposition,
            "duration_s": duration_s,
            "ended_at": ended_at,
            "recording_ref": recording_ref,
        },
    )
    with store.transaction() as tx:
        row = tx.execute(
            "SELECT data, local_state FROM contacts WHERE id=? AND case_id=?",
            (attempt_id, case_id),
        ).fetchone()
        if row is None:
            return False
        data, state = json.loads(row[0]), str(row[1])
        if data.get("dial_state") in ("provisional", "no_outcome"):
            data["duration_s"] = duration_s
            data["disposition"] = ANSWERED_DISPOSITION if answered else disposition
            data["dial_state"] = "answered" if answered else "ended"
            data["recording_ref"] = data.get("recording_ref") or recording_ref
            _save(tx, attempt_id, data)
        # the server knows the attempt: from its dial route, or its row came with a pull
        if data.get("on_server") or state == "synced":
            outbox.enqueue(
                tx, kind="contact.end", case_id=case_id, entity_id=attempt_id, payload=clean
            )
    return True


def _save(tx: sqlite3.Connection, attempt_id: str, data: dict[str, Any]) -> None:
    tx.execute(
        "UPDATE contacts SET data=? WHERE id=?", (json.dumps(data, ensure_ascii=False), attempt_id)
    )


def replace_for_wrap_up(tx: sqlite3.Connection, attempt_id: str | None) -> None:
    """Before the wrap-up's contact is written with the dial's id: drop the local dial row
    (the wrap-up's row takes its place; the server completes the same attempt)."""
    if attempt_id:
        tx.execute("DELETE FROM contacts WHERE id=?", (attempt_id,))
