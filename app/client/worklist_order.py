"""Query plans for the worklist's order, so no query sorts the agent's whole book.

Next-action order is three segments, each read through its own index in its own order:

1. broken promises, highest priority first            (ix_cases_broken)
2. other actions due before the horizon, soonest first (ix_cases_action)
3. everything else, highest priority first             (ix_cases_walk)

Paging walks the segments, counting a segment (index-only) only when the page starts
past it. A search matching few cases instead reads the matches through the covering
search index and sorts just those. Other sort keys use ORDER BY on an indexed column.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from typing import Any

from app.client.store.apply import normalize_search
from app.client.views import WorklistQuery

SORTS = {
    "priority": "c.priority {d}, c.id",
    "dpd": "c.dpd {d}, c.priority DESC, c.id",
    "overdue": "c.overdue_total {d}, c.id",
    "name": "c.borrower_name {d}, c.id",
    "last_contact": "c.last_contact_at {d}, c.id",
}

# (condition, order, keyset "after" condition given :k (time), :p (priority), :after (id))
_BY_PRIORITY_AFTER = "(c.priority < :p OR (c.priority = :p AND c.id > :after))"
SEGMENTS: tuple[tuple[str, str, str], ...] = (
    ("c.next_action_kind = 'broken_promise'", "c.priority DESC, c.id", _BY_PRIORITY_AFTER),
    (
        "c.next_action_kind != 'broken_promise' AND c.next_action_at < :horizon",
        "c.next_action_at, c.priority DESC, c.id",
        f"(c.next_action_at > :k OR (c.next_action_at = :k AND {_BY_PRIORITY_AFTER}))",
    ),
    (
        "c.next_action_kind != 'broken_promise' AND "
        "(c.next_action_at IS NULL OR c.next_action_at >= :horizon)",
        "c.priority DESC, c.id",
        _BY_PRIORITY_AFTER,
    ),
)
# the same order as one expression (used to sort a small set of search matches)
NEXT_ACTION_ORDER = (
    "CASE WHEN c.next_action_kind = 'broken_promise' THEN 0 "
    "WHEN c.next_action_at < :horizon THEN 1 ELSE 2 END, "
    "CASE WHEN c.next_action_kind != 'broken_promise' AND c.next_action_at < :horizon "
    "THEN c.next_action_at END, c.priority DESC, c.id"
)
SMALL_MATCH = 2000  # searches matching fewer cases are sorted after an index lookup


def where_clause(q: WorklistQuery, *, with_buckets: bool) -> tuple[str, dict[str, Any]]:
    """ " WHERE ..." for the query's status, bucket and search filters, and its params."""
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
    else:
        # the calling queue: not a case whose catch-up plan performs away from its due
        # dates (the server's CaseData.plan_quiet); a search still finds it
        clauses.append(PLAN_QUIET_FILTER)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


PLAN_QUIET_FILTER = "c.plan_quiet = 0"


def order_clause(q: WorklistQuery, horizon: datetime, params: dict[str, Any]) -> str:
    """The whole order as one ORDER BY expression."""
    if q.sort in SORTS:
        return SORTS[q.sort].format(d="DESC" if q.descending else "ASC")
    params["horizon"] = _iso(horizon)
    return NEXT_ACTION_ORDER


def _iso(value: datetime) -> str:
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def _and(where: str) -> str:
    return " AND " if where else " WHERE "


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
    """Rows in worklist order; `matched` is how many cases match (picks the search plan)."""
    where, params = where_clause(q, with_buckets=True)
    page = "" if limit is None else " LIMIT :limit OFFSET :offset"
    params["limit"], params["offset"] = (-1 if limit is None else limit), offset
    if (q.search and matched <= SMALL_MATCH) or q.sort in SORTS:
        order = order_clause(q, horizon, params)
        source = f"cases c{where}"
        if q.search and matched <= SMALL_MATCH:
            source = f"cases c WHERE c.rowid IN (SELECT c.rowid FROM cases c{where})"
        return conn.execute(
            f"SELECT {columns} FROM {source} ORDER BY {order}{page}", params
        ).fetchall()
    params["horizon"] = _iso(horizon)
    rows: list[tuple[Any, ...]] = []
    skip, need = offset, limit
    for cond, order, _after in SEGMENTS:
        if need == 0:
            break
        body = f"FROM cases c{where}{_and(where)}{cond}"
        if skip > 0:
            n = int(conn.execute(f"SELECT count(*) {body}", params).fetchone()[0])
            if skip >= n:
                skip -= n
                continue
        params["offset"], params["limit"] = skip, (-1 if need is None else need)
        got = conn.execute(
            f"SELECT {columns} {body} ORDER BY {order} LIMIT :limit OFFSET :offset", params
        ).fetchall()
        rows.extend(got)
        skip = 0
        if need is not None:
            need -= len(got)
    return rows


def next_case_id(
    conn: sqlite3.Connection, q: WorklistQuery, after: str | None, *, horizon: datetime
) -> str | None:
    """The case after `after` in worklist order (the first when None or not listed).

    Next-action order seeks from the current case's key within its segment (keyset);
    other orders walk the ordered id list.
    """
    if q.sort in SORTS:
        ids = [
            r[0]
            for r in select_rows(
                conn, q, columns="c.id", horizon=horizon, matched=SMALL_MATCH + 1, limit=None
            )
        ]
        if not ids:
            return None
        if after is None or after not in ids:
            return str(ids[0])
        i = ids.index(after)
        return str(ids[i + 1]) if i + 1 < len(ids) else None
    where, params = where_clause(q, with_buckets=True)
    params["horizon"] = _iso(horizon)
    start = 0
    if after is not None:
        cur = conn.execute(
            "SELECT c.next_action_at, c.priority, "
            + ", ".join(f"({cond})" for cond, _o, _a in SEGMENTS)
            + f" FROM cases c{where}{_and(where)}c.id = :after",
            {**params, "after": after},
        ).fetchone()
        if cur is not None:
            seg = next(i for i, flag in enumerate(cur[2:]) if flag)
            cond, order, after_cond = SEGMENTS[seg]
            row = conn.execute(
                f"SELECT c.id FROM cases c{where}{_and(where)}{cond} AND {after_cond} "
                f"ORDER BY {order} LIMIT 1",
                {**params, "after": after, "k": cur[0], "p": cur[1]},
            ).fetchone()
            if row is not None:
                return str(row[0])
            start = seg + 1
        else:
            start = 0
    for cond, order, _after in SEGMENTS[start:]:
        row = conn.execute(
            f"SELECT c.id FROM cases c{where}{_and(where)}{cond} ORDER BY {order} LIMIT 1",
            params,
        ).fetchone()
        if row is not None:
            return str(row[0])
    return None
