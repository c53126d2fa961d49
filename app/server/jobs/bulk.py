"""Bulk inserts through SQLAlchemy Core: COPY on PostgreSQL, executemany on SQLite.

ORM `add_all` is ~8x slower than Core executemany (DESIGN.md §9); on PostgreSQL, COPY of
text rows through psycopg is several times faster again. Rows are dicts keyed by column
name; missing columns get their scalar/callable Core default, so both paths store the
same values.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Table, insert


def _defaults(table: Table, rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    present = set(rows[0])
    out: dict[str, Any] = {}
    for col in table.columns:
        if col.name in present or col.default is None:
            continue
        default = col.default
        arg = getattr(default, "arg", None)
        if getattr(default, "is_callable", False):
            out[col.name] = arg(None) if callable(arg) else arg  # type: ignore[misc]
        elif getattr(default, "is_scalar", False):
            out[col.name] = arg
    return out


def bulk_insert(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> int:
    """Insert `rows` (same keys each) into `table` in the connection's transaction."""
    if not rows:
        return 0
    extra = _defaults(table, rows)
    if conn.dialect.name != "postgresql":
        if extra:
            rows = [{**extra, **r} for r in rows]
        conn.execute(insert(table), list(rows))
        return len(rows)
    names = list(rows[0]) + list(extra)
    json_cols = {c.name for c in table.columns if c.type.__class__.__name__ == "JSON"}
    if json_cols & set(names):
        conn.execute(insert(table), [{**extra, **r} for r in rows])
        return len(rows)
    tail = tuple(extra.values())
    raw = conn.connection.dbapi_connection
    assert raw is not None
    cols = ", ".join(f'"{n}"' for n in names)
    with raw.cursor() as cur, cur.copy(f'COPY "{table.name}" ({cols}) FROM STDIN') as copy:
        keys = list(rows[0])
        for r in rows:
            copy.write_row([r[k] for k in keys] + list(tail))
    return len(rows)
