"""The worklist query: filter, search, sort and page in SQL; callable-now for the page only."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from typing import Any

from app.client import view_builders as vb
from app.client.store.apply import normalize_search
from app.client.views import WorklistPage, WorklistQuery, WorklistRow

_COLUMNS = (
    "c.id, c.borrower_name, c.bucket, c.dpd, c.overdue_total, c.last_contact_at, "
    "c.next_action_at, c.next_action_kind, c.priority, c.phone_masked, c.contract_no, c.plate, "
    "c.status"
)

_SORTS = {
    "priority": "c.priority {d}, c.id",
    "dpd": "c.dpd {d}, c.priority DESC, c.id",
    "overdue": "c.overdue_total {d}, c.id",
    "name": "c.borrower_name {d}, c.id",
    "last_contact": "c.last_contact_at {d}, c.id",
}

# next-action order: broken promises and actions due before the horizon (end of the
# lender's day) first, soonest first; then everything else by priority.
_DUE = "(c.next_action_kind = 'broken_promise' OR c.next_action_at < :horizon)"
_NOT_DUE = (
    "(c.next_action_kind != 'broken_promise' AND "
    "(c.next_action_at IS NULL OR c.next_action_at >= :horizon))"
)
_DUE_ORDER = (
    "CASE WHEN c.next_action_kind = 'broken_promise' THEN '' ELSE c.next_action_at END, "
    "c.priority DESC, c.id"
)
_REST_ORDER = "c.priority DESC, c.id"
_NEXT_ACTION = (
    f"CASE WHEN {_DUE} THEN 0 ELSE 1 END, "
    f"CASE WHEN {_DUE} THEN (CASE WHEN c.next_action_kind = 'broken_promise' THEN '' "
    "ELSE c.next_action_at END) END, c.priority DESC, c.id"
)
SMALL_MATCH = 2000  # searches matching fewer cases are sorted after an index lookup


def _order(q: WorklistQuery, horizon: datetime, params: dict[str, Any]) -> str:
    if q.sort == "next_action" or q.sort not in _SORTS:
        params["horizon"] = horizon.astimezone(UTC).isoformat(timespec="microseconds")
        return _NEXT_ACTION
    return _SORTS[q.sort].format(d="DESC" if q.descending else "ASC")


def select_rows(
    conn: sqlite3.Connection,
    q: WorklistQuery,
    *,
    columns: str,
    horizon: datetime,
    matched: int,
    limit: int | None,
    offset: int = 0,
) -> list[tuple[Any, ...]]:
    """Rows of the worklist in order, using a plan that suits the query.

    - a search matching few cases: the matches come from the covering search index and
      only they are sorted;
    - next-action order: the (few) due cases through the next-action index, then the rest
      walking the priority index, so no sort of the whole book is needed;
    - other sorts: ORDER BY on an indexed column with LIMIT.
    """
    where, params = _where(q, with_buckets=True)
    page = "" if limit is None else " LIMIT :limit OFFSET :offset"
    params["limit"], params["offset"] = (limit if limit is not None else -1), offset
    if q.search and matched <= SMALL_MATCH:
        order = _order(q, horizon, params)
        return conn.execute(
            f"SELECT {columns} FROM cases c WHERE c.rowid IN "
            f"(SELECT c.rowid FROM cases c{where}) ORDER BY {order}{page}",
            params,
        ).fetchall()
    if q.sort in _SORTS:
        order = _order(q, horizon, params)
        return conn.execute(
            f"SELECT {columns} FROM cases c{where} ORDER BY {order}{page}", params
        ).fetchall()
    params["horizon"] = horizon.astimezone(UTC).isoformat(timespec="microseconds")
    glue = " AND " if where else " WHERE "
    due = conn.execute(
        f"SELECT {columns} FROM cases c{where}{glue}{_DUE} ORDER BY {_DUE_ORDER}", params
    ).fetchall()
    if limit is not None and offset + limit <= len(due):
        return due[offset : offset + limit]
    params["offset"] = max(0, offset - len(due))
    if limit is not None:
        params["limit"] = offset + limit - len(due) - params["offset"]
    rest = conn.execute(
        f"SELECT {columns} FROM cases c{where}{glue}{_NOT_DUE} ORDER BY {_REST_ORDER}{page}",
        params,
    ).fetchall()
    return due[offset:] + rest


def _where(q: WorklistQuery, *, with_buckets: bool) -> tuple[str, dict[str, Any]]:
    clauses: list[str] = []
    params: dict[str, Any] = {}
    if q.status:
        clauses.append("c.status = :status")
        params["status"] = q.status
    if with_buckets and q.buckets:
        marks = []
        for i, b in enumerate(q.buckets):
            params[f"b{i}"] = b
            marks.append(f":b{i}")
        clauses.append(f"c.bucket IN ({','.join(marks)})")
    needle = normalize_search(q.search)
    if needle:
        clauses.append("instr(c.search_text, :needle) > 0")
        params["needle"] = needle
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


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
    where_nb, params_nb = _where(q, with_buckets=False)
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
            last_contact_at=vb.ts(r[5]),
            next_action_at=vb.ts(r[6]),
            next_action_kind=r[7],
            callable_now=callable_now.get(r[0]),
            priority=r[8],
            phone_masked=r[9],
            contract_no=r[10],
            plate=r[11],
            status=r[12],
            pending_ops=pending.get(r[0], 0),
        )
        for r in rows
    )
    return WorklistPage(rows=out, total=total, bucket_counts=counts, query=q)


def ordered_case_ids(conn: sqlite3.Connection, q: WorklistQuery, *, horizon: datetime) -> list[str]:
    """Every matching case id in worklist order (no paging, no policy): for "next case"."""
    matched = SMALL_MATCH + 1
    if q.search:
        where, params = _where(q, with_buckets=True)
        matched = int(conn.execute(f"SELECT count(*) FROM cases c{where}", params).fetchone()[0])
    rows = select_rows(conn, q, columns="c.id", horizon=horizon, matched=matched, limit=None)
    return [r[0] for r in rows]


def next_case_id(
    conn: sqlite3.Connection, q: WorklistQuery, after: str | None, *, horizon: datetime
) -> str | None:
    """The case after `after` in worklist order (the first when None or not in the list).

    Next-action order seeks from the current case's position (keyset) instead of listing
    the whole book; other sort orders walk the ordered id list.
    """
    if q.sort in _SORTS:
        ids = ordered_case_ids(conn, q, horizon=horizon)
        if not ids:
            return None
        if after is None or after not in ids:
            return ids[0]
        i = ids.index(after)
        return ids[i + 1] if i + 1 < len(ids) else None
    where, params = _where(q, with_buckets=True)
    params["horizon"] = horizon.astimezone(UTC).isoformat(timespec="microseconds")
    glue = " AND " if where else " WHERE "
    first = select_rows(conn, q, columns="c.id", horizon=horizon, matched=SMALL_MATCH + 1, limit=1)
    cur = None
    if after is not None:
        cur = conn.execute(
            f"SELECT {_DUE}, c.priority FROM cases c{where}{glue}c.id = :after",
            {**params, "after": after},
        ).fetchone()
    if cur is None or after is None:
        return str(first[0][0]) if first else None
    is_due, priority = bool(cur[0]), int(cur[1])
    if is_due:
        due: list[str] = [
            r[0]
            for r in conn.execute(
                f"SELECT c.id FROM cases c{where}{glue}{_DUE} ORDER BY {_DUE_ORDER}", params
            )
        ]
        i = due.index(after)
        if i + 1 < len(due):
            return str(due[i + 1])
        row = conn.execute(
            f"SELECT c.id FROM cases c{where}{glue}{_NOT_DUE} ORDER BY {_REST_ORDER} LIMIT 1",
            params,
        ).fetchone()
        return None if row is None else str(row[0])
    row = conn.execute(
        f"SELECT c.id FROM cases c{where}{glue}{_NOT_DUE} AND (c.priority < :p OR "
        f"(c.priority = :p AND c.id > :after)) ORDER BY {_REST_ORDER} LIMIT 1",
        {**params, "p": priority, "after": after},
    ).fetchone()
    return None if row is None else str(row[0])


def _in(ids: list[str]) -> str:
    return ",".join("?" * len(ids))


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
        tz = tz or "Asia/Shanghai"
        key = (tz, flags, unreachable)
        recent = history.get(case_id)
        if not recent and key in memo:
            out[case_id] = memo[key]
            continue
        case = {"flags": json.loads(flags), "debtor_unreachable": bool(unreachable)}
        phone = {"id": phone_id, "owner": "borrower", "timezone": tz}
        pv = vb.policy_for_phone(
            policy,
            now=now,
            case=case,
            phone=phone,
            borrower_tz=tz,
            history=vb.contact_events(recent or []),
        )
        out[case_id] = None if pv is None else pv.allowed
        if not recent:
            memo[key] = out[case_id]
    return out
