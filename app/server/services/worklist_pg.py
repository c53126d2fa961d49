"""The worklist page written by PostgreSQL: one statement returns the page's rows already as
JSON text (in page order), the bucket counts as JSON text and the total; Python only joins
three strings. The statement is compiled once per shape and run prepared on the pooled
psycopg connection (app/server/pg_prepared.py). Same scope, filters, order and paging as app.server.services.worklist (the
statements are built from the same pieces), the same JSON as WorklistPage's
(tests/server/test_worklist_pg.py): compact, field order of the model; datetimes in UTC
written by PostgreSQL ("+00:00" where pydantic writes "Z"; both are ISO 8601 / RFC 3339).
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from typing import Any

import psycopg
from sqlalchemy import String, any_, bindparam, func, literal_column, select
from sqlalchemy.dialects.postgresql import ARRAY, aggregate_order_by

from app.server.auth import TokenUser
from app.server.models import User
from app.server.pg_prepared import PgStatement
from app.server.services.worklist import (
    AGENT_BY_NAME,
    WorklistFilter,
    _page_from,
    _scoped,
    _Shape,
    _shape_and_params,
    agent_in_scope,
)

# one WorklistRow as JSON, in the model's field order: row_to_json of the page row (compact,
# written by PostgreSQL's C code; timestamptz in ISO 8601 in the session's time zone, which
# db.make_engine pins to UTC: "2026-11-28T05:12:00+00:00", a fraction only when there is one)
_ROWS_SQL = (
    "(SELECT string_agg(row_to_json(r)::text, ',' ORDER BY page.rn) FROM page"
    " CROSS JOIN LATERAL (SELECT page.case_id, page.borrower_name, page.status, page.bucket,"
    " page.dpd, page.overdue_total, page.priority, page.assigned_to, page.last_contact_at,"
    " page.next_action_at, page.next_action_kind, NULL::boolean AS callable_now,"
    " page.phone_masked, page.contract_no, page.plate,"
    " CASE WHEN json_typeof(page.flags) = 'array' THEN page.flags ELSE '[]'::json END AS flags"
    ") AS r)"
)


def _in_buckets(col: Any) -> Any:
    return col == any_(bindparam("buckets", type_=ARRAY(String)))


@lru_cache(maxsize=512)
def _body_stmt(shape: _Shape) -> PgStatement:
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
        src = select(scoped).where(_in_buckets(scoped.c.bucket)).subquery("src")
    page = _page_from(shape, src, numbered=True).cte("page")
    members = select(
        func.string_agg(
            literal_column("to_json(counts.bucket)::text || ':' || counts.n::text"),
            aggregate_order_by(literal_column("','"), counts.c.bucket),
        )
    ).scalar_subquery()
    total = select(func.coalesce(func.sum(counts.c.n), 0))
    if shape.buckets:
        total = total.where(_in_buckets(counts.c.bucket))
    stmt = select(literal_column(_ROWS_SQL), members, total.scalar_subquery()).add_cte(page)
    return PgStatement(stmt)


_AGENT_BY_NAME = PgStatement(AGENT_BY_NAME)


def worklist_body_pg(
    conn: psycopg.Connection[Any],
    user: User | TokenUser,
    f: WorklistFilter,
    *,
    now: datetime,
    day_end: datetime,
) -> bytes:
    """The page as WorklistPage JSON, written by PostgreSQL (one prepared statement; two
    when `?agent=` names someone), on a psycopg connection."""
    agent_id = None
    if f.agent is not None:
        found = _AGENT_BY_NAME.run(conn, {"username": f.agent})
        agent_id = agent_in_scope(user, found[0] if found else None)
    shape, params = _shape_and_params(user, f, now, day_end, agent_id)
    rows, members, total = _body_stmt(shape).run(conn, params)[0]
    return (
        f'{{"rows":[{rows or ""}],"total":{int(total)},"limit":{f.limit},'
        f'"offset":{f.offset},"bucket_counts":{{{members or ""}}}}}'
    ).encode()


__all__ = ["worklist_body_pg"]
