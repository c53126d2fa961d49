"""Saving a wrap-up: the contact attempt, the note, the promise and the callback, with their
outbox ops, the case's next action and the cleared draft — in ONE local transaction.

Every payload is validated with the wire models before the transaction starts, so a bad
value writes nothing (no half-saved call). The contact attempt keeps the id made when the
call was dialled (the attempt id of app.client.dial_attempts and of the server's dial
route), so the wrap-up completes that attempt and a note, a promise and the attempt stay
linked through the sync. The local copy of the case moves at once (last contact; callbacks
now done; the next action recomputed from its facts by the rule the server applies when
the ops arrive, app.domain.next_action), so the worklist reorders before any sync; the
server's copy replaces it on the next pull.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from app.client import dial_attempts, fact_writes, local_next_action
from app.client.store import LocalStore
from app.client.wrap_up import WrapUp

#: a callback counts as done once a contact is recorded up to this long before it is due
CALLBACK_EARLY = timedelta(minutes=15)


@dataclass(frozen=True, slots=True)
class SavedWrapUp:
    """The ids of what was written (None: not part of this wrap-up)."""

    note_id: str
    contact_id: str | None
    promise_id: str | None
    callback_id: str | None


def _iso(dt: datetime) -> str:
    return dt.astimezone(UTC).isoformat(timespec="microseconds")


def payloads(
    w: WrapUp, *, now: datetime, banned: list[str]
) -> dict[str, tuple[str, dict[str, Any]]]:
    """The validated payload of each op the wrap-up makes: kind -> (entity id, payload).
    Raises DomainError (naming the field) for a value the wire refuses."""
    out: dict[str, tuple[str, dict[str, Any]]] = {}
    created = now.astimezone(UTC)
    contact_id: str | None = None
    if w.call_placed or (w.disposition is not None and w.channel != "outbound_call"):
        contact_id = w.contact_id or str(uuid.uuid4())
        out["contact.create"] = (
            contact_id,
            fact_writes.validate(
                "contact.create",
                {
                    "phone_id": w.phone_id,
                    "channel": w.channel,
                    "disposition": w.disposition,
                    "reason": w.reason,
                    "result": w.result,
                    "started_at": w.started_at or created,
                    "duration_s": w.duration_s,
                    "recording_ref": w.recording_ref,
                    "override_reason": w.override_reason,
                },
            ),
        )
    out["note.create"] = (
        str(uuid.uuid4()),
        fact_writes.validate(
            "note.create",
            {
                "text": w.text.strip(),
                "disposition": w.disposition,
                "amends": w.amends,
                "contact_id": contact_id,
                "banned_phrases": banned,
                "created_at": created,
            },
        ),
    )
    if w.promise_amount_fen is not None and w.promise_date is not None:
        out["promise.create"] = (
            str(uuid.uuid4()),
            fact_writes.validate(
                "promise.create",
                {
                    "amount": w.promise_amount_fen,
                    "promised_on": w.promise_date,
                    "created_at": created,
                    "contact_id": contact_id,
                },
            ),
        )
    if w.callback_at is not None:
        out["callback.create"] = (
            str(uuid.uuid4()),
            fact_writes.validate(
                "callback.create",
                {"due_at": w.callback_at, "note": _summary(w.text), "created_at": created},
            ),
        )
    return out


def _summary(text: str) -> str | None:
    first = text.strip().splitlines()[0] if text.strip() else ""
    return first[:200] or None


# op kind -> (extra fields of the local row, author field)
_LOCAL: dict[str, tuple[dict[str, Any], str]] = {
    "contact.create": ({"policy_violation": None}, "agent"),
    "note.create": ({}, "author"),
    "promise.create": ({"status": "pending"}, "agent"),
    "callback.create": ({"done": False}, "agent"),
}


def save_wrap_up(
    store: LocalStore,
    w: WrapUp,
    *,
    user: str,
    now: datetime,
    lender_tz: str,
    banned: list[str],
) -> SavedWrapUp:
    """Write the whole wrap-up in one transaction (see module docstring)."""
    ops = payloads(w, now=now, banned=banned)  # validation first: nothing half-written
    ids: dict[str, str] = {}
    with store.transaction() as tx:
        fact_writes.require_case(tx, w.case_id)
        if "contact.create" in ops:  # the dial's local provisional attempt becomes this one
            dial_attempts.replace_for_wrap_up(tx, ops["contact.create"][0])
        for kind in ("contact.create", "note.create", "promise.create", "callback.create"):
            if kind not in ops:
                continue
            entity_id, clean = ops[kind]
            extra, author = _LOCAL[kind]
            ids[kind] = fact_writes.insert_fact(
                tx,
                kind=kind,
                case_id=w.case_id,
                clean=clean,
                extra=extra,
                author_field=author,
                user=user,
                entity_id=entity_id,
            )
        _move_case(tx, w, now=now, lender_tz=lender_tz)
        tx.execute("DELETE FROM drafts WHERE case_id=?", (w.case_id,))
    return SavedWrapUp(
        note_id=ids["note.create"],
        contact_id=ids.get("contact.create"),
        promise_id=ids.get("promise.create"),
        callback_id=ids.get("callback.create"),
    )


def _move_case(tx: sqlite3.Connection, w: WrapUp, *, now: datetime, lender_tz: str) -> None:
    """The local case after this wrap-up: last contact, due callbacks done, and the next
    action recomputed from the case's facts (app.client.local_next_action)."""
    if w.call_placed or w.disposition is not None:
        contact_at = w.started_at or now
        row = tx.execute("SELECT last_contact_at FROM cases WHERE id=?", (w.case_id,)).fetchone()
        if row[0] is None or datetime.fromisoformat(row[0]) < contact_at:
            tx.execute(
                "UPDATE cases SET last_contact_at=? WHERE id=?", (_iso(contact_at), w.case_id)
            )
            tx.execute(
                "UPDATE case_data SET data=json_set(data, '$.last_contact_at', ?) WHERE id=?",
                (_iso(contact_at), w.case_id),
            )
        _complete_due_callbacks(tx, w.case_id, contact_at)
    local_next_action.refresh(tx, [w.case_id], lender_tz=lender_tz)


def _complete_due_callbacks(tx: sqlite3.Connection, case_id: str, at: datetime) -> int:
    rows = tx.execute(
        "SELECT id, data FROM callbacks WHERE case_id=? AND at<=?",
        (case_id, _iso(at + CALLBACK_EARLY)),
    ).fetchall()
    done = 0
    for cid, data in rows:
        d = json.loads(data)
        if d.get("done"):
            continue
        d["done"] = True
        tx.execute(
            "UPDATE callbacks SET data=? WHERE id=?", (json.dumps(d, ensure_ascii=False), cid)
        )
        done += 1
    return done
