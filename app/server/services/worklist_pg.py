"""The worklist page written by PostgreSQL: one statement returns the page's rows already as
JSON text (in page order), the bucket counts as JSON text and the total; Python only joins
three strings. Same scope, filters, order and paging as app.server.services.worklist (the
statements are built from the same pieces), byte for byte the same JSON as WorklistPage's
(tests/server/test_worklist_pg.py): compact separators, field order of the model, datetimes
in UTC as pydantic writes them ("Z", fraction only when there is one).
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Select, bindparam, func, literal_column, select
from sqlalchemy.dialects.postgresql import aggregate_order_by

from app.server.auth import TokenUser
from app.server.models import User
from app.server.services.worklist import (
    WorklistFilter,
    _page_from,
    _scoped,
    _Shape,
    _shape_and_params,
)


def _ts(col: str) -> str:
    """SQL: a timestamptz column as pydantic writes an aware UTC datetime (or null)."""
    utc = f"({col} AT TIME ZONE 'UTC')"
    return (
        f"CASE WHEN {col} IS NULL THEN 'null' "
        f"WHEN date_trunc('second', {col}) = {col} "
        f"""THEN '"' || to_char({utc}, 'YYYY-MM-DD"T"HH24:MI:SS"Z"') || '"' """
        f"""ELSE '"' || to_char({utc}, 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || '"' END"""
    )


def _str(col: str) -> str:
    return f"coalesce(to_json({col})::text, 'null')"


# one WorklistRow as compact JSON, in the model's field order
_ROW_SQL = (
    """'{"case_id":' || to_json(page.case_id)::text"""
    """ || ',"borrower_name":' || to_json(page.borrower_name)::text"""
    """ || ',"status":' || to_json(page.status)::text"""
    """ || ',"bucket":' || to_json(page.bucket)::text"""
    """ || ',"dpd":' || page.dpd::text"""
    """ || ',"overdue_total":' || page.overdue_total::text"""
    """ || ',"priority":' || page.priority::text"""
    f""" || ',"assigned_to":' || {_str("page.assigned_to")}"""
    f""" || ',"last_contact_at":' || {_ts("page.last_contact_at")}"""
    f""" || ',"next_action_at":' || {_ts("page.next_action_at")}"""
    """ || ',"next_action_kind":' || to_json(page.next_action_kind)::text"""
    """ || ',"callable_now":null'"""
    f""" || ',"phone_masked":' || {_str("page.phone_masked")}"""
    """ || ',"contract_no":' || to_json(page.contract_no)::text"""
    f""" || ',"plate":' || {_str("page.plate")}"""
    """ || ',"flags":' || CASE WHEN page.flags IS NULL OR json_typeof(page.flags) <> 'array'"""
    """ OR json_array_length(page.flags) = 0 THEN '[]' ELSE '[' || (SELECT string_agg("""
    """to_json(e.v)::text, ',' ORDER BY e.o) FROM json_array_elements_text(page.flags)"""
    """ WITH ORDINALITY AS e(v, o)) || ']' END || '}'"""
)


@lru_cache(maxsize=512)
def _body_stmt(shape: _Shape) -> Select[Any]:
    """rows JSON (comma-joined objects), bucket_counts JSON members, total: one row."""
    # one scan of the filter's cases feeds both the counts and the page
    scoped = _scoped(shape).cte("scoped")
    counts = (
        select(scoped.c.bucket.label("bucket"), func.count().label("n"))
        .group_by(scoped.c.bucket)
        .cte("counts")
    )
    src: Any = scoped
    if shape.buckets:
        src = (
            select(scoped)
            .where(scoped.c.bucket.in_(bindparam("buckets", expanding=True)))
            .subquery("src")
        )
    page = _page_from(shape, src, numbered=True).cte("page")
    rows = select(
        func.string_agg(
            literal_column(_ROW_SQL), aggregate_order_by(literal_column("','"), page.c.rn)
        )
    ).scalar_subquery()
    members = select(
        func.string_agg(
            literal_column("to_json(counts.bucket)::text || ':' || counts.n::text"),
            aggregate_order_by(literal_column("','"), counts.c.bucket),
        )
    ).scalar_subquery()
    total = select(func.coalesce(func.sum(counts.c.n), 0))
    if shape.buckets:
        total = total.where(counts.c.bucket.in_(bindparam("buckets", expanding=True)))
    return select(rows, members, total.scalar_subquery())


def worklist_body_pg(
    conn: Connection, user: User | TokenUser, f: WorklistFilter, *, now: datetime, day_end: datetime
) -> bytes:
    """The page as WorklistPage JSON, written by PostgreSQL (one statement)."""
    shape, params = _shape_and_params(conn, user, f, now, day_end)
    rows, members, total = conn.execute(_body_stmt(shape), params).one()
    return (
        f'{{"rows":[{rows or ""}],"total":{int(total)},"limit":{f.limit},'
        f'"offset":{f.offset},"bucket_counts":{{{members or ""}}}}}'
    ).encode()


__all__ = ["worklist_body_pg"]
