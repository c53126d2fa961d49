"""Hot read statements on PostgreSQL: a Core statement compiled once, run on the pooled
psycopg connection as a server-side prepared statement.

SQLAlchemy builds and compiles every statement of the server. For the few statements that
run on every request of a hot read route (the token check, the worklist page), its
per-execution work (cache key of the statement tree, execution context, result wrapper)
costs more Python time than the query costs PostgreSQL; `PgStatement` keeps the compiled
text (`$1`, `$2`, ... placeholders) and the parameter order and hands them to psycopg
directly (`RawCursor`, prepared on the server). Bind values still go through each bind
type's processor, so a TypeDecorator's rules (aware datetimes in UTC) hold. Results come
back as plain tuples: use it for statements whose columns need no result processing
(numbers, text, booleans, timestamptz; the engine pins every session to UTC).

Only statements without expanding (`IN (...)` list) parameters can be prepared this way:
write `= ANY(:param)` with an ARRAY bind instead.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, cast

import psycopg
from sqlalchemy import Executable
from sqlalchemy.dialects.postgresql.psycopg import PGDialect_psycopg
from sqlalchemy.sql.elements import ClauseElement
from sqlalchemy.types import TypeEngine

_DIALECT = PGDialect_psycopg(paramstyle="numeric_dollar")  # type: ignore[no-untyped-call]


def _processor(type_: TypeEngine[Any]) -> Callable[[Any], Any] | None:
    # the processor of the type as the psycopg dialect implements it (JSON, TypeDecorators)
    return type_.dialect_impl(_DIALECT).bind_processor(_DIALECT)


class PgStatement:
    """One compiled statement: `run(conn, params)` returns the rows as tuples."""

    def __init__(self, stmt: Executable) -> None:
        # the SQL compiler's attributes (positional binds, expanding params) are not typed
        compiled: Any = cast(ClauseElement, stmt).compile(dialect=_DIALECT)
        if compiled.literal_execute_params or compiled.post_compile_params:
            raise ValueError("expanding parameters cannot be prepared; use = ANY(:param)")
        self.sql = str(compiled)
        order = compiled.positiontup or []
        # per placeholder: (key, required, value in the statement, the type's bind processor)
        self._binds: list[tuple[str, bool, Any, Callable[[Any], Any] | None]] = []
        for name in order:
            bind = compiled.binds[name]
            if bind.callable is not None:
                raise ValueError(f"bind parameter {bind.key!r} has a callable value")
            self._binds.append((bind.key, bind.required, bind.value, _processor(bind.type)))

    def params(self, values: Mapping[str, Any]) -> list[Any]:
        """The positional parameters: `values[key]`, else the value written in the statement."""
        out = []
        for key, required, value, process in self._binds:
            if key in values:
                value = values[key]
            elif required:
                raise KeyError(f"a value is required for bind parameter {key!r}")
            out.append(process(value) if process is not None and value is not None else value)
        return out

    def run(
        self, conn: psycopg.Connection[Any], values: Mapping[str, Any]
    ) -> list[tuple[Any, ...]]:
        with psycopg.RawCursor(conn) as cur:
            cur.execute(self.sql, self.params(values), prepare=True)
            return cur.fetchall()

    def send(self, conn: psycopg.Connection[Any], values: Mapping[str, Any]) -> None:
        """Execute without reading rows (a write; in a pipeline, queued until its sync)."""
        with psycopg.RawCursor(conn) as cur:
            cur.execute(self.sql, self.params(values), prepare=True)


__all__ = ["PgStatement"]
