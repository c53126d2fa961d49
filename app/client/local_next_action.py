"""The next action of cases in the local store, recomputed from their local facts.

The rule is the server's (`app.domain.next_action.derive`); the desk runs it on its copy
whenever a local fact changes — a wrap-up saved, a promise, callback or plan recorded, a
flag edited, an op the server refused (its row no longer counts) — and after a pull for the
cases that still have ops of ours in the outbox, so the worklist shows at once what the
server will show once they arrive, and a pulled copy never brings back an action a local
fact already replaced (a new promise after a broken one). Without unsent ops the server's
copy is kept as pulled: it came from the same rule over the same facts.

Runs inside the caller's transaction; rows the server refused (`local_state='rejected'`)
are not facts.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import UTC, date, datetime, tzinfo
from typing import Any

from app.client import lender_zone
from app.domain.next_action import (
    CallbackFact,
    CaseFacts,
    PaymentFact,
    PlanFact,
    PromiseFact,
    derive,
)
from app.domain.priority import NextAction, with_tier

#: outbox op kinds that change a fact the next action depends on
FACT_KINDS = ("promise.create", "callback.create", "plan.propose", "case.update")


def _ts(value: Any) -> datetime | None:
    if not value:
        return None
    dt = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return dt if dt.tzinfo is not None else dt.replace(tzinfo=UTC)


def _rows(conn: sqlite3.Connection, table: str, case_id: str) -> list[dict[str, Any]]:
    return [
        json.loads(r[0])
        for r in conn.execute(
            f"SELECT data FROM {table} WHERE case_id=? AND local_state != 'rejected'", (case_id,)
        )
    ]


def local_facts(conn: sqlite3.Connection, case_id: str) -> CaseFacts | None:
    """The facts of one local case (None when the case is not in the store)."""
    row = conn.execute(
        "SELECT c.status, c.flags, l.data FROM cases c LEFT JOIN loans l ON l.id = c.loan_id "
        "WHERE c.id=?",
        (case_id,),
    ).fetchone()
    if row is None:
        return None
    promises = []
    for d in _rows(conn, "promises", case_id):
        created = _ts(d.get("created_at"))
        if created is None or not d.get("promised_on"):
            continue
        promises.append(
            PromiseFact(
                date.fromisoformat(str(d["promised_on"])),
                created,
                str(d.get("status") or "pending"),
                int(d.get("amount") or 0),
            )
        )
    callbacks = []
    for d in _rows(conn, "callbacks", case_id):
        due = _ts(d.get("due_at"))
        if due is not None:
            callbacks.append(CallbackFact(due, bool(d.get("done")), _ts(d.get("created_at"))))
    plans = []
    for d in _rows(conn, "plans", case_id):
        created = _ts(d.get("created_at"))
        if created is not None and d.get("status"):
            plans.append(PlanFact(str(d["status"]), created))
    payments: list[PaymentFact] = []
    if any(p.status == "broken" for p in promises) and row[2]:
        for p in json.loads(row[2]).get("payments") or []:
            if p.get("paid_on") is not None:
                payments.append(
                    PaymentFact(date.fromisoformat(str(p["paid_on"])), int(p.get("amount") or 0))
                )
    return CaseFacts(
        status=str(row[0]),
        flags=frozenset(json.loads(row[1] or "[]")),
        promises=tuple(promises),
        callbacks=tuple(callbacks),
        plans=tuple(plans),
        payments=tuple(payments),
    )


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.astimezone(UTC).isoformat(timespec="microseconds")


def refresh(
    conn: sqlite3.Connection, case_ids: Iterable[str], *, lender_tz: str | tzinfo | None = None
) -> set[str]:
    """Recompute and store the next action (and the priority's tier) of the local cases
    (in the desk's lender zone unless given); returns the ids of those whose action moved."""
    tz = lender_tz if lender_tz is not None else lender_zone.zone()
    moved: set[str] = set()
    for case_id in sorted(set(case_ids)):
        facts = local_facts(conn, case_id)
        if facts is None:
            continue
        action: NextAction = derive(facts, lender_tz=tz)
        cur = conn.execute(
            "SELECT next_action_kind, next_action_at, priority FROM cases WHERE id=?", (case_id,)
        ).fetchone()
        at = _iso(action.at)
        if cur[0] == action.kind and cur[1] == at:
            continue
        priority = with_tier(int(cur[2]), action.kind) if facts.status != "closed" else cur[2]
        conn.execute(
            "UPDATE cases SET next_action_kind=?, next_action_at=?, priority=? WHERE id=?",
            (action.kind, at, priority, case_id),
        )
        conn.execute(
            "UPDATE case_data SET data=json_set(data, '$.next_action_kind', ?, "
            "'$.next_action_at', json(?), '$.priority', ?) WHERE id=?",
            (action.kind, json.dumps(at), priority, case_id),
        )
        moved.add(case_id)
    return moved


def refresh_unsent(conn: sqlite3.Connection, case_ids: Iterable[str]) -> set[str]:
    """`refresh` for those of `case_ids` with ops of ours not yet answered (after a pull)."""
    ids = list(set(case_ids))
    todo: set[str] = set()
    marks_kind = ",".join("?" * len(FACT_KINDS))
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        marks = ",".join("?" * len(chunk))
        todo.update(
            r[0]
            for r in conn.execute(
                f"SELECT DISTINCT case_id FROM outbox WHERE status='pending' "
                f"AND kind IN ({marks_kind}) AND case_id IN ({marks})",
                (*FACT_KINDS, *chunk),
            )
        )
    return refresh(conn, todo)
