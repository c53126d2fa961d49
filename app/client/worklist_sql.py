"""The worklist query: filter, search, sort and page in SQL; callable-now for the page only."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from typing import Any

from app.client import lender_zone
from app.client import payload_views as payloads
from app.client.views import WorklistPage, WorklistQuery, WorklistRow
from app.client.worklist_order import select_rows, where_clause

_COLUMNS = (
    "c.id, c.borrower_name, c.bucket, c.dpd, c.overdue_total, c.last_contact_at, "
    "c.next_action_at, c.next_action_kind, c.priority, c.phone_masked, c.contract_no, c.plate, "
    "c.status, c.kind"
)


def worklist_page(
    conn: sqlite3.Connection,
    q: WorklistQuery,
    *,
    now: datetime,
    horizon: datetime,
    policy: Any | None,
    cache: CallableCache | None = None,
) -> WorklistPage:
    """Run the worklist query (see DeskService.worklist)."""
    where_nb, params_nb = where_clause(q, with_buckets=False)
    counts: dict[str, int] = dict(
        conn.execute(
            f"SELECT c.bucket, count(*) FROM cases c{where_nb} GROUP BY c.bucket", params_nb
        ).fetchall()
    )
    # the bucket filter is the only difference, so the total follows from the counts
    total = sum(n for b, n in counts.items() if not q.buckets or b in q.buckets)
    rows = select_rows(
        conn,
        q,
        columns=_COLUMNS,
        horizon=horizon,
        matched=total,
        limit=max(0, q.limit),
        offset=max(0, q.offset),
    )
    ids = [r[0] for r in rows]
    pending = _pending_counts(conn, ids)
    promised = _promise_dates(conn, [r[0] for r in rows if r[7] in _PROMISE_KINDS])
    callable_now: dict[str, bool | None] = {}
    if policy is not None:
        missing = ids
        if cache is not None:
            callable_now, missing = cache.lookup(conn, ids, now)
        fresh = _callable_now(conn, missing, now, policy)
        if cache is not None:
            cache.store(fresh, now)
        callable_now.update(fresh)
    out = tuple(
        WorklistRow(
            case_id=r[0],
            borrower_name=r[1],
            bucket=r[2],
            dpd=r[3],
            overdue_total_fen=r[4],
            last_contact_at=payloads.ts(r[5]),
            next_action_at=payloads.ts(r[6]),
            next_action_kind=r[7],
            callable_now=callable_now.get(r[0]),
            priority=r[8],
            phone_masked=r[9],
            contract_no=r[10],
            plate=r[11],
            status=r[12],
            kind=r[13],
            pending_ops=pending.get(r[0], 0),
            promised_on=promised.get((r[0], r[7])),
        )
        for r in rows
    )
    return WorklistPage(rows=out, total=total, bucket_counts=counts, query=q)


def _in(ids: list[str]) -> str:
    return ",".join("?" * len(ids))


_PROMISE_KINDS = ("promise_due", "broken_promise")


def _promise_dates(conn: sqlite3.Connection, ids: list[str]) -> dict[tuple[str, str], date]:
    """(case, next action kind) -> the date of the case's latest broken promise
    ("broken_promise") or of its next pending one ("promise_due")."""
    if not ids:
        return {}
    broken: dict[str, date] = {}
    pending: dict[str, date] = {}
    for case_id, raw in conn.execute(
        f"SELECT case_id, data FROM promises WHERE case_id IN ({_in(ids)})", ids
    ):
        data = json.loads(raw)
        try:
            on = date.fromisoformat(str(data.get("promised_on")))
        except ValueError:
            continue
        status = data.get("status")
        if status == "broken" and (case_id not in broken or on > broken[case_id]):
            broken[case_id] = on
        elif status == "pending" and (case_id not in pending or on < pending[case_id]):
            pending[case_id] = on
    return {
        **{(c, "promise_due"): on for c, on in pending.items()},
        **{(c, "broken_promise"): on for c, on in broken.items()},
    }


def _pending_counts(conn: sqlite3.Connection, ids: list[str]) -> dict[str, int]:
    if not ids:
        return {}
    return dict(
        conn.execute(
            f"SELECT case_id, count(*) FROM outbox WHERE case_id IN ({_in(ids)}) GROUP BY case_id",
            ids,
        ).fetchall()
    )


class CallableCache:
    """Per-case "callable now" answers, reused for up to `ttl` while the store is unchanged.

    `PRAGMA data_version` changes whenever another connection (the sync worker) commits,
    which drops every entry; local writes that change contact history call `clear()`.
    """

    def __init__(self, ttl: timedelta = timedelta(seconds=60)) -> None:
        self.ttl = ttl
        self._version: int | None = None
        self._entries: dict[str, tuple[datetime, bool | None]] = {}

    def clear(self) -> None:
        self._entries.clear()

    def lookup(
        self, conn: sqlite3.Connection, ids: list[str], now: datetime
    ) -> tuple[dict[str, bool | None], list[str]]:
        version = int(conn.execute("PRAGMA data_version").fetchone()[0])
        if version != self._version:
            self._entries.clear()
            self._version = version
        hits: dict[str, bool | None] = {}
        missing: list[str] = []
        for cid in ids:
            entry = self._entries.get(cid)
            if entry is not None and entry[0] <= now < entry[0] + self.ttl:
                hits[cid] = entry[1]
            else:
                missing.append(cid)
        return hits, missing

    def store(self, answers: dict[str, bool | None], now: datetime) -> None:
        if len(self._entries) > 50_000:
            self._entries.clear()
        for cid, value in answers.items():
            self._entries[cid] = (now, value)


def _callable_now(
    conn: sqlite3.Connection, ids: list[str], now: datetime, policy: Any
) -> dict[str, bool | None]:
    """Whether the borrower's own first number may be dialled now (policy on local history).

    Cases without calls in the last 8 days share one answer per (zone, flags, unreachable),
    so a page costs a handful of policy evaluations plus one per recently called case.
    """
    if not ids:
        return {}
    since = (now - timedelta(days=8)).astimezone(UTC).isoformat(timespec="microseconds")
    history: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for case_id, data in conn.execute(
        f"SELECT case_id, data FROM contacts WHERE case_id IN ({_in(ids)}) AND at >= ?",
        [*ids, since],
    ):
        history[case_id].append(json.loads(data))
    out: dict[str, bool | None] = {}
    memo: dict[tuple[str, str, int], bool | None] = {}
    for case_id, flags, unreachable, phone_id, tz in conn.execute(
        f"SELECT id, flags, debtor_unreachable, phone_id, phone_tz FROM cases "
        f"WHERE id IN ({_in(ids)})",
        ids,
    ):
        if not phone_id:
            out[case_id] = None
            continue
        tz = tz or lender_zone.name()
        key = (tz, flags, unreachable)
        recent = history.get(case_id)
        if not recent and key in memo:
            out[case_id] = memo[key]
            continue
        case = {"flags": json.loads(flags), "debtor_unreachable": bool(unreachable)}
        phone = {"id": phone_id, "owner": "borrower", "timezone": tz}
        pv = payloads.policy_for_phone(
            policy,
            now=now,
            case=case,
            phone=phone,
            borrower_tz=tz,
            history=payloads.contact_events(recent or [], until=now),
        )
        out[case_id] = None if pv is None else pv.allowed
        if not recent:
            memo[key] = out[case_id]
    return out
