"""Bulk inserts through SQLAlchemy Core: COPY on PostgreSQL, executemany on SQLite.

ORM `add_all` is ~8x slower than Core executemany (DESIGN.md §9); on PostgreSQL, COPY of
text rows through psycopg is several times faster again. Rows are dicts keyed by column
name; missing columns get their scalar/callable Core default, so both paths store the
same values.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    import psycopg

from sqlalchemy import Connection, Table, insert, text


def _defaults(table: Table, rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    present = set(rows[0])
    out: dict[str, Any] = {}
    for col in table.columns:
        if col.name in present or col.default is None:
            continue
        default = col.default
        arg = getattr(default, "arg", None)
        if getattr(default, "is_callable", False):
            out[col.name] = arg(None) if callable(arg) else arg
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
    raw = cast("psycopg.Connection[Any]", conn.connection.dbapi_connection)
    assert raw is not None
    cols = ", ".join(f'"{n}"' for n in names)
    with raw.cursor() as cur, cur.copy(f'COPY "{table.name}" ({cols}) FROM STDIN') as copy:
        keys = list(rows[0])
        for r in rows:
            copy.write_row([r[k] for k in keys] + list(tail))
    return len(rows)


@contextmanager
def deferred_indexes(conn: Connection, tables: Sequence[str]) -> Iterator[None]:
    """PostgreSQL bulk load: drop the tables' indexes, foreign keys and unreferenced primary-key
    / unique constraints for the load and rebuild them afterwards, in the same transaction.

    Building an index once over millions of rows is far cheaper than maintaining it row by
    row (random UUID keys in particular), and one validation query per foreign key is far
    cheaper than a trigger per row. A duplicate key or a dangling reference still fails, at
    rebuild time.
    Only for tables that are empty when the load starts; a no-op on SQLite.
    """
    if conn.dialect.name != "postgresql" or not tables:
        yield
        return
    names = list(tables)
    foreign = conn.execute(
        text(
            "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid)"
            " FROM pg_constraint c WHERE c.contype = 'f'"
            " AND c.conrelid::regclass::text = ANY(:t)"
        ),
        {"t": names},
    ).all()
    constraints = conn.execute(
        text(
            "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid)"
            " FROM pg_constraint c WHERE c.contype IN ('p', 'u')"
            " AND c.conrelid::regclass::text = ANY(:t)"
            " AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f'"
            " AND f.confrelid = c.conrelid)"
        ),
        {"t": names},
    ).all()
    indexes = conn.execute(
        text(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i"
            " WHERE i.schemaname = current_schema() AND i.tablename = ANY(:t)"
            " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid ="
            " (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)"
        ),
        {"t": names},
    ).all()
    for table, name, _ in [*foreign, *constraints]:
        conn.execute(text(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"'))
    for name, _ in indexes:
        conn.execute(text(f'DROP INDEX "{name}"'))
    yield
    conn.execute(text("SET LOCAL maintenance_work_mem = '256MB'"))  # faster index builds
    for table, name, definition in constraints:
        conn.execute(text(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}'))
    for _, definition in indexes:
        conn.execute(text(definition))
    for table, name, definition in foreign:
        conn.execute(text(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}'))
